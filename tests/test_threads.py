"""threads and comment_threads: trees by hand, cycles, and a cross-check against networkx."""

import networkx as nx
import numpy as np
import pandas as pd

import commentgraph as cg
from commentgraph.schema import conform
from test_graphs import PAGE_A, PAGE_B, hand_seed, ids_by_number, table, with_replies

BERLIN = "Europe/Berlin"


def seed_thread_facts(d):
    ids = ids_by_number(d)
    t = cg.threads(d).set_index("thread_id")
    ct = cg.comment_threads(d).set_index("comment_id")
    art = d.articles["article_id"].iloc[0]
    ralf = f"missing:{art}:Ralf Meier"
    # {10 -> 9 -> 7 -> 6}, {15 -> 12}, {11 -> Ralf Meier (missing)}, singles 14, 13, 8
    assert set(t.index) == {ids[6], ids[12], ralf, ids[14], ids[13], ids[8]}
    assert {n: ct.loc[ids[n], "thread_id"] for n in (10, 9, 7, 6)} == dict.fromkeys((10, 9, 7, 6), ids[6])
    assert ct.loc[ids[15], "thread_id"] == ids[12] and ct.loc[ids[11], "thread_id"] == ralf
    assert {n: int(ct.loc[ids[n], "depth"]) for n in (6, 7, 9, 10, 11, 12, 15)} == {
        6: 0, 7: 1, 9: 2, 10: 3, 11: 1, 12: 0, 15: 1}
    big = t.loc[ids[6]]
    assert (big["size"], big["depth"], big["n_authors"]) == (4, 3, 2)
    assert big["root_comment_id"] == ids[6] and not big["has_missing"]
    assert big["start"] == pd.Timestamp("2019-02-28 22:02", tz=BERLIN)
    assert big["end"] == pd.Timestamp("2019-03-01 11:25", tz=BERLIN)
    assert big["duration"] == pd.Timedelta(hours=13, minutes=23)
    pair = t.loc[ids[12]]
    assert (pair["size"], pair["depth"], pair["n_authors"]) == (2, 1, 2)
    assert pair["duration"] == pd.Timedelta(days=1, hours=1, minutes=8)
    lost = t.loc[ralf]
    assert pd.isna(lost["root_comment_id"]) and lost["has_missing"]
    assert (lost["size"], lost["depth"], lost["n_authors"]) == (1, 1, 1)
    assert lost["article_id"] == art
    for n in (14, 13, 8):
        assert (t.loc[ids[n], "size"], t.loc[ids[n], "depth"]) == (1, 0)
    assert t["size"].sum() == 10


def test_seed_threads_by_hand():
    seed_thread_facts(hand_seed())


def test_seed_threads_through_the_resolver(seed):
    seed_thread_facts(seed)


def test_threads_columns_and_dtypes():
    t = cg.threads(hand_seed())
    assert list(t.columns) == ["thread_id", "article_id", "root_comment_id", "size", "depth", "n_authors", "start",
                               "end", "duration", "has_missing", "cycle_broken"]
    assert str(t["start"].dtype) == "datetime64[us, Europe/Berlin]"
    assert str(t["duration"].dtype) == "timedelta64[us]"
    assert t["start"].is_monotonic_increasing  # one article: rows run by start


def test_explicit_parent_comes_before_a_mention_and_first_mention_before_later_ones():
    d = table([("1", "Ann", "10:00", None), ("2", "Ben", "10:05", None), ("3", "Cem", "10:10", "1")])
    both = pd.concat([d.replies, pd.DataFrame({"source_comment_id": ["3"], "target_comment_id": ["2"],
                                               "target_author": ["Ben"], "via": ["mention"]})])
    d1 = d.replace(replies=conform(both, "replies"))
    ct = cg.comment_threads(d1).set_index("comment_id")
    assert ct.loc["3", "parent"] == "1" and ct.loc["3", "parent_via"] == "parent"
    assert cg.reply_graph(d1).number_of_edges() == 2  # the graph keeps both edges
    # two mentions: the one that comes first in the text picks the parent, whatever the row order
    mentions = conform(pd.DataFrame({"comment_id": ["3", "3"], "start": [20, 0], "target_comment_id": ["1", "2"],
                                     "target_author": ["Ann", "Ben"]}), "mentions")
    d2 = with_replies(d, [("3", "1", "Ann", "mention", "author"), ("3", "2", "Ben", "mention", "author")])
    d2 = d2.replace(mentions=mentions)
    assert cg.comment_threads(d2).set_index("comment_id").loc["3", "parent"] == "2"


