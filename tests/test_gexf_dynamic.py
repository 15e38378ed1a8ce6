"""Dynamic GEXF: spells equal to the comments' times, read back with networkx; the export command."""

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.cli import main

SEED = Path(__file__).parents[1] / "data" / "raw" / "mdr_2019-02-28_trump_kim_hanoi_comments.txt"
LAST = "2019-03-02T12:47:00+01:00"  # #15 Wessi, the seed's latest comment


@pytest.fixture(scope="module")
def seed():
    return cg.read_page(SEED)


def _t(s) -> pd.Timestamp:
    return pd.Timestamp(s)


def test_reply_graph_spells_are_the_comment_times(seed, tmp_path):
    g = nx.read_gexf(cg.write_gexf(cg.reply_graph(seed), tmp_path / "r.gexf", dynamic=True))
    assert g.graph["mode"] == "dynamic"
    posted = dict(zip(seed.comments["comment_id"], seed.comments["posted_at"]))
    for cid, at in posted.items():
        (start, end), = g.nodes[cid]["spells"]
        assert _t(start) == at and end == LAST
    by_number = dict(zip(seed.comments["number"], seed.comments["comment_id"]))
    # '@ 12' in #15 (02.03.2019 12:47): the edge exists from the reply's time
    (start, _), = g.edges[by_number[15], by_number[12]]["spells"]
    assert start == LAST
    (start, _), = g.edges[by_number[7], by_number[6]]["spells"]
    assert _t(start) == pd.Timestamp("2019-03-01 09:05", tz="Europe/Berlin")
    # the dangling '@Ralf Meier' (#11, 01.03.2019 11:30): the missing node appears with the reply
    missing = [n for n, data in g.nodes(data=True) if data["missing"]]
    (start, _), = g.nodes[missing[0]]["spells"]
    assert _t(start) == pd.Timestamp("2019-03-01 11:30", tz="Europe/Berlin")
    for u, _v, data in g.edges(data=True):
        assert _t(data["spells"][0][0]) == posted[u]


def test_author_graph_has_a_spell_per_reply(seed, tmp_path):
    path = cg.write_gexf(cg.author_graph(seed), tmp_path / "a.gexf", dynamic=True, discussion=seed)
    g = nx.read_gexf(path)
    # Meckersack answers W. Merseburger twice: #7 at 09:05 and #10 at 11:25 on 01.03.2019
    e = g.edges["Meckersack", "W. Merseburger"]
    assert e["spells"] == [("2019-03-01T09:05:00+01:00", "2019-03-01T11:25:00+01:00"),
                           ("2019-03-01T11:25:00+01:00", LAST)]
    assert [k for k, *_ in e["replies"]] == [1, 2] and e["weight"] == 2
    # an author exists from their first comment: Meckersack's #7 at 09:05, not #10
    assert g.nodes["Meckersack"]["spells"][0][0] == "2019-03-01T09:05:00+01:00"
    first = seed.comments.groupby("author")["posted_at"].min()
    for name, at in first.items():
        assert _t(g.nodes[name]["spells"][0][0]) == at
    spells = sum(len(data["spells"]) for *_, data in g.edges(data=True))
    assert spells == 5  # the seed's five references, one reply each
    m = nx.read_gexf(cg.write_gexf(cg.author_graph(seed, multigraph=True), tmp_path / "m.gexf", dynamic=True,
                                   discussion=seed))
    assert sorted(d["spells"][0][0] for *_, d in m.edges(data=True)) == sorted(
        s for *_, d in g.edges(data=True) for s, _ in d["spells"])


def test_static_gexf_unchanged(seed, tmp_path):
    g = nx.read_gexf(cg.write_gexf(cg.reply_graph(seed), tmp_path / "s.gexf"))
    assert g.graph.get("mode", "static") == "static"
    assert all("spells" not in data for _, data in g.nodes(data=True))


def test_export_command_convokit_and_dynamic_gexf(tmp_path, capsys):
    corpus = tmp_path / "seed_corpus"
    assert main(["export", str(SEED), "--format", "convokit", "--out", str(corpus)]) == 0
    assert len((corpus / "utterances.jsonl").read_text(encoding="utf-8").splitlines()) == 10
    gexf = tmp_path / "authors.gexf"
    assert main(["export", str(corpus), "--format", "gexf-dynamic", "--graph", "author", "--out", str(gexf)]) == 0
    g = nx.read_gexf(gexf)
    assert len(g.edges["Meckersack", "W. Merseburger"]["spells"]) == 2
    assert main(["summary", str(corpus)]) == 0
    assert "10 comments" in capsys.readouterr().out


def test_command_reads_a_sqlite_file_and_fails_cleanly(tmp_path, capsys):
    import sqlite3

    d = cg.read_page(SEED)
    db = tmp_path / "seed.sqlite"
    con = sqlite3.connect(db)
    d.comments[["comment_id", "author", "text"]].assign(
        posted_at=d.comments["posted_at"].map(pd.Timestamp.isoformat)).to_sql("comments", con, index=False)
    con.close()
    out = tmp_path / "tables"
    assert main(["export", str(db), "--format", "csv", "--out", str(out)]) == 0
    back = pd.read_csv(out / "comments.csv")
    assert back["author"].tolist() == d.comments["author"].tolist()
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    assert main(["summary", str(bad)]) == 1
    assert "not a SQLite database" in capsys.readouterr().err
    half = tmp_path / "half"
    half.mkdir()
    for name in ("speakers.json", "index.json"):
        (half / name).write_text(json.dumps({}), encoding="utf-8")
    assert main(["summary", str(half)]) == 1
    assert "no utterances.jsonl" in capsys.readouterr().err


@pytest.mark.slow
def test_report_on_a_convokit_directory(tmp_path):
    m = cg.run_report(Path(__file__).parent / "data" / "convokit" / "dumped", tmp_path / "report", progress=False)
    assert m["counts"]["comments"] == 5
    assert (tmp_path / "report" / "tables").is_dir()
