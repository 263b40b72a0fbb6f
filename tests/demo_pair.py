"""The demo district and one demo school with each other's keys, for tests of what travels between them."""

from pathlib import Path

from app.cli import main

PASS = "пароль-подписи-1"
CODE = "0701003"
NAME = "МКОУ СОШ с.п. Ново-Хамидие"
DISTRICT = "Терский муниципальный район"
DISTRICT_SIGNER = ("--signer", "Шидукова Л.П.", "--position", "Директор ИМЦ")
SCHOOL_SIGNER = ("--signer", "Иванова А.А.", "--position", "Заместитель директора по УВР")


def kurator(*argv) -> int:
    return main([str(a) for a in argv])


def demo_pair(folder: Path) -> tuple[Path, Path]:
    """(s.db, d.db) in `folder`: both demo databases, each trusting the other's key (KURATOR_PASSPHRASE set)."""
    s, d = folder / "s.db", folder / "d.db"
    for db, mode, extra in ((s, "school", ["--school", CODE, "--name", NAME]), (d, "district", ["--name", DISTRICT])):
        assert kurator("--db", db, "init", "--mode", mode, *extra) == 0
        assert kurator("--db", db, "demo") == 0
        assert kurator("--db", db, "keys", "export", folder / f"{mode}.pem") == 0
    assert kurator("--db", d, "keys", "trust", folder / "school.pem", "--school", CODE, "--name", NAME) == 0
    assert kurator("--db", s, "keys", "trust", folder / "district.pem", "--district", "--name", DISTRICT) == 0
    return s, d
