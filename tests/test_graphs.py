"""reply_graph, author_graph and the shared filters, against facts worked out by hand from the seed page."""

import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.schema import conform
from conftest import SAMPLE

# The seed's references, read off the page by hand: source number -> (target number or None, name, resolution)
SEED_REPLIES = {
    15: (12, "Norbert NRW", "number"),
    11: (None, "Ralf Meier", "unresolved"),
    10: (9, "W. Merseburger", "number+author"),
    9: (7, "Meckersack", "number+author"),
    7: (6, "W. Merseburger", "number+author"),
}
AUTHOR_EDGES = {
    ("Wessi", "Norbert NRW"): 1,
    ("Federico", "Ralf Meier"): 1,
    ("Meckersack", "W. Merseburger"): 2,
    ("W. Merseburger", "Meckersack"): 1,
}


def with_replies(d, rows):
    """``d`` with a replies table built by hand: rows of (source id, target id or None, name, via, resolution)."""
    df = pd.DataFrame(rows, columns=["source_comment_id", "target_comment_id", "target_author", "via", "resolution"])
    return d.replace(replies=conform(df, "replies", d.tz))


def hand_seed():
    """The seed page with the reply edges the resolver should find, set by hand (independent of mentions.py)."""
    d = cg.read_page(SAMPLE)
    ids = dict(zip(d.comments["number"].astype(int), d.comments["comment_id"]))
    rows = [(ids[s], ids.get(t), name, "mention", res) for s, (t, name, res) in SEED_REPLIES.items()]
    return with_replies(d, rows)


def table(rows, parent=True):
    """A Discussion from (id, author, "HH:MM" on 1 March 2019, parent id) rows, with parent reply edges set by hand."""
    df = pd.DataFrame(rows, columns=["id", "user", "time", "parent"])
    df["ts"] = "2019-03-01 " + df["time"]
    df["body"] = "text of " + df["id"]
    d = cg.read_table(df[["id", "user", "ts", "body", "parent"]],
                      columns={"comment_id": "id", "author": "user", "posted_at": "ts", "text": "body",
                               "parent_id": "parent"})
    if not parent:
        return d
    authors = dict(zip(df["id"], df["user"]))
    return with_replies(d, [(i, p, authors.get(p), "parent", "parent") for i, p in zip(df["id"], df["parent"])
                            if isinstance(p, str)])


def ids_by_number(d):
    return dict(zip(d.comments["number"].astype(int), d.comments["comment_id"]))


# ---------------------------------------------------------------- reply graph

def test_reply_graph_nodes_edges_and_attributes():
    d = hand_seed()
    ids = ids_by_number(d)
    g = cg.reply_graph(d)
    assert isinstance(g, nx.DiGraph)
    assert g.number_of_nodes() == 11 and g.number_of_edges() == 5
    assert {(u, v) for u, v in g.edges if not v.startswith("missing:")} == {
        (ids[15], ids[12]), (ids[10], ids[9]), (ids[9], ids[7]), (ids[7], ids[6])}
    n10 = g.nodes[ids[10]]
    assert n10["author"] == "Meckersack" and n10["number"] == 10 and n10["missing"] is False
    assert n10["posted_at"] == pd.Timestamp("2019-03-01 11:25", tz="Europe/Berlin")
    assert n10["text_length"] == len(d.comments.set_index("number").loc[10, "text"])
    assert n10["article_id"] == d.articles["article_id"].iloc[0]
    assert all(data["missing"] is False for n, data in g.nodes(data=True) if n in set(ids.values()))
    missing = [n for n, data in g.nodes(data=True) if data["missing"]]
    assert missing == [f"missing:{d.articles['article_id'].iloc[0]}:Ralf Meier"]
    assert g.nodes[missing[0]]["author"] == "Ralf Meier"
    assert list(g.successors(ids[11])) == missing
    # latencies by hand: 7 (01.03. 09:05) -> 6 (28.02. 22:02) and 10 (11:25) -> 9 (10:23)
    assert g.edges[ids[7], ids[6]]["latency"] == pd.Timedelta(hours=11, minutes=3)
    assert g.edges[ids[10], ids[9]]["latency"] == pd.Timedelta(hours=1, minutes=2)
    assert g.edges[ids[11], missing[0]]["latency"] is None
    assert g.edges[ids[15], ids[12]]["resolution"] == "number"
    assert g.edges[ids[15], ids[12]]["via"] == "mention"


