"""A small named world for the UI and records tests: two schools, a teacher, a course, an event, a diagnostic."""

from dataclasses import dataclass
from datetime import date

from app.models import (
    Course,
    Diagnostic,
    MethodEvent,
    Recommendation,
    School,
    Teacher,
    TeacherPosition,
)
from app.services.ids import school_id
from app.services.setup import initialize

OWN_CODE = "0701001"


@dataclass
class World:
    database: object
    own_school: str
    other_school: str
    teacher: str
    other_teacher: str
    course: str
    event: str
    diagnostic: str
    recommendation: str


def build_world(database, kind: str) -> World:
    """A district or school installation holding the same handful of records."""
    with database.session() as session:
        if kind == "school":
            initialize(session, "school", "МКОУ «СОШ № 1» с. Урожайное", OWN_CODE, program_year=2024)
        else:
            initialize(session, "district", "Отдел образования Терского района", program_year=2024)
            session.add(School(id=school_id(OWN_CODE), code=OWN_CODE, name="МКОУ «СОШ № 1» с. Урожайное", kind="СОШ",
                               locality="rural"))
        other = School(code="0701002", name="МБОУ «Гимназия № 2» г. Терек", short_name="Гимназия № 2", kind="гимназия",
                       locality="urban")
        teacher = Teacher(school_id=school_id(OWN_CODE), last_name="Ёлкина", first_name="Анна", middle_name="Петровна")
        session.add_all([other, teacher])
        session.flush()
        other_teacher = Teacher(school_id=other.id, last_name="Борисов", first_name="Олег")
        course = Course(title="Функциональная грамотность", provider="ЦНППМ", hours=36, format="distance",
                        start_date=date(2024, 3, 1), end_date=date(2024, 3, 20))
        event = MethodEvent(title="РМО учителей математики", kind="rmo", held_on=date(2024, 2, 10))
        session.add_all([other_teacher, course, event, TeacherPosition(teacher_id=teacher.id, position="teacher")])
        session.flush()
        diagnostic = Diagnostic(teacher_id=teacher.id, taken_on=date(2024, 1, 15), kind="subject", subject="Математика")
        recommendation = Recommendation(school_id=school_id(OWN_CODE), year=2024, issued_on=date(2024, 4, 1),
                                        text="Организовать работу ШМО")
        session.add_all([diagnostic, recommendation])
        session.flush()
        return World(database, school_id(OWN_CODE), other.id, teacher.id, other_teacher.id, course.id, event.id,
                     diagnostic.id, recommendation.id)


def sample(entity: str, w: World) -> tuple[dict, str, object]:
    """Valid values for a new record of `entity`, and one (field, new value) edit to try on it."""
    own, other = w.own_school, w.other_school
    samples = {
        "school": ({"code": "0701003", "name": "МКОУ «ООШ» с. Каменка", "kind": "ООШ", "locality": "rural", "pupils": 120},
                   "pupils", 130),
        "school_status": ({"school_id": own, "year": 2024, "status": "shnor", "basis": "Приказ № 5"}, "basis", "Приказ № 6"),
        "social_passport": ({"school_id": own, "year": 2024, "pupils_total": 300, "pupils_at_risk": 12,
                             "share_low_income": 35.5}, "pupils_at_risk", 15),
        "partnership": ({"school_id": own, "mentor_school_id": other, "kind": "mentoring", "year_from": 2023},
                        "year_to", 2025),
        "assignment": ({"kind": "curator", "person_name": "Сидорова Елена Ивановна", "school_id": own},
                       "person_position", "Методист ИМЦ"),
        "teacher": ({"school_id": own, "last_name": "Петрова", "first_name": "Мария", "positions": ["teacher"],
                     "subjects": ["Математика", "Физика"], "experience_years": 12}, "experience_years", 13),
        "staffing_slot": ({"school_id": own, "year": 2024, "position": "teacher", "subject": "Математика",
                           "rates": 3.0, "filled_rates": 2.0}, "filled_rates", 2.5),
        "diagnostic": ({"teacher_id": w.teacher, "taken_on": date(2024, 5, 20), "kind": "methodical",
                        "score_percent": 64.0}, "score_percent", 70.0),
        "individual_route": ({"teacher_id": w.teacher, "diagnostic_id": w.diagnostic, "title": "ИОМ по математике",
                              "status": "active"}, "mentor", "Иванова И. И."),
        "course": ({"title": "Подготовка к ОГЭ", "kind": "kpk", "provider": "ИРО", "hours": 72, "format": "blended"},
                   "hours", 36),
        "enrollment": ({"course_id": w.course, "teacher_id": w.teacher, "status": "enrolled"},
                       "certificate_number", "УД-123"),
        "external_course": ({"teacher_id": w.teacher, "title": "Наставничество в школе", "kind": "kpk",
                             "provider": "Академия Минпросвещения", "hours": 36, "format": "distance",
                             "completed_on": date(2024, 2, 20)}, "hours", 72),
        "method_event": ({"title": "Семинар по ВПР", "kind": "seminar", "level": "municipal",
                          "held_on": date(2024, 10, 1)}, "organiser", "ИМЦ"),
        "participation": ({"event_id": w.event, "school_id": own, "teacher_id": w.teacher, "role": "speaker"},
                          "role", "participant"),
        "recommendation": ({"school_id": own, "year": 2024, "issued_on": date(2024, 9, 1), "text": "Провести диагностику",
                            "status": "open"}, "status", "in_progress"),
        "support_action": ({"school_id": own, "held_on": date(2024, 9, 15), "kind": "visit",
                            "description": "Выезд методистов"}, "responsible", "Сидорова Е. И."),
        "exam_result": ({"school_id": own, "year": 2024, "exam": "ЕГЭ", "subject": "Математика", "participants": 20,
                         "mean_score": 52.5, "below_minimum": 2, "under_30": 3}, "mean_score", 55.0),
        "vpr_result": ({"school_id": own, "year": 2024, "grade": 5, "subject": "Русский язык", "participants": 25,
                        "count_2": 3, "count_3": 10, "count_4": 8, "count_5": 4, "term_lowered": 6,
                        "term_confirmed": 17, "term_raised": 2}, "term_raised", 1),
        "vpr_reference": ({"year": 2024, "grade": 5, "subject": "Математика", "level": "country", "share_2": 11.2,
                           "share_4_5": 53.3, "mean_mark": 3.6}, "share_2", 11.5),
        "graduation": ({"school_id": own, "year": 2024, "grade": 11, "graduates": 18, "certificates": 17, "honours": 2,
                        "took_3plus": 9}, "honours", 3),
        "olympiad_result": ({"school_id": own, "year": 2024, "level": "municipal", "participants": 14, "winners": 3},
                            "winners", 4),
        "practice": ({"title": "Наставничество «учитель — учитель»", "area": "teaching", "year": 2024},
                     "author", "Ёлкина А. П."),
        "risk_factor": ({"code": "digital", "title": "Низкий уровень цифровой грамотности педагогов", "position": 11,
                         "year_from": 2024}, "year_to", 2025),
    }
    return samples[entity]
