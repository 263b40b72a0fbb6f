"""SQLAlchemy models only: no Qt, no I/O. Importing this package registers every table on `Base.metadata`."""

from .base import Base, StoredFile, Synced, alive, new_id, utcnow
from .courses import Course, Enrollment, ExternalCourse, MethodEvent, Participation
from .indicators import Indicator, IndicatorTarget, IndicatorValue
from .installation import AuditEntry, Installation, PacketLog, Peer, Proposal, Setting
from .results import ExamResult, Graduation, OlympiadResult, VprReference, VprResult
from .risks import RiskFactor, RiskIndicator, RiskLevel, RiskMeasure, RiskProfile, RiskProgram
from .roadmaps import (
    EventOccurrence,
    Evidence,
    Roadmap,
    RoadmapChange,
    RoadmapCorrection,
    RoadmapEvent,
    RoadmapEventSchool,
    RoadmapSection,
)
from .schools import (
    Assignment,
    District,
    DistrictSummary,
    Partnership,
    School,
    SchoolStatus,
    SocialPassport,
)
from .staff import (
    Diagnostic,
    IndividualRoute,
    StaffingSlot,
    Teacher,
    TeacherPosition,
    TeacherSubject,
)
from .support import AnswerFile, Practice, Recommendation, RecommendationAnswer, SupportAction
from .years import ProgramYear, StatusProposal, Submission

SYNCED_MODELS: tuple[type[Synced], ...] = (
    District, School, SchoolStatus, SocialPassport, Teacher, TeacherPosition, TeacherSubject, StaffingSlot,
    Diagnostic, IndividualRoute, Course, Enrollment, ExternalCourse, MethodEvent, Participation, Partnership,
    Assignment, Roadmap, RoadmapSection, RoadmapEvent, RoadmapEventSchool, EventOccurrence, Evidence,
    RoadmapCorrection, RoadmapChange, Indicator, IndicatorTarget, IndicatorValue, ExamResult, VprResult,
    VprReference, Graduation, OlympiadResult, Recommendation, RecommendationAnswer, AnswerFile, SupportAction,
    Practice, DistrictSummary,
    RiskFactor, RiskProfile, RiskLevel, RiskProgram, RiskMeasure, RiskIndicator, Submission,
)
"""Every table that can travel in a packet, parents before children (the order to apply a packet in)."""
SYNCED_BY_TABLE: dict[str, type[Synced]] = {model.__tablename__: model for model in SYNCED_MODELS}


def references(model: type[Base]) -> list[tuple[str, str]]:
    """(column, the table it refers to) for each foreign-key column of `model`."""
    return [(column.name, next(iter(column.foreign_keys)).column.table.name)
            for column in model.__table__.columns if column.foreign_keys]


__all__ = [m.__name__ for m in SYNCED_MODELS] + [
    "AuditEntry", "Base", "Installation", "PacketLog", "Peer", "ProgramYear", "Proposal", "Setting", "StatusProposal",
    "StoredFile", "SYNCED_BY_TABLE", "Synced", "alive", "new_id", "references", "utcnow",
]
