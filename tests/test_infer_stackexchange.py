"""One-line comments: the page imitates the *shape* of a browser copy of Stack Exchange comment threads
(stackoverflow.com, 2019), with made-up people and text: every comment is one line, ``TEXT – NAME DATE``
(an en dash between spaces), a score line above a voted comment, ``Add a comment`` after the thread.
Header and text share the line: the line is the comment's header (``line``), the part before the
separator its text. Traps that stay text: an en dash inside the text, a date the text mentions, a
moderator's diamond after a name, and, on pages of other layouts, one line of this form."""

from __future__ import annotations

import pandas as pd
import pytest

import commentgraph as cg
from page_checks import accounted, kinds, wall

# a question with its comment thread (the asker's card above it is article text)
QUESTION = """How do I keep the order of a dict in Python?
I build a dict from a file and print its keys; the order changes.
python dictionary
asked Mar 4, 2019 at 10:00
Jane Doe
3
This fails on Python 3.11 because dict order changed – John Smith Mar 5, 2019 at 14:02
@JohnSmith no, dicts keep insertion order since 3.7 – Jane Doe Mar 5, 2019 at 15:10
The release on Mar 1, 2019 at 10:00 – not 3.7 – changed it – Zoë van der Berg-2 Mar 5, 2019 at 16:45
12
See the docs – J. R. Müller Mar 6, 2019 at 8:00
1
Thanks – both of you were right. – Shog9 ♦ Mar 6, 2019 at 9:01
Show 2 more comments
Add a comment
"""


def test_one_line_comments_authors_times_texts():
    d = cg.read_page(QUESTION)
    c = d.comments
    assert d.articles["layout"].tolist() == ["inferred:oneline"]
    assert d.articles["title"].tolist() == ["How do I keep the order of a dict in Python?"]
    assert c["author"].tolist() == ["John Smith", "Jane Doe", "Zoë van der Berg-2", "J. R. Müller", "Shog9"]
    assert wall(d) == [
        "2019-03-05 14:02",
        "2019-03-05 15:10",
        "2019-03-05 16:45",
        "2019-03-06 08:00",
        "2019-03-06 09:01",
    ]
    assert c["text"].tolist() == [
        "This fails on Python 3.11 because dict order changed",
        "@JohnSmith no, dicts keep insertion order since 3.7",
        "The release on Mar 1, 2019 at 10:00 – not 3.7 – changed it",  # (the last separator before a name and a time)
        "See the docs",
        "Thanks – both of you were right.",  # (the dash inside the text stays)
    ]
    # a score above a comment heads it (its line is the comment's first), a moderator's diamond is a badge: both
    # in ui_text, as buttons below the thread are; no number (the score is no comment number)
    assert [None if pd.isna(x) else x for x in c["ui_text"]][:4] == ["3", None, None, "12"]
    assert c["ui_text"].iloc[4] == "1\n♦\nShow 2 more comments"
    assert c["number"].isna().all()
    assert c["line"].tolist() == [6, 8, 9, 10, 12]
    assert c["header_lines"].tolist() == [2, 1, 1, 2, 2]
    assert c["posted_text"].iloc[0] == "Mar 5, 2019 at 14:02"
    assert kinds(d) == ["layout_inferred", "ui_lines", "page_tail"]
    assert d.problems.loc[d.problems["kind"] == "page_tail", "line"].tolist() == [15]  # "Add a comment"
    assert accounted(QUESTION, d)
    t = cg.account_lines(QUESTION, d)
    # (every comment line a header holding its text; "Show 2 more comments" among the last one's lines, as ui_text)
    assert t.loc[t["line"].between(5, 15), "part"].tolist() == ["article"] + ["header"] * 8 + ["body", "tail"]
    # the reply reference reads the text as written
    assert d.mentions["raw"].tolist() == ["@JohnSmith"]


