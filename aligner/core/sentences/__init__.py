"""The sentence level: paragraphs split into sentences, sentence links inside paragraph links.

:mod:`.segment` finds sentence boundaries in a paragraph's text, :mod:`.split`
gives documents their :class:`~aligner.core.model.Sentence` records, and
:mod:`.align` aligns the sentences of each paragraph link with the paragraph
aligner (so a sentence link never crosses its paragraph link) and re-aligns
only the links an edit touched.
"""

from aligner.core.sentences.align import (
    align_sentences,
    link_sentences,
    realign_sentences,
    sentence_beads,
    stale_link_ids,
)
from aligner.core.sentences.segment import sentence_spans
from aligner.core.sentences.split import split_document, split_segment
from aligner.core.sentences.view import has_sentence_links, sentence_view

__all__ = [
    "align_sentences",
    "has_sentence_links",
    "link_sentences",
    "realign_sentences",
    "sentence_beads",
    "sentence_spans",
    "sentence_view",
    "split_document",
    "split_segment",
    "stale_link_ids",
]
