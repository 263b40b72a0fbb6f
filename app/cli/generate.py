"""kurator generate: a large training region for trying the program and measuring it."""

import argparse

from app.services.demo.generator import generate_region

from .common import database
from .output import emit_json, say


def register(subparsers) -> None:
    parser = subparsers.add_parser("generate", help="создать учебную базу региона (тысячи школ и педагогов)")
    parser.add_argument("--schools", type=int, default=2000, metavar="ЧИСЛО", help="число школ (по умолчанию 2000)")
    parser.add_argument("--staff", type=int, default=40000, metavar="ЧИСЛО", help="число педагогов (по умолчанию 40000)")
    parser.add_argument("--seed", type=int, default=1, help="зерно случайных чисел: одно зерно — одна и та же база")
    parser.add_argument("--json", action="store_true")
    parser.set_defaults(handler=run_generate)


def run_generate(args: argparse.Namespace) -> int:
    db = database(args)
    try:
        with db.session() as session:
            counts = generate_region(session, args.schools, args.staff, args.seed)
    finally:
        db.close()
    if args.json:
        emit_json(counts)
    say(f"Учебная база создана: школ {counts['school']}, педагогов {counts['teacher']}.")
    return 0
