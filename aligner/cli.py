"""The ``aligner`` command line: a thin layer that parses arguments and calls the core.

Each sub-command lives in ``aligner/commands/<name>.py`` and exposes
``register(subparsers)``; handlers return an exit code. Every failure a user can
cause ends as one line ``aligner: error: ...`` and exit code 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from aligner.errors import AlignerError

#: Sub-command modules listed first in ``--help``; any other module in
#: ``aligner/commands`` follows in alphabetical order.
COMMAND_ORDER: tuple[str, ...] = (
    "open",
    "align",
    "evaluate",
    "terms",
    "report",
    "export",
    "compare",
)

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        sys.stderr.write(f"aligner: error: {message}; see '{self.prog} --help'\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="aligner",
        description="Align an original with its translations, check key terms, review, export.",
    )
    from aligner import __version__

    parser.add_argument("--version", action="version", version=f"aligner {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in command_modules():
        module = importlib.import_module(f"aligner.commands.{name}")
        module.register(sub)
    return parser


def command_modules() -> list[str]:
    """Names of the sub-command modules, in help order."""
    import aligner.commands

    found = {m.name for m in pkgutil.iter_modules(aligner.commands.__path__)}
    known = [n for n in COMMAND_ORDER if n in found]
    return known + sorted(found - set(known))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``aligner`` console script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        try:
            args = parser.parse_args(args_list or ["open"])
        except SystemExit as exc:  # --help, --version, or a usage error already printed
            return exc.code if isinstance(exc.code, int) else EXIT_USAGE
        if getattr(args, "handler", None) is None:
            parser.print_help()
            return EXIT_USAGE
        return int(args.handler(args) or 0)
    except AlignerError as exc:
        # One line, always: a message quoting a parser (lxml) may hold a line break.
        sys.stderr.write(f"aligner: error: {' '.join(str(exc).splitlines())}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("aligner: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        name = f" {exc.filename}" if exc.filename else ""
        sys.stderr.write(f"aligner: error: cannot use{name}: {exc.strerror or exc}\n")
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
