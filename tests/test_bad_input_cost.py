"""Bad input at the boundary of safecore.cost: each entry point refuses it clearly.

Every refusal is checked three ways: the builtin exception class a caller
would catch (``ValueError``, ``TypeError``, ``KeyError``, ``FileNotFoundError``
...), :class:`SafecoreError`, and the message, which must name the file, the
1-based line or the proxy's key path, the field or parameter and the value.
Expected messages are written out by hand, never built with the library.
"""

from __future__ import annotations

import contextlib
import tempfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecore import SafecoreError
from safecore.cost import (
    MAX_SAVING,
    SAFECORE_2020,
    SAFECORE_2020_ENGAGED,
    Cohort,
    CohortError,
    ModelError,
    Proxy,
    ProxyTable,
    ProxyTableError,
    SavingModel,
    delivery_cost_per_family,
    discount_factors,
    load_cohorts,
    load_proxies,
    sensitivity,
    simulate,
    switching_value,
    value_for_money,
)
from safecore.report import load_cohorts as report_load_cohorts

from .strategies import proxy_tables

HEADER = "outcome,indicator,saving,source,price_year,grade\n"
ROW = '[[proxy]]\noutcome = "a"\nindicator = "x"\nsaving = 1\nsource = "s"\n'


def refused(call: Any, builtin: type[BaseException], *fragments: str) -> BaseException:
    """Call, expect *builtin* (also a SafecoreError), and find each fragment in the message."""
    with pytest.raises(builtin) as info:
        call()
    err = info.value
    assert isinstance(err, SafecoreError), type(err)
    text = str(err)
    for fragment in fragments:
        assert fragment in text, (fragment, text)
    return err


# -- proxy files ----------------------------------------------------------------------------

