"""The glossary model: key terms of an original and how they should be rendered.

A :class:`GlossaryEntry` names one concept: its source term and the variants
under which the original uses it, the preferred target rendering, renderings
that are accepted, and renderings a reviewer should look at twice (disputed or
wrong). Entries are validated when built, so a :class:`Glossary` in memory is
always usable by the matcher; files are read in :mod:`aligner.io.glossary`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from aligner.errors import GlossaryError

#: Rendering classes of a target-side form, in order of preference.
RENDERINGS: tuple[str, ...] = ("preferred", "variant", "flagged")

_ID_RE = re.compile(r"^[\w][\w.\-]*$")


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _clean_all(forms: Sequence[str]) -> tuple[str, ...]:
    # Keep the order the author chose; drop exact duplicates and blanks.
    seen: dict[str, None] = {}
    for form in forms:
        cleaned = _clean(form)
        if cleaned:
            seen.setdefault(cleaned, None)
    return tuple(seen)


def slugify(text: str) -> str:
    """An entry id made from a term: lower case, words joined by hyphens."""
    words = re.findall(r"\w+", text.casefold())
    return "-".join(words)[:60] or "term"


@dataclass(frozen=True)
class GlossaryEntry:
    """One key term: a source term, its variants and its target renderings."""

    id: str
    """Stable identifier (``offensive-weaponry``), used on the command line and in flags."""
    source: str
    """The source term in its dictionary form (``наступательное оружие``)."""
    target: str = ""
    """The preferred target rendering (``offensive weaponry``)."""
    source_variants: tuple[str, ...] = ()
    """Other wordings of the same term in the source language."""
    target_variants: tuple[str, ...] = ()
    """Renderings that are accepted, though not preferred."""
    flagged: tuple[str, ...] = ()
    """Renderings to flag: disputed or wrong."""
    note: str = ""
    category: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "id", _clean(self.id))
        object.__setattr__(self, "source", _clean(self.source))
        object.__setattr__(self, "target", _clean(self.target))
        object.__setattr__(self, "note", str(self.note).strip())
        object.__setattr__(self, "category", _clean(self.category))
        for name in ("source_variants", "target_variants", "flagged"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, _clean_all(value))
        if not self.id:
            raise GlossaryError(f"an entry for {self.source!r} has an empty id; give it an id")
        if not _ID_RE.match(self.id):
            raise GlossaryError(
                f"entry id {self.id!r} contains spaces or punctuation; "
                "use letters, digits, '-', '_' or '.'"
            )
        if not self.source:
            raise GlossaryError(f"entry {self.id!r} has an empty source term; fill it in")
        if not self.target and not self.target_variants:
            raise GlossaryError(f"entry {self.id!r} has no target rendering; fill in 'target'")

    @property
    def source_forms(self) -> tuple[str, ...]:
        """The source term followed by its variants."""
        return _clean_all((self.source, *self.source_variants))

    @property
    def target_forms(self) -> tuple[str, ...]:
        """Every accepted rendering, the preferred one first."""
        return _clean_all((self.target, *self.target_variants))

    def target_forms_by_class(self) -> Iterator[tuple[str, str]]:
        """(rendering class, form) for every target-side form, preferred first."""
        if self.target:
            yield "preferred", self.target
        for form in self.target_variants:
            if form != self.target:
                yield "variant", form
        for form in self.flagged:
            yield "flagged", form


@dataclass(frozen=True)
class Glossary:
    """An ordered set of entries with unique ids, for one language direction."""

    entries: tuple[GlossaryEntry, ...] = ()
    source_language: str = ""
    """BCP-47 code of the source terms (``ru``); empty when unknown."""
    target_language: str = ""
    name: str = ""
    path: str = ""
    """Where the glossary was read from, for messages and the alignment settings."""
    description: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id in seen:
                raise GlossaryError(
                    f"glossary {self.path or self.name or ''} has two entries with id "
                    f"{entry.id!r}; ids must be unique".replace("  ", " ")
                )
            seen.add(entry.id)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def ids(self) -> list[str]:
        return [e.id for e in self.entries]

    def get(self, term_id: str) -> GlossaryEntry | None:
        """The entry with this id, or None."""
        for entry in self.entries:
            if entry.id == term_id:
                return entry
        return None

    def entry(self, term_id: str) -> GlossaryEntry:
        """The entry with this id; an unknown id is a GlossaryError naming close ids."""
        found = self.get(term_id)
        if found is not None:
            return found
        by_term = [e for e in self.entries if term_id.casefold() in (
            f.casefold() for f in (*e.source_forms, *e.target_forms))]
        if len(by_term) == 1:
            return by_term[0]
        close = difflib.get_close_matches(term_id, self.ids(), n=5, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else "; list ids with 'aligner terms'"
        raise GlossaryError(f"no term {term_id!r} in the glossary{hint}")

    def term_pairs(self) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """(source forms, accepted target forms) per entry: anchors for the aligner."""
        return [(e.source_forms, e.target_forms) for e in self.entries]

    def with_entry(self, entry: GlossaryEntry, *, replace_existing: bool = False) -> Glossary:
        """A copy with the entry appended (or replacing the one with its id)."""
        entries = list(self.entries)
        for i, old in enumerate(entries):
            if old.id == entry.id:
                if not replace_existing:
                    raise GlossaryError(
                        f"the glossary already has an entry {entry.id!r}; choose another id"
                    )
                entries[i] = entry
                return replace(self, entries=tuple(entries))
        return replace(self, entries=(*entries, entry))

    def reversed(self) -> Glossary:
        """The glossary for the opposite direction (flagged renderings are dropped)."""
        entries = []
        for e in self.entries:
            forms = e.target_forms
            entries.append(GlossaryEntry(
                id=e.id, source=forms[0], source_variants=forms[1:], target=e.source,
                target_variants=e.source_variants, note=e.note, category=e.category,
            ))
        return replace(self, entries=tuple(entries), source_language=self.target_language,
                       target_language=self.source_language)
