"""The shape of an exchange packet's manifest.json (DESIGN.md «Exchange packet»), declared as a table."""

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from app.services.exchange.attachments import attachments_problem

SENDER_KINDS = ("school", "district")
MAX_SEQUENCE = 2**31 - 1  # a packet number fits a 32-bit INTEGER column, on SQLite and on PostgreSQL alike
DATA_MEMBER = re.compile(r"data/([a-z_]+)\.jsonl")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class Field(NamedTuple):
    """A leaf of the schema: a check and how to say in Russian what was expected."""

    check: Callable[[Any], bool]
    expected: str


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_timestamp(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _matches(pattern: re.Pattern[str]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and pattern.fullmatch(value) is not None


TEXT = Field(_is_text, "непустая строка")
TIMESTAMP = Field(_is_timestamp, "дата и время в формате ISO 8601")
COUNT = Field(lambda v: _is_int(v) and v >= 0, "целое число ≥ 0")

FILE_ENTRY = {
    "name": Field(_matches(DATA_MEMBER), "имя вида data/<таблица>.jsonl"),
    "sha256": Field(_matches(_SHA256), "64 шестнадцатеричные цифры SHA-256 (строчные)"),
    "bytes": COUNT,
    "rows": COUNT,
}

# Nested dicts are objects, a one-item list is «a list of these»; extra fields are allowed (signed anyway).
MANIFEST_SCHEMA: dict[str, Any] = {
    "format": TEXT,
    "format_version": Field(lambda v: _is_int(v) and v >= 1, "целое число ≥ 1"),
    "packet_id": Field(_matches(_UUID), "UUID (строчными буквами, с дефисами)"),
    "sender": {
        "installation_id": TEXT,
        "kind": Field(lambda v: v in SENDER_KINDS, "«school» или «district»"),
        "school_code": Field(lambda v: v is None or _is_text(v), "строка или null"),
        "name": TEXT,
    },
    "recipient": Field(lambda v: _is_text(v) or isinstance(v, dict), "строка или объект"),
    "created_at": TIMESTAMP,
    "sequence": Field(lambda v: _is_int(v) and 1 <= v <= MAX_SEQUENCE, f"целое число от 1 до {MAX_SEQUENCE}"),
    "schema_revision": TEXT,
    "period": Field(lambda v: _is_text(v) or _is_int(v), "строка или год"),
    "signed_off_by": {"name": TEXT, "position": TEXT, "at": TIMESTAMP},
    "files": [FILE_ENTRY],
}


def manifest_problem(manifest: Any) -> str | None:
    """The first thing wrong with a manifest, in Russian, or None when it has the required shape."""
    return _shape_problem(manifest, MANIFEST_SCHEMA, "") or _rule_problem(manifest)


def _shape_problem(value: Any, schema: Any, path: str) -> str | None:
    if isinstance(schema, Field):
        return None if schema.check(value) else f"поле {path}: ожидается {schema.expected}"
    if isinstance(schema, list):
        if not isinstance(value, list):
            return f"поле {path}: ожидается список"
        return _first(_shape_problem(item, schema[0], f"{path}[{i}]") for i, item in enumerate(value))
    if not isinstance(value, dict):
        return f"поле {path or 'manifest'}: ожидается объект"
    return _first(_key_problem(value, key, sub, f"{path}.{key}" if path else key) for key, sub in schema.items())


def _key_problem(value: dict[str, Any], key: str, schema: Any, path: str) -> str | None:
    if key not in value:
        return f"нет поля {path}"
    return _shape_problem(value[key], schema, path)


def _rule_problem(manifest: dict[str, Any]) -> str | None:
    sender = manifest["sender"]
    if sender["kind"] == "school" and sender["school_code"] is None:
        return "поле sender.school_code: у школы должен быть код"
    names = [entry["name"] for entry in manifest["files"]]
    if len(set(names)) != len(names):
        return "поле files: один файл указан дважды"
    return attachments_problem(manifest.get("attachments"))


def _first(problems: Any) -> str | None:
    return next((problem for problem in problems if problem), None)
