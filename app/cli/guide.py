"""kurator guide --out FILE.pdf: the user guide as a PDF (the same text the window shows on F1)."""

import argparse

from app.services.guide.document import load_guide
from app.services.guide.pdf import guide_pdf
from app.services.reports.parts import check_target

from .output import say


def register(subparsers) -> None:
    guide = subparsers.add_parser("guide", help="руководство пользователя в PDF")
    guide.add_argument("--out", required=True, metavar="FILE.pdf", help="куда сохранить")
    guide.set_defaults(handler=run_guide)


def run_guide(args: argparse.Namespace) -> int:
    written = guide_pdf(load_guide(), check_target(args.out))
    say(f"Сохранено: {written}")
    return 0
