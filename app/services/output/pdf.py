"""PDF reports in the manner of a Russian official document: Cyrillic fonts, an official header,
wrapping tables that repeat their header row, signatures and «Стр. N из M» in the footer.

Takes plain values only. Build a `ReportDocument`, add blocks in reading order, then `save(path)`.
"""

from collections.abc import Iterable, Sequence
from functools import cache
from io import BytesIO
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape, portrait
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from app import paths
from app.errors import KuratorError
from app.services.output.atomic_write import write_bytes_atomically
from app.services.output.png_image import PngFlowable, read_png
from app.services.output.layout import (
    CELL_PADDING,
    MARGINS_MM,
    NO_ROWS_TEXT,
    SIGNATURE_LINE,
    Approval,
    clean_text,
    prepare_table,
    scale,
)

AUTHOR = "Куратор"
FONT_FAMILIES = ("PTSerif", "PTSans")
FALLBACK_FONT = "DejaVuSerif"  # the characters the PT fonts lack: Greek, arrows, mathematical signs (fonts/README.md)
# reportlab's family slot -> the style suffix of the font name and of its file in resources/fonts
FONT_STYLES = {"normal": "Regular", "bold": "Bold", "italic": "Italic", "boldItalic": "BoldItalic"}

MARGINS = {side: value * mm for side, value in MARGINS_MM.items()}
FOOTER_Y = 10 * mm
ZEBRA = (colors.white, colors.HexColor("#EEF1F5"))
HEADER_FILL = colors.HexColor("#D5DCE6")
GRID = colors.HexColor("#7F8B99")

# Paragraph styles: name -> ParagraphStyle keyword arguments (font names are family-suffix).
STYLES: dict[str, dict] = {
    "body": dict(fontName="PTSerif-Regular", fontSize=12, leading=16, alignment=TA_JUSTIFY,
                 firstLineIndent=12.5 * mm, spaceAfter=4),
    "h1": dict(fontName="PTSerif-Bold", fontSize=14, leading=18, alignment=TA_CENTER,
               spaceBefore=12, spaceAfter=8),
    "h2": dict(fontName="PTSerif-Bold", fontSize=12.5, leading=16, alignment=TA_LEFT,
               spaceBefore=10, spaceAfter=6),
    "h3": dict(fontName="PTSerif-BoldItalic", fontSize=12, leading=15, alignment=TA_LEFT,
               spaceBefore=8, spaceAfter=4),
    "organisation": dict(fontName="PTSerif-Bold", fontSize=12, leading=15, alignment=TA_CENTER),
    "title": dict(fontName="PTSerif-Bold", fontSize=14, leading=18, alignment=TA_CENTER,
                  spaceBefore=10, spaceAfter=2),
    "subtitle": dict(fontName="PTSerif-Regular", fontSize=12, leading=15, alignment=TA_CENTER,
                     spaceAfter=10),
    "plain": dict(fontName="PTSerif-Regular", fontSize=12, leading=15, alignment=TA_LEFT),
    "plain_right": dict(fontName="PTSerif-Regular", fontSize=12, leading=15, alignment=TA_RIGHT),
    "label": dict(fontName="PTSerif-Bold", fontSize=12, leading=15, alignment=TA_LEFT),
    "caption": dict(fontName="PTSerif-Italic", fontSize=11, leading=14, alignment=TA_CENTER,
                    spaceBefore=2, spaceAfter=8),
    "cell": dict(fontName="PTSans-Regular", fontSize=9, leading=11, alignment=TA_LEFT),
    "cell_numeric": dict(fontName="PTSans-Regular", fontSize=9, leading=11, alignment=TA_RIGHT),
    "header_cell": dict(fontName="PTSans-Bold", fontSize=9, leading=11, alignment=TA_CENTER),
}
HEADING_STYLES = {1: "h1", 2: "h2", 3: "h3"}
# A heading starts a new page when less than this is left below it. Not keepWithNext: that would push
# a heading and the long table after it to a new page together, leaving a blank half page behind.
HEADING_MIN_ROOM = 30 * mm
FOOTER_FONT = ("PTSans-Regular", 9)

rl_config.useA85 = 0  # binary streams: reportlab's pure-Python ASCII85 encoder only made the file bigger and slower


