"""District frames shared by many readers: within a `shared_frames(session)` block, a district-wide computation marked
`@district_frame` (ИСБ, the result index, the quadrants, the indicator table, …) runs once per set of arguments and
every later caller in the block gets the same result — so all school profiles of a district cost the district's
frames once plus each school's own part, not the frames once per school.

    with shared_frames(session):
        for code in codes:
            school_report(session, code, year, folder / f"{code}.pdf")

Outside a block nothing is kept. A block is for reading: a write (a flush) inside it forgets what was kept.
"""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import wraps
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

FRAMES_KEY = "district_frames"
Result = TypeVar("Result")


@contextmanager
def session_cache(session: Session, key: str) -> Iterator[None]:
    """A dict kept in `session.info[key]` for the block (an enclosing block's is kept, not replaced)."""
    if key in session.info:
        yield
        return
    session.info[key] = {}
    try:
        yield
    finally:
        session.info.pop(key, None)


def shared_frames(session: Session) -> AbstractContextManager[None]:
    """Within the block, each district frame is computed once (an enclosing block's frames are kept)."""
    return session_cache(session, FRAMES_KEY)


def district_frame(function: Callable[..., Result]) -> Callable[..., Result]:
    """Mark a function of (session, plain arguments) whose result depends on the district's data only: within
    `shared_frames` it is computed once per arguments. Callers must not change the result they get."""
    @wraps(function)
    def shared(session: Session, *args: Any, **kwargs: Any) -> Result:
        frames = session.info.get(FRAMES_KEY)
        if frames is None:
            return function(session, *args, **kwargs)
        key = (function.__module__, function.__qualname__, repr(args), repr(sorted(kwargs.items())))
        if key not in frames:
            frames[key] = function(session, *args, **kwargs)
        return frames[key]
    return shared


def sharing_frames(function: Callable[..., Result]) -> Callable[..., Result]:
    """Mark a reader of many district frames (a report): its whole call is one `shared_frames` block."""
    @wraps(function)
    def sharing(session: Session, *args: Any, **kwargs: Any) -> Result:
        with shared_frames(session):
            return function(session, *args, **kwargs)
    return sharing


@event.listens_for(Session, "after_flush")
def _forget_after_a_write(session: Session, _context: Any) -> None:
    if FRAMES_KEY in session.info:
        session.info[FRAMES_KEY] = {}