PROXY_FILES: list[tuple[str, str, str | bytes, dict[str, Any], type[BaseException], tuple[str, ...]]] = [
    # (id, file name, content, load_proxies keywords, builtin, message fragments)
    ("csv-empty", "p.csv", "", {}, ValueError, ("p.csv", "empty file")),
    ("csv-blank-lines", "p.csv", "\n\n", {}, ValueError, ("p.csv", "empty file")),
    ("csv-header-only", "p.csv", HEADER, {}, ValueError, ("p.csv", "no data rows")),
    (
        "csv-duplicate-header",
        "p.csv",
        "outcome,indicator,saving,source,saving\na,x,1,s,2\n",
        {},
        ValueError,
        ("p.csv, line 1", "duplicate column 'saving'", "columns 3 and 5"),
    ),
    (
        "csv-empty-header-name",
        "p.csv",
        "outcome,,saving,source\na,x,1,s\n",
        {},
        ValueError,
        ("p.csv, line 1, column 2", "empty column name"),
    ),
    (
        "csv-semicolons",
        "p.csv",
        "outcome;indicator;saving;source\na;x;1;s\n",
        {},
        ValueError,
        ("p.csv, line 1", "semicolon", "delimiter=';'"),
    ),
    (
        "csv-tabs",
        "p.csv",
        "outcome\tindicator\tsaving\tsource\na\tx\t1\ts\n",
        {},
        ValueError,
        ("p.csv, line 1", "tab", "delimiter='\\t'"),
    ),
    (
        "csv-decimal-comma-grouped",
        "p.csv",
        'outcome,indicator,saving,source\na,x,"8.450,50",s\n',
        {},
        ValueError,
        ("p.csv, line 2", "saving", "'8.450,50'", "decimal=','"),
    ),
    (
        "csv-decimal-comma",
        "p.csv",
        'outcome,indicator,saving,source\na,x,"9690,5",s\n',
        {},
        ValueError,
        ("p.csv, line 2", "saving", "'9690,5'", "decimal=','"),
    ),
    (
        "csv-decimal-comma-semicolon-file",
        "p.csv",
        "outcome;indicator;saving;source\na;x;9690,5;s\n",
        {"delimiter": ";"},
        ValueError,
        ("p.csv, line 2", "saving", "'9690,5'", "decimal=','"),
    ),
    (
        "csv-saving-word",
        "p.csv",
        "outcome,indicator,saving,source\na,x,lots,s\n",
        {},
        ValueError,
        ("p.csv, line 2", "saving must be a number", "'lots'"),
    ),
    (
        "csv-saving-nan",
        "p.csv",
        "outcome,indicator,saving,source\na,x,nan,s\n",
        {},
        ValueError,
        ("p.csv, line 2", "saving", "'nan'"),
    ),
    (
        "csv-saving-inf",
        "p.csv",
        "outcome,indicator,saving,source\na,x,inf,s\n",
        {},
        ValueError,
        ("p.csv, line 2", "saving", "'inf'"),
    ),
    (
        "csv-saving-overflow",
        "p.csv",
        "outcome,indicator,saving,source\na,x,1e999,s\n",
        {},
        ValueError,
        ("p.csv, line 2", "saving must be a finite number", "inf"),
    ),
    (
        "csv-saving-1e308",
        "p.csv",
        "outcome,indicator,saving,source\na,x,1e308,s\n",
        {},
        ValueError,
        ("p.csv, line 2", "saving must be in [0, 1e+12]", "1e+308"),
    ),
    (
        "csv-saving-negative",
        "p.csv",
        "outcome,indicator,saving,source\na,x,1,s\nb,y,-5,s\n",
        {},
        ValueError,
        ("p.csv, line 3", "saving must be in [0, 1e+12]", "-5.0"),
    ),
    (
        "csv-saving-missing",
        "p.csv",
        "outcome,indicator,saving,source\na,x,,s\n",
        {},
        ValueError,
        ("p.csv, line 2", "saving is missing"),
    ),
    (
        "csv-saving-declared-missing",
        "p.csv",
        "outcome,indicator,saving,source\na,x,NA,s\n",
        {"missing": ("", "NA")},
        ValueError,
        ("p.csv, line 2", "saving is missing"),
    ),
    (
        "csv-indicator-declared-missing",
        "p.csv",
        "outcome,indicator,saving,source\na,n/a,1,s\n",
        {"missing": ["", "n/a"]},
        ValueError,
        ("p.csv, line 2", "indicator is missing"),
    ),
    (
        "csv-outcome-missing-after-multiline-cell",
        "p.csv",
        'outcome,indicator,saving,source\na,"two\nlines",1,s\n,x,2,s\n',
        {},
        ValueError,
        ("p.csv, line 4", "outcome is missing"),
    ),
    (
        "csv-price-year-text",
        "p.csv",
        HEADER + "a,x,1,s,last year,\n",
        {},
        ValueError,
        ("p.csv, line 2", "price_year must be a number", "'last year'"),
    ),
    (
        "csv-price-year-range",
        "p.csv",
        HEADER + "a,x,1,s,1850,\n",
        {},
        ValueError,
        ("p.csv, line 2", "price_year must be a year from 1900 to 2100", "1850"),
    ),
    (
        "csv-price-year-fraction",
        "p.csv",
        HEADER + "a,x,1,s,2019.5,\n",
        {},
        ValueError,
        ("p.csv, line 2", "price_year must be a whole number", "2019.5"),
    ),
    (
        "csv-unknown-column",
        "p.csv",
        "outcome,indicator,saving,source,notes\na,x,1,s,n\n",
        {},
        ValueError,
        ("p.csv", "unknown column 'notes'"),
    ),
    (
        "csv-missing-column",
        "p.csv",
        "outcome,indicator,source\na,x,s\n",
        {},
        ValueError,
        ("p.csv", "no column 'saving'", "'outcome', 'indicator', 'source'"),
    ),
    (
        "csv-too-many-cells",
        "p.csv",
        "outcome,indicator,saving,source\na,x,1,s\nb,y,2,s,extra\n",
        {},
        ValueError,
        ("p.csv, line 3", "5 cells, expected 4"),
    ),
    (
        "csv-duplicate-outcome",
        "p.csv",
        "outcome,indicator,saving,source\na,x,1,s\nA ,y,2,s\na,z,3,s\n",
        {},
        ValueError,
        ("p.csv, line 4", "duplicate outcome 'a'", "first in line 2"),
    ),
    (
        "csv-duplicate-label",
        "p.csv",
        "outcome,indicator,saving,source\nhousing,x,1,s\nHousing,y,2,s\n",
        {},
        ValueError,
        ("p.csv, line 3", "duplicate outcome 'housing'", "first in line 2"),
    ),
    (
        "csv-not-utf8",
        "p.csv",
        "outcome,indicator,saving,source\na,caf\xe9,1,s\n".encode("latin-1"),
        {},
        ValueError,
        ("p.csv, line 2", "not valid UTF-8", "0xe9"),
    ),
    (
        "csv-unclosed-quote",
        "p.csv",
        'outcome,indicator,saving,source\na,"x,1,s\n',
        {},
        ValueError,
        ("p.csv",),
    ),
    (
        "csv-bad-decimal-option",
        "p.csv",
        "outcome,indicator,saving,source\na,x,1,s\n",
        {"decimal": ";"},
        ValueError,
        ("decimal must be '.' or ','", "';'"),
    ),
    (
        "csv-bad-delimiter-option",
        "p.csv",
        "outcome,indicator,saving,source\na,x,1,s\n",
        {"delimiter": ";;"},
        ValueError,
        ("delimiter must be one character", "';;'"),
    ),
    (
        "csv-missing-as-string",
        "p.csv",
        "outcome,indicator,saving,source\na,x,1,s\n",
        {"missing": "NA"},
        TypeError,
        ("missing must be a collection", "'NA'"),
    ),
    ("toml-empty", "p.toml", "", {}, ValueError, ("p.toml", "no proxies")),
    ("toml-comment-only", "p.toml", "# nothing\n", {}, ValueError, ("p.toml", "no proxies")),
    ("toml-empty-array", "p.toml", "proxy = []\n", {}, ValueError, ("p.toml", "no proxies")),
    (
        "toml-array-of-integers",
        "p.toml",
        "proxy = [1, 2]\n",
        {},
        ValueError,
        ("p.toml", "proxy[1] must be a table", "found an integer: 1"),
    ),
    (
        "toml-string",
        "p.toml",
        'proxy = "x"\n',
        {},
        ValueError,
        ("p.toml", "proxy must be an array of tables ([[proxy]])", "found a string: 'x'"),
    ),
    (
        "toml-table-not-array",
        "p.toml",
        '[proxy]\noutcome = "a"\nindicator = "x"\nsaving = 1\nsource = "s"\n',
        {},
        ValueError,
        ("p.toml", "proxy must be an array of tables ([[proxy]])", "found a table"),
    ),
    (
        "toml-second-item-not-table",
        "p.toml",
        'proxy = [{outcome = "a", indicator = "x", saving = 1, source = "s"}, "b"]\n',
        {},
        ValueError,
        ("p.toml", "proxy[2] must be a table", "found a string: 'b'"),
    ),
    (
        "toml-unknown-top-level-key",
        "p.toml",
        'title = "mine"\n' + ROW,
        {},
        ValueError,
        ("p.toml", "unknown key 'title'", "allowed: proxy"),
    ),
    (
        "toml-unknown-field",
        "p.toml",
        ROW + "colour = 1\n",
        {},
        ValueError,
        ("p.toml", "unknown key 'proxy[1].colour'"),
    ),
    (
        "toml-saving-string",
        "p.toml",
        ROW + ROW.replace('"a"', '"b"').replace("saving = 1", 'saving = "lots"'),
        {},
        ValueError,
        ("p.toml", "proxy[2].saving must be a finite number", "not str", "'lots'"),
    ),
    (
        "toml-saving-bool",
        "p.toml",
        ROW.replace("saving = 1", "saving = true"),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving", "not bool: True"),
    ),
    (
        "toml-saving-nan",
        "p.toml",
        ROW.replace("saving = 1", "saving = nan"),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving must be a finite number: nan"),
    ),
    (
        "toml-saving-inf",
        "p.toml",
        ROW.replace("saving = 1", "saving = inf"),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving must be a finite number: inf"),
    ),
    (
        "toml-saving-negative",
        "p.toml",
        ROW.replace("saving = 1", "saving = -5"),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving must be in [0, 1e+12]: -5"),
    ),
    (
        "toml-saving-1e308",
        "p.toml",
        ROW.replace("saving = 1", "saving = 1e308"),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving must be in [0, 1e+12]: 1e+308"),
    ),
    (
        "toml-saving-huge-integer",
        "p.toml",
        ROW.replace("saving = 1", "saving = 100000000000000000000"),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving must be in [0, 1e+12]", "100000000000000000000"),
    ),
    (
        "toml-saving-5000-digits",
        "p.toml",
        ROW.replace("saving = 1", "saving = " + "9" * 5000),
        {},
        ValueError,
        ("p.toml", "not valid TOML"),
    ),
    (
        "toml-saving-array",
        "p.toml",
        ROW.replace("saving = 1", "saving = [1]"),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving", "not list"),
    ),
    (
        "toml-saving-date",
        "p.toml",
        ROW.replace("saving = 1", "saving = 2020-01-01"),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving", "not date"),
    ),
    (
        "toml-saving-missing",
        "p.toml",
        ROW.replace("saving = 1\n", ""),
        {},
        ValueError,
        ("p.toml", "proxy[1].saving is missing"),
    ),
    (
        "toml-indicator-integer",
        "p.toml",
        ROW.replace('indicator = "x"', "indicator = 5"),
        {},
        ValueError,
        ("p.toml", "proxy[1].indicator must be text", "not int: 5"),
    ),
    (
        "toml-source-blank",
        "p.toml",
        ROW.replace('source = "s"', 'source = "  "'),
        {},
        ValueError,
        ("p.toml", "proxy[1].source must be non-empty text", "'  '"),
    ),
    (
        "toml-outcome-table",
        "p.toml",
        ROW.replace('outcome = "a"', "outcome = {x = 1}"),
        {},
        ValueError,
        ("p.toml", "proxy[1].outcome must be text", "not dict"),
    ),
    (
        "toml-grade-empty",
        "p.toml",
        ROW + 'grade = ""\n',
        {},
        ValueError,
        ("p.toml", "proxy[1].grade must be a confidence grade", "not text: ''"),
    ),
    (
        "toml-grade-letter",
        "p.toml",
        ROW + 'grade = "B"\n',
        {},
        ValueError,
        ("p.toml", "proxy[1].grade must be a confidence grade", "not text: 'B'", "map it to 1-6"),
    ),
    (
        "toml-grade-out-of-range",
        "p.toml",
        ROW + "grade = 7\n",
        {},
        ValueError,
        ("p.toml", "proxy[1].grade must be a confidence grade from 1 to 6", "7"),
    ),
    (
        "toml-value-type-unknown",
        "p.toml",
        ROW + 'value_type = "fiscally"\n',
        {},
        ValueError,
        ("p.toml", "proxy[1].value_type must be 'fiscal', 'economic' or 'social'", "'fiscally'"),
    ),
    (
        "toml-cashable-number",
        "p.toml",
        ROW + "cashable = 1\n",
        {},
        ValueError,
        ("p.toml", "proxy[1].cashable must be True or False", "not int: 1"),
    ),
    (
        "toml-lag-negative",
        "p.toml",
        ROW + "lag = -1\n",
        {},
        ValueError,
        ("p.toml", "proxy[1].lag must be a whole number >= 0", "-1"),
    ),
    (
        "toml-duration-zero",
        "p.toml",
        ROW + "duration = 0\n",
        {},
        ValueError,
        ("p.toml", "proxy[1].duration must be a whole number >= 1", "0"),
    ),
    (
        "toml-attribution-percent",
        "p.toml",
        ROW + "attribution = 66\n",
        {},
        ValueError,
        ("p.toml", "proxy[1].attribution must be a share in [0, 1]", "write 0.66"),
    ),
    (
        "toml-price-year-string",
        "p.toml",
        ROW + 'price_year = "2019"\n',
        {},
        ValueError,
        ("p.toml", "proxy[1].price_year", "not str", "'2019'"),
    ),
    (
        "toml-price-year-range",
        "p.toml",
        ROW + "price_year = 3019\n",
        {},
        ValueError,
        ("p.toml", "proxy[1].price_year must be a year from 1900 to 2100: 3019"),
    ),
    (
        "toml-price-year-bool",
        "p.toml",
        ROW + "price_year = false\n",
        {},
        ValueError,
        ("p.toml", "proxy[1].price_year", "not bool: False"),
    ),
    (
        "toml-duplicate-outcome",
        "p.toml",
        ROW + ROW.replace('"a"', '"a "'),
        {},
        ValueError,
        ("p.toml", "proxy[2].outcome", "duplicate outcome 'a'", "first in proxy[1]"),
    ),
    ("toml-syntax", "p.toml", "proxy = [", {}, ValueError, ("p.toml", "not valid TOML")),
    (
        "toml-deep-nesting",
        "p.toml",
        "a = " + "[" * 5000 + "]" * 5000 + "\n",
        {},
        ValueError,
        ("p.toml", "nested more deeply"),
    ),
    (
        "toml-nesting-over-limit",
        "p.toml",
        "a = " + "[" * 40 + "]" * 40 + "\n",
        {},
        ValueError,
        ("p.toml", "nested more deeply"),
    ),
    (
        "toml-with-csv-option",
        "p.toml",
        ROW,
        {"decimal": ","},
        ValueError,
        ("p.toml", "apply to CSV files only"),
    ),
    (
        "toml-with-missing-option",
        "p.toml",
        ROW,
        {"missing": ("", "NA")},
        ValueError,
        ("p.toml", "apply to CSV files only"),
    ),
    (
        "unknown-suffix",
        "p.txt",
        "outcome,indicator\n",
        {},
        ValueError,
        ("p.txt", "'.txt'", ".toml, .csv or .xlsx"),
    ),
]


