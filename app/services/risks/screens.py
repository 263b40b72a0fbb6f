"""What the window's «Риски «500+»» screens read at once (off the UI thread): a profile with the Kurator data beside
it and whether it may be changed here; a school's programs with the priority risks still without one."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from .access import may_keep_profile
from .evidence import Evidence, profile_evidence
from .factors import priority_limit
from .profiles import ProfileDetail, profile_detail
from .progress import ProgramView, programs_of
from .roadmap_link import LinkableEvent, linkable_events


@dataclass(frozen=True)
class ProfileScreen:
    detail: ProfileDetail
    evidence: dict[str, Evidence]  # by evidence kind
    limit: int
    editable: bool
    reason: str


@dataclass(frozen=True)
class ProgramsScreen:
    year: int
    has_profile: bool
    programs: list[ProgramView]
    priority: list[tuple[str, str]]  # (code, title) of the profile's priority risks
    events: list[LinkableEvent]  # roadmap events a measure may be made of
    editable: bool
    reason: str

    @property
    def without_program(self) -> list[str]:
        """Titles of the priority risks that have no anti-risk program yet."""
        covered = {p.factor_code for p in self.programs}
        return [title for code, title in self.priority if code not in covered]


def profile_screen(session: Session, school_id: str, year: int) -> ProfileScreen:
    detail = profile_detail(session, school_id, year)
    allowed, reason = may_keep_profile(session, school_id)
    return ProfileScreen(detail, profile_evidence(session, school_id, year, [f.evidence for f in detail.factors]),
                         priority_limit(session), allowed, reason)


def programs_screen(session: Session, school_id: str, year: int, today: date | None = None) -> ProgramsScreen:
    detail = profile_detail(session, school_id, year)
    allowed, reason = may_keep_profile(session, school_id)
    priority = [(f.code, f.title) for f in detail.factors if f.priority]
    return ProgramsScreen(year, detail.exists, programs_of(session, school_id, year, today), priority,
                          linkable_events(session, school_id, year) if allowed else [], allowed, reason)
