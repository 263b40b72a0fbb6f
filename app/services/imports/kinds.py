"""Every kind of file `kurator import KIND FILE` takes, by name, in the order the help and the window list them."""

from types import MappingProxyType

from sqlalchemy.orm import Session

from app.errors import KuratorError
from app.services.records import can_edit, get_entity

from . import learning, register, results, staff, vpr_reference
from .spec import ImportKind

KINDS: MappingProxyType = MappingProxyType({kind.name: kind for kind in (
    *register.KINDS, *staff.KINDS, *learning.KINDS, *results.KINDS, *vpr_reference.KINDS)})
ORDER = ("schools", "staff", "courses", "enrolments", "statuses", "passports", "results", "vpr-reference")


def get_kind(kind: "ImportKind | str") -> ImportKind:
    """The kind itself, or the one registered under that name (a KuratorError naming the kinds otherwise)."""
    if isinstance(kind, ImportKind):
        return kind
    if kind not in KINDS:
        raise KuratorError(f"Неизвестный вид загрузки «{kind}». Можно: {', '.join(ORDER)}.")
    return KINDS[kind]


def loadable(session: Session, kind: "ImportKind | str") -> tuple[bool, str]:
    """Whether this installation may load the kind at all (a school does not load the register), and why not."""
    answers = [can_edit(session, get_entity(sheet.entity)) for sheet in get_kind(kind).sheets]
    return next((answer for answer in answers if answer[0]), answers[0])
