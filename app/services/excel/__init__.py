"""Declarative Excel templates: column specs, writing templates and tables, reading them back safely."""
