"""Shared widgets: table page, record dialog, field editors, multi-select, search box, year selector."""
