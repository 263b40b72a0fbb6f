"""Validation of form values: per field (required, type, range, length, list), cross-field rules, uniqueness."""

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import alive

from .registry import get_entity
from .spec import Entity, Field

EMPTY = (None, "", [], ())


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def normalise(entity: Entity, values: dict[str, Any]) -> dict[str, Any]:
    """Only the entity's fields (absent ones at their default); texts stripped, empty as None, lists de-duplicated."""
    clean: dict[str, Any] = {}
    for field in entity.fields:
        value = values.get(field.name, field.default)
        if isinstance(value, str):
            value = value.strip() or None
        if field.kind == "bool":
            value = bool(value)
        if field.kind == "multi":
            value = list(dict.fromkeys(value or ()))
        clean[field.name] = None if value in EMPTY and field.kind != "multi" else value
    return clean


def _range_error(field: Field, value: float) -> str | None:
    low, high = field.min, field.max
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            return f"Допустимо от {_number(low)} до {_number(high)}."
        return f"Не меньше {_number(low)}." if low is not None else f"Не больше {_number(high)}."
    return None


def _kind_error(field: Field, value: Any) -> str | None:
    kind = field.kind
    if kind in ("text", "multiline"):
        if not isinstance(value, str):
            return "Введите текст."
        if field.max_length and len(value) > field.max_length:
            return f"Не длиннее {field.max_length} символов (сейчас {len(value)})."
    elif kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return "Введите целое число."
        return _range_error(field, value)
    elif kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return "Введите число."
        return _range_error(field, value)
    elif kind == "date":
        if not isinstance(value, date) or not 1900 <= value.year <= 2100:
            return "Введите дату в виде ДД.ММ.ГГГГ (1900–2100)."
    elif kind == "bool" and not isinstance(value, bool):
        return "Отметьте «да» или «нет»."
    elif kind == "choice" and value not in (field.choices or {}):
        return "Выберите значение из списка."
    elif kind == "multi" and any(item not in (field.choices or {}) for item in value):
        return "Выберите значения из списка."
    elif kind == "ref" and not isinstance(value, str):
        return "Выберите запись из списка."
    return None


def field_errors(entity: Entity, values: dict[str, Any]) -> dict[str, str]:
    """Errors of single fields, in the order of the form."""
    errors: dict[str, str] = {}
    for field in entity.fields:
        value = values.get(field.name)
        if value in EMPTY:
            if field.required:
                errors[field.name] = "Выберите хотя бы одно значение." if field.kind == "multi" else f"Заполните поле «{field.label}»."
            continue
        message = _kind_error(field, value)
        if message:
            errors[field.name] = message
    return errors


def _missing_refs(session: Session, entity: Entity, values: dict[str, Any]) -> dict[str, str]:
    errors = {}
    for field in entity.fields:
        value = values.get(field.name)
        if field.kind == "ref" and isinstance(value, str):
            model = get_entity(field.ref).model
            if not session.scalar(select(func.count()).select_from(model).where(model.id == value, alive(model))):
                errors[field.name] = "Выбранная запись не найдена или удалена."
    return errors


def find_duplicate(session: Session, entity: Entity, values: dict[str, Any], record_id: str | None, live: bool):
    """The stored record (live or tombstoned) that has the same unique key as `values`, for each rule."""
    model = entity.model
    for rule in entity.unique:
        clause = [getattr(model, name).is_(None) if values.get(name) is None else getattr(model, name) == values[name]
                  for name in rule.fields]
        stmt = select(model).where(*clause, alive(model) if live else ~alive(model))
        if record_id:
            stmt = stmt.where(model.id != record_id)
        found = session.scalars(stmt.limit(1)).first()
        if found is not None:
            return rule, found
    return None, None


def value_errors(entity: Entity, values: dict[str, Any]) -> dict[str, str]:
    """The errors of normalised values by themselves: each field, then the cross-field rules (no database)."""
    errors = field_errors(entity, values)
    valid = {name: value for name, value in values.items() if name not in errors}
    for rule in entity.rules:
        for name, message in rule(valid).items():
            errors.setdefault(name, message)
    return errors


def validate(entity: "Entity | str", values: dict[str, Any], session: Session | None = None,
             record_id: str | None = None) -> dict[str, str]:
    """{field: Russian message} for every invalid field; empty when the values can be saved.

    With a session, references must exist and unique keys must be free among live records."""
    entity = get_entity(entity)
    values = normalise(entity, values)
    errors = value_errors(entity, values)
    if session is not None and not errors:
        errors.update(_missing_refs(session, entity, values))
    if session is not None and not errors:
        rule, _found = find_duplicate(session, entity, values, record_id, live=True)
        if rule is not None:
            errors[rule.field] = rule.message
    return errors
