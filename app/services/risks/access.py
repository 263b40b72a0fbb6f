"""Who may change a school's risk profile and programs: one rule, the same as for the school's own roadmap (the
programs' measures are its events). The school keeps them; a district keeping a school is decided by that rule too."""

from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.services.roadmaps.plans import may_keep


def may_keep_profile(session: Session, school_id: str) -> tuple[bool, str]:
    """Whether this installation may change the school's risk profile and programs; the reason when it may not."""
    return may_keep(session, "school", school_id)


def require_profile_keeper(session: Session, school_id: str) -> None:
    """Refuse (changing nothing) to change a profile another installation keeps."""
    allowed, reason = may_keep_profile(session, school_id)
    if not allowed:
        raise KuratorError(reason)
