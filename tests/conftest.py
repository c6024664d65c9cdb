"""Shared fixtures: where the repository's and the shared folder's data lie."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED_EN = SHARED / "seed" / "kuznetsov-zorin-1962-10-30.en.txt"
RUEN_BENCH = SHARED / "bench" / "ruen-paragraph"
DEFR_BENCH = SHARED / "bench" / "bleualign-defr"
TELEGRAM_DIR = REPO / "texts" / "kuznetsov-zorin-1962-10-30"


# Under CI a test that needs ../shared must fail when that folder is missing, never skip.
def under_ci() -> bool:
    """True in CI (``CI=true``), where ../shared is always laid beside the repository."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def needs_shared(path: Path) -> pytest.MarkDecorator:
    """Skip a test that reads ../shared when that folder is not beside the repository.

    Under CI the test runs anyway, so a missing folder fails it instead of hiding it.
    """
    missing = not path.exists() and not under_ci()
    return pytest.mark.skipif(missing, reason=f"{path.name} is not available")


@pytest.fixture
def repo() -> Path:
    return REPO


# CI runs the property tests on a fixed sequence of examples, so a run is
# reproducible and a green main stays green; locally they explore afresh.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
