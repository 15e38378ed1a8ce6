"""Benchmark smoke test: a small generated corpus through the readers and the resolver.

Correctness only (no timings): the page files and the Parquet table give the same comments, and the
resolved reply targets match the generator's known truth.
"""

import re

import pandas as pd
import pytest

import commentgraph as cg
from benchmarks.generate import FORMS, generate
from benchmarks.run import check
from commentgraph import pages
from commentgraph.read import layouts

pytestmark = pytest.mark.slow

N = 2000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return generate(N, tmp_path_factory.mktemp("bench") / "c2k", seed=7)


@pytest.fixture(scope="module")
def from_pages(corpus):
    return cg.read_pages(corpus.pages)


@pytest.fixture(scope="module")
def from_table(corpus):
    return cg.read_table(corpus.parquet)


@pytest.fixture(scope="module")
def truth(corpus):
    return pd.read_parquet(corpus.truth)


def test_generator_is_deterministic(tmp_path):
    a, b = generate(300, tmp_path / "a", seed=3), generate(300, tmp_path / "b", seed=3)
    files = sorted(p.name for p in a.pages.iterdir())
    assert files == sorted(p.name for p in b.pages.iterdir())
    assert all((a.pages / f).read_bytes() == (b.pages / f).read_bytes() for f in files)
    assert pd.read_parquet(a.parquet).equals(pd.read_parquet(b.parquet))
    assert pd.read_parquet(a.truth).equals(pd.read_parquet(b.truth))


def test_page_layout_is_the_seeds(corpus):
    first = sorted(corpus.pages.iterdir())[0].read_text(encoding="utf-8")
    headers = re.findall(r"^(\d\d)\.(\d\d)\.(\d{4}) (\d\d):(\d\d) (.+) (\d+)$", first, flags=re.M)
    assert headers, "no header in the seed layout"
    numbers = [int(h[-1]) for h in headers]
    assert numbers == sorted(numbers, reverse=True)          # newest first
    assert re.search(r"^\d+ Kommentare$", first, flags=re.M)


def test_truth_is_plausible(corpus, truth):
    table = pd.read_parquet(corpus.parquet).set_index("comment_id")
    src, tgt = table.loc[truth["source_comment_id"]], table.loc[truth["target_comment_id"]]
    assert (src["article_id"].to_numpy() == tgt["article_id"].to_numpy()).all()
    assert (tgt["posted_at"].to_numpy() < src["posted_at"].to_numpy()).all()
    assert (src["author"].to_numpy() != tgt["author"].to_numpy()).all()   # nobody answers himself
    starting = truth[truth["form"] != "name_inside"]
    assert 0.30 < len(starting) / N < 0.40
    assert set(starting["form"]) == set(FORMS)
    texts = table.loc[starting["source_comment_id"], "text"]
    assert texts.str.startswith("@").all()


def test_pages_and_table_hold_the_same_comments(corpus, from_pages, from_table):
    a = from_pages.comments.set_index("comment_id").sort_index()
    b = from_table.comments.set_index("comment_id").sort_index()
    assert len(a) == len(b) == N
    assert a.index.equals(b.index)
    for col in ("article_id", "number", "author", "posted_at", "text"):
        assert a[col].equals(b[col]), col
    assert set(from_pages.problems["severity"]) <= {"notice"}
    assert len(from_pages.articles) == corpus.meta["articles"]


@pytest.mark.parametrize("reader", ["from_pages", "from_table"])
def test_resolved_targets_match_the_truth(reader, request, truth):
    d = request.getfixturevalue(reader)
    res = check(d.replies, truth)
    assert res["truth"] == len(truth)
    assert res["found"] >= 0.995
    assert res["invented"] == 0


def test_line_probes_find_what_finditer_finds(corpus, sample_path):
    """The reader tries its header patterns only on probed lines; that must not change a match."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.pages.iterdir())[:5]]
    texts += [sample_path.read_text(encoding="utf-8"),
              "Zuletzt aktualisiert: 1. März 2019, 19:56 Uhr\nMeckersack | 01.03.2019 11:25\n\nHallo\n"
              "#3 Anna schrieb am March 1, 2019 9:05 pm\n1. März 2019 Anna\n01.03.2019 11:25 Ben 4"]
    for text in texts:
        for rx in (pages.DATE_FIRST, pages.NEAR_HEADER):
            assert ([m.span() for m in _line_matches(rx, layouts.DATE_AT_START, text)]
                    == [m.span() for m in rx.finditer(text)])


def _line_matches(rx: re.Pattern, probe: re.Pattern, text: str) -> list[re.Match]:
    """``list(rx.finditer(text))`` for a one-line ``^...$`` pattern, tried only where ``probe`` hits
    (the reader's way of trying header patterns, as a reference for the test above)."""
    out, pos, n = [], 0, len(text)
    if m := rx.match(text, 0):
        out.append(m)
    while p := probe.search(text, pos):
        start = text.rfind("\n", 0, p.end()) + 1
        end = text.find("\n", p.end())
        pos = n if end < 0 else end  # the next probe may start with this line's newline
        if start and (m := rx.match(text, start)):
            out.append(m)
    return out