def test_reply_graph_keeps_a_mention_and_a_parent_to_the_same_comment_as_one_edge():
    d = table([("1", "Ann", "10:00", None), ("2", "Ben", "10:05", "1")])
    extra = pd.DataFrame({"source_comment_id": ["2"], "target_comment_id": ["1"], "target_author": ["Ann"],
                          "via": ["mention"], "resolution": ["author"]})
    d = d.replace(replies=conform(pd.concat([d.replies, extra]), "replies"))
    g = cg.reply_graph(d)
    assert g.number_of_edges() == 1
    assert g.edges["2", "1"]["via"] == "mention+parent" and g.edges["2", "1"]["n_edges"] == 2
    # one comment answering one comment is one reply, however many reply rows say so
    assert cg.author_graph(d).edges["Ben", "Ann"]["weight"] == 1
    assert cg.author_graph(d, multigraph=True).number_of_edges() == 1
    assert cg.summary(d)["n_replies"].tolist() == [1]
    assert cg.authors(d).set_index("author").loc["Ben", "replies_sent"] == 1


def test_two_mentions_in_one_comment_give_two_edges():
    d = table([("1", "Ann", "10:00", None), ("2", "Ben", "10:05", None), ("3", "Cem", "10:10", None)], parent=False)
    d = with_replies(d, [("3", "1", "Ann", "mention", "author"), ("3", "2", "Ben", "mention", "author")])
    assert set(cg.reply_graph(d).edges) == {("3", "1"), ("3", "2")}


# ---------------------------------------------------------------- author graph

def test_author_graph_edges_exactly_by_hand():
    a = cg.author_graph(hand_seed())
    assert {(u, v): w for u, v, w in a.edges(data="weight")} == AUTHOR_EDGES
    assert a.nodes["Ralf Meier"]["missing"] is True and a.nodes["Ralf Meier"]["n_comments"] == 0
    assert a.nodes["Meckersack"]["n_comments"] == 2 and a.nodes["Meckersack"]["missing"] is False
    assert {"Sabrina", "Jakob", "Fragender Rentner"} <= set(a.nodes)  # authors nobody answered stay as nodes
    assert a.edges["Meckersack", "W. Merseburger"]["first_at"] == pd.Timestamp("2019-03-01 09:05", tz="Europe/Berlin")


def test_author_multigraph_has_one_edge_per_reply():
    m = cg.author_graph(hand_seed(), multigraph=True)
    assert isinstance(m, nx.MultiDiGraph)
    assert m.number_of_edges() == 5
    assert m.number_of_edges("Meckersack", "W. Merseburger") == 2
    assert sorted(x["latency"] for x in m.get_edge_data("Meckersack", "W. Merseburger").values()) == [
        pd.Timedelta(hours=1, minutes=2), pd.Timedelta(hours=11, minutes=3)]


def test_min_weight_and_via_and_resolution_filters():
    d = hand_seed()
    assert set(cg.author_graph(d, min_weight=2).edges) == {("Meckersack", "W. Merseburger")}
    assert cg.author_graph(d, multigraph=True, min_weight=2).number_of_edges() == 2
    assert cg.reply_graph(d, via="parent").number_of_edges() == 0
    assert cg.reply_graph(d, via=["mention"]).number_of_edges() == 5
    assert cg.reply_graph(d, resolution="number+author").number_of_edges() == 3
    g = cg.reply_graph(d, resolution=["number", "unresolved"])
    assert g.number_of_edges() == 2 and g.number_of_nodes() == 11  # all comments stay as nodes
    with pytest.raises(ValueError, match="via"):
        cg.reply_graph(d, via="mentions")
    with pytest.raises(ValueError, match="resolution"):
        cg.reply_graph(d, resolution="numbr")
    with pytest.raises(ValueError, match="min_weight"):
        cg.author_graph(d, min_weight=0)


