"""The installation's identity: whether this database is a district office's or one school's, and which school."""

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.models import Installation, School, alive
from app.services.ids import school_id

SCHOOL_CODE = re.compile(r"^[0-9A-Za-zА-Яа-я._-]{1,32}$")


def get_installation(session: Session) -> Installation | None:
    return session.scalars(select(Installation)).first()


def require_installation(session: Session) -> Installation:
    installation = get_installation(session)
    if installation is None:
        raise KuratorError("База данных ещё не настроена: выполните «kurator init» или откройте окно программы.")
    return installation


def default_program_year(today: date | None = None) -> int:
    return (today or date.today()).year


def own_school(session: Session) -> School | None:
    """In a school installation, its own school; None at a district."""
    installation = require_installation(session)
    if installation.kind != "school":
        return None
    return session.get(School, school_id(installation.school_code))


def find_school(session: Session, code: str | None) -> School:
    """The live school with this code; without a code, a school installation's own school."""
    school = (session.scalars(select(School).where(School.code == code.strip(), alive(School))).first()
              if code else own_school(session))
    if school is None:
        raise KuratorError(f"Школа с кодом «{code}» не найдена." if code else "Укажите код школы.")
    return school


DISTRICT_DATA_MISSING = "нет данных района"


def district_figures_here(session: Session) -> bool:
    """Whether this database holds the district's schools, so district and district-relative figures (shares over
    the district, ИСБ, the result index, dynamics) can be computed here; a school's database holds one school."""
    return require_installation(session).kind != "school"
