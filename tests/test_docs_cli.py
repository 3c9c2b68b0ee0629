"""Each command of the ``safecore`` program has a docs page naming every option it takes.

The parser is the source of truth: a subcommand, option, positional argument
or choice added to ``safecore.cli`` without a mention on its page in
``docs/cli/`` fails here, and so does a page missing from the site's nav.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from safecore import cli

DOCS = Path(__file__).resolve().parent.parent / "docs"
CLI_DOCS = DOCS / "cli"


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _commands() -> dict[str, argparse.ArgumentParser]:
    """Every command line the parser accepts, ``"report"`` to ``"proxies export"``."""
    out: dict[str, argparse.ArgumentParser] = {}
    for name, sub in _subparsers(cli._parser()).items():
        out[name] = sub
        for action, nested in _subparsers(sub).items():
            out[f"{name} {action}"] = nested
    return out


def _mentions(action: argparse.Action) -> list[str]:
    """What a page must show in code for *action*: its option strings or name, and its choices."""
    if isinstance(action, argparse._SubParsersAction):
        names = [str(c) for c in action.choices]
    elif action.option_strings:
        names = list(action.option_strings)
    else:
        names = [str(action.metavar or action.dest)]
    if action.choices is not None and not isinstance(action, argparse._SubParsersAction):
        names += [str(c) for c in action.choices]
    return names


def _named(name: str, page: str) -> bool:
    """Whether a code span of *page* starts with *name*: `--seed` or `--seed SEED`."""
    return re.search(f"`{re.escape(name)}[` ]", page) is not None


def _page(command: str) -> str:
    return (CLI_DOCS / f"{command.partition(' ')[0]}.md").read_text(encoding="utf-8")


def test_every_command_has_a_page_in_the_nav():
    """docs/cli/<command>.md exists for each subcommand, and the nav lists it and the index."""
    nav = (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8")
    for name in _subparsers(cli._parser()):
        assert (CLI_DOCS / f"{name}.md").is_file(), name
        assert f"cli/{name}.md" in nav, name
        assert f"`safecore {name}`" in (CLI_DOCS / "index.md").read_text(encoding="utf-8"), name
    assert "cli/index.md" in nav


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_option_is_on_the_command_page(command: str):
    """Every option string, positional argument and choice of *command* starts a code span."""
    page = _page(command)
    assert f"`safecore {command}`" in page or f"## `safecore {command}`" in page
    for action in _commands()[command]._actions:
        for name in _mentions(action):
            assert _named(name, page), f"docs/cli/{command.partition(' ')[0]}.md: {command} {name}"


def test_global_options_are_on_the_index():
    """--version, --debug and --help of the top-level parser are on docs/cli/index.md."""
    page = (CLI_DOCS / "index.md").read_text(encoding="utf-8")
    for action in cli._parser()._actions:
        if action.option_strings:
            for name in action.option_strings:
                assert _named(name, page), name


def test_help_examples_are_on_the_pages():
    """Each example line of a command's --help is shown on its page, so the two cannot drift."""
    for command, text in cli._EXAMPLES.items():
        page = _page(command)
        for line in text.splitlines()[1:]:
            example = re.sub(r"\s+#.*$", "", line).strip()
            assert example in page, f"docs/cli/{command}.md: {example}"


def test_exit_codes_are_documented():
    """The exit codes the --help epilog lists (and 130 for an interrupt) are on the index page."""
    page = (CLI_DOCS / "index.md").read_text(encoding="utf-8")
    codes = re.findall(r"^\s+(\d+)\s", cli._EXIT_CODES, flags=re.M)
    assert codes == ["0", "1", "2"]
    for code in [*codes, "130"]:
        assert f"| `{code}` |" in page, code
