"""The explorer without a browser: its data, its HTML page, and the widget's state (select, jump, review)."""

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.explorer import explorer_data, load_reviews, review_rows, reviews_path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"


def by_number(d):
    return dict(zip(d.comments["number"].tolist(), d.comments["comment_id"]))


def page_data(page: str) -> dict:
    raw = re.search(r'<script type="application/json" id="cg-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(raw)


# ---------------------------------------------------------------- data


def test_seed_data_holds_the_threads_and_the_five_references_worked_out_by_hand(seed):
    x = explorer_data(seed)
    assert [a["comments"] for a in x["articles"]] == [10] and x["articles"][0]["references"] == 5
    a = x["data"][x["articles"][0]["id"]]
    c, th, r = a["c"], a["th"], a["r"]
    num = dict(zip(c["id"], c["n"]))
    # the longest thread: #6 W. Merseburger <- #7 Meckersack <- #9 W. Merseburger <- #10 Meckersack
    longest = th["size"].index(max(th["size"]))
    assert num[th["id"][longest]] == 6 and (th["size"][longest], th["depth"][longest]) == (4, 3)
    members = sorted(c["n"][i] for i in range(10) if c["th"][i] == longest)
    assert members == [6, 7, 9, 10]
    parent_of = {c["n"][i]: c["n"][c["p"][i]] for i in range(10) if c["p"][i] >= 0}
    assert parent_of == {7: 6, 9: 7, 10: 9, 15: 12}
    # each reference: its span in the text, its target, its evidence
    refs = {(c["n"][r["c"][k]], r["raw"][k]): k for k in range(5)}
    assert set(refs) == {(15, "@ 12"), (11, "@Ralf Meier"), (10, "@9 W. Merseburger"), (9, "@ 7, Meckersack"),
                         (7, "@6 W. Merseburger")}
    k = refs[(10, "@9 W. Merseburger")]
    text = c["x"][r["c"][k]]
    assert text[r["s"][k]:r["e"][k]] == "@9 W. Merseburger"
    assert (c["n"][r["t"][k]], r["res"][k], r["rule"][k], r["conf"][k]) == (9, "number+author", "number+name:exact", 0.99)
    k = refs[(11, "@Ralf Meier")]
    assert r["t"][k] == -1 and r["res"][k] == "unresolved" and "not in the data" in r["reason"][k]
    # @Ralf Meier's thread has a root that is not in the data, shown by name
    i11 = c["n"].index(11)
    assert c["pm"][i11] == "Ralf Meier" and th["mname"][c["th"][i11]] == "Ralf Meier" and th["root"][c["th"][i11]] == -1
    # the page declares 15 comments and shows 10: a note on the article, not on a comment
    assert [n["kind"] for n in a["notes"]] == ["count_mismatch"] and a["pr"]["c"] == []
    assert c["t"][c["n"].index(6)] == "2019-02-28 22:02"


def test_reference_spans_count_utf16_units_after_an_emoji():
    d = cg.read_page("01.03.2019 10:00 Anna 1\n\nHallo\n\n01.03.2019 11:00 Ben 2\n\n😀😀 @1 Anna: ja")
    a = next(iter(explorer_data(d)["data"].values()))
    r = a["r"]
    assert (r["s0"], r["e0"]) == ([3], [10])     # code points, as in d.mentions
    assert (r["s"], r["e"]) == ([5], [12])       # UTF-16 units, as a browser counts
    js_text = a["c"]["x"][1].encode("utf-16-le")
    assert js_text[2 * r["s"][0]:2 * r["e"][0]].decode("utf-16-le") == "@1 Anna"


def test_a_problem_inside_a_comment_flags_that_comment():
    page = ("01.03.2019 10:00 Anna 1\n\nHallo\n\n01.03.2019 11:00 Ben 1\n\nnoch mal\n\n"
            "31.02.2019 12:00 Cleo 3\n\nfalsches Datum\n")
    d = cg.read_page(page)
    a = next(iter(explorer_data(d)["data"].values()))
    flagged = {a["c"]["n"][i]: kind for i, kind in zip(a["pr"]["c"], a["pr"]["kind"])}
    assert flagged, d.problems
    lines = dict(zip(d.problems["kind"], d.problems["line"]))
    for kind, line in lines.items():
        if kind in flagged.values():
            i = next(i for i, k in zip(a["pr"]["c"], a["pr"]["kind"]) if k == kind)
            row = d.comments.iloc[i]
            assert row["line"] <= line <= row["last_line"]


# ---------------------------------------------------------------- the page


def test_page_is_self_contained_and_shows_hostile_text_only_as_data(sample_path, tmp_path):
    page_in = tmp_path / "hostile.txt"
    page_in.write_text(sample_path.read_text(encoding="utf-8").replace(
        "Ade Friedensnobelpreis *schnief*", f"Ade {SCRIPT} {IMG} javascript:alert(2) Friedensnobelpreis"),
        encoding="utf-8")
    d = cg.read_page(page_in)
    path = cg.write_explorer(d, tmp_path / "explorer.html")
    page = path.read_text(encoding="utf-8")
    assert SCRIPT not in page and IMG not in page
    data = page_data(page)
    texts = next(iter(data["data"].values()))["c"]["x"]
    assert any(SCRIPT in t and IMG in t and "javascript:alert(2)" in t for t in texts)   # kept verbatim, as data
    # no network: nothing outside the embedded data names a URL; one inline script, allowed by its hash
    code = re.sub(r'<script type="application/json" id="cg-data">.*?</script>', "", page, flags=re.S)
    assert not re.search(r"https?:|//cdn|\bsrc\s*=|onerror", code)
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'unsafe-inline'; img-src 'none'; connect-src 'none'",
                     page)
    assert page.count("<script") == 2 and "innerHTML" not in code and "insertAdjacentHTML" not in code


