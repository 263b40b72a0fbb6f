"""A large, deterministic training region (thousands of schools, tens of thousands of staff) for trying
the program and measuring it. Bulk inserts with SQLAlchemy Core, in batches."""

import random
import uuid
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import (
    Course,
    Diagnostic,
    District,
    Enrollment,
    MethodEvent,
    Participation,
    School,
    SchoolStatus,
    SocialPassport,
    Teacher,
    TeacherPosition,
    TeacherSubject,
)
from app.models.reference import COURSE_TOPICS, METHOD_EVENT_KINDS, SUBJECTS
from app.search_text import search_text_of
from app.services.installation import default_program_year, get_installation
from app.services.setup import initialize

from . import region_activity

BATCH = 5000
TRAINING_NAME = "Учебный регион"

LAST_NAMES = ("Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов", "Новиков",
              "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов",
              "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв",
              "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Ёлкин")
FIRST_NAMES = {
    "f": ("Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Людмила", "Галина",
          "Марина", "Юлия", "Екатерина", "Алла", "Зарема", "Фатима"),
    "m": ("Александр", "Сергей", "Андрей", "Алексей", "Дмитрий", "Владимир", "Игорь", "Николай", "Руслан", "Олег"),
}
FATHERS = ("Александров", "Сергеев", "Иванов", "Петров", "Николаев", "Владимиров", "Михайлов", "Викторов")
SETTLEMENTS = ("Урожайное", "Заречное", "Каменка", "Берёзовка", "Сосновка", "Ивановка", "Никольское", "Покровка",
               "Майское", "Садовое", "Луговое", "Степное", "Привольное", "Октябрьское", "Терек", "Малка")
KINDS = ("СОШ", "СОШ", "СОШ", "ООШ", "НОШ", "гимназия", "лицей")
TEACHING_POSITIONS = ("teacher", "teacher", "teacher", "teacher", "primary_teacher", "primary_teacher",
                      "psychologist", "social_pedagogue", "speech_therapist", "additional_ed")


class Progress(Protocol):
    cancelled: bool

    def set(self, done: int, total: int, text: str = "") -> None: ...


class _Writer:
    """Collects rows per table and writes them in batches, reporting progress and honouring Cancel."""

    def __init__(self, session: Session, progress: Progress | None, total: int, stamp: dict[str, Any]):
        self.session, self.progress, self.total, self.stamp = session, progress, total, stamp
        self.done = 0

    def write(self, model, rows: list[dict], text: str) -> None:
        searched = getattr(model, "SEARCHED", None)
        for row in rows if searched else ():
            row["search_text"] = search_text_of(row, searched)
        for start in range(0, len(rows), BATCH):
            if self.progress is not None and self.progress.cancelled:
                raise KuratorError("Создание учебной базы отменено; база не изменена.")
            chunk = [{**self.stamp, **row} for row in rows[start:start + BATCH]]
            self.session.execute(insert(model), chunk)
            self.done += len(chunk)
            if self.progress is not None:
                self.progress.set(self.done, self.total, text)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _school_rows(rng: random.Random, count: int, district_id: str) -> list[dict]:
    rows = []
    for number in range(1, count + 1):
        kind, settlement = rng.choice(KINDS), rng.choice(SETTLEMENTS)
        rural = rng.random() < 0.6
        place = f"с. {settlement}" if rural else f"г. {settlement}"
        rows.append({
            "id": _uuid(rng), "district_id": district_id, "code": f"G{number:06d}",
            "name": f"Муниципальное общеобразовательное учреждение «{kind} № {number}» {place}",
            "short_name": f"МОУ {kind} № {number} {place}", "kind": kind, "settlement": settlement,
            "locality": "rural" if rural else "urban", "pupils": rng.randint(40, 1200),
            "distance_km": round(rng.uniform(0, 180), 1), "director": " ".join(_person(rng)),
        })
    return rows


def _person(rng: random.Random) -> tuple[str, str, str]:
    sex = "f" if rng.random() < 0.8 else "m"
    last = rng.choice(LAST_NAMES) + ("а" if sex == "f" else "")
    father = rng.choice(FATHERS) + ("на" if sex == "f" else "ич")
    return last, rng.choice(FIRST_NAMES[sex]), father


def _status_rows(rng: random.Random, schools: list[dict], year: int) -> list[dict]:
    rows = []
    for school in schools:
        for status, share in (("shnor", 0.15), ("shnsu", 0.10), ("mentor", 0.04)):
            if rng.random() < share:
                rows += [{"id": _uuid(rng), "school_id": school["id"], "year": y, "status": status} for y in (year - 1, year)]
    return rows


