"""Every result class shares one protocol: unpacking, to_dict, to_frame, reprs and ==.

Examples come from ``tests/result_examples*.py``; a test checks that every
result class in the package has at least one.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Callable
from pathlib import Path

import pytest

import safecore
from safecore._results import Result, TestResult

HERE = Path(__file__).resolve().parent


def _examples() -> dict[str, Callable[[], Result]]:
    out: dict[str, Callable[[], Result]] = {}
    for path in sorted(HERE.glob("result_examples*.py")):
        module = importlib.import_module(f"tests.{path.stem}")
        out.update(module.EXAMPLES)
    return out


EXAMPLES = _examples()


def _all_result_classes() -> set[type]:
    for info in pkgutil.walk_packages(safecore.__path__, "safecore."):
        if info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)
    seen: set[type] = set()
    todo = [Result]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in seen:
                seen.add(sub)
                todo.append(sub)
    return {c for c in seen if c.__module__.startswith("safecore.") and c is not TestResult}


def test_every_result_class_has_an_example():
    """The protocol tests cover every class that inherits the result mixin."""
    covered = {type(make()) for make in EXAMPLES.values()}
    missing = sorted(c.__qualname__ for c in _all_result_classes() - covered)
    assert not missing, f"no example in tests/result_examples*.py for: {missing}"


@pytest.fixture(params=sorted(EXAMPLES), name="result")
def _result(request: pytest.FixtureRequest) -> Result:
    return EXAMPLES[request.param]()


def test_to_dict_round_trips_through_strict_json(result: Result):
    """to_dict() is plain JSON (no NaN, no numpy types) and survives a round trip."""
    data = result.to_dict()
    assert json.loads(json.dumps(data, allow_nan=False)) == data


def test_to_frame_has_the_table_columns(result: Result):
    """to_frame() has exactly the snake_case columns of the result's table, one row per row."""
    pytest.importorskip("pandas")
    table = result._table()
    df = result.to_frame()
    assert list(df.columns) == list(table.columns)
    assert all(c == c.lower() and " " not in c for c in table.columns)
    assert len(df) == len(table.rows)


def test_reprs_render_from_the_table(result: Result):
    """str, Markdown and HTML show the same headers; repr is readable (no object address).

    A class may give ``str()`` the value as a person writes it (a summary's "M [CI] SD",
    a referral tree) only by defining ``__format__`` or ``_tree``; its table still renders
    Markdown and HTML.
    """
    table = result._table()
    text, md, html = str(result), result._repr_markdown_(), result._repr_html_()
    own_str = type(result).__str__ is not Result.__str__
    if own_str:
        assert type(result).__format__ is not object.__format__ or hasattr(result, "_tree")
    else:
        for header in table.display_headers():
            assert header in text
    for header in table.display_headers():
        assert header in md
    assert md.count("\n|") >= len(table.rows) + 1
    assert html.startswith("<table>") and html.count("<tr>") == len(table.rows) + 1
    assert " object at 0x" not in repr(result)
    assert result.summary()


def test_equality_never_raises(result: Result):
    """== compares field by field, arrays included, and never raises."""
    again = result
    assert result == again
    assert (result == object()) is False
    assert (result != 3) is True
    assert result != None  # noqa: E711 - comparing with None must not raise


def test_equal_results_compare_equal():
    """Two results computed from the same input are equal; different inputs are not."""
    for make in EXAMPLES.values():
        assert make() == make()
    a, b = EXAMPLES["chi_square"](), EXAMPLES["chi_square_exact"]()
    assert a != b


def test_tests_unpack_like_scipy(result: Result):
    """A test result unpacks to (statistic, pvalue) like scipy's results."""
    if not isinstance(result, TestResult):
        pytest.skip("not a hypothesis test")
    statistic, pvalue = result
    assert statistic == result.statistic and pvalue == result.pvalue
    assert 0.0 <= pvalue <= 1.0
