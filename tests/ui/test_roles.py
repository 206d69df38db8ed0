"""Roles at the desk as staff see them: what they cannot do is disabled and says why."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton

from desktop_app.services import people
from desktop_app.ui.sign_in_dialog import SignInDialog
from tests.ui.conftest import click_in_next_dialog, type_text
from tests.unit.storage.sample import sample_case

ADA_NPI = "1234567893"


@pytest.fixture
def practice(store: Any, monkeypatch: pytest.MonkeyPatch) -> dict[str, people.Person]:
    monkeypatch.setattr(people, "os_login", lambda: "frontdesk")
    made = {
        "admin": people.save_person(store, "Maria Admin", "admin"),
        "ada": people.save_person(store, "Dr. Ada Fictional", "physician", npi=ADA_NPI),
        "other": people.save_person(store, "Dr. Bo Other", "physician", npi="1245319599"),
        "staff": people.save_person(store, "Sam Staff", "staff", login="frontdesk", pin="4711"),
    }
    people.sign_out()
    return made


def _ready_case(store: Any) -> str:
    case_id = store.create_case(sample_case()).id
    store.set_status(case_id, "ready_for_signature")
    return case_id


def test_staff_see_settings_templates_and_signing_disabled_with_the_reason(
    store: Any, practice: dict[str, people.Person], make_window: Any
) -> None:
    people.sign_in(store, practice["staff"], "4711")
    case_id = _ready_case(store)  # staff mark ready
    window = make_window(store)
    window.open_case(case_id)
    settings = window.menu_actions.settings
    assert settings.isEnabled()  # to reconnect this desk; the practice's settings stay an admin's
    assert "Only an admin can change the practice settings" in settings.toolTip()
    assert not window.more_menus.templates.isEnabled()
    assert not window.more_menus.sign.isEnabled()
    assert "Only a physician signs letters" in window.more_menus.sign.toolTip()
    header_sign = [b for b in window.page.header.findChildren(QPushButton) if b.text() == "Sign…"]
    assert header_sign and not header_sign[0].isEnabled()
    assert window.signed_in_label.text() == "Signed in as Sam Staff (staff)"


def test_only_the_physician_the_letter_names_may_sign_it(
    store: Any, practice: dict[str, people.Person], make_window: Any
) -> None:
    case_id = _ready_case(store)
    people.sign_in(store, practice["other"])
    window = make_window(store)
    window.open_case(case_id)
    assert not window.more_menus.sign.isEnabled()
    assert "names Dr. Ada Fictional as prescriber" in window.more_menus.sign.toolTip()
    people.sign_in(store, practice["ada"])
    ada_window = make_window(store)
    ada_window.open_case(case_id)
    assert ada_window.more_menus.sign.isEnabled()


def test_the_sign_in_dialog_asks_the_pin_and_says_when_it_is_wrong(
    store: Any, practice: dict[str, people.Person], qtbot: Any
) -> None:
    needed = people.start_desk(store)
    assert needed is not None and needed.choices[0].name == "Sam Staff"  # the login's own
    dialog = SignInDialog(store, needed)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pin.isEnabled()
    type_text(dialog.pin, "0000")
    dialog.ok.click()
    assert dialog.isVisible() and "PIN is not right" in dialog.problem.text()
    type_text(dialog.pin, "4711")
    dialog.ok.click()
    assert not dialog.isVisible()
    assert people.current_person().label == "Sam Staff (staff)"


def test_a_solo_office_sees_everything_enabled(store: Any, make_window: Any) -> None:
    case_id = _ready_case(store)
    window = make_window(store)
    window.open_case(case_id)
    assert window.menu_actions.settings.isEnabled()
    assert window.more_menus.sign.isEnabled() and window.more_menus.templates.isEnabled()
    assert not hasattr(window, "signed_in_label")


def _staff_settings(store: Any, practice: dict[str, people.Person], qtbot: Any) -> Any:
    from desktop_app.ui.settings_dialog import SettingsDialog

    people.sign_in(store, practice["staff"], "4711")
    dialog = SettingsDialog(store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_staff_open_settings_from_the_menu_on_the_database_tab_and_see_who_changes_the_rest(
    store: Any, practice: dict[str, people.Person], make_window: Any
) -> None:
    from desktop_app.ui.settings_dialog import SettingsDialog

    people.sign_in(store, practice["staff"], "4711")
    window = make_window(store)
    seen: dict[str, Any] = {}

    def look(dialog: Any) -> None:
        assert isinstance(dialog, SettingsDialog)
        tabs = dialog.tabs
        seen["current"] = tabs.tabText(tabs.currentIndex())
        seen["editable"] = [tabs.tabText(i) for i in range(tabs.count())
                            if tabs.widget(i).isEnabled()]
        seen["note"] = dialog.admin_note.text() if dialog.admin_note.isVisible() else ""

    clicked = click_in_next_dialog("Cancel", prepare=look)
    window.menu_actions.settings.trigger()
    assert clicked.get("clicked") == "Cancel"
    assert seen["current"] == "&Database" and seen["editable"] == ["&Database"]
    assert seen["note"].startswith("Only an admin can change the practice settings")
    assert "Sam Staff (staff)" in seen["note"]


def test_staff_reconnect_the_desk_and_nothing_else_changes(
    store: Any, practice: dict[str, people.Person], qtbot: Any, pa_letter_home: Any
) -> None:
    import json

    from desktop_app.services.settings import load_practice_settings

    before = load_practice_settings()
    dialog = _staff_settings(store, practice, qtbot)
    name = dialog.letterhead_tab.practice_name
    assert not name.isEnabled() and not dialog.directory_tab.table.isEnabled()
    name.setText("Typed where staff cannot")  # as if a widget were reached
    tab = dialog.database_tab
    tab.shared.click()
    type_text(tab.host, "db2.clinic.lan")
    type_text(tab.user, "frontdesk")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = json.loads((pa_letter_home / "settings.json").read_text("utf-8"))
    assert saved["database"]["host"] == "db2.clinic.lan"
    assert saved["letterhead"] == before.letterhead.model_dump(mode="json")


def test_staff_are_told_what_is_missing_before_a_connection_is_saved(
    store: Any, practice: dict[str, people.Person], qtbot: Any, pa_letter_home: Any
) -> None:
    dialog = _staff_settings(store, practice, qtbot)
    dialog.database_tab.shared.click()
    dialog.save()
    assert dialog.problems.isVisible()
    assert "Database: the server is missing" in dialog.problems.text()
    assert not (pa_letter_home / "settings.json").exists()


def test_an_admin_still_edits_every_tab_with_no_note(
    store: Any, practice: dict[str, people.Person], qtbot: Any
) -> None:
    from desktop_app.ui.settings_dialog import SettingsDialog

    people.sign_in(store, practice["admin"])
    dialog = SettingsDialog(store=store)
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = dialog.tabs
    assert all(tabs.widget(i).isEnabled() for i in range(tabs.count()))
    assert tabs.currentIndex() == 0 and not dialog.admin_note.isVisible()
