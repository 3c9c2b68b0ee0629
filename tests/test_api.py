"""Tests of the public API surface."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import safecore

MODULES = [
    "safecore",
    "safecore.categories",
    "safecore.tallies",
    "safecore.stats.contingency",
    "safecore.datasets",
    "safecore.cost",
    "safecore.cost.proxies",
    "safecore.cost.cohorts",
    "safecore.cost.model",
    "safecore.cost.uncertainty",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_is_sorted_and_importable(name: str):
    """Every name in __all__ exists, and __all__ is sorted (isort style, as ruff's RUF022)."""
    mod = importlib.import_module(name)

    def key(n: str) -> tuple[int, str]:
        return (0 if n.isupper() else 1 if n[0].isupper() else 2, n)

    assert list(mod.__all__) == sorted(mod.__all__, key=key)
    for attr in mod.__all__:
        assert hasattr(mod, attr), f"{name}.{attr}"


def test_version_from_metadata():
    """__version__ comes from the installed package metadata."""
    from importlib.metadata import version

    assert safecore.__version__ == version("safecore")


def test_errors_subclass_builtins():
    """Every error is both a SafecoreError and a ValueError."""
    from safecore import cost

    for cls in (
        safecore.UnknownLabelError,
        safecore.InvalidTableError,
        safecore.RecordError,
        safecore.TableTooLargeError,
        cost.ProxyTableError,
        cost.CohortError,
        cost.ModelError,
    ):
        assert issubclass(cls, safecore.SafecoreError)
        assert issubclass(cls, ValueError)
    assert issubclass(safecore.SmallExpectedWarning, safecore.SafecoreWarning)
    assert issubclass(cost.MissingOutcomeError, KeyError)
    assert issubclass(cost.MissingOutcomeError, safecore.SafecoreError)


def test_import_is_light():
    """Importing the package does not import scipy.stats, pandas or matplotlib."""
    code = (
        "import sys, safecore, safecore.cost, safecore.scales, safecore.audit, safecore.plots; "
        "print(sorted(m for m in ('scipy.stats', 'pandas', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
