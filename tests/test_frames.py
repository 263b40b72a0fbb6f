"""District frames shared within a block: computed once per arguments inside it, every time outside it, and forgotten
when the block writes."""

from app.models import Course
from app.services.frames import district_frame, shared_frames

calls: list[int] = []


@district_frame
def frame_of(session, year: int) -> list[int]:
    calls.append(year)
    return [year]


def test_inside_a_block_each_frame_is_computed_once_per_arguments(district_db):
    calls.clear()
    with district_db.session() as session, shared_frames(session):
        assert frame_of(session, 2022) is frame_of(session, 2022)
        frame_of(session, 2023)
    assert calls == [2022, 2023]


def test_outside_a_block_nothing_is_kept(district_db):
    calls.clear()
    with district_db.session() as session:
        frame_of(session, 2022)
        frame_of(session, 2022)
        with shared_frames(session):
            frame_of(session, 2022)
        frame_of(session, 2022)
    assert calls == [2022] * 4


def test_a_write_inside_the_block_forgets_the_frames(district_db):
    calls.clear()
    with district_db.session() as session, shared_frames(session):
        frame_of(session, 2022)
        session.add(Course(title="Курс", kind="kpk", provider="ИРО", hours=36, format="distance"))
        session.flush()
        frame_of(session, 2022)
    assert calls == [2022, 2022]
