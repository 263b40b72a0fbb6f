"""Finding what a row names among the stored records: a school by its code or its name in the register, a teacher
by school, full name and birth year, a course of the catalogue by title, organiser and start date."""

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Course, School, Teacher, alive
from app.services.documents.table_header import header_key

from .spec import folded

CHUNK = 500


class LookupProblem(ValueError):
    """What the row names is not found, or not only once; the message is Russian, for the cell."""


def name_key(text: str) -> str:
    """A school's name as people write it in different files: quotes, spaces and dots do not matter."""
    return header_key(text)


class SchoolLookup:
    """The live schools of the register, by code and by name (full or short)."""

    def __init__(self, session: Session):
        self.by_code: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.codes: dict[str, str] = {}
        for school_id, code, name, short in session.execute(
                select(School.id, School.code, School.name, School.short_name).where(alive(School))):
            self.by_code[code] = school_id
            self.codes[school_id] = code
            for text in (name, short):
                if text and name_key(text):
                    self.by_name[name_key(text)].add(school_id)

    def find(self, code: str | None, name: str | None) -> str:
        """The school's id; raises LookupProblem naming what is wrong."""
        if code:
            return self._by_code(code.strip())
        if name:
            found = self.by_name.get(name_key(name), set())
            if len(found) == 1:
                return next(iter(found))
            if found:
                codes = ", ".join(sorted(self.codes[s] for s in found))
                raise LookupProblem(f"наименованию «{name}» соответствуют несколько школ (коды {codes}); укажите код")
            raise LookupProblem(f"школа «{name}» не найдена в реестре; укажите её код или сначала загрузите реестр школ")
        raise LookupProblem("укажите код школы или её наименование из реестра")

    def _by_code(self, code: str) -> str:
        if code in self.by_code:
            return self.by_code[code]
        if code.isdigit():  # Excel drops leading zeros of a code typed as a number: 701001 for 0701001
            found = [s for c, s in self.by_code.items() if c.isdigit() and c.lstrip("0") == code.lstrip("0")]
            if len(found) == 1:
                return found[0]
        raise LookupProblem(f"школы с кодом «{code}» нет в реестре")


def person_key(last: str | None, first: str | None, middle: str | None) -> tuple[str, str, str]:
    return folded(last or ""), folded(first or ""), folded(middle or "")


def choose_person(candidates: list[dict], birth_year: int | None) -> dict | str | None:
    """Among stored people with the same name in a school, the one meant: the same birth year when known, else the
    only one; a Russian reason when several fit."""
    fitting = [c for c in candidates if birth_year is None or c.get("birth_year") in (None, birth_year)]
    exact = [c for c in fitting if birth_year is not None and c.get("birth_year") == birth_year]
    if len(exact) == 1:
        return exact[0]
    if len(fitting) == 1:
        return fitting[0]
    if fitting:
        return "в школе несколько педагогов с такими фамилией, именем и отчеством; укажите дату или год рождения"
    return None


class TeacherLookup:
    """Live teachers of the schools a file names, by school and full name."""

    def __init__(self, session: Session, school_ids: set[str]):
        self.people: dict[tuple, list[dict]] = defaultdict(list)
        ids = sorted(school_ids)
        for start in range(0, len(ids), CHUNK):
            query = select(Teacher.id, Teacher.school_id, Teacher.last_name, Teacher.first_name, Teacher.middle_name,
                           Teacher.birth_year).where(alive(Teacher), Teacher.school_id.in_(ids[start:start + CHUNK]))
            for row in session.execute(query).mappings():
                key = (row["school_id"], *person_key(row["last_name"], row["first_name"], row["middle_name"]))
                self.people[key].append(dict(row))

    def find(self, school: str, last: str, first: str, middle: str | None, birth_year: int | None) -> str:
        candidates = self.people.get((school, *person_key(last, first, middle)), [])
        chosen = choose_person(candidates, birth_year)
        if isinstance(chosen, str):
            raise LookupProblem(chosen)
        if chosen is None:
            raise LookupProblem("такого педагога нет среди кадров школы; сначала загрузите кадры (вид «staff»)")
        return chosen["id"]


def course_key(title: str | None, provider: str | None, start: date | None) -> tuple:
    return folded(title or ""), folded(provider or ""), start


class CourseLookup:
    """The live course catalogue by title, organiser and start date (a course is matched without its start date
    when the title and organiser name exactly one course)."""

    def __init__(self, session: Session):
        self.courses: dict[tuple, list[str]] = defaultdict(list)
        self.undated: dict[tuple, list[str]] = defaultdict(list)
        for course_id, title, provider, start in session.execute(
                select(Course.id, Course.title, Course.provider, Course.start_date).where(alive(Course))):
            self.courses[course_key(title, provider, start)].append(course_id)
            self.undated[course_key(title, provider, None)].append(course_id)

    def find(self, title: str, provider: str | None, start: date | None) -> str | None:
        """The course's id, None when the catalogue has no such course; LookupProblem when several fit."""
        found = self.courses.get(course_key(title, provider, start), [])
        if not found and start is None:
            found = self.undated.get(course_key(title, provider, None), [])
        if len(found) > 1:
            raise LookupProblem("в каталоге несколько таких курсов; укажите организатора и дату начала")
        return found[0] if found else None

