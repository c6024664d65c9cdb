"""The fixture alignment of the golden export files: every hard case in one place.

Brackets, quotes, ``& < >``, ``]]>``, a script tag, control characters, a tab,
a newline, U+2028, formula-looking cells, Cyrillic, a 1-0 and a 0-1 link, a
2-1 link, a revision, flags, notes, a bookmark, a reconstructed source.
"""

from __future__ import annotations

from aligner.core.model import Alignment, Evidence, Flag, Link, Revision
from aligner.io.importers.common import document_from_texts

SOURCE_TEXTS = (
    "Сообщаем некоторые соображения [и] «кавычки» & <теги>.",
    '=HYPERLINK("x") формула',
    "<script>alert(1)</script> и ]]> конец",
    "Абзац с\tтабуляцией и\nпереводом строки",
    "Управляющие символы: \x01\x07\x1b конец",
    "Лишний абзац без перевода",
    "Первая часть.",
    "Вторая часть.",
    "+7 и -3, @user",
)

TARGET_TEXTS = (
    'We are communicating several thoughts [and] "quotes" & <tags>.',
    '=HYPERLINK("x") formula',
    "<script>alert(1)</script> and ]]> end",
    "A paragraph with\ta tab and\na newline",
    "Control characters: \x01\x07\x1b end",
    "[One could] make this conditional",
    "First part. Second part.",
    "+7 and -3, @user\u2028next line",
)

REVISION = Revision(
    text="A paragraph with a tab and a new line",
    author="Editor <ed@example.org>",
    time="2026-01-02T03:04:05Z",
    note='smoother & "clearer"',
)


def hard_alignment() -> Alignment:
    """The alignment every golden file is made from."""
    source = document_from_texts(
        SOURCE_TEXTS,
        language="ru",
        provenance="reconstructed",
        metadata={"title": 'Телеграмма "Кузнецов & Зорин" <1962>', "date": "1962-10-30"},
    )
    target = document_from_texts(
        TARGET_TEXTS,
        language="en",
        provenance="archival",
        metadata={
            "title": 'Telegram "Kuznetsov & Zorin" <1962>',
            "date": "1962-10-30",
            "translator": "John Henriksen",
            "citation": "Wilson Center Digital Archive ]]> & <cite>",
        },
    )
    links = (
        Link((0,), (0,), 0.95, "confirmed", note="Check «кавычки» & <b>bold</b>"),
        Link((1,), (1,), 0.8, flags=(Flag("missing", "blockade", "no rendering of [блокада]"),)),
        Link((2,), (2,), 0.7),
        Link((3,), (3,), 0.9, "confirmed", revision=REVISION),
        Link((4,), (4,), 0.3, "rejected"),
        Link((5,), (), 0.5, evidence=Evidence(unmatched=True), needs_review=True),
        Link((), (5,), 0.5, evidence=Evidence(unmatched=True), needs_review=True),
        Link((6, 7), (6,), 0.85, bookmark=True),
        Link((8,), (7,), 0.99, note="-3 is a check"),
    )
    return Alignment(source, target, links, settings={"aligner": "fixture"})
