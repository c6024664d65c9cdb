"""``aligner corpus open``: the documents of a corpus in a table, each opened for review.

The list is a :class:`DataTable` keyed by document id (a corpus can hold
thousands of documents). Enter opens the chosen document in the ordinary review
workspace; quitting the workspace comes back here, with the list re-read (the
review state has changed) and the cursor on the same document. The two are
separate apps run one after the other, so the workspace is exactly the one
``aligner open`` shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Static

from aligner.corpus.manifest import Corpus, CorpusDocument
from aligner.corpus.queries import DocumentStatus, document_statuses
from aligner.errors import AlignerError, GlossaryError
from aligner.tui.styles import CAUTION, GOOD, WARN

__all__ = ["CorpusApp", "review_app_for", "run_corpus_ui"]

#: Column keys and headings of the document list.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("document", "Document"), ("date", "Date"), ("state", "State"), ("links", "Links"),
    ("review", "To review"), ("confirmed", "Confirmed"), ("rejected", "Rejected"),
    ("provenance", "Provenance (source/target)"), ("translator", "Translator"),
)
STATE_STYLES = {"aligned": GOOD, "failed": WARN, "unreadable": WARN, "changed": CAUTION,
                "reviewed, texts changed": CAUTION, "not aligned": "dim"}


def _provenance(row: DocumentStatus) -> Text:
    if not row.source_provenance:
        return Text("")
    text = Text(f"{row.source_provenance}/{row.target_provenance}")
    if {row.source_provenance, row.target_provenance} & {"reconstructed", "generated"}:
        text.append("  NOT ARCHIVAL", style=f"bold {CAUTION}")
    return text


def _cells(row: DocumentStatus) -> list[Text]:
    number = (lambda n: Text(f"{n:,}", justify="right")) if row.links else (
        lambda n: Text(""))
    return [Text(row.id), Text(row.metadata.get("date", "")),
            Text(row.state, style=STATE_STYLES.get(row.state, "")), number(row.links),
            number(row.to_review), number(row.confirmed), number(row.rejected),
            _provenance(row), Text(row.metadata.get("translator", ""))]


class CorpusApp(App[str]):
    """The document list; exits with the id of the document to open (None: quit)."""

    TITLE = "aligner corpus"
    BINDINGS = [
        Binding("enter", "open_document", "Open for review", priority=True),
        Binding("f5,ctrl+r", "refresh_list", "Refresh"),
        Binding("q", "quit", "Quit"),
    ]
    CSS = """
    #corpus-header { height: auto; padding: 0 1; }
    #documents { height: 1fr; }
    #corpus-status { height: 1; padding: 0 1; }
    """

    def __init__(self, corpus: Corpus, *, cursor: str | None = None, notice: str = "") -> None:
        super().__init__()
        self.corpus = corpus
        self.cursor = cursor
        self.notice = notice
        self.rows: dict[str, DocumentStatus] = {}
        self.messages: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static(id="corpus-header", markup=False)
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Static(id="corpus-status", markup=False)
        yield Footer(compact=True)

    @property
    def table(self) -> DataTable[Any]:
        return self.query_one("#documents", DataTable)

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.sub_title = self.corpus.name
        for key, heading in COLUMNS:
            self.table.add_column(Text(heading), key=key)
        self.fill()
        self.table.focus()
        if self.notice:
            self.say(self.notice)

    def fill(self) -> None:
        """(Re)read every document's state and show it, keeping the cursor's document."""
        table = self.table
        keep = self.current_id or self.cursor
        table.clear()
        self.rows = {row.id: row for row in document_statuses(self.corpus)}
        for row in self.rows.values():
            table.add_row(*_cells(row), key=row.id)
        if keep in self.rows:
            table.move_cursor(row=table.get_row_index(keep))
        total = sum(r.links for r in self.rows.values())
        review = sum(r.to_review for r in self.rows.values())
        aligned = sum(1 for r in self.rows.values() if r.links)
        not_archival = sum(1 for r in self.rows.values() if "NOT ARCHIVAL" in _provenance(r).plain)
        header = Text(f"corpus {self.corpus.name}: ", style="bold")
        header.append(f"{len(self.rows)} documents, {aligned} aligned, {total:,} links, "
                      f"{review:,} to review")
        if not_archival:
            header.append(f"  · {not_archival} with a reconstructed text", style=CAUTION)
        self.query_one("#corpus-header", Static).update(header)
        self.query_one("#corpus-status", Static).update(
            Text("Enter opens a document for review; quitting the review comes back here.",
                 style="dim"))

    @property
    def current_id(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return str(key.value) if key.value is not None else None

    def action_refresh_list(self) -> None:
        self.fill()

    def action_open_document(self) -> None:
        doc_id = self.current_id
        if doc_id is None:
            return
        row = self.rows[doc_id]
        if not self.corpus.alignment_path(self.corpus.document(doc_id)).is_file():
            why = f" ({row.error})" if row.error else ""
            self.say(f"{doc_id} is not aligned yet{why}; run 'aligner corpus align "
                     f"{self.corpus.root}'")
            return
        if row.state == "unreadable":
            self.say(f"{doc_id}: {row.error}")
            return
        self.exit(doc_id)

    def say(self, message: str) -> None:
        """A notification (never read as markup), kept in :attr:`messages` too."""
        self.messages.append(message)
        self.notify(message, severity="warning", markup=False)


def review_app_for(corpus: Corpus, doc: CorpusDocument) -> Any:
    """The review workspace on one document of the corpus, with its glossary when it has one.

    A document whose texts changed since it was aligned opens with the stored
    segments (what the alignment was made from), as ``aligner open --ignore-changes``.
    """
    from aligner.io.glossary_files import glossary_for_alignment, load_glossary
    from aligner.io.store import load_alignment
    from aligner.tui.app import build_app

    path = corpus.alignment_path(doc)
    alignment = load_alignment(path, check_texts=False)
    try:
        glossary = (load_glossary(doc.glossary) if doc.glossary is not None
                    else glossary_for_alignment(alignment, path))
    except GlossaryError:
        glossary = None
    return build_app(alignment, alignment_path=path, glossary=glossary)


def run_corpus_ui(
    corpus: Corpus,
    *,
    run: Callable[[Any], Any] = lambda app: app.run(),
) -> int:
    """The list, then the chosen document's review, then the list again, until the user quits.

    ``run`` runs one app and returns its result (the tests script it).
    """
    cursor: str | None = None
    notice = ""
    while True:
        choice = run(CorpusApp(corpus, cursor=cursor, notice=notice))
        if not choice:
            return 0
        cursor, notice = str(choice), ""
        try:
            review = review_app_for(corpus, corpus.document(cursor))
        except AlignerError as exc:  # said in the list; a broken file never ends the session
            notice = f"{cursor} cannot be opened: {exc}"
            continue
        run(review)
