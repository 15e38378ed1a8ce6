"""The columnar reader of references (``references/columnar.py``) finds what the per-text reader finds.

Every test compares the two on the same comments (``extract.COLUMNAR`` on and off): random texts built from
the pieces the rules turn on, the files in ``tests/data``, a generated corpus; and checks by hand which texts
the columnar reader takes and which it leaves to the per-text reader.
"""

import importlib
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import commentgraph as cg
from commentgraph.references.columnar import key_table, settle
from commentgraph.references.namecols import ALNUM as _ALNUM
from commentgraph.references.namecols import norm_tokens
from commentgraph.references.context import prepare
from commentgraph.references.names import norm
from commentgraph.references.options import ResolverOptions

extract_module = importlib.import_module("commentgraph.references.extract")
ROOT = Path(__file__).resolve().parents[1]


def both(comments, **options):
    """extract() with and without the columnar reader."""
    opt = ResolverOptions.of(None, **options)
    c = prepare(comments)
    try:
        extract_module.COLUMNAR = True
        fast = extract_module.extract(c, opt)
        extract_module.COLUMNAR = False
        slow = extract_module.extract(c, opt)
    finally:
        extract_module.COLUMNAR = True
    return fast, slow


def settled(comments):
    """Which texts the columnar reader settles, and its rows."""
    c = prepare(comments)
    col = pl.Series(list(c["text"]), dtype=pl.String)
    articles, uniq = pd.factorize(c["article_id"], use_na_sentinel=False)
    keys = key_table(articles, c["author"], np.ones(len(uniq), dtype=bool))
    rows, done = settle(col, articles, keys, np.ones(len(c), dtype=bool), ResolverOptions())
    return done.tolist(), rows


def _chars(spec: str) -> list[str]:
    out = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out += [chr(x) for x in range(ord(spec[i]), ord(spec[i + 2]) + 1)]
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return out


def test_norm_of_every_letter_is_that_of_names():
    letters = _chars(_ALNUM)
    assert len(letters) == 10 + 52 + 23 + 31 + 8
    words = letters + ["Müller-Lüdenscheidt".replace("-", ""), "STRASSE", "Straße", "ÆØÅæøå", "Ðóttir", "Þór"]
    got = pl.select(norm_tokens(pl.lit(pl.Series(words)))).to_series().to_list()
    assert got == [norm(w) for w in words]


SAMPLE = pd.DataFrame(
    {
        "comment_id": ["1", "2", "3", "4", "5", "6", "7"],
        "article_id": "a",
        "number": [1, 2, 3, 4, 5, 6, 7],
        "author": ["Anna Maria", "Ben", "W. Merseburger", "Ben", "Cleo", "Anna", "Dora"],
        "text": [
            "Hallo",
            "@1 Anna Maria: nein, @ 3 ja",  # settled: number+name, number
            "@Ralf Meier?",  # an unknown name: per-text reader
            "@Ben und @9 W. Merseburger: so",  # settled: name, number + a name not... exact
            "mail me at cleo@example.org, @12:30",  # settled: no reference at all
            "@AnnaMaria hi",  # a glued handle: per-text reader
            "@ 2 Frieden ist gut. @ 4 Genau.",  # settled: numbers; words after them no names
        ],
    }
)


def test_which_texts_the_columnar_reader_settles():
    done, rows = settled(SAMPLE)
    assert done == [True, True, False, True, True, False, True]
    got = rows.select("t", "raw", "written_number", "matched_author", "rule").rows()
    assert got == [
        (1, "@1 Anna Maria", 1, "Anna Maria", "number+name:exact"),
        (1, "@ 3", 3, None, "number"),
        (3, "@Ben", None, "Ben", "name:exact"),
        (3, "@9 W. Merseburger", 9, "W. Merseburger", "number+name:exact"),
        (6, "@ 2", 2, None, "number"),
        (6, "@ 4", 4, None, "number"),
    ]
    fast, slow = both(SAMPLE)
    pd.testing.assert_frame_equal(fast, slow)
    assert fast["raw"].tolist() == ["@1 Anna Maria", "@ 3", "@Ralf Meier", "@Ben", "@9 W. Merseburger",
                                    "@AnnaMaria", "@ 2", "@ 4"]


AUTHORS = ["Anna", "Anna Maria", "Ben", "W. Merseburger", "Müller", "Jörg2", "Sie", "Dr. Lehmann", "921", "ben",
           "Zoë Ça", "Lutz_K", "Frieden", "[deleted]", "anna-maria", "A", "Élan Vital", "Kriegsreporter", "Friede", "Sachse", "S. Schulze",
           "Hans Zeitler", "Ωmega", "Bob (mod)", "Anna (Gast)", "Cleo [Redaktion]", "Cleo (x)", "12 (Team)", "Jane Doe (@jd_w)"]
