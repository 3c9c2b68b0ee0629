"""Tests for safecore.cost.proxies."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safecore import CostOutcome, SafecoreError
from safecore.cost import (
    SAFECORE_2020,
    MissingOutcomeError,
    Proxy,
    ProxyTable,
    ProxyTableError,
    load_proxies,
)


def test_safecore_2020_is_table_11():
    """The embedded table holds Table 11's eight values, in the report's order."""
    assert [p.saving for p in SAFECORE_2020] == [1965, 13139, 7770, 2303, 67, 2330, 3994, 8904]
    assert SAFECORE_2020.keys() == tuple(CostOutcome)
    assert SAFECORE_2020["Housing"].indicator == "An eviction has been avoided."
    assert "Walby, 2009" in SAFECORE_2020[CostOutcome.VIOLENCE].source


def test_lookup_by_member_value_or_label():
    """Lookup accepts a CostOutcome member, its value and its label."""
    p = SAFECORE_2020[CostOutcome.MENTAL_HEALTH]
    assert SAFECORE_2020["mental_health"] is p
    assert SAFECORE_2020["Mental Health"] is p
    assert "mental_health" in SAFECORE_2020 and "nope" not in SAFECORE_2020


def test_absent_outcome_is_a_key_error():
    """Looking up an outcome with no proxy raises KeyError (and SafecoreError)."""
    with pytest.raises(KeyError, match="no proxy for outcome 'loneliness'") as info:
        SAFECORE_2020["loneliness"]
    assert isinstance(info.value, SafecoreError)
    assert isinstance(info.value, MissingOutcomeError)


def test_researcher_outcomes_extend_the_table():
    """A researcher's own outcome is added; replacing keeps the order; without removes."""
    own = Proxy("loneliness", "One adult less lonely", 1200, "Own estimate", price_year=2020)
    t = SAFECORE_2020.with_proxy(own)
    assert t.keys()[-1] == "loneliness" and len(t) == 9
    cheaper = Proxy("housing", "An eviction has been avoided.", 5000, "New source")
    t2 = t.with_proxy(cheaper)
    assert t2.keys() == t.keys() and t2["housing"].saving == 5000
    assert "loneliness" not in t2.without("loneliness")
    assert len(SAFECORE_2020) == 8  # immutability: the original is unchanged
    with pytest.raises(KeyError):
        SAFECORE_2020.without("loneliness")


def test_scaled_and_rebased():
    """scaled multiplies every saving; rebased applies index[to] / index[from]."""
    assert SAFECORE_2020.scaled(2)["physical_health"].saving == 134
    t = ProxyTable(
        [Proxy("a", "x", 100, "s", price_year=2018), Proxy("b", "y", 50, "s", price_year=2019)]
    )
    r = t.rebased({2018: 100.0, 2019: 102.0, 2020: 105.0}, 2020)
    assert r["a"].saving == pytest.approx(105.0)
    assert r["b"].saving == pytest.approx(50 * 105 / 102)
    assert r["a"].price_year == 2020
    with pytest.raises(ProxyTableError, match="has no price_year"):
        SAFECORE_2020.rebased({2020: 1.0}, 2020)
    with pytest.raises(ProxyTableError, match=r"price_index has no value for 2021 \(proxy 'a'\)"):
        t.rebased({2018: 1.0, 2019: 1.0}, 2021)


def test_duplicate_outcome_rejected():
    """A table cannot hold two proxies for one outcome."""
    with pytest.raises(ProxyTableError, match="duplicate outcome 'a'"):
        ProxyTable([Proxy("a", "x", 1, "s"), Proxy("a", "y", 2, "s")])


@pytest.mark.parametrize(
    ("saving", "error", "message"),
    [
        (-1, ProxyTableError, r"saving must be in \[0, 1e\+12\]: -1"),
        ("12", TypeError, "saving must be a finite number, not str: '12'"),
        (float("nan"), ProxyTableError, "saving must be a finite number: nan"),
        (True, TypeError, "saving must be a finite number, not bool: True"),
    ],
)
def test_bad_saving(saving: object, error: type[Exception], message: str):
    """Negative or NaN savings are ValueErrors; text and bool savings are TypeErrors."""
    with pytest.raises(error, match=message) as info:
        Proxy("a", "x", saving, "s")  # type: ignore[arg-type]
    assert isinstance(info.value, SafecoreError)


