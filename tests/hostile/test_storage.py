"""Locks, full disks and read-only files (issue 14, item 8): the computer, not the input, stops the work — the
user reads what happened and what to do (exit 1), never a traceback, and nothing is changed or left behind."""

import errno
import json
import os
import resource
import signal
import sqlite3
import time
import uuid

import pytest
from sqlalchemy import event

from app import db as dbmod
from app.cli import main
from app.db import head_revision
from app.services import backup as backups
from hostile_files import manifest_for, roadmap_docx, signed_packet
from hostile_world import SCHOOL, SCHOOL_NAME, dump, file_digest, kurator_process, packet_log

SENDER = {"installation_id": "5c0f3d4e-0000-4000-8000-000000000001", "kind": "school", "school_code": SCHOOL,
          "name": SCHOOL_NAME}


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


@pytest.fixture
def school_packet(tmp_path, school_signer):
    """The school's packet of 200 practices it created (enough to need new pages in the database)."""
    practices = [{"id": str(uuid.UUID(int=number + 1)), "title": f"Практика {number}", "school_id": None,
                  "author": None, "area": "teaching", "year": 2022, "description": "Описание практики. " * 40,
                  "link": None, "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00",
                  "origin": SENDER["installation_id"], "deleted_at": None, "is_demo": False} for number in range(200)]
    manifest = manifest_for(SENDER, {"kind": "district", "school_code": None}, [], schema_revision=head_revision())
    return signed_packet(tmp_path / "p.kpkt", manifest, {"practice": practices}, school_signer)


@pytest.fixture
def full_disk(district, monkeypatch):
    """Every connection the program opens may not grow the district's database by a single page (and no free page is
    left in it to fill first)."""
    connection = sqlite3.connect(district)
    connection.execute("VACUUM")
    connection.close()  # the last connection checkpoints the WAL into the file
    real = dbmod.make_engine

    def no_room(location):
        engine = real(location)
        event.listen(engine, "connect", lambda connection, _: connection.execute(
            f"PRAGMA max_page_count = {connection.execute('PRAGMA page_count').fetchone()[0]}"))
        return engine

    monkeypatch.setattr(dbmod, "make_engine", no_room)


def test_an_import_while_another_writer_holds_the_database_waits_then_says_so(district, school_packet, capsys,
                                                                              monkeypatch):
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_SECONDS", 1)
    before = dump(district)
    writer = sqlite3.connect(district)
    writer.execute("BEGIN IMMEDIATE")  # what `keys trust` in another terminal holds while it writes
    try:
        started = time.perf_counter()
        assert kurator("--db", district, "packet", "import", school_packet) == 1
        waited = time.perf_counter() - started
    finally:
        writer.rollback()
        writer.close()
    message = capsys.readouterr().err
    assert "занята другой программой" in message and str(district) in message and "Traceback" not in message
    assert 1 <= waited < 10
    assert dump(district) == before and packet_log(district) == []
    assert kurator("--db", district, "packet", "import", school_packet) == 0  # the lock gone, the same file goes in


def test_a_packet_import_on_a_full_disk_is_a_plain_failure_not_an_integrity_refusal(district, school_packet, capsys,
                                                                                   full_disk):
    before = dump(district)
    assert kurator("--db", district, "packet", "import", school_packet) == 1
    assert "нет места на диске" in capsys.readouterr().err
    assert dump(district) == before


def test_a_roadmap_import_on_a_full_disk_says_so_without_a_traceback(district, tmp_path, capsys, full_disk):
    before = file_digest(district)
    assert kurator("--db", district, "roadmap", "import", roadmap_docx(tmp_path / "r.docx", 300), "--year", "2022") == 1
    assert "нет места на диске" in capsys.readouterr().err
    assert file_digest(district) == before


def test_a_backup_that_fails_on_a_full_disk_leaves_no_part_file(district, tmp_path):
    target = tmp_path / "copies" / "copy.db"
    room = district.stat().st_size // 2  # the copy cannot grow past half the database

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (room, room))

    run = kurator_process("--db", district, "backup", "--out", target, preexec=small_disk)
    assert run.code in (1, 2) and "Не удалось записать копию" in run.stderr and "Traceback" not in run.stderr
    assert list(target.parent.iterdir()) == []


def test_a_backup_without_room_is_reported_as_no_room_on_the_disk(district, tmp_path, monkeypatch, capsys):
    def no_space(_source, _target):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backups, "copy_sqlite", no_space)
    assert kurator("--db", district, "backup", "--out", tmp_path / "copy.db") == 1
    assert "нет места на диске" in capsys.readouterr().err


@pytest.fixture
def read_only(district, tmp_path, monkeypatch, capsys) -> str:
    """A district with a roadmap whose database file may then only be read by this user; the roadmap's id. (Tests run
    as root, who may write anything: os.access is what the program asks, and SQLite then holds it to read-only.)"""
    assert kurator("--db", district, "roadmap", "import", roadmap_docx(tmp_path / "r.docx", 3), "--year", "2022",
                   "--json") == 0
    roadmap_id = json.loads(capsys.readouterr().out)["roadmap_id"]
    real = os.access
    monkeypatch.setattr(dbmod.os, "access", lambda path, mode: real(path, mode) and not (
        str(path) == str(district) and mode == os.W_OK))
    return roadmap_id


def test_a_read_only_database_still_shows_reports_and_exports(district, read_only, tmp_path):
    before = file_digest(district)
    assert kurator("--db", district, "roadmap", "show", read_only, "--json") == 0
    assert kurator("--db", district, "roadmap", "export", read_only, tmp_path / "plan.xlsx") == 0
    assert kurator("--db", district, "indicators", "--year", "2022", "--json") == 0
    assert kurator("--db", district, "report", "district", "--year", "2022", "--out", tmp_path / "r.pdf") == 0
    assert (tmp_path / "plan.xlsx").stat().st_size > 0 and (tmp_path / "r.pdf").stat().st_size > 0
    assert file_digest(district) == before


def test_a_change_to_a_read_only_database_is_refused_naming_the_file(district, read_only, tmp_path, capsys):
    before = file_digest(district)
    assert kurator("--db", district, "roadmap", "import", roadmap_docx(tmp_path / "s.docx", 3), "--year", "2022") == 1
    message = capsys.readouterr().err
    assert f"«{district}»" in message and "только для чтения" in message and "Папка" not in message
    assert file_digest(district) == before
