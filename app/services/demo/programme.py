"""The district's side of the demo: the district, its school register and statuses, partnerships, curators,
the course catalogue, methodological events and the indicators with their targets."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    Assignment,
    Course,
    District,
    Indicator,
    IndicatorTarget,
    IndicatorValue,
    MethodEvent,
    Partnership,
    School,
    SchoolStatus,
)
from app.services.indicators.catalogue import load_catalogue

from .context import DemoContext
from .data import load
from .specs import SchoolSpec
from .staff import plan_staff


@dataclass(frozen=True)
class CourseRun:
    id: str
    topic: str
    year: int
    end: date
    subject: str | None = None
    positions: tuple[str, ...] = ()


@dataclass(frozen=True)
class MethodSession:
    id: str
    audience: str
    year: int
    subject: str | None
    host: str | None


def add_district(ctx: DemoContext) -> str:
    district = load("terskiy_2022")["district"]
    ctx.district_id = ctx.records.add(District, district["name"], **district)
    return ctx.district_id


def school_fields(ctx: DemoContext, spec: SchoolSpec) -> dict:
    """The register attributes of a school (all but its code and name)."""
    director = ctx.plans[spec.code].first("director")
    return dict(
        district_id=ctx.district_id, kind=spec.kind, settlement=spec.settlement, locality=spec.locality,
        context_type=spec.context_type, distance_km=spec.distance_km, pupils=spec.pupils,
        director=director.full_name if director else None, growth_point_opened=spec.growth_point_opened,
    )


def add_schools(ctx: DemoContext) -> None:
    """Register every school in scope (at a district) and every school's statuses by year."""
    for spec in ctx.schools:
        if ctx.district_mode:
            ctx.records.add(School, record_id=ctx.school_id(spec.code), code=spec.code, name=spec.name,
                            **school_fields(ctx, spec))
        for status, years in spec.statuses.items():
            for year in years:
                ctx.records.add(SchoolStatus, spec.code, year, status, school_id=ctx.school_id(spec.code),
                                year=year, status=status, basis=spec.bases.get(status))


def add_partnerships(ctx: DemoContext, specs: dict[str, SchoolSpec]) -> None:
    """Mentor (резильентные) schools for each ШНОР, and a municipal mentor for each school team."""
    synthetic = load("synthetic")
    first, last = synthetic["partnership_years"][0], synthetic["partnership_years"][-1]
    for pair in synthetic["partnerships"]:
        school, mentor = pair["school"], pair["mentor"]
        if not ctx.holds(school):
            continue
        if ctx.holds(mentor):
            ctx.records.add(Partnership, school, mentor, first, school_id=ctx.school_id(school),
                            mentor_school_id=ctx.school_id(mentor), kind="mentoring", year_from=first, year_to=last,
                            agreement=synthetic["partnership_agreement"])
        director = plan_staff(specs[mentor]).first("director")
        ctx.records.add(Assignment, "mentor", school, kind="mentor", person_name=director.full_name,
                        person_position="Директор школы-наставника", organisation=specs[mentor].name,
                        school_id=ctx.school_id(school), start_date=date(first, 9, 1), end_date=date(last, 12, 31),
                        note=("За школьной управленческой командой закреплён муниципальный наставник "
                              "(Анализ реализации Дорожной карты, 2022)"))


def add_curators(ctx: DemoContext) -> None:
    """Curators of the «500+» schools: methodists of the ИМЦ, one per school."""
    synthetic = load("synthetic")
    methodists = synthetic["methodists"]
    start, end = (date.fromisoformat(d) for d in synthetic["curator_period"])
    curated = [s for s in ctx.schools if s.has(synthetic["curated_status"])]
    office = load("terskiy_2022")["district"]["office_name"]
    for spec in curated:
        methodist = methodists[spec.seed_index % len(methodists)]
        ctx.records.add(Assignment, "curator", spec.code, kind="curator", person_name=methodist["name"],
                        person_position=methodist["position"], organisation=office,
                        school_id=ctx.school_id(spec.code), start_date=start, end_date=end,
                        note="Куратор школы — участницы проекта «500+» (Анализ реализации Дорожной карты, 2022)")


