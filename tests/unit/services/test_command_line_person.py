"""At the command line the audit trail names a person the practice lists, or nothing is done.

On a practice that lists its people, this computer's login must be one listed person with no
PIN; their name and role then go on the entries, as the app's do. A solo office is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.casefile import load_case
from desktop_app.services import audit, people
from desktop_app.services.cases import CaseStore, open_case_store
from desktop_app.services.command_line_person import (
    identify_before_restoring,
    identify_command_line_person,
)
from desktop_app.services.people import PermissionRefused
from desktop_app.services.render import render_letter, save_and_record
from desktop_app.storage.paths import data_home
from desktop_app.storage.settings import load_settings, save_settings

EXAMPLE = Path(__file__).parents[3] / "examples" / "medicare-part-b-preauth.json"
AVERY_NPI = "1234567893"


@pytest.fixture
def store() -> Iterator[CaseStore]:
    with open_case_store() as opened:
        yield opened
    audit.close()


@pytest.fixture
def login(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """This computer's login, as a test sets it (the admin's to begin with)."""
    current = ["madmin"]
    monkeypatch.setattr(people, "os_login", lambda: current[0])
    yield current


@pytest.fixture
def practice(store: CaseStore, login: list[str]) -> CaseStore:
    """An admin, a staff member, a physician, someone with a PIN, and a login two share."""
    people.save_person(store, "Maria Admin", "admin", login="madmin")
    people.save_person(store, "Ana Ruiz", "staff", login="aruiz")
    people.save_person(store, "Dr. Avery Testwood", "physician", npi=AVERY_NPI,
                       login="atestwood")
    people.save_person(store, "Pat Pin", "staff", login="ppin", pin="4711")
    people.save_person(store, "Twin One", "staff", login="twin")
    people.save_person(store, "Twin Two", "staff", login="twin")
    people.sign_out()
    return store


def render_example(tmp_path: Path) -> Path:
    """What `pa-letter render` does once the person is known: the letter and its entry."""
    out = tmp_path / "letter.pdf"
    save_and_record(render_letter(load_case(EXAMPLE), fmt="pdf"), out)
    return out


def users_and_actions() -> list[tuple[str, str]]:
    return [(e.user, e.action) for e in reversed(audit.entries(1000))]


def test_a_listed_login_without_a_pin_renders_and_the_entry_names_them_with_their_role(
    practice: CaseStore, login: list[str], tmp_path: Path
) -> None:
    login[0] = "aruiz"
    who = identify_command_line_person()
    assert who is not None and who.label == "Ana Ruiz (staff)"
    assert render_example(tmp_path).read_bytes().startswith(b"%PDF-")
    assert users_and_actions()[-2:] == [("Ana Ruiz (staff)", "person.signed_in"),
                                        ("Ana Ruiz (staff)", "letter.rendered")]
    assert audit.verify_chain().ok


def test_the_settings_user_name_does_not_stand_in_for_a_listed_person(
    practice: CaseStore, login: list[str], tmp_path: Path
) -> None:
    save_settings(load_settings().model_copy(update={"user_name": "Somebody Typed This"}))
    login[0] = "atestwood"
    identify_command_line_person()
    render_example(tmp_path)
    assert users_and_actions()[-1] == ("Dr. Avery Testwood (physician)", "letter.rendered")


def test_a_login_nobody_lists_is_refused_naming_it_with_the_command_an_admin_runs(
    practice: CaseStore, login: list[str]
) -> None:
    login[0] = "visitor"
    before = users_and_actions()
    with pytest.raises(PermissionRefused) as refused:
        identify_command_line_person()
    message = str(refused.value)
    assert "this computer's login (visitor) is not one of them" in message
    assert "sign in the app" in message
    assert "pa-letter people add NAME --role staff --login visitor" in message
    assert users_and_actions() == before  # nobody was signed in, nothing recorded
    assert people.signed_in_label() is None


def test_a_listed_person_with_a_pin_is_refused_since_the_command_line_asks_for_none(
    practice: CaseStore, login: list[str]
) -> None:
    login[0] = "ppin"
    with pytest.raises(PermissionRefused, match=r"\(ppin\) is Pat Pin \(staff\), who has a PIN"):
        identify_command_line_person()
    assert people.signed_in_label() is None


def test_a_login_two_people_share_is_refused_rather_than_guessing_which_of_them(
    practice: CaseStore, login: list[str]
) -> None:
    login[0] = "twin"
    with pytest.raises(PermissionRefused, match="belongs to more than one person"):
        identify_command_line_person()
    assert people.signed_in_label() is None


@pytest.mark.parametrize(
    ("who", "needs", "allowed"),
    [
        ("aruiz", None, True),  # every role renders letters, in the app too
        ("atestwood", None, True),
        ("madmin", None, True),
        ("aruiz", "sign", False),  # only a physician signs
        ("madmin", "sign", False),
        ("atestwood", "sign", True),
        ("aruiz", "edit_people", False),
        ("madmin", "edit_people", True),
    ],
)
def test_the_role_has_the_rights_it_has_in_the_app(
    practice: CaseStore, login: list[str], who: str, needs: str | None, allowed: bool
) -> None:
    login[0] = who
    if allowed:
        assert identify_command_line_person(needs) is not None
    else:
        with pytest.raises(PermissionRefused, match="you are signed in as"):
            identify_command_line_person(needs)


def test_a_physician_is_told_to_bring_an_npi_when_their_login_is_missing(
    practice: CaseStore, login: list[str]
) -> None:
    login[0] = "newdoc"
    with pytest.raises(PermissionRefused, match="--role physician --npi NPI --login newdoc"):
        identify_command_line_person("sign", role="physician")


@pytest.mark.parametrize("hostile", ["ev\x1b[31mil", "a\nb", "<b>x</b>\u202e", "x y; rm -rf ~"])
def test_a_hostile_login_prints_as_plain_text_and_is_never_offered_as_a_command(
    practice: CaseStore, login: list[str], hostile: str
) -> None:
    login[0] = hostile
    with pytest.raises(PermissionRefused) as refused:
        identify_command_line_person()
    message = str(refused.value)
    assert message.isprintable()  # no escape, newline or direction mark reaches the terminal
    assert "--login LOGIN" in message  # the placeholder, not the login, in the command
    if hostile.isprintable():
        assert f"({hostile})" in message  # shown as it is, markup and all
    else:
        assert repr(hostile) in message


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=40).filter(
    lambda t: t not in {"madmin", "aruiz", "atestwood", "ppin", "twin"}))
def test_any_unlisted_login_is_refused_in_one_printable_line(
    practice: CaseStore, login: list[str], typed: str
) -> None:
    login[0] = typed
    with pytest.raises(PermissionRefused) as refused:
        identify_command_line_person()
    assert str(refused.value).isprintable()
    assert people.signed_in_label() is None


def test_a_solo_office_renders_as_before_under_the_settings_name(
    store: CaseStore, tmp_path: Path
) -> None:
    save_settings(load_settings().model_copy(update={"user_name": "Front Desk"}))
    assert not audit.people_listed()
    assert identify_command_line_person() is None
    assert identify_command_line_person("sign") is None  # no roles, so no rights to check
    render_example(tmp_path)
    assert users_and_actions() == [("Front Desk", "letter.rendered")]  # no sign-in entry


def test_a_first_run_with_no_database_yet_is_a_solo_office(tmp_path: Path) -> None:
    assert identify_command_line_person() is None
    audit.close()


def test_whether_people_are_listed_reads_the_same_through_sqlite3_and_the_database(
    practice: CaseStore,
) -> None:
    quick = audit.people_listed()
    audit.close()
    audit.cached_database()  # opened the full way: the answer must not change
    assert quick is audit.people_listed() is True
    audit.close()


@pytest.mark.sqlite_only
def test_a_restore_over_a_damaged_database_is_not_stopped_by_who_cannot_be_read(
    practice: CaseStore, login: list[str]
) -> None:
    login[0] = "visitor"
    with pytest.raises(PermissionRefused):
        identify_before_restoring()  # while the list can be read, it counts
    practice.close()
    audit.close()
    (data_home() / "cases.sqlite3").write_bytes(b"\x00" * 100)
    assert identify_before_restoring() is None