@pytest.mark.parametrize(
    ("name", "content", "kwargs", "builtin", "fragments"),
    [pytest.param(*case[1:], id=case[0]) for case in PROXY_FILES],
)
def test_bad_proxy_file(
    tmp_path: Path,
    name: str,
    content: str | bytes,
    kwargs: dict[str, Any],
    builtin: type[BaseException],
    fragments: tuple[str, ...],
):
    """A malformed proxy file is refused with a SafecoreError naming file, place, field and value."""
    p = tmp_path / name
    if isinstance(content, bytes):
        p.write_bytes(content)
    else:
        p.write_text(content, encoding="utf-8", newline="")
    refused(lambda: load_proxies(p, **kwargs), builtin, *fragments)


def test_file_content_errors_are_proxy_table_errors(tmp_path: Path):
    """What is wrong inside a proxy file is a ProxyTableError (a ValueError)."""
    p = tmp_path / "p.toml"
    p.write_text("proxy = [1, 2]\n", encoding="utf-8")
    refused(lambda: load_proxies(p), ProxyTableError, "proxy[1]")
    q = tmp_path / "p.csv"
    q.write_text("outcome,indicator,saving,source,saving\na,x,1,s,2\n", encoding="utf-8")
    refused(lambda: load_proxies(q), ProxyTableError, "duplicate column")


def test_deep_nesting_is_a_limit_not_a_recursion_error(tmp_path: Path):
    """5000 nested arrays raise LimitExceededError, not RecursionError."""
    from safecore._errors import LimitExceededError

    p = tmp_path / "p.toml"
    p.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    refused(lambda: load_proxies(p), LimitExceededError, "p.toml", "16-level limit")
    q = tmp_path / "c.toml"
    q.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    refused(lambda: load_cohorts(q), LimitExceededError, "c.toml", "16-level limit")


def test_paths_that_are_not_readable_files(tmp_path: Path):
    """A missing file, a directory, /dev/zero and a non-path each raise the fitting builtin."""
    from safecore._errors import LimitExceededError

    refused(
        lambda: load_proxies(tmp_path / "absent.csv"), FileNotFoundError, "absent.csv", "no such file"
    )
    refused(lambda: load_proxies(tmp_path / "absent.toml"), FileNotFoundError, "absent.toml")
    refused(lambda: load_proxies(tmp_path / "absent.txt"), FileNotFoundError, "absent.txt")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    refused(lambda: load_proxies(folder), IsADirectoryError, "folder.csv", "is a directory")
    refused(lambda: load_proxies(tmp_path), IsADirectoryError, "is a directory")
    refused(lambda: load_proxies("/dev/zero"), LimitExceededError, "/dev/zero", "limit")
    refused(lambda: load_proxies(42), TypeError, "path must be a file path", "not int: 42")  # type: ignore[arg-type]
    refused(lambda: load_cohorts(tmp_path / "absent.toml"), FileNotFoundError, "absent.toml")
    refused(lambda: load_cohorts(tmp_path), IsADirectoryError, "is a directory")


# -- what the loader accepts -------------------------------------------------------------------


def test_decimal_comma_when_declared(tmp_path: Path):
    """With decimal=',' the European spellings are read: 8.450,50 -> 8450.5, 9690,5 -> 9690.5."""
    p = tmp_path / "p.csv"
    p.write_text(
        "outcome;indicator;saving;source\nhousing;Eviction;8.450,50;S\nviolence;DV;9690,5;W\n",
        encoding="utf-8",
    )
    t = load_proxies(p, delimiter=";", decimal=",")
    assert [x.saving for x in t] == [8450.5, 9690.5]
    q = tmp_path / "q.csv"
    q.write_text('outcome,indicator,saving,source\nhousing,Eviction,"£8,450.50",S\n', encoding="utf-8")
    assert load_proxies(q)["housing"].saving == 8450.5