def _passport_rows(rng: random.Random, schools: list[dict], year: int) -> list[dict]:
    rows = []
    for school in schools:
        if rng.random() < 0.8:
            total = school["pupils"]
            rows.append({"id": _uuid(rng), "school_id": school["id"], "year": year, "pupils_total": total,
                         "share_low_income": round(rng.uniform(3, 60), 1), "share_single_parent": round(rng.uniform(5, 40), 1),
                         "pupils_at_risk": rng.randint(0, total // 5), "pupils_ovz": rng.randint(0, total // 10)})
    return rows


def _staff_rows(rng: random.Random, schools: list[dict], count: int) -> tuple[list[dict], list[dict], list[dict]]:
    teachers, positions, subjects = [], [], []
    subject_codes = list(SUBJECTS)
    for index in range(count):
        school = schools[index % len(schools)]
        last, first, middle = _person(rng)
        teacher_id = _uuid(rng)
        teachers.append({"id": teacher_id, "school_id": school["id"], "last_name": last, "first_name": first,
                         "middle_name": middle, "birth_year": rng.randint(1955, 2001),
                         "qualification": rng.choice(("none", "conformity", "first", "highest")),
                         "experience_years": rng.randint(0, 40), "young_specialist": rng.random() < 0.08})
        position = "director" if index < len(schools) else rng.choice(TEACHING_POSITIONS)
        positions.append({"id": _uuid(rng), "teacher_id": teacher_id, "position": position, "rate": 1.0, "is_main": True})
        if position == "teacher":
            for subject in rng.sample(subject_codes, rng.randint(1, 2)):
                subjects.append({"id": _uuid(rng), "teacher_id": teacher_id, "subject": subject})
    return teachers, positions, subjects


def _course_rows(rng: random.Random, year: int) -> list[dict]:
    topics = list(COURSE_TOPICS)
    return [{"id": _uuid(rng), "title": f"Курс {n}: {COURSE_TOPICS[topics[n % len(topics)]].lower()}",
             "kind": "kpk", "provider": rng.choice(("ЦНППМ", "ИРО", "Академия Минпросвещения")),
             "hours": rng.choice((16, 36, 72)), "format": rng.choice(("distance", "full_time", "blended")),
             "topic": topics[n % len(topics)], "start_date": date(year, 1 + n % 11, 1),
             "end_date": date(year, 1 + n % 11, 25)} for n in range(1, 41)]


def _enrollment_rows(rng: random.Random, teachers: list[dict], courses: list[dict]) -> list[dict]:
    rows = []
    for teacher in rng.sample(teachers, len(teachers) // 10):
        course = rng.choice(courses)
        done = rng.random() < 0.7
        rows.append({"id": _uuid(rng), "course_id": course["id"], "teacher_id": teacher["id"],
                     "status": "completed" if done else "studying", "completed_on": course["end_date"] if done else None})
    return rows


def _event_rows(rng: random.Random, schools: list[dict], year: int) -> list[dict]:
    kinds = list(METHOD_EVENT_KINDS)
    return [{"id": _uuid(rng), "title": f"Методическое мероприятие № {n}", "kind": kinds[n % len(kinds)],
             "level": "municipal", "held_on": date(year, 1 + n % 12, 1 + n % 27),
             "host_school_id": rng.choice(schools)["id"]} for n in range(1, 61)]


def _prepare(session: Session) -> tuple[str, int]:
    installation = get_installation(session) or initialize(session, "district", TRAINING_NAME)
    if installation.kind != "district":
        raise KuratorError("Учебную базу региона можно создать только в базе органа управления образованием.")
    if session.scalar(select(func.count()).select_from(School)):
        raise KuratorError("В базе уже есть школы: учебную базу региона можно создать только в пустой базе.")
    return installation.id, installation.program_year or default_program_year()


def generate_region(session: Session, schools: int = 2000, staff: int = 40000, seed: int = 1,
                    progress: Progress | None = None) -> dict[str, int]:
    """Fill an empty district database with a deterministic training region; returns row counts per table."""
    if not 1 <= schools <= 100_000 or not 0 <= staff <= 1_000_000:
        raise KuratorError("Школ — от 1 до 100 000, педагогов — от 0 до 1 000 000.")
    origin, year = _prepare(session)
    rng = random.Random(seed)
    now = datetime(year, 1, 1)
    district = {"id": _uuid(rng), "name": TRAINING_NAME, "region": "Учебная область"}
    school_rows = _school_rows(rng, schools, district["id"])
    teachers, positions, subjects = _staff_rows(rng, school_rows, staff)
    courses, events = _course_rows(rng, year), _event_rows(rng, school_rows, year)
    tables = [
        (District, [district], "Район"), (School, school_rows, "Школы"),
        (SchoolStatus, _status_rows(rng, school_rows, year), "Статусы"),
        (SocialPassport, _passport_rows(rng, school_rows, year), "Социальные паспорта"),
        (Teacher, teachers, "Педагоги"), (TeacherPosition, positions, "Должности"), (TeacherSubject, subjects, "Предметы"),
        (Course, courses, "Курсы"), (Enrollment, _enrollment_rows(rng, teachers, courses), "Обучение"),
        (MethodEvent, events, "Мероприятия"),
        *((model, rows, "Результаты") for model, rows in region_activity.result_rows(rng, school_rows, year, origin)),
        (Diagnostic, region_activity.diagnostic_rows(rng, teachers, year, _uuid), "Диагностики"),
        (Participation, region_activity.participation_rows(rng, events, teachers, _uuid), "Участие в мероприятиях"),
    ]
    stamp = {"origin": origin, "created_at": now, "updated_at": now, "deleted_at": None, "is_demo": True}
    writer = _Writer(session, progress, sum(len(rows) for _model, rows, _text in tables), stamp)
    for model, rows, text in tables:
        writer.write(model, rows, text)
    return {model.__tablename__: len(rows) for model, rows, _text in tables}
