"""Fixtures: a district or a school installation holding the small world of ui_world. Every feature is imported, as
in the window, so every record card is registered."""

import pytest
from ui_world import World, build_world

import app.ui.pages  # noqa: F401 — registers the features' record cards


@pytest.fixture
def district_world(empty_db) -> World:
    return build_world(empty_db, "district")


@pytest.fixture
def school_world(empty_db) -> World:
    return build_world(empty_db, "school")
