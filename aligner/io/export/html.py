"""The HTML report: one self-contained page to read, share and print.

Document metadata and a provenance banner on top, a legend of glossary terms,
then the aligned pairs side by side with term highlights, flags, notes and
revisions (as word diffs with ``<del>``/``<ins>``). No scripts, no external
files. Every piece of document text goes through :func:`esc` (``html.escape``
with ``quote=True``, after dropping characters HTML cannot carry); markup is
built only by :func:`tag`, which escapes whatever is not already markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from aligner import __version__
from aligner.core.model import Document, Link
from aligner.core.review import needs_review
from aligner.core.wordiff import split_trailing_space, word_diff
from aligner.io.export.html_css import CSS, PALETTE
from aligner.io.export.options import (
    PAGE_BREAK_JOINER,
    ExportContext,
    display_title,
    metadata_items,
    paragraph_runs,
    xml_safe,
)

_VOID = frozenset({"br", "col", "hr", "meta"})


class Markup(str):
    """A string that is already HTML and must not be escaped again."""


def esc(text: str) -> Markup:
    """Document text made safe to place in HTML content or an attribute."""
    return Markup(html.escape(xml_safe(text), quote=True))


def tag(name: str, *children: str, **attrs: Any) -> Markup:
    """``<name attrs>children</name>``; plain-string children and attribute values are escaped.

    Attribute names drop a trailing ``_`` (``class_``) and turn ``_`` into ``-``.
    An attribute whose value is None is left out.
    """
    attr_text = "".join(
        f' {k.rstrip("_").replace("_", "-")}="{esc(str(v))}"'
        for k, v in attrs.items()
        if v is not None
    )
    if name in _VOID:
        return Markup(f"<{name}{attr_text}>")
    inner = "".join(c if isinstance(c, Markup) else esc(c) for c in children)
    return Markup(f"<{name}{attr_text}>{inner}</{name}>")


def join(parts: Sequence[str], sep: str = "") -> Markup:
    """Parts joined into markup; plain strings among them are escaped."""
    return Markup(sep.join(p if isinstance(p, Markup) else esc(p) for p in parts))


def _term_classes(ctx: ExportContext) -> dict[str, str]:
    """CSS class per glossary term found in the exported links, in glossary order."""
    if ctx.glossary is None:
        return {}
    found = {h.term for hits in ctx.hits.values() for h in hits}
    ids = [i for i in ctx.glossary.ids() if i in found]
    return {term: f"t{n}" for n, term in enumerate(ids)}


def highlight(text: str, hits: Sequence[Any], classes: dict[str, str]) -> Markup:
    """The text with each term hit wrapped in ``<mark>``; overlapping hits keep the first."""
    parts: list[str] = []
    pos = 0
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.start < pos or hit.term not in classes:
            continue
        parts.append(text[pos : hit.start])
        cls = classes[hit.term]
        parts.append(tag("mark", text[hit.start : hit.end], class_=cls, title=hit.term))
        pos = hit.end
    parts.append(text[pos:])
    return join(parts)


def diff_markup(old: str, new: str) -> Markup:
    """The revision as a word diff of the original target: ``<del>`` then ``<ins>``.

    The space after a changed run stays outside the mark, so marks hug words.
    """
    parts: list[str] = []
    for op in word_diff(old, new):
        if op.tag == "equal":
            parts.append(op.new)
            continue
        deleted, _ = split_trailing_space(op.old)
        inserted, space = split_trailing_space(op.new)
        if op.tag == "delete":
            space = op.old[len(deleted) :]
        if deleted:
            parts.append(tag("del", deleted))
        if deleted and inserted:
            # a replacement reads as two words also when the marks do not show (print,
            # copied text, screen readers): "far <del>as</del> <ins>for</ins> security"
            parts.append(" ")
        if inserted:
            parts.append(tag("ins", inserted))
        parts.append(space)
    return join(parts)


def _doc_card(doc: Document, role: str) -> Markup:
    rows: list[str] = []
    items = [("language", doc.language), ("provenance", doc.provenance)]
    items += metadata_items(doc)
    if doc.path:
        items.append(("file", doc.path.replace("\\", "/").rsplit("/", 1)[-1]))
    items.append(("paragraph count", str(len(doc.segments))))
    for key, value in items:
        rows += [tag("dt", key), tag("dd", value)]
    # One line per document before the pairs; the full record folds out (and stays
    # folded in print), so the first pair is on the first printed page.
    heading = tag("summary", tag("strong", f"{role}: {display_title(doc)}"),
                  f" — {doc.language}, {doc.provenance}, {len(doc.segments)} paragraphs")
    return tag("details", heading, tag("dl", join(rows)), class_="doc")


def _legend(ctx: ExportContext, classes: dict[str, str]) -> Markup:
    if not classes:
        return Markup("")
    items = []
    for term, cls in classes.items():
        entry = ctx.glossary.get(term)
        label = f"{entry.source} → {entry.target}" if entry is not None else term
        items.append(tag("li", tag("mark", term, class_=cls), " ", label))
    return join([tag("h2", "Glossary terms"), tag("ul", join(items), class_="legend")])


def _side_cell(ctx: ExportContext, side: str, link: Link, classes: dict[str, str]) -> Markup:
    doc = ctx.alignment.source if side == "source" else ctx.alignment.target
    indices = link.source if side == "source" else link.target
    if not indices:
        return tag("td", "(no counterpart)", class_="text empty")
    # the halves of a paragraph split by a page break are one paragraph, as in every format
    paras = [
        tag("p", join([highlight(doc.segments[i].text, ctx.hits.get((side, i), ()), classes)
                       for i in run], PAGE_BREAK_JOINER))
        for run in paragraph_runs(doc, indices)
    ]
    if side == "target" and link.revision is not None:
        paras.append(_revision(ctx.target_text(link, "\n\n"), link))
    lang = ctx.source_lang if side == "source" else ctx.target_lang
    return tag("td", join(paras), class_="text", lang=lang)


def _revision(original: str, link: Link) -> Markup:
    rev = link.revision
    assert rev is not None
    who = ", ".join(x for x in (rev.author, rev.time) if x)
    label = "Revision" + (f" ({who})" if who else "") + (f": {rev.note}" if rev.note else "")
    return tag("div", tag("span", label, class_="label"), diff_markup(original, rev.text),
               class_="revision")


def _info_cell(link: Link) -> Markup:
    parts: list[str] = [f"{link.status} · confidence {link.confidence:.2f}"]
    if needs_review(link):
        parts.append(tag("span", "needs review", class_="flag"))
    parts += [tag("span", f"{f.kind}: {f.term}" + (f" — {f.message}" if f.message else ""),
                  class_="flag") for f in link.flags]
    if link.note:
        parts.append(tag("span", link.note, class_="note"))
    return tag("td", join(parts), class_="info")


def _row(ctx: ExportContext, link: Link, classes: dict[str, str]) -> Markup:
    css = f"status-{link.status}" + (" review" if needs_review(link) else "")
    return tag(
        "tr",
        tag("td", f"{ctx.numbers[link.id]}", tag("br"), link.bead, class_="id"),
        _side_cell(ctx, "source", link, classes),
        _side_cell(ctx, "target", link, classes),
        _info_cell(link),
        id=f"link-{link.id}",
        class_=css,
    )


def _pairs_table(ctx: ExportContext, classes: dict[str, str]) -> Markup:
    al = ctx.alignment
    cols = join([tag("col", class_="id"), tag("col"), tag("col"), tag("col", class_="info")])
    head = tag("tr", tag("th", "#"), tag("th", f"Source ({al.source.language})"),
               tag("th", f"Target ({al.target.language})"), tag("th", "Review"))
    body = join(["", *(_row(ctx, lk, classes) for lk in ctx.links), ""], "\n")
    return tag("table", tag("colgroup", cols), tag("thead", head), tag("tbody", body),
               class_="pairs")


def _style(classes: dict[str, str]) -> Markup:
    rules = "".join(
        f"mark.{cls} {{ background: {term_colour(n)}; }}\n"
        for n, cls in enumerate(classes.values())
    )
    # The style sheet is our own text, never document text: it is markup as is.
    return Markup(f"<style>{CSS}{rules}</style>")


def _summary(ctx: ExportContext) -> Markup:
    filters = ctx.options.describe_filters()
    text = f"{len(ctx.links)} of {len(ctx.alignment.links)} links shown"
    return tag("p", text + (f" ({'; '.join(filters)})" if filters else "") + ".", class_="summary")


def _document_flags(ctx: ExportContext) -> Markup:
    flags = ctx.alignment.document_flags
    if not flags:
        return Markup("")
    items = [tag("li", f"{f.kind}: {f.term}" + (f" — {f.message}" if f.message else ""))
             for f in flags]
    return join([tag("h2", "Findings on the whole text"), tag("ul", join(items))])


def term_colour(n: int) -> str:
    """The highlight of the nth term: the palette's, then light hues a golden angle apart,
    so no two terms of a long glossary share a colour (the palette alone repeats)."""
    if n < len(PALETTE):
        return PALETTE[n]
    k = n - len(PALETTE)
    hue = (k * GOLDEN_ANGLE) % 360
    lightness = (80, 86, 74)[k % 3]
    return f"hsl({hue:.1f}, 75%, {lightness}%)"


#: Degrees between successive hues: the golden angle spreads any number of them evenly.
GOLDEN_ANGLE = 137.508


def _meta(name: str, content: str) -> Markup:
    # tag() takes the element name as its first argument, so "name" cannot be a keyword.
    return Markup(f'<meta name="{esc(name)}" content="{esc(content)}">')


def render(ctx: ExportContext) -> str:
    """The whole report as an HTML5 document."""
    al = ctx.alignment
    classes = _term_classes(ctx)
    title = f"{display_title(al.source)} / {display_title(al.target)}"
    banners = [tag("div", note, class_="banner", role="note") for note in ctx.provenance_notes()]
    body = join([
        "",
        tag("h1", title),
        *banners,
        tag("div", _doc_card(al.source, "Source"), _doc_card(al.target, "Target"), class_="docs"),
        _summary(ctx),
        _legend(ctx, classes),
        _document_flags(ctx),
        _pairs_table(ctx, classes),
        tag("footer", f"Exported by aligner {__version__} on {ctx.created.isoformat()}."),
        "",
    ], "\n")
    head = join([tag("meta", charset="utf-8"),
                 _meta("generator", f"aligner {__version__}"),
                 _meta("dcterms.created", ctx.created.isoformat()),
                 tag("title", title), _style(classes)])
    return "<!DOCTYPE html>\n" + tag("html", tag("head", head), tag("body", body), lang="en") + "\n"
