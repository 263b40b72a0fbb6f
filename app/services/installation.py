"""The installation's identity: initialise a database as a district office or as one school."""

import re
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import Installation, School
from app.services.ids import school_id
from app.services.indicators.catalogue import load_catalogue

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


def validate_identity(mode: str, name: str | None, school_code: str | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    if mode not in ("district", "school"):
        errors["mode"] = "Режим должен быть «district» (орган управления образованием) или «school» (школа)."
    if not (name or "").strip():
        errors["name"] = "Укажите наименование." if mode == "district" else "Укажите наименование школы."
    elif len(name.strip()) > 300:
        errors["name"] = "Наименование длиннее 300 символов."
    if mode == "school":
        if not (school_code or "").strip():
            errors["school_code"] = "Для школы укажите её код (например, 0701001)."
        elif not SCHOOL_CODE.match(school_code.strip()):
            errors["school_code"] = "Код школы: до 32 букв, цифр, точек, дефисов."
    return errors


def initialize(session: Session, mode: str, name: str | None, school_code: str | None = None,
               program_year: int | None = None) -> Installation:
    """Make this database a district office's or one school's; refuses a database already set up."""
    if get_installation(session) is not None:
        existing = get_installation(session)
        raise KuratorError(f"База данных уже настроена: «{existing.name}». Повторная настройка не требуется.")
    errors = validate_identity(mode, name, school_code)
    if errors:
        raise ValidationError(errors)
    installation = Installation(
        kind=mode, name=name.strip(), school_code=school_code.strip() if school_code else None,
        program_year=program_year or default_program_year(),
    )
    session.add(installation)
    session.flush()
    session.info["installation_id"] = installation.id
    if mode == "school":
        _ensure_own_school(session, installation)
    else:
        load_catalogue(session)
    return installation


def _ensure_own_school(session: Session, installation: Installation) -> School:
    """The school's register record: a placeholder until the district's packet brings the official one."""
    school = session.get(School, school_id(installation.school_code))
    if school is None:
        school = School(id=school_id(installation.school_code), code=installation.school_code,
                        name=installation.name, kind="СОШ", locality="rural")
        session.add(school)
    return school


def own_school(session: Session) -> School | None:
    """In a school installation, its own school; None at a district."""
    installation = require_installation(session)
    if installation.kind != "school":
        return None
    return session.get(School, school_id(installation.school_code))


MIN_PASSPHRASE = 8


def accept_passphrase(passphrase: str, repeated: str | None = None) -> str:
    """Check the signing person's passphrase (≥ 8 characters, typed twice alike) and return it; stores nothing."""
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError({"passphrase": f"Пароль подписи — не короче {MIN_PASSPHRASE} символов."})
    if repeated is not None and repeated != passphrase:
        raise ValidationError({"passphrase_repeat": "Пароли не совпадают: введите тот же пароль ещё раз."})
    return passphrase


def on_passphrase_chosen(session: Session, passphrase: str) -> str:
    """Hand the chosen passphrase to the installation (the exchange part makes the signing keys with it)."""
    return accept_passphrase(passphrase)