def register_fonts() -> None:
    """Register the bundled PT Serif and PT Sans with reportlab; repeated calls do nothing."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for family in FONT_FAMILIES:
        names = {slot: f"{family}-{suffix}" for slot, suffix in FONT_STYLES.items()}
        for name in names.values():
            if name not in registered:
                pdfmetrics.registerFont(_load_font(name))
        pdfmetrics.registerFontFamily(family, **names)
    if FALLBACK_FONT not in registered:
        pdfmetrics.registerFont(_load_font(FALLBACK_FONT))


def _load_font(name: str) -> TTFont:
    path = paths.FONTS / f"{name}.ttf"
    try:
        return TTFont(name, str(path))
    except (OSError, TTFError) as exc:
        raise KuratorError(f"Не найден или повреждён шрифт «{path}». Переустановите программу.") from exc


@cache
def _style(name: str) -> ParagraphStyle:
    return ParagraphStyle(name, **STYLES[name])


@cache
def _pt_characters() -> frozenset[int]:
    """The characters the PT fonts draw (their families cover the same ones)."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(STYLES["body"]["fontName"]).face.charToGlyph)


def _lacking(char: str) -> bool:
    return char != "\n" and ord(char) not in _pt_characters()


def _markup(value: object) -> str:
    """Paragraph markup showing `value` as plain text (`clean_text`): markup characters escaped, line breaks kept,
    characters the PT fonts lack («σ», «→») set in the fallback font."""
    runs = [(lacking, escape("".join(run))) for lacking, run in groupby(clean_text(value), key=_lacking)]
    return "".join(f'<font name="{FALLBACK_FONT}">{run}</font>' if lacking else run
                   for lacking, run in runs).replace("\n", "<br/>")


def _para(value: object, style: str) -> Paragraph:
    return Paragraph(_markup(value), _style(style))


def _cell(text: str, room: float, numeric: bool) -> str | Paragraph:
    """A table cell: a one-line text the cell's font draws stays a plain string (the table draws it at a fraction
    of a Paragraph's cost: a district's справка has thousands of cells); a text that must wrap, or has a character
    set in the fallback font, becomes a Paragraph."""
    style = STYLES["cell"]
    if "\n" not in text and not any(map(_lacking, text)) and \
            pdfmetrics.stringWidth(text, style["fontName"], style["fontSize"]) <= room:
        return text
    return _para(text, "cell_numeric" if numeric else "cell")


class _Heading(Paragraph):
    """A section heading that also stands in the PDF's outline (the viewer's bookmarks pane), at its level. Made as
    a Paragraph is (reportlab makes the parts of a split paragraph that way); the first part keeps the entry."""

    title = ""
    level = 0

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        if parts:
            parts[0].title, parts[0].level = self.title, self.level
        return parts

    def draw(self):
        if self.title:
            self.canv.outline_here(self.title, self.level, self.canv.absolutePosition(0, self.height)[1])
        super().draw()


def _heading(text: str, style: str, level: int) -> _Heading:
    heading = _Heading(_markup(text), _style(style))
    heading.title, heading.level = text, level
    return heading