def test_anonymized_page_carries_pseudonyms_only(seed):
    from seed_links import SEED_AUTHORS

    page = cg.explorer_html(cg.pseudonymize(seed, salt="s3cret"))
    assert [a for a in SEED_AUTHORS if a in page] == []
    assert "Commenter" in page


# ---------------------------------------------------------------- the widget's state


def test_widget_selects_a_thread_follows_a_reference_and_reviews_in_place(seed, tmp_path):
    n = by_number(seed)
    store = tmp_path / "seed.reviews.csv"
    w = cg.explore(seed, reviews=store)
    assert w.article == seed.articles["article_id"].iloc[0] and w.thread == "" and len(w.article_data["c"]["id"]) == 10
    w.select_thread(n[6])
    assert (w.thread, w.selected) == (n[6], "")
    # a click on '@9 W. Merseburger' in #10 highlights #9, in the same thread
    assert w.jump(n[10], 0) == n[9] and (w.thread, w.selected) == (n[6], n[9])
    # '@ 12' in #15 opens #12's thread; '@Ralf Meier' has no target to go to
    assert w.jump(n[15], 0) == n[12] and w.thread == n[12]
    assert w.jump(n[11], 0) is None and w.selected == n[12]
    with pytest.raises(KeyError):
        w.jump(n[8], 0)

    # review: #10's reference is right, #11's '@Ralf Meier' is wrong, #9's answers #6 instead
    w.review(n[10], 0, "right")
    w.review(n[11], 0, "wrong")
    w.review(n[9], 0, "other", "#6")
    w.review(n[8], verdict="missed", target="#7")
    rows = w.reviewed()
    cols = list(cg.review_table(seed).columns)
    assert list(rows.columns[:len(cols)]) == cols and len(rows) == 4
    got = {(r.comment_id, r.verdict): (r.correct_target, r.target) for r in rows.itertuples()}
    assert got == {(n[10], "right"): ("", n[9]), (n[11], "wrong"): ("none", "none"),
                   (n[9], "other"): ("#6", "#6"), (n[8], "missed"): ("#7", "#7")}
    fixed = cg.apply_review(seed, rows)
    edges = dict(zip(fixed.replies["source_comment_id"], fixed.replies["target_comment_id"]))
    assert len(fixed.replies) == 4 and n[11] not in edges and edges[n[9]] == n[6] and edges[n[10]] == n[9]
    s = cg.resolution_scores(seed, rows).iloc[0]
    # 4 comments sampled: #10 right (tp), #11 a false edge (fp), #9 pointed at the wrong one (fp + fn),
    # #8's missed reply (fn)
    assert (s["tp"], s["fp"], s["fn"]) == (1, 2, 2)
    assert w.scores().iloc[0][["tp", "fp", "fn"]].tolist() == [1, 2, 2]
    assert "4 reviewed, saved to seed.reviews.csv" in w.status and "precision 0.33, recall 0.33" in w.status

    # saved at once, beside the data: a new explorer (a restarted kernel) has them back
    assert store.is_file()
    again = cg.explore(seed, reviews=store)
    assert again.reviews.keys() == w.reviews.keys() and again.reviewed()["target"].tolist() == rows["target"].tolist()
    w.review(n[9], 0, None)
    assert len(load_reviews(store)) == 3
    with pytest.raises(ValueError, match="needs a target"):
        w.review(n[9], 0, "other")
    with pytest.raises(KeyError, match="no reference at 3"):
        w.review(n[9], 3, "right")


