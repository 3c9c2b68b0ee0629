"""Draw the documentation's pictures when the site is built (an mkdocs hook).

Every picture is drawn by a function of ``safecore.plots``, from the embedded
SafeCORE 2020 data or from the tutorial's example files in ``docs/examples/``,
and added to the site as ``img/plots/<name>.svg``; pages show them as ordinary
Markdown images, which ``mkdocs build --strict`` checks like any other link.
Nothing is fetched from the network and the SVG is byte-for-byte the same on
every build (fixed seeds, no timestamp, a fixed id salt).

Drawing needs matplotlib (the ``plot`` extra, included in ``docs`` and
``dev``); without it the build stops with a message saying so. safecore and
matplotlib are imported inside the functions: ``on_config`` first puts this
checkout's ``src`` on the path, so the pictures show the code being documented.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

#: Where the pictures go in the built site (pages link to ``img/plots/<name>.svg``).
PLOTS_DIR = "img/plots"

#: Seeds of the simulations drawn (the 2020 one is the report's default seed).
SEED_2020 = 2020
SEED_TUTORIAL = 1

#: Draws a picture on a new figure of the size the plot function chooses; returns its Axes.
Draw = Callable[[], "Axes"]


def _pictures_2020() -> dict[str, Draw]:
    """Return the 2020 report's pictures: attainment, waterfall, tornado, simulation, staff scores."""
    from safecore.cost import SavingModel, sensitivity, simulate_comparison  # noqa: PLC0415
    from safecore.datasets import (  # noqa: PLC0415
        CBI_SOCIAL_WORKER_NORMS,
        SAFECORE_2020,
        SAFECORE_2020_DISENGAGED,
        SAFECORE_2020_ENGAGED,
        safecore_2020,
        staff_survey_2020,
    )
    from safecore.plots import (  # noqa: PLC0415
        attainment_bars,
        savings_waterfall,
        simulation_distribution,
        staff_scores,
        tornado,
    )

    model = SavingModel(SAFECORE_2020)
    engaged = model.evaluate(SAFECORE_2020_ENGAGED)
    sens = sensitivity(model, SAFECORE_2020_ENGAGED)
    sim = simulate_comparison(
        model, SAFECORE_2020_ENGAGED, SAFECORE_2020_DISENGAGED, n=20_000, seed=SEED_2020
    )
    norms = {scale: norm.mean for scale, norm in CBI_SOCIAL_WORKER_NORMS.items()}
    staff = staff_survey_2020()
    goals = safecore_2020().goal_attainment
    return {
        "2020-attainment": lambda: attainment_bars(goals),
        "2020-waterfall": lambda: savings_waterfall(engaged),
        "2020-tornado": lambda: tornado(sens),
        "2020-simulation": lambda: simulation_distribution(sim),
        "2020-staff": lambda: staff_scores(staff, norms=norms, norm_label="Social-worker norms"),
    }


def _pictures_tutorial(examples: Path) -> dict[str, Draw]:
    """Return the pictures of 'Tutorial: your own programme', drawn from its files as the page does."""
    from safecore import tally  # noqa: PLC0415
    from safecore.cost import (  # noqa: PLC0415
        SavingModel,
        load_cohorts,
        load_proxies,
        sensitivity,
        simulate_comparison,
    )
    from safecore.plots import (  # noqa: PLC0415
        attainment_bars,
        savings_waterfall,
        simulation_distribution,
        staff_scores,
        tornado,
    )
    from safecore.scales import CBI_SOCIAL_WORKER_NORMS, read_staff_survey  # noqa: PLC0415
    from safecore.tallies import read_records  # noqa: PLC0415

    notes = read_records(examples / "case_notes.csv")
    goals = tally([r for r in notes if r["type"] == "goal"], rows="engagement", columns="status")
    model = SavingModel(load_proxies(examples / "proxies.toml"))
    engaged, disengaged = load_cohorts(examples / "cohorts.toml")
    both = simulate_comparison(model, engaged, disengaged, n=2_000, seed=SEED_TUTORIAL)
    sens = sensitivity(model, engaged)
    survey = read_staff_survey(examples / "staff_survey.csv")
    norms = {scale: norm.mean for scale, norm in CBI_SOCIAL_WORKER_NORMS.items()}

    def goals_titled() -> Axes:
        ax = attainment_bars(goals)
        ax.set_title("Goals at the end of the work")
        return ax

    return {
        "tutorial-attainment": goals_titled,
        "tutorial-waterfall": lambda: savings_waterfall(model.evaluate(engaged)),
        "tutorial-simulation": lambda: simulation_distribution(both),
        "tutorial-tornado": lambda: tornado(sens),
        "tutorial-staff": lambda: staff_scores(survey, norms=norms, norm_label="Social-worker norms"),
    }


def _svg(draw: Draw) -> bytes:
    """Draw a picture and return it as SVG (text as paths: no font is needed to view it)."""
    import matplotlib  # noqa: PLC0415
    import matplotlib.pyplot as plt  # noqa: PLC0415

    with matplotlib.rc_context({"svg.hashsalt": "safecore-docs", "svg.fonttype": "path"}):
        try:
            fig = draw().figure
            out = io.BytesIO()
            fig.savefig(out, format="svg", metadata={"Date": None})
        finally:
            plt.close("all")
    return out.getvalue()


def _require_matplotlib() -> None:
    from mkdocs.exceptions import PluginError  # noqa: PLC0415

    try:
        import matplotlib  # noqa: PLC0415
    except ImportError as exc:
        msg = (
            "the documentation's plots need matplotlib, which is not installed: "
            "pip install -e '.[docs]' (it includes the plot extra)"
        )
        raise PluginError(msg) from exc
    matplotlib.use("Agg")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Import safecore from this checkout's ``src`` (as mkdocstrings reads it), before any install."""
    src = str(Path(config.config_file_path).resolve().parent / "src")
    if src not in sys.path:
        sys.path.insert(0, src)
    return config


def on_files(files: Files, config: MkDocsConfig, **_: Any) -> Files:
    """Add every picture to the site's files as ``img/plots/<name>.svg``."""
    from mkdocs.structure.files import File  # noqa: PLC0415

    _require_matplotlib()
    pictures = {**_pictures_2020(), **_pictures_tutorial(Path(config.docs_dir) / "examples")}
    for name, draw in pictures.items():
        files.append(File.generated(config, f"{PLOTS_DIR}/{name}.svg", content=_svg(draw)))
    return files
