"""Reading a file a user named: every way it can fail becomes one clear line.

Each area raises its own error class (a text, an alignment, a glossary...), so
the caller passes the class and says what kind of file it expected.
"""

from __future__ import annotations

from pathlib import Path

from aligner.errors import AlignerError


def read_user_bytes(path: str | Path, error: type[AlignerError], what: str) -> bytes:
    """The file's bytes; a missing, folder or unreadable path raises ``error``.

    ``what`` names the expected file with its article ("an alignment file").
    """
    path = Path(path)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path} does not exist; check the path") from None
    except IsADirectoryError:
        raise error(f"{path} is a folder, not {what}") from None
    except PermissionError:
        raise error(f"{path} cannot be read: permission denied") from None
    except OSError as exc:
        raise error(f"{path} cannot be read: {exc.strerror or exc}") from None


def read_user_text(path: str | Path, error: type[AlignerError], what: str) -> str:
    """The file as UTF-8 text (a byte-order mark is dropped); other bytes raise ``error``."""
    raw = read_user_bytes(path, error, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"{path} is not UTF-8 text (byte {exc.start}); it is not {what}, or save it as UTF-8"
        ) from None