def test_self_replies_in_or_out():
    d = table([("1", "Ann", "10:00", None), ("2", "Ann", "10:05", "1"), ("3", "Ben", "10:10", "2")])
    assert set(cg.author_graph(d).edges) == {("Ann", "Ann"), ("Ben", "Ann")}
    assert set(cg.author_graph(d, self_replies=False).edges) == {("Ben", "Ann")}
    assert set(cg.reply_graph(d, self_replies=False).edges) == {("3", "2")}
    assert cg.reply_edges(d)["self_reply"].tolist() == [True, False]


def test_placeholder_authors_are_never_merged_into_one_node():
    d = table([("1", "Ann", "10:00", None), ("2", "Gast", "10:05", "1"), ("3", "gast", "10:06", "1"),
               ("4", "[deleted]", "10:07", "1"), ("5", "Anonymous", "10:08", "1"), ("6", "Anonym", "10:09", "1"),
               ("7", "Ann", "10:10", "2")])
    a = cg.author_graph(d)
    assert a.in_degree("Ann") == 5 and a.nodes["Ann"]["n_comments"] == 2
    placeholders = [n for n, ph in a.nodes(data="placeholder") if ph]
    assert len(placeholders) == 5 and all(a.degree(n) <= 2 for n in placeholders)
    assert "Gast #2" in a and a.has_edge("Ann", "Gast #2")  # Ann answered that one guest, not all guests
    assert not a.has_edge("Gast #2", "Gast #2")
    # the same placeholder name replying to itself is not a self-reply
    d2 = table([("1", "Gast", "10:00", None), ("2", "Gast", "10:05", "1")])
    assert cg.reply_edges(d2)["self_reply"].tolist() == [False]
    assert set(cg.author_graph(d2, self_replies=False).edges) == {("Gast #2", "Gast #1")}


def test_importing_the_package_does_not_import_networkx():
    code = "import sys, commentgraph; print('networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- the real pipeline (needs the resolver)

def test_seed_reply_graph_through_the_resolver(seed):
    ids = ids_by_number(seed)
    g = cg.reply_graph(seed)
    assert g.number_of_edges() == 5
    assert g.has_edge(ids[10], ids[9]) and not g.has_edge(ids[9], ids[10])
    assert g.edges[ids[7], ids[6]]["latency"] == pd.Timedelta(hours=11, minutes=3)
    assert g.edges[ids[10], ids[9]]["latency"] == pd.Timedelta(hours=1, minutes=2)
    assert [data["author"] for _, data in g.nodes(data=True) if data["missing"]] == ["Ralf Meier"]


def test_seed_author_edges_through_the_resolver(seed):
    a = cg.author_graph(seed)
    assert {(u, v): w for u, v, w in a.edges(data="weight")} == AUTHOR_EDGES


PAGE_A = ("01.03.2019 10:00 Anna 1\n\nErster.\n\n01.03.2019 10:30 Ben 2\n\n@1 Anna: nein.\n\n"
          "01.03.2019 11:00 Anna 3\n\n@2 Ben: doch.\n")
PAGE_B = ("02.03.2019 09:00 Carl 1\n\nAnderes Thema.\n\n02.03.2019 09:10 Dora 2\n\n@1 Carl: ja.\n\n"
          "02.03.2019 09:20 Ben 3\n\n@Zora hallo\n")


def test_two_pages_that_reuse_numbers_do_not_mix():
    d = cg.read_pages([PAGE_A, PAGE_B])
    c = d.comments.set_index("comment_id")
    g = cg.reply_graph(d)
    assert g.number_of_edges() == 4
    for u, v in g.edges:
        assert g.nodes[u]["article_id"] == g.nodes[v]["article_id"]  # no edge crosses articles
    assert {(c.loc[u, "author"], g.nodes[v]["author"]) for u, v in g.edges} == {
        ("Ben", "Anna"), ("Anna", "Ben"), ("Dora", "Carl"), ("Ben", "Zora")}
    a = cg.author_graph(d)
    assert {(u, v): w for u, v, w in a.edges(data="weight")} == {
        ("Ben", "Anna"): 1, ("Anna", "Ben"): 1, ("Dora", "Carl"): 1, ("Ben", "Zora"): 1}
    assert a.nodes["Ben"]["n_comments"] == 2  # one author across both articles


