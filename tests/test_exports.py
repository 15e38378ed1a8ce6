"""Exports: GEXF and GraphML read back with networkx, Gephi's spreadsheet CSV, tables as CSV and Parquet."""

import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest

import commentgraph as cg
from test_graphs import hand_seed, ids_by_number, table


def nasty():
    """A Discussion whose author names and texts hold control characters XML 1.0 forbids."""
    d = table([("1", "Ann\x01Bell", "10:00", None), ("2", "B\x02en", "10:05", "1"), ("3", "Cem", "10:06", "2")])
    c = d.comments.assign(text=["bell \x07 and nul \x00 inside", "form\x0cfeed", "plain <b>&amp;</b>"])
    return d.replace(comments=c)


def test_gexf_round_trip_keeps_nodes_edges_and_attributes(tmp_path):
    d = hand_seed()
    g = cg.reply_graph(d)
    path = cg.write_gexf(g, tmp_path / "replies.gexf")
    back = nx.read_gexf(path)
    assert isinstance(back, nx.DiGraph)
    assert set(back.nodes) == set(g.nodes) and set(back.edges) == set(g.edges)
    ids = ids_by_number(d)
    n10 = back.nodes[ids[10]]
    assert n10["author"] == "Meckersack" and n10["number"] == 10 and n10["missing"] is False
    assert pd.Timestamp(n10["posted_at"]) == pd.Timestamp("2019-03-01 11:25", tz="Europe/Berlin")
    assert n10["posted_at"] == "2019-03-01T11:25:00+01:00"
    assert n10["text_length"] == g.nodes[ids[10]]["text_length"]
    assert n10["label"] == "Meckersack #10"
    missing = [n for n, m in back.nodes(data="missing") if m]
    assert len(missing) == 1 and back.nodes[missing[0]]["author"] == "Ralf Meier"
    e = back.edges[ids[7], ids[6]]
    assert e["latency"] == 11 * 3600 + 3 * 60 and e["via"] == "mention" and e["resolution"] == "number+author"
    assert "latency" not in back.edges[ids[11], missing[0]]  # NaT is left out, not written as text


def test_author_graph_gexf_and_graphml_keep_weights(tmp_path):
    a = cg.author_graph(hand_seed())
    for back in (nx.read_gexf(cg.write_gexf(a, tmp_path / "a.gexf")),
                 nx.read_graphml(cg.write_graphml(a, tmp_path / "a.graphml"))):
        assert {(u, v): int(w) for u, v, w in back.edges(data="weight")} == {
            (u, v): w for u, v, w in a.edges(data="weight")}
        assert back.nodes["Ralf Meier"]["missing"] is True
        assert back.nodes["Meckersack"]["n_comments"] == 2


def test_multigraph_exports(tmp_path):
    m = cg.author_graph(hand_seed(), multigraph=True)
    back = nx.read_graphml(cg.write_graphml(m, tmp_path / "m.graphml"))
    assert back.is_multigraph() and back.number_of_edges() == 5
    back = nx.read_gexf(cg.write_gexf(m, tmp_path / "m.gexf"))
    assert back.number_of_edges() == 5
    assert back.number_of_edges("Meckersack", "W. Merseburger") == 2


def test_control_characters_never_make_the_xml_invalid(tmp_path):
    d = nasty()
    for g in (cg.reply_graph(d), cg.author_graph(d)):
        for writer, reader, suffix in ((cg.write_gexf, nx.read_gexf, "gexf"),
                                       (cg.write_graphml, nx.read_graphml, "graphml")):
            path = writer(g, tmp_path / f"g.{suffix}")
            ET.parse(path)  # a strict XML parser accepts it
            back = reader(path)
            assert back.number_of_nodes() == g.number_of_nodes()
            assert back.number_of_edges() == g.number_of_edges()
    back = nx.read_gexf(tmp_path / "g.gexf")  # the author graph
    assert "Ann\ufffdBell" in back and back.has_edge("B\ufffden", "Ann\ufffdBell")


def test_gephi_csv_columns(tmp_path):
    d = hand_seed()
    nodes, edges = cg.write_gephi_csv(cg.author_graph(d), tmp_path / "authors")
    assert nodes.name == "authors_nodes.csv" and edges.name == "authors_edges.csv"
    n = pd.read_csv(nodes)
    e = pd.read_csv(edges)
    assert list(n.columns[:2]) == ["Id", "Label"] and list(e.columns[:4]) == ["Source", "Target", "Type", "Weight"]
    assert len(n) == 9 and len(e) == 4
    assert set(e["Type"]) == {"Directed"}
    assert e.set_index(["Source", "Target"]).loc[("Meckersack", "W. Merseburger"), "Weight"] == 2
    _, edges = cg.write_gephi_csv(cg.reply_graph(d), tmp_path / "replies")
    e = pd.read_csv(edges)
    assert len(e) == 5 and (e["Weight"] == 1).all()
    assert sorted(e["latency"].dropna()) == [62 * 60, 78 * 60, 663 * 60, 1508 * 60]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_tables(tmp_path, fmt):
    d = hand_seed()
    paths = cg.export_tables(d, tmp_path / fmt, format=fmt)
    assert set(paths) == {"articles", "comments", "mentions", "replies", "problems", "threads", "comment_threads",
                          "authors", "reply_pairs", "summary"}
    assert all(p.exists() and p.suffix == f".{fmt}" for p in paths.values())
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    t = read(paths["threads"])
    assert len(t) == 6 and t["size"].sum() == 10
    s = read(paths["summary"])
    if fmt == "csv":
        assert s.loc[0, "latency_median_s"] == 6 * 3600 + 10 * 60 + 30
        assert s.loc[0, "first_at"] == "2019-02-28T22:02:00+01:00"
    else:
        assert s.loc[0, "latency_median"] == pd.Timedelta(hours=6, minutes=10, seconds=30)
        assert s["first_at"].dtype == cg.summary(d)["first_at"].dtype
    c = read(paths["comments"])
    assert c["text"].tolist() == d.comments["text"].tolist()


def test_export_tables_rejects_an_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="format"):
        cg.export_tables(hand_seed(), tmp_path, format="xlsx")


def test_export_tables_applies_the_shared_filters(tmp_path):
    d = hand_seed()
    paths = cg.export_tables(d, tmp_path, format="csv", resolution="number+author", min_weight=2)
    t = pd.read_csv(paths["threads"])
    assert sorted(t["size"]) == [1, 1, 1, 1, 1, 1, 4]  # 15 -> 12 and 11 -> Ralf Meier left out
    p = pd.read_csv(paths["reply_pairs"])
    assert p[["a", "b", "a_to_b", "b_to_a"]].values.tolist() == [["Meckersack", "W. Merseburger", 2, 0]]
    assert len(pd.read_csv(paths["replies"])) == 5  # the Discussion's own tables stay whole
