"""Training data: `kurator demo` fills an empty database with the Терский district of seeds/004 (or one of its
schools); `generator` makes a large region for trying Kurator at scale (`kurator generate`).

What the seeds state is kept exactly (resources/demo/terskiy_2022.json; the indicator catalogue resources/indicators/catalogue.json); everything else
is synthetic but plausible, generated deterministically, and marked `is_demo`. Every record has a stable id,
so a second run finds everything in place and creates nothing.
"""

import time
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.audit import current_user
from app.errors import KuratorError
from app.models import AuditEntry, Installation, Roadmap, School, Teacher, utcnow
from app.services.ids import school_id, stable_id
from app.services.installation import require_installation
from app.services.reports import facts

from . import activity, programme, risks, roadmaps
from .context import DemoContext
from .data import load
from .records import DemoRecords
from .results import add_results, add_vpr_references
from .specs import SchoolSpec, district_schools, school_for_installation
from .staff import add_staff

ALREADY_LOADED = "Демонстрационные данные уже загружены"
DEMO_YEAR = 2022


class DemoSummary(TypedDict):
    """`kurator demo --json`: what was loaded (records created by table) and the message for the user."""

    mode: str
    schools: int
    teachers: int
    created: dict[str, int]
    total_created: int
    updated: int
    seconds: float
    message: str


def load_demo(session: Session) -> DemoSummary:
    """Fill this installation's database with the demo district (or its own school); returns counts and a message."""
    started = time.perf_counter()
    installation = require_installation(session)
    _refuse_foreign_data(session, installation)
    ctx = _context(installation)
    _build(ctx, session)
    if ctx.district_mode and not facts.signer_stored(session):
        signature = load("terskiy_2022")["signature"]
        facts.set_signer(session, signature["position"], signature["name"])
    created = ctx.records.save(session)  # bulk inserts bypass the per-record audit: one summary line below
    risks.add_risk_profiles(ctx, session)  # their levels follow the data just saved
    created = {table: created.get(table, 0) + count for table, count in ctx.records.save(session).items()}
    if sum(created.values()):
        created["event_occurrence"] = roadmaps.plan_progress(session)
        installation.program_year = DEMO_YEAR  # the seed's roadmap year: every screen opens on data
    updated = _fill_own_school(ctx, session, installation)
    total = sum(created.values())
    seconds = round(time.perf_counter() - started, 2)
    if total:
        session.add(AuditEntry(at=utcnow(), user=session.info.get("user") or current_user(), action="demo",
                               table_name="*", record_id=installation.id, changes=created))
    return _summary(ctx, installation, created, updated, seconds)


def _refuse_foreign_data(session: Session, installation: Installation) -> None:
    """The demo goes only into an empty database (or one holding nothing but an earlier demo)."""
    own = school_id(installation.school_code) if installation.school_code else ""
    checks = (
        select(func.count()).select_from(School).where(School.is_demo.is_(False), School.id != own),
        select(func.count()).select_from(Teacher).where(Teacher.is_demo.is_(False)),
        select(func.count()).select_from(Roadmap).where(Roadmap.is_demo.is_(False)),
    )
    if any(session.scalar(check) for check in checks):
        raise KuratorError("В базе уже есть рабочие данные (школы, педагоги или дорожные карты): "
                           "демонстрационные данные загружаются только в пустую базу.")


def _context(installation: Installation) -> DemoContext:
    district_mode = installation.kind == "district"
    district_origin = stable_id("demo", "installation", load("terskiy_2022")["district"]["name"])
    if district_mode:
        schools = district_schools()
        own_kinds = frozenset({"district", "school", "origin", "by_level"})
    else:
        schools = [school_for_installation(installation.school_code, installation.name)]
        own_kinds = frozenset({"school", "origin"})
    records = DemoRecords(installation.id, district_origin, own_kinds)
    return DemoContext(records, schools, district_mode)


def _build(ctx: DemoContext, session: Session) -> None:
    programme.add_district(ctx)
    programme.add_schools(ctx)
    programme.add_partnerships(ctx, {spec.code: spec for spec in district_schools()})
    programme.add_curators(ctx)
    runs = programme.add_courses(ctx)
    sessions = programme.add_method_events(ctx)
    roadmaps.add_municipal_roadmap(ctx)
    add_vpr_references(ctx.records)
    if ctx.district_mode:
        programme.add_indicators(ctx, session)
    for spec in ctx.schools:
        _build_school(ctx, spec, runs, sessions)


def _build_school(ctx: DemoContext, spec: SchoolSpec, runs: list[programme.CourseRun],
                  sessions: list[programme.MethodSession]) -> None:
    school = ctx.school_id(spec.code)
    add_staff(ctx.records, spec, ctx.plans[spec.code], school)
    add_results(ctx.records, spec, school)
    activity.add_seed_enrolments(ctx, spec, runs)
    activity.add_synthetic_enrolments(ctx, spec, runs)
    activity.add_diagnostics(ctx, spec)
    activity.add_participations(ctx, spec, sessions)
    recommendations = activity.add_recommendations(ctx, spec)
    activity.add_support(ctx, spec, recommendations)
    activity.add_young_mentors(ctx, spec)
    activity.add_external_courses(ctx, spec)
    activity.add_practices(ctx, spec)
    if spec.has("shnor"):
        roadmaps.add_school_roadmap(ctx, spec)


def _fill_own_school(ctx: DemoContext, session: Session, installation: Installation) -> int:
    """A school installation's own register record gets the demo's attributes; its code and name stay."""
    if ctx.district_mode:
        return 0
    school = session.get(School, school_id(installation.school_code))
    for name, value in programme.school_fields(ctx, ctx.schools[0]).items():
        setattr(school, name, value)
    updated = session.is_modified(school)
    session.flush()
    return int(updated)


def _summary(ctx: DemoContext, installation: Installation, created: dict[str, int], updated: int,
             seconds: float) -> DemoSummary:
    return {
        "mode": installation.kind, "schools": len(ctx.schools), "teachers": created.get("teacher", 0),
        "created": created, "total_created": sum(created.values()), "updated": updated, "seconds": seconds,
        "message": _message(ctx, installation, created, seconds),
    }


def _message(ctx: DemoContext, installation: Installation, created: dict[str, int], seconds: float) -> str:
    total = sum(created.values())
    if not total:
        return ALREADY_LOADED + "."
    where = "район «Терский муниципальный район»" if ctx.district_mode else f"школа «{installation.name}»"
    return (f"Загружены демонстрационные данные ({where}): школ — {len(ctx.schools)}, "
            f"педагогов — {created.get('teacher', 0)}, записей — {total}; {seconds:.1f} с.")
