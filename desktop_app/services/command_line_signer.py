"""Who signs with `pa-letter sign` when the practice lists its people and their roles.

In the app only a physician signs, and only letters naming them as prescriber
(services/people.py, check_can_sign). The command line must not be a way round that: on a
practice with a list of people, this computer's login must be a listed physician with no PIN
(the command line asks for none, as `pa-letter people` does), and a letter made by the app
must name them. A solo office (nobody listed) signs as before: the certificate check in
services/signing.py is then the only check, as in the app.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.command_line_person import identify_command_line_person
from desktop_app.services.people import PermissionRefused


def check_command_line_signer(letter: Path) -> None:
    """PermissionRefused, in words, unless this login may sign `letter`; the audit entry of
    the signature then names the person and role, as the app's does."""
    from desktop_app.services.signer_identity import comparable_name, letter_prescriber
    from desktop_app.services.signing import read_letter_to_sign

    who = identify_command_line_person("sign", role="physician")
    if who is None:
        return  # a solo office: nobody to sign in
    named = letter_prescriber(read_letter_to_sign(letter))
    if named is not None and comparable_name(named) != comparable_name(who.name):
        raise PermissionRefused(
            f"this letter names {named} as prescriber; only they can sign it",
            hint=f"you are signed in as {who.label}",
        )