def test_accounting_checks_the_text_in_the_header_line():
    d = cg.read_page(QUESTION)
    c = d.comments.copy()
    c.loc[1, "text"] = "@JohnSmith no, dicts keep insertion order"  # (a text cut short: no body line shows it)
    bad = cg.account_lines(QUESTION, cg.Discussion(d.articles, c, d.mentions, d.replies, d.problems))
    assert bad.loc[~bad["accounted"], "line"].tolist() == [8]
    with pytest.raises(cg.AccountingError):
        cg.check_accounting(bad)


# a thread of recent comments: a date without a year, relative times
RECENT = """Comments
2
Works on my machine – anna.k Mar 5 at 14:02
@anna.k not on mine – Bob 2 hours ago
Same here – carol_99 yesterday
Add a comment
"""


def test_year_less_and_relative_times_need_scraped_at():
    d = cg.read_page(RECENT)
    assert d.comments["author"].tolist() == ["anna.k", "Bob", "carol_99"]
    assert d.comments["text"].tolist() == ["Works on my machine", "@anna.k not on mine", "Same here"]
    assert d.comments["posted_at"].isna().all()
    assert d.comments["posted_text"].tolist() == ["Mar 5 at 14:02", "2 hours ago", "yesterday"]
    assert "relative_time" in kinds(d)
    assert accounted(RECENT, d)
    d = cg.read_page(RECENT, scraped_at="2024-05-10 12:00")
    # (a date without a year: the latest such day up to scraped_at; "yesterday" without a time of day stays NaT,
    # as on pages of other layouts)
    assert wall(d) == ["2024-03-05 14:02", "2024-05-10 10:00", None]
    assert accounted(RECENT, d)


# the seed's layout with one body line that ends like a one-line comment: it stays text
SEED_TRAP = """3 Kommentare

01.03.2019 10:00 W. Merseburger 2

Wie schon gesagt – Ralf Meier Mar 5, 2019 at 14:02

01.03.2019 11:00 Meckersack 3

@2 W. Merseburger: Nein.
"""

# the name on the line above its time, three headers, two such lines in one body (fewer than the headers)
ABOVE_TRAP = """Kommentare

Anna Lee
01.03.2019 10:15

The last words in that thread:
Thanks – Bob Mar 5, 2019 at 14:02
No – Carl Mar 5, 2019 at 14:05

Ben
01.03.2019 10:20

Noted.

Carla
01.03.2019 10:30

Me too.
"""


def test_one_such_line_on_a_page_of_another_layout_stays_text():
    d = cg.read_page(SEED_TRAP)
    assert d.articles["layout"].tolist() == ["date_first"]
    assert d.comments["author"].tolist() == ["W. Merseburger", "Meckersack"]
    assert d.comments["text"].iloc[0] == "Wie schon gesagt – Ralf Meier Mar 5, 2019 at 14:02"
    assert accounted(SEED_TRAP, d)
    d = cg.read_page(ABOVE_TRAP)
    assert d.articles["layout"].tolist() == ["two_line"]
    assert d.comments["author"].tolist() == ["Anna Lee", "Ben", "Carla"]
    assert d.comments["text"].iloc[0] == (
        "The last words in that thread:\nThanks – Bob Mar 5, 2019 at 14:02\nNo – Carl Mar 5, 2019 at 14:05"
    )
    assert accounted(ABOVE_TRAP, d)


def test_a_single_one_line_comment_is_no_layout():
    # (one line of this form is not read as this layout: the page reads as it read before, here by the
    # author-first layout, whose author is everything before the time)
    page = "Notes\n\nSee you there – Jane Doe Mar 5, 2019 at 14:02\n"
    d = cg.read_page(page)
    assert d.articles["layout"].tolist() == ["author_first"]
    assert accounted(page, d)


