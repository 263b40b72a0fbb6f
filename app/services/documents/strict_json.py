"""Strict JSON for files from outside: UTF-8 only, no NaN/Infinity, no duplicate keys, objects only."""

import json
from typing import Any


class StrictJSONError(ValueError):
    """The bytes are not one strict JSON object; the message is Russian and names the problem."""


def parse_object(raw: bytes) -> dict[str, Any]:
    """Parse `raw` as exactly one JSON object under the strict rules, or raise StrictJSONError."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StrictJSONError("текст не в кодировке UTF-8") from None
    try:
        value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise StrictJSONError("слишком глубокая вложенность") from None
    except StrictJSONError:
        raise
    except ValueError as error:
        raise StrictJSONError(f"ошибка JSON ({_first_line(error)})") from None
    if not isinstance(value, dict):
        raise StrictJSONError("ожидался объект JSON {…}")
    return value


def dumps_line(record: dict[str, Any]) -> str:
    """One record as a canonical compact JSON line (sorted keys, UTF-8 text, no NaN), without newline."""
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def dumps_document(document: dict[str, Any]) -> str:
    """A readable, stable JSON document (sorted keys, indent 2) ending with a newline."""
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False) + "\n"


def _reject_constant(name: str) -> Any:
    raise StrictJSONError(f"недопустимое значение {name}")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise StrictJSONError(f"ключ «{_first_duplicate(pairs)}» повторяется")
    return result


def _first_duplicate(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    return ""


def _first_line(error: ValueError) -> str:
    return str(error).splitlines()[0][:200]
