"""A corpus: a folder of document pairs described by a manifest, or found by their names.

The manifest is ``corpus.toml`` (or ``corpus.csv``) in the corpus folder, one
entry per pair: id, source file, target file(s), languages, an optional
glossary and optional metadata (date, archive, translator, anything else).
Without a manifest, pairs are found by name: ``NAME.ru.txt`` beside
``NAME.en.txt`` (any two language codes), in the folder and its sub-folders.

A manifest entry with several target files (translations of one original)
becomes one document per target, with ids ``ID.1``, ``ID.2``, ...

Paths in a manifest are relative to the manifest's folder (absolute ones are
kept), so a corpus folder can be moved or mounted elsewhere as a whole.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aligner.errors import CorpusError
from aligner.io.texts import LANGUAGE_CODES

__all__ = [
    "MANIFEST_NAMES",
    "Corpus",
    "CorpusDocument",
    "discover_documents",
    "load_corpus",
    "manifest_csv",
    "manifest_toml",
]

#: Manifest file names looked for in a corpus folder, in this order.
MANIFEST_NAMES: tuple[str, ...] = ("corpus.toml", "corpus.csv")
#: Where alignments go, relative to the corpus folder, unless the manifest says otherwise.
DEFAULT_OUTPUT = "alignments"
#: Fields a pair has besides free metadata; every other manifest field is metadata.
PAIR_FIELDS: tuple[str, ...] = (
    "id", "source", "target", "targets", "source_language", "target_language", "glossary",
)
#: Metadata fields a corpus query groups or shows by, listed first in manifests and exports.
KNOWN_METADATA: tuple[str, ...] = ("date", "archive", "translator")
#: A document id is also a file name in the output folder: letters, digits, ``. _ -``.
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: Several target files in one CSV cell are separated by this character.
CSV_TARGET_SEPARATOR = ";"


@dataclass(frozen=True)
class CorpusDocument:
    """One pair to align: a source text and one translation of it."""

    id: str
    source: Path
    target: Path
    source_language: str | None = None
    target_language: str | None = None
    glossary: Path | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    """Date, archive, translator and any other field the manifest gives the pair."""

    @property
    def date(self) -> str:
        return str(self.metadata.get("date", ""))


@dataclass(frozen=True)
class Corpus:
    """The documents of a corpus and where their alignments are kept."""

    root: Path
    """The corpus folder: manifest paths are relative to it."""
    documents: tuple[CorpusDocument, ...]
    manifest: Path | None = None
    """The manifest read, or None when the pairs were found by name."""
    output: Path = Path(DEFAULT_OUTPUT)
    name: str = ""
    params: tuple[tuple[str, str], ...] = ()
    """Aligner parameters for every pair (``[corpus.params]``), as ``aligner align --param``
    takes them: (name, JSON value)."""

    @property
    def output_dir(self) -> Path:
        return self.output if self.output.is_absolute() else self.root / self.output

    def alignment_path(self, doc: CorpusDocument) -> Path:
        return self.output_dir / f"{doc.id}.json"

    def document(self, doc_id: str) -> CorpusDocument:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        known = ", ".join(d.id for d in self.documents[:10])
        more = ", ..." if len(self.documents) > 10 else ""
        raise CorpusError(f"the corpus has no document {doc_id!r}; its documents: {known}{more}")

    @property
    def has_dates(self) -> bool:
        return any(doc.date for doc in self.documents)


# --- finding and reading ---------------------------------------------------------------


def load_corpus(where: str | Path) -> Corpus:
    """The corpus in folder ``where`` (its manifest, else pairs found by name), or the
    manifest file ``where`` names."""
    path = Path(where)
    if path.is_file():
        return _read_manifest(path)
    if not path.is_dir():
        raise CorpusError(f"{path} does not exist; give a corpus folder or its manifest file")
    for name in MANIFEST_NAMES:
        if (path / name).is_file():
            return _read_manifest(path / name)
    docs = discover_documents(path)
    if not docs:
        raise CorpusError(
            f"{path} has no {' or '.join(MANIFEST_NAMES)} and no pairs named NAME.ru.txt + "
            "NAME.en.txt; write a manifest (see 'aligner corpus init --help')"
        )
    return Corpus(root=path, documents=tuple(docs), name=path.resolve().name)


def _language_of(name: str) -> tuple[str, str] | None:
    """``nos.ru.txt`` -> (``nos``, ``ru``); None for a file not named NAME.LANG.txt."""
    if not name.lower().endswith(".txt"):
        return None
    stem, dot, lang = name[:-4].rpartition(".")
    if not dot or not stem or lang.lower() not in LANGUAGE_CODES:
        return None
    return stem, lang.lower()


def _safe_id(text: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "document"
    return cleaned if cleaned[0].isalnum() else f"d{cleaned}"


def discover_documents(
    folder: Path, source_language: str | None = None, target_language: str | None = None
) -> list[CorpusDocument]:
    """Pairs ``NAME.SRC.txt`` + ``NAME.TGT.txt`` under ``folder`` (hidden folders and the
    default output folder skipped), sorted by path.

    Without languages given, a name with exactly two languages is a pair, English
    (when one of the two) being the translation, else the languages in alphabetical
    order; a name with one or three and more languages is left out.
    """
    groups: dict[tuple[Path, str], dict[str, Path]] = {}
    for path in sorted(folder.rglob("*.txt")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts) or rel.parts[0] == DEFAULT_OUTPUT:
            continue
        found = _language_of(path.name)
        if found is not None:
            groups.setdefault((rel.parent, found[0]), {})[found[1]] = rel
    pairs: list[tuple[str, Path, Path, str, str]] = []
    for (_folder, stem), by_lang in sorted(groups.items()):
        langs = _direction(set(by_lang), source_language, target_language)
        if langs is not None:
            src, tgt = langs
            pairs.append((stem, by_lang[src], by_lang[tgt], src, tgt))
    stems = [p[0] for p in pairs]
    docs = []
    for stem, src_path, tgt_path, src, tgt in pairs:
        name = stem if stems.count(stem) == 1 else f"{src_path.parent}/{stem}"
        docs.append(CorpusDocument(id=_safe_id(name), source=folder / src_path,
                                   target=folder / tgt_path, source_language=src,
                                   target_language=tgt))
    return docs


def _direction(langs: set[str], source: str | None, target: str | None) -> tuple[str, str] | None:
    if source and target:
        return (source, target) if {source, target} <= langs else None
    if len(langs) != 2:
        return None
    a, b = sorted(langs)
    if source:
        return (source, b if source == a else a) if source in langs else None
    if target:
        return (b if target == a else a, target) if target in langs else None
    if "en" in langs:
        return (b if a == "en" else a, "en")
    return a, b


def _read_manifest(path: Path) -> Corpus:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CorpusError(f"{path} is not UTF-8; save the manifest as UTF-8") from None
    if path.suffix.lower() == ".csv":
        header, rows = {}, _csv_rows(text, path)
    elif path.suffix.lower() == ".toml":
        header, rows = _toml_rows(text, path)
    else:
        raise CorpusError(f"{path}: a manifest is a .toml or .csv file")
    root = path.parent
    defaults = {k: header[k] for k in ("source_language", "target_language", "glossary")
                if k in header}
    docs: list[CorpusDocument] = []
    for n, row in enumerate(rows, 1):
        docs.extend(_documents_of({**defaults, **row}, root, f"{path}: pair {n}"))
    if not docs:
        raise CorpusError(f"{path} lists no pairs; add one per document (see 'aligner corpus "
                          "init --help')")
    seen: set[str] = set()
    for doc in docs:
        if doc.id in seen:
            raise CorpusError(f"{path}: two pairs have the id {doc.id!r}; give each its own id")
        seen.add(doc.id)
    output = Path(str(header.get("output", DEFAULT_OUTPUT)))
    return Corpus(root=root, documents=tuple(docs), manifest=path, output=output,
                  name=str(header.get("name", "")) or root.resolve().name,
                  params=_params(header.get("params", {}), path))


def _params(raw: Any, path: Path) -> tuple[tuple[str, str], ...]:
    import json

    if not isinstance(raw, dict):
        raise CorpusError(f"{path}: [corpus.params] must be a table of NAME = VALUE")
    return tuple((str(k), json.dumps(v)) for k, v in sorted(raw.items()))


def _toml_rows(text: str, path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CorpusError(f"{path} is not valid TOML ({exc}); fix the manifest") from None
    header = data.get("corpus", {})
    pairs = data.get("pair", [])
    if not isinstance(header, dict) or not isinstance(pairs, list):
        raise CorpusError(f"{path}: expected a [corpus] table and [[pair]] entries")
    rows = []
    for n, pair in enumerate(pairs, 1):
        if not isinstance(pair, dict):
            raise CorpusError(f"{path}: pair {n} is not a table")
        row = {k: v for k, v in pair.items() if k != "metadata"}
        extra = pair.get("metadata", {})
        if not isinstance(extra, dict):
            raise CorpusError(f"{path}: pair {n}: metadata must be a table")
        rows.append({**extra, **row})
    return header, rows


def _csv_rows(text: str, path: Path) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip() for f in reader.fieldnames or []]
    missing = [f for f in ("id", "source", "target") if f not in fields]
    if missing:
        raise CorpusError(f"{path}: the header needs the columns id, source, target "
                          f"(missing: {', '.join(missing)})")
    rows = []
    for raw in reader:
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(row.values()):
            continue
        targets = [t.strip() for t in row.pop("target", "").split(CSV_TARGET_SEPARATOR)]
        row["targets"] = [t for t in targets if t]
        rows.append({k: v for k, v in row.items() if v != ""})
    return rows


def _text_field(row: Mapping[str, Any], key: str, where: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CorpusError(f"{where}: {key} must be a non-empty text")
    return value.strip()


def _documents_of(row: Mapping[str, Any], root: Path, where: str) -> list[CorpusDocument]:
    pair_id = _text_field(row, "id", where)
    if pair_id is None:
        raise CorpusError(f"{where}: missing id; give every pair an id (used as its file name)")
    where = f"{where} ({pair_id})"
    if not _ID.match(pair_id):
        raise CorpusError(f"{where}: the id may hold only letters, digits and . _ -")
    source = _text_field(row, "source", where)
    targets = row.get("targets", row.get("target"))
    if isinstance(targets, str):
        targets = [targets]
    if source is None or not targets or not all(isinstance(t, str) and t for t in targets):
        raise CorpusError(f"{where}: give the source file and the target file(s)")
    glossary = _text_field(row, "glossary", where)
    metadata = {k: _metadata_text(v) for k, v in row.items() if k not in PAIR_FIELDS}
    common = dict(
        source=_resolve(root, source),
        source_language=_text_field(row, "source_language", where),
        target_language=_text_field(row, "target_language", where),
        glossary=_resolve(root, glossary) if glossary else None,
        metadata=metadata,
    )
    if len(targets) == 1:
        return [CorpusDocument(id=pair_id, target=_resolve(root, targets[0]), **common)]
    return [CorpusDocument(id=f"{pair_id}.{k}", target=_resolve(root, t), **common)
            for k, t in enumerate(targets, 1)]


def _metadata_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def _resolve(root: Path, name: str) -> Path:
    path = Path(name).expanduser()
    return path if path.is_absolute() else root / path


# --- writing ---------------------------------------------------------------------------


def _relative(path: Path, base: Path) -> str:
    import os

    try:
        return os.path.relpath(path.resolve(), base.resolve())
    except ValueError:  # another drive on Windows
        return str(path)


def _toml_string(text: str) -> str:
    import tomli_w

    return tomli_w.dumps({"v": text}).split("=", 1)[1].strip()


def manifest_toml(docs: Sequence[CorpusDocument], base: Path, name: str = "") -> str:
    """A manifest listing ``docs`` with paths relative to ``base``, for a user to edit."""
    lines = [
        "# aligner corpus manifest: one [[pair]] per document pair.",
        "# Paths are relative to this file. Optional per pair: glossary, source_language,",
        "# target_language, date, archive, translator, and any other field (kept as",
        "# metadata and carried into reports and exports). A text's provenance comes from",
        "# its own '# provenance:' line or its folder's metadata.toml, as for 'aligner align'.",
        "# Several translations of one original: targets = [\"a.en.txt\", \"b.en.txt\"].",
        "",
        "[corpus]",
        f"name = {_toml_string(name or base.resolve().name)}",
        f"output = {_toml_string(DEFAULT_OUTPUT)}",
        "# glossary = \"glossaries/terms.toml\"   # default glossary of every pair",
    ]
    for doc in docs:
        lines += ["", "[[pair]]", f"id = {_toml_string(doc.id)}",
                  f"source = {_toml_string(_relative(doc.source, base))}",
                  f"target = {_toml_string(_relative(doc.target, base))}"]
        for key in ("source_language", "target_language"):
            value = getattr(doc, key)
            if value:
                lines.append(f"{key} = {_toml_string(value)}")
        if doc.glossary is not None:
            lines.append(f"glossary = {_toml_string(_relative(doc.glossary, base))}")
        for key in KNOWN_METADATA:
            value = doc.metadata.get(key, "")
            lines.append(f"{key} = {_toml_string(value)}" if value else f"# {key} = \"\"")
    return "\n".join(lines) + "\n"


def manifest_csv(docs: Sequence[CorpusDocument], base: Path) -> str:
    """The same manifest as CSV (one row per pair), for editing in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "source", "target", "source_language", "target_language", "glossary",
                     *KNOWN_METADATA])
    for doc in docs:
        writer.writerow([doc.id, _relative(doc.source, base), _relative(doc.target, base),
                         doc.source_language or "", doc.target_language or "",
                         _relative(doc.glossary, base) if doc.glossary else "",
                         *(doc.metadata.get(k, "") for k in KNOWN_METADATA)])
    return out.getvalue()
