"""The screen as plain text lines: for tests that check what a reader actually sees."""

from __future__ import annotations

from textual.app import App


def screen_lines(app: App) -> list[str]:
    """Every line of the current screen, as the terminal would show it (no styles)."""
    strips = app.screen._compositor.render_strips()  # the composed, visible screen
    return [strip.text for strip in strips]


def screen_text(app: App) -> str:
    return "\n".join(screen_lines(app))
