"""Opening, migrating and refusing databases (issue: foundation)."""

import hashlib
import shutil
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event, text
from sqlalchemy.exc import IntegrityError

from app import db as dbmod
from app.db import current_revision, head_revision, open_database
from app.errors import KuratorError
from app.models import Base, School, SocialPassport
from app.search_text import modelled
from app.paths import MIGRATIONS
from app.services.ids import school_id


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_migrated_to_head_in_wal_mode(empty_db):
    assert current_revision(empty_db.engine) == head_revision()
    with empty_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migrated_schema_has_no_drift_from_the_models(empty_db):
    with empty_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_object": modelled})
        assert compare_metadata(context, Base.metadata) == []


def test_database_refuses_a_share_of_120_percent(school_db):
    with pytest.raises(IntegrityError):
        with school_db.session() as session:
            session.add(SocialPassport(school_id=school_id("0701001"), year=2022, share_low_income=120))
    with school_db.session() as session:
        assert session.query(SocialPassport).count() == 0


def test_database_refuses_a_second_passport_for_the_same_school_and_year(school_db):
    with school_db.session() as session:
        session.add(SocialPassport(school_id=school_id("0701001"), year=2022, share_low_income=20))
    with pytest.raises(IntegrityError):
        with school_db.session() as session:
            session.add(SocialPassport(school_id=school_id("0701001"), year=2022, share_low_income=30))


def test_foreign_keys_are_enforced(district_db):
    with pytest.raises(IntegrityError):
        with district_db.session() as session:
            session.add(SocialPassport(school_id="no-such-school", year=2022))


def test_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("это не база данных", encoding="utf-8")
    before = digest(path)
    with pytest.raises(KuratorError, match="не является базой"):
        open_database(str(path))
    assert digest(path) == before


def test_database_of_a_newer_schema_is_refused_and_left_untouched(empty_db, db_path):
    with empty_db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    empty_db.close()
    before = digest(db_path)
    with pytest.raises(KuratorError, match="более новой версией") as refused:
        open_database(str(db_path))
    assert refused.value.exit_code == 2
    assert digest(db_path) == before


def test_sqlite_database_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contacts (name TEXT)")
    connection.commit()
    connection.close()
    before = digest(path)
    with pytest.raises(KuratorError, match="другой программы"):
        open_database(str(path))
    assert digest(path) == before


def test_read_only_folder_is_refused_with_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr(dbmod.os, "access", lambda *_: False)  # tests run as root, who may write anywhere
    with pytest.raises(KuratorError, match="недоступна для записи"):
        open_database(str(tmp_path / "new.db"))
    assert not (tmp_path / "new.db").exists()


def test_full_disk_while_creating_leaves_no_file_behind(tmp_path, monkeypatch):
    real_make_engine = dbmod.make_engine

    def tiny_disk(location):
        engine = real_make_engine(location)
        event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA max_page_count = 3"))
        return engine

    monkeypatch.setattr(dbmod, "make_engine", tiny_disk)
    with pytest.raises(KuratorError, match="нет места"):
        open_database(str(tmp_path / "full.db"))
    assert not (tmp_path / "full.db").exists()


NEXT_REVISION = "9999_next"


@pytest.fixture
def migrations_with_a_second_revision(tmp_path, monkeypatch):
    """A copy of the migrations with one more revision, as a newer version of the program would ship."""
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts)

    def add_revision(body: str) -> None:
        (scripts / "versions" / "9999_next.py").write_text(
            "from alembic import op\nimport sqlalchemy as sa\n"
            f"revision = '{NEXT_REVISION}'\ndown_revision = '{head_revision()}'\nbranch_labels = None\n"
            "depends_on = None\n"
            f"def upgrade():\n{body}\n"
            "def downgrade():\n    pass\n",
            encoding="utf-8",
        )
        monkeypatch.setattr(dbmod, "MIGRATIONS", scripts)

    return add_revision


def test_backup_is_taken_before_migrating_an_existing_database(district_db, db_path, migrations_with_a_second_revision):
    shipped = head_revision()
    with district_db.session() as session:
        session.add(School(id=school_id("1"), code="1", name="МКОУ СОШ №1", kind="СОШ", locality="urban"))
    district_db.close()
    shipped = head_revision()
    migrations_with_a_second_revision("    op.create_table('note', sa.Column('id', sa.Integer, primary_key=True))")

    reopened = open_database(str(db_path))
    try:
        assert current_revision(reopened.engine) == NEXT_REVISION
        backup = reopened.backup_made
        assert backup is not None and backup.parent == db_path.parent / "backups"
        copy = sqlite3.connect(backup)
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (shipped,)
        assert copy.execute("SELECT name FROM school").fetchall() == [("МКОУ СОШ №1",)]
        copy.close()
    finally:
        reopened.close()


def test_failed_migration_restores_the_original_database(district_db, db_path, migrations_with_a_second_revision):
    shipped = head_revision()
    district_db.close()
    shipped = head_revision()
    migrations_with_a_second_revision("    op.execute('CREATE TABLE school (broken)')")
    with pytest.raises(KuratorError, match="Не удалось подготовить"):
        open_database(str(db_path))
    connection = sqlite3.connect(db_path)
    assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (shipped,)
    assert connection.execute("SELECT name FROM installation").fetchone() == ("Терский муниципальный район",)
    connection.close()


def test_a_filled_database_of_an_earlier_version_is_upgraded_with_every_reference_intact(district_db, db_path):
    """The demo district taken back to the schema before the school's answers (0003: an answer was a text column
    of the recommendation) and opened again: the answers come back as their own records, every reference holds
    and foreign keys are enforced again. Re-creating the recommendation table once failed here («FOREIGN KEY
    constraint failed»), and the database could not be opened at all."""
    from alembic import command
    from sqlalchemy import create_engine

    from app.models import RecommendationAnswer
    from app.services.demo import load_demo

    with district_db.session() as session:
        load_demo(session)
    with district_db.session() as session:
        answers = session.scalar(text("SELECT count(*) FROM recommendation_answer"))
    assert answers > 0
    district_db.close()
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.downgrade(dbmod.alembic_config(connection), "0003_roadmap_corrections")
    engine.dispose()

    database = open_database(str(db_path))
    try:
        assert database.backup_made is not None and current_revision(database.engine) == head_revision()
        with database.session() as session:
            assert session.query(RecommendationAnswer).count() == answers
            assert session.execute(text("PRAGMA foreign_key_check")).fetchall() == []
            assert session.scalar(text("PRAGMA foreign_keys")) == 1
    finally:
        database.close()
