"""Strict JSON for files from outside: UTF-8 only, no NaN/Infinity, no duplicate keys, objects only."""

import json
from collections.abc import Callable
from typing import Any

MAX_SHARED_KEYS = 1000  # a hostile file's endless distinct keys are not all kept


class StrictJSONError(ValueError):
    """The bytes are not one strict JSON object; the message is Russian and names the problem."""


def parse_object(raw: bytes, keys_seen: dict[str, str] | None = None) -> dict[str, Any]:
    """Parse `raw` as exactly one JSON object under the strict rules, or raise StrictJSONError.

    `keys_seen` shares one string per key across the calls given the same dict: a file's records repeat the
    same few column names thousands of times."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise StrictJSONError("текст не в кодировке UTF-8") from None
    try:
        value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys(keys_seen))
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


def _unique_keys(keys_seen: dict[str, str] | None) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def shared(key: str) -> str:
        if key in keys_seen or len(keys_seen) >= MAX_SHARED_KEYS:
            return keys_seen.get(key, key)
        keys_seen[key] = key
        return key

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(pairs) if keys_seen is None else {shared(key): value for key, value in pairs}
        if len(result) != len(pairs):
            raise StrictJSONError(f"ключ «{_first_duplicate(pairs)}» повторяется")
        return result
    return build


def _first_duplicate(pairs: list[tuple[str, Any]]) -> str:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return key
        seen.add(key)
    return ""


def _first_line(error: ValueError) -> str:
    return str(error).splitlines()[0][:200]
