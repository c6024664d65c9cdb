"""A proposed revision shown as a word diff against the current target text."""

from __future__ import annotations

from rich.text import Text

from aligner.core.wordiff import word_diff

DIFF_STYLES = {"delete": "strike red", "insert": "underline green"}


def diff_text(old: str, new: str) -> Text:
    """Deleted words struck out in red, inserted ones underlined in green; never markup."""
    out = Text(end="")
    for op in word_diff(old, new):
        if op.tag == "equal":
            out.append(op.old)
        if op.tag in ("delete", "replace") and op.old:
            out.append(op.old, style=DIFF_STYLES["delete"])
        if op.tag in ("insert", "replace") and op.new:
            out.append(op.new, style=DIFF_STYLES["insert"])
    return out
