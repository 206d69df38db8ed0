"""The data folder is said to be open to others when the app cannot make it this user's alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from desktop_app.services.data_folder import data_folder_problem

pytestmark = pytest.mark.no_database


def test_a_folder_of_ones_own_is_no_problem_even_when_it_was_left_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o777)
    monkeypatch.setenv("PA_LETTER_HOME", str(home))
    assert data_folder_problem() is None
    assert stat.S_IMODE(home.stat().st_mode) == 0o700  # made private, as at every start


def test_a_folder_another_user_owns_is_said_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("PA_LETTER_HOME", str(home))
    assert data_folder_problem() is None
    me = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: me + 1)  # the folder is now someone else's
    problem = data_folder_problem()
    assert problem is not None and str(home) in problem
    assert "rename, replace or delete" in problem and "PA_LETTER_HOME" in problem


def test_a_share_that_keeps_its_own_permissions_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "share"
    home.mkdir()
    home.chmod(0o777)

    def kept(self: Path, mode: int) -> None:
        """As on a network share: chmod succeeds and changes nothing."""

    monkeypatch.setattr(Path, "chmod", kept)
    monkeypatch.setenv("PA_LETTER_HOME", str(home))
    problem = data_folder_problem()
    assert problem is not None and "network share" in problem