PIECES = ["@", "@", "@", " @", "@ ", "@@", "＠", "-@", "x@", "(@", "12", "1", "3", "1234567", "921", "Nr. 2", "#2",
          "Anna", "Maria", "anna", "Ben", "W.", "Merseburger", "Müller", "Mueller", "Jörg2", "Sie", "sie", "Dr.",
          "Lehmann", "Zoë", "Ça", "Lutz_K", "LutzK", "Frieden", "Krieg", "Zeit", "Sache", "Schule", "Geht's", "Welt", "ist", "haben", "genau", "Uhr", "Jahre",
          "%", ",", ":", ".", "?", "!", "-", "–", "’", "'", "(", ")", " ", " ", " ", "  ", "\n", "\u00a0", "_",
          "Élan", "Vital", "Ω", "Bob", "Cleo", "(mod)", "jd_w", "Jane", "😀", "/", "/@", "http://x.org/@Ben", "u/ben", ">>2", "Antwort auf", "In reply to", "Reply"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=14).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(AUTHORS), texts, st.integers(0, 1)), min_size=1, max_size=8),
       st.sampled_from([{}, {"max_name_words": 2}, {"address": False}, {"fuzzy_threshold": None},
                        {"fuzzy_threshold": 70.0, "prefix_min": 3}, {"lowercase_handles": True}]))
def test_random_texts_read_alike(rows, options):
    c = pd.DataFrame(
        {
            "comment_id": [str(i + 1) for i in range(len(rows))],
            "article_id": [f"a{r[2]}" for r in rows],
            "number": list(range(1, len(rows) + 1)),
            "author": [r[0] for r in rows],
            "text": [r[1] for r in rows],
        }
    )
    fast, slow = both(c, **options)
    pd.testing.assert_frame_equal(fast, slow)


def _inputs():
    for p in sorted((ROOT / "tests/data").rglob("*")):
        if p.suffix in (".txt", ".csv", ".json", ".jsonl") and p.is_file():
            yield p


@pytest.mark.parametrize("path", list(_inputs()), ids=lambda p: str(p.relative_to(ROOT / "tests/data")))
def test_files_read_alike(path):
    reader = cg.read_page if path.suffix == ".txt" else cg.read_table
    try:
        d = reader(path)
    except cg.ReadError:  # files that are meant to fail to read (tests/data/bad, parts of a ConvoKit folder)
        pytest.skip("not readable")
    fast, slow = both(d.comments)
    pd.testing.assert_frame_equal(fast, slow)


def test_generated_corpus_reads_alike_and_mostly_columnar():
    from benchmarks.generate import corpus

    d = cg.read_table(corpus(10_000).parquet)
    fast, slow = both(d.comments)
    pd.testing.assert_frame_equal(fast, slow)
    done, _ = settled(d.comments)
    has_at = d.comments["text"].str.contains("@").fillna(False).to_numpy()
    share = np.asarray(done)[has_at].mean()
    assert share > 0.9, share


NAME_PIECES = ["Anna", "Maria", "von", "Bülow", "W.", "Merseburger", "_", " ", "  ", "\t", "\u00a0", "-", "'", "’",
               "Ça", "ÆØÅ", "ß", "Ð", "þ", "x", "42", "Dr.", "[deleted]", "Ω", "ﬁ", "İ", "e\u0301", "😀", "\x1c"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(NAME_PIECES), min_size=1, max_size=6).map("".join), min_size=1, max_size=20))
def test_name_columns_are_the_names_of_one_by_one(names):
    from commentgraph.references.namecols import alias_rows, is_safe
    from commentgraph.references.namecols import norm as norm_column
    from commentgraph.references.names import aliases

    safe = pl.select(is_safe(pl.lit(pl.Series(names)))).to_series().to_list()
    got = pl.select(norm_column(pl.lit(pl.Series(names)))).to_series().to_list()
    assert [g for g, ok in zip(got, safe) if ok] == [norm(n) for n, ok in zip(names, safe) if ok]
    rows, unread = alias_rows(names)
    assert unread.tolist() == [not ok for ok in safe]
    for which, column in ((1, "prefix"), (2, "fuzzy")):
        for i, n in enumerate(names):
            if safe[i]:
                mine = rows.filter((pl.col("i") == i) & pl.col(column))["alias"].to_list()
                theirs = aliases(n)
                assert list(dict.fromkeys(mine)) == (list(dict.fromkeys(theirs[which])) if theirs else [])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.one_of(st.text(max_size=12), st.sampled_from(AUTHORS), st.none(), st.integers(0, 99)),
            st.lists(st.one_of(st.text(max_size=6), st.sampled_from(PIECES)), max_size=10).map("".join),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_text_and_author_read_alike(rows):
    c = pd.DataFrame(
        {
            "comment_id": [str(i + 1) for i in range(len(rows))],
            "article_id": "a",
            "number": list(range(1, len(rows) + 1)),
            "author": pd.array([r[0] for r in rows], dtype=object),
            "text": [r[1] for r in rows],
        }
    )
    fast, slow = both(c)
    pd.testing.assert_frame_equal(fast, slow)


def test_hostile_values_read_alike():
    c = pd.DataFrame(
        {
            "comment_id": ["1", "2", "3", "4", "5"],
            "article_id": ["a", "a", None, "a", "a"],
            "number": [1, 2, 3, None, 5],
            "author": pd.Series(["Anna", None, "Anna", 42, "B\ud800en"], dtype=object),
            "text": pd.Series([None, "@2 Anna: x", "@1 Anna", "@ 1 B\ud800en: y @" + "A" * 500, "@Anna " * 2000], dtype=object),
        }
    )
    fast, slow = both(c)
    pd.testing.assert_frame_equal(fast, slow)
    # @2 Anna, @1 Anna (its article unknown: the comments without one), @ 1 and the unknown @AAA..., 2000 x @Anna
    assert len(fast) == 2 + 2 + 2000
    assert fast["rule"].value_counts().to_dict() == {"name:exact": 2000, "number+name:exact": 2, "number": 1,
                                                     "name:unknown": 1}
