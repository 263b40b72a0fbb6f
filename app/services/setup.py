"""Setting a new database up: whose it is (a district office or one school), the signing keys, the risk factors of
the «500+» methodology, and for a district the preloaded indicator catalogue."""

from sqlalchemy.orm import Session

from app.errors import KuratorError, ValidationError
from app.models import Installation, School
from app.services.exchange.signing import ensure_keys
from app.services.ids import school_id
from app.services.indicators.catalogue import load_catalogue
from app.services.installation import (
    SCHOOL_CODE,
    default_program_year,
    get_installation,
)
from app.services.risks.factors import seed_factors


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
               program_year: int | None = None, passphrase: str | None = None) -> Installation:
    """Make this database a district office's or one school's, with its signing keys when a passphrase is given;
    refuses a database already set up."""
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
    seed_factors(session)
    if passphrase is not None:
        ensure_keys(session, passphrase)
    return installation


def _ensure_own_school(session: Session, installation: Installation) -> School:
    """The school's register record: a placeholder until the district's packet brings the official one."""
    school = session.get(School, school_id(installation.school_code))
    if school is None:
        school = School(id=school_id(installation.school_code), code=installation.school_code,
                        name=installation.name, kind="СОШ", locality="rural")
        session.add(school)
    return school
