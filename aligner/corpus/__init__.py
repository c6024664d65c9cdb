"""Corpus mode: many document pairs aligned, reviewed and queried together.

:mod:`.manifest` (what the corpus holds), :mod:`.state` (what was done),
:mod:`.worker` (align one pair), :mod:`.executors` (where pairs run: this
process, a process pool, a Dask cluster), :mod:`.run` (one ``corpus align``),
:mod:`.progress`, :mod:`.queries` (report, terms, concordance) and
:mod:`.export` (one file for the whole corpus).
"""
