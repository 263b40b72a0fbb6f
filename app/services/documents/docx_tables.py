"""Read every top-level table of a .docx file as a grid of cell texts (python-docx, lxml without entities)."""

from pathlib import Path

import docx
from docx.oxml.ns import qn

from app.services.documents.office_zip import DocumentLimits, too_many_rows
from app.services.documents.table_grid import EMPTY_CELL, GridCell, RawTable, clean_text

CAPTION_MAX_PARAGRAPHS = 6
RUN = qn("w:r")
# Run content as Word shows it; page and column breaks show nothing.
RUN_PIECES = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n"}
SILENT_BREAKS = {"page", "column"}


def read_docx_tables(path: Path, limits: DocumentLimits) -> list[RawTable]:
    """All body tables in document order, each with the paragraphs just above it as caption; more than
    `limits.rows` table rows in all is refused as soon as they are counted."""
    body = docx.Document(str(path)).element.body
    tables: list[RawTable] = []
    paragraphs: list[str] = []
    rows_left = limits.rows
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraphs.append(_paragraph_text(child).strip())
        elif child.tag == qn("w:tbl"):
            rows_left -= len(child.tr_lst)
            if rows_left < 0:
                raise too_many_rows(path, "в таблицах документа", limits)
            rows = _grid(child)
            tables.append(
                RawTable(
                    position=f"таблица {len(tables) + 1}",
                    rows=rows,
                    row_numbers=list(range(1, len(rows) + 1)),
                    caption=_caption(paragraphs),
                )
            )
            paragraphs = []
    return tables


def _caption(paragraphs: list[str]) -> str | None:
    """The block of non-empty paragraphs right above a table (blank lines just above it are skipped)."""
    block: list[str] = []
    for text in reversed(paragraphs):
        if text:
            block.append(text)
        elif block:
            break
        if len(block) == CAPTION_MAX_PARAGRAPHS:
            break
    return " ".join(reversed(block)) or None


def _grid(tbl) -> list[list[GridCell]]:
    rows: list[list[GridCell]] = []
    for tr in tbl.tr_lst:
        above = rows[-1] if rows else []
        cells = [EMPTY_CELL] * tr.grid_before
        for tc in tr.tc_lst:
            continues = tc.vMerge == "continue"
            column = len(cells)
            if continues and column < len(above):
                text = above[column].text
            else:
                text = clean_text("\n".join(_paragraph_text(p) for p in tc.iterchildren(qn("w:p"))))
            cells.append(GridCell(text, spans_above=continues))
            cells.extend(GridCell(text, spans_left=True, spans_above=continues) for _ in range(tc.grid_span - 1))
        rows.append(cells)
    return rows


def _paragraph_text(paragraph) -> str:
    """The text of a paragraph: runs' text, tabs and line breaks (walking lxml directly is much faster)."""
    pieces = []
    for element in paragraph.iter(*RUN_PIECES):
        if element.getparent().tag != RUN:
            continue  # a tab stop in the paragraph's properties, not a tab character
        if element.tag == qn("w:t"):
            pieces.append(element.text or "")
        elif element.get(qn("w:type")) not in SILENT_BREAKS:
            pieces.append(RUN_PIECES[element.tag])
    return "".join(pieces)
