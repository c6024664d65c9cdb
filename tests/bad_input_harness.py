"""Running one bad-input case: exit code 2, one error line, no traceback, no hang, nothing changed.

Each case gets a fresh folder with a valid alignment (``a.json``), its two
texts (``s.ru.txt``, ``t.en.txt``), a glossary, a ladder, and whatever the
case damages. After the command, every file in the folder must be exactly as
before (same bytes, same kind: a symlink stays a symlink, a FIFO a FIFO) and no
file may have appeared.
"""

from __future__ import annotations

import os
import signal
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.core.align import align_documents
from aligner.io.store import dumps_alignment
from aligner.io.texts import load_document

#: Seconds a case may take; every real case ends in well under one.
CASE_TIMEOUT = 20

SOURCE_TEXT = (
    "Сообщаем некоторые соображения по кубинскому вопросу.\n\n"
    "По вопросу о составе инспекционного аппарата сейчас выдвигается несколько вариантов.\n\n"
    "По нашему мнению, можно было бы согласиться на присутствие в Гаване групп ООН.\n"
)
TARGET_TEXT = (
    "We are communicating several thoughts on the Cuban issue.\n\n"
    "With regard to the composition of the inspection apparatus, several variants are "
    "being advanced.\n\n"
    "In our opinion, it would be possible to agree to the presence in Havana of UN groups.\n"
)
GLOSSARY_TOML = (
    '[glossary]\nsource_language = "ru"\ntarget_language = "en"\n\n'
    '[[term]]\nid = "un"\nsource = "ООН"\ntarget = "UN"\n'
)


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so no ``except Exception`` can swallow it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(_signum: int, _frame: object) -> None:
        raise Hang(f"the command did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_VALID: dict[str, str] = {}


def valid_alignment_text(folder: Path) -> str:
    """The JSON of an alignment of the two texts (computed once, paths relative)."""
    if "json" not in _VALID:
        source = load_document(folder / "s.ru.txt")
        target = load_document(folder / "t.en.txt")
        _VALID["json"] = dumps_alignment(align_documents(source, target), folder)
    return _VALID["json"]


def make_folder(folder: Path) -> None:
    (folder / "s.ru.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    (folder / "t.en.txt").write_text(TARGET_TEXT, encoding="utf-8")
    (folder / "g.toml").write_text(GLOSSARY_TOML, encoding="utf-8")
    (folder / "gold.ladder").write_text("[0]:[0]\n[1]:[1]\n[2]:[2]\n", encoding="utf-8")
    (folder / "a.json").write_text(valid_alignment_text(folder), encoding="utf-8")


def snapshot(folder: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry under ``folder``: its kind and content (a link's target, a file's bytes)."""
    out: dict[str, tuple[str, bytes]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            p = Path(root) / name
            rel = str(p.relative_to(folder))
            mode = os.lstat(p).st_mode
            if stat.S_ISLNK(mode):
                out[rel] = ("link", os.readlink(p).encode())
            elif stat.S_ISREG(mode):
                out[rel] = ("file", p.read_bytes())
            elif stat.S_ISDIR(mode):
                out[rel] = ("dir", b"")
            else:
                out[rel] = ("special", b"")
    return out


@dataclass(frozen=True)
class Case:
    """A command line run in a prepared folder, expected to fail cleanly."""

    name: str
    argv: list[str]
    """Arguments; ``{d}`` is replaced by the folder."""
    setup: Callable[[Path], None] | None = None
    message: str = ""
    """A fragment the error line must hold."""
    marks: tuple = field(default=())

    def param(self) -> object:
        return pytest.param(self, id=self.name, marks=self.marks)


def run_case(case: Case, folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run the case and check everything; returns the error line."""
    make_folder(folder)
    if case.setup is not None:
        case.setup(folder)
    before = snapshot(folder)
    argv = [a.replace("{d}", str(folder)) for a in case.argv]
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        with time_limit(CASE_TIMEOUT):
            code = main(argv)
    finally:
        os.chdir(cwd)
    err = capsys.readouterr().err
    assert "Traceback" not in err, err
    errors = [line for line in err.splitlines() if line.startswith("aligner: error: ")]
    assert code == 2, err
    assert len(errors) == 1, err
    others = [line for line in err.splitlines()
              if line and not line.startswith(("aligner: error: ", "aligner: warning: ",
                                               "aligner: note: "))]
    assert not others, err
    assert case.message in errors[0], errors[0]
    assert snapshot(folder) == before, "the command changed or left a file"
    return errors[0]
