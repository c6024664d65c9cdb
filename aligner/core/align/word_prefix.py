"""How many letters of a word key make two words cognates, fitted per kind of pair.

Word keys (:mod:`.translit`) meet by prefix, so that inflection does not hide a
cognate (*Natur* / *nature*, *революция* / *revolution*). Between two texts in
one script the words are compared as written, and a short prefix is already
telling; across scripts a transliteration's spelling noise makes short prefixes
meet by chance. ``bench/fit_word_prefix.py`` fits one length for each case on
the development set of that case and writes :data:`PREFIX_FILE`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: The fitted file, shipped in the package.
PREFIX_FILE = "word_prefix.json"


@dataclass(frozen=True)
class WordPrefixes:
    same_script: int
    """Letters of a word key that count when both documents share a script."""
    cross_script: int
    """Letters that count when one document is transliterated to meet the other."""


@lru_cache(maxsize=1)
def fitted_prefixes() -> WordPrefixes:
    """The prefix lengths in :data:`PREFIX_FILE`."""
    data = json.loads(resources.files(__package__).joinpath(PREFIX_FILE).read_text("utf-8"))
    return WordPrefixes(**data["prefixes"])
