"""Errors that aligner reports to its users.

Every message says what is wrong and what to do about it; the CLI prints it as
one line (``aligner: error: ...``, exit code 2) and the UI shows it in a dialog.

Hierarchy::

    AlignerError
    ├── TextLoadError        a document cannot be read or decoded
    ├── StoreError           an alignment JSON cannot be read or written
    │   ├── SourceChangedError   the texts changed since the alignment was made
    │   └── SaveConflictError    the file changed since it was loaded (another session saved)
    ├── GlossaryError        a glossary file is malformed or does not fit
    ├── ExportError          an export or import cannot be done
    ├── EditError            a review edit does not apply to the chosen link
    ├── CorpusError          a corpus manifest, its pairs or a corpus run does not fit
    └── UsageError           the command line or an argument does not make sense
"""

from __future__ import annotations


class AlignerError(Exception):
    """Base of every error aligner reports to a user."""


class TextLoadError(AlignerError):
    """A document could not be read, decoded or segmented."""


class StoreError(AlignerError):
    """An alignment file could not be read, validated or written."""


class SourceChangedError(StoreError):
    """A text on disk no longer matches the one the alignment was made from."""


class SaveConflictError(StoreError):
    """The alignment file changed since it was loaded: saving would discard that work.

    ``choices`` lists what the user can do instead ("reload", "save as",
    "overwrite"); the UI offers them, the command line names them.
    """

    def __init__(self, message: str, *, path: object = None,
                 choices: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.path = path
        self.choices = choices


class GlossaryError(AlignerError):
    """A glossary file is malformed, duplicated or in the wrong direction."""


class ExportError(AlignerError):
    """An export or import could not be done; nothing was written."""


class EditError(AlignerError):
    """A review edit cannot be applied to this link (the message says why)."""


class CorpusError(AlignerError):
    """A corpus manifest is malformed, or a corpus run cannot start (the message says why)."""


class UsageError(AlignerError):
    """A command-line argument or option does not make sense."""
