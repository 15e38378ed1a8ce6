"""References read by joins (``extract``) equal references read one at a time (``extract_each``)."""

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import commentgraph as cg
from commentgraph.references.context import prepare
from commentgraph.references.extract import extract, extract_each

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

AUTHORS = ["Anna", "Anna Maria", "Anna-Lena", "W. Merseburger", "Rob_K", "Lutz26", "B.Russell", "Müller",
           "Hallenser144", "Hallenser14_4", "921", "ANNA", "Dr. Lehmann", "Stiller Pendler3", "argyle5663", "İsmail",
           "e\u0301mile", "Straß", "_lurker_", "[deleted]", None]
PIECES = ["@", "@ ", "@@", "＠", "-@", "@Nr. ", "@#", "@ Nr.", "12", "7", "3", "921", "1234567", "12:30", "12,5",
          " Uhr", " %", "Anna", "anna", "Anna Maria", "Anna-Lena", "Anna-Maria", "W. Merseburger", "Merseburger",
          "Rob K", "Rob_K", "Lutz26", "Lutz26You", "B, Russell", "Müller", "Mueller", "Hallenser144", "Hallenser14_4",
          "Dr. Lehmann", "Stiller Pendler3", "Ralf Meier", "Ich", "Sie haben recht", "Genau", "das ", "the ", "argyle",
          "ANNA", "İsmail", "e\u0301mile", "Straß", "Strass", "Ⅻ", "²", ":", ",", ", ", ".", "!", "?", ")", " ", "  ",
          "\n", "\t", "\u00a0", "https://x.org/", "mail", "x@y.org", "Antwort auf ", "In reply to ", "Reply to ",
          "Sure, ", "Detalumis, ", "Chris K: ", "Hey ", "ja", "nein", "lol", "’s", "'", "-", "ß", "wir", "_", "_lurker_",
          "__lurker"]

texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=14).map("".join)


def _comments(rows) -> pd.DataFrame:
    n = len(rows)
    return pd.DataFrame({
        "comment_id": [f"c{i}" for i in range(n)],
        "article_id": [a for a, _, _ in rows],
        "number": pd.array(range(1, n + 1), dtype="Int64"),
        "author": pd.array([au for _, au, _ in rows], dtype="str"),
        "text": pd.array([t for _, _, t in rows], dtype="str"),
        "posted_at": pd.date_range("2024-01-01", periods=n, freq="min", tz="UTC"),
    })


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(AUTHORS), texts), min_size=1, max_size=12),
       st.sampled_from([{}, {"lowercase_handles": True}, {"max_name_words": 1}, {"fuzzy_threshold": None},
                        {"address": False}]))
def test_joins_read_what_the_rules_read(rows, options):
    c = prepare(_comments(rows))
    pd.testing.assert_frame_equal(extract(c, **options), extract_each(c, **options))


def test_the_sample_page_by_hand():
    # the seed's five references, read off the page (comments 15, 11, 10, 9, 7 of the sample)
    d = cg.read_page(ROOT / "data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt")
    c = prepare(d.comments)
    got = extract(c)
    assert got["raw"].tolist() == ["@ 12", "@Ralf Meier", "@9 W. Merseburger", "@ 7, Meckersack", "@6 W. Merseburger"]
    assert got["written_number"].tolist() == [12, pd.NA, 9, 7, 6]
    assert got["rule"].tolist() == ["number", "name:unknown", "number+name:exact", "number+name:exact",
                                    "number+name:exact"]
    pd.testing.assert_frame_equal(got, extract_each(c))


def _inputs():
    skip = ("bad", "convokit", "references")  # unreadable on purpose, or parts of a corpus, or labels
    out = sorted(p for p in (ROOT / "tests/data").rglob("*")
                 if p.suffix in (".txt", ".csv", ".json", ".jsonl") and not set(skip) & set(p.parts))
    out += sorted(p for p in (SHARED / "data-public").rglob("*") if p.suffix in (".csv", ".json"))
    out += sorted((SHARED / "pages-public").glob("*.txt"))
    return out


@pytest.mark.parametrize("path", _inputs(), ids=lambda p: p.name)
def test_joins_equal_the_rules_on_real_and_test_data(path):
    reader = cg.read_page if path.suffix == ".txt" else cg.read_table
    try:
        d = reader(path)
    except cg.ReadError as exc:  # a table of the folder that holds no comments (the reader says why)
        pytest.skip(str(exc)[:80])
    c = prepare(d.comments)
    pd.testing.assert_frame_equal(extract(c), extract_each(c))


@pytest.mark.slow
def test_joins_equal_the_rules_on_a_generated_corpus(tmp_path):
    from benchmarks.generate import generate

    corpus = generate(10_000, tmp_path)
    c = prepare(pd.read_parquet(corpus.parquet))
    got = extract(c)
    assert len(got) > 3000
    pd.testing.assert_frame_equal(got, extract_each(c))
