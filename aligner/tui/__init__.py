"""The review workspace: a Textual terminal UI over an alignment.

Importing this package does not import Textual; :mod:`aligner.tui.app` does.
"""
