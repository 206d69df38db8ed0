"""Whether the data folder is this user's alone, said in the window rather than found out later.

The data folder holds the cases, the settings (with the certificates the practice trusts) and
the audit key where there is no keyring. The app makes it private (0700), but cannot when
another user owns it, and a network share may keep its own permissions whatever the app asks:
then others may rename, replace or delete what it holds. The app still works there (an office
may keep its data on a share on purpose), and says so, in a standing note.
"""

from __future__ import annotations

from desktop_app.errors import StorageError
from desktop_app.storage.paths import data_home, others_may_change

__all__ = ["check_data_folder", "data_folder_problem"]


def check_data_folder() -> None:
    """Make sure the data folder can be used, before anything else is read from it.

    Raises StorageError in words (naming the folder, with what to do) when it cannot be made,
    or when PA_LETTER_HOME names a folder it must not take over (the top of a disk).
    """
    data_home()


def data_folder_problem() -> str | None:
    """Why others may change what the data folder holds, or None when it is this user's alone."""
    try:
        folder = data_home()
    except StorageError:
        return None  # a folder that cannot be made is reported where it is used
    if not others_may_change(folder):
        return None
    return (
        f"The data folder {folder} belongs to another user, or others may write in it, so "
        "they could rename, replace or delete cases and settings kept there. Move it to a "
        "folder of your own (PA_LETTER_HOME), or, on a network share, ask for permissions "
        "that let only you change it."
    )
