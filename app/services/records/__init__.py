"""The registry of records the user maintains by hand, and the generic services over it.

`ENTITIES[name]` describes a kind of record (model, Russian titles, fields, list columns, search, filters);
`validate`, `create`, `update`, `soft_delete`, `query_page` and `can_edit` work for every one of them.
"""

from .crud import (
    create,
    dependants,
    editable,
    get_record,
    get_values,
    new_values,
    soft_delete,
    update,
)
from .ownership import can_edit, current_scope
from .query import (
    PAGE_SIZE,
    count_rows,
    first_page,
    format_value,
    list_sources,
    query_page,
    ref_label,
    ref_options,
    rows_after,
)
from .registry import ENTITIES, get_entity
from .spec import Column, Entity, Field, MultiLink, Unique
from .validation import validate

__all__ = [
    "ENTITIES", "PAGE_SIZE", "Column", "Entity", "Field", "MultiLink", "Unique", "can_edit", "count_rows", "create",
    "current_scope", "dependants", "editable", "first_page", "format_value", "get_entity", "get_record", "get_values",
    "list_sources", "new_values", "query_page", "ref_label", "ref_options", "rows_after", "soft_delete", "update",
    "validate",
]
