"""Run the CLI as someone else logged in: getpass reads the login from these variables first."""

from __future__ import annotations


def as_login(login: str) -> dict[str, str]:
    """The environment of someone logged in as `login`."""
    return {"LOGNAME": login, "USER": login, "LNAME": login, "USERNAME": login}