def test_a_parent_cycle_is_broken_at_its_earliest_comment_and_reported():
    d = table([("1", "Ann", "10:00", "2"), ("2", "Ben", "10:30", "1"), ("3", "Cem", "11:00", "2"),
               ("4", "Dan", "12:00", None)])
    ct = cg.comment_threads(d).set_index("comment_id")
    assert ct["thread_id"].to_dict() == {"1": "1", "2": "1", "3": "1", "4": "4"}
    assert ct["depth"].to_dict() == {"1": 0, "2": 1, "3": 2, "4": 0}
    assert ct["cycle_broken"].to_dict() == {"1": True, "2": False, "3": False, "4": False}
    assert pd.isna(ct.loc["1", "parent"])
    t = cg.threads(d).set_index("thread_id")
    assert bool(t.loc["1", "cycle_broken"]) and not bool(t.loc["4", "cycle_broken"])
    assert cg.reply_graph(d).has_edge("1", "2")  # the graph still shows what the data says


def test_a_long_cycle_and_a_self_parent_do_not_hang():
    n = 5000
    ids = [str(i) for i in range(n)]
    rows = [(ids[i], f"u{i % 7}", "10:00", ids[(i + 1) % n]) for i in range(n)]  # one ring of n comments
    d = table(rows)
    # give distinct times so the earliest comment is well defined: comment 17 is earliest
    posted = pd.Series(pd.Timestamp("2019-03-01 12:00", tz=BERLIN), index=range(n)) + pd.to_timedelta(
        [(i - 17) % n for i in range(n)], unit="s")
    d = d.replace(comments=d.comments.assign(posted_at=posted.astype(d.comments["posted_at"].dtype)))
    ct = cg.comment_threads(d)
    assert ct["cycle_broken"].sum() == 1 and ct.loc[17, "cycle_broken"]
    assert (ct["thread_id"] == "17").all()
    assert ct["depth"].max() == n - 1 and ct.loc[18, "depth"] == n - 1  # 18 -> 19 -> ... -> 16 -> 17
    selfp = with_replies(table([("1", "Ann", "10:00", None)]), [("1", "1", "Ann", "parent", "parent")])
    ct = cg.comment_threads(selfp)
    assert ct["thread_id"].tolist() == ["1"] and ct["depth"].tolist() == [0] and ct["cycle_broken"].tolist() == [True]
    # a self-parent does not hide the comment's real reference
    both = with_replies(table([("1", "Ann", "10:00", None), ("2", "Ben", "10:05", None)], parent=False),
                        [("2", "2", "Ben", "parent", "parent"), ("2", "1", "Ann", "mention", "author")])
    ct = cg.comment_threads(both).set_index("comment_id")
    assert ct.loc["2", "parent"] == "1" and ct.loc["2", "cycle_broken"]


def test_pointer_jumping_agrees_with_networkx_on_a_random_forest():
    rng = np.random.default_rng(7)
    n = 3000
    ids = [f"c{i}" for i in range(n)]
    # each comment answers an earlier one (or nobody); some answer a comment not in the data
    parent = [None] + [ids[rng.integers(0, i)] if rng.random() < 0.7 else None for i in range(1, n)]
    rows = [(ids[i], f"u{rng.integers(0, 40)}", "10:00", parent[i]) for i in range(n)]
    d = table(rows)
    lost = rng.choice(n, 50, replace=False)
    extra = pd.DataFrame({"source_comment_id": [ids[i] for i in lost], "target_comment_id": None,
                          "target_author": [f"Ghost{i % 5}" for i in range(50)], "via": "mention"})
    d = d.replace(replies=conform(pd.concat([d.replies, extra]), "replies"))
    ct = cg.comment_threads(d).set_index("comment_id")
    tree = nx.DiGraph()
    tree.add_nodes_from(ids)
    tree.add_edges_from(zip(ct.index[ct["parent"].notna()], ct["parent"].dropna()))
    assert nx.is_forest(tree)
    for comp in nx.weakly_connected_components(tree):
        (root,) = [v for v in comp if tree.out_degree(v) == 0]
        for v in comp:
            if v in ct.index:
                assert ct.loc[v, "thread_id"] == root
                assert ct.loc[v, "depth"] == nx.shortest_path_length(tree, v, root)
    t = cg.threads(d)
    assert t["size"].sum() == n and t["thread_id"].is_unique
    assert len(t) == nx.number_weakly_connected_components(tree)


def test_threads_per_article_in_a_corpus():
    d = cg.read_pages([PAGE_A, PAGE_B])
    t = cg.threads(d)
    arts = d.articles["article_id"].tolist()
    assert t["article_id"].tolist() == [arts[0], arts[1], arts[1]]
    assert t["size"].tolist() == [3, 2, 1] and t["depth"].tolist() == [2, 1, 1]
    assert t["has_missing"].tolist() == [False, False, True]
    assert t["thread_id"].iloc[2] == f"missing:{arts[1]}:Zora"
