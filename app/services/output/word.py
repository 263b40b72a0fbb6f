"""The same report as `ReportDocument` writes in PDF, as an editable Word document (.docx) the methodologist edits
and signs: Word heading styles, Word tables whose header row repeats on every page, charts as pictures, «Стр. N из M»
from PAGE/NUMPAGES fields in the footer, A4 portrait and landscape sections.

Takes plain values only. Build a `WordDocument`, add blocks in reading order, then `save(path)`.
"""

from collections.abc import Iterable, Sequence
from copy import deepcopy
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.image.exceptions import UnrecognizedImageError
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import _Cell
from docx.shared import Mm, Pt, RGBColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.errors import KuratorError
from app.services.output.atomic_write import write_bytes_atomically
from app.services.output.pdf import register_fonts
from app.services.output.layout import (
    A4_MM,
    MARGINS_MM,
    MM,
    NO_ROWS_TEXT,
    SIGNATURE_LINE,
    Approval,
    clean_text,
    frame_width_mm,
    prepare_table,
    scale,
)

AUTHOR = "Куратор"
SERIF, SANS = "Times New Roman", "Arial"
HEADER_FILL = "D5DCE6"
CELL_MARGIN_TWIPS = 120  # 6 pt left and right, as in the PDF
WIDEST_FALLBACK = 1.35
# Paragraph styles: name -> (font, size pt, bold, italic, alignment, first-line indent mm, space before/after pt)
STYLES = {
    "Normal": (SERIF, 12, False, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 0),
    "Body Text": (SERIF, 12, False, False, WD_ALIGN_PARAGRAPH.JUSTIFY, 12.5, 0, 4),
    "Heading 1": (SERIF, 14, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 12, 8),
    "Heading 2": (SERIF, 12.5, True, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 10, 6),
    "Heading 3": (SERIF, 12, True, True, WD_ALIGN_PARAGRAPH.LEFT, 0, 8, 4),
    "Title": (SERIF, 14, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 10, 2),
    "Subtitle": (SERIF, 12, False, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, 10),
    "Caption": (SERIF, 11, False, True, WD_ALIGN_PARAGRAPH.CENTER, 0, 2, 8),
    "Table Text": (SANS, 9, False, False, WD_ALIGN_PARAGRAPH.LEFT, 0, 0, 0),
    "Table Heading": (SANS, 9, True, False, WD_ALIGN_PARAGRAPH.CENTER, 0, 0, 0),
    "Footer": (SANS, 9, False, False, WD_ALIGN_PARAGRAPH.RIGHT, 0, 0, 0),
}
HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# The elements that follow one in its parent, by the order the WordprocessingML schema fixes (Word refuses a file
# whose properties are out of order; LibreOffice is lenient, so a test through it would not notice).
SUCCESSORS = {
    "w:tblCellMar": ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"),
    "w:left": ("w:bottom", "w:end", "w:right"),
    "w:shd": ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
              "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange"),
    "w:pBdr": ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
               "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:lang": ("w:eastAsianLayout", "w:specVanish", "w:oMath"),
}


