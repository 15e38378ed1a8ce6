"""Resolution by integer codes: the cases a string join decided implicitly, worked out by hand."""

import pandas as pd

from commentgraph import mentions
from commentgraph.references import evidence
from commentgraph.mentions import link_comments


def frame(**cols):
    n = len(cols["comment_id"])
    base = {"article_id": ["x"] * n, "posted_at": pd.date_range("2019-03-01 10:00", periods=n, freq="10min")}
    return pd.DataFrame({**base, **cols})


def test_no_comment_has_a_number():
    # "@2" can find no comment by number; "@Anna" finds her only earlier comment
    c = frame(comment_id=["a", "b", "c"], author=["Anna", "Ben", "Anna"], text=["Hallo", "@Anna ja", "nein @2"],
              number=pd.array([None] * 3, dtype="Int64"))
    m, r = link_comments(c)
    assert m[["comment_id", "target_comment_id", "resolution"]].fillna("-").values.tolist() == [
        ["b", "a", "author"], ["c", "-", "unresolved"]]
    assert m["reason"].tolist()[1] == "comment #2 is not in the data"
    assert r["target_comment_id"].fillna("-").tolist() == ["a", "-"]


def test_repeated_id_and_number_take_their_first_comment():
    # id "a" twice: replies look up its first row (Anna, 10:00); number 1 twice: the first comment with it
    c = frame(comment_id=["a", "a", "b"], author=["Anna", "Carl", "Ben"], text=["Hallo", "Hi", "@1 ja"],
              number=[1, 1, 2])
    m, r = link_comments(c)
    assert m[["target_comment_id", "target_author", "resolution"]].values.tolist() == [["a", "Anna", "number"]]
    assert r["latency"].tolist() == [pd.Timedelta(minutes=20)]


def test_latest_of_several_unless_one_is_quoted():
    texts = ["Wir sollten erst einmal abwarten, was passiert.", "Nein", "Das denke ich nicht.", "@Anna ja"]
    c = frame(comment_id=["a1", "b", "a2", "r"], author=["Anna", "Ben", "Anna", "Ben"], text=texts, number=[1, 2, 3, 4])
    m, _ = link_comments(c)
    assert m["target_comment_id"].tolist() == ["a2"]   # the latest of Anna's two
    quoting = c.assign(text=texts[:3] + ['@Anna "erst einmal abwarten, was passiert" - ja'])
    m, _ = link_comments(quoting)
    assert m["target_comment_id"].tolist() == ["a1"]   # the one the reply quotes
    assert m["candidates"].tolist() == [2]
    m, _ = link_comments(quoting, quotes=False, tie="earliest")
    assert m["target_comment_id"].tolist() == ["a1"]


def test_parent_edges_missing_other_article_and_no_id():
    c = frame(comment_id=["p", "q", "s", None], article_id=["x", "x", "y", "x"], author=["A", "B", "C", "D"],
              text=["eins", "zwei", "drei", "vier"], number=[1, 2, 1, 3], parent_id=[None, "p", "p", "zz"])
    m, r = link_comments(c)
    assert len(m) == 0
    assert r["target_comment_id"].fillna("-").tolist() == ["p", "p", "-"]
    assert r["target_author"].fillna("-").tolist() == ["A", "A", "-"]
    assert r["reason"].fillna("-").tolist() == ["-", "parent p belongs to another article",
                                                "parent id zz is not in the data"]
    assert r["latency"].tolist()[:2] == [pd.Timedelta(minutes=10), pd.Timedelta(minutes=20)]


def test_a_parent_without_an_author_is_still_found_by_its_id():
    import commentgraph as cg

    ts = ["2019-03-01 10:00", "2019-03-01 10:01", "2019-03-01 10:02"]
    d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "author": ["A", None, "C"], "timestamp": ts,
                                    "text": ["x", "y", "z"], "parent_id": [None, 1, 2]}))
    r = d.replies
    assert r["target_comment_id"].tolist() == ["1", "2"] and r["reason"].isna().all()
    assert sorted(cg.reply_graph(d).edges()) == [("2", "1"), ("3", "2")]
    assert cg.threads(d)["size"].tolist() == [3]


def test_candidates_in_chunks_give_the_same_picks(monkeypatch):
    # three authors answering each other by name, many comments each: every mention has many candidates
    rows = []
    for i in range(60):
        who, other = ["Anna", "Bert", "Cleo"][i % 3], ["Anna", "Bert", "Cleo"][(i + 1) % 3]
        rows.append({"comment_id": str(i), "article_id": "a", "author": who, "number": i + 1,
                     "posted_at": pd.Timestamp("2019-03-01 10:00", tz="Europe/Berlin") + pd.Timedelta(minutes=i // 2),
                     "text": f"@{other} ja" if i else "Hallo", "parent_id": None})
    c = pd.DataFrame(rows)
    whole = mentions.link_comments(c)
    monkeypatch.setattr(evidence, "_PAIRS", 5)
    chunked = mentions.link_comments(c)
    for a, b in zip(whole, chunked):
        pd.testing.assert_frame_equal(a, b)
    resolved = whole[0]["target_comment_id"].notna()
    assert resolved.sum() >= 50   # the picks are real ones, not all unresolved


def test_two_guests_are_two_people_for_the_self_reference_rule():
    import commentgraph as cg

    page = "T\n\n01.03.2019 10:00 Gast 1\n\nHallo\n\n01.03.2019 10:05 Gast 2\n\n"
    for reply, how in (("@1 Gast: nein", "number+author"), ("@ 1 nein", "number"), ("@Gast nein", "author")):
        r = cg.read_page(page + reply).replies
        assert r["target_comment_id"].str.endswith("/1").tolist() == [True], reply
        assert r["resolution"].tolist() == [how] and r["reason"].isna().all()
    # DESIGN.md: an explicit number to one's own earlier comment is a reply, with or without the name after
    # it (a self-reply, filtered by self_replies=); the name alone naming oneself is a sign-off: no edge
    anna = page.replace("Gast", "Anna")
    for reply, how in (("@1 Anna: nein", "number+author"), ("@ 1 nein", "number")):
        d = cg.read_page(anna + reply)
        r = d.replies
        assert r["target_comment_id"].str.endswith("/1").tolist() == [True], reply
        assert r["resolution"].tolist() == [how]
        assert r["reason"].tolist() == ["answers a comment by the same author"]
        assert cg.reply_edges(d)["self_reply"].tolist() == [True]
        assert cg.reply_edges(d, self_replies=False).empty
    d = cg.read_page(anna + "@Anna nein")
    assert d.replies.empty
    assert d.mentions["reason"].tolist() == ["names the comment's own author (a sign-off or self-quote): no edge"]


def test_a_hyphenated_double_name_is_not_its_first_part():
    import commentgraph as cg

    page = "T\n\n01.03.2019 10:00 Anna 1\n\nHallo\n\n01.03.2019 10:05 Bert 2\n\n"
    m = cg.read_page(page + "@Anna-Lena ja").mentions
    assert m[["raw", "target_author", "resolution"]].values.tolist() == [["@Anna-Lena", "Anna-Lena", "unresolved"]]
    for text in ("@Anna- nein", "@Anna-ja"):   # a dash after the name, or a lowercase word: still Anna
        m = cg.read_page(page + text).mentions
        assert m[["raw", "target_author", "resolution"]].values.tolist() == [["@Anna", "Anna", "author"]]
