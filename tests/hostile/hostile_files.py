"""Hostile files built from scratch: signed packets (real Ed25519 keys) that are small on disk and huge inside,
packets that lie about their files, and Office documents that expand to huge tables.

Used by the tests in this folder and by `bench/bench_hostile.py`; nothing here imports the code under test
except the public key helpers, so the same files can be fed to an older checkout for comparison.
"""

import hashlib
import json
import random
import re
import shutil
import struct
import uuid
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

MB = 1024 * 1024
# Tiny records («{"":"a"}» padded to 23 bytes) that deflate about 88:1, just under a packet's 100:1 ratio check.
_RECORD_PAD = 14


def tiny_records_block(size: int = MB, seed: int = 1) -> bytes:
    """About `size` bytes of one-letter records, the letter drawn at random so deflate cannot squeeze them further."""
    rnd = random.Random(seed)
    lines = [b'{"":"' + rnd.choice((b"a", b"b")) + b'"}' + b" " * _RECORD_PAD + b"\n" for _ in range(size // 23)]
    return b"".join(lines)


@dataclass(frozen=True)
class Signer:
    """An Ed25519 key pair as an installation holds it after unlocking."""

    private_key: Ed25519PrivateKey

    @classmethod
    def new(cls) -> "Signer":
        return cls(Ed25519PrivateKey.generate())

    @property
    def public_pem(self) -> bytes:
        return self.private_key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass(frozen=True)
class DataMember:
    """A data file already written into a base zip, with what an honest manifest would say about it."""

    name: str
    sha256: str
    bytes: int
    rows: int

    def entry(self, **lies) -> dict:
        return {"name": self.name, "sha256": self.sha256, "bytes": self.bytes, "rows": self.rows, **lies}


def repeated_chunks(block: bytes, total: int) -> Iterator[bytes]:
    """About `total` bytes of `block` repeated (whole blocks only, so whole lines when the block holds lines)."""
    for _ in range(max(1, total // len(block))):
        yield block


def write_repeated_zip(path: Path, members: dict[str, tuple[bytes, int]]) -> list[DataMember]:
    """A zip whose members each repeat one block to about the given size, deflated the way a bomb is built: the
    block is compressed once, its dictionary reset (a full flush), and the compressed piece repeated. Seconds for
    a gigabyte, where compressing it through zipfile takes more than a minute."""
    listed, directory, offset = [], [], 0
    with path.open("wb") as out:
        for name, (block, total) in members.items():
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
            final = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
            count = max(1, total // len(block))
            digest, crc = hashlib.sha256(), 0
            for _ in range(count):
                digest.update(block)
                crc = zlib.crc32(block, crc)
            size, packed = len(block) * count, len(piece) * count + len(final)
            fields = (20, 0, zipfile.ZIP_DEFLATED, 0, 33, crc, packed, size, len(name), 0)
            out.write(b"PK\x03\x04" + struct.pack("<HHHHHIIIHH", *fields) + name.encode())
            for _ in range(count):
                out.write(piece)
            out.write(final)
            directory.append(b"PK\x01\x02" + struct.pack("<HHHHHHIIIHHHHHII", 20, *fields, 0, 0, 0, 0, offset)
                             + name.encode())
            offset = out.tell()
            listed.append(DataMember(name, digest.hexdigest(), size, block.count(b"\n") * count))
        central = b"".join(directory)
        out.write(central + b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, len(directory), len(directory),
                                                          len(central), offset, 0))
    return listed


def manifest_for(sender: dict, recipient: dict, files: list[dict], sequence: int = 1,
                 schema_revision: str = "0001", **extra) -> dict:
    """A complete manifest in DESIGN.md's shape."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return {
        "format": "kurator-packet", "format_version": 1, "packet_id": str(uuid.uuid4()), "created_at": now,
        "sender": sender, "recipient": recipient, "sequence": sequence, "schema_revision": schema_revision,
        "period": 2022, "signed_off_by": {"name": "Иванова А.А.", "position": "Заместитель директора", "at": now},
        "files": files, **extra,
    }


def finish_packet(base: Path | None, target: Path, manifest: dict, signer: Signer, sender_pem: bytes | None = None,
                  members: dict[str, bytes] | None = None) -> Path:
    """Copy `base` (data already in it) to `target` and add the signed manifest, its signature and sender.pem."""
    if base is not None:
        shutil.copy(base, target)
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2).encode() + b"\n"
    with zipfile.ZipFile(target, "a" if base is not None else "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in (members or {}).items():
            archive.writestr(name, data)
        archive.writestr("manifest.json", manifest_bytes)
        archive.writestr("manifest.sig", signer.private_key.sign(manifest_bytes))
        archive.writestr("sender.pem", sender_pem if sender_pem is not None else signer.public_pem)
    return target


def jsonl(records: list[dict]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode() + b"\n"
                    for r in records)


def signed_packet(target: Path, manifest: dict, tables: dict[str, list[dict]], signer: Signer) -> Path:
    """A small, honest packet: every table's file listed with its true hash, size and row count."""
    members = {f"data/{table}.jsonl": jsonl(rows) for table, rows in tables.items()}
    manifest = {**manifest, "files": [{"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                                       "rows": data.count(b"\n")} for name, data in sorted(members.items())]}
    return finish_packet(None, target, manifest, signer, members=members)


def teacher_records(count: int, school_id: str, line_bytes: int) -> list[dict]:
    """Valid teacher records of a school, each `line_bytes` long as a packet line (padded in search_text)."""
    return [_padded({"id": str(uuid.UUID(int=number + 1)), "school_id": school_id, "last_name": f"Учитель{number}",
                     "first_name": "Анна", "middle_name": "Петровна", "birth_year": 1980, "qualification": "highest",
                     "experience_years": 10, "young_specialist": False, "education": "высшее педагогическое",
                     "email": "teacher@school.ru", "phone": "+7 900 000-00-00", "hired_on": None, "left_on": None,
                     "search_text": "", **_SYNCED}, "search_text", line_bytes) for number in range(count)]


def practice_records(count: int, origin: str, line_bytes: int) -> list[dict]:
    """Valid practices created by installation `origin`, each `line_bytes` long (padded in the description)."""
    return [_padded({"id": str(uuid.UUID(int=10**6 + number)), "title": f"Практика {number}", "school_id": None,
                     "author": None, "area": "teaching", "year": 2022, "description": "", "link": None,
                     **_SYNCED, "origin": origin}, "description", line_bytes) for number in range(count)]


_SYNCED = {"created_at": "2024-01-01T00:00:00", "updated_at": "2024-01-01T00:00:00", "origin": "school",
           "deleted_at": None, "is_demo": False}


def _padded(record: dict, field: str, line_bytes: int) -> dict:
    """`record` with `field` lengthened by random letters (text, not a run of one letter a zip would squeeze)."""
    rnd = random.Random(record["id"])
    pad = "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(line_bytes - len(jsonl([record]))))
    return {**record, field: record[field] + pad}


# --- Office documents ------------------------------------------------------------------------------------

_DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROADMAP_HEADER = ("№ п/п", "Наименование мероприятия", "Срок исполнения", "Ответственный", "Планируемый результат")


def _docx_row(cells: tuple[str, ...]) -> bytes:
    return ("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>" for text in cells)
            + "</w:tr>").encode()


def roadmap_docx(path: Path, rows: int, title: str = "Семинар для учителей") -> Path:
    """A Word roadmap whose one table has `rows` events titled `title`: ~300 bytes of XML per row with the short
    title, so a few hundred KB on disk hold a table of 100 MB."""
    head = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W}"><w:body>'
            "<w:p><w:r><w:t>Дорожная карта</w:t></w:r></w:p><w:tbl>").encode() + _docx_row(ROADMAP_HEADER)
    event = _docx_row(("1", title, "Март", "Методист", "Проведён"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", _DOCX_RELS)
        with archive.open("word/document.xml", "w", force_zip64=False) as stream:
            stream.write(head)
            for _ in range(rows // 1000):
                stream.write(event * 1000)
            stream.write(event * (rows % 1000))
            stream.write(b"</w:tbl><w:sectPr/></w:body></w:document>")
    return path


def roadmap_xlsx(path: Path, rows: int, titles: list[str] | None = None) -> Path:
    """An Excel roadmap with `rows` events (openpyxl write-only, so building it stays cheap); `titles` name the
    first events, every text written as a string even when it begins with «=»."""
    import openpyxl  # only the document builders need it
    from openpyxl.cell import WriteOnlyCell

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Дорожная карта")
    sheet.append(list(ROADMAP_HEADER))
    titles = titles or []
    for number in range(1, rows + 1):
        title = WriteOnlyCell(sheet, titles[number - 1] if number <= len(titles) else "Семинар для учителей")
        title.data_type = "s"
        sheet.append([str(number), title, "Март", "Методист", "Проведён"])
    book.save(path)
    return path


def with_cached_formula(path: Path, text: str, formula: str, cached: str) -> Path:
    """Replace the string cell holding `text` by a formula cell whose value Excel cached as `cached`."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    cell = re.search(r'<c r="([A-Z]+[0-9]+)" t="inlineStr"><is><t>' + re.escape(escape(text)) + r"</t></is></c>", sheet)
    formula_cell = f'<c r="{cell.group(1)}" t="str"><f>{escape(formula)}</f><v>{escape(cached)}</v></c>'
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(cell.group(0), formula_cell).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path