class WordDocument:
    """A report being built: add blocks in reading order, then `save(path)` writes the .docx."""

    def __init__(self, title: str, *, subject: str = "", landscape: bool = False):
        register_fonts()  # PT Sans's metrics measure the table columns
        self.title = title
        self.subject = subject
        self._doc = Document()
        properties = self._doc.core_properties
        properties.title, properties.subject, properties.author, properties.language = title, subject, AUTHOR, "ru-RU"
        _set_styles(self._doc)
        self._landscape = landscape
        self._empty = True
        section = self._doc.sections[0]
        _set_page(section, landscape)
        _page_number_footer(section)

    @property
    def frame_width(self) -> float:
        """Width in points available for content on the current pages."""
        return frame_width_mm(self._landscape) * MM

    def official_header(self, organisation: str, title: str, subtitle: str | None = None,
                        date_text: str | None = None, number: str | None = None,
                        approval: Approval | None = None) -> None:
        """The heading of an official document: approval, organisation in capitals, date and №, title."""
        if approval:
            lines = ["УТВЕРЖДАЮ", approval.position, f"{SIGNATURE_LINE} {approval.name}", approval.date_text]
            cells = self._layout_row((1, 1))
            for index, line in enumerate(lines):
                _text(cells[1].paragraphs[0] if index == 0 else cells[1].add_paragraph(), line, bold=index == 0)
        organisation_line = self._add("Title", organisation.upper())
        _bottom_border(organisation_line)
        if date_text or number:
            cells = self._layout_row((1, 1))
            _text(cells[0].paragraphs[0], date_text or "")
            _text(cells[1].paragraphs[0], f"№ {number}" if number else "").alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._add("Title", title)
        if subtitle:
            self._add("Subtitle", subtitle)

    def heading(self, text: str, level: int = 1) -> None:
        """A section heading in Word's «Heading N» style; level 1 is centred, 2 and 3 are left-aligned."""
        if level not in HEADING_STYLES:
            raise ValueError(f"heading level must be one of {sorted(HEADING_STYLES)}, got {level}")
        self._add(HEADING_STYLES[level], text)

    def paragraph(self, text: str) -> None:
        """A justified body paragraph with a first-line indent; the text is shown as written."""
        self._add("Body Text", text)

    def key_values(self, pairs: Iterable[tuple[str, object]]) -> None:
        """A borderless two-column list of «label — value» lines (e.g. a school's details)."""
        pairs = list(pairs)
        if not pairs:
            return
        grid = self._new_table(scale((2, 3), self.frame_width))
        for index, (label, value) in enumerate(pairs):
            cells = grid.rows[0].cells if index == 0 else grid.add_row().cells
            _text(cells[0].paragraphs[0], label, bold=True)
            _text(cells[1].paragraphs[0], value)

    def table(self, header: Sequence[str], rows: Iterable[Sequence[object]],
              col_widths: Sequence[float] | None = None, numeric_columns: Iterable[int] = ()) -> None:
        """A gridded Word table whose header row repeats on every page it spans.

        `col_widths` are relative weights scaled to the page width (guessed from the content if omitted);
        cells of `numeric_columns` (0-based) are right-aligned.
        """
        texts, widths = prepare_table(header, rows, col_widths, self.frame_width, _header_word_width)
        grid = self._new_table(widths, "Table Grid")
        heading_row = grid.rows[0]
        repeat_header_row(heading_row)
        for cell, title in zip(heading_row.cells, header):
            _text(cell.paragraphs[0], title, style="Table Heading")
            _shade(cell, HEADER_FILL)
        if texts:
            self._body_rows(grid, texts, set(numeric_columns))
        else:
            cells = grid.add_row().cells
            _text(cells[0].merge(cells[-1]).paragraphs[0], NO_ROWS_TEXT, style="Table Text")
        self._add("Normal", "")

    def _body_rows(self, grid, texts: list[list[str]], numeric: set[int]) -> None:
        """The rows, each a copy of one row made ready (the cells' style, alignment, an empty run) with its texts put
        in: a region's справка has thousands of cells, and python-docx's calls per cell cost a millisecond each."""
        template = grid.add_row()._tr
        style_id = self._doc.styles["Table Text"].style_id
        for index, tc in enumerate(template.tc_lst):
            paragraph = _Cell(tc, grid).paragraphs[0]
            paragraph._p.style = style_id
            paragraph.add_run("")
            if index in numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        grid._tbl.remove(template)
        for row in texts:
            tr = deepcopy(template)
            for tc, text in zip(tr.tc_lst, row):
                tc.p_lst[0].r_lst[0].text = text  # line breaks become <w:br/>, as add_run makes them
            grid._tbl.append(tr)

    def image(self, source: str | Path | bytes, width_mm: float, caption: str | None = None) -> None:
        """A picture (PNG or JPEG file, or its bytes) centred at `width_mm`, shrunk to fit the page; its caption
        is kept on the same page."""
        data = source if isinstance(source, bytes) else _read_picture(source)
        try:
            picture = Image.from_blob(data)
        except (UnrecognizedImageError, ValueError, IndexError) as exc:
            raise KuratorError("Не удалось прочитать изображение: файл повреждён или это не картинка.") from exc
        width = min(width_mm, frame_width_mm(self._landscape))
        frame_height = A4_MM[0 if self._landscape else 1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]
        width = min(width, frame_height * 0.9 * picture.px_width / picture.px_height)
        paragraph = self._add("Normal", "")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = bool(caption)
        paragraph.add_run().add_picture(BytesIO(data), width=Mm(width))
        if caption:
            self._add("Caption", caption)

    def signature_block(self, position: str, name: str) -> None:
        """«Директор ИМЦ ________ Л.П. Шидукова»: position left, a line to sign on, name right."""
        self._add("Normal", "").paragraph_format.space_before = Pt(28)
        cells = self._layout_row((5, 3, 3))
        for cell, text in zip(cells, (position, SIGNATURE_LINE, name)):
            _text(cell.paragraphs[0], text)
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def page_break(self, landscape: bool | None = None) -> None:
        """Start a new page; with `landscape` set, it and the following pages take that orientation (a new
        section of the document)."""
        turn = landscape is not None and landscape != self._landscape
        if turn:
            self._landscape = landscape
            _set_page(self._doc.sections[-1] if self._empty else self._doc.add_section(WD_SECTION.NEW_PAGE),
                      landscape)
        elif not self._empty:
            self._doc.add_page_break()

    def render(self) -> bytes:
        """The finished .docx as bytes."""
        buffer = BytesIO()
        self._doc.save(buffer)
        return buffer.getvalue()

    def save(self, path: str | Path) -> Path:
        """Write the .docx to `path` atomically; a failure leaves any old file as it was."""
        target = Path(path)
        write_bytes_atomically(target, self.render())
        return target

    def _add(self, style: str, text: object):
        self._empty = False
        return _text(self._doc.add_paragraph(style=style), text)

    def _new_table(self, widths: Sequence[float], style: str | None = None):
        """A fixed-layout table across the page width, one row so far; every table, even a borderless layout one,
        is built here."""
        self._empty = False
        table = self._doc.add_table(rows=1, cols=len(widths))
        if style:
            table.style = self._doc.styles[style]
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        table.autofit = False
        properties = table._tbl.tblPr
        properties.get_or_add_tblLayout().set(qn("w:type"), "fixed")
        margins = _child(properties, "w:tblCellMar")
        for side in ("w:left", "w:right"):
            margin = _child(margins, side)
            margin.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
            margin.set(qn("w:type"), "dxa")
        for column, width in zip(table.columns, widths):
            column.width = Pt(width)
        for cell, width in zip(table.rows[0].cells, widths):
            cell.width = Pt(width)
        return table

    def _layout_row(self, weights: Sequence[float]):
        return self._new_table(scale(weights, self.frame_width)).rows[0].cells


