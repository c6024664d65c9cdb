"""The documents that ship with aligner, found in a source checkout and after install.

Bundled texts live in ``texts/<name>/`` at the repository root; a wheel carries
the same folder as ``aligner/_bundled/texts``. The installed copy is looked for
first, then the checkout's. Each document folder holds its texts and a
``metadata.toml`` whose ``[texts.*]`` tables name the original (``role =
"original"``, the alignment's source) and the translation (the target).

Alignments of bundled documents are kept in the repository's ``alignments/``
folder; an installed aligner without the repository keeps them in the user's
data folder (``$XDG_DATA_HOME/aligner/alignments``, by default
``~/.local/share/aligner/alignments``).
"""

from __future__ import annotations

import os
from pathlib import Path

from aligner.core.model import Document
from aligner.errors import TextLoadError
from aligner.io.metadata import METADATA_FILE, read_folder_metadata, text_entries
from aligner.io.texts import load_document

__all__ = [
    "TELEGRAM",
    "bundled_alignment_path",
    "bundled_document_paths",
    "bundled_glossary_path",
    "bundled_names",
    "load_bundled",
    "texts_root",
    "working_copy_path",
    "working_folder",
]

#: The telegram of 30 October 1962, aligner's own example document.
TELEGRAM = "kuznetsov-zorin-1962-10-30"

_PACKAGE = Path(__file__).resolve().parents[1]
_REPO = _PACKAGE.parent


def _candidate_roots() -> tuple[Path, ...]:
    return (_PACKAGE / "_bundled" / "texts", _REPO / "texts")


def texts_root() -> Path:
    """The folder of bundled texts: the installed copy if there is one, else the checkout's."""
    for root in _candidate_roots():
        if root.is_dir():
            return root
    raise TextLoadError(
        "the bundled texts are missing (no aligner/_bundled/texts, no texts/ folder); "
        "reinstall aligner"
    )


def bundled_names() -> list[str]:
    """Names of the bundled documents (folders that have a metadata.toml)."""
    return sorted(p.name for p in texts_root().iterdir() if (p / METADATA_FILE).is_file())


def _folder(name: str) -> Path:
    folder = texts_root() / name
    if not (folder / METADATA_FILE).is_file():
        known = ", ".join(bundled_names()) or "none"
        raise TextLoadError(f"there is no bundled document {name!r}; bundled: {known}")
    return folder


def bundled_document_paths(name: str = TELEGRAM) -> tuple[Path, Path]:
    """The original (source) and translation (target) files of a bundled document."""
    folder = _folder(name)
    entries = text_entries(read_folder_metadata(folder) or {})
    by_role = {str(e.get("role", "")): folder / str(e.get("file", "")) for e in entries.values()}
    if "original" not in by_role or "translation" not in by_role:
        raise TextLoadError(
            f"{folder / METADATA_FILE} must name one text with role = \"original\" and one "
            "with role = \"translation\""
        )
    return by_role["original"], by_role["translation"]


def load_bundled(name: str = TELEGRAM) -> tuple[Document, Document]:
    """The bundled document's original and translation, loaded with their metadata."""
    source, target = bundled_document_paths(name)
    return load_document(source), load_document(target)


def bundled_glossary_path(name: str = TELEGRAM) -> Path:
    """Where the bundled document's glossary is (``texts/glossaries/<name>.toml``)."""
    return texts_root() / "glossaries" / f"{name}.toml"


def user_data_dir() -> Path:
    """aligner's folder in the user's data directory (XDG base directory rules)."""
    base = os.environ.get("XDG_DATA_HOME", "").strip()
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "aligner"


def _is_checkout() -> bool:
    """True when aligner runs from its repository (git keeps no empty alignments/ folder)."""
    return (_REPO / "pyproject.toml").is_file() and (_REPO / "texts").is_dir()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def working_folder() -> Path:
    """Where the workspace writes the user's files (working copies, exports).

    The folder aligner was started in, unless that is inside aligner's own
    repository or installed package (whose files are not the user's to change):
    then ``<user data folder>/work``.
    """
    cwd = Path.cwd()
    if _inside(cwd, _PACKAGE) or (_is_checkout() and _inside(cwd, _REPO)):
        return user_data_dir() / "work"
    return cwd


def working_copy_path(name: str = TELEGRAM) -> Path:
    """Where saving the bundled document's alignment writes: a copy in the working folder,
    never the tracked ``alignments/`` file or the installed package's."""
    return working_folder() / f"{name}.json"


def bundled_alignment_path(name: str = TELEGRAM) -> Path:
    """Where the bundled document's alignment is kept; create its folder before writing."""
    repo_alignments = _REPO / "alignments"
    if repo_alignments.is_dir() or _is_checkout():
        return repo_alignments / f"{name}.json"
    return user_data_dir() / "alignments" / f"{name}.json"