def test_a_partly_reviewed_comment_is_left_out_of_the_scores():
    d = cg.read_page("01.03.2019 10:00 Anna 1\n\nHallo\n\n01.03.2019 10:30 Cleo 2\n\nna\n\n"
                     "01.03.2019 11:00 Ben 3\n\n@1 Anna: ja, @2 Cleo: nein")
    n = by_number(d)
    w = cg.explore(d, reviews=None)
    w.review(n[3], 0, "right")
    assert w.scores().iloc[0]["comments"] == 0
    w.review(n[3], int(d.mentions["start"].max()), "right")
    s = w.scores().iloc[0]
    assert (s["comments"], s["tp"], s["fp"], s["precision"]) == (1, 2, 0, 1.0)
    assert w.path is None and "not saved" in w.status


def test_switching_articles_sends_that_article_and_clears_the_thread():
    d = cg.read_source(cg.sample_corpus())
    w = cg.explore(d, reviews=None)
    assert len(w.articles) == 6
    second = w.articles[1]["id"]
    first_thread = w.article_data["th"]["id"][0]
    w.select_thread(first_thread)
    w.article = second
    assert w.thread == "" and w.article_data["id"] == second
    assert len(w.article_data["c"]["id"]) == (d.comments["article_id"] == second).sum()
    # showing a comment of another article switches to it
    other = d.comments.loc[d.comments["article_id"] == w.articles[0]["id"], "comment_id"].iloc[-1]
    w.show(other)
    assert w.article == w.articles[0]["id"] and w.selected == other


def test_the_widget_prepares_an_article_when_it_is_first_shown_and_lists_all_as_the_page_does():
    d = cg.read_source(cg.sample_corpus())
    w = cg.explore(d, reviews=None)
    assert w.articles == explorer_data(d)["articles"]  # the same rows, without preparing every article
    assert list(w._data) == [w.articles[0]["id"]]
    w.article = w.articles[3]["id"]
    assert list(w._data) == [w.articles[0]["id"], w.articles[3]["id"]]
    assert w.article_data == explorer_data(d)["data"][w.articles[3]["id"]]
    assert sum(a["comments"] for a in w.articles) == len(d.comments)