def _text(paragraph, value: object, *, style: str | None = None, bold: bool = False):
    """Put `value` as plain text into the paragraph (line breaks kept); returns the paragraph."""
    if style:
        paragraph.style = style
    text = clean_text(value)
    if text:
        paragraph.add_run(text).bold = bold or None
    return paragraph


def _set_styles(document) -> None:
    """Black serif headings and body, sans-serif tables, Russian as the language (for hyphenation and spelling)."""
    for name, (font, size, bold, italic, alignment, indent, before, after) in STYLES.items():
        try:
            style = document.styles[name]
        except KeyError:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
        style.font.name, style.font.size, style.font.bold, style.font.italic = font, Pt(size), bold, italic
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
        fonts.set(qn("w:cs"), font)
        _child(style.element.get_or_add_rPr(), "w:lang").set(qn("w:val"), "ru-RU")
        for border in style.element.findall(f"{qn('w:pPr')}/{qn('w:pBdr')}"):  # the template's rule under «Title»
            border.getparent().remove(border)
        layout = style.paragraph_format
        layout.alignment, layout.first_line_indent = alignment, Mm(indent) if indent else None
        layout.space_before, layout.space_after = Pt(before), Pt(after)


def _set_page(section, landscape: bool) -> None:
    short, long = Mm(A4_MM[0]), Mm(A4_MM[1])
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (long, short) if landscape else (short, long)
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.footer_distance = Mm(10)


def _page_number_footer(section) -> None:
    """«Стр. N из M»: Word and LibreOffice fill the PAGE and NUMPAGES fields when they lay the pages out."""
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    for text, field in (("Стр. ", "PAGE"), (" из ", "NUMPAGES")):
        paragraph.add_run(text)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), field)
        run = OxmlElement("w:r")
        shown = OxmlElement("w:t")
        shown.text = "1"
        run.append(shown)
        simple.append(run)
        paragraph._p.append(simple)


def repeat_header_row(row) -> None:
    """Word repeats this table row at the top of every page the table runs onto."""
    _child(row._tr.get_or_add_trPr(), "w:tblHeader")


def _shade(cell, fill: str) -> None:
    shading = _child(cell._tc.get_or_add_tcPr(), "w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)


def _bottom_border(paragraph) -> None:
    border = _child(_child(paragraph._p.get_or_add_pPr(), "w:pBdr"), "w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "4"), ("w:color", "000000")):
        border.set(qn(key), value)


def _child(parent, tag: str):
    """The element's child `tag`, added in its schema place if it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        after = {qn(name) for name in SUCCESSORS.get(tag, ())}
        successor = next((child for child in parent if child.tag in after), None)
        if successor is None:
            parent.append(found)
        else:
            successor.addprevious(found)
    return found


def _header_word_width(word: str) -> float:
    """The word's width in bold 9 pt with room for the font the reader's program has: measured in the bundled
    PT Sans, which Arial exceeds by about 15 % and DejaVu Sans (LibreOffice's stand-in where Arial is missing) by
    about 33 %."""
    return stringWidth(word, "PTSans-Bold", STYLES["Table Heading"][1]) * WIDEST_FALLBACK


def _read_picture(source: str | Path) -> bytes:
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise KuratorError(f"Не удалось открыть изображение «{source}».") from exc
