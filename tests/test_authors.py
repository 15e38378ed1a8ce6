"""authors and reply_pairs: the seed's people by hand, placeholders, and PageRank against networkx."""

import pandas as pd
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

import commentgraph as cg
from test_graphs import hand_seed, table

BERLIN = "Europe/Berlin"


def seed_author_facts(d):
    a = cg.authors(d).set_index("author")
    cols = ["n_comments", "replies_sent", "replies_received", "partners", "reciprocated", "out_degree", "in_degree"]
    got = {name: a.loc[name, cols].astype(int).tolist() for name in a.index}
    assert got == {
        "Meckersack": [2, 2, 1, 1, 1, 1, 1],
        "W. Merseburger": [2, 1, 2, 1, 1, 1, 1],
        "Wessi": [1, 1, 0, 1, 0, 1, 0],
        "Norbert NRW": [1, 0, 1, 1, 0, 0, 1],
        "Federico": [1, 1, 0, 1, 0, 1, 0],
        "Ralf Meier": [0, 0, 1, 1, 0, 0, 1],
        "Sabrina": [1, 0, 0, 0, 0, 0, 0],
        "Fragender Rentner": [1, 0, 0, 0, 0, 0, 0],
        "Jakob": [1, 0, 0, 0, 0, 0, 0],
    }
    assert a.loc["Ralf Meier", "missing"] and not a.loc["Meckersack", "missing"]
    assert pd.isna(a.loc["Ralf Meier", "first_at"])
    assert a.loc["Meckersack", "first_at"] == pd.Timestamp("2019-03-01 09:05", tz=BERLIN)
    assert a.loc["Meckersack", "last_at"] == pd.Timestamp("2019-03-01 11:25", tz=BERLIN)
    assert a.loc["W. Merseburger", "first_at"] == pd.Timestamp("2019-02-28 22:02", tz=BERLIN)
    p = cg.reply_pairs(d)
    assert p[["a", "b", "a_to_b", "b_to_a", "total", "reciprocated"]].values.tolist() == [
        ["Meckersack", "W. Merseburger", 2, 1, 3, True],
        ["Federico", "Ralf Meier", 1, 0, 1, False],
        ["Wessi", "Norbert NRW", 1, 0, 1, False],
    ]


def test_seed_authors_and_pairs_by_hand():
    seed_author_facts(hand_seed())


def test_seed_authors_and_pairs_through_the_resolver(seed):
    seed_author_facts(seed)


def test_degrees_and_pagerank_match_the_author_graph():
    d = hand_seed()
    a = cg.authors(d).set_index("author")
    g = cg.author_graph(d)
    assert set(a.index) == set(g.nodes)
    pr = _pagerank_python(g, weight="weight", tol=1e-12, max_iter=1000)
    for name in g.nodes:
        assert a.loc[name, "in_degree"] == g.in_degree(name)
        assert a.loc[name, "out_degree"] == g.out_degree(name)
        assert a.loc[name, "replies_received"] == g.in_degree(name, weight="weight")
        assert a.loc[name, "pagerank"] == pytest.approx(pr[name], rel=1e-6)
    assert a["pagerank"].sum() == pytest.approx(1.0)
    assert cg.authors(d)["pagerank"].is_monotonic_decreasing  # most central first


def test_min_weight_and_self_replies_reach_the_author_tables():
    d = table([("1", "Ann", "10:00", None), ("2", "Ben", "10:05", "1"), ("3", "Ben", "10:06", "1"),
               ("4", "Ann", "10:07", "3"), ("5", "Ann", "10:08", "4"), ("6", "Cem", "10:09", "1")])
    a = cg.authors(d).set_index("author")
    assert a.loc["Ann", ["replies_sent", "replies_received", "partners", "reciprocated"]].tolist() == [2, 4, 2, 1]
    strict = cg.authors(d, min_weight=2).set_index("author")
    assert strict.loc["Ann", ["replies_sent", "replies_received", "partners"]].tolist() == [0, 2, 1]
    no_self = cg.authors(d, self_replies=False).set_index("author")
    assert no_self.loc["Ann", ["replies_sent", "replies_received"]].tolist() == [1, 3]
    assert cg.reply_pairs(d, min_weight=2)[["a", "b", "a_to_b", "b_to_a"]].values.tolist() == [["Ben", "Ann", 2, 0]]


def test_placeholders_are_separate_authors():
    d = table([("1", "Ann", "10:00", None), ("2", "Gast", "10:05", "1"), ("3", "Gast", "10:06", "1"),
               ("4", "", "10:07", "1")])
    a = cg.authors(d).set_index("author")
    assert a.loc["Ann", "partners"] == 3 and a.loc["Ann", "replies_received"] == 3
    ph = a[a["placeholder"]]
    assert len(ph) == 3 and (ph["n_comments"] == 1).all() and (ph["partners"] == 1).all()
    assert a.loc["Ann", "pagerank"] == a["pagerank"].max()


def test_a_missing_target_keeps_its_written_name_even_with_a_hash():
    from test_graphs import with_replies

    d = with_replies(table([("1", "Ann", "10:00", None)], parent=False),
                     [("1", None, "Sheep #5491", "mention", "unresolved")])
    a = cg.authors(d).set_index("author")
    assert a.loc["Sheep #5491", ["name", "placeholder", "missing", "replies_received"]].tolist() == [
        "Sheep #5491", False, True, 1]
    assert cg.author_graph(d).nodes["Sheep #5491"]["name"] == "Sheep #5491"
