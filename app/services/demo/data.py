"""The demo's data files in resources/demo: the seeds' facts and the parameters of the synthetic district."""

import json
from functools import cache

from app.errors import KuratorError
from app.paths import RESOURCES

DEMO_DIR = RESOURCES / "demo"


@cache
def load(name: str) -> dict:
    """One data file (`terskiy_2022`, `synthetic`, `people`, `results`), parsed once."""
    path = DEMO_DIR / f"{name}.json"
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise KuratorError(f"Не удалось прочитать файл демонстрационных данных «{path.name}»: {error}.") from error
