"""A «500+» school's own database for the risk tests (school 0701001, year 2022), with numbers to count by hand.

Staff: Абаева, Бекова, Власова, Гетова work in 2022; Дадова left on 30.06.2021.
Staffing 2022: teachers 10 rates, 8 filled; psychologist 1 rate, 1,5 «filled» (over the table: counts as 1).
Passport 2022: 200 pupils, 30 in the «группа риска», 30 % non-native Russian speakers.
Diagnostics 2022: Абаева 40 % (формирующее оценивание; дифференцированное обучение), Бекова 60 % (формирующее
оценивание), Власова 50 % (no deficits); Гетова 90 % in November 2021.
Courses: Абаева completed one on 01.05.2022, Бекова on 01.12.2021, Власова is still studying.
"""

from datetime import date

from app.models import Course, Diagnostic, Enrollment, SocialPassport, StaffingSlot, Teacher
from app.services.ids import school_id
from app.services.risks.profiles import ProfileEntry

SCHOOL = "0701001"
SCHOOL_ID = school_id(SCHOOL)
YEAR = 2022


def add_teacher(session, last_name: str, left_on: date | None = None) -> Teacher:
    teacher = Teacher(school_id=SCHOOL_ID, last_name=last_name, first_name="Анна", middle_name="Петровна",
                      left_on=left_on)
    session.add(teacher)
    session.flush()
    return teacher


def build_school(session) -> dict[str, Teacher]:
    staff = {name: add_teacher(session, name) for name in ("Абаева", "Бекова", "Власова", "Гетова")}
    staff["Дадова"] = add_teacher(session, "Дадова", left_on=date(2021, 6, 30))
    course = Course(title="Формирующее оценивание", provider="ЦНППМ", hours=36, format="distance",
                    end_date=date(2022, 3, 20))
    session.add(course)
    session.flush()
    session.add_all([
        StaffingSlot(school_id=SCHOOL_ID, year=YEAR, position="teacher", rates=10, filled_rates=8),
        StaffingSlot(school_id=SCHOOL_ID, year=YEAR, position="psychologist", rates=1, filled_rates=1.5),
        SocialPassport(school_id=SCHOOL_ID, year=YEAR, pupils_total=200, pupils_at_risk=30,
                       share_non_native_russian=30),
        Diagnostic(teacher_id=staff["Абаева"].id, taken_on=date(2022, 3, 1), kind="subject", score_percent=40,
                   deficits="Формирующее оценивание; Дифференцированное обучение"),
        Diagnostic(teacher_id=staff["Бекова"].id, taken_on=date(2022, 3, 2), kind="subject", score_percent=60,
                   deficits="формирующее оценивание"),
        Diagnostic(teacher_id=staff["Власова"].id, taken_on=date(2022, 3, 3), kind="methodical", score_percent=50),
        Diagnostic(teacher_id=staff["Гетова"].id, taken_on=date(2021, 11, 5), kind="subject", score_percent=90,
                   deficits="ИКТ"),
        Enrollment(course_id=course.id, teacher_id=staff["Абаева"].id, status="completed",
                   completed_on=date(2022, 5, 1)),
        Enrollment(course_id=course.id, teacher_id=staff["Бекова"].id, status="completed",
                   completed_on=date(2021, 12, 1)),
        Enrollment(course_id=course.id, teacher_id=staff["Власова"].id, status="studying"),
    ])
    session.flush()
    return staff


def entry(levels: dict[str, str], priority: list[str] | tuple = (), **changes) -> ProfileEntry:
    """A profile as the school's deputy enters it on 15.03.2022."""
    values = dict(levels=levels, priority=list(priority), filled_on=date(2022, 3, 15),
                  filled_by="Абаева А.П., заместитель директора по УВР")
    values.update(changes)
    return ProfileEntry(**values)


PROFILE = {"equipment": "high", "staff_shortage": "medium", "teacher_competence": "high", "academic_failure": "high",
           "parent_engagement": "low", "low_motivation": "none"}
PRIORITY = ["equipment", "teacher_competence", "academic_failure"]
