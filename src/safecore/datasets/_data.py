"""Reading the embedded data files under ``safecore/datasets/data``."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any

__all__ = ["load_toml"]


@functools.cache
def load_toml(name: str) -> dict[str, Any]:
    """Parse ``safecore/datasets/data/<name>`` once; callers must not modify the result."""
    with resources.files("safecore.datasets.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)
