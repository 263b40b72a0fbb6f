"""Files that travel with their records: which a packet carries within its limits, which records wait for the next
packet, and how received files are checked by hash before they reach the data folder."""

import hashlib

import pytest

from app.errors import IntegrityRefused
from app.services import file_store
from app.services.exchange import attachments


def stored(files_dir, content: bytes, name: str = "Приказ.pdf") -> dict:
    """A file put into the store and the evidence row that refers to it."""
    source = files_dir.parent / name
    source.write_bytes(content)
    kept = file_store.store_file(files_dir, source)
    return {"id": f"row-{kept.sha256[:6]}", "sha256": kept.sha256, "stored_name": kept.stored_name,
            "size_bytes": kept.size, "deleted_at": None}


def test_a_packet_carries_each_file_once_and_leaves_for_the_next_one_what_does_not_fit(tmp_path):
    files = tmp_path / "files"
    order, minutes, photo = stored(files, b"o" * 400), stored(files, b"m" * 300), stored(files, b"p" * 500, "фото.jpg")
    again = dict(order, id="row-again")  # the same order attached to another event
    tables = {"evidence": [order, again, minutes], "answer_file": [photo]}
    carried = attachments.carry_files(files, tables, limit=1000)
    assert [a.sha256 for a in carried.attachments] == [order["sha256"], minutes["sha256"]]
    assert carried.total_bytes == 700 and carried.deferred == {"answer_file": [photo["id"]]}
    assert tables == {"evidence": [order, again, minutes], "answer_file": []}


def test_a_record_whose_file_is_not_here_travels_without_it(tmp_path):
    files = tmp_path / "files"
    lost = stored(files, b"lost")
    (files / file_store.FOLDER / lost["sha256"][:2] / lost["stored_name"]).unlink()
    tables = {"evidence": [lost]}
    carried = attachments.carry_files(files, tables)
    assert (carried.attachments, carried.absent, tables["evidence"]) == ([], 1, [lost])


def test_a_received_file_reaches_the_store_only_when_committed(tmp_path):
    content = b"%PDF protocol"
    sha = hashlib.sha256(content).hexdigest()
    staging = attachments.Staging(tmp_path, "packet-1")
    staging.receive(sha, len(content), iter([content]))
    target = tmp_path / file_store.FOLDER / sha[:2] / f"{sha}.pdf"
    assert not target.exists()
    assert staging.commit([{"sha256": sha, "stored_name": f"{sha}.pdf"}]) == 1
    assert target.read_bytes() == content and not staging.folder.exists()


@pytest.mark.parametrize("declared, content", [(5, b"longer than five"), (13, b"%PDF protocol")])
def test_a_file_longer_than_declared_or_with_another_hash_is_refused(tmp_path, declared, content):
    staging = attachments.Staging(tmp_path, "packet-2")
    with pytest.raises(IntegrityRefused):
        staging.receive("0" * 64, declared, iter([content]))


@pytest.mark.parametrize("stored_name", ["../../../etc/passwd", "{sha}/../x", "{sha}.p df", "{other}.pdf"])
def test_a_stored_name_that_is_not_the_files_hash_is_a_problem(stored_name):
    sha, other = "a" * 64, "b" * 64
    row = {"sha256": sha, "stored_name": stored_name.format(sha=sha, other=other)}
    assert attachments.stored_names_problem([row]) is not None
    assert attachments.stored_names_problem([{"sha256": sha, "stored_name": f"{sha}.pdf"}]) is None


@pytest.mark.parametrize("listed, fine", [
    (None, True), ([{"sha256": "a" * 64, "bytes": 10}], True), ([{"sha256": "a" * 64, "bytes": -1}], False),
    ([{"sha256": "A" * 64, "bytes": 1}], False), ([{"sha256": "a" * 64, "bytes": 1}] * 2, False),
    ([{"sha256": "a" * 64, "bytes": attachments.MAX_FILE_BYTES + 1}], False),
    ([{"sha256": c * 64, "bytes": attachments.MAX_FILE_BYTES} for c in "abcde"], False),  # 125 МБ together
])
def test_the_manifests_list_of_files_is_checked_against_the_limits(listed, fine):
    assert (attachments.attachments_problem(listed) is None) == fine
