"""Cost of the worst hostile packets and documents: wall time and peak memory (RSS) of `kurator … import` run in
a child process, each beside the exit code it ended with.

Packets: two data files of tiny records (`{"":"a"}`, 23 bytes each, deflating 88:1 so no ratio check trips),
`--data-mb` in all (1 GiB by default, 12 MB on disk): from an unknown sender; from a registered school with a bad
signature; from the registered school, signed, whose manifest understates the files; and an honest one declaring
them. Then the largest packet today's limits accept: 20,000 valid records of 1 KB. Documents: Word roadmaps of
330,000 and 970,000 table rows (the second just under the 300 MB unpacked limit), an Excel roadmap of 30,000 rows;
then the largest roadmaps today's limits accept: long rows up to just under 8 MB of XML, in Word and in Excel.

Run: `.venv/bin/python bench/bench_hostile.py [--source DIR] [--limit-mb N]` from the repository root;
`--source` runs another checkout (e.g. an archive of main) against the same files, `--limit-mb` sets the
child's address-space limit (RLIMIT_AS), `--skip-documents` measures the packets only, `--only TEXT` the files
whose label contains TEXT.
"""

import argparse
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from hostile_files import (  # noqa: E402
    MB,
    Signer,
    finish_packet,
    manifest_for,
    practice_records,
    roadmap_docx,
    roadmap_xlsx,
    signed_packet,
    teacher_records,
    tiny_records_block,
    write_repeated_zip,
)

PASS = "bench-passphrase"
SCHOOL = "0701001"


def kurator(source: Path, *argv, limit_mb: int | None = None) -> tuple[int, float, float, str]:
    """Run `python -m app ARGV` from `source`: (exit code, seconds, peak RSS in MB, last stderr line)."""
    env = dict(os.environ, PYTHONPATH=str(source), KURATOR_PASSPHRASE=PASS)

    def limit():
        if limit_mb:
            resource.setrlimit(resource.RLIMIT_AS, (limit_mb * MB, limit_mb * MB))

    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "app", *map(str, argv)], env=env, cwd=source,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)
    stderr = child.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    lines = [line for line in stderr.splitlines() if line.strip()]
    return code, seconds, usage.ru_maxrss / 1024, lines[-1][:150] if lines else ""


def setup(source: Path, folder: Path) -> tuple[Path, Path, Signer]:
    """A district that trusts the school's key, and one that trusts nobody; the school's signer."""
    school_db = folder / "s.db"
    for argv in (("--db", school_db, "init", "--mode", "school", "--school", SCHOOL, "--name", "Школа"),
                 ("--db", school_db, "keys", "export", folder / "s.pem"),
                 ("--db", folder / "d.db", "init", "--mode", "district", "--name", "Район"),
                 ("--db", folder / "d.db", "keys", "trust", folder / "s.pem", "--school", SCHOOL),
                 ("--db", folder / "lonely.db", "init", "--mode", "district", "--name", "Другой район")):
        code, *_ , message = kurator(source, *argv)
        assert code == 0, (argv, message)
    return folder / "d.db", folder / "lonely.db", _school_signer(school_db)


def _school_signer(school_db: Path) -> Signer:
    from cryptography.hazmat.primitives import serialization

    with sqlite3.connect(school_db) as connection:
        (pem,) = connection.execute("SELECT private_key_pem FROM installation").fetchone()
    return Signer(serialization.load_pem_private_key(pem.encode(), PASS.encode()))


def ask(source: Path, statement: str) -> str:
    """What the checkout under test prints for `statement` (its schema revision, a school's id)."""
    return subprocess.run([sys.executable, "-c", statement], cwd=source, env=dict(os.environ, PYTHONPATH=str(source)),
                          capture_output=True, text=True, check=True).stdout.strip()


def packets(folder: Path, school: Signer, data_mb: int, source: Path) -> dict[str, Path]:
    revision = ask(source, "from app.db import head_revision; print(head_revision())")
    school_uuid = ask(source, f"from app.services.ids import school_id; print(school_id('{SCHOOL}'))")
    base, block = folder / "base.zip", tiny_records_block()
    data = write_repeated_zip(base, {name: (block, data_mb * MB // 2)
                                     for name in ("data/course.jsonl", "data/teacher.jsonl")})
    sender = {"installation_id": "5c0f3d4e-0000-4000-8000-000000000001", "kind": "school",
              "school_code": SCHOOL, "name": "Школа"}
    recipient = {"kind": "district", "school_code": None}
    stranger = Signer.new()
    honest = manifest_for(sender, recipient, [member.entry() for member in data], schema_revision=revision)
    lie = manifest_for(sender, recipient, [member.entry(bytes=100, rows=3) for member in data],
                       schema_revision=revision)
    line = 20 * MB // 20_000  # the new limits: 20,000 records and 20 MB in two files
    largest = {"teacher": teacher_records(10_000, school_uuid, line),
               "practice": practice_records(10_000, sender["installation_id"], line)}
    return {
        "unknown sender": finish_packet(base, folder / "unknown.kpkt", honest, school),
        "bad signature": finish_packet(base, folder / "forged.kpkt", honest, stranger),
        "signed, files lie about their size": finish_packet(base, folder / "liar.kpkt", lie, school),
        "signed, honest": finish_packet(base, folder / "honest.kpkt", honest, school),
        "signed, 20,000 real records": signed_packet(folder / "largest.kpkt", manifest_for(
            sender, recipient, [], schema_revision=revision), largest, school),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=ROOT)
    parser.add_argument("--limit-mb", type=int)
    parser.add_argument("--data-mb", type=int, default=1024)
    parser.add_argument("--skip-documents", action="store_true")
    parser.add_argument("--only", default="", help="measure only the files whose label contains this text")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kurator-hostile-"))
    district, lonely, school = setup(args.source, folder)
    print(f"code: {args.source}; address-space limit: {args.limit_mb or 'none'} MB")
    for label, packet in packets(folder, school, args.data_mb, args.source).items():
        if args.only not in label:
            continue
        target = lonely if label == "unknown sender" else district
        code, seconds, peak, message = kurator(args.source, "--db", target, "packet", "import", packet,
                                               limit_mb=args.limit_mb)
        print(f"packet {label:<36} {packet.stat().st_size / MB:5.1f} MB on disk: exit {code}, {seconds:6.1f} s, "
              f"peak {peak:7.0f} MB — {message}")
    if args.skip_documents:
        return
    long_title = "Семинар для учителей математики по подготовке к ГИА " * 25  # 2.6 KB of text
    documents = {"docx 330,000 rows": roadmap_docx(folder / "big.docx", 330_000),
                 "docx 970,000 rows": roadmap_docx(folder / "huge.docx", 970_000),
                 "xlsx 30,000 rows": roadmap_xlsx(folder / "long.xlsx", 30_000),
                 "docx 2,900 long rows (7.8 MB)": roadmap_docx(folder / "dense.docx", 2_900, long_title),
                 "xlsx 1,000 long rows (8.0 MB)": roadmap_xlsx(folder / "dense.xlsx", 1_000, [long_title] * 1_000)}
    for label, document in documents.items():
        if args.only not in label:
            continue
        code, seconds, peak, message = kurator(args.source, "--db", district, "roadmap", "import", document,
                                               "--year", "2022", limit_mb=args.limit_mb)
        print(f"document {label:<32} {document.stat().st_size / 1024:7.0f} KB on disk: exit {code}, "
              f"{seconds:6.1f} s, peak {peak:7.0f} MB — {message}")


if __name__ == "__main__":
    main()