class _NumberedCanvas(Canvas):
    """Keeps every page until the end so each footer can say «Стр. N из M»; the headings' outline entries are
    bound to their pages then (a bookmark names the page being written, and the pages are written only here)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._outline: list[list[tuple[str, int, float]]] = [[]]  # per page: title, level, top

    def outline_here(self, title: str, level: int, top: float) -> None:
        self._outline[-1].append((title, level, top))

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._outline.append([])
        self._startPage()

    def save(self):
        total, open_levels = len(self._pages), []
        for number, (state, headings) in enumerate(zip(self._pages, self._outline), start=1):
            self.__dict__.update(state)
            self.setFont(*FOOTER_FONT)
            self.drawRightString(self._pagesize[0] - MARGINS["right"], FOOTER_Y, f"Стр. {number} из {total}")
            for title, level, top in headings:
                key = f"h{number}.{len(self._destinations)}"
                self.bookmarkPage(key, fit="XYZ", top=top)
                while open_levels and open_levels[-1] >= level:
                    open_levels.pop()
                self.addOutlineEntry(title, key, level=len(open_levels))  # under the last heading of a higher level
                open_levels.append(level)
            super().showPage()
        if any(self._outline):
            self.showOutline()
        super().save()


def _orientation_id(is_landscape: bool) -> str:
    return "landscape" if is_landscape else "portrait"


def _page_size(is_landscape: bool) -> tuple[float, float]:
    return landscape(A4) if is_landscape else portrait(A4)


def _frame_size(is_landscape: bool) -> tuple[float, float]:
    width, height = _page_size(is_landscape)
    return (width - MARGINS["left"] - MARGINS["right"], height - MARGINS["top"] - MARGINS["bottom"])


def _page_template(is_landscape: bool) -> PageTemplate:
    template_id = _orientation_id(is_landscape)
    width, height = _frame_size(is_landscape)
    frame = Frame(MARGINS["left"], MARGINS["bottom"], width, height, id=template_id,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    return PageTemplate(id=template_id, frames=[frame], pagesize=_page_size(is_landscape))


class ReportDocument:
    """A report being built: add blocks in reading order, then `save(path)` writes the PDF."""

    def __init__(self, title: str, *, subject: str = "", landscape: bool = False):
        register_fonts()
        self.title = title
        self.subject = subject
        self._first_landscape = landscape
        self._landscape = landscape
        self._story: list[Flowable] = []

    @property
    def frame_width(self) -> float:
        """Width in points available for content on the current pages."""
        return _frame_size(self._landscape)[0]

    def official_header(self, organisation: str, title: str, subtitle: str | None = None,
                        date_text: str | None = None, number: str | None = None,
                        approval: Approval | None = None) -> None:
        """The heading of an official document: approval, organisation in capitals, date and №, title."""
        if approval:
            self._story.append(self._approval_block(approval))
        self._story += [_para(organisation.upper(), "organisation"),
                        HRFlowable(width="100%", thickness=0.8, color=colors.black, spaceBefore=4, spaceAfter=6)]
        if date_text or number:
            self._story.append(self._date_number_line(date_text, number))
        self._story.append(_para(title, "title"))
        if subtitle:
            self._story.append(_para(subtitle, "subtitle"))
        self._story.append(Spacer(1, 4 * mm))

    def _approval_block(self, approval: Approval) -> Table:
        lines = [_para("УТВЕРЖДАЮ", "label"), _para(approval.position, "plain"),
                 _para(f"{SIGNATURE_LINE} {approval.name}", "plain"), _para(approval.date_text, "plain")]
        return self._layout([["", lines]], (1, 1), [("VALIGN", (0, 0), (-1, -1), "TOP"),
                                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 10 * mm)])

    def _date_number_line(self, date_text: str | None, number: str | None) -> Table:
        cells = [_para(date_text or "", "plain"), _para(f"№ {number}" if number else "", "plain_right")]
        return self._layout([cells], (1, 1), [("LEFTPADDING", (0, 0), (-1, -1), 0),
                                              ("RIGHTPADDING", (0, 0), (-1, -1), 0)])

    def heading(self, text: str, level: int = 1) -> None:
        """A section heading; level 1 is centred, 2 and 3 are left-aligned."""
        if level not in HEADING_STYLES:
            raise ValueError(f"heading level must be one of {sorted(HEADING_STYLES)}, got {level}")
        self._story += [CondPageBreak(HEADING_MIN_ROOM), _heading(text, HEADING_STYLES[level], level)]

    def paragraph(self, text: str) -> None:
        """A justified body paragraph with a first-line indent; the text is shown as written."""
        self._story.append(_para(text, "body"))

    def key_values(self, pairs: Iterable[tuple[str, object]]) -> None:
        """A borderless two-column list of «label — value» lines (e.g. a school's details)."""
        rows = [[_para(label, "label"), _para(value, "plain")] for label, value in pairs]
        if not rows:
            return
        block = self._layout(rows, (2, 3), [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (0, -1), 0)])
        self._story += [block, Spacer(1, 3 * mm)]

    def table(self, header: Sequence[str], rows: Iterable[Sequence[object]],
              col_widths: Sequence[float] | None = None, numeric_columns: Iterable[int] = ()) -> None:
        """A gridded table whose cells wrap; it splits across pages and repeats its header row.

        `col_widths` are relative weights scaled to the page width (guessed from the content if omitted);
        cells of `numeric_columns` (0-based) are right-aligned.
        """
        texts, widths = prepare_table(header, rows, col_widths, self.frame_width, _header_word_width)
        numeric = set(numeric_columns)
        room = [width - CELL_PADDING for width in scale(widths, self.frame_width)]
        body = [[_cell(text, room[index], index in numeric) for index, text in enumerate(row)]
                for row in texts] or [[_para(NO_ROWS_TEXT, "cell")] + [""] * (len(header) - 1)]
        data = [[_para(title, "header_cell") for title in header]] + body
        commands = _grid_style(empty=not texts) + [("ALIGN", (i, 1), (i, -1), "RIGHT") for i in sorted(numeric)]
        grid = self._layout(data, widths, commands, repeatRows=1, splitInRow=1)
        self._story += [grid, Spacer(1, 4 * mm)]

    def image(self, source: str | Path | bytes, width_mm: float, caption: str | None = None) -> None:
        """A picture (PNG or JPEG file, or its bytes) centred at `width_mm`, shrunk to fit the page."""
        data = _image_bytes(source)
        png = read_png(data)  # the charts' PNGs go in as they are, never decoded
        pixel_width, pixel_height = (png.width, png.height) if png else _image_size(data)
        frame_width, frame_height = _frame_size(self._landscape)
        width = min(width_mm * mm, frame_width)
        height = width * pixel_height / pixel_width
        if height > frame_height * 0.9:
            width, height = width * frame_height * 0.9 / height, frame_height * 0.9
        blocks = [PngFlowable(png, width, height) if png else Image(BytesIO(data), width=width, height=height)]
        if caption:
            blocks.append(_para(caption, "caption"))
        self._story.append(KeepTogether(blocks))

    def signature_block(self, position: str, name: str) -> None:
        """«Директор ИМЦ ________ Л.П. Шидукова»: position left, a line to sign on, name right."""
        cells = [_para(position, "plain"), _para(SIGNATURE_LINE, "plain"), _para(name, "plain_right")]
        block = self._layout([cells], (5, 3, 3), [("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                                  ("LEFTPADDING", (0, 0), (0, -1), 0),
                                                  ("RIGHTPADDING", (-1, 0), (-1, -1), 0)])
        self._story += [Spacer(1, 10 * mm), block]

    def _layout(self, data: list[list], weights: Sequence[float], commands: list[tuple], **options) -> Table:
        """A table across the page width; every table, even a borderless layout one, is built here."""
        table = Table(data, colWidths=scale(weights, self.frame_width), hAlign="LEFT", **options)
        # Without a font of ours, empty cells make reportlab reference its unembedded Helvetica.
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), STYLES["cell"]["fontName"]), *commands]))
        return table

    def page_break(self, landscape: bool | None = None) -> None:
        """Start a new page; with `landscape` set, it and the following pages take that orientation. A break right
        after another one replaces it (the later orientation wins): sections never leave an empty page between them."""
        if self._story and isinstance(self._story[-1], PageBreak):
            self._story.pop()
            if self._story and isinstance(self._story[-1], NextPageTemplate):
                self._story.pop()
                self._landscape = not self._landscape
        if landscape is not None and landscape != self._landscape:
            if not self._story:
                self._first_landscape = landscape
            else:
                self._story.append(NextPageTemplate(_orientation_id(landscape)))
            self._landscape = landscape
        if self._story:
            self._story.append(PageBreak())

    def render(self) -> bytes:
        """The finished PDF as bytes."""
        buffer = BytesIO()
        document = BaseDocTemplate(buffer, pagesize=_page_size(self._first_landscape), title=self.title,
                                   author=AUTHOR, creator=AUTHOR, subject=self.subject, lang="ru-RU",
                                   initialFontName=STYLES["body"]["fontName"],
                                   leftMargin=MARGINS["left"], rightMargin=MARGINS["right"],
                                   topMargin=MARGINS["top"], bottomMargin=MARGINS["bottom"])
        first = self._first_landscape
        document.addPageTemplates([_page_template(first), _page_template(not first)])
        try:
            document.build(list(self._story), canvasmaker=_NumberedCanvas)
        except LayoutError as exc:
            raise KuratorError("Не удалось разместить содержимое отчёта на странице: "
                               "слишком большой блок или изображение.") from exc
        return buffer.getvalue()

    def save(self, path: str | Path) -> Path:
        """Write the PDF to `path` atomically; a failure leaves any old file as it was."""
        target = Path(path)
        write_bytes_atomically(target, self.render())
        return target



def _header_word_width(word: str) -> float:
    style = STYLES["header_cell"]
    return pdfmetrics.stringWidth(word, style["fontName"], style["fontSize"])


def _grid_style(empty: bool) -> list[tuple]:
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), list(ZEBRA)),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("FONTSIZE", (0, 1), (-1, -1), STYLES["cell"]["fontSize"]),
        ("LEADING", (0, 1), (-1, -1), STYLES["cell"]["leading"]),
    ]
    if empty:
        commands.append(("SPAN", (0, 1), (-1, 1)))
    return commands


def _image_size(data: bytes) -> tuple[int, int]:
    """Pixel size of a picture other than a pass-through PNG, decoding it whole now so a damaged file fails here, not
    mid-build."""
    try:
        reader = ImageReader(BytesIO(data))
        reader.getRGBData()
        return reader.getSize()
    except Exception as exc:  # reportlab and Pillow raise many types for a damaged image
        raise KuratorError("Не удалось прочитать изображение: файл повреждён или это не картинка.") from exc


def _image_bytes(source: str | Path | bytes) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise KuratorError(f"Не удалось открыть изображение «{source}».") from exc
