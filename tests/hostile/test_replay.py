"""The replay contract (issue 14, item 10; DESIGN.md «Command line»): importing again a packet already applied is a
no-op with exit 0, so scripts may re-run an import; an older packet is refused with exit 3."""

import json
import zipfile

from app.cli import main
from app.db import head_revision
from hostile_files import manifest_for, signed_packet
from hostile_world import SCHOOL, SCHOOL_NAME, dump, packet_log

SENDER = {"installation_id": "5c0f3d4e-0000-4000-8000-000000000001", "kind": "school", "school_code": SCHOOL,
          "name": SCHOOL_NAME}
PRACTICE = {"id": "6d0f3d4e-0000-4000-8000-000000000002", "title": "Практика школы", "school_id": None,
            "author": None, "area": "teaching", "year": 2022, "description": None, "link": None,
            "created_at": "2026-01-01T00:00:00", "updated_at": "2026-01-01T00:00:00",
            "origin": SENDER["installation_id"], "deleted_at": None, "is_demo": False}


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


def packet(path, signer, sequence, title="Практика школы"):
    manifest = manifest_for(SENDER, {"kind": "district", "school_code": None}, [], sequence=sequence,
                            schema_revision=head_revision())
    return signed_packet(path, manifest, {"practice": [{**PRACTICE, "title": title}]}, signer)


def test_an_exact_replay_exits_0_and_changes_nothing(district, school_signer, tmp_path, capsys):
    first = packet(tmp_path / "1.kpkt", school_signer, 1)
    assert kurator("--db", district, "packet", "import", first) == 0
    before = dump(district)
    capsys.readouterr()
    assert kurator("--db", district, "packet", "import", first, "--json") == 0
    assert json.loads(capsys.readouterr().out)["applied"] is False
    assert dump(district) == before
    assert packet_log(district)[-1] == (False, "Пакет уже был принят ранее — ничего не изменено.")


def test_an_older_packet_exits_3_and_changes_nothing(district, school_signer, tmp_path):
    older = packet(tmp_path / "1.kpkt", school_signer, 1)
    assert kurator("--db", district, "packet", "import", packet(tmp_path / "2.kpkt", school_signer, 2)) == 0
    before = dump(district)
    assert kurator("--db", district, "packet", "import", older) == 3
    assert dump(district) == before


def test_a_replay_whose_data_was_altered_is_refused_not_waved_through(district, school_signer, tmp_path):
    first = packet(tmp_path / "1.kpkt", school_signer, 1)
    assert kurator("--db", district, "packet", "import", first) == 0
    altered = tmp_path / "altered.kpkt"
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(altered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data.replace("Практика школы".encode(), "Практика Школы".encode()))
    before = dump(district)
    assert kurator("--db", district, "packet", "import", altered) == 3
    assert dump(district) == before