def add_courses(ctx: DemoContext) -> list[CourseRun]:
    """The seed's 2022 courses and the synthetic catalogue, each run of a course a record of its own."""
    return _seed_courses(ctx) + _synthetic_courses(ctx)


def _seed_courses(ctx: DemoContext) -> list[CourseRun]:
    runs = []
    dates = load("synthetic")["course_dates"]
    for course in load("terskiy_2022")["courses"]:
        start, end, hours, form = dates[course["key"]]
        start, end = date.fromisoformat(start), date.fromisoformat(end)
        common = dict(kind=course["kind"], provider=course["provider"], hours=hours, format=form,
                      topic=course["topic"], start_date=start, end_date=end, for_leaders=course["for_leaders"])
        for subject in course.get("subjects", [None]):
            title = course["title_template"].format(subject=subject["label"]) if subject else course["title"]
            subject_name = subject["subject"] if subject else None
            course_id = ctx.records.add(Course, "seed", course["key"], subject_name, title=title,
                                        subject=subject_name, **common)
            runs.append(CourseRun(course_id, course["topic"], course["year"], end, subject_name))
    return runs


def _synthetic_courses(ctx: DemoContext) -> list[CourseRun]:
    runs = []
    for course in load("synthetic")["synthetic_courses"]:
        first_month, last_month = course["months"]
        for year in course["years"]:
            start, end = date(year, first_month, 1), date(year, last_month, 25)
            course_id = ctx.records.add(
                Course, "synthetic", course["key"], year, title=course["title"], kind=course["kind"],
                provider=course["provider"], hours=course["hours"], format=course["format"], topic=course["topic"],
                start_date=start, end_date=end, for_leaders=False,
            )
            runs.append(CourseRun(course_id, course["topic"], year, end, positions=tuple(course.get("positions", ()))))
    return runs


def add_method_events(ctx: DemoContext) -> list[MethodSession]:
    """The seed's methodological events (dates are the demo's) and a few more in 2021 and 2023."""
    synthetic = load("synthetic")
    seeded = {event["key"]: event for event in load("terskiy_2022")["method_events"]}
    note = "Мероприятие названо в Анализе реализации Дорожной карты за 2022 год; дата демонстрационная."
    items = [dict(seeded[s["event"]], **s, level="municipal", note=note) for s in synthetic["method_sessions"]]
    items += [dict(event, event=event["key"], note=None) for event in synthetic["synthetic_method_events"]]
    sessions = []
    for item in items:
        held_on, subject, host = date.fromisoformat(item["date"]), item.get("subject"), item.get("host")
        title = f"{item['title']} ({subject})" if subject else item["title"]
        event_id = ctx.records.add(
            MethodEvent, item["event"], item["date"], title=title, kind=item["kind"], level=item["level"],
            held_on=held_on, organiser=synthetic["method_organiser"],
            host_school_id=ctx.school_id(host) if ctx.holds(host) else None, description=item["note"],
        )
        sessions.append(MethodSession(event_id, item["audience"], held_on.year, subject, host))
    return sessions


def add_indicators(ctx: DemoContext, session: Session) -> None:
    """The program's indicator catalogue (seeds/003 and seeds/000, real, not demo), plus demo targets for the
    seeds/000 indicators (the seed states none) and demo actuals for the one entered by hand."""
    load_catalogue(session)
    synthetic = load("synthetic")
    ids = dict(session.execute(select(Indicator.code, Indicator.id)).all())
    for code, targets in synthetic["indicator_targets_000"].items():
        for year, value in targets.items():
            ctx.records.add(IndicatorTarget, code, year, indicator_id=ids[code], year=int(year), value=value)
    for code, actuals in synthetic["manual_indicator_values"].items():
        for year, value in actuals.items():
            ctx.records.add(IndicatorValue, code, year, indicator_id=ids[code], year=int(year), value=value,
                            method="manual", comment="Демонстрационное значение")

