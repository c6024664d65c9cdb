"""Glossary work of the review app: finding terms, re-running checks, the concordance.

A mixin for :class:`~aligner.tui.app.AlignerApp`. Term hits depend only on
the texts, which edits never change, so they are found once in a thread; the
checks depend on the links and are re-run (in a thread) after every edit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work

from aligner.core.model import Alignment
from aligner.core.review import ViewFilter, links_by_term
from aligner.errors import AlignerError
from aligner.tui.dialogs import ErrorDialog
from aligner.tui.panels import TermsPanel, concordance_view
from aligner.tui.render import literal, term_colour

if TYPE_CHECKING:
    from aligner.tui.app import AlignerApp

    _Base = AlignerApp
else:
    _Base = object


class TermsMixin(_Base):
    """Term hits, checks and concordance, computed off the UI thread."""

    #: What the concordance cuts its context from: "sentence" (the sentence holding
    #: the occurrence, when the text is split into sentences) or "paragraph".
    concordance_context: str = "sentence"

    def action_toggle_concordance_context(self) -> None:
        """Show the concordance in sentences or in whole paragraphs (one key away)."""
        self.concordance_context = (
            "paragraph" if self.concordance_context == "sentence" else "sentence"
        )
        term = self.view_filter.term if self.view_filter is not None else None
        if term and self.session is not None:
            self.find_concordance(self.session.alignment, term)
        self.notify(f"The concordance shows each occurrence in its {self.concordance_context}.")

    @work(thread=True, exclusive=True, exit_on_error=False, group="terms")
    def find_terms(self, alignment: Alignment) -> None:
        """Find glossary terms in both texts once (segments never change), then check links."""
        from aligner.core.terms import apply_checks, hits_by_segment

        try:
            hits = hits_by_segment(alignment, self.glossary)
            checked = apply_checks(alignment, self.glossary)
        except AlignerError as exc:
            self.call_from_thread(self.push_screen, ErrorDialog(str(exc), "Glossary"))
            return
        self.call_from_thread(self._terms_found, hits, checked, alignment)

    def _terms_found(self, hits: dict, checked: Alignment, basis: Alignment) -> None:
        self.hits = {k: list(v) for k, v in hits.items()}
        if self.session is not None:
            self.session.replace_checked(checked, basis)
        self.after_checks()

    @work(thread=True, exclusive=True, exit_on_error=False, group="checks")
    def run_checks(self, alignment: Alignment) -> None:
        """Re-run the term checks after an edit, off the UI thread."""
        from aligner.core.terms import apply_checks

        try:
            checked = apply_checks(alignment, self.glossary)
        except AlignerError:
            return  # the glossary was reported when it was loaded
        self.call_from_thread(self._checked, checked, alignment)

    def _checked(self, checked: Alignment, basis: Alignment) -> None:
        if self.session is not None and self.session.replace_checked(checked, basis):
            self.after_checks()

    @work(thread=True, exclusive=True, exit_on_error=False, group="revision")
    def report_term_effect(self, link_id: int) -> None:
        """Say which term findings a new revision fixes or introduces."""
        from aligner.core.revisions import revision_term_effect

        assert self.session is not None
        try:
            effect = revision_term_effect(self.session.alignment, self.glossary, link_id)
        except (AlignerError, KeyError):
            return
        parts = [f"{verb} {len(flags)}" for verb, flags in (
            ("fixes", effect.fixed), ("introduces", effect.introduced)) if flags]
        if parts:
            self.call_from_thread(self.notify, "The revision " + " and ".join(parts)
                                  + " term finding(s); see the detail pane.")

    def after_checks(self) -> None:
        """Flags changed: redraw rows, the detail pane and the terms panel."""
        assert self.session is not None
        al = self.session.alignment
        self.term_links = links_by_term(al, ((h.term, s, i) for (s, i), hs in self.hits.items()
                                            for h in hs))
        flags: dict[str, int] = {}
        for lk in al.links:
            for f in lk.flags:
                flags[f.term] = flags.get(f.term, 0) + 1
        counts = {t: len(ids) for t, ids in self.term_links.items()}
        self.query_one(TermsPanel).fill(self.glossary, counts, flags)
        self.refresh_view(None)

    def choose_term(self, term: str) -> None:
        """Filter the links to those holding a term and show its concordance."""
        self.view_filter = ViewFilter(term=term)
        self.refresh_view()
        self.query_one(TermsPanel).show_concordance(literal(f"Finding {term} in context…"))
        if self.session is not None:
            self.find_concordance(self.session.alignment, term)
        count = len(self.term_links.get(term, ()))
        self.notify(f"{count} links hold {term}; F shows all links again.")

    @work(thread=True, exclusive=True, exit_on_error=False, group="concordance")
    def find_concordance(self, alignment: Alignment, term: str) -> None:
        """The term's concordance (both languages, in context), off the UI thread."""
        from aligner.core.terms.concordance import concordance

        try:
            lines = concordance(alignment, self.glossary, term, context=self.concordance_context)
        except AlignerError as exc:
            self.call_from_thread(self.notify, str(exc), severity="warning")
            return
        view = concordance_view(term, lines, term_colour(term, self.term_order))
        self.call_from_thread(self.query_one(TermsPanel).show_concordance, view)
