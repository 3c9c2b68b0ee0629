"""The built wheel and sdist carry what users rely on: data files, specs, py.typed, schema, licence."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

NEEDED = [
    "safecore/py.typed",
    "safecore/report/report.schema.json",
    "safecore/scales/specs/cbi.toml",
    "safecore/scales/specs/ceas.toml",
    "safecore/datasets/data/safecore_2020_case_notes.toml",
    "safecore/datasets/data/safecore_2020_proxies.toml",
]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_wheel_contents(dist: Path):
    """The wheel has every data file, the type marker, the JSON schema and the licence."""
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata = zf.read(next(n for n in names if n.endswith("METADATA"))).decode()
    for needed in NEEDED:
        assert needed in names, needed
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: BSD-3-Clause" in metadata
    assert "Programming Language :: Python :: 3.13" in metadata


def test_sdist_contents(dist: Path):
    """The sdist has the sources, the licence, the tests and the data files."""
    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    assert "LICENSE" in names and "pyproject.toml" in names
    for needed in NEEDED:
        assert f"src/{needed}" in names, needed
