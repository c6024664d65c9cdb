"""One sanitiser for every way text enters aligner, and the check of language codes.

Text arrives from files (alignments, journals, imports), from the command line
(``revise --text``, ``--note``) and from the UI's inputs. Before it reaches the
model it goes through :func:`clean_text`:

- terminal escape sequences (CSI ``ESC [ ...``, OSC ``ESC ] ... BEL``, and the
  other ``ESC`` forms) are removed whole, so none can retitle a window, blank
  a table or write to the clipboard when the text is printed;
- every other C0 control (except tab, line feed and carriage return), DEL and
  the C1 controls U+0080-U+009F become U+FFFD, visible where they were;
- lone surrogates (``\\ud800`` in JSON), which no file can be saved with,
  become U+FFFD.

Each change is counted, so the caller can warn the user where text was changed.
Language codes are checked against the BCP 47 syntax before they are used in a
file name or written into markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aligner.errors import AlignerError, UsageError

REPLACEMENT = "\ufffd"

# ECMA-48: CSI = ESC [ parameters (0x30-0x3F) intermediates (0x20-0x2F) final (0x40-0x7E);
# OSC, DCS, SOS, PM, APC = ESC ] P X ^ _ ... terminated by BEL or ST (ESC \);
# other escapes: ESC, intermediates, one final byte. The 8-bit forms use U+009B/U+009D...
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?
  | (?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?
  | \x1b[\x20-\x2f]*[\x30-\x7e]?
    """,
    re.VERBOSE,
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SUSPECT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class Cleaned:
    """Text after sanitising, and what was changed in it."""

    text: str
    escapes: int = 0
    controls: int = 0
    surrogates: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.escapes or self.controls or self.surrogates)

    def describe(self) -> str:
        """What was changed, as a phrase ("2 terminal escape sequences removed")."""
        parts = []
        if self.escapes:
            parts.append(f"{self.escapes} terminal escape sequence(s) removed")
        if self.controls:
            parts.append(f"{self.controls} control character(s) replaced by U+FFFD")
        if self.surrogates:
            parts.append(f"{self.surrogates} lone surrogate(s) replaced by U+FFFD")
        return ", ".join(parts)


def clean_text(text: str) -> Cleaned:
    """The text with escape sequences removed, controls and lone surrogates replaced."""
    if _SUSPECT.search(text) is None:  # the common case costs one scan
        return Cleaned(text)
    text, escapes = _ESCAPES.subn("", text)
    text, controls = _CONTROLS.subn(REPLACEMENT, text)
    text, surrogates = _SURROGATES.subn(REPLACEMENT, text)
    return Cleaned(text, escapes, controls, surrogates)


def clean(text: str, where: str, warnings: list[str] | None) -> str:
    """:func:`clean_text`, with a warning naming ``where`` appended when anything changed."""
    result = clean_text(text)
    if result.changed and warnings is not None:
        warnings.append(f"{where}: {result.describe()}")
    return result.text


def clean_or_refuse(text: str, what: str, error: type[AlignerError] = UsageError) -> str:
    """For typed input (``--text``, ``--note``): sanitised, with escapes refused outright.

    Someone typing a command does not mean to send terminal escapes; text with
    one is refused rather than silently changed.
    """
    result = clean_text(text)
    if result.escapes or result.controls:
        raise error(
            f"{what} holds control characters or terminal escape sequences "
            f"({result.describe()}); remove them"
        )
    return result.text


# RFC 5646 section 2.1 (well-formed tags), plus the private-use and "und" forms.
_BCP47 = re.compile(
    r"""^(?:
      [a-z]{2,3}(?:-[a-z]{3}){0,3}        # language, extlang
      | [a-z]{4,8}                        # reserved / registered language
    )
    (?:-[a-z]{4})?                        # script
    (?:-(?:[a-z]{2}|\d{3}))?              # region
    (?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*   # variants
    (?:-[\da-wy-z](?:-[a-z\d]{2,8})+)*    # extensions
    (?:-x(?:-[a-z\d]{1,8})+)?$            # private use
    |^x(?:-[a-z\d]{1,8})+$
    """,
    re.VERBOSE | re.IGNORECASE,
)
#: Longest tag accepted (RFC 5646 section 4.4.1 asks for at least 35 characters;
#: anything longer is not a language a reader would choose).
MAX_LANGUAGE_TAG = 35


def is_language_tag(code: str) -> bool:
    """True for a well-formed BCP 47 tag (``ru``, ``en-GB``, ``sr-Latn``, ``und``)."""
    return len(code) <= MAX_LANGUAGE_TAG and _BCP47.match(code) is not None


def check_language(code: str, where: str, error: type[AlignerError] = UsageError) -> str:
    """``code`` when it is a well-formed BCP 47 tag, else one line saying so."""
    if not isinstance(code, str) or not is_language_tag(code):
        shown = repr(clean_text(str(code)).text[:40])
        raise error(
            f"{where}: {shown} is not a language code; use a BCP 47 tag such as ru, en or de-CH"
        )
    return code
