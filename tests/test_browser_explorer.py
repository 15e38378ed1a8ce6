"""explorer.html in a real Chromium: the sample page and one article of 10,000 comments.

Pick the longest thread, click '@9 W. Merseburger' and see comment 9 highlighted, filter by an author,
review a reference and take the CSV back into Python, and check that hostile comment text is shown
as characters and never runs.
"""

import re
import time

import pandas as pd
import pytest
from browser import expect, launch, screenshot, sync_playwright
from explorer_pages import CHAIN, HOSTILE, big_page

import commentgraph as cg

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def open_page(browser, path, *, width=1400, height=900):
    page = browser.new_page(viewport={"width": width, "height": height}, accept_downloads=True)
    page.seen = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (page.seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.seen["errors"].append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.seen["errors"].append(m.text))
    page.on("request", lambda r: page.seen["requests"].append(r.url))
    t0 = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready=true]")
    page.ready_seconds = time.perf_counter() - t0
    return page


def filter_threads(page, query, n):
    """Type ``query`` into the filter and wait until ``n`` threads are listed for it.

    (Waiting reads the DOM, evaluates no script: the page's CSP forbids eval, as it should.)
    """
    page.fill(".cg-search", query)
    expect(page.locator(".cg-count")).to_have_text(re.compile(rf"^{n} of [\d,]+ threads with “{re.escape(query)}”$"))


def selected(page):
    sel = page.locator(".cg-comment.cg-selected")
    assert sel.count() == 1
    return sel


def in_view(page, locator) -> bool:
    box, pane = locator.bounding_box(), page.locator(".cg-comments").bounding_box()
    return box["y"] < pane["y"] + pane["height"] and box["y"] + box["height"] > pane["y"]


def assert_hostile_text_shown_not_run(page):
    comments = page.locator(".cg-comments")
    for text in HOSTILE:
        assert page.locator(".cg-text", has_text=text).count() == 1, text   # the characters, on screen
    assert comments.locator("script, img, iframe, a[href]").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.seen["dialogs"] == [] and page.seen["errors"] == []
    assert [u for u in page.seen["requests"] if not u.startswith("file:")] == []   # no network at all


# ---------------------------------------------------------------- the sample page


