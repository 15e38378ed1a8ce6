"""read_page on the seed, against facts worked out by hand from the page."""

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import commentgraph as cg
from commentgraph import pages
from commentgraph.read import layouts
from conftest import SAMPLE

# number: (author, local time, header line), read off the page by hand
SEED = {
    15: ("Wessi", "2019-03-02 12:47", 47),
    14: ("Sabrina", "2019-03-01 19:46", 51),
    13: ("Fragender Rentner", "2019-03-01 16:00", 56),
    12: ("Norbert NRW", "2019-03-01 11:39", 62),
    11: ("Federico", "2019-03-01 11:30", 66),
    10: ("Meckersack", "2019-03-01 11:25", 88),
    9: ("W. Merseburger", "2019-03-01 10:23", 92),
    8: ("Jakob", "2019-03-01 10:06", 97),
    7: ("Meckersack", "2019-03-01 09:05", 101),
    6: ("W. Merseburger", "2019-02-28 22:02", 105),
}


def by_number(d):
    return d.comments.set_index("number")


def test_seed_comments_numbers_authors_times_lines(seed):
    c = by_number(seed)
    assert len(c) == 10
    assert sorted(c.index) == list(range(6, 16))
    for num, (author, local, line) in SEED.items():
        assert c.loc[num, "author"] == author
        assert c.loc[num, "posted_at"] == pd.Timestamp(local, tz="Europe/Berlin")
        assert c.loc[num, "line"] == line


def test_seed_dtypes(seed):
    c = seed.comments
    assert str(c["posted_at"].dtype) == "datetime64[us, Europe/Berlin]"
    assert c["number"].dtype == "Int64"
    assert c["line"].dtype == "Int64"
    assert c["comment_id"].is_unique
    assert c["parent_id"].isna().all()


def test_seed_texts_keep_breaks_and_blank_lines(seed):
    c = by_number(seed)
    t11 = c.loc[11, "text"]
    assert t11.startswith("@Ralf Meier\n\" Democracy first!\"")
    assert "Dieser \" Dealmaker \" ist aus\neiner demokratischen Wahl" in t11
    assert t11.endswith("Geschichte !\"")
    assert t11.count("\n") == 18  # 19 lines (68..86), no blank line inside
    t13 = c.loc[13, "text"]
    assert "berichten.\n\nAlso wartet" in t13 and t13.endswith("wetten?")
    assert c.loc[8, "text"] == "Ade Friedensnobelpreis *schnief*"
    assert c.loc[6, "text"].endswith("\"unter aller Sau\".")
    assert not c["text"].str.contains("Kommentare").any()


def test_seed_article(seed):
    a = seed.articles.iloc[0]
    assert a["title"] == "Kein Durchbruch USA-Nordkorea-Gipfel in Hanoi endet ohne Ergebnis"
    assert a["updated_at"] == pd.Timestamp("2019-02-28 19:56", tz="Europe/Berlin")
    assert a["declared_comments"] == 15 and a["parsed_comments"] == 10
    assert a["lines"] == 108


def test_seed_count_gap_is_a_notice_not_an_error(seed):
    p = seed.problems
    assert p["kind"].tolist() == ["count_mismatch"]
    assert p["severity"].tolist() == ["notice"]
    assert "declares 15" in p["message"].iloc[0] and "1..5" in p["message"].iloc[0]
    # strict reading raises only on errors: the seed reads
    assert len(cg.read_page(SAMPLE, strict=True).comments) == 10


def test_text_path_and_bytes_give_the_same_comments(seed):
    raw = SAMPLE.read_bytes()
    for src in (raw.decode("utf-8"), raw, str(SAMPLE)):
        d = cg.read_page(src)
        cols = ["number", "author", "posted_at", "text", "line"]
        pd.testing.assert_frame_equal(d.comments[cols], seed.comments[cols])


