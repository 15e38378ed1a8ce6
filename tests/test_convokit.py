"""ConvoKit corpora: our corpus directory as ConvoKit documents and dumps it, and back.

The fixtures in tests/data/convokit/ are written in the form ConvoKit's own ``Corpus.dump`` writes (and
an older form it still loads); their expected values are read off the files by hand.
"""

import json
from pathlib import Path

import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.convokit import is_convokit_dir
from seed_links import LINKS

DATA = Path(__file__).parent / "data"
SEED = Path(__file__).parents[1] / "data" / "raw" / "mdr_2019-02-28_trump_kim_hanoi_comments.txt"
REFS = DATA / "references"
KEPT = ["comment_id", "article_id", "number", "author", "posted_at", "text"]


def _lines(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _tree_parents(d) -> set:
    """(comment, parent) pairs of the thread tree whose parent is a comment in the data."""
    ct = cg.comment_threads(d)
    parent = ct["parent"].where(ct["parent"].isin(set(d.comments["comment_id"])))
    return set(zip(ct["comment_id"], parent.fillna("")))


def _round_trip(d, tmp_path):
    back = cg.read_convokit(cg.write_convokit(d, tmp_path / "corpus"))
    for col in KEPT:
        pd.testing.assert_series_equal(back.comments[col].reset_index(drop=True),
                                       d.comments[col].reset_index(drop=True), check_names=False)
    assert set(zip(back.comments["comment_id"], back.comments["parent_id"].fillna(""))) == _tree_parents(d)
    return back


# ---------------------------------------------------------------- writing

@pytest.fixture(scope="module")
def seed():
    return cg.read_page(SEED)


def test_seed_corpus_files_follow_convokit_dump(seed, tmp_path):
    out = cg.write_convokit(seed, tmp_path / "seed")
    assert sorted(p.name for p in out.iterdir()) == ["conversations.json", "corpus.json", "index.json",
                                                     "speakers.json", "utterances.jsonl"]
    utts = _lines(out / "utterances.jsonl")
    assert len(utts) == 10
    assert all(list(u) == ["id", "conversation_id", "text", "speaker", "meta", "reply-to", "timestamp", "vectors"]
               for u in utts)
    by_number = {u["meta"]["number"]: u for u in utts}
    ids = {n: u["id"] for n, u in by_number.items()}
    # the four resolved references of the seed (tests/seed_links.py); @Ralf Meier (#11) has no target
    for source, _raw, _n, _name, target, _author, _res in LINKS:
        want = None if target is None else ids[target]
        assert by_number[source]["reply-to"] == want
        assert by_number[source]["meta"]["reply_via"] == (None if target is None else "mention")
    # threads: #6 <- #7 <- #9 <- #10, and #12 <- #15
    assert {by_number[n]["conversation_id"] for n in (6, 7, 9, 10)} == {ids[6]}
    assert by_number[15]["conversation_id"] == ids[12]
    assert by_number[11]["conversation_id"] == ids[11]
    # 02.03.2019 12:47 Berlin (UTC+1) = 11:47 UTC
    assert by_number[15]["timestamp"] == int(pd.Timestamp("2019-03-02 11:47", tz="UTC").timestamp())
    assert by_number[15]["speaker"] == "Wessi" and by_number[15]["text"].startswith("@ 12 ...was er")
    speakers = json.loads((out / "speakers.json").read_text(encoding="utf-8"))
    assert len(speakers) == 8 and speakers["Meckersack"]["meta"]["comments"] == 2
    assert set(speakers["Meckersack"]) == {"meta", "vectors"}
    convos = json.loads((out / "conversations.json").read_text(encoding="utf-8"))
    assert convos[ids[6]]["meta"]["size"] == 4
    corpus = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert corpus["commentgraph_version"] == cg.__version__ and corpus["articles"][0]["declared_comments"] == 15
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    assert index["utterances-index"]["number"] == ["<class 'int'>"] and index["version"] == 1
    assert set(index) == {"utterances-index", "speakers-index", "conversations-index", "overall-index", "version",
                          "vectors"}


def test_seed_round_trip(seed, tmp_path):
    back = _round_trip(seed, tmp_path)
    assert back.comments["parent_id"].notna().sum() == 4
    assert back.articles["declared_comments"].tolist() == [15]
    assert back.articles["title"].tolist() == seed.articles["title"].tolist()
    # the references are found again in the texts: the five of the seed, @Ralf Meier dangling
    assert len(back.mentions) == 5
    assert back.mentions["target_comment_id"].isna().sum() == 1


@pytest.mark.parametrize("name", ["de_bahn.txt", "de_quellen.txt", "de_rente.txt", "en_library.txt",
                                  "en_threads.csv"])
def test_labelled_set_round_trip(name, tmp_path):
    src = REFS / name
    d = cg.read_table(src, columns={"posted_at": "posted_at_utc"}) if src.suffix == ".csv" else cg.read_page(src)
    back = _round_trip(d, tmp_path)
    assert back.comments["parent_id"].notna().sum() == sum(1 for _, p in _tree_parents(d) if p)


def test_author_missing_and_subsecond_times_survive(tmp_path):
    df = pd.DataFrame({"id": ["1", "2"], "user": ["Ann", None], "body": ["hi", "@Ann ja"],
                       "ts": ["2019-03-01 10:00:00.250", "2019-03-01 10:05"]})
    d = cg.read_table(df, columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts"})
    back = _round_trip(d, tmp_path)
    assert back.comments["author"].isna().tolist() == [False, True]
    assert str(back.comments["posted_at"].iloc[0]) == "2019-03-01 10:00:00.250000+01:00"


@pytest.mark.slow
def test_10k_corpus_round_trip(tmp_path):
    from benchmarks.generate import generate

    c = generate(10_000, tmp_path / "c10k")
    d = cg.read_table(c.parquet)
    back = _round_trip(d, tmp_path)
    assert len(back.comments) == 10_000
    assert back.comments["parent_id"].notna().sum() == sum(1 for _, p in _tree_parents(d) if p) > 3000


# ---------------------------------------------------------------- reading ConvoKit's own form

def test_reads_a_corpus_as_convokit_dumps_it():
    d = cg.read_convokit(DATA / "convokit" / "dumped")
    c = d.comments
    assert c["comment_id"].tolist() == ["u1", "u2", "u3", "u4", "v1"]
    assert c["author"].tolist() == ["alice", "bob", "carol", "alice", "dave"]
    assert c["parent_id"].fillna("").tolist() == ["", "u1", "u2", "u1", ""]
    # 1551434700 = 2019-03-01 10:05 UTC = 11:05 in Berlin
    assert str(c["posted_at"].iloc[0]) == "2019-03-01 11:05:00+01:00"
    assert c["meta.score"].tolist() == [5, 2, 1, 3, 0]
    # no article in the metadata: each conversation is an article, titled as in conversations.json
    assert d.articles[["article_id", "title"]].values.tolist() == [["u1", "Hanoi summit ends without a deal"],
                                                                   ["v1", "Another story"]]
    mention = d.replies[d.replies["via"] == "mention"]
    # '@alice' in u2 -> u1 (alice's only earlier comment); '@bob' in u4 -> u2
    assert sorted(zip(mention["source_comment_id"], mention["target_comment_id"])) == [("u2", "u1"), ("u4", "u2")]
    assert d.settings["convokit"] == {"subreddit": "worldnews"} and len(d.problems) == 0
    assert len(cg.threads(d)) == 2


def test_reads_an_older_corpus_with_problem_rows():
    folder = DATA / "convokit" / "legacy"
    d = cg.read_convokit(folder)
    assert d.comments["author"].tolist() == ["Ann", "Ben", "Ann"]
    assert d.comments["parent_id"].fillna("").tolist() == ["", "10", "11"]
    p = d.problems
    assert p[["line", "kind"]].values.tolist() == [[3, "bad_json"], [4, "bad_time"]]
    assert set(p["source"]) == {str(folder / "utterances.jsonl")}
    with pytest.raises(cg.ReadError, match=r"utterances.jsonl, line 3"):
        cg.read_convokit(folder, strict=True)


def test_bad_corpus_folders_raise_read_error(tmp_path):
    with pytest.raises(cg.ReadError, match="no such folder"):
        cg.read_convokit(tmp_path / "nope")
    (tmp_path / "half").mkdir()
    for name in ("speakers.json", "corpus.json"):
        (tmp_path / "half" / name).write_text("{}", encoding="utf-8")
    assert is_convokit_dir(tmp_path / "half")
    with pytest.raises(cg.ReadError, match="no utterances.jsonl"):
        cg.read_convokit(tmp_path / "half")
    with pytest.raises(cg.ReadError, match="no utterances.jsonl"):
        cg.read_source(tmp_path / "half")
    (tmp_path / "half" / "utterances.jsonl").write_text("[1]\n", encoding="utf-8")
    with pytest.raises(cg.ReadError, match="no utterance found"):
        cg.read_convokit(tmp_path / "half")
    (tmp_path / "half" / "utterances.jsonl").write_text('{"id": "1", "speaker": "A", "text": "x", '
                                                        '"timestamp": 0}\n', encoding="utf-8")
    (tmp_path / "half" / "conversations.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(cg.ReadError, match=r"conversations.json, line 1: not valid JSON"):
        cg.read_convokit(tmp_path / "half")


def test_read_source_takes_a_convokit_folder():
    d = cg.read_source(DATA / "convokit" / "dumped")
    assert len(d.comments) == 5 and d.settings["reader"] == "read_convokit"


def test_convokit_loads_our_corpus(seed, tmp_path):
    convokit = pytest.importorskip("convokit")
    corpus = convokit.Corpus(filename=str(cg.write_convokit(seed, tmp_path / "seed")))
    assert len(list(corpus.iter_utterances())) == 10
    assert len(list(corpus.iter_speakers())) == 8
    replies = {u.id: u.reply_to for u in corpus.iter_utterances()}
    assert sum(v is not None for v in replies.values()) == 4
