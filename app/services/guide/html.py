"""The guide as one HTML page for the window's text browser: a named anchor on every heading, pictures from the
images folder (relative to the guide's folder), Qt's rich-text subset of HTML and CSS only."""

from html import escape

from .blocks import Block, Grid, Heading, Items, Paragraph, Picture
from .document import TITLE, Guide

PICTURE_WIDTH = 720  # px in the window; the screenshots are taken wider (1280 px) and scaled down
STYLE = ("body { font-size: 11pt; } h1 { color: #2f4a66; } h2 { color: #2f4a66; } "
         "p.caption { color: #555; font-style: italic; } th { background: #d5dce6; } td, th { padding: 3px; }")


def _heading(block: Heading) -> str:
    return f'<h{block.level}><a name="{block.anchor}"></a>{escape(block.text)}</h{block.level}>'


def _items(block: Items) -> str:
    tag = "ol" if block.numbered else "ul"
    return f"<{tag}>" + "".join(f"<li>{escape(entry)}</li>" for entry in block.entries) + f"</{tag}>"


def _picture(block: Picture) -> str:
    return (f'<p align="center"><img src="images/{escape(block.file)}" width="{PICTURE_WIDTH}"></p>'
            f'<p class="caption" align="center">{escape(block.caption)}</p>')


def _grid(block: Grid) -> str:
    rows = [("th", block.header)] + [("td", row) for row in block.rows]
    cells = "".join("<tr>" + "".join(f"<{tag}>{escape(text)}</{tag}>" for text in row) + "</tr>" for tag, row in rows)
    return f'<table border="1" cellspacing="0" cellpadding="3" width="100%">{cells}</table>'


RENDER = {Heading: _heading, Paragraph: lambda block: f"<p>{escape(block.text)}</p>", Items: _items,
          Picture: _picture, Grid: _grid}


def block_html(block: Block) -> str:
    return RENDER[type(block)](block)


def guide_html(guide: Guide) -> str:
    body = "\n".join(block_html(block) for block in guide.blocks)
    return (f"<html><head><title>{escape(TITLE)}</title><style>{STYLE}</style></head>"
            f"<body>{body}</body></html>")