@pytest.mark.parametrize("transform", [
    lambda b: b.replace(b"\n", b"\r\n"),
    lambda b: b"\xef\xbb\xbf" + b,
    lambda b: b.decode("utf-8").encode("cp1252"),
    lambda b: b.decode("utf-8").encode("latin-1", errors="replace"),
    lambda b: b"\xff\xfe" + b.decode("utf-8").encode("utf-16-le"),
    lambda b: b.replace(b" 15\n", b" 15   \n").replace(b"Jakob 8\n", b"Jakob 8\t \n"),
], ids=["crlf", "bom", "cp1252", "latin1", "utf16", "trailing-spaces"])
def test_encodings_and_line_endings(seed, transform, tmp_path):
    p = tmp_path / "page.txt"
    p.write_bytes(transform(SAMPLE.read_bytes()))
    d = cg.read_page(p)
    assert d.comments["author"].tolist() == seed.comments["author"].tolist()
    assert d.comments["line"].tolist() == seed.comments["line"].tolist()
    assert d.comments["text"].str.contains("für").sum() == seed.comments["text"].str.contains("für").sum()


def test_oldest_first_page_reads_the_same_comments(seed):
    blocks = SAMPLE.read_text(encoding="utf-8").split("\n\n15 Kommentare\n\n")
    head, body = blocks
    d0 = by_number(seed)
    lines = [f"{d0.loc[n, 'posted_at']:%d.%m.%Y %H:%M} {d0.loc[n, 'author']} {n}\n\n{d0.loc[n, 'text']}"
             for n in range(6, 16)]
    d = cg.read_page(head + "\n\n15 Kommentare\n\n" + "\n\n".join(lines) + "\n")
    assert d.comments["number"].tolist() == list(range(6, 16))
    assert (by_number(d)["text"].sort_index() == d0["text"].sort_index()).all()


def test_two_copies_of_one_page_keep_ids_unique(seed):
    d = cg.read_pages([SAMPLE, SAMPLE])
    assert len(d.comments) == 20
    assert d.comments["comment_id"].is_unique
    assert d.articles["article_id"].is_unique and len(d.articles) == 2


def test_read_pages_folder(tmp_path):
    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(f"{i + 1} Kommentare\n\n01.03.2019 10:0{i} Anna {i}\n\nHallo {i}\n",
                                            encoding="utf-8")
    d = cg.read_pages(tmp_path)
    assert d.articles["article_id"].tolist() == ["p0", "p1", "p2"]
    assert d.comments["text"].tolist() == ["Hallo 0", "Hallo 1", "Hallo 2"]


def test_author_first_layout_and_month_names():
    page = ("Artikel\n\n2 Kommentare\n\n#1 Anna Müller schrieb am 1. März 2019 um 10:05 Uhr\n\nErster Text\n\n"
            "#2 Ben | 01.03.2019, 11:30\n\n@1 Anna Müller: zweiter Text\n")
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["Anna Müller", "Ben"]
    assert d.comments["number"].tolist() == [1, 2]
    assert d.comments["posted_at"].tolist() == [pd.Timestamp("2019-03-01 10:05", tz="Europe/Berlin"),
                                                pd.Timestamp("2019-03-01 11:30", tz="Europe/Berlin")]
    assert d.articles["layout"].iloc[0] == "author_first"


def test_impossible_dates_keep_the_comment_with_a_problem():
    page = "31.02.2019 12:47 Wessi 2\n\nText eins\n\n01.03.2019 25:61 Sabrina 1\n\nText zwei\n"
    d = cg.read_page(page)
    assert len(d.comments) == 2 and d.comments["posted_at"].isna().all()
    assert d.problems["kind"].tolist() == ["impossible_date", "impossible_date"]
    assert d.problems["line"].tolist() == [1, 5]
    with pytest.raises(cg.ReadError, match=r"line 1: impossible_date"):
        cg.read_page(page, strict=True)


def test_duplicate_number_keeps_both():
    page = "01.03.2019 10:00 Anna 1\n\nA\n\n01.03.2019 11:00 Ben 1\n\nB\n"
    d = cg.read_page(page)
    assert d.comments["text"].tolist() == ["A", "B"]
    assert d.comments["comment_id"].is_unique
    assert "duplicate_number" in d.problems["kind"].tolist()