@pytest.fixture(scope="module")
def sample_explorer(sample_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("explorer")
    hostile = folder / "hostile_sample.txt"
    hostile.write_text(sample_path.read_text(encoding="utf-8").replace(
        "Ade Friedensnobelpreis *schnief*", "\n".join(HOSTILE)), encoding="utf-8")
    d = cg.read_page(hostile)
    return d, cg.write_explorer(d, folder / "explorer.html")


def test_sample_longest_thread_reference_jump_author_search_and_hostile_text(browser, sample_explorer):
    d, path = sample_explorer
    page = open_page(browser, path)
    assert page.locator(".cg-thread").count() == 6
    assert page.locator(".cg-article-meta").inner_text().startswith("10 comments of 15 declared · 6 threads · 5 references")
    # sorted by size: the first thread is the longest, #6 W. Merseburger's, 4 comments
    first = page.locator(".cg-thread").first
    assert first.get_attribute("data-size") == "4" and "#6 W. Merseburger" in first.inner_text()
    first.locator("button").click()
    assert page.locator(".cg-comment").evaluate_all("els => els.map(e => e.dataset.number)") == ["6", "7", "9", "10"]
    assert page.locator('.cg-comment[data-number="9"]').get_attribute("data-depth") == "2"
    screenshot(page, "explorer_sample_thread")

    ref = page.locator('.cg-comment[data-number="10"] .cg-ref')
    assert ref.inner_text() == "@9 W. Merseburger" and ref.get_attribute("data-resolution") == "number+author"
    ref.click()
    sel = selected(page)
    assert sel.get_attribute("data-number") == "9" and "W. Merseburger" in sel.locator(".cg-author").inner_text()
    assert in_view(page, sel)
    ev = page.locator('.cg-comment[data-number="10"] .cg-evidence')
    assert "number+author" in ev.inner_text() and "rule number+name:exact" in ev.inner_text()
    assert "confidence 0.99" in ev.inner_text()
    screenshot(page, "explorer_sample_jump")

    # '@Ralf Meier' is flagged: a dashed, unresolved span in a thread whose root is not in the data
    page.locator(".cg-thread", has_text="Ralf Meier").locator("button").click()
    assert page.locator(".cg-comment.cg-missing").inner_text().startswith("Ralf Meier")
    dangling = page.locator('.cg-ref[data-resolution="unresolved"]')
    assert dangling.inner_text() == "@Ralf Meier"
    dangling.click()   # no comment to go to: the placeholder is highlighted, the status line says why
    expect(page.locator(".cg-comment.cg-missing.cg-selected")).to_have_count(1)
    expect(page.locator(".cg-status")).to_contain_text("@Ralf Meier: target not in the data")
    assert "not in the data" in page.locator('.cg-comment[data-number="11"] .cg-evidence').inner_text()

    # the other sort keys: duration puts #12's day-long exchange first, start the earliest thread
    page.locator(".cg-sort").select_option("duration")
    expect(page.locator(".cg-thread").first).to_contain_text("#12 Norbert NRW")
    page.locator(".cg-sort").select_option("start")
    firsts = page.locator(".cg-thread .cg-thread-title").all_inner_texts()
    assert firsts[:2] == ["#6 W. Merseburger", "#8 Jakob"] and firsts[-1] == "#14 Sabrina"
    page.locator(".cg-sort").select_option("depth")
    expect(page.locator(".cg-thread").first).to_contain_text("depth 3")

    # search an author: only the threads with a comment of theirs stay
    filter_threads(page, "Sabrina", 1)
    assert "#14 Sabrina" in page.locator(".cg-thread").inner_text()
    filter_threads(page, "merseburger", 1)

    # the hostile comment (#8) reads as its characters
    filter_threads(page, "#8", 1)
    page.locator(".cg-thread button").click()
    assert_hostile_text_shown_not_run(page)
    screenshot(page, "explorer_sample_hostile")
    page.close()


def test_sample_review_in_the_page_downloads_rows_python_applies(browser, sample_explorer, tmp_path):
    d, path = sample_explorer
    page = open_page(browser, path)
    page.locator(".cg-thread").first.locator("button").click()
    page.locator('.cg-comment[data-number="10"] .cg-right').click()
    page.locator('.cg-comment[data-number="9"] .cg-other').click()
    page.locator('.cg-comment[data-number="9"] .cg-target-input').fill("#6")
    page.keyboard.press("Enter")
    assert page.locator('.cg-comment[data-number="9"] .cg-reviewed').inner_text().startswith("reviewed: → #6")
    # a reply the resolver did not find: #10 also answers #7
    page.locator('.cg-comment[data-number="10"] .cg-missed').click()
    page.locator('.cg-comment[data-number="10"] .cg-target-input').fill("#7")
    page.keyboard.press("Enter")
    expect(page.locator('.cg-comment[data-number="10"] .cg-missed-ref')).to_contain_text("missed reference → #7")
    assert page.locator(".cg-status").inner_text() == "3 reviewed"
    with page.expect_download() as dl:
        page.locator(".cg-download").click()
    rows = pd.read_csv(dl.value.path(), dtype=str, keep_default_na=False)
    n = dict(zip(d.comments["number"].tolist(), d.comments["comment_id"]))
    assert sorted(zip(rows["comment_id"], rows["verdict"], rows["target"])) == sorted(
        [(n[10], "right", n[9]), (n[9], "other", "#6"), (n[10], "missed", "#7")])
    assert list(rows.columns[:3]) == ["comment_id", "start", "end"]
    fixed = cg.apply_review(d, rows)
    assert dict(zip(fixed.replies["source_comment_id"], fixed.replies["target_comment_id"]))[n[9]] == n[6]
    s = cg.resolution_scores(d, rows).iloc[0]
    assert (s["tp"], s["fp"], s["fn"]) == (1, 1, 2)
    # the reviews survive a reload of the page (kept in the browser's storage)
    page.reload()
    page.wait_for_selector("html[data-ready=true]")
    assert page.locator(".cg-status").inner_text() == "3 reviewed"
    page.close()


# ---------------------------------------------------------------- 10,000 comments in one article


@pytest.fixture(scope="module")
def big_explorer(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    d = cg.read_page(big_page(folder / "big10k.txt"))
    t0 = time.perf_counter()
    path = cg.write_explorer(d, folder / "explorer.html")
    return d, path, time.perf_counter() - t0


def test_ten_thousand_comments_stay_responsive(browser, big_explorer):
    d, path, write_seconds = big_explorer
    assert len(d.comments) == 10_000
    page = open_page(browser, path)
    threads = len(cg.threads(d))
    count = page.locator(".cg-count").inner_text()
    assert count == f"{threads:,} of {threads:,} threads"
    assert page.locator(".cg-thread").count() == 100   # the list is paged
    first = page.locator(".cg-thread").first
    assert first.get_attribute("data-size") == str(CHAIN) and "#6 W. Merseburger" in first.inner_text()
    t0 = time.perf_counter()
    first.locator("button").click()
    page.wait_for_selector('.cg-comment[data-number="6"]')
    open_seconds = time.perf_counter() - t0
    assert page.locator(".cg-comment").count() == 200   # the thread view is paged too
    ref = page.locator('.cg-comment[data-number="10"] .cg-ref')
    assert ref.inner_text() == "@9 W. Merseburger"      # after an emoji: spans count UTF-16 units
    t0 = time.perf_counter()
    ref.click()
    assert selected(page).get_attribute("data-number") == "9"
    jump_seconds = time.perf_counter() - t0
    screenshot(page, "explorer_10k_jump")

    # a reference on page 2 of the thread jumps back to page 1
    page.locator('.cg-view-head .cg-pager button[aria-label="next"]').click()
    top = page.locator(".cg-comment").first
    back_to = int(top.get_attribute("data-number"))
    top.locator(".cg-ref").click()
    sel = selected(page)
    assert int(sel.get_attribute("data-number")) < back_to and in_view(page, sel)

    # search an author: W. Merseburger writes only in the long thread
    t0 = time.perf_counter()
    filter_threads(page, "W. Merseburger", 1)
    search_seconds = time.perf_counter() - t0
    filter_threads(page, "__pwned", 3)
    for k in range(3):
        page.locator(".cg-thread button").nth(k).click()
        assert page.locator(".cg-comment.cg-match").count() == 1
    page.fill(".cg-search", "")
    # all three hostile comments at once: open each thread and check nothing ran
    assert page.evaluate("typeof window.__pwned") == "undefined" and page.seen["dialogs"] == []
    assert page.seen["errors"] == []
    mb = path.stat().st_size / 1e6
    print(f"\n10k comments: explorer.html {mb:.1f} MB written in {write_seconds:.2f} s; opens in "
          f"{page.ready_seconds:.2f} s; longest thread ({CHAIN} comments) shown in {open_seconds:.2f} s; "
          f"jump {jump_seconds:.2f} s; author search {search_seconds:.2f} s")
    assert page.ready_seconds < 10 and open_seconds < 5 and jump_seconds < 5 and search_seconds < 5
    page.close()


def test_ten_thousand_comments_hostile_text_shown_not_run(browser, big_explorer):
    d, path, _ = big_explorer
    page = open_page(browser, path)
    hostile = d.comments.loc[d.comments["text"].isin(HOSTILE), "number"].tolist()
    assert len(hostile) == 3
    for number in hostile:
        filter_threads(page, f"#{number}", 1)
        page.locator(".cg-thread button").click()
        page.wait_for_selector(f'.cg-comment[data-number="{number}"]')
    filter_threads(page, "__pwned", 3)
    # open the three threads one after another; together their texts must show every hostile string
    shown = []
    for k in range(3):
        page.locator(".cg-thread button").nth(k).click()
        shown += page.locator(".cg-comment.cg-match .cg-text").all_inner_texts()
    assert sorted(shown) == sorted(HOSTILE)
    assert page.locator(".cg-comments script, .cg-comments img, .cg-comments a[href]").count() == 0
    assert page.evaluate("typeof window.__pwned") == "undefined" and page.seen["dialogs"] == []
    assert [u for u in page.seen["requests"] if not u.startswith("file:")] == []
    page.close()


def test_article_picker_switches_between_articles(browser, tmp_path):
    d = cg.read_source(cg.sample_corpus())
    path = cg.write_explorer(d, tmp_path / "explorer.html")
    page = open_page(browser, path)
    picker = page.locator(".cg-article")
    assert picker.locator("option").count() == 6
    sizes = d.comments.groupby("article_id").size()
    for aid in d.articles["article_id"].tolist()[:3]:
        picker.select_option(aid)
        expect(page.locator(".cg-article-meta")).to_contain_text(f"{sizes[aid]} comments")
        expect(page.locator(".cg-count")).to_have_text(re.compile(rf"^\d+ of {(cg.threads(d)['article_id'] == aid).sum()} threads$"))
        page.locator(".cg-thread button").first.click()
        assert page.locator(".cg-comment").count() == cg.threads(d).query("article_id == @aid")["size"].max()
    screenshot(page, "explorer_corpus_article")
    assert page.seen["errors"] == []
    page.close()


def test_newest_first_reverses_siblings_and_keeps_the_tree(browser, tmp_path):
    d = cg.read_source(cg.sample_corpus())
    ct = cg.comment_threads(d)
    parent = ct.dropna(subset=["parent"]).groupby("parent").size().idxmax()   # the comment with most answers
    aid, thread = ct.loc[ct["comment_id"] == parent, ["article_id", "thread_id"]].iloc[0]
    kids = d.comments[d.comments["comment_id"].isin(ct.loc[ct["parent"] == parent, "comment_id"])]
    oldest_first = kids.sort_values("posted_at")["comment_id"].tolist()
    page = open_page(browser, cg.write_explorer(d, tmp_path / "explorer.html"))
    page.locator(".cg-article").select_option(aid)
    page.locator(f'.cg-thread[data-thread="{thread}"] button').click()

    def order():
        ids = page.locator(".cg-comment").evaluate_all("els => els.map(e => e.dataset.id)")
        return [i for i in ids if i in oldest_first], ids

    kids_shown, ids = order()
    assert kids_shown == oldest_first and ids[0] == thread
    page.locator(".cg-order").click()
    expect(page.locator(".cg-order")).to_have_text("newest first")
    kids_shown, ids = order()
    assert kids_shown == oldest_first[::-1] and ids[0] == thread   # the root stays on top
    page.close()


def test_a_corpus_over_the_budget_says_what_it_left_out(browser, tmp_path):
    d = cg.read_source(cg.sample_corpus())          # 103 comments; 100 fit: the 9-comment article is left out
    path = cg.write_explorer(d, tmp_path / "explorer.html", max_comments=100)
    page = open_page(browser, path)
    note = page.locator(".cg-omitted")
    expect(note).to_be_visible()
    text = " ".join(note.inner_text().split())
    assert "It holds 5 of 6 articles (94 of 103 comments)" in text and "max_comments=100" in text
    assert "Left out: 1 article, 9 comments." in text
    assert 'cg.write_explorer(d, "explorer.html", article_ids=["synthetic-06"])' in text
    assert re.search(r'max_comments=None\) for all of them \(about \d+ KB\)', text)
    note.locator("summary").click()
    assert note.locator("li").all_inner_texts() == [
        "synthetic-06 · [synthetic] Readers discuss the harbour festival · 9 comments"]
    # the explorer below works on the articles it holds, and offers only those
    picker = page.locator(".cg-article")
    assert picker.locator("option").evaluate_all("els => els.map(e => e.value)") == [
        f"synthetic-0{k}" for k in range(1, 6)]
    page.locator(".cg-thread button").first.click()
    assert page.locator(".cg-comment").count() >= 1
    # the notice leaves the explorer the rest of the window: the thread list ends inside it
    assert page.locator(".cg-explorer").bounding_box()["y"] + page.locator(".cg-explorer").bounding_box()["height"] <= 900 + 1
    screenshot(page, "explorer_left_out")
    assert page.seen["errors"] == []
    page.close()
