"""The same models, migrations and services on PostgreSQL (a regional office outgrows one laptop).

A throwaway cluster is started on loopback for this module. Skipped where PostgreSQL is not installed,
unless KURATOR_REQUIRE_POSTGRES is set (CI installs it and sets it, so there the tests always run).
"""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from app.db import open_database
from app.models import Base, SocialPassport
from app.search_text import modelled
from app.services.ids import school_id

from tests.pg_cluster import postgres_installed, throwaway_cluster

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def postgres_url():
    if not postgres_installed():
        if os.environ.get("KURATOR_REQUIRE_POSTGRES"):
            pytest.fail("PostgreSQL is required here but not installed")
        pytest.skip("PostgreSQL is not installed")
    pytest.importorskip("psycopg")
    with throwaway_cluster() as url:
        yield url


@pytest.fixture(scope="module")
def pg_district(postgres_url):
    from app.services.demo import load_demo
    from app.services.setup import initialize

    database = open_database(postgres_url)
    with database.session() as session:
        initialize(session, "district", "Терский муниципальный район", program_year=2022)
        load_demo(session)
    yield database
    database.close()


def test_migrations_run_on_postgresql_without_drift(pg_district):
    with pg_district.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": modelled})
        assert compare_metadata(context, Base.metadata) == []


def test_postgresql_refuses_a_share_of_120_percent(pg_district):
    with pytest.raises(IntegrityError):
        with pg_district.session() as session:
            session.add(SocialPassport(school_id=school_id("0701001"), year=2030, share_low_income=120))


def test_indicators_and_roadmaps_compute_on_postgresql(pg_district):
    from app.services.indicators.catalogue import indicator_table
    from app.services.roadmaps import plans as roadmaps

    with pg_district.session() as session:
        table = {row["code"]: row for row in indicator_table(session, 2022)}
        assert table["2.1.1"]["actual"] is not None
        municipal = next(r for r in roadmaps.list_roadmaps(session) if r.level == "municipal")
        assert len(roadmaps.roadmap_detail(session, municipal.id)["events"]) == 18


def test_cyrillic_search_works_on_postgresql(pg_district):
    from app.services.records import get_entity, query_page

    with pg_district.session() as session:
        rows, total = query_page(session, get_entity("school"), "урожайное", {}, None, False)
    assert total == 1


def test_teachers_are_searched_through_the_trigram_index_on_postgresql(pg_district):
    from app.models import School, Teacher
    from app.services.records import query_page

    with pg_district.engine.connect() as connection:
        index = connection.exec_driver_sql(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_teacher_search_trgm'").scalar()
    assert index.endswith("USING gin (search_text gin_trgm_ops)")
    with pg_district.session() as session:
        school = session.query(School).first()
        teacher = Teacher(school_id=school.id, last_name="Щукарёва", first_name="Анна")
        session.add(teacher)
        session.flush()
        rows, total = query_page(session, "teacher", "ЩУКАРЕВА ан", {}, None, False)
        assert ([row[0] for row in rows], total) == ([teacher.id], 1)


@pytest.fixture(scope="module")
def regions(postgres_url, tmp_path_factory):
    """The same generated region (25 schools, 500 staff: the generator is deterministic, ids included) on SQLite
    and on PostgreSQL."""
    from app.services.demo.generator import generate_region
    from app.services.setup import initialize

    from tests.pg_cluster import second_database

    databases = [open_database(str(tmp_path_factory.mktemp("region") / "region.db")),
                 open_database(second_database(postgres_url, "region"))]
    for database in databases:
        with database.session() as session:
            initialize(session, "district", "Учебный регион", program_year=2026)
            generate_region(session, 25, 500)
    yield databases
    for database in databases:
        database.close()


def _listed(database, search: str = "", **query) -> list[tuple]:
    """Every row of Педагоги as the window reads it (a first page of 40, then the rows after the last one), the
    positions and subjects in a set order (neither engine promises one)."""
    from app.services.records import query_page, rows_after

    with database.session() as session:
        rows, _total = query_page(session, "teacher", search, limit=40, **query)
        read = list(rows)
        while rows:
            rows = rows_after(session, "teacher", read[-1][0], search, limit=40, **query)
            read.extend(rows)
    return [tuple(sorted(value) if isinstance(value, list) else value for value in row) for row in read]


@pytest.mark.parametrize("search", ["", "и", "ив", "иванов", "ЕЛ", "ёлкин", "ова ан", "анна петр"])
def test_a_search_finds_the_same_teachers_in_the_same_order_on_both_engines(regions, search):
    on_sqlite, on_postgresql = (_listed(database, search) for database in regions)
    assert on_sqlite == on_postgresql
    assert 0 < len({row[0] for row in on_sqlite}) == len(on_sqlite)


def test_a_search_that_matches_no_teacher_finds_none_on_postgresql(regions):
    assert _listed(regions[1], "нет такого педагога") == []


@pytest.mark.parametrize("column", ["name", "school", "qualification", "experience_years"])
@pytest.mark.parametrize("descending", [False, True])
def test_the_pages_on_postgresql_hold_the_rows_of_one_select_in_its_order(regions, column, descending):
    from app.services.records import query_page

    sqlite, postgresql = regions
    with postgresql.session() as session:
        everything = query_page(session, "teacher", limit=None, order_by=column, descending=descending)[0]
    read = _listed(postgresql, order_by=column, descending=descending)
    assert [row[0] for row in read] == [row[0] for row in everything]
    assert len(read) == 500
    assert [row[0] for row in _listed(sqlite, order_by=column, descending=descending)] == [row[0] for row in read]


def analytics_figures(database, year: int) -> dict:
    """ИСБ, result index and dynamics by school, and the proposed statuses, as the analytics tab shows them."""
    from app.services.analytics import selection as analytics

    with database.session() as session:
        return {
            "isb": {r["school"]: round(r["isb"], 9) for r in analytics.isb(session, year)},
            "result_index": {r["school"]: round(r["result_index"], 9) for r in analytics.result_index(session, year)},
            "dynamics": {r["school"]: round(r["delta"], 9) for r in analytics.positive_dynamics(session, year)},
            "proposed": {r["school"]: r["proposed"] for r in analytics.shnor_candidates(session, year)},
        }


def test_the_analytics_give_the_same_figures_on_postgresql_as_on_sqlite(pg_district, district_db):
    from app.services.demo import load_demo

    with district_db.session() as session:
        load_demo(session)
    on_sqlite = analytics_figures(district_db, 2022)
    assert len(on_sqlite["isb"]) == 26 and on_sqlite["proposed"]
    assert analytics_figures(pg_district, 2022) == on_sqlite
