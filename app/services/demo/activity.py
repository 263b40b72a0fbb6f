"""One school's work in the program: course enrolments (the seed's exact numbers included), diagnostics and
ИОМ, participation in methodological events, recommendations and the school's answers, support actions, best
practices, mentors, courses taken outside the catalogue."""

import random
from datetime import date, timedelta

from app.models import (
    Assignment,
    Diagnostic,
    Enrollment,
    ExternalCourse,
    IndividualRoute,
    Participation,
    Practice,
    Recommendation,
    RecommendationAnswer,
    SupportAction,
)
from app.services.school.answers import answer_id

from .context import DemoContext
from .data import load
from .programme import CourseRun, MethodSession
from .specs import SchoolSpec
from .staff import StaffMember, StaffPlan, school_rng

EXAM_SUBJECTS = ("Русский язык", "Математика")


def _certificate(rng: random.Random) -> str:
    return f"ПК {rng.randint(100000, 999999)}"


def _enrol(ctx: DemoContext, run: CourseRun, member: StaffMember, rng: random.Random,
           status: str = "completed") -> None:
    ctx.records.add(Enrollment, run.id, member.id, course_id=run.id, teacher_id=member.id, status=status,
                    completed_on=run.end if status == "completed" else None,
                    certificate_number=_certificate(rng) if status == "completed" else None)


def add_seed_enrolments(ctx: DemoContext, spec: SchoolSpec, runs: list[CourseRun]) -> None:
    """The seed's numbers: 5 leaders in the management course, 28 ШНОР teachers (4 a school) in subject courses."""
    if spec.seed_index is None:
        return
    synthetic, plan = load("synthetic"), ctx.plans[spec.code]
    rng = school_rng(spec, "seed-courses")
    management = next(run for run in runs if run.topic == "management")
    for code, position in synthetic["management_course_leaders"]:
        if code == spec.code:
            _enrol(ctx, management, plan.first(position), rng)
    deficits = [run for run in runs if run.topic == "subject_deficits"]
    per_school = synthetic["deficit_course_plan"]["teachers_per_school"]
    chosen: set[str] = set()
    for k in range(per_school):  # school i takes courses i … i+3 (cyclically): every course gets 4 teachers
        run = deficits[(spec.seed_index + k) % len(deficits)]
        member = next(m for m in plan.members if m.teaches(run.subject) and m.id not in chosen)
        chosen.add(member.id)
        _enrol(ctx, run, member, rng)


def add_synthetic_enrolments(ctx: DemoContext, spec: SchoolSpec, runs: list[CourseRun]) -> None:
    """Other courses, 2019–2023: a share of the staff each year, more in the supported schools."""
    rng = school_rng(spec, "courses")
    chance = load("synthetic")["enrolment_chance"]["shnor" if spec.supported else "other"]
    synthetic_runs = [run for run in runs if run.topic not in ("management", "subject_deficits")]
    for member in ctx.plans[spec.code].members:
        for run in synthetic_runs:
            fits = not run.positions or member.role.position in run.positions
            if fits and rng.random() < chance / 2:
                _enrol(ctx, run, member, rng, "completed" if rng.random() < 0.95 else "dropped")


def add_diagnostics(ctx: DemoContext, spec: SchoolSpec) -> None:
    """Diagnostics of professional deficits for a share of a ШНОР's staff, and an ИОМ for the weaker results."""
    if not spec.has("shnor"):
        return
    people, rng = load("people"), school_rng(spec, "diagnostics")
    teachers = [m for m in ctx.plans[spec.code].members if m.role.position not in ("director",)]
    methodists = load("synthetic")["methodists"]
    for year, share in people["diagnostic_share"].items():
        for member in rng.sample(teachers, round(len(teachers) * share)):
            subject = next((s for s in member.role.subjects if s in people["deficits"]), None)
            pool = people["deficits"][subject or "default"]
            taken_on = date(int(year), rng.choice((3, 4)), rng.randint(1, 28))
            score = round(max(25.0, min(95.0, rng.gauss(62 + 8 * spec.quality, 12))), 1)
            deficits = "; ".join(rng.sample(pool, min(2, len(pool))))
            diagnostic_id = ctx.records.add(
                Diagnostic, member.id, year, teacher_id=member.id, taken_on=taken_on,
                kind="subject" if subject else "methodical", subject=subject, organiser=people["diagnostic_organiser"],
                score_percent=score, deficits=deficits, distance=rng.random() < 0.5,
            )
            if score < people["route_threshold"]:
                finished = int(year) < 2022 or rng.random() < 0.3
                _add_route(ctx, member, diagnostic_id, taken_on, subject, deficits, rng.choice(methodists)["name"],
                           finished)


def _add_route(ctx: DemoContext, member: StaffMember, diagnostic_id: str, taken_on: date, subject: str | None,
               deficits: str, mentor: str, finished: bool) -> None:
    """ИОМ for the deficits a diagnostic found; the 2022 ones run into the next school year."""
    year = taken_on.year
    ctx.records.add(
        IndividualRoute, member.id, year, teacher_id=member.id, diagnostic_id=diagnostic_id,
        title=f"ИОМ по восполнению профессиональных дефицитов: {subject or 'методические компетенции'}",
        goals=deficits, start_date=taken_on + timedelta(days=30),
        end_date=date(year, 12, 25) if year < 2022 else date(year + 1, 5, 31),
        status="done" if finished else "active", mentor=mentor,
        result="Дефициты восполнены, повторная диагностика — положительная динамика" if finished else None,
    )