def test_read_table_with_explicit_parent_ids():
    df = pd.DataFrame({
        "id": ["a1", "a2", "a3", "b1", "b2"], "article": ["A", "A", "A", "B", "B"],
        "user": ["Ann", "Ben", "Ann", "Cem", "Ann"], "body": ["x", "y", "z", "u", "v"],
        "ts": ["2019-03-01 10:00", "2019-03-01 10:20", "2019-03-01 10:50", "2019-03-02 08:00", "2019-03-02 09:00"],
        "parent": [None, "a1", "a2", None, "b1"]})
    d = cg.read_table(df, columns={"comment_id": "id", "article_id": "article", "author": "user", "text": "body",
                                   "posted_at": "ts", "parent_id": "parent"})
    g = cg.reply_graph(d)
    assert set(g.edges) == {("a2", "a1"), ("a3", "a2"), ("b2", "b1")}
    assert {g.edges[e]["via"] for e in g.edges} == {"parent"}
    assert g.edges["a3", "a2"]["latency"] == pd.Timedelta(minutes=30)
    a = cg.author_graph(d)
    assert {(u, v): w for u, v, w in a.edges(data="weight")} == {("Ben", "Ann"): 1, ("Ann", "Ben"): 1,
                                                                  ("Ann", "Cem"): 1}


def test_a_dangling_explicit_parent_is_a_missing_node_of_unknown_author():
    df = pd.DataFrame({"id": ["1", "2", "3", "4"], "user": ["Ann", "Ben", "Cem", "Dan"], "body": ["x", "y", "z", "w"],
                       "ts": ["2019-03-01 10:00", "2019-03-01 10:20", "2019-03-01 10:50", "2019-03-01 11:00"],
                       "parent": ["gone1", "gone2", "gone2", "3"]})
    d = cg.read_table(df, columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
                                   "parent_id": "parent"}, article_id="A")
    g = cg.reply_graph(d)
    assert set(g.edges) == {("1", "missing:A:gone1"), ("2", "missing:A:gone2"), ("3", "missing:A:gone2"),
                            ("4", "3")}
    assert g.nodes["missing:A:gone2"]["missing"] is True and g.nodes["missing:A:gone2"]["author"] is None
    a = cg.author_graph(d)
    assert set(a.edges) == {("Ann", "(no name) #missing:A:gone1"), ("Ben", "(no name) #missing:A:gone2"),
                            ("Cem", "(no name) #missing:A:gone2"), ("Dan", "Cem")}
    assert a.nodes["(no name) #missing:A:gone1"]["placeholder"] is True


def test_bare_number_to_missing_comment_is_an_unknown_author_per_article():
    # "@ 3" where comment 3 is not on the page: the number names no one, so the author graph must
    # not invent one author "#3" that every article's dangling @3 points at
    a = "A\n\n01.03.2019 10:00 Anna 5\n\n@ 3 doch\n"
    b = "B\n\n02.03.2019 10:00 Ben 5\n\n@ 3 nein\n"
    d = cg.read_pages([a, b])
    assert d.mentions["target_number"].tolist() == [3, 3]          # the written number stays visible
    g = cg.author_graph(d)
    targets = {t for s, t in g.edges}
    assert {s for s, t in g.edges} == {"Anna", "Ben"} and len(targets) == 2   # two unknowns, not one hub
    assert "#3" not in g and all(g.nodes[t]["missing"] and g.nodes[t]["placeholder"] for t in targets)
    assert all(pd.isna(g.nodes[t]["name"]) for t in targets)
    table = cg.authors(d)
    assert "#3" not in set(table["author"]) and table["replies_received"].max() == 1
    # two replies to the same missing #3 in one article answer the same (unknown) author
    c = "C\n\n01.03.2019 10:00 Anna 5\n\n@ 3 doch\n\n01.03.2019 10:05 Ben 6\n\n@3 nein\n"
    g2 = cg.author_graph(cg.read_page(c))
    assert len({t for _, t in g2.edges}) == 1 and "#3" not in g2
