"""Reading a file a user named: every way it can fail becomes one clear line.

Each area raises its own error class (a text, an alignment, a glossary...), so
the caller passes the class and says what kind of file it expected. Only
regular files are read, and only up to :data:`MAX_INPUT_BYTES`: a FIFO would
block forever and ``/dev/zero`` never ends, so both are refused before a byte
is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from aligner.errors import AlignerError

#: The largest input read, in bytes. The biggest real inputs are alignments of
#: the 11,000-paragraph benchmark at 4x (about 60 MB of JSON); 256 MiB leaves
#: room for four times that while keeping memory use below a few gigabytes.
MAX_INPUT_BYTES = 256 * 1024 * 1024


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _limit_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB"


def read_user_bytes(
    path: str | Path, error: type[AlignerError], what: str, *, limit: int = MAX_INPUT_BYTES
) -> bytes:
    """The file's bytes; a missing, folder, non-regular, huge or unreadable path raises ``error``.

    ``what`` names the expected file with its article ("an alignment file").
    """
    path = Path(path)
    try:
        # O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error(f"{path} does not exist; check the path") from None
    except IsADirectoryError:
        raise error(f"{path} is a folder, not {what}") from None
    except PermissionError:
        raise error(f"{path} cannot be read: permission denied") from None
    except OSError as exc:
        raise error(f"{path} cannot be read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{path} is a folder, not {what}")
        if not stat.S_ISREG(info.st_mode):
            raise error(
                f"{path} is {_kind(info.st_mode)}; aligner reads {what} only from a regular "
                f"file (at most {_limit_text(limit)}): save it to a file first"
            )
        if info.st_size > limit:
            raise error(
                f"{path} is {info.st_size // (1024 * 1024)} MB, more than the "
                f"{_limit_text(limit)} aligner reads; it is not {what}, or split it"
            )
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as fh:
            fd = -1
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(f"{path} cannot be read: {exc.strerror or exc}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:  # the file grew while it was read
        raise error(f"{path} is larger than the {_limit_text(limit)} aligner reads")
    return data


def read_user_text(path: str | Path, error: type[AlignerError], what: str) -> str:
    """The file as UTF-8 text (a byte-order mark is dropped); other bytes raise ``error``."""
    raw = read_user_bytes(path, error, what)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"{path} is not UTF-8 text (byte {exc.start}); it is not {what}, or save it as UTF-8"
        ) from None
