"""Re-checking after an edit: the findings are those a check from scratch gives.

The review UI re-checks the terms after every edit and builds only the links
the edit made; every other link keeps what the last check found. These tests
hold the re-check to a check that remembers nothing, edit after edit.
"""

from __future__ import annotations

import pytest

from aligner.core import edits
from aligner.core.model import Alignment
from aligner.core.terms import apply_checks
from aligner.core.terms import checks as checks_module
from aligner.io.bundled import bundled_glossary_path
from aligner.io.glossary import load_glossary
from tests.test_terms_telegram import telegram_alignment


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(bundled_glossary_path())


def _findings(alignment: Alignment) -> tuple:
    return ([(lk.source, lk.target, lk.flags) for lk in alignment.links],
            alignment.document_flags)


def _from_scratch(alignment: Alignment, glossary) -> Alignment:
    checks_module._LAST_CHECK.clear()
    return apply_checks(alignment, glossary)


def test_every_re_check_in_a_run_of_edits_finds_what_a_fresh_check_finds(glossary):
    checked = apply_checks(telegram_alignment(), glossary)
    # merge the two links around "offensive weaponry" (point 5), detach a translation,
    # split a merged link again, then undo back to the start
    steps = [
        lambda a: edits.merge_with_next(a, a.links[4].id),
        lambda a: edits.detach(a, a.links[9].id, "target"),
        lambda a: edits.merge_with_next(a, a.links[0].id),
        lambda a: edits.split_link(a, a.links[0].id),
    ]
    start = checked
    for step in steps:
        edited = step(checked)
        checked = apply_checks(edited, glossary)
        assert _findings(checked) == _findings(_from_scratch(edited, glossary))
        checked = apply_checks(edited, glossary)  # the cache is the fresh check's again
    back = apply_checks(start.with_links(start.links), glossary)
    assert _findings(back) == _findings(start)


def test_a_re_check_builds_the_findings_of_the_links_the_edit_made_only(glossary,
                                                                        monkeypatch):
    checked = apply_checks(telegram_alignment(), glossary)
    edited = edits.merge_with_next(checked, checked.links[4].id)
    built = []
    real = checks_module._term_flags

    def counted(link, *args):  # type: ignore[no-untyped-def]
        built.append((link.source, link.target))
        return real(link, *args)

    monkeypatch.setattr(checks_module, "_term_flags", counted)
    rechecked = apply_checks(edited, glossary)
    assert built == [((4, 5), (4, 5))]
    assert _findings(rechecked) == _findings(_from_scratch(edited, glossary))