def test_dst_policy():
    page = ("27.10.2019 02:30 Anna 1\n\nFall back hour\n\n31.03.2019 02:30 Ben 2\n\nSpring gap\n")
    d = cg.read_page(page)
    t = d.comments["posted_at"]
    assert t.iloc[0] == pd.Timestamp("2019-10-27 00:30", tz="UTC")  # first (CEST) occurrence
    assert t.iloc[1] == pd.Timestamp("2019-03-31 03:00", tz="Europe/Berlin")
    assert set(d.problems["kind"]) == {"ambiguous_time", "nonexistent_time"}


def test_tz_argument():
    d = cg.read_page("01.03.2019 10:00 Anna 1\n\nHallo", tz="America/Toronto")
    assert str(d.comments["posted_at"].dtype) == "datetime64[us, America/Toronto]"
    assert d.comments["posted_at"].iloc[0] == pd.Timestamp("2019-03-01 15:00", tz="UTC")


def test_binary_and_missing_inputs_raise_read_error(tmp_path):
    png = tmp_path / "x.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(cg.ReadError, match="PNG"):
        cg.read_page(png)
    with pytest.raises(cg.ReadError, match="no such file"):
        cg.read_page(tmp_path / "nope.txt")


def test_empty_page_is_a_problem_row(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("  \n\n", encoding="utf-8")
    d = cg.read_page(p)
    assert len(d.comments) == 0
    assert d.problems["kind"].tolist() == ["empty"]
    assert d.problems["source"].iloc[0] == str(p)


def test_names_that_start_with_von_keep_it():
    d = cg.read_page("01.03.2019 10:00 von Bülow 1\n\nHallo\n\n01.03.2019 11:00 by Anna 2\n\nJa\n")
    assert d.comments["author"].tolist() == ["von Bülow", "Anna"]


def test_lone_surrogates_in_page_text_become_replacement_characters():
    d = cg.read_page("01.03.2019 10:00 A\udc80nna 1\n\nHi \ud800")
    assert d.comments["author"].tolist() == ["A\ufffdnna"]
    assert d.comments["text"].tolist() == ["Hi \ufffd"]


@pytest.mark.parametrize("header,author,number", [
    ("01.03.2019, 11:25 Uhr | Meckersack 3", "Meckersack", 3),
    ("01.03.2019 um 11:25 Uhr - W. Merseburger", "W. Merseburger", None),
    ("March 1, 2019 at 11:25 am · Jane Doe", "Jane Doe", None),
])
def test_separator_between_time_and_author_is_not_part_of_the_name(header, author, number):
    d = cg.read_page(header + "\n\nText\n")
    assert d.comments["author"].tolist() == [author]
    got = d.comments["number"].iloc[0]
    assert (pd.isna(got) and number is None) or got == number
    assert d.comments["posted_at"].iloc[0] == pd.Timestamp("2019-03-01 11:25", tz="Europe/Berlin")


def test_author_first_headers_need_no_blank_line_after_them():
    d = cg.read_page("Art\n\nJohn Smith | March 1, 2019 at 10:15 am\nFirst!\n\n"
                     "Jane Doe | March 1, 2019 at 1:05 pm\n@John Smith no.\n")
    assert d.comments["author"].tolist() == ["John Smith", "Jane Doe"]
    assert d.comments["text"].tolist() == ["First!", "@John Smith no."]
    assert d.comments["line"].tolist() == [3, 6]
    assert d.comments["posted_at"].tolist() == [pd.Timestamp("2019-03-01 10:15", tz="Europe/Berlin"),
                                                pd.Timestamp("2019-03-01 13:05", tz="Europe/Berlin")]
    assert d.problems.empty


def test_author_first_sentence_ending_in_a_time_stays_text_with_a_notice():
    body = "First! and I said this is what I want and need from you on March 2, 2019 at 10:00 am"
    d = cg.read_page(f"Art\n\nJohn Smith | March 1, 2019 at 10:15 am\n{body}\n\n"
                     "Jane Doe | March 1, 2019 at 1:05 pm\nno.\n")
    assert d.comments["text"].tolist() == [body, "no."]
    assert d.problems[["kind", "line"]].values.tolist() == [["header_like_line", 4]]


def test_date_first_numberless_header_without_blank_line_is_text_with_a_notice():
    # a body line like "01.03.2019 11:30 war ich beim Arzt" stays text; so does an odd numberless
    # header glued to its text, but each such line gets a problems row
    page = ("Artikel\n\n01.03.2019 10:00 Anna 1\n\nHallo\n01.03.2019 11:30 war ich beim Arzt\nmehr\n\n"
            "01.03.2019 10:05 @kalle\nZwei\n\n01.03.2019 10:15 Ben 3\n\nx\n")
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["Anna", "Ben"]
    assert d.comments["text"].iloc[0] == ("Hallo\n01.03.2019 11:30 war ich beim Arzt\nmehr\n\n"
                                           "01.03.2019 10:05 @kalle\nZwei")
    rows = d.problems[d.problems["kind"] == "header_like_line"]
    assert rows["line"].tolist() == [6, 9]


def test_odd_handles_are_authors():
    d = cg.read_page("Artikel\n\n01.03.2019 10:00 @kalle 1\n\nHallo\n\n01.03.2019 10:05 #1 Fan 2\n\nZwei\n\n"
                     "01.03.2019 10:10 12345 3\n\nDrei\n\n01.03.2019 10:15 Ben 4\n\nx\n")
    assert d.comments["author"].tolist() == ["@kalle", "#1 Fan", "12345", "Ben"]
    assert d.comments["number"].tolist() == [1, 2, 3, 4]
    assert d.comments["text"].tolist() == ["Hallo", "Zwei", "Drei", "x"]
    assert d.problems.empty


@pytest.mark.parametrize("header", ["01.03.2019 11:25 10", "01.03.2019 11:25 #10"])
def test_a_lone_number_is_a_number_not_an_author(header):
    d = cg.read_page(f"Artikel\n\n{header}\n\nText\n")
    assert d.comments["number"].tolist() == [10]
    assert d.comments["author"].isna().all()
    assert d.problems["kind"].tolist() == ["missing_author"]


def test_long_author_names_are_read_and_longer_lines_are_reported():
    name = "Ein sehr langer Nutzername " * 5 + "X" * 55   # 190 characters
    d = cg.read_page(f"Artikel\n\n01.03.2019 10:00 Anna 1\n\nHallo\n\n01.03.2019 10:05 {name} 2\n\nZwei\n")
    assert d.comments["author"].tolist() == ["Anna", name.strip()]
    assert d.comments["text"].tolist() == ["Hallo", "Zwei"]
    assert d.problems.empty
    # a name too long to be one: the line stays in the comment above, with a problems row for it
    too_long = "A" * 230
    d = cg.read_page(f"Artikel\n\n01.03.2019 10:00 Anna 1\n\nHallo\n\n01.03.2019 10:05 {too_long} 2\n\nZwei\n")
    assert d.comments["author"].tolist() == ["Anna"]
    assert d.problems[["kind", "line"]].values.tolist() == [["truncated_header", 7]]


# --- two-line headers: the author on one line, the date and time alone on the next -------------------

TWO_LINE_EN = """Great article

John Smith
March 1, 2019 at 10:15 am
First!

Jane Doe
March 1, 2019 at 1:05 pm
@John Smith no.
"""

TWO_LINE_DE = ("Artikel\n\n#1 Meckersack\n01.03.2019, 11:25 Uhr\n\nText eins\nzwei\n\n"
               "W. Merseburger\n01.03.2019 11:30 | #2\n\n@1 Meckersack: nein.\n")


def test_two_line_english_page():
    d = cg.read_page(TWO_LINE_EN)
    c = d.comments
    assert d.articles["layout"].tolist() == ["two_line"]
    assert c["author"].tolist() == ["John Smith", "Jane Doe"]
    assert c["posted_at"].tolist() == [pd.Timestamp("2019-03-01 10:15", tz="Europe/Berlin"),
                                       pd.Timestamp("2019-03-01 13:05", tz="Europe/Berlin")]
    assert c["text"].tolist() == ["First!", "@John Smith no."]
    assert c["line"].tolist() == [3, 7]           # the author line
    assert c["header_lines"].tolist() == [2, 2]
    assert d.problems.empty
    r = d.replies
    assert r[["source_comment_id", "target_comment_id"]].values.tolist() == [c["comment_id"].tolist()[::-1]]
    assert cg.check_accounting(cg.account_lines(TWO_LINE_EN, d))


def test_two_line_german_page_with_uhr_and_numbers():
    d = cg.read_page(TWO_LINE_DE)
    c = d.comments
    assert d.articles["layout"].tolist() == ["two_line"]
    assert c[["number", "author"]].values.tolist() == [[1, "Meckersack"], [2, "W. Merseburger"]]
    assert c["posted_at"].tolist() == [pd.Timestamp("2019-03-01 11:25", tz="Europe/Berlin"),
                                       pd.Timestamp("2019-03-01 11:30", tz="Europe/Berlin")]
    assert c["text"].tolist() == ["Text eins\nzwei", "@1 Meckersack: nein."]
    assert c["line"].tolist() == [3, 9]
    assert d.problems.empty
    ids = c["comment_id"].tolist()
    assert d.replies[["source_comment_id", "target_comment_id"]].values.tolist() == [[ids[1], ids[0]]]
    assert cg.check_accounting(cg.account_lines(TWO_LINE_DE, d))


def test_two_line_accounting_needs_the_header_height():
    d = cg.read_page(TWO_LINE_DE)
    one = d.replace(comments=d.comments.assign(header_lines=pd.array([1, 1], dtype="Int64")))
    t = cg.account_lines(TWO_LINE_DE, one)
    # read as one-line headers, the date lines would be body text, and line 9 would lack number 2 (on line 10)
    assert t.loc[~t["accounted"], "line"].tolist() == list(range(4, 13))


def test_two_line_not_taken_where_lines_are_sentences_or_layouts_are_others(seed):
    # author lines that end a sentence, or run over 6 words, are not headers
    page = "Titel\n\nDas war gut.\n01.03.2019 11:25\n\nund das hier ist viel zu lang dafür\n01.03.2019 11:30\n"
    d = cg.read_page(page)
    assert len(d.comments) == 0 and "no_comments" in d.problems["kind"].tolist()
    # the other layouts are read as before (header height 1)
    assert seed.articles["layout"].tolist() == ["date_first"]
    assert set(seed.comments["header_lines"].tolist()) == {1}
    af = cg.read_page("Titel\n\nAnna | 01.03.2019 10:00\nHallo\n\nBernd | 01.03.2019 11:00\n@Anna ja")
    assert af.articles["layout"].tolist() == ["author_first"]
    assert af.comments["author"].tolist() == ["Anna", "Bernd"]
    assert af.comments["header_lines"].tolist() == [1, 1]


def test_two_line_byline_stays_article_text():
    page = "Title\nBy Ann Lee\nMarch 1, 2019 at 9:00 am\n\nArticle text.\n\n" + TWO_LINE_EN.split("\n\n", 1)[1]
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["John Smith", "Jane Doe"]
    assert d.comments["line"].tolist() == [7, 11]
    assert cg.check_accounting(cg.account_lines(page, d))


_PIECES = ["Anna", "am", "AM", "a.m.", "pm", "Uhr", "Uhrmacher", "by", "by ", "|", "- ", "·", "Nr.", "No.", "#",
           "#5", "12", "Nr. 5", "  ", "\t", " ", "x", "W. Merseburger", "ÄÖ", "\xa0", "٣", "Ende:", "11:25", ".", "-"]


@settings(max_examples=300, deadline=None)
@given(date=st.sampled_from(["01.03.2019", "1.3.2019", "31.02.2019", "01.03.19", "01. 03.2019"]),
       time=st.sampled_from(["11:25", "9:05", "17:55", "00:00", "12:00", "11:25:03"]),
       gap=st.sampled_from([" ", "  ", "\t", " | "]),
       author=st.lists(st.sampled_from(_PIECES), min_size=0, max_size=6).map("".join),
       number=st.sampled_from(["", " 7", "  61", " 1234567890", " #3", " Nr. 4", "\t12 ", " 5 6"]),
       long=st.booleans())
def test_plain_header_scan_reads_what_date_first_reads(date, time, gap, author, number, long):
    """The scan's plain seed headers are DATE_FIRST's matches, with the same groups."""
    author = author * 40 if long else author
    text = f"Art\n{date} {time}{gap}{author}{number}\n\nText\n"
    hits = list(layouts.SCAN.finditer(text))
    want = pages.DATE_FIRST.match(text, 4)
    for h in hits:
        if h.start("date") >= 0:
            assert want is not None and h.span() == (want.start() - 1, want.end())
            assert h.group(*layouts.DF_NAMES) == want.group(*layouts.DF_NAMES)
    found = layouts.date_first(text, hits)
    assert found[0] == ([4] if want else [])
    assert found[2] == ([want.group(*layouts.DF_NAMES)] if want else [])


def test_plain_header_scan_takes_seed_headers_and_leaves_the_others():
    text = "Art\n28.05.2019 17:55 B. Brandt2 61\n\n\nText\n01.03.2019 11:25 am Ende 3\n01.03.2019 11:25 Anna Nr. 4\n"
    plain = [h for h in layouts.SCAN.finditer(text) if h.start("date") >= 0]
    assert [h.group("author", "number", "date", "time") for h in plain] == [("B. Brandt2", "61", "28.05.2019", "17:55")]
    assert plain[0].end("lead") == text.index("Text")   # the body starts after the blank lines
    # the others are DATE_FIRST's: the time takes "am", the number takes "Nr."
    found = layouts.date_first(text, list(layouts.SCAN.finditer(text)))
    assert [f[0] for f in found[2]] == ["B. Brandt2", "Ende", "Anna"]
    assert [f[4] for f in found[2]] == ["17:55", "11:25 am", "11:25"]
    assert [f[1] for f in found[2]] == ["61", "3", "4"]


US_PAGE = """Comments (3)

03/01/2019 10:05 AM John Smith 1

First!

03/01/2019 1:15 PM Mary Jones 2

@John Smith no way

03/02/2019 9:00 AM John Smith 3

@2 Mary Jones: yes way
"""


def test_slash_dates_month_first_when_nothing_decides():
    d = cg.read_page(US_PAGE, tz="America/New_York")
    assert d.comments["author"].tolist() == ["John Smith", "Mary Jones", "John Smith"]
    assert [str(t) for t in d.comments["posted_at"]] == [
        "2019-03-01 10:05:00-05:00", "2019-03-01 13:15:00-05:00", "2019-03-02 09:00:00-05:00"]
    p = d.problems
    assert p["kind"].tolist() == ["date_order"] and p["severity"].tolist() == ["notice"]
    assert p["line"].tolist() == [3] and "month first" in p["message"].iloc[0]
    r = d.replies.dropna(subset=["target_comment_id"])
    assert [t.split("/")[1] for t in r["target_comment_id"]] == ["1", "2"]


def test_slash_dates_day_first_when_a_day_above_12_says_so():
    uk = (US_PAGE.replace("03/01/2019 10:05 AM", "28/02/2019 10:05").replace("03/01/2019 1:15 PM", "01/03/2019 13:15")
          .replace("03/02/2019 9:00 AM", "02/03/2019 09:00"))
    d = cg.read_page(uk, strict=True)
    assert [str(t) for t in d.comments["posted_at"]] == [
        "2019-02-28 10:05:00+01:00", "2019-03-01 13:15:00+01:00", "2019-03-02 09:00:00+01:00"]
    assert d.problems.empty


@pytest.mark.parametrize("header", ["Meckersack 12.03.2019 11:25", "Meckersack • 12.03.2019 11:25",
                                    "Meckersack / 12.03.2019 11:25", "Meckersack | 12.03.2019 11:25"])
def test_author_first_date_right_after_the_author_is_not_a_number(header):
    # the day's first digit was read as comment number 1, the date as 2 March
    d = cg.read_page(f"T\n\n{header}\nHallo\n\nWessi 25.03.2019 11:25\n@Meckersack ja\n")
    assert d.comments["author"].tolist() == ["Meckersack", "Wessi"]
    assert d.comments["number"].isna().all()
    assert d.comments["posted_at"].astype(str).tolist() == ["2019-03-12 11:25:00+01:00", "2019-03-25 11:25:00+01:00"]
    assert d.problems.empty


def test_no_break_and_zero_width_spaces_of_html_copies():
    nb = "\u00a0"
    page = f"T\n\nJane{nb}Doe\nMarch 1, 2019 at 10:02 am\nHi.\n\nBob\nMarch 1, 2019 at 10:05 am\n@Jane Doe yo\n"
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["Jane Doe", "Bob"] and d.problems.empty
    assert cg.check_accounting(cg.account_lines(page, d))
    page = f"A\n\n01.03.2019 10:00 \u200bAnna 1\n\nHallo{nb}du 👨\u200d👩\u200d👧\n\n01.03.2019 10:05{nb}Bert 2\n\n@Anna nein\n"
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["Anna", "Bert"] and d.problems.empty
    assert d.comments["text"].tolist() == ["Hallo du 👨\u200d👩\u200d👧", "@Anna nein"]  # joiners kept
    assert d.replies["target_comment_id"].str.endswith("/1").tolist() == [True]
    assert cg.check_accounting(cg.account_lines(page, d))


def test_a_weekday_before_the_date_is_part_of_the_date_not_the_author():
    d = cg.read_page("T\n\nHans Müller\nFreitag, 1. März 2019, 10:02 Uhr\nDas stimmt nicht.\n\n"
                     "Erika\nFreitag, 1. März 2019, 10:10 Uhr\n@Hans Müller doch\n")
    assert d.comments["author"].tolist() == ["Hans Müller", "Erika"]
    assert d.comments["text"].tolist() == ["Das stimmt nicht.", "@Hans Müller doch"]
    assert d.replies["target_comment_id"].notna().tolist() == [True] and d.problems.empty
    # an abbreviation counts only with its comma or dot: "Kim Do" is a name
    d = cg.read_page("T\n\nHans Müller | Fr, 01.03.2019 10:02\nHallo\n\nKim Do 01.03.2019 10:05\nja\n\n"
                     "Anna | Fri, 1 Mar 2019 10:07\nx\n")
    assert d.comments["author"].tolist() == ["Hans Müller", "Kim Do", "Anna"]
    assert d.comments["posted_at"].dt.minute.tolist() == [2, 5, 7]
    d = cg.read_page("T\n\nFreitag, 01.03.2019 10:02 Anna 1\n\nHallo\n\nFr. 01.03.2019 10:05 Bert 2\n\n@Anna ja\n")
    assert d.comments["author"].tolist() == ["Anna", "Bert"] and d.problems.empty


def test_wordpress_author_line_ending_in_says():
    d = cg.read_page("T\n\nJohn Smith says:\nMarch 1, 2019 at 10:02 am\nGreat post.\n\nMary Jones says:\n"
                     "March 1, 2019 at 10:05 am\n@John Smith agreed\n", tz="America/New_York")
    assert d.comments["author"].tolist() == ["John Smith", "Mary Jones"]
    assert d.comments["posted_at"].astype(str).tolist() == ["2019-03-01 10:02:00-05:00", "2019-03-01 10:05:00-05:00"]
    assert d.replies["target_comment_id"].notna().tolist() == [True] and d.problems.empty
