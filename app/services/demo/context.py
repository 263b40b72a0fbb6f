"""What the parts of the demo generator share: the collector, the schools in scope and their staff plans."""

from dataclasses import dataclass, field

from app.services.ids import school_id

from .records import DemoRecords
from .specs import SchoolSpec
from .staff import StaffPlan, plan_staff


@dataclass
class DemoContext:
    records: DemoRecords
    schools: list[SchoolSpec]  # the schools this installation holds: all of the district, or its own one
    district_mode: bool
    district_id: str = ""
    plans: dict[str, StaffPlan] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.plans = {spec.code: plan_staff(spec) for spec in self.schools}
        self._codes = {spec.code for spec in self.schools}

    def holds(self, code: str | None) -> bool:
        return code in self._codes

    def school_id(self, code: str) -> str:
        return school_id(code)
