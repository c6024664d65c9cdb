"""The core and I/O layers never pull in the UI toolkit."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import aligner.core
import aligner.io


def _modules(package: object) -> list[str]:
    return [m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]


def test_core_and_io_do_not_import_textual_or_rich() -> None:
    names = _modules(aligner.core) + _modules(aligner.io)
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in ('textual', 'rich') if m in sys.modules)\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_package_root_offers_the_core_api() -> None:
    import aligner

    missing = [name for name in aligner.__all__ if getattr(aligner, name, None) is None]
    assert missing == []
