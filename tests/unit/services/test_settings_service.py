"""Practice settings as Settings saves them: bad NPIs and missing images are named, never saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.errors import AppError
from desktop_app.services.settings import (
    DirectoryPrescriber,
    PracticeLetterhead,
    PracticeSettings,
    load_practice_settings,
    save_practice_settings,
    settings_problems,
)

pytestmark = pytest.mark.no_database  # runs once: opens no case database

# 1234567893 is the worked example in CMS's "Requirements for NPI Check Digit".
VALID_NPI = "1234567893"


def _with(*people: DirectoryPrescriber, logo: str | None = None) -> PracticeSettings:
    return PracticeSettings(
        letterhead=PracticeLetterhead(name="Riverside Oncology", logo_path=logo),
        prescribers=list(people),
        user_name="Front Desk",
    )


def test_defaults_when_nothing_saved() -> None:
    settings = load_practice_settings()
    assert settings.prescribers == []
    assert settings.letterhead.name == ""


def test_saved_settings_come_back(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n\x1a\n")
    person = DirectoryPrescriber(name="Dr. Ana Sousa", credentials="MD", npi=VALID_NPI)
    save_practice_settings(_with(person, logo=str(logo)))
    again = load_practice_settings()
    assert again.prescribers[0].npi == VALID_NPI
    assert again.letterhead.logo_path == str(logo)
    assert again.user_name == "Front Desk"


@pytest.mark.parametrize(
    ("npi", "expected"),
    [
        (VALID_NPI, None),
        (" 1234567893 ", None),
        ("1234567890", "prescribers.0.npi"),  # check digit wrong
        ("123456789", "prescribers.0.npi"),  # nine digits
        ("", "prescribers.0.npi"),
        ("12345678a3", "prescribers.0.npi"),
        ("３２３４５６７８９３", "prescribers.0.npi"),  # full-width digits are not an NPI
    ],
)
def test_npi_checked_per_prescriber(npi: str, expected: str | None) -> None:
    problems = settings_problems(_with(DirectoryPrescriber(name="Dr. Lee", npi=npi)))
    assert [p.field for p in problems] == ([expected] if expected else [])


def test_bad_row_is_not_saved_and_error_names_the_field() -> None:
    bad = DirectoryPrescriber(name="Dr. Lee", npi="1234567890")
    with pytest.raises(AppError) as caught:
        save_practice_settings(_with(bad))
    assert caught.value.field == "prescribers.0.npi"
    assert "NPI" in str(caught.value)
    assert load_practice_settings().prescribers == []


@pytest.mark.parametrize(
    ("name", "create", "message"),
    [
        ("logo.gif", True, "PNG or JPEG"),
        ("missing.png", False, "cannot be found"),
        ("logo.JPG", True, None),
    ],
)
def test_logo_must_be_an_existing_png_or_jpeg(
    tmp_path: Path, name: str, create: bool, message: str | None
) -> None:
    path = tmp_path / name
    if create:
        path.write_bytes(b"image")
    problems = settings_problems(_with(logo=str(path)))
    if message is None:
        assert problems == []
    else:
        assert problems[0].field == "letterhead.logo_path"
        assert message in problems[0].message


def test_names_are_saved_without_stray_spaces() -> None:
    save_practice_settings(_with(DirectoryPrescriber(name="  Dr. Lê Văn Minh ", npi=VALID_NPI)))
    assert load_practice_settings().prescribers[0].name == "Dr. Lê Văn Minh"


# -- the directory filled from cases --------------------------------------------------------

def _section(name: str, npi: str, **more: object) -> dict[str, object]:
    return {"name": name, "npi": npi, **more}


def test_prescribers_on_cases_are_offered_once_per_npi_newest_first() -> None:
    from desktop_app.services.settings import prescribers_to_add

    sections = [
        _section("Dr. Nguyễn Thị Lan", VALID_NPI, credentials="MD", fax="555-0100",
                 practice="not a directory field"),
        _section("Dr. Lan Nguyen (old spelling)", VALID_NPI),
    ]
    found = prescribers_to_add(sections, [])
    assert [(p.name, p.npi, p.credentials, p.fax) for p in found] == [
        ("Dr. Nguyễn Thị Lan", VALID_NPI, "MD", "555-0100")
    ]


@pytest.mark.parametrize(
    "section",
    [
        _section("Dr. Typo", "1234567890"),  # check digit wrong
        _section("", VALID_NPI),  # no name: nobody to list
        _section("Dr. Blank", ""),
        {"name": 7, "npi": None},  # junk types from an old file never raise
        {},
    ],
)
def test_unusable_prescribers_are_not_offered(section: dict[str, object]) -> None:
    from desktop_app.services.settings import prescribers_to_add

    assert prescribers_to_add([section], []) == []


def test_prescribers_already_listed_are_not_offered_again() -> None:
    from desktop_app.services.settings import prescribers_to_add

    listed = DirectoryPrescriber(name="Dr. Ana Sousa", npi=" 1234567893 ")
    assert prescribers_to_add([_section("Dr. A. Sousa", VALID_NPI)], [listed]) == []


def test_a_missing_shared_templates_folder_is_named(tmp_path: Path) -> None:
    gone = PracticeSettings(shared_templates_dir=str(tmp_path / "unplugged-drive"))
    assert [p.field for p in settings_problems(gone)] == ["shared_templates_dir"]
    with pytest.raises(AppError, match="network drive"):
        save_practice_settings(gone)
    there = PracticeSettings(shared_templates_dir=f"  {tmp_path}  ")
    save_practice_settings(there)
    assert load_practice_settings().shared_templates_dir == str(tmp_path)


def test_an_unreachable_shared_templates_folder_is_said_in_words(tmp_path: Path) -> None:
    from desktop_app.services.settings import shared_folder_problem
    from desktop_app.storage.settings import save_settings

    assert shared_folder_problem() is None  # none set
    save_settings(PracticeSettings(shared_templates_dir=str(tmp_path)))
    assert shared_folder_problem() is None  # reachable
    save_settings(PracticeSettings(shared_templates_dir=str(tmp_path / "drive-gone")))
    problem = shared_folder_problem()
    assert problem is not None
    assert "cannot be reached" in problem and "built-in" in problem