def test_quoted_multiline_cell_is_kept(tmp_path: Path):
    """A quoted cell spanning lines is one cell; later lines are counted from the file (1-based)."""
    p = tmp_path / "p.csv"
    p.write_text(
        'outcome,indicator,saving,source\r\na,"first line\r\nsecond, with comma",1,s\r\nb,y,x,s\r\n',
        encoding="utf-8",
        newline="",
    )
    refused(lambda: load_proxies(p), ValueError, "p.csv, line 4", "saving must be a number: 'x'")
    p.write_text(
        '\ufeffoutcome,indicator,saving,source\r\na,"first line\r\nsecond, with comma",1,s\r\n',
        encoding="utf-8",
        newline="",
    )
    assert load_proxies(p)["a"].indicator == "first line\r\nsecond, with comma"


def test_missing_markers_and_optional_fields(tmp_path: Path):
    """A declared marker in an optional column is None; text such as 'NA' is otherwise kept."""
    p = tmp_path / "p.csv"
    p.write_text(HEADER + "a,x,1,s,NA,NA\n", encoding="utf-8")
    t = load_proxies(p, missing=("", "NA"))
    assert t["a"].price_year is None and t["a"].grade is None
    p.write_text(HEADER + "a,x,1,s,,NA\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"p.csv, line 2: grade must be a confidence grade.*'NA'"):
        load_proxies(p)  # text that is not a declared marker is a (letter) grade: refused


def test_formula_text_is_protected_in_csv(tmp_path: Path):
    """to_csv writes a leading quote before formula-like text; load_proxies removes it."""
    t = ProxyTable(
        [
            Proxy("=cmd", "+1", 1, "@SUM(A1)", beneficiary="-B"),
            Proxy("'quoted", "it's fine", 2, "'=x"),
        ]
    )
    text = t.to_csv()
    assert '"\'=cmd","\'+1",1.0,"\'@SUM(A1)","","","","\'-B",' in text
    assert '"\'\'quoted","it\'s fine",2.0,"\'\'=x"' in text
    p = tmp_path / "p.csv"
    p.write_text(text, encoding="utf-8", newline="")
    assert load_proxies(p) == t
    p.write_text(HEADER + "'abc,'=x,1,''y,,\n", encoding="utf-8")
    loaded = load_proxies(p)
    assert loaded.keys() == ("'abc",)  # a quote before an ordinary letter is kept
    assert loaded["'abc"].indicator == "=x" and loaded["'abc"].source == "'y"


def test_toml_text_escapes(tmp_path: Path):
    """to_toml escapes quotes, backslashes and every control character, DEL included."""
    text = 'a "q" \\ \x01\x08\t\n\x0c\r\x1b\x7f\x85 é'
    t = ProxyTable([Proxy("a", text, 1, "s")])
    out = t.to_toml()
    assert '\\"q\\" \\\\ \\u0001\\b\\t\\n\\f\\r\\u001B\\u007F\x85 é' in out
    p = tmp_path / "p.toml"
    p.write_text(out, encoding="utf-8")
    assert load_proxies(p)["a"].indicator == text
    with pytest.raises(ProxyTableError, match="indicator must not contain a NUL character"):
        Proxy("a", "x\x00y", 1, "s")


# -- Python objects: proxies and tables ------------------------------------------------------


def _proxy(**kw: Any) -> Proxy:
    fields: dict[str, Any] = {"outcome": "a", "indicator": "x", "saving": 1, "source": "s"}
    fields.update(kw)
    return Proxy(**fields)


T = ProxyTable([Proxy("a", "x", 100, "s", price_year=2018), Proxy("b", "y", 50, "s", 2019)])

PYTHON_CALLS: list[tuple[str, Any, type[BaseException], tuple[str, ...]]] = [
    # (id, call, builtin, message fragments)
    ("proxy-saving-bool", lambda: _proxy(saving=True), TypeError, ("saving", "not bool: True")),
    (
        "proxy-saving-numpy-bool",
        lambda: _proxy(saving=np.bool_(True)),
        TypeError,
        ("saving", "not bool: True (bool)"),
    ),
    ("proxy-saving-str", lambda: _proxy(saving="12"), TypeError, ("saving", "not str: '12'")),
    ("proxy-saving-none", lambda: _proxy(saving=None), TypeError, ("saving", "NoneType")),
    ("proxy-saving-nan", lambda: _proxy(saving=float("nan")), ValueError, ("saving", "nan")),
    ("proxy-saving-inf", lambda: _proxy(saving=np.inf), ValueError, ("saving", "inf")),
    ("proxy-saving-1e308", lambda: _proxy(saving=1e308), ValueError, ("saving", "1e+308")),
    (
        "proxy-saving-above-max",
        lambda: _proxy(saving=MAX_SAVING * 2),
        ValueError,
        ("saving", "[0, 1e+12]", "2000000000000.0"),
    ),
    (
        "proxy-saving-negative",
        lambda: _proxy(saving=-0.01),
        ValueError,
        ("saving", "[0, 1e+12]", "-0.01"),
    ),
    ("proxy-saving-decimal-nan", lambda: _proxy(saving=Decimal("NaN")), ValueError, ("saving",)),
    ("proxy-saving-numpy-nan", lambda: _proxy(saving=np.float32("nan")), ValueError, ("saving", "nan")),
    ("proxy-outcome-int", lambda: _proxy(outcome=3), TypeError, ("outcome key", "not int: 3")),
    ("proxy-outcome-blank", lambda: _proxy(outcome="  "), ValueError, ("outcome key", "'  '")),
    (
        "proxy-indicator-none",
        lambda: _proxy(indicator=None),
        TypeError,
        ("indicator must be text", "None"),
    ),
    (
        "proxy-indicator-empty",
        lambda: _proxy(indicator=""),
        ValueError,
        ("indicator must be non-empty",),
    ),
    ("proxy-source-bytes", lambda: _proxy(source=b"s"), TypeError, ("source must be text", "bytes")),
    ("proxy-grade-zero", lambda: _proxy(grade=0), ValueError, ("grade must be a confidence grade", "0")),
    ("proxy-grade-letter", lambda: _proxy(grade="B"), TypeError, ("grade", "not text: 'B'")),
    ("proxy-grade-bool", lambda: _proxy(grade=True), TypeError, ("grade", "bool")),
    ("proxy-grade-fraction", lambda: _proxy(grade=2.5), ValueError, ("grade", "2.5")),
    ("proxy-cashable-text", lambda: _proxy(cashable="maybe"), ValueError, ("cashable", "'maybe'")),
    ("proxy-lag-huge", lambda: _proxy(lag=1001), ValueError, ("lag must be at most 1,000",)),
    ("proxy-surrogate", lambda: _proxy(indicator="a\ud800"), ValueError, ("indicator", "surrogate")),
    (
        "proxy-year-range",
        lambda: _proxy(price_year=1899),
        ValueError,
        ("price_year", "1900 to 2100", "1899"),
    ),
    ("proxy-year-text", lambda: _proxy(price_year="2019"), TypeError, ("price_year", "not str")),
    ("proxy-year-bool", lambda: _proxy(price_year=True), TypeError, ("price_year", "bool")),
    ("proxy-year-fraction", lambda: _proxy(price_year=2019.5), ValueError, ("price_year", "2019.5")),
    ("table-not-iterable", lambda: ProxyTable(5), TypeError, ("proxies must be an iterable", "int")),
    ("table-string", lambda: ProxyTable("ab"), TypeError, ("proxies must be an iterable", "'ab'")),
    ("table-holds-dict", lambda: ProxyTable([{"outcome": "a"}]), TypeError, ("Proxy objects", "dict")),
    (
        "table-duplicate",
        lambda: ProxyTable([_proxy(), _proxy()]),
        ValueError,
        ("duplicate outcome 'a'",),
    ),
    ("with-proxy-dict", lambda: T.with_proxy({"outcome": "c"}), TypeError, ("proxy must be a Proxy",)),
    ("lookup-int", lambda: T[5], TypeError, ("outcome key", "5")),
    ("lookup-absent", lambda: T["zzz"], KeyError, ("no proxy for outcome 'zzz'",)),
    ("scaled-negative", lambda: T.scaled(-1), ValueError, ("factor", "-1")),
    ("scaled-nan", lambda: T.scaled(float("nan")), ValueError, ("factor", "nan")),
    ("scaled-bool", lambda: T.scaled(True), TypeError, ("factor", "bool")),
    ("scaled-text", lambda: T.scaled("2"), TypeError, ("factor", "'2'")),
    ("scaled-overflow", lambda: T.scaled(1e300), ValueError, ("factor 1e+300", "MAX_SAVING", "'a'")),
    (
        "rebased-zero-index",
        lambda: T.rebased({2018: 0, 2019: 1, 2020: 1}, 2020),
        ValueError,
        ("price_index[2018]", "> 0"),
    ),
    (
        "rebased-nan-index",
        lambda: T.rebased({2018: 1, 2019: float("nan"), 2020: 1}, 2020),
        ValueError,
        ("price_index[2019]", "nan"),
    ),
    (
        "rebased-text-index",
        lambda: T.rebased({2018: "1", 2019: 1, 2020: 1}, 2020),
        TypeError,
        ("price_index[2018]", "'1'"),
    ),
    (
        "rebased-text-year",
        lambda: T.rebased({"2018": 1}, 2020),
        TypeError,
        ("price_index year", "'2018'"),
    ),
    (
        "rebased-not-mapping",
        lambda: T.rebased([1, 2], 2020),
        TypeError,
        ("price_index must be a mapping", "list"),
    ),
    (
        "rebased-to-year-bool",
        lambda: T.rebased({2018: 1, 2019: 1}, True),
        TypeError,
        ("to_year", "bool"),
    ),
    (
        "rebased-to-year-range",
        lambda: T.rebased({2018: 1, 2019: 1}, 3000),
        ValueError,
        ("to_year", "3000"),
    ),
    (
        "rebased-missing-year",
        lambda: T.rebased({2018: 1, 2019: 1}, 2021),
        ValueError,
        ("price_index has no value for 2021", "'a'"),
    ),
    (
        "rebased-no-price-year",
        lambda: SAFECORE_2020.rebased({2020: 1}, 2020),
        ValueError,
        ("has no price_year",),
    ),
    (
        "rebased-overflow",
        lambda: T.rebased({2018: 1e-300, 2019: 1, 2020: 1}, 2020),
        ValueError,
        ("rebasing to 2020", "MAX_SAVING"),
    ),
]

# -- Python objects: cohorts -----------------------------------------------------------------

PYTHON_CALLS += [
    (
        "cohort-name-int",
        lambda: Cohort(5, 10, {"housing": 1}),
        TypeError,
        ("cohort name must be text", "int: 5"),
    ),
    ("cohort-name-blank", lambda: Cohort(" ", 10, {"housing": 1}), ValueError, ("cohort name", "' '")),
    (
        "cohort-families-true",
        lambda: Cohort("P", True, {"housing": 1}),
        TypeError,
        ("cohort 'P'", "families", "bool: True"),
    ),
    (
        "cohort-families-text",
        lambda: Cohort("P", "10", {"housing": 1}),
        TypeError,
        ("cohort 'P'", "families", "'10'"),
    ),
    (
        "cohort-families-fraction",
        lambda: Cohort("P", 2.5, {"housing": 1}),
        ValueError,
        ("cohort 'P'", "families", "2.5"),
    ),
    (
        "cohort-families-nan",
        lambda: Cohort("P", float("nan"), {"housing": 1}),
        ValueError,
        ("cohort 'P'", "families", "nan"),
    ),
    (
        "cohort-families-1e20",
        lambda: Cohort("P", 10**20, {"housing": 1}),
        ValueError,
        ("cohort 'P'", "families", "2**53", "100000000000000000000"),
    ),
    (
        "cohort-families-2e53",
        lambda: Cohort("P", 2**53 + 1, {"housing": 1}),
        ValueError,
        ("families", "9007199254740993"),
    ),
    (
        "cohort-families-zero",
        lambda: Cohort("P", 0, {"housing": 0}),
        ValueError,
        ("cohort 'P'", "families", ">= 1", "0"),
    ),
    (
        "cohort-improved-true",
        lambda: Cohort("P", 10, {"housing": True}),
        TypeError,
        ("cohort 'P'", "improved['housing']", "bool: True"),
    ),
    (
        "cohort-improved-text",
        lambda: Cohort("P", 10, {"housing": "3"}),
        TypeError,
        ("cohort 'P'", "improved['housing']", "'3'"),
    ),
    (
        "cohort-improved-fraction",
        lambda: Cohort("P", 10, {"housing": 2.5}),
        ValueError,
        ("improved['housing']", "2.5"),
    ),
    (
        "cohort-improved-nan",
        lambda: Cohort("P", 10, {"housing": np.nan}),
        ValueError,
        ("improved['housing']", "nan"),
    ),
    (
        "cohort-improved-1e20",
        lambda: Cohort("P", 10, {"housing": 10**20}),
        ValueError,
        ("improved['housing']", "2**53"),
    ),
    (
        "cohort-improved-negative",
        lambda: Cohort("P", 10, {"housing": -1}),
        ValueError,
        ("improved['housing']", ">= 0", "-1"),
    ),
    (
        "cohort-improved-not-mapping",
        lambda: Cohort("P", 10, 3),
        TypeError,
        ("cohort 'P'", "improved must be a mapping", "int: 3"),
    ),
    (
        "cohort-improved-none",
        lambda: Cohort("P", 10, None),
        TypeError,
        ("cohort 'P'", "improved must be a mapping", "None"),
    ),
    (
        "cohort-outcome-int",
        lambda: Cohort("P", 10, {7: 1}),
        TypeError,
        ("cohort 'P'", "improved", "outcome key", "7"),
    ),
    (
        "cohort-potential-true",
        lambda: Cohort("P", 10, {"housing": 1}, {"housing": True}),
        TypeError,
        ("potential['housing']", "bool"),
    ),
    (
        "cohort-potential-list",
        lambda: Cohort("P", 10, {"housing": 1}, [1]),
        TypeError,
        ("potential must be a mapping", "list"),
    ),
    (
        "cohort-improved-above-families",
        lambda: Cohort("P", 10, {"housing": 11}),
        ValueError,
        ("cohort 'P'", "improved 11 > families 10", "'housing'"),
    ),
    (
        "cohort-improved-above-potential",
        lambda: Cohort("P", 10, {"housing": 4}, {"housing": 3}),
        ValueError,
        ("improved 4 > potential 3", "'housing'"),
    ),
    (
        "cohort-given-twice",
        lambda: Cohort("P", 10, {"housing": 1, "Housing": 1}),
        ValueError,
        ("outcome 'housing' is given twice",),
    ),
]

# -- Python objects: the model and its functions ------------------------------------------------

E = SAFECORE_2020_ENGAGED
M = SavingModel(SAFECORE_2020)

PYTHON_CALLS += [
    (
        "model-discount-false",
        lambda: SavingModel(SAFECORE_2020, discount_rate=False),
        TypeError,
        ("discount_rate", "bool: False"),
    ),
    (
        "model-discount-true",
        lambda: SavingModel(SAFECORE_2020, discount_rate=True),
        TypeError,
        ("discount_rate", "bool: True"),
    ),
    (
        "model-discount-text",
        lambda: SavingModel(SAFECORE_2020, discount_rate="treasury"),
        ValueError,
        ("discount_rate", "'treasury'"),
    ),
    (
        "model-discount-one",
        lambda: SavingModel(SAFECORE_2020, discount_rate=1),
        ValueError,
        ("discount_rate must be in [0, 1)", "1"),
    ),
    (
        "model-discount-nan",
        lambda: SavingModel(SAFECORE_2020, discount_rate=float("nan")),
        ValueError,
        ("discount_rate", "nan"),
    ),
    (
        "model-discount-none",
        lambda: SavingModel(SAFECORE_2020, discount_rate=None),
        TypeError,
        ("discount_rate", "None"),
    ),
    (
        "model-attribution-bool",
        lambda: SavingModel(SAFECORE_2020, attribution=True),
        TypeError,
        ("attribution", "bool"),
    ),
    (
        "model-attribution-percent",
        lambda: SavingModel(SAFECORE_2020, attribution=66),
        ValueError,
        ("attribution", "0.66", "66"),
    ),
    (
        "model-deadweight-negative",
        lambda: SavingModel(SAFECORE_2020, deadweight=-0.1),
        ValueError,
        ("deadweight", "-0.1"),
    ),
    (
        "model-displacement-inf",
        lambda: SavingModel(SAFECORE_2020, displacement=float("inf")),
        ValueError,
        ("displacement", "inf"),
    ),
    (
        "model-optimism-text",
        lambda: SavingModel(SAFECORE_2020, optimism_bias="0.1"),
        TypeError,
        ("optimism_bias", "'0.1'"),
    ),
    (
        "model-drop-off-decimal-nan",
        lambda: SavingModel(SAFECORE_2020, drop_off=Decimal("NaN")),
        ValueError,
        ("drop_off",),
    ),
    (
        "model-years-1e9",
        lambda: SavingModel(SAFECORE_2020, years=10**9),
        ValueError,
        ("years must be at most 1,000", "1000000000"),
    ),
    (
        "model-years-zero",
        lambda: SavingModel(SAFECORE_2020, years=0),
        ValueError,
        ("years", ">= 1", "0"),
    ),
    (
        "model-years-fraction",
        lambda: SavingModel(SAFECORE_2020, years=2.5),
        ValueError,
        ("years", "2.5"),
    ),
    ("model-years-bool", lambda: SavingModel(SAFECORE_2020, years=True), TypeError, ("years", "bool")),
    (
        "model-proxies-list",
        lambda: SavingModel([1, 2]),
        TypeError,
        ("proxies must be a ProxyTable", "list"),
    ),
    (
        "discount-factors-1e12",
        lambda: discount_factors(10**12),
        ValueError,
        ("years must be at most 1,000", "1000000000000"),
    ),
    ("discount-factors-rate-bool", lambda: discount_factors(5, False), TypeError, ("rate", "bool")),
    (
        "discount-factors-rate-text",
        lambda: discount_factors(5, "greenbook"),
        ValueError,
        ("rate", "'greenbook'"),
    ),
    (
        "evaluate-not-cohort",
        lambda: M.evaluate({"housing": 1}),
        TypeError,
        ("cohort must be a Cohort", "dict"),
    ),
    ("funding-true", lambda: delivery_cost_per_family(True, 10), TypeError, ("funding", "bool: True")),
    ("funding-text", lambda: delivery_cost_per_family("1000", 10), TypeError, ("funding", "'1000'")),
    (
        "funding-negative",
        lambda: delivery_cost_per_family(-1, 10),
        ValueError,
        ("funding", ">= 0", "-1"),
    ),
    ("funding-inf", lambda: delivery_cost_per_family(float("inf"), 10), ValueError, ("funding", "inf")),
    (
        "funding-families-zero",
        lambda: delivery_cost_per_family(1000, 0),
        ValueError,
        ("families", ">= 1", "0"),
    ),
    (
        "funding-families-fraction",
        lambda: delivery_cost_per_family(1000, 2.5),
        ValueError,
        ("families", "2.5"),
    ),
    (
        "funding-families-bool",
        lambda: delivery_cost_per_family(1000, True),
        TypeError,
        ("families", "bool"),
    ),
    (
        "funding-startup-share",
        lambda: delivery_cost_per_family(1000, 10, startup_share=10),
        ValueError,
        ("startup_share", "10"),
    ),
    ("vfm-cost-true", lambda: value_for_money(M, E, True), TypeError, ("cost_per_family", "bool")),
    (
        "vfm-cost-nan",
        lambda: value_for_money(M, E, float("nan")),
        ValueError,
        ("cost_per_family", "nan"),
    ),
    ("vfm-cost-negative", lambda: value_for_money(M, E, -5), ValueError, ("cost_per_family", "-5")),
    (
        "vfm-model-dict",
        lambda: value_for_money({}, E, 5),
        TypeError,
        ("model must be a SavingModel", "dict"),
    ),
    (
        "switching-parameter-int",
        lambda: switching_value(M, E, 5, 3),
        TypeError,
        ("parameter must be text", "int: 3"),
    ),
    (
        "switching-parameter-name",
        lambda: switching_value(M, E, 5, "drop_off"),
        ValueError,
        ("parameter must be", "'drop_off'"),
    ),
    (
        "switching-max-years-1e9",
        lambda: switching_value(M, E, 5, "years", max_years=10**9),
        ValueError,
        ("max_years", "1,000"),
    ),
    ("switching-cost-text", lambda: switching_value(M, E, "5"), TypeError, ("cost_per_family", "'5'")),
    (
        "switching-cohort-none",
        lambda: switching_value(M, None, 5),
        TypeError,
        ("cohort must be a Cohort", "None"),
    ),
    (
        "simulate-n-1e12",
        lambda: simulate(M, E, n=10**12),
        ValueError,
        ("n must be at most 10,000,000", "1000000000000"),
    ),
    ("simulate-n-zero", lambda: simulate(M, E, n=0), ValueError, ("n must be", ">= 1", "0")),
    ("simulate-n-bool", lambda: simulate(M, E, n=True), TypeError, ("n must be", "bool")),
    ("simulate-n-fraction", lambda: simulate(M, E, n=10.5), ValueError, ("n must be", "10.5")),
    (
        "simulate-seed-text",
        lambda: simulate(M, E, n=10, seed="x"),
        TypeError,
        ("seed must be", "str", "'x'"),
    ),
    (
        "simulate-seed-float",
        lambda: simulate(M, E, n=10, seed=1.5),
        TypeError,
        ("seed must be", "float", "1.5"),
    ),
    ("simulate-seed-bool", lambda: simulate(M, E, n=10, seed=True), TypeError, ("seed must be", "bool")),
    (
        "simulate-seed-negative",
        lambda: simulate(M, E, n=10, seed=-1),
        ValueError,
        ("seed", ">= 0", "-1"),
    ),
    ("simulate-seed-huge", lambda: simulate(M, E, n=10, seed=2**200), ValueError, ("seed",)),
    (
        "simulate-spread-nan",
        lambda: simulate(M, E, n=10, proxy_spread=float("nan")),
        ValueError,
        ("proxy_spread", "nan"),
    ),
    (
        "simulate-spread-bool",
        lambda: simulate(M, E, n=10, proxy_spread=False),
        TypeError,
        ("proxy_spread", "bool"),
    ),
    (
        "simulate-sampling-text",
        lambda: simulate(M, E, n=10, sampling="yes"),
        TypeError,
        ("sampling must be True or False", "'yes'"),
    ),
    (
        "simulate-chunk-zero",
        lambda: simulate(M, E, n=10, chunk_size=0),
        ValueError,
        ("chunk_size", ">= 1"),
    ),
    (
        "simulate-chunk-memory",
        lambda: simulate(M, E, n=10_000_000, chunk_size=10**12),
        ValueError,
        ("simulate(n=10,000,000", "GiB"),
    ),
    (
        "simulate-range-reversed",
        lambda: simulate(M, E, n=10, attribution_range=(0.8, 0.2)),
        ValueError,
        ("attribution_range", "(0.8, 0.2)"),
    ),
    (
        "simulate-range-above-one",
        lambda: simulate(M, E, n=10, deadweight_range=(0, 1.5)),
        ValueError,
        ("deadweight_range[1]", "1.5"),
    ),
    (
        "simulate-range-scalar",
        lambda: simulate(M, E, n=10, attribution_range=0.5),
        TypeError,
        ("attribution_range must be a pair", "float"),
    ),
    (
        "simulate-percentile-range",
        lambda: simulate(M, E, n=10, percentiles=[50, 101]),
        ValueError,
        ("percentiles[1]", "101"),
    ),
    (
        "simulate-percentile-text",
        lambda: simulate(M, E, n=10, percentiles="50"),
        TypeError,
        ("percentiles must be a sequence", "'50'"),
    ),
    (
        "simulate-progress-not-callable",
        lambda: simulate(M, E, n=10, progress=5),
        TypeError,
        ("progress must be callable or None", "int: 5"),
    ),
    (
        "simulate-model-none",
        lambda: simulate(None, E, n=10),
        TypeError,
        ("model must be a SavingModel", "None"),
    ),
    (
        "sensitivity-unknown",
        lambda: sensitivity(M, E, ranges={"colour": (0, 1)}),
        ValueError,
        ("unknown parameter 'colour'",),
    ),
    (
        "sensitivity-proxies",
        lambda: sensitivity(M, E, ranges={"proxies": (0, 1)}),
        ValueError,
        ("unknown parameter 'proxies'",),
    ),
    (
        "sensitivity-not-mapping",
        lambda: sensitivity(M, E, ranges=[("attribution", (0, 1))]),
        TypeError,
        ("ranges must map", "list"),
    ),
    (
        "sensitivity-not-pair",
        lambda: sensitivity(M, E, ranges={"attribution": 0.5}),
        TypeError,
        ("ranges['attribution'] must be a pair", "float"),
    ),
    (
        "sensitivity-bad-share",
        lambda: sensitivity(M, E, ranges={"attribution": (0.5, 1.5)}),
        ValueError,
        ("ranges['attribution']", "attribution", "1.5"),
    ),
    (
        "sensitivity-years-limit",
        lambda: sensitivity(M, E, ranges={"years": (1, 10**9)}),
        ValueError,
        ("ranges['years']", "years must be at most 1,000"),
    ),
    (
        "sensitivity-text-value",
        lambda: sensitivity(M, E, ranges={"discount_rate": ("green-book", 0.07)}),
        TypeError,
        ("ranges['discount_rate'][0]", "'green-book'"),
    ),
    (
        "sensitivity-spread-bool",
        lambda: sensitivity(M, E, proxy_spread=True),
        TypeError,
        ("proxy_spread", "bool"),
    ),
    (
        "sensitivity-spread-range",
        lambda: sensitivity(M, E, proxy_spread=2),
        ValueError,
        ("proxy_spread", "2"),
    ),
]


@pytest.mark.parametrize(
    ("call", "builtin", "fragments"),
    [pytest.param(*case[1:], id=case[0]) for case in PYTHON_CALLS],
)
def test_bad_python_input(call: Any, builtin: type[BaseException], fragments: tuple[str, ...]):
    """Bad arguments raise the fitting builtin (and SafecoreError) naming the parameter and value."""
    refused(call, builtin, *fragments)


def test_limits_raise_limit_exceeded():
    """Requests above a documented size limit raise LimitExceededError before allocating."""
    from safecore._errors import LimitExceededError

    refused(lambda: discount_factors(10**12), LimitExceededError, "years")
    refused(lambda: SavingModel(SAFECORE_2020, years=10**9), LimitExceededError, "years")
    refused(lambda: simulate(M, E, n=10**12), LimitExceededError, "n must be at most")
    refused(lambda: simulate(M, E, n=10**7, chunk_size=10**15), LimitExceededError, "GiB")


def test_model_errors_keep_their_class():
    """Range errors of the model are ModelErrors; cohort errors are CohortErrors."""
    refused(lambda: SavingModel(SAFECORE_2020, attribution=2), ModelError, "attribution")
    refused(lambda: simulate(M, E, n=0), ModelError, "n must be")
    refused(lambda: Cohort("P", 0, {}), CohortError, "families")


# -- cohort files ---------------------------------------------------------------------------

COHORT = "[cohorts.a]\nfamilies = 10\nimproved = { housing = 3 }\n"

COHORT_FILES: list[tuple[str, str, tuple[str, ...]]] = [
    # (id, content, message fragments); every one is a CohortError (a ValueError)
    ("empty", "", ("c.toml: no cohorts",)),
    ("empty-cohorts-table", "[cohorts]\n", ("c.toml: no cohorts",)),
    ("cohorts-not-table", "cohorts = 5\n", ("c.toml: cohorts must be a table", "integer: 5")),
    ("cohort-not-table", "[cohorts]\na = 5\n", ("c.toml: cohorts.a must be a table", "integer: 5")),
    ("unknown-top-level", "title = 'x'\n" + COHORT, ("c.toml: unknown key 'title'",)),
    ("unknown-cohort-key", COHORT + "colour = 1\n", ("c.toml: unknown key 'cohorts.a.colour'",)),
    (
        "improved-not-table",
        "[cohorts.a]\nfamilies = 10\nimproved = 3\n",
        ("c.toml: cohorts.a.improved must be a table", "integer: 3"),
    ),
    (
        "potential-not-table",
        COHORT + "potential = [3]\n",
        ("c.toml: cohorts.a.potential must be a table", "array"),
    ),
    (
        "families-missing",
        "[cohorts.a]\nimproved = { housing = 3 }\n",
        ("c.toml: cohorts.a.families is missing",),
    ),
    ("improved-missing", "[cohorts.a]\nfamilies = 10\n", ("c.toml: cohorts.a.improved is missing",)),
    (
        "families-1e20",
        COHORT.replace("10", "100000000000000000000"),
        ("c.toml: cohorts.a.families must be at most 2**53", "100000000000000000000"),
    ),
    (
        "families-2e53",
        COHORT.replace("10", "9007199254740993"),
        ("c.toml: cohorts.a.families must be at most 2**53", "9007199254740993"),
    ),
    ("families-text", COHORT.replace("10", '"10"'), ("c.toml: cohorts.a.families", "not str", "'10'")),
    ("families-bool", COHORT.replace("10", "true"), ("c.toml: cohorts.a.families", "not bool: True")),
    (
        "families-fraction",
        COHORT.replace("10", "2.5"),
        ("c.toml: cohorts.a.families must be a whole number: 2.5",),
    ),
    ("families-nan", COHORT.replace("10", "nan"), ("c.toml: cohorts.a.families", "nan")),
    (
        "families-zero",
        "[cohorts.a]\nfamilies = 0\nimproved = {}\n",
        ("c.toml: cohorts.a.families must be a whole number >= 1: 0",),
    ),
    (
        "improved-text",
        COHORT.replace("housing = 3", 'housing = "3"'),
        ("c.toml: cohorts.a.improved.housing", "'3'"),
    ),
    (
        "improved-negative",
        COHORT.replace("housing = 3", "housing = -3"),
        ("c.toml: cohorts.a.improved.housing must be a whole number >= 0: -3",),
    ),
    (
        "improved-above-families",
        COHORT.replace("housing = 3", "housing = 11"),
        ("c.toml, cohorts.a: improved 11 > families 10 for outcome 'housing'",),
    ),
    (
        "improved-twice",
        COHORT.replace("housing = 3", "housing = 3, Housing = 2"),
        ("c.toml: cohorts.a.improved: outcome 'housing' is given twice",),
    ),
    ("name-number", COHORT + "name = 5\n", ("c.toml: cohorts.a.name must be text", "int: 5")),
    ("syntax", "[cohorts.a\n", ("c.toml: not valid TOML",)),
    ("not-utf8", "name = 'caf\xe9'\n", ("c.toml, line 1: not valid UTF-8",)),
]


@pytest.mark.parametrize(
    ("content", "fragments"), [pytest.param(*case[1:], id=case[0]) for case in COHORT_FILES]
)
def test_bad_cohort_file(tmp_path: Path, content: str, fragments: tuple[str, ...]):
    """A malformed cohort file is a CohortError naming the file and key path."""
    p = tmp_path / "c.toml"
    if "caf\xe9" in content:
        p.write_bytes(content.encode("latin-1"))
    else:
        p.write_text(content, encoding="utf-8")
    err = refused(lambda: load_cohorts(p), ValueError, *(f.replace("c.toml", str(p)) for f in fragments))
    assert isinstance(err, CohortError)


def test_load_cohorts_reads_a_good_file_and_stays_in_report(tmp_path: Path):
    """A good file gives Cohorts in order; safecore.report.load_cohorts is the same function."""
    p = tmp_path / "c.toml"
    p.write_text(COHORT + '[cohorts.b]\nname = "Bee"\nfamilies = 4\nimproved = {}\n', encoding="utf-8")
    cohorts = load_cohorts(p)
    assert [(c.name, c.families) for c in cohorts] == [("a", 10), ("Bee", 4)]
    assert report_load_cohorts is load_cohorts


# -- accepted numbers -------------------------------------------------------------------------


def test_numpy_and_decimal_numbers_are_accepted():
    """numpy integers and floats, Decimal and Fraction are numbers; results equal the plain ones."""
    c = Cohort("P", families=np.int64(12), improved={"housing": np.int32(3)})
    assert c.families == 12 and type(c.families) is int and c.improved == {"housing": 3}
    assert Cohort("P", 12.0, {"housing": 3}) == Cohort("P", 12, {"housing": 3})
    sim = simulate(M, E, n=np.int64(1000), seed=np.uint32(7))
    assert sim.n == 1000 and sim.seed == 7
    assert SavingModel(SAFECORE_2020, discount_rate=np.float32(0.035)).discount_rate == pytest.approx(
        0.035
    )
    assert SavingModel(SAFECORE_2020, discount_rate=Decimal("0.035")).discount_rate == 0.035
    assert SavingModel(SAFECORE_2020, attribution=Fraction(2, 3)).attribution == pytest.approx(2 / 3)
    assert SavingModel(SAFECORE_2020, years=np.int16(5)).years == 5
    assert _proxy(saving=Decimal("8450.50")).saving == 8450.5
    assert _proxy(saving=np.float64(12.5)).saving == 12.5
    assert _proxy(saving=-0.0).saving == 0.0 and "£0.00" in repr(_proxy(saving=-0.0))
    assert delivery_cost_per_family(Decimal("1950000"), np.int64(89), startup_share=Decimal("0.1")) == (
        pytest.approx(19_719.1011, abs=1e-4)
    )
    assert T.scaled(np.float32(2))["a"].saving == 200
    assert T.rebased({2018: Decimal(100), 2019: 102.0, 2020: np.float64(105)}, np.int64(2020))[
        "a"
    ].saving == (pytest.approx(105.0))


def test_largest_inputs_print_finite_money():
    """Savings at MAX_SAVING and counts at 2**53 give finite totals and no £inf or £nan."""
    big = ProxyTable([Proxy("a", "x", MAX_SAVING, "s")])
    c = Cohort("Big", 2**53, {"a": 2**53})
    model = SavingModel(big, years=1000, discount_rate=0.0)
    ev = model.evaluate(c)
    assert np.isfinite(ev.total)
    text = repr(ev) + str(ev) + repr(value_for_money(model, c, 1e300))
    assert "inf" not in text and "nan" not in text
    assert "£inf" not in repr(sensitivity(SavingModel(big), c, proxy_spread=1.0))


# -- round trips and arbitrary bytes (hypothesis) -----------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(proxy_tables())
def test_round_trip_through_files(table: ProxyTable):
    """load_proxies of to_csv and of to_toml, written to a file, gives back an equal table."""
    with tempfile.TemporaryDirectory() as d:
        for suffix, text in ((".csv", table.to_csv()), (".toml", table.to_toml())):
            p = Path(d) / f"p{suffix}"
            p.write_text(text, encoding="utf-8", newline="")
            assert load_proxies(p) == table


@settings(max_examples=150)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=200).map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.lists(
            st.sampled_from(
                [HEADER, ROW, "a,x,1,s,2019,B\n", '"', "'=", ";", "\r", "[[", "]]", "=", "\x00"]
            ),
            max_size=12,
        ).map(lambda parts: "".join(parts).encode("utf-8")),
    ),
    st.sampled_from([".csv", ".toml"]),
)
def test_arbitrary_bytes_raise_only_safecore_errors(data: bytes, suffix: str):
    """Any bytes in a .csv or .toml file either load or raise a SafecoreError."""
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"p{suffix}"
        p.write_bytes(data)
        with contextlib.suppress(SafecoreError):  # anything else fails the test
            load_proxies(p)
