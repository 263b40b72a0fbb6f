"""Every kind of file `kurator import KIND FILE` takes, by name, in the order the help and the window list them."""

from types import MappingProxyType

from app.errors import KuratorError

from . import learning, register, results, staff
from .spec import ImportKind

KINDS: MappingProxyType = MappingProxyType({kind.name: kind for kind in (
    *register.KINDS, *staff.KINDS, *learning.KINDS, *results.KINDS)})
ORDER = ("schools", "staff", "courses", "enrolments", "statuses", "passports", "results")


def get_kind(kind: "ImportKind | str") -> ImportKind:
    """The kind itself, or the one registered under that name (a KuratorError naming the kinds otherwise)."""
    if isinstance(kind, ImportKind):
        return kind
    if kind not in KINDS:
        raise KuratorError(f"Неизвестный вид загрузки «{kind}». Можно: {', '.join(ORDER)}.")
    return KINDS[kind]