def test_read_pages_reads_them_as_read_page(tmp_path):
    files = []
    for k in range(9):  # (enough files for the bulk reader)
        f = tmp_path / f"p{k}.txt"
        f.write_text(QUESTION if k == 4 else SEED_TRAP, encoding="utf-8")
        files.append(f)
    many = cg.read_pages(files)
    one = cg.read_page(files[4])
    got = many.comments.loc[many.comments["article_id"] == "p4"].reset_index(drop=True)
    cols = ["comment_id", "author", "posted_at", "text", "line", "last_line", "header_lines", "ui_text"]
    pd.testing.assert_frame_equal(got[cols], one.comments[cols].reset_index(drop=True))
    assert many.articles.set_index("article_id").loc["p4", "layout"] == "inferred:oneline"
    assert cg.check_accounting(cg.account_lines(files[4], many, article_id="p4"))


# a question's thread, then an answer and its thread: the answer's lines stand between two comment lines
ANSWERED = """How do I keep the order of a dict in Python?
I build a dict from a file and print its keys.
asked Mar 4, 2019 at 10:00
Jane Doe
3
This fails on Python 3.11 because dict order changed – John Smith Mar 5, 2019 at 14:02
@JohnSmith no, dicts keep insertion order since 3.7 – Jane Doe Mar 5, 2019 at 15:10
Add a comment
1 Answer
Use an OrderedDict on Python 3.6 and older.
Share
Follow
answered Mar 5, 2019 at 16:00
Bob Lee
2
Works, thanks – Jane Doe Mar 5, 2019 at 17:00
Not needed since 3.7 – John Smith Mar 5, 2019 at 17:30
Add a comment
"""


def test_lines_between_threads_are_kept_and_noticed():
    d = cg.read_page(ANSWERED)
    c = d.comments
    assert d.articles["layout"].tolist() == ["inferred:oneline"]
    assert c["author"].tolist() == ["John Smith", "Jane Doe", "Jane Doe", "John Smith"]
    assert wall(d)[2:] == ["2019-03-05 17:00", "2019-03-05 17:30"]
    assert c["text"].tolist()[::2] == ["This fails on Python 3.11 because dict order changed", "Works, thanks"]
    # (the answer's lines after a comment line are kept as that comment's text, as a body is in other layouts,
    # and a notice names them: nothing of the page is hidden)
    assert c["text"].iloc[1].startswith("@JohnSmith no, dicts keep insertion order since 3.7\n")
    assert "Use an OrderedDict on Python 3.6 and older." in c["text"].iloc[1]
    notice = d.problems.loc[d.problems["kind"] == "text_after_one_line_comment"]
    assert notice["line"].tolist() == [8]  # ("Add a comment" inside a body is text there, as elsewhere)
    assert accounted(ANSWERED, d)


# headers of another layout that end like one-line comments ("NAME – PLACE DATE TIME") with bodies below them
PLACES = """Leserkommentare

Hans Meier – Berlin 01.03.2019 11:25

Das sehe ich anders.
Wirklich.

Anna Lee – Köln 01.03.2019 11:40

Ich nicht.

Bob – Hamburg 01.03.2019 12:00

Naja.
"""


def test_headers_with_bodies_below_are_no_one_line_comments():
    d = cg.read_page(PLACES)
    assert d.articles["layout"].tolist() == ["inferred:inline"]  # (as read before one-line comments were known)
    assert d.comments["text"].tolist() == ["Das sehe ich anders.\nWirklich.", "Ich nicht.", "Naja."]
    assert accounted(PLACES, d)


def test_a_long_comment_is_one_line_too():
    long = "This is a long comment that explains the whole thing again, " * 8  # (~500 characters; at most 600)
    page = f"Comments\n{long.strip()} – Jane Doe Mar 5, 2019 at 15:10\nShort one – Bob Mar 5, 2019 at 15:20\nAdd a comment\n"
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["Jane Doe", "Bob"]
    assert d.comments["text"].tolist() == [long.strip(), "Short one"]
    assert accounted(page, d)
