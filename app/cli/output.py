"""How commands print: JSON on stdout for machines, messages on stderr for people."""

import json
import sys
from typing import Any


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def say(message: str) -> None:
    print(message, file=sys.stderr)
