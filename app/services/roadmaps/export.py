"""Roadmap exports: back to Excel in the usual column layout plus status columns, and the PDF analysis
«Анализ реализации дорожной карты» in the manner of the report at the end of seeds/004."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from sqlalchemy.orm import Session

from app.models import District, alive
from app.models.reference import EVENT_STATUSES
from app.services.excel.writer import put, put_row
from app.services.installation import require_installation
from app.services.output.atomic_write import write_bytes_atomically
from app.services.output.pdf import ReportDocument
from app.services.output.ru_format import format_value
from app.services.roadmaps.corrections import moved_deadlines, moved_phrase, version_snapshot
from app.services.roadmaps.plans import (
    EventDetail,
    RoadmapDetail,
    RoadmapOverview,
    get_roadmap,
    occurrences_by_event,
    roadmap_detail,
    roadmap_overview,
)

EXCEL_COLUMNS = (  # (title, key, width): the layout municipal roadmaps use, then the monitoring columns
    ("№ п/п", "number", 8),
    ("Наименование мероприятия", "title", 60),
    ("Срок исполнения", "deadline_text", 18),
    ("Ответственный", "responsible", 28),
    ("Планируемый результат", "planned_result", 36),
    ("Статус", "status_label", 18),
    ("Дата выполнения", "completed_on", 14),
    ("Комментарий", "comment", 30),
)
THIN = Side(style="thin", color="7F8B99")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
STATUS_FILLS = {"overdue": "F8D7DA", "done_late": "FFF3CD", "done": "D4EDDA", "in_progress": "DCEBFA"}


def _rows_by_section(detail: RoadmapDetail) -> list[tuple[str, list[EventDetail]]]:
    """Every section in order (also those holding only subsections), each with its own events."""
    events: dict[str | None, list[EventDetail]] = defaultdict(list)
    for event in detail["events"]:
        events[event["section_id"]].append(event)
    return [("", events.pop(None, []))] + [(s["label"], events.get(s["id"], [])) for s in detail["sections"]]


def _last_completion(session: Session, roadmap_id: str) -> dict[str, tuple[date | None, str | None]]:
    """Per event: the latest completion date and the comments recorded on it or its occurrences."""
    roadmap = get_roadmap(session, roadmap_id)
    notes = {}
    for event, occurrences in occurrences_by_event(session, roadmap).items():
        dates = [o.completed_on for o in occurrences if o.completed_on] + ([event.completed_on] if event.completed_on else [])
        comments = [c for c in [event.comment, *(o.comment for o in occurrences)] if c]
        notes[event.id] = (max(dates) if dates else None, "; ".join(comments) or None)
    return notes


def _version_detail(session: Session, roadmap_id: str, version: int) -> RoadmapDetail:
    """An earlier version in the shape of `roadmap_detail` (no statuses: they belong to the roadmap as it is now)."""
    snapshot = version_snapshot(session, roadmap_id, version)
    labels = {s["id"]: f"{s['number']} {s['title']}".strip() for s in snapshot["sections"]}
    events = [dict(e, status="", section=labels.get(e["section_id"], ""), kind="", windows=[])
              for e in snapshot["events"]]
    return {"id": roadmap_id, "title": snapshot["title"], "level": snapshot.get("level", ""), "year_from": 0,
            "year_to": 0, "events": events,
            "sections": [{"id": s["id"], "label": labels[s["id"]], "parent_id": s["parent_id"]}
                         for s in snapshot["sections"]]}


def export_excel(session: Session, roadmap_id: str, path: Path, today: date | None = None,
                 version: int | None = None) -> Path:
    """Write the roadmap (or an earlier version) as an .xlsx table; importing it again gives the same sections and
    events."""
    detail = roadmap_detail(session, roadmap_id, today) if version is None else _version_detail(session, roadmap_id, version)
    notes = _last_completion(session, roadmap_id) if version is None else {}
    book = Workbook()
    sheet = book.active
    sheet.title = "Дорожная карта"
    put(sheet, 1, 1, detail["title"]).font = Font(bold=True, size=12)
    for cell in put_row(sheet, 3, [title for title, _, _ in EXCEL_COLUMNS]):
        cell.font, cell.border = Font(bold=True), BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        cell.fill = PatternFill("solid", fgColor="D5DCE6")
    for index, (_, _, width) in enumerate(EXCEL_COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=3, column=index).column_letter].width = width
    row = 3
    for section, events in _rows_by_section(detail):
        if section:
            row += 1
            put(sheet, row, 1, section).font = Font(bold=True)
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(EXCEL_COLUMNS))
        for event in events:
            row += 1
            completed_on, comment = notes.get(event["id"], (None, None))
            values = dict(event, status_label=EVENT_STATUSES.get(event["status"], ""),
                          completed_on=format_value(completed_on) if completed_on else "", comment=comment or "")
            for cell in put_row(sheet, row, [values[key] for _, key, _ in EXCEL_COLUMNS]):
                cell.alignment, cell.border = Alignment(wrap_text=True, vertical="top"), BORDER
            fill = STATUS_FILLS.get(event["status"])
            if fill:
                sheet.cell(row=row, column=6).fill = PatternFill("solid", fgColor=fill)
    sheet.freeze_panes = "A4"
    buffer = BytesIO()
    book.save(buffer)
    write_bytes_atomically(Path(path), buffer.getvalue())
    return Path(path)


@dataclass(frozen=True)
class AnalysisText:
    """The parts of the analysis the methodologist edits before printing."""

    conclusions: str
    signer_position: str = ""
    signer_name: str = ""


def default_conclusions(overview: RoadmapOverview) -> str:
    """A first draft of the conclusions from the numbers; the methodologist rewrites it as needed."""
    total = overview["total"]
    due = total["done"] + total["done_late"] + total["overdue"]
    if not due:
        return "Сроки исполнения мероприятий дорожной карты ещё не наступили."
    parts = [f"Из {due} сроков исполнения мероприятий, которые уже наступили, в срок выполнено {total['done']}"]
    if total["done_late"]:
        parts.append(f"с нарушением срока — {total['done_late']}")
    if total["overdue"]:
        parts.append(f"не выполнено (просрочено) — {total['overdue']}")
    text = ", ".join(parts) + "."
    if total["overdue"]:
        text += (" Рекомендуется рассмотреть причины невыполнения на совещании с ответственными исполнителями "
                 "и внести корректировку в дорожную карту.")
    else:
        text += " Намеченные мероприятия реализуются своевременно и в полном объёме."
    return text


def export_analysis_pdf(session: Session, roadmap_id: str, path: Path, year: int | None = None,
                        text: AnalysisText | None = None, today: date | None = None) -> Path:
    """The PDF «Анализ реализации дорожной карты»: done on time / late / overdue by section, what remains."""
    overview = roadmap_overview(session, roadmap_id, year=year, today=today)
    detail = roadmap_detail(session, roadmap_id, today)
    text = text or AnalysisText(default_conclusions(overview))
    installation = require_installation(session)
    district = session.query(District).filter(alive(District)).first()
    organisation = (district.office_name if district and district.office_name else installation.name)
    period = f"за {year} год" if year else f"на {overview['today'][:4]} год"

    doc = ReportDocument("Анализ реализации дорожной карты", subject=overview["title"])
    doc.official_header(organisation, "Анализ реализации дорожной карты", f"«{overview['title']}» {period}",
                        date_text=format_value(today or date.today()))
    total = overview["total"]
    doc.heading("1. Общие итоги", level=2)
    doc.key_values([
        ("Мероприятий (сроков исполнения) всего", total["total"]),
        ("Выполнено в срок", total["done"]),
        ("Выполнено с нарушением срока", total["done_late"]),
        ("Просрочено", total["overdue"]),
        ("Срок ещё не наступил", total["remaining"]),
        ("Доля выполненных в срок, %", total["on_time_percent"] if total["on_time_percent"] is not None else "—"),
    ])
    doc.heading("2. Исполнение по разделам", level=2)
    doc.table(["Раздел", "Всего", "В срок", "С нарушением срока", "Просрочено", "Осталось"],
              [[name, v["total"], v["done"], v["done_late"], v["overdue"], v["remaining"]]
               for name, v in overview["by_section"].items()],
              col_widths=(5, 1.3, 1.3, 2.4, 2.1, 1.7), numeric_columns=(1, 2, 3, 4, 5))
    doc.heading("3. Невыполненные в срок мероприятия", level=2)
    doc.table(["№", "Мероприятие", "Срок истёк", "Ответственный"],
              [[o["number"], o["title"], format_value(date.fromisoformat(o["window_end"])), o["responsible"]]
               for o in overview["overdue"]], col_widths=(1, 7, 2, 3))
    doc.heading("4. Предстоит выполнить", level=2)
    remaining = [e for e in detail["events"] if e["status"] in ("planned", "in_progress")]
    doc.table(["№", "Мероприятие", "Срок исполнения", "Ответственный"],
              [[e["number"], e["title"], e["deadline_text"], e["responsible"]] for e in remaining],
              col_widths=(1, 7, 2.5, 3))
    moved = moved_deadlines(session, roadmap_id)
    if moved:
        doc.heading("Перенесённые сроки", level=2)
        doc.table(["Мероприятие", "Было", "Стало", "Основание"],
                  [[m["label"], m["before"], m["after"], moved_phrase(m["basis"])] for m in moved],
                  col_widths=(6, 2.5, 2.5, 4))
    doc.heading("5. Выводы и задачи", level=2)
    for paragraph in text.conclusions.split("\n"):
        if paragraph.strip():
            doc.paragraph(paragraph.strip())
    if text.signer_name:
        doc.signature_block(text.signer_position, text.signer_name)
    return doc.save(path)