def _audience(session: MethodSession, spec: SchoolSpec, plan: StaffPlan) -> list[tuple[StaffMember, str]]:
    """Who of this school attends a session, and in which role."""
    host = session.host == spec.code
    if session.audience == "leaders":
        if host or spec.has("mentor"):
            return [(m, "speaker") for m in plan.members[:1]]
        leaders = [m for m in plan.members if m.role.position in ("director", "deputy_uvr")]
        return [(m, "participant") for m in leaders] if spec.supported else []
    if session.audience == "young_specialists":
        young = [(m, "participant") for m in plan.members if m.young]
        deputy = plan.first("deputy_uvr")
        return young + ([(deputy, "organizer")] if host and deputy else [])
    teaching = [m for m in plan.members if m.teaches(session.subject)]
    if host:
        return [(m, "speaker") for m in teaching[:1]]
    return [(m, "participant") for m in teaching] if spec.supported else []


def add_participations(ctx: DemoContext, spec: SchoolSpec, sessions: list[MethodSession]) -> None:
    plan = ctx.plans[spec.code]
    for session in sessions:
        for member, role in _audience(session, spec, plan):
            ctx.records.add(Participation, session.id, member.id, event_id=session.id,
                            school_id=ctx.school_id(spec.code), teacher_id=member.id, role=role)


def add_recommendations(ctx: DemoContext, spec: SchoolSpec) -> list[str]:
    """«Задачи и рекомендации на 2022 год» (seeds/004), addressed to each ШНОР, with the school's progress."""
    if not spec.has("shnor"):
        return []
    source, progress = load("terskiy_2022")["recommendations"], load("synthetic")["recommendation_progress"]
    ids = []
    for number, text in enumerate(source["items"]):
        ids.append(ctx.records.add(
            Recommendation, spec.code, source["year"], number, school_id=ctx.school_id(spec.code),
            year=source["year"], issued_on=date.fromisoformat(progress["issued_on"]), text=text,
            basis=f"{source['title']}. {source['basis']}", author=source["author"],
            due_date=date.fromisoformat(progress["due_date"]), status=progress["statuses"][number],
        ))
        if progress["responses"][number]:
            ctx.records.add(RecommendationAnswer, record_id=answer_id(ids[-1]), recommendation_id=ids[-1],
                            text=progress["responses"][number], state=progress["statuses"][number],
                            answered_on=date.fromisoformat(progress["answered_on"][number]))
    return ids


def add_external_courses(ctx: DemoContext, spec: SchoolSpec) -> None:
    """In a ШНОР, a teacher's course taken outside the district's catalogue (a proposal to the district)."""
    if not spec.has("shnor"):
        return
    for course in load("synthetic")["external_courses"]:
        member = ctx.plans[spec.code].first(course["position"])
        if member is not None:
            ctx.records.add(ExternalCourse, spec.code, course["title"], teacher_id=member.id, title=course["title"],
                            kind=course["kind"], provider=course["provider"], hours=course["hours"],
                            format=course["format"], topic=course["topic"],
                            completed_on=date.fromisoformat(course["completed_on"]),
                            certificate_number=course["certificate"])


def add_support(ctx: DemoContext, spec: SchoolSpec, recommendation_ids: list[str]) -> None:
    """Адресная помощь to a ШНОР: two or three actions a year by the ИМЦ's methodists."""
    if not spec.has("shnor"):
        return
    synthetic, rng = load("synthetic"), school_rng(spec, "support")
    for year in synthetic["support_years"]:
        for number, (kind, description) in enumerate(rng.sample(synthetic["support_actions"], rng.randint(2, 3))):
            linked = recommendation_ids[1] if year == 2022 and number == 0 and recommendation_ids else None
            ctx.records.add(
                SupportAction, spec.code, year, number, school_id=ctx.school_id(spec.code), recommendation_id=linked,
                held_on=date(year, rng.randint(2, 11), rng.randint(1, 28)), kind=kind, description=description,
                responsible=rng.choice(synthetic["methodists"])["name"],
                result=rng.choice(synthetic["support_results"]),
            )


def add_young_mentors(ctx: DemoContext, spec: SchoolSpec) -> None:
    """In a ШНОР, each young specialist gets an experienced colleague as mentor."""
    if not spec.has("shnor"):
        return
    plan = ctx.plans[spec.code]
    seniors = [m for m in plan.members if m.qualification == "highest" and m.role.position not in ("director",)]
    for number, member in enumerate(m for m in plan.members if m.young):
        if not seniors:
            return
        mentor = seniors[number % len(seniors)]
        ctx.records.add(Assignment, "mentor", spec.code, member.id, kind="mentor", person_name=mentor.full_name,
                        person_position="Учитель высшей категории", organisation=spec.name,
                        school_id=ctx.school_id(spec.code), teacher_id=member.id, start_date=date(2021, 9, 1),
                        note="Наставник молодого специалиста")


def add_practices(ctx: DemoContext, spec: SchoolSpec) -> None:
    """The bank of practices, kept at the district: a practice's author is the installation that created it, so a
    school's demo leaves them out (the district's packet brings the school its own ones)."""
    if not ctx.district_mode:
        return
    for _number, practice in enumerate(load("synthetic")["practices"]):
        if practice["school"] != spec.code:
            continue
        author = ctx.plans[spec.code].first(practice["author_position"])
        ctx.records.add(Practice, practice["title"], title=practice["title"], school_id=ctx.school_id(spec.code),
                        author=author.full_name if author else None, area=practice["area"], year=practice["year"],
                        description=practice["description"])
