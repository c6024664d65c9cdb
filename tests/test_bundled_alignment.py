"""The stored alignment of the bundled telegram matches its texts and today's aligner."""

from __future__ import annotations

from aligner.core.align import align_documents
from aligner.core.terms import apply_checks
from aligner.io.bundled import bundled_alignment_path, bundled_glossary_path, load_bundled
from aligner.io.glossary import load_glossary
from aligner.io.store import load_alignment


def test_stored_telegram_alignment_is_current() -> None:
    stored = load_alignment(bundled_alignment_path())  # raises if a text changed since
    source, target = load_bundled()
    glossary = load_glossary(bundled_glossary_path())
    fresh = align_documents(source, target, glossary_pairs=glossary.term_pairs())
    assert [(lk.source, lk.target) for lk in stored.links] == [
        (lk.source, lk.target) for lk in fresh.links
    ]
    assert stored.source.texts() == source.texts()
    assert stored.target.texts() == target.texts()
    assert stored.source.provenance == "reconstructed"
    assert stored.target.provenance == "archival"
    # the stored findings are today's: re-checking changes nothing
    rechecked = apply_checks(stored, glossary)
    assert [lk.flags for lk in rechecked.links] == [lk.flags for lk in stored.links]
    assert rechecked.document_flags == stored.document_flags
    assert "flagged" in {f.kind for lk in stored.links for f in lk.flags}
