"""Demo data kept apart: `kurator demo --remove` deletes every demo record and nothing else, real imports into a
database with demo records need the user's consent, and the window says so while demo records exist."""

import json

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from app.cli import main
from app.errors import KuratorError
from app.models import SYNCED_MODELS, School, Teacher
from app.services.demo_data import demo_present, remove_demo
from app.services.ids import school_id
from app.services.imports.running import import_file


def count(database, model, **where) -> int:
    with database.session() as session:
        return session.scalar(select(func.count()).select_from(model).filter_by(**where))


def demo_total(database) -> int:
    return sum(count(database, model, is_demo=True) for model in SYNCED_MODELS)


def staff_file(path, code="0701001"):
    wb = Workbook()
    wb.active.append(["Код ОО", "ФИО", "Должность"])
    wb.active.append([code, "Кумыкова Залина Руслановна", "Учитель"])
    wb.save(path)
    return path


@pytest.fixture
def demo_district(district_db, db_path):
    assert main(["--db", str(db_path), "demo"]) == 0
    return district_db


def test_demo_remove_deletes_every_demo_record_and_a_real_one_survives(demo_district, db_path, capsys, tmp_path):
    with demo_district.session() as session:
        session.add(School(id=school_id("0799001"), code="0799001", name="МКОУ СОШ № 1 с. Новое", kind="СОШ",
                           locality="rural"))
    assert main(["--db", str(db_path), "import", "staff", str(staff_file(tmp_path / "s.xlsx", "0799001")),
                 "--with-demo"]) == 0
    demo_before = demo_total(demo_district)
    capsys.readouterr()
    assert main(["--db", str(db_path), "demo", "--remove", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["total"] == demo_before > 9000
    assert report["removed"]["Педагоги"] == 656
    assert demo_total(demo_district) == 0
    assert count(demo_district, School) == 1 and count(demo_district, Teacher) == 1
    with demo_district.session() as session:
        assert session.scalars(select(Teacher.last_name)).one() == "Кумыкова"
        assert not demo_present(session)


def test_import_into_a_database_with_demo_records_needs_with_demo(demo_district, db_path, tmp_path, capsys):
    path = staff_file(tmp_path / "staff.xlsx")
    teachers = count(demo_district, Teacher)
    assert main(["--db", str(db_path), "import", "staff", str(path)]) == 2
    assert "В базе есть демонстрационные данные" in capsys.readouterr().err
    assert count(demo_district, Teacher) == teachers
    assert main(["--db", str(db_path), "import", "staff", str(path), "--with-demo"]) == 0
    assert count(demo_district, Teacher) == teachers + 1
    assert count(demo_district, Teacher, is_demo=False) == 1


def test_a_demo_record_real_data_confirms_becomes_real_and_survives_the_removal(district_db, tmp_path):
    with district_db.session() as session:
        session.add(School(id=school_id("0701001"), code="0701001", name="МКОУ СОШ с.п. Урожайное", kind="СОШ",
                           locality="rural", origin="demo", is_demo=True))
    wb = Workbook()
    wb.active.append(["Код школы", "Полное наименование"])
    wb.active.append(["0701001", "МКОУ СОШ с.п. Урожайное"])
    wb.save(tmp_path / "register.xlsx")
    with district_db.session() as session:
        with pytest.raises(KuratorError, match="демонстрационные данные"):
            import_file(session, "schools", tmp_path / "register.xlsx")
        assert import_file(session, "schools", tmp_path / "register.xlsx", with_demo=True).unchanged == 1
    with district_db.session() as session:
        assert remove_demo(session).total == 0
    assert count(district_db, School) == 1


def test_real_records_that_refer_to_demo_ones_block_the_removal_and_nothing_is_deleted(district_db):
    with district_db.session() as session:
        session.add(School(id=school_id("0701001"), code="0701001", name="Демо-школа", kind="СОШ", locality="rural",
                           origin="demo", is_demo=True))
        session.flush()
        session.add(Teacher(school_id=school_id("0701001"), last_name="Настоящая", first_name="Анна"))
    with district_db.session() as session, pytest.raises(KuratorError) as refused:
        remove_demo(session)
    assert refused.value.message == (
        "Демонстрационные данные не удалены: на них ссылаются рабочие записи: «Педагоги» — 1 (ссылаются на "
        "демонстрационные «Реестр школ»). Перенесите или удалите эти записи и повторите.")
    assert count(district_db, School) == 1 and count(district_db, Teacher) == 1


def test_demo_remove_on_a_database_without_demo_says_so(district_db, db_path, capsys):
    assert main(["--db", str(db_path), "demo", "--remove"]) == 0
    assert "Демонстрационных данных в базе нет: ничего не удалено." in capsys.readouterr().err
