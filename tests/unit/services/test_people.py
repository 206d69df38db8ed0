"""People and roles: staff prepare, a physician signs only their own letters, admins edit."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import text

from desktop_app.services import audit, people
from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.services.settings import load_practice_settings, save_practice_settings
from desktop_app.services.templates import duplicate_text, save_template_text, template_source
from desktop_app.storage.paths import data_home
from desktop_app.storage.people import hash_pin, pin_matches
from tests.unit.storage.sample import sample_case

ADA_NPI = "1234567893"  # the sample case's prescriber
OTHER_NPI = "1245319599"


@pytest.fixture
def store() -> Iterator[CaseStore]:
    with open_case_store() as opened:
        yield opened
    audit.close()


@pytest.fixture
def practice(store: CaseStore, monkeypatch: pytest.MonkeyPatch) -> dict[str, people.Person]:
    """An admin (this desk's login), two physicians and a front-desk person with a PIN."""
    monkeypatch.setattr(people, "os_login", lambda: "frontdesk")
    admin = people.save_person(store, "Maria Admin", "admin", login="frontdesk")
    made = {
        "admin": admin,
        "ada": people.save_person(store, "Dr. Ada Fictional", "physician", npi=ADA_NPI),
        "other": people.save_person(store, "Dr. Bo Other", "physician", npi=OTHER_NPI),
        "staff": people.save_person(store, "Sam Staff", "staff", pin="4711"),
    }
    people.sign_out()
    return made


def _ready_case(store: CaseStore) -> str:
    case_id = store.create_case(sample_case()).id
    store.set_status(case_id, "ready_for_signature")
    return case_id


def test_a_solo_office_with_nobody_listed_works_as_before(store: CaseStore) -> None:
    assert people.start_desk(store) is None
    assert people.current_person().solo and people.allowed("edit_settings") == (True, "")
    save_practice_settings(load_practice_settings())
    case_id = _ready_case(store)
    assert store.set_status(case_id, "signed").status == "signed"


@pytest.mark.parametrize("who", ["solo", "admin", "ada", "staff"])
def test_what_the_window_allows_is_what_the_signed_in_person_may_do(
    practice: dict[str, people.Person], who: str
) -> None:
    # The window asks allowed(action) without naming anyone; the answer must be the one for
    # the person current_person() names (the solo office's login has every right).
    if who != "solo":
        people._current = practice[who]
    try:
        for action in people.ACTIONS:
            assert people.allowed(action) == people.allowed(action, people.current_person())
    finally:
        people.sign_out()


def test_a_solo_office_may_do_everything_even_with_a_damaged_settings_file(
    store: CaseStore,
) -> None:
    assert people.start_desk(store) is None
    (data_home() / "settings.json").write_text("{ not json", encoding="utf-8")
    assert all(people.allowed(action) == (True, "") for action in people.ACTIONS)


def test_the_first_person_must_be_an_admin_and_a_physician_needs_an_npi(store: CaseStore) -> None:
    with pytest.raises(Exception, match="first person in the list must be an admin"):
        people.save_person(store, "Sam Staff", "staff")
    people.save_person(store, "Maria Admin", "admin")
    with pytest.raises(Exception, match="needs their NPI"):
        people.save_person(store, "Dr. No Number", "physician")


def test_the_os_login_signs_in_its_person_and_every_entry_names_them(
    store: CaseStore, practice: dict[str, people.Person]
) -> None:
    assert people.start_desk(store) is None  # frontdesk is Maria, who has no PIN
    assert people.current_person().name == "Maria Admin"
    store.create_case(sample_case())
    newest = audit.entries(1)[0]
    assert newest.action == "case.created" and newest.user == "Maria Admin (admin)"


def test_a_pin_is_asked_for_and_only_its_hash_is_kept(
    store: CaseStore, practice: dict[str, people.Person], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(people, "os_login", lambda: "shared-workstation")
    needed = people.start_desk(store)
    assert needed is not None and {p.name for p in needed.choices} >= {"Sam Staff"}
    sam = practice["staff"]
    with pytest.raises(people.PermissionRefused, match="PIN is not right"):
        people.sign_in(store, sam, "0000")
    people.sign_in(store, sam, "4711")
    assert people.current_person().label == "Sam Staff (staff)"
    with store.database.reading() as session:
        stored = session.execute(text("SELECT pin_hash FROM people WHERE name = 'Sam Staff'"))
        pin_hash = stored.scalar_one()
    assert pin_hash.startswith("scrypt$") and "4711" not in pin_hash


def test_pin_hashes_are_salted_and_check_only_the_right_pin() -> None:
    first, second = hash_pin("4711"), hash_pin("4711")
    assert first != second  # salted
    assert pin_matches("4711", first) and not pin_matches("4712", first)
    assert not pin_matches("4711", "md5$whatever") and not pin_matches("4711", "garbage")


def test_staff_prepare_and_mark_ready_but_never_sign_or_edit_settings_or_templates(
    store: CaseStore, practice: dict[str, people.Person]
) -> None:
    people.sign_in(store, practice["staff"], "4711")
    case_id = _ready_case(store)  # staff prepare and mark ready
    with pytest.raises(people.PermissionRefused, match="Only a physician signs"):
        store.set_status(case_id, "signed")
    with pytest.raises(people.PermissionRefused, match="Only an admin can change the practice"):
        save_practice_settings(load_practice_settings())
    text_of = duplicate_text(template_source("offlabel-preauth"), "practice-preauth")
    with pytest.raises(people.PermissionRefused, match="Only an admin can change the letter"):
        save_template_text(text_of)
    ok, why = people.allowed("sign")
    assert not ok and "Sam Staff (staff)" in why


def test_a_physician_signs_only_letters_naming_them(
    store: CaseStore, practice: dict[str, people.Person]
) -> None:
    case_id = _ready_case(store)
    people.sign_in(store, practice["other"])
    with pytest.raises(people.PermissionRefused, match=r"names Dr\. Ada Fictional"):
        store.set_status(case_id, "signed")
    people.sign_in(store, practice["ada"])
    assert store.set_status(case_id, "signed").status == "signed"
    with pytest.raises(people.PermissionRefused, match="Only an admin"):
        save_practice_settings(load_practice_settings())


def test_an_admin_edits_settings_templates_and_people(
    store: CaseStore, practice: dict[str, people.Person]
) -> None:
    people.sign_in(store, practice["admin"])
    save_practice_settings(load_practice_settings())
    save_template_text(duplicate_text(template_source("offlabel-preauth"), "practice-preauth"))
    people.remove_person(store, practice["staff"].id or 0)
    assert "Sam Staff" not in [p.name for p in people.list_people(store)]
    people.sign_in(store, practice["ada"])
    with pytest.raises(people.PermissionRefused, match="who works here"):
        people.save_person(store, "New Person", "staff")
