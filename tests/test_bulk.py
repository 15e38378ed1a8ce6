"""Plain pages read all at once (read/bulk.py) read exactly as the per-page reader reads them.

Every page here is read both ways (``read_pages`` of the folder, and with the bulk stage switched off) and
the five tables must be equal; the pages the bulk stage must take, and those it must leave to the per-page
reader (its traps), are named.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

import commentgraph as cg
from commentgraph import pages

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw" / "mdr_2019-02-28_trump_kim_hanoi_comments.txt"

HEAD = "Titel des Artikels\n\nText des Artikels.\n\nZuletzt aktualisiert: 28. Mai 2019, 21:23 Uhr\n\n3 Kommentare\n\n"

#: pages the bulk stage reads (name -> text)
TAKEN = {
    "plain": HEAD + "01.03.2019 11:25 Anna 3\n\nJa.\n\n01.03.2019 11:20 Ben B. 2\n\n@1 Carl: nein\nzwei Zeilen\n\n"
    "01.03.2019 11:00 Carl 1\n\nErster.\n",
    "header_first_no_final_newline": "01.03.2019 11:25 Anna 2\n\nJa.\n\n01.03.2019 11:20 Ben 1\n\nEnde",
    "empty_and_last_header": HEAD + "01.03.2019 11:25 Anna 3\n01.03.2019 11:20 Ben 2\n\n   \n\t\n01.03.2019 11:00 Carl 1",
    "blanks_and_tabs": HEAD + "  01.03.2019\t11:25   Anna   Maria  2  \n \t \n\n  Text mit Leerzeichen   \n\n\n"
    "01.03.2019 11:20 Ben 1\n\n\tEingerückt\n\t\n",
    "gaps_and_order": HEAD + "01.03.2019 11:25 Anna 9\n\nA\n\n01.03.2019 11:20 Ben 4\n\nB\n\n"
    "01.03.2019 11:10 Carl 7\n\nC\n\n01.03.2019 11:00 Dora 1\n\nD\n",
    "autumn_hour": "27.10.2019 02:30 Anna 2\n\nDoppelt.\n\n31.03.2019 02:30 Ben 1\n\nLücke.\n",
    "unicode": "Über 😀\n\n01.03.2019 11:25 Zoë 🌍 2\n\nGrüße, ümlaut — „Zitat“ 😀\n\n01.03.2019 11:20 李 1\n\n中文\n",
    # (a page in the seed's layout keeps its button words as text, as the per-page reader keeps them)
    "buttons": "01.03.2019 11:25 Anna 2\n\nA\n\nAntworten\nMelden\n\n01.03.2019 11:20 Ben 1\n\nB\n\nAntworten\n",
    "body_numbers": HEAD + "01.03.2019 11:25 Anna 2\n\n3 Dinge:\n1. eins\n2019 war gut\n12:30 Uhr war es\n\n"
    "01.03.2019 11:20 Ben 1\n\nx\n",
}
#: pages left to the per-page reader: each holds what it reads its own way
LEFT = {
    "dated_body_line": HEAD + "01.03.2019 11:25 Anna 2\n\n01.03.2019 11:30 war ich beim Arzt\n\n"
    "01.03.2019 11:20 Ben 1\n\nx\n",
    "dateline_in_head": "Artikel\n28.02.2019 | 15:32 Uhr\n\n01.03.2019 11:25 Anna 1\n\nJa.\n",
    "month_name_line": HEAD + "01.03.2019 11:25 Anna 2\n\n1. März 2019 war ein Freitag\n\n01.03.2019 11:20 Ben 1\n\nx\n",
    "duplicate_number": HEAD + "01.03.2019 11:25 Anna 1\n\nA\n\n01.03.2019 11:20 Ben 1\n\nB\n",
    "impossible_date": "31.02.2019 11:25 Anna 2\n\nA\n\n01.03.2019 11:20 Ben 1\n\nB\n",
    "crlf": "01.03.2019 11:25 Anna 2\r\n\r\nA\r\n\r\n01.03.2019 11:20 Ben 1\r\n\r\nB\r\n",
    "nbsp": "01.03.2019 11:25 Anna\u00a0Maria 2\n\nA\u00a0b\n\n01.03.2019 11:20 Ben 1\n\nB\n",
    "author_first_line": HEAD + "01.03.2019 11:25 Anna 2\n\nText\nKarl | 01.03.2019 11:25\n\n"
    "01.03.2019 11:20 Ben 1\n\nB\n",
    "numberless_header": "01.03.2019 11:25 Anna\n\nA\n\n01.03.2019 11:20 Ben 1\n\nB\n",
    "html": "<!DOCTYPE html><html><body><p>01.03.2019 11:25 Anna 1</p><p>A</p></body></html>",
    "no_headers": "Nur ein Artikel.\n\nOhne Kommentare.\n",
    "empty": "",
    "nr_author": "01.03.2019 11:25 Anna Nr. 2\n\nA\n\n01.03.2019 11:20 Ben 1\n\nB\n",
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name, text in {**TAKEN, **LEFT}.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8", newline="")
    (folder / "cp1252.txt").write_bytes("01.03.2019 11:25 Jürgen 1\n\nGrüße\n".encode("cp1252"))
    shutil.copy(SAMPLE, folder / "sample.txt")
    return folder


def _tables(d: cg.Discussion) -> dict[str, pd.DataFrame]:
    return {k: getattr(d, k) for k in ("articles", "comments", "mentions", "replies", "problems")}


def test_bulk_takes_the_plain_pages_and_leaves_the_rest(tmp_path):
    folder = _folder(tmp_path)
    items = sorted(folder.iterdir())
    taken = {Path(items[i]).stem for i in pages._bulk(items)}
    assert taken == set(TAKEN) | {"sample"}


def test_bulk_reads_as_the_per_page_reader(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    fast = cg.read_pages(folder)
    monkeypatch.setattr(pages, "_BULK_MIN", 10**9)
    slow = cg.read_pages(folder)
    for name, frame in _tables(fast).items():
        pd.testing.assert_frame_equal(frame, _tables(slow)[name], check_exact=True, obj=name)


def test_bulk_values_worked_out_by_hand(tmp_path):
    d = cg.read_pages(_folder(tmp_path))
    c = d.comments.set_index("comment_id")
    assert c.loc["plain/2", "author"] == "Ben B."
    assert c.loc["plain/2", "text"] == "@1 Carl: nein\nzwei Zeilen"
    assert int(c.loc["plain/2", "line"]) == 13 and int(c.loc["plain/2", "last_line"]) == 17
    assert c.loc["header_first_no_final_newline/1", "text"] == "Ende"
    assert c.loc["empty_and_last_header/3", "text"] == "" and c.loc["empty_and_last_header/1", "text"] == ""
    assert c.loc["blanks_and_tabs/2", "author"] == "Anna   Maria"
    assert c.loc["blanks_and_tabs/2", "text"] == "  Text mit Leerzeichen"   # (verbatim: leading blanks stay)
    assert c.loc["blanks_and_tabs/1", "text"] == "\tEingerückt"
    assert c.loc["unicode/2", "author"] == "Zoë 🌍" and c.loc["unicode/2", "text"] == "Grüße, ümlaut — „Zitat“ 😀"
    assert c.loc["body_numbers/2", "text"] == "3 Dinge:\n1. eins\n2019 war gut\n12:30 Uhr war es"
    assert str(c.loc["autumn_hour/2", "posted_at"]) == "2019-10-27 02:30:00+02:00"
    assert str(c.loc["autumn_hour/1", "posted_at"]) == "2019-03-31 03:00:00+02:00"   # (the next valid time)
    p = d.problems
    mine = p[p["source"].str.endswith("gaps_and_order.txt")]
    assert mine["kind"].tolist() == ["number_gap", "numbers_out_of_order", "count_mismatch"]
    assert mine["message"].iloc[0] == "numbers 2..3, 5..6, 8 are missing between 1 and 9"
    assert int(mine["line"].iloc[1]) == 17   # number 7 breaks 9, 4, ..., 1
    empties = p[(p["kind"] == "empty_comment") & p["source"].str.endswith("empty_and_last_header.txt")]
    assert empties["line"].tolist() == [9, 10, 14]
    a = d.articles.set_index("article_id")
    assert int(a.loc["plain", "declared_comments"]) == 3 and a.loc["plain", "title"] == "Titel des Artikels"
    assert int(a.loc["header_first_no_final_newline", "lines"]) == 7
    assert int(a.loc["sample", "parsed_comments"]) == 10


def test_pages_over_the_batch_size_are_read_one_by_one(tmp_path, monkeypatch):
    folder = _folder(tmp_path)
    items = sorted(folder.iterdir())
    whole = cg.read_pages(folder)
    monkeypatch.setattr(pages, "_BULK_BYTES", 200)   # every page but the shortest is "huge"
    small = {Path(items[i]).stem for i in pages._bulk(items)}
    assert small and all((folder / f"{s}.txt").stat().st_size <= 200 for s in small)
    assert "sample" not in small
    pd.testing.assert_frame_equal(cg.read_pages(folder).comments, whole.comments, check_exact=True)


# ---------------------------------------------------------------- property test: random pages, both ways

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = [
    "01.03.2019 11:25 Anna 3", "01.03.2019 11:20 Ben B. 2", "  02.03.2019\t09:05  Carl  1 ", "01.03.2019 11:30 Dora",
    "31.02.2019 10:00 Eva 4", "01.03.2019 11:25 Fritz Nr. 5", "1. März 2019 war gut", "Karl | 01.03.2019 11:25",
    "01.03.2019 11:25 7", "27.10.2019 02:30 Gerd 6", "Text mit 12:30", "", "", "   ", "\t", "Antworten", "3 Dinge",
    "@2 Ben B.: ja", "Zuletzt aktualisiert: 1. März 2019, 19:56 Uhr", "15 Kommentare", "Ärger\u00a0hier", "ß 😀",
    "01.03.2019 11:25 by Hans 8", "Re: Titel", "01.03.2019 11:25 Uhrmacher 9",
    # the quick cut (read/bulk.py ``_quick``, by numpy on the bytes) must take and leave exactly what the
    # regexes take: am/pm and "by" openings, Nr./No. endings, 10-digit and leading-zero numbers, tabs,
    # double spaces, trailing blanks, non-ASCII and one-letter authors, an author ending in a digit
    "01.03.2019 11:25 am Rhein 3", "01.03.2019 11:25 pm 4", "01.03.2019 11:25 a.m. 5", "01.03.2019 11:25 Uhr 6",
    "01.03.2019 11:25 by 7", "01.03.2019 11:25 bye 8", "01.03.2019 11:25 Anna No. 9", "01.03.2019 11:25 Anna 1234567890",
    "01.03.2019 11:25 Anna  3", "01.03.2019 11:25 Anna\t3", "01.03.2019 11:25 Ärger 3", "01.03.2019 11:25 Anna 3 ",
    "01.03.2019 11:25 B 1", "01.03.2019 11:25 X1 2", "01.03.2019 11:25 Anna 007", "01.03.2019 11:25 Anna 0",
    "01.03.2019 11:25 Am 10", "01.03.2019 11:25 Nr. 11", "01.03.2019 11:25 " + "L" * 205 + " 12",
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(pages_=st.lists(st.lists(st.sampled_from(_PIECES), min_size=0, max_size=14), min_size=8, max_size=10),
       endings=st.lists(st.sampled_from(["\n", "", "\n\n"]), min_size=10, max_size=10))
def test_random_pages_read_the_same_both_ways(tmp_path_factory, pages_, endings):
    folder = tmp_path_factory.mktemp("random")
    for k, lines in enumerate(pages_):
        (folder / f"p{k:02d}.txt").write_text("\n".join(lines) + endings[k], encoding="utf-8", newline="")
    fast = cg.read_pages(folder)
    old = pages._BULK_MIN
    pages._BULK_MIN = 10**9
    try:
        slow = cg.read_pages(folder)
    finally:
        pages._BULK_MIN = old
    for name, frame in _tables(fast).items():
        pd.testing.assert_frame_equal(frame, _tables(slow)[name], check_exact=True, obj=name)