def test_reviews_live_beside_the_data_they_review(sample_path, tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(sample_path.read_bytes())
    assert reviews_path(cg.read_page(page)) == tmp_path / "page.reviews.csv"
    assert reviews_path(cg.pseudonymize(cg.read_page(page), salt="x")) == tmp_path / "page.pseudonymized.reviews.csv"
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_bytes(sample_path.read_bytes())
    assert reviews_path(cg.read_pages(folder)) == tmp_path / "pages.reviews.csv"
    assert reviews_path(cg.read_table(cg.sample_corpus())) is None
    assert review_rows(cg.read_page(page), {}).empty


def test_the_widget_repr_says_what_it_holds(seed):
    w = cg.explore(seed, reviews=None)
    assert repr(w) == "commentgraph explorer: 1 article, 10 comments, 6 threads, 5 references"
    assert isinstance(w.reviewed(), pd.DataFrame) and w.reviewed().empty


# ---------------------------------------------------------------- the page's budget


def omitted(page: str) -> str | None:
    """The page's notice of what it left out, as text (None: it holds everything)."""
    m = re.search(r'<div class="cg-omitted" role="note">(.*?)</div>', page, re.S)
    return None if m is None else " ".join(re.sub(r"<[^>]+>", " ", m.group(1)).split())


def test_the_sample_page_and_corpus_are_embedded_whole_by_default(sample_path):
    d = cg.read_page(sample_path)
    page = cg.explorer_html(d)
    assert omitted(page) is None and "(10 comments)</title>" in page
    assert sum(len(a["c"]["id"]) for a in page_data(page)["data"].values()) == len(d.comments) == 10
    corpus = cg.read_source(cg.sample_corpus())
    assert omitted(cg.explorer_html(corpus)) is None
    assert len(page_data(cg.explorer_html(corpus))["articles"]) == 6


def test_a_budget_keeps_whole_articles_most_discussed_first_and_says_what_is_left_out():
    d = cg.read_source(cg.sample_corpus())
    sizes = d.comments.groupby("article_id").size()   # 03: 25, 04: 24, 05: 19, 01: 13, 02: 13, 06: 9
    page = cg.explorer_html(d, max_comments=60)
    data = page_data(page)
    kept = [a["id"] for a in data["articles"]]
    assert kept == ["synthetic-03", "synthetic-04", "synthetic-06"]   # 25 + 24 fit, 19 and 13 not, 9 does
    full = explorer_data(d)["data"]
    for aid in kept:   # whole articles, exactly as the full page would show them
        assert sorted(data["data"][aid]["c"]["id"]) == sorted(d.comments.loc[d.comments["article_id"] == aid, "comment_id"])
        assert data["data"][aid] == full[aid]
    assert sum(sizes[kept]) == 58 <= 60
    note = omitted(page)
    assert "It holds 3 of 6 articles (58 of 103 comments)" in note and "max_comments=60" in note
    assert "Left out: 3 articles, 45 comments." in note
    assert 'article_ids=["synthetic-05", "synthetic-01"]' in html.unescape(note)
    assert 'max_comments=None' in note
    assert re.findall(r"synthetic-0\d", note.split("most comments first")[1]) == ["synthetic-05", "synthetic-01", "synthetic-02"]
    assert "(58 of 103 comments)</title>" in page
    # no budget: everything
    assert omitted(cg.explorer_html(d, max_comments=None)) is None


def test_article_ids_pick_articles_and_the_budget_still_holds(tmp_path):
    d = cg.read_source(cg.sample_corpus())
    page = cg.write_explorer(d, tmp_path / "x.html", article_ids=["synthetic-05", "synthetic-01"]).read_text()
    assert [a["id"] for a in page_data(page)["articles"]] == ["synthetic-01", "synthetic-05"]   # in d's order
    assert "Left out: 4 articles, 71 comments." in omitted(page) and "the articles picked" in omitted(page)
    # an article larger than the budget on its own is left out, and the page says to lift the budget
    page = cg.explorer_html(d, article_ids="synthetic-03", max_comments=20)
    assert page_data(page)["articles"] == []
    assert "synthetic-03 · [synthetic] Readers discuss the river clean-up · 25 comments — larger than the budget" \
        " on its own: add max_comments=None" in omitted(page)
    assert omitted(cg.explorer_html(d, article_ids=["synthetic-03"], max_comments=None)).startswith(
        "Not everything is on this page. It holds 1 of 6 articles (25 of 103 comments)")
    with pytest.raises(ValueError, match="no such article in the Discussion: nope"):
        cg.explorer_html(d, article_ids=["synthetic-01", "nope"])


def test_the_notice_escapes_titles_and_ids():
    d = cg.read_source(cg.sample_corpus())
    d = d.replace(articles=d.articles.assign(title=d.articles["title"].where(
        d.articles["article_id"] != "synthetic-06", "<img src=x onerror=alert(1)>")))
    page = cg.explorer_html(d, max_comments=20)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
