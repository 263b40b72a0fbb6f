"""«Обмен данными» as a new user drives it: sign a packet at a school, trust the school and apply it at the district.
Checking, signing and applying run on worker threads; the tests wait for them."""

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from sqlalchemy import func, select

from app.db import open_database
from app.models import Peer, Teacher
from app.services.demo import load_demo
from app.services.exchange import keys, signing
from app.services.setup import initialize
from app.ui.exchange.export_dialog import EJECT, ExportDialog
from app.ui.exchange.import_dialog import UNCHANGED_DB, ImportDialog
from app.ui.exchange.keys_dialog import KeysDialog
from app.ui.exchange.page import ExchangePage
from app.ui.exchange.trust_dialog import TrustDialog
from app.ui.workspace import Workspace

PASS = "пароль-подписи-1"
CODE = "0701001"


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """No message box blocks a test; a warning fails it."""
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: None)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: pytest.fail(f"warning shown: {args[2]}"))


def initialized(path: Path, kind: str, demo: bool = False, with_keys: bool = True):
    database = open_database(str(path))
    with database.session() as session:
        if kind == "school":
            initialize(session, "school", "МКОУ СОШ с.п. Урожайное", CODE, program_year=2022)
        else:
            initialize(session, "district", "Терский муниципальный район", program_year=2022)
        if demo:
            load_demo(session)
        if with_keys:
            signing.ensure_keys(session, PASS)
    return database


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Databases built once per kind (migrations and demo data take seconds); tests work on copies."""
    built: dict[tuple, Path] = {}

    def template(*how) -> Path:
        if how not in built:
            built[how] = tmp_path_factory.mktemp("template") / "kurator.db"
            initialized(built[how], *how).close()
        return built[how]

    return template


@pytest.fixture
def workspace_of(templates, tmp_path):
    """A Workspace over a fresh copy of a template database; closed after the test."""
    opened: list[Workspace] = []

    def make(kind: str, demo: bool = False, with_keys: bool = True) -> Workspace:
        copy = tmp_path / f"{kind}-{len(opened)}.db"
        shutil.copyfile(templates(kind, demo, with_keys), copy)
        opened.append(Workspace(open_database(str(copy)), 2022))
        return opened[-1]

    yield make
    for workspace in opened:
        workspace.database.close()


@pytest.fixture
def school(workspace_of):
    return workspace_of("school", demo=True)


@pytest.fixture
def district(workspace_of):
    return workspace_of("district")


def save_to(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(path), ""))


def sign_packet(qtbot, monkeypatch, finished, school: Workspace, target: Path, passphrase: str = PASS) -> ExportDialog:
    dialog = ExportDialog(school)
    qtbot.addWidget(dialog)
    finished()  # the packet is planned
    dialog.signer.setText("Иванова Анна Петровна")
    dialog.passphrase.setText(passphrase)
    dialog.checklist.accept_gaps.setChecked(True)  # the demo school has sections to finish
    save_to(monkeypatch, target)
    finished(dialog.sign_and_save())
    return dialog


def school_pem(school: Workspace) -> bytes:
    with school.session() as session:
        return signing.public_key(session)


def trust_school(qtbot, finished, district: Workspace, pem: bytes) -> TrustDialog:
    dialog = TrustDialog(district, pem=pem, source="school.pem")
    qtbot.addWidget(dialog)
    dialog.code.setText(CODE)
    dialog.name.setText("МКОУ СОШ с.п. Урожайное")
    dialog.matches.setChecked(True)
    assert finished(dialog.submit())
    return dialog


def import_dialog(qtbot, finished, district: Workspace, packet: Path) -> ImportDialog:
    dialog = ImportDialog(district, packet)
    qtbot.addWidget(dialog)
    finished()  # the packet is checked
    return dialog


def count(workspace: Workspace, model) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def created_by_title(dialog: ImportDialog) -> dict[str, int]:
    table = dialog.table
    return {table.item(r, 0).text(): int(table.item(r, 1).text()) for r in range(table.rowCount())}


def test_a_packet_signed_at_the_school_is_trusted_checked_and_applied_at_the_district(qtbot, monkeypatch, school,
                                                                                      district, tmp_path, finished):
    export = sign_packet(qtbot, monkeypatch, finished, school, tmp_path / "p1")
    assert export.position.text() == "Заместитель директора по УВР"
    assert export.written == tmp_path / "p1.kpkt" and export.written.exists()
    assert str(export.written) in export.status.text() and EJECT in export.status.text()

    school_page = ExchangePage(school)
    qtbot.addWidget(school_page)
    school_page.show()
    save_to(monkeypatch, tmp_path / "school.pem")
    school_page.save_public_key()
    assert school_page.log_table.rowCount() == 1 and school_page.log_table.item(0, 4).text() == "записан"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(tmp_path / "school.pem"), ""))
    trust = TrustDialog(district)
    qtbot.addWidget(trust)
    trust.choose_file()
    trust.code.setText(CODE)
    assert trust.fingerprint.text() == keys.fingerprint(school_pem(school))
    assert not trust.register_button.isEnabled()
    trust.matches.setChecked(True)
    assert trust.register_button.isEnabled()
    assert finished(trust.submit())

    dialog = import_dialog(qtbot, finished, district, export.written)
    assert created_by_title(dialog)["Педагоги"] == count(school, Teacher)
    assert dialog.apply_button.isEnabled() and dialog.unknown.isHidden()
    finished(dialog.apply())
    assert dialog.result_of_apply.applied and "создано" in dialog.status.text()
    assert count(district, Teacher) == count(school, Teacher)

    district_page = ExchangePage(district)
    qtbot.addWidget(district_page)
    district_page.show()
    assert district_page.peers_table.item(0, 4).text() == "1"
    assert district_page.log_table.item(0, 4).text() == "принят"


def test_a_wrong_passphrase_is_shown_at_its_field_and_writes_no_file(qtbot, monkeypatch, school, tmp_path, finished):
    dialog = sign_packet(qtbot, monkeypatch, finished, school, tmp_path / "p.kpkt", passphrase="не-тот-пароль")
    message = dialog.messages.labels["passphrase"]
    assert not message.isHidden() and "Неверная парольная фраза" in message.text()
    assert not (tmp_path / "p.kpkt").exists() and dialog.written is None


def test_a_first_packet_says_why_it_carries_every_record(qtbot, school, finished):
    """«Полная выгрузка» is not checked, yet nothing was acknowledged: the summary says every record goes and why."""
    dialog = ExportDialog(school)
    qtbot.addWidget(dialog)
    finished()  # the packet is planned
    assert not dialog.full.isChecked()
    assert dialog.summary.text().startswith(
        "Период: 2022 год; все записи: получатель ещё не подтвердил ни одного вашего пакета")
    dialog.full.setChecked(True)
    finished()
    assert dialog.summary.text().startswith("Период: 2022 год; полная выгрузка.")


def test_an_empty_signer_is_asked_for_before_any_file_is_chosen(qtbot, monkeypatch, school, finished):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("file dialog opened"))
    dialog = ExportDialog(school)
    qtbot.addWidget(dialog)
    finished()  # the packet is planned
    dialog.passphrase.setText(PASS)
    dialog.sign_and_save()
    assert dialog.messages.labels["signer_name"].text() == "Укажите ФИО подписывающего."


def test_an_unknown_sender_shows_its_fingerprint_and_can_be_registered_then_rechecked(qtbot, monkeypatch, school,
                                                                                      district, tmp_path, finished):
    packet = sign_packet(qtbot, monkeypatch, finished, school, tmp_path / "p.kpkt").written
    dialog = import_dialog(qtbot, finished, district, packet)
    assert not dialog.unknown.isHidden() and dialog.plan_box.isHidden()
    assert dialog.unknown_fingerprint.text() == keys.fingerprint(school_pem(school))
    assert CODE in dialog.unknown_who.text()
    assert "не зарегистрирован" in dialog.status.text() and UNCHANGED_DB in dialog.status.text()
    assert not dialog.apply_button.isEnabled()

    def confirm_and_register(trust: TrustDialog) -> int:
        assert trust.code.text() == CODE and not trust.register_button.isEnabled()
        trust.matches.setChecked(True)
        return QDialog.DialogCode.Accepted if finished(trust.submit()) else QDialog.DialogCode.Rejected

    monkeypatch.setattr(TrustDialog, "exec", confirm_and_register)
    dialog.register_sender()
    finished()  # the packet is checked again
    assert dialog.unknown.isHidden() and dialog.apply_button.isEnabled()
    assert count(district, Peer) == 1


def test_a_packet_applied_before_is_a_replay_and_cannot_be_applied_again(qtbot, monkeypatch, school, district, tmp_path,
                                                                         finished):
    packet = sign_packet(qtbot, monkeypatch, finished, school, tmp_path / "p.kpkt").written
    trust_school(qtbot, finished, district, school_pem(school))
    first = import_dialog(qtbot, finished, district, packet)
    finished(first.apply())
    again = import_dialog(qtbot, finished, district, packet)
    assert "уже был принят" in again.status.text() and again.table.isHidden()
    assert not again.apply_button.isEnabled()


def test_a_different_key_for_a_registered_school_is_replaced_only_when_confirmed(qtbot, monkeypatch, school, district,
                                                                                 tmp_path, finished):
    trust_school(qtbot, finished, district, school_pem(school))
    other = keys.generate_keypair(PASS).public_pem
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog = TrustDialog(district, pem=other)
    qtbot.addWidget(dialog)
    dialog.code.setText(CODE)
    dialog.matches.setChecked(True)
    assert not dialog.submit()
    with district.session() as session:
        assert session.scalars(select(Peer.fingerprint)).one() == keys.fingerprint(school_pem(school))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert finished(dialog.submit())
    with district.session() as session:
        assert session.scalars(select(Peer.fingerprint)).one() == keys.fingerprint(other)


def test_keys_are_created_from_a_passphrase_typed_twice_with_messages_at_the_fields(qtbot, workspace_of, finished):
    workspace = workspace_of("district", with_keys=False)
    page = ExchangePage(workspace)
    qtbot.addWidget(page)
    page.show()
    assert not page.create_keys_button.isHidden() and page.save_key_button.isHidden()
    dialog = KeysDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.new.setText("коротко")
    assert not finished(dialog.submit()) and "не короче 8" in dialog.messages.labels["passphrase"].text()
    dialog.new.setText(PASS)
    dialog.repeat.setText(PASS + "!")
    assert not finished(dialog.submit()) and "не совпадают" in dialog.messages.labels["passphrase_repeat"].text()
    dialog.repeat.setText(PASS)
    assert finished(dialog.submit())
    assert page.create_keys_button.isHidden() and len(page.fingerprint.text().split()) == 8


def test_the_passphrase_changes_only_with_the_right_old_one(qtbot, school, finished):
    dialog = KeysDialog(school, change=True)
    qtbot.addWidget(dialog)
    dialog.old.setText("не-тот-пароль")
    dialog.new.setText("новый-пароль-2")
    dialog.repeat.setText("новый-пароль-2")
    assert not finished(dialog.submit()) and "Неверная" in dialog.messages.labels["old"].text()
    dialog.old.setText(PASS)
    assert finished(dialog.submit())
    with school.session() as session:
        assert signing.signing_key(session, "новый-пароль-2")


def test_a_packet_file_opened_with_the_program_shows_the_exchange_page_and_its_import_dialog(qtbot, monkeypatch,
                                                                                           school, district, tmp_path,
                                                                                           finished):
    from app.ui.app import open_packet
    from app.ui.main_window import MainWindow

    packet = sign_packet(qtbot, monkeypatch, finished, school, tmp_path / "p.kpkt").written
    shown: list[ImportDialog] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    window = MainWindow(district.database)
    qtbot.addWidget(window)
    open_packet(window, packet)
    finished()  # the packet is checked
    assert window.current_page() is window.pages["exchange"]
    assert [dialog.path for dialog in shown] == [packet] and not shown[0].unknown.isHidden()


def test_a_school_signs_with_gaps_only_when_it_says_so_and_the_district_sees_them(qtbot, monkeypatch, school,
                                                                                 tmp_path, finished):
    dialog = ExportDialog(school)
    qtbot.addWidget(dialog)
    dialog.show()
    finished()  # the packet and the checklist are planned
    box = dialog.checklist
    missing = [section.title for section in box.checklist.incomplete]
    assert missing == ["Дорожная карта", "Ответы на рекомендации"]  # the demo school left them unfinished
    assert not dialog.sign_button.isEnabled() and box.accept_gaps.isVisible()
    dialog.signer.setText("Иванова Анна Петровна")
    dialog.passphrase.setText(PASS)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("file dialog opened"))
    assert dialog.sign_and_save() is None and "Не всё заполнено" in dialog.status.text()
    box.accept_gaps.setChecked(True)
    assert dialog.sign_button.isEnabled()
    save_to(monkeypatch, tmp_path / "p.kpkt")
    finished(dialog.sign_and_save())
    with zipfile.ZipFile(dialog.written) as packet:
        manifest = json.loads(packet.read("manifest.json"))
    assert [item["title"] for item in manifest["declared_incomplete"]] == missing
    page = ExchangePage(school)
    qtbot.addWidget(page)
    page.show()
    assert page.log_table.item(0, 7).text() == ", ".join(missing)
    assert "Ответы на рекомендации: нет ответа: «" in page.log_table.item(0, 7).toolTip()


def test_open_in_the_checklist_closes_the_sign_off_and_goes_where_the_section_is_filled(qtbot, school, finished):
    dialog = ExportDialog(school)
    qtbot.addWidget(dialog)
    finished()
    asked = []
    school.navigate.connect(lambda page, filters: asked.append((page, filters)))
    dialog.checklist.open_requested.emit("results", {"entity": "social_passport"})
    assert asked == [("results", {"entity": "social_passport"})] and dialog.result() == 0
