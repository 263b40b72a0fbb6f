"""Отчёты: the report chooser page."""
