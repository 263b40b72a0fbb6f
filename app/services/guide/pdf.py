"""The guide as a PDF: written with the reports' own PDF builder (app.services.output.pdf — reportlab with the
bundled PT fonts embedded, so Cyrillic reads on any computer, and «Стр. N из M» in the footer). Each chapter starts
a page; pictures keep their captions."""

from pathlib import Path

from app.services.output.pdf import ReportDocument

from .blocks import Block, Grid, Heading, Items, Paragraph, Picture
from .document import IMAGES, TITLE, Guide

PICTURE_MM = 160


def _add(document: ReportDocument, block: Block) -> None:
    match block:
        case Heading(level=1):
            document.page_break()
            document.heading(block.text, 1)
        case Heading():
            document.heading(block.text, block.level)
        case Paragraph():
            document.paragraph(block.text)
        case Items():
            for number, entry in enumerate(block.entries, start=1):
                document.paragraph(f"{number}. {entry}" if block.numbered else f"• {entry}")
        case Picture():
            document.image(IMAGES / block.file, PICTURE_MM, block.caption)
        case Grid():
            document.table(block.header, block.rows)


def guide_pdf(guide: Guide, target: Path) -> Path:
    """Write the whole guide to `target` (atomically) and return it."""
    document = ReportDocument(TITLE, subject="Руководство пользователя")
    document.heading(TITLE, 1)
    document.heading("Содержание", 2)
    for heading in guide.headings(deepest=1):
        document.paragraph(heading.text)
    for block in guide.blocks:
        _add(document, block)
    return document.save(target)
