"""Synthetic staff of one school: people with realistic names, positions, subjects, staffing slots."""

import random
from dataclasses import dataclass
from datetime import date

from app.models import StaffingSlot, Teacher, TeacherPosition, TeacherSubject
from app.services.ids import stable_id

from .data import load
from .records import DemoRecords
from .specs import SchoolSpec

SEED_YEAR = 2023  # the demo's "now": ages and experience are as of this year
SLOT_YEARS = (2021, 2022, 2023)
PRIMARY = ("primary_teacher", ("Начальные классы",))


@dataclass(frozen=True)
class Role:
    position: str
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True)
class StaffMember:
    id: str
    index: int
    role: Role
    last_name: str
    first_name: str
    middle_name: str
    birth_year: int
    experience: int
    young: bool
    qualification: str

    @property
    def full_name(self) -> str:
        return f"{self.last_name} {self.first_name} {self.middle_name}"

    def teaches(self, subject: str) -> bool:
        return subject in self.role.subjects


@dataclass(frozen=True)
class Vacancy:
    role: Role
    since: int


@dataclass(frozen=True)
class StaffPlan:
    members: list[StaffMember]
    vacancies: list[Vacancy]
    rates: dict[int, float]  # member index → rate

    def first(self, position: str) -> StaffMember | None:
        return next((m for m in self.members if m.role.position == position), None)


def school_rng(spec: SchoolSpec, purpose: str) -> random.Random:
    """A generator of its own for each school and purpose: one school's data never shifts another's."""
    return random.Random(f"{load('synthetic')['seed']}:{spec.code}:{purpose}")


def staff_roles(spec: SchoolSpec) -> list[Role]:
    """The positions a school of this kind and size has: leaders, subject teachers, primary, specialists."""
    people = load("people")
    bundles = people["subject_bundles"].get(spec.kind, people["subject_bundles"]["СОШ"])
    extra = max(0, spec.pupils // people["pupils_per_extra_bundle"] - 2)
    primary = round(spec.pupils * 4 / 11 / people["primary_class_size"])
    primary = min(max(primary, 2), people["primary_max"])
    roles = [Role("director"), Role("deputy_uvr")]
    roles += [Role("teacher", tuple(b)) for b in bundles + people["extra_bundles"][:extra]]
    roles += [Role(*PRIMARY)] * primary
    roles += [Role(position) for position, threshold in people["support_staff"] if spec.pupils >= threshold]
    return roles[: people["staff_limits"][1]]


def plan_staff(spec: SchoolSpec) -> StaffPlan:
    """Decide, deterministically, who works at the school and which posts are vacant."""
    rng, people = school_rng(spec, "staff"), load("people")
    chance = people["vacancy_chance"]["shnor" if spec.supported else "other"]
    names = _NameMaker(rng, spec.locality)
    members, vacancies, rates = [], [], {}
    for role in staff_roles(spec):
        prone = not {role.position, *role.subjects[:1]}.isdisjoint(people["vacancy_prone"])
        if prone and rng.random() < chance:
            vacancies.append(Vacancy(role, rng.choice(SLOT_YEARS)))
            continue
        index = len(members)
        members.append(_member(spec, index, role, rng, names))
        rates[index] = 1.0 if role.position in ("director", "deputy_uvr", "deputy_vr") else rng.choice(people["rates"])
    return StaffPlan(members, vacancies, rates)


def _member(spec: SchoolSpec, index: int, role: Role, rng: random.Random, names: "_NameMaker") -> StaffMember:
    people = load("people")
    leader = role.position in ("director", "deputy_uvr", "deputy_vr")
    young = not leader and rng.random() < people["young_specialist_share"]
    female = rng.random() < people["female_share"]["director" if role.position == "director" else "other"]
    age = rng.randint(22, 26) if young else rng.randint(40, 62) if leader else rng.randint(27, 64)
    experience = rng.randint(0, 3) if young else rng.randint(max(3, age - 40 if leader else 3), age - 22)
    if young:
        qualification = "none"
    elif leader:
        qualification = rng.choice(["highest", "first"])
    else:
        weights = people["qualification_weights"]
        qualification = rng.choices(list(weights), weights=list(weights.values()))[0]
    last, first, middle = names.make(female)
    return StaffMember(
        id=stable_id("demo", "teacher", spec.code, index), index=index, role=role, last_name=last,
        first_name=first, middle_name=middle, birth_year=SEED_YEAR - age, experience=experience, young=young,
        qualification=qualification,
    )


class _NameMaker:
    """Kabardian and Russian surnames with agreeing gender forms; no two people of a school share a name."""

    def __init__(self, rng: random.Random, locality: str):
        self._rng = rng
        self._kabardian_share = load("people")["kabardian_share"][locality]
        self._used: set[str] = set()

    def make(self, female: bool) -> tuple[str, str, str]:
        while True:
            name = self._draw(female)
            if " ".join(name) not in self._used:
                self._used.add(" ".join(name))
                return name

    def _draw(self, female: bool) -> tuple[str, str, str]:
        people, rng = load("people"), self._rng
        origin = "kabardian" if rng.random() < self._kabardian_share else "russian"
        surname = rng.choice(people[f"surnames_{origin}"])
        first = rng.choice(people["first_names"][origin]["female" if female else "male"])
        patronymic = rng.choice(people["patronymics"][origin])[1 if female else 0]
        return (surname + "а" if female else surname), first, patronymic


def add_staff(records: DemoRecords, spec: SchoolSpec, plan: StaffPlan, school_id: str) -> None:
    """Teachers with their positions and subjects, and the staffing slots with vacancies, for one school."""
    rng = school_rng(spec, "staff-details")
    education = load("people")["education"]
    for member in plan.members:
        records.add(
            Teacher, record_id=member.id, school_id=school_id, last_name=member.last_name,
            first_name=member.first_name, middle_name=member.middle_name, birth_year=member.birth_year,
            qualification=member.qualification, experience_years=member.experience, young_specialist=member.young,
            education=rng.choice(education), hired_on=date(SEED_YEAR - rng.randint(0, member.experience), 9, 1),
        )
        records.add(TeacherPosition, member.id, member.role.position, teacher_id=member.id,
                    position=member.role.position, rate=plan.rates[member.index], is_main=True)
        for subject in member.role.subjects:
            records.add(TeacherSubject, member.id, subject, teacher_id=member.id, subject=subject)
    _add_slots(records, spec, plan, school_id)


def _slot_key(role: Role) -> tuple[str, str | None]:
    return role.position, (role.subjects[0] if role.subjects else None)


def _add_slots(records: DemoRecords, spec: SchoolSpec, plan: StaffPlan, school_id: str) -> None:
    for year in SLOT_YEARS:
        totals: dict[tuple[str, str | None], list[float]] = {}
        for member in plan.members:
            slot = totals.setdefault(_slot_key(member.role), [0.0, 0.0])
            slot[0] += plan.rates[member.index]
            slot[1] += plan.rates[member.index]
        for vacancy in plan.vacancies:
            slot = totals.setdefault(_slot_key(vacancy.role), [0.0, 0.0])
            slot[0] += 1.0
            slot[1] += 1.0 if year < vacancy.since else 0.0
        for (position, subject), (rates, filled) in totals.items():
            records.add(StaffingSlot, spec.code, year, position, subject, school_id=school_id, year=year,
                        position=position, subject=subject, rates=rates, filled_rates=filled)
