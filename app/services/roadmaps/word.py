"""A roadmap (current or any version) as the Word document these offices approve.

Layout: «УТВЕРЖДЕНА приказом … от …» at the right (with «в редакции …» for a corrected version, «ПРОЕКТ» for a
draft), the title in the middle, then one table — №, Мероприятие, Сроки, Ответственные, Планируемый результат —
whose header row repeats on every page, section rows spanning the table, numbers as in the source; a two-level
roadmap (seeds/002) gets the «Уровень образовательной организации» column beside the measure. A4, landscape or
portrait, Times New Roman 12. Importing the file again gives the same sections, events and deadlines.
"""

from datetime import date
from io import BytesIO
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from sqlalchemy.orm import Session

from app.services.output.atomic_write import write_bytes_atomically
from app.services.output.word import repeat_header_row
from app.services.roadmaps.corrections import approval_phrase, version_snapshot

FONT = "Times New Roman"
A4 = (Cm(21.0), Cm(29.7))
COLUMNS = (  # (header, snapshot key, share of the width)
    ("№ п/п", "number", 0.07),
    ("Мероприятие", "title", 0.37),
    ("Сроки", "deadline_text", 0.14),
    ("Ответственные", "responsible", 0.19),
    ("Планируемый результат", "planned_result", 0.23),
)
SCHOOL_COLUMN = ("Уровень образовательной организации", "school_title", 0.25)


def _approval_lines(snapshot: dict) -> list[str]:
    order, on = snapshot.get("approved_by") or "", snapshot.get("approved_on")
    if not order:
        return ["ПРОЕКТ"]
    lines = ["УТВЕРЖДЕНА", approval_phrase(order, date.fromisoformat(on) if on else None)]
    version = snapshot.get("version")
    if version and version["number"] > 1:
        lines.append(f"(в редакции: {version['basis']})")
    return lines


def _set_font(document: docx.document.Document, font: str) -> None:
    style = document.styles["Normal"]
    style.font.name, style.font.size = font, Pt(12)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    style.paragraph_format.space_after = Pt(0)


def _page(document: docx.document.Document, landscape: bool) -> int:
    """Set A4 in the orientation asked; returns the text width in EMU."""
    section = document.sections[0]
    width, height = (A4[1], A4[0]) if landscape else A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.left_margin, section.right_margin = Cm(2.5 if not landscape else 2.0), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)
    return width - section.left_margin - section.right_margin


def _fill(cell, text: str, *, bold: bool = False, italic: bool = False, center: bool = False) -> None:
    for index, line in enumerate((text or "").split("\n")):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold, run.italic = bold, italic


def _set_widths(table, widths: list[int]) -> None:
    """Word reads each cell's width, LibreOffice the grid's: set both."""
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _rows(snapshot: dict, two_level: bool) -> list[tuple[str, dict]]:
    """(«section» | «note» | «event», values) in document order; a school measure sits beside its municipal one."""
    events = snapshot["events"]
    beside = {e["id"]: e for e in events}
    paired = {}
    if two_level:
        for event in events:
            link = event.get("linked_event_id")
            if event["level"] == "school" and link in beside:
                paired[link] = event["title"]
    rows: list[tuple[str, dict]] = []
    by_section: dict[str | None, list[dict]] = {}
    for event in events:
        if two_level and event["level"] == "school" and event.get("linked_event_id") in beside:
            continue
        by_section.setdefault(event["section_id"], []).append(event)
    for event in by_section.pop(None, []):
        rows.append(("event", _event_values(event, paired, two_level)))
    for section in snapshot["sections"]:
        rows.append(("section", section))
        if section.get("note"):
            rows.append(("note", section))
        rows += [("event", _event_values(e, paired, two_level)) for e in by_section.get(section["id"], [])]
    return rows


def _event_values(event: dict, paired: dict[str, str], two_level: bool) -> dict:
    if two_level and event["level"] == "school":
        return dict(event, title="", school_title=event["title"])
    return dict(event, school_title=paired.get(event["id"], ""))


def build_docx(snapshot: dict, landscape: bool = True, font: str = FONT) -> bytes:
    """The document's bytes for a roadmap snapshot (see `versions.roadmap_snapshot`)."""
    document = docx.Document()
    _set_font(document, font)
    text_width = _page(document, landscape)
    for line in _approval_lines(snapshot):
        document.add_paragraph(line).paragraph_format.left_indent = int(text_width * 0.62)
    document.add_paragraph()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(snapshot["title"]).bold = True
    document.add_paragraph()
    two_level = any(e["level"] == "school" for e in snapshot["events"]) and snapshot.get("level") == "municipal"
    columns = list(COLUMNS)
    if two_level:
        columns.insert(2, SCHOOL_COLUMN)
    table = document.add_table(rows=1, cols=len(columns))
    table.style, table.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    share = sum(c[2] for c in columns)
    widths = [int(text_width * part / share) for _header, _key, part in columns]
    for cell, (header, _key, _part) in zip(table.rows[0].cells, columns, strict=True):
        _fill(cell, header, bold=True, center=True)
    repeat_header_row(table.rows[0])
    for kind, values in _rows(snapshot, two_level):
        cells = table.add_row().cells
        if kind == "event":
            for cell, (_header, key, _part) in zip(cells, columns, strict=True):
                _fill(cell, values.get(key, ""), center=key == "number")
            continue
        merged = cells[0].merge(cells[-1])
        label = f"{values['number']}. {values['title']}" if values["number"] else values["title"]
        _fill(merged, values["note"] if kind == "note" else label, bold=kind == "section", italic=kind == "note")
    _set_widths(table, widths)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def export_docx(session: Session, roadmap_id: str, path: Path, version: int | None = None,
                landscape: bool = True) -> Path:
    """Write the roadmap (the current text, or version `version`) as a .docx file, whole or not at all."""
    snapshot = version_snapshot(session, roadmap_id, version)
    write_bytes_atomically(Path(path), build_docx(snapshot, landscape))
    return Path(path)