def test_round_trips(tmp_path: Path):
    """TOML and CSV exports read back to an equal table."""
    own = SAFECORE_2020.with_proxy(
        Proxy(
            "own, with comma",
            'say "hi"',
            12.5,
            "s",
            2019,
            2,
            value_type="social",
            beneficiary="NHS",
            cashable=False,
            lag=1,
            duration=3,
            drop_off=0.2,
            deadweight=0.1,
            displacement=0.05,
            attribution=0.8,
        )
    )
    for suffix, text in ((".toml", own.to_toml()), (".csv", own.to_csv())):
        p = tmp_path / f"proxies{suffix}"
        p.write_text(text, encoding="utf-8")
        assert load_proxies(p) == own


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abcdefgh_", min_size=1, max_size=8),
            st.floats(0, 1e7, allow_nan=False),
            st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=20),
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda t: t[0],
    )
)
def test_round_trip_property(rows: list[tuple[str, float, str]]):
    """Any non-empty table survives TOML and CSV serialisation exactly (an empty file is refused)."""
    import tempfile

    table = ProxyTable(Proxy(k, f"ind {k}", s, src.strip() or "src") for k, s, src in rows)
    with tempfile.TemporaryDirectory() as d:
        for suffix, text in ((".toml", table.to_toml()), (".csv", table.to_csv())):
            p = Path(d) / f"p{suffix}"
            p.write_text(text, encoding="utf-8")
            assert load_proxies(p) == table


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "p.toml",
            '[[proxy]]\noutcome = "a"\nindicator = "x"\nsaving = 1\nsource = "s"\ncolour = 1\n',
            r"p.toml: unknown key 'proxy\[1\]\.colour'",
        ),
        (
            "p.toml",
            '[[proxy]]\noutcome = "a"\nindicator = "x"\nsource = "s"\n',
            r"p.toml: proxy\[1\]\.saving is missing",
        ),
        (
            "p.toml",
            '[[proxy]]\noutcome = "a"\nindicator = "x"\nsaving = -5\nsource = "s"\n',
            r"p.toml: proxy\[1\]\.saving must be in \[0, 1e\+12\]: -5",
        ),
        (
            "p.toml",
            '[[proxy]]\noutcome = "a"\nindicator = "x"\nsaving = "lots"\nsource = "s"\n',
            r"p.toml: proxy\[1\]\.saving must be a finite number, not str: 'lots'",
        ),
        (
            "p.toml",
            '[[proxy]]\noutcome = "a"\nindicator = "x"\nsaving = 1\nsource = "s"\n'
            '[[proxy]]\noutcome = "a "\nindicator = "y"\nsaving = 2\nsource = "s"\n',
            r"p.toml: proxy\[2\]\.outcome: duplicate outcome 'a' \(first in proxy\[1\]\)",
        ),
        ("p.toml", "proxy = [", "not valid TOML"),
        (
            "p.csv",
            "outcome,indicator,saving,source\na,x,abc,s\n",
            r"p.csv, line 2: saving must be a number: 'abc'",
        ),
        (
            "p.csv",
            "outcome,indicator,saving,source,notes\na,x,1,s,n\n",
            r"p.csv: unknown column 'notes'",
        ),
        (
            "p.csv",
            "outcome,indicator,saving,source\na,x,1,s\na,y,2,s\n",
            r"p.csv, line 3: outcome: duplicate outcome 'a' \(first in line 2\)",
        ),
        ("p.txt", "", "expected .toml, .csv or .xlsx"),
    ],
)
def test_malformed_files(tmp_path: Path, name: str, content: str, message: str):
    """Malformed proxy files raise ProxyTableError naming file, row and field."""
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    with pytest.raises(ProxyTableError, match=message):
        load_proxies(p)


def test_bad_encoding(tmp_path: Path):
    """A file that is not UTF-8 is rejected clearly."""
    p = tmp_path / "p.csv"
    p.write_bytes("outcome,indicator,saving,source\na,caf\xe9,1,s\n".encode("latin-1"))
    with pytest.raises(ProxyTableError, match="not valid UTF-8"):
        load_proxies(p)


def test_outputs():
    """repr, str, HTML and to_dict show the outcomes and savings."""
    assert repr(SAFECORE_2020).startswith("ProxyTable(education=£1,965")
    assert "£13,139" in str(SAFECORE_2020)
    assert "<table>" in SAFECORE_2020._repr_html_()
    assert SAFECORE_2020.to_dict()["proxies"][0]["outcome"] == "education"
    assert repr(SAFECORE_2020["housing"]) == "Proxy('housing', saving=£7,770.00)"


def test_file_format_overrides_the_suffix(tmp_path: Path):
    """file_format= reads a file whose name does not say what it holds; a bad value is refused."""
    p = tmp_path / "proxies.txt"
    p.write_text(SAFECORE_2020.to_csv(), encoding="utf-8")
    assert load_proxies(p, file_format="csv") == SAFECORE_2020
    p.write_text(SAFECORE_2020.to_toml(), encoding="utf-8")
    assert load_proxies(p, file_format="toml") == SAFECORE_2020
    p.write_text(SAFECORE_2020.to_csv(), encoding="utf-8")
    with pytest.raises(ProxyTableError, match=r"proxies\.txt: not valid TOML"):
        load_proxies(p, file_format="toml")  # told wrong: the error is the format's own
    with pytest.raises(ValueError, match="file_format must be 'toml', 'csv' or 'xlsx': 'json'"):
        load_proxies(p, file_format="json")  # type: ignore[arg-type]
