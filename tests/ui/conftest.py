"""Fixtures: a district or a school installation holding the small world of ui_world."""

import pytest
from ui_world import World, build_world


@pytest.fixture
def district_world(empty_db) -> World:
    return build_world(empty_db, "district")


@pytest.fixture
def school_world(empty_db) -> World:
    return build_world(empty_db, "school")
