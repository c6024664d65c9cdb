"""The one way aligner writes a file a user named: never destroying anything by accident.

- An existing output is refused unless the user said ``--force``
  (:func:`check_output`); a device or FIFO (``/dev/null``, ``/dev/stdout``, a
  pipe) is not a file that can be lost, so it needs no ``--force``.
- A regular file is replaced atomically: a temporary file in the same folder is
  written, fsynced and renamed over it, so a crash leaves the old file whole.
- A symbolic link is written through: its target gets the new content and the
  link stays a link.
- A device or FIFO is written to directly and never replaced by a regular
  file; a FIFO without a reader is refused instead of waited on.
- Temporary files are named ``.NAME.aligner-PID-RANDOM.tmp``; before each write
  the ones of the same output left by a process that no longer runs (killed
  mid-write) are removed, and so are earlier versions' ``.NAME.XXXXXXXX.tmp``
  older than ten minutes.
- Every failure names the user's file, never the temporary one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from pathlib import Path

from aligner.errors import AlignerError, StoreError

TEMP_MARK = ".aligner-"
TEMP_SUFFIX = ".tmp"


def resolve_output(path: str | Path) -> Path:
    """Where bytes written to ``path`` really go: symbolic links followed to their target."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _special(path: Path) -> bool:
    """True for an existing output that is not a regular file (device, FIFO, socket)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def check_output(
    path: str | Path,
    *,
    force: bool,
    error: type[AlignerError] = StoreError,
    option: str = "--force",
) -> None:
    """Refuse an output that cannot or must not be written, before any work is done.

    A folder, a missing folder, or (without ``force``) an existing file or a
    link to one is refused with one line naming ``path``.
    """
    path = Path(path)
    real = resolve_output(path)
    folder = real.parent if str(real.parent) else Path(".")
    if real.is_dir():
        raise error(f"cannot write {path}: it is a folder; give a file name")
    if not folder.is_dir():
        raise error(f"cannot write {path}: folder {folder} does not exist; create it first")
    if _special(real):
        return
    if real.exists() and not force:  # a dangling link destroys nothing when written
        raise error(f"{path} already exists; use {option} to overwrite it")


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OSError:
        return False
    return True


def files_beside(path: Path, prefix: str, suffix: str) -> list[Path]:
    """Files in ``path``'s folder named ``prefix...suffix``, sorted; none if it is unreadable."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(folder / n for n in names if n.startswith(prefix) and n.endswith(suffix))


def temp_files_of(path: str | Path) -> list[Path]:
    """Temporary files this module made for ``path`` (live or stale)."""
    real = resolve_output(path)
    return files_beside(real, f".{real.name}{TEMP_MARK}", TEMP_SUFFIX)


_PID = re.compile(r"aligner-(\d+)-[0-9a-f]+\.tmp$")

#: Earlier versions named temp files ``.NAME.XXXXXXXX.tmp`` (tempfile.mkstemp) and
#: left them after a kill; with no process id in the name, one older than this
#: many seconds is taken as abandoned (no write of aligner's takes minutes).
LEGACY_TEMP_AGE = 600


def _legacy_temp_files(real: Path) -> list[Path]:
    folder = real.parent if str(real.parent) else Path(".")
    pattern = re.compile(rf"^\.{re.escape(real.name)}\.[a-z0-9_]{{8}}\.tmp$")
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / n for n in names if pattern.match(n)]


def remove_stale_temp_files(path: str | Path) -> int:
    """Remove the temporary files of ``path`` left by processes that no longer run."""
    removed = 0
    stale = []
    for tmp in temp_files_of(path):
        match = _PID.search(tmp.name)
        if match is not None and not _alive(int(match.group(1))):
            stale.append(tmp)
    now = time.time()
    for tmp in _legacy_temp_files(resolve_output(path)):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > LEGACY_TEMP_AGE:
                stale.append(tmp)
    for tmp in stale:
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


def _message(path: Path, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENOSPC:
        return f"cannot write {path}: no space left on the device; free some space and retry"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {path}: {reason}; choose a writable place"
    return f"cannot write {path}: {reason}"


def _write_special(path: Path, real: Path, data: bytes, error: type[AlignerError]) -> None:
    """Write to a device or FIFO in place (it is never replaced by a regular file)."""
    try:
        fd = os.open(real, os.O_WRONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise error(f"cannot write {path}: it is a FIFO with no reader") from None
        raise error(_message(path, exc)) from None
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except OSError as exc:
        raise error(_message(path, exc)) from None
    finally:
        os.close(fd)


def write_bytes(path: str | Path, data: bytes, *, error: type[AlignerError] = StoreError) -> None:
    """Write ``data`` to the user's ``path``: atomically, through links, devices in place."""
    path = Path(path)
    real = resolve_output(path)
    if _special(real):
        _write_special(path, real, data, error)
        return
    folder = real.parent if str(real.parent) else Path(".")
    remove_stale_temp_files(real)
    tmp = folder / f".{real.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0),
                     0o600)
    except OSError as exc:
        raise error(_message(path, exc)) from None
    try:
        # The file is created 0600; give it the mode a plain open() would (or
        # the mode of the file it replaces) so others can read what we save.
        os.chmod(tmp, _mode_for(real))
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, real)
    except OSError as exc:
        raise error(_message(path, exc)) from None
    finally:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def write_text(path: str | Path, text: str, *, error: type[AlignerError] = StoreError) -> None:
    """Write UTF-8 text (line ends as given) to the user's ``path``; see :func:`write_bytes`."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:  # a lone surrogate that escaped sanitising
        raise error(
            f"cannot write {path}: the text holds an invalid character at {exc.start}"
        ) from None
    write_bytes(path, data, error=error)


def backup_path(path: str | Path) -> Path:
    """Where the previous content of ``path`` is kept: ``NAME.bak`` beside it."""
    real = resolve_output(path)
    return real.with_name(real.name + ".bak")


def keep_backup(path: str | Path, *, error: type[AlignerError] = StoreError) -> Path:
    """Copy the existing file at ``path`` to ``NAME.bak`` (atomically); returns the backup."""
    real = resolve_output(path)
    try:
        data = real.read_bytes()
    except OSError as exc:
        raise error(_message(Path(path), exc)) from None
    bak = backup_path(path)
    write_bytes(bak, data, error=error)
    return bak
