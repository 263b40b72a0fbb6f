"""Methodological events and participation; the event card."""
