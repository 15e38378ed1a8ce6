"""Layouts that earlier reviews found misread (each page imitates the *shape* of a browser copy of the system
named, with made-up people and text, plus traps that must stay comment text): a body line ending in a relative
time, reply markers naming someone not on the page or below the reply, declared counts with thousands
separators, "Antwort auf #N von NAME" in the seed's layout."""

from __future__ import annotations

import pandas as pd
import pytest

import commentgraph as cg
from page_checks import accounted, kinds, wall

SCRAPED = "2024-05-10 12:00"

# Hacker News, a whole copy ("NAME 4 hours ago | parent | next [–]"): body lines that end in a relative time
# without a full stop ("... left 2 hours ago", "I missed it an hour ago") or hold a sentence's end before it
# ("Thanks. Posted it 3 hours ago") are text; a date inside a sentence too
HN = """Ask HN: Which night trains do you take?
88 points by ann_k 5 hours ago | hide | past | favorite | 4 comments

\t
add comment
\t
ann_k 4 hours ago | next [–]

I checked the timetable and the last train left 2 hours ago

reply

\t
bob99 3 hours ago | parent | next [–]

Thanks. Posted it 3 hours ago
On March 3, 2021 at 9:00 am it was on time.

reply

\t
carol 1 hour ago | prev [–]

I missed it an hour ago

reply
"""


def test_hacker_news_body_lines_ending_in_a_relative_time():
    d = cg.read_page(HN, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["ann_k", "bob99", "carol"]
    assert wall(d) == ["2024-05-10 08:00", "2024-05-10 09:00", "2024-05-10 11:00"]
    assert c["text"].tolist() == [
        "I checked the timetable and the last train left 2 hours ago",
        "Thanks. Posted it 3 hours ago\nOn March 3, 2021 at 9:00 am it was on time.",
        "I missed it an hour ago",
    ]
    assert c["ui_text"].tolist() == ["reply"] * 3
    assert c["line"].tolist() == [7, 14, 22]
    assert kinds(d) == ["layout_inferred", "relative_time", "ui_lines"]
    assert accounted(HN, d)


# a blog whose headers are "NAME 3 hours ago" with no buttons: a line whose words before the time end a sentence
# ("Thanks. Deployed 2 hours ago") is text; "Dr. Webbaer" is a name
PLAIN_RELATIVE = """Kommentare
anna_b 3 hours ago

Deployed the fix.

tom 2 hours ago

Thanks. Deployed 2 hours ago
and it works.

Dr. Webbaer 1 hour ago

Prof. Lee said so.
"""


def test_a_sentence_before_a_relative_time_is_no_header():
    d = cg.read_page(PLAIN_RELATIVE, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["anna_b", "tom", "Dr. Webbaer"]
    assert wall(d) == ["2024-05-10 09:00", "2024-05-10 10:00", "2024-05-10 11:00"]
    assert c["text"].tolist() == ["Deployed the fix.", "Thanks. Deployed 2 hours ago\nand it works.", "Prof. Lee said so."]
    assert accounted(PLAIN_RELATIVE, d)


# German news comments, newest first (as SPIEGEL in test_infer_sites): "Antwort auf NAME" under a reply's time
# names an author whose comments stand below it; the reply answers the latest one posted before it (11:00, not
# 10:15, and not Fritz's 11:45 above it); "Antwort auf die Frage: nein." inside a text stays text
NEWEST_FIRST = """Diskussion (5 Beiträge)
Fritz Meier
heute, 11:45 Uhr

Nachtrag: heute, 09:00 Uhr war es voll.

Melden
Antworten
Hans Wurst
heute, 11:30 Uhr
Antwort auf Fritz Meier

Ja.
Antwort auf die Frage: nein.

Melden
Antworten
Fritz Meier
heute, 11:00 Uhr

Noch was.

Melden
Antworten
Gerda Gans
heute, 10:40 Uhr

Hm.

Melden
Antworten
Fritz Meier
heute, 10:15 Uhr

Stimmt.

Melden
Antworten
"""


def test_a_name_alone_answers_the_latest_earlier_comment_below_on_newest_first_pages():
    d = cg.read_page(NEWEST_FIRST, scraped_at=SCRAPED, article_id="s")
    c = d.comments
    assert c["author"].tolist() == ["Fritz Meier", "Hans Wurst", "Fritz Meier", "Gerda Gans", "Fritz Meier"]
    assert wall(d) == [f"2024-05-10 {t}" for t in ("11:45", "11:30", "11:00", "10:40", "10:15")]
    assert c["text"].tolist() == [
        "Nachtrag: heute, 09:00 Uhr war es voll.",
        "Ja.\nAntwort auf die Frage: nein.",
        "Noch was.",
        "Hm.",
        "Stimmt.",
    ]
    assert c["parent_id"].tolist()[1] == "s/L18"
    assert c["parent_id"].isna().tolist() == [True, False, True, True, True]
    assert c["ui_text"].tolist()[1] == "Antwort auf Fritz Meier\nMelden\nAntworten"
    assert accounted(NEWEST_FIRST, d)


# Coral ("In reply to NAME" between a reply's name and its time) and WordPress ("In reply to NAME." heading the
# text): a NAME that wrote nothing on the page gives a dangling parent ("<article>/?1", no name in an id), not
# nothing; "In reply to your
# question: yes." and an "In reply to Karl Marx." line inside a text stay text
CORAL_ABSENT = """All Comments
Jane Doe
3 hours ago
Great article.
Reply
Respect 12
Bob_R
In reply to Karl Otto
2 hours ago
Why?
Reply
Respect
Ana Müller
1 hour ago
In reply to your question: yes.
Reply
Respect 3
"""

WORDPRESS_ABSENT = """2 Replies to “Hello world”
Jane Doe
March 3, 2021 at 4:12 pm

Great post!
In reply to Karl Marx.

Reply
John O'Brien
March 3, 2021 at 5:01 pm

In reply to Karl Marx.

Thanks, Karl.

Reply
"""


def test_in_reply_to_a_name_not_on_the_page_dangles():
    d = cg.read_page(CORAL_ABSENT, scraped_at=SCRAPED, article_id="c")
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Bob_R", "Ana Müller"]
    assert c["text"].tolist() == ["Great article.", "Why?", "In reply to your question: yes."]
    assert c["parent_id"].tolist()[1] == "c/?1"
    assert c["parent_id"].isna().tolist() == [True, False, True]
    r = d.replies
    assert r["source_comment_id"].tolist() == ["c/L7"]
    assert r["target_comment_id"].isna().all() and r["via"].tolist() == ["parent"]
    assert r["reason"].tolist() == ["parent id c/?1 is not in the data"]
    assert cg.reply_graph(d).nodes["missing:c:c/?1"]["missing"] is True
    assert c["ui_text"].tolist()[1] == "Reply\nRespect" and c["header_lines"].tolist()[1] == 3  # (the marker: a header line)
    assert accounted(CORAL_ABSENT, d)

    d = cg.read_page(WORDPRESS_ABSENT, article_id="w")
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "John O'Brien"]
    assert c["text"].tolist() == ["Great post!\nIn reply to Karl Marx.", "Thanks, Karl."]
    assert c["ui_text"].tolist() == ["Reply", "In reply to Karl Marx.\nReply"]
    assert c["parent_id"].isna().tolist() == [True, False]
    assert c["parent_id"].iloc[1] == "w/?1"
    assert d.replies["target_comment_id"].isna().all()
    assert accounted(WORDPRESS_ABSENT, d)


@pytest.mark.parametrize(
    ("line", "declared"),
    [
        ("4 réponses à “Le train de nuit revient”", 4),
        ("1,234 Comments", 1234),
        ("1.234 Kommentare", 1234),
        ("Kommentare (1.234)", 1234),
        ("12 commentaires", 12),
        ("15 Kommentare", 15),
    ],
)
def test_declared_counts_in_french_and_with_thousands_separators(line, declared):
    page = f"Titel\n{line}\n\n01.03.2019 10:00 Anna 2\n\nJa.\n\n01.03.2019 09:00 Ben 1\n\nNein. 1,234 Comments\n"
    d = cg.read_page(page)
    assert d.articles["declared_comments"].tolist() == [declared]
    p = d.problems.loc[d.problems["kind"] == "count_mismatch"]
    assert p["message"].tolist() == ([] if declared == 2 else [f"the page declares {declared} comments, 2 were found"])
    assert p["line"].tolist() == ([] if declared == 2 else [2])


# the seed's layout ("DD.MM.YYYY HH:MM NAME N", newest first) with "Antwort auf #N von NAME" heading a reply
# (as the MDR pages show replies): the marker gives the parent and leaves the text; a number not on the page
# gives a dangling parent; the marker's words inside a sentence and a date inside a text stay text
DATE_FIRST = """Neue Radwege in Leipzig
Die Stadt plant neue Radwege.
5 Kommentare

02.03.2019 12:47 Wessi 5

Antwort auf #2 von Sabrina
Das sehe ich anders. Am 01.03.2019 10:00 war ich dort.

02.03.2019 08:00 Ossi 4

Antwort auf #9 von Paul
Wo ist Paul?

01.03.2019 19:46 Sabrina 3

Antwort auf #1 von Karl Otto
Stimmt. Ein Satz mit Antwort auf #1 von Karl Otto mitten drin.

01.03.2019 19:40 Sabrina 2

Zweiter Gedanke.

01.03.2019 18:00 Karl Otto 1

Erster!
"""


def test_date_first_antwort_auf_number_gives_the_parent():
    d = cg.read_page(DATE_FIRST, article_id="m")
    c = d.comments
    assert c["author"].tolist() == ["Wessi", "Ossi", "Sabrina", "Sabrina", "Karl Otto"]
    assert c["number"].tolist() == [5, 4, 3, 2, 1]
    assert wall(d) == ["2019-03-02 12:47", "2019-03-02 08:00", "2019-03-01 19:46", "2019-03-01 19:40", "2019-03-01 18:00"]
    assert c["text"].tolist() == [
        "Das sehe ich anders. Am 01.03.2019 10:00 war ich dort.",
        "Wo ist Paul?",
        "Stimmt. Ein Satz mit Antwort auf #1 von Karl Otto mitten drin.",
        "Zweiter Gedanke.",
        "Erster!",
    ]
    assert c["parent_id"].tolist()[:3] == ["m/2", "m/9", "m/1"]
    assert c["parent_id"].isna().tolist() == [False, False, False, True, True]
    r = d.replies
    assert r["target_comment_id"].tolist()[::2] == ["m/2", "m/1"] and r["target_comment_id"].isna().tolist()[1]
    assert r["reason"].tolist()[1] == "parent id m/9 is not in the data"
    assert d.articles["declared_comments"].tolist() == [5]
    assert "count_mismatch" not in kinds(d)
    assert accounted(DATE_FIRST, d)


def test_date_first_pages_with_markers_read_alike_one_by_one_and_in_a_folder(tmp_path):
    plain = "Titel\n\n01.03.2019 10:00 Anna 2\n\nJa.\n\n01.03.2019 09:00 Ben 1\n\nNein.\n"
    for k in range(9):  # (enough files for the bulk reader)
        (tmp_path / f"p{k}.txt").write_text(DATE_FIRST if k == 0 else plain, encoding="utf-8")
    d = cg.read_pages(tmp_path)
    one = cg.read_page(tmp_path / "p0.txt")
    got = d.comments.loc[d.comments["article_id"] == "p0", ["comment_id", "parent_id", "text"]]
    pd.testing.assert_frame_equal(got.reset_index(drop=True), one.comments[["comment_id", "parent_id", "text"]])


# YouTube ("@handle" / "2 years ago" / text / likes / "Reply"): a comment whose text is only "Reply" keeps it (the
# button bar follows it); badges above a name ("Top contributor", "Moderator") head their own comment; an
# author-like line ("@bob-r") in a poem stays text
YOUTUBE = """412 Comments
Sort by
@TrainFan_88
2 years ago
Great video! I watched it 2 years ago
45
Reply
@bob-r
2 years ago (edited)
Reply
3
Reply
Top contributor
@anna.k
1 year ago
Roses are red
@bob-r
violets are blue
12
Reply
Moderator
@Kim
11 months ago
Thanks for watching.
Reply
"""


def test_youtube_reply_as_text_and_badges_above_names():
    d = cg.read_page(YOUTUBE, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["@TrainFan_88", "@bob-r", "@anna.k", "@Kim"]
    assert c["text"].tolist() == [
        "Great video! I watched it 2 years ago",
        "Reply",
        "Roses are red\n@bob-r\nviolets are blue",
        "Thanks for watching.",
    ]
    assert c["ui_text"].tolist() == ["45\nReply", "3\nReply", "12\nReply", "Reply"]
    assert c["line"].tolist() == [3, 8, 13, 21]  # (a badge above the name: the header starts there)
    assert c["posted_text"].tolist() == ["2 years ago", "2 years ago", "1 year ago", "11 months ago"]
    assert wall(d) == ["2022-05-11 12:00", "2022-05-11 12:00", "2023-05-11 12:00", "2023-06-15 12:00"]
    assert d.articles["declared_comments"].tolist() == [412]
    assert "empty_comment" not in kinds(d)
    assert accounted(YOUTUBE, d)


# phpBB 3 (as PHPBB in test_infer_sites): the "Top" link after each post is no text; "Top of the morning!" is
PHPBB_TOP = """Re: Trains
Post by Hans » Tue Jan 14, 2020 1:47 pm
My answer. I took the train on Tue Jan 14, 2020 at 9:00.
Top
Re: Trains
Post by Grete_99 » Tue Jan 14, 2020 2:05 pm
Thanks, Hans.
Top of the morning!
Top
"""


def test_phpbb_top_links():
    d = cg.read_page(PHPBB_TOP)
    c = d.comments
    assert c["author"].tolist() == ["Hans", "Grete_99"]
    assert wall(d) == ["2020-01-14 13:47", "2020-01-14 14:05"]
    assert c["text"].tolist() == ["My answer. I took the train on Tue Jan 14, 2020 at 9:00.", "Thanks, Hans.\nTop of the morning!"]
    assert c["ui_text"].tolist() == ["Top\nRe: Trains", "Top"]
    assert accounted(PHPBB_TOP, d)


# Discourse (username / full name / age: "Mar '21", "Mar 2021" for earlier years, "2d", "5h" for recent posts;
# "1 Like", "Reply"): a month and year is the month's first day (a date only); "In Mar 2021 I found none." and a
# line ending in "2d" after a sentence stay text
DISCOURSE = """Night trains in Europe
General
trains, europe
jane_doe
Mar '21
Which night trains still run? In Mar 2021 I found none.
1 Like
Reply
bob_r
Bob Roberts
Mar 2021
The one to Vienna. It left 2d
late.
Reply
carol
2d
Still running on 14 Jan 2024.
2 Likes
Reply
dan
5h
Thanks!
Reply
"""


def test_discourse_month_and_year_and_compact_ages():
    d = cg.read_page(DISCOURSE, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["jane_doe", "bob_r", "carol", "dan"]
    assert wall(d) == ["2021-03-01 00:00", "2021-03-01 00:00", "2024-05-08 12:00", "2024-05-10 07:00"]
    assert c["text"].tolist() == [
        "Which night trains still run? In Mar 2021 I found none.",
        "The one to Vienna. It left 2d\nlate.",
        "Still running on 14 Jan 2024.",
        "Thanks!",
    ]
    assert c["ui_text"].tolist() == ["1 Like\nReply", "Reply", "2 Likes\nReply", "Reply"]
    assert c["posted_text"].tolist() == ["Mar '21", "Mar 2021", "2d", "5h"]
    p = d.problems.set_index("kind")
    assert p.loc["date_only", "message"] == (
        "2 comments give a date without a time of day (e.g. \"Mar '21\"); posted_at is that day's midnight"
        " (a month and year alone: the month's first day)"
    )
    assert accounted(DISCOURSE, d)


@pytest.mark.parametrize(
    ("line", "found"),
    [("Mar '21", "Mar '21"), ("März 2019 · bearbeitet", "März 2019"), ("In March 2021 I went", None)],
)
def test_month_and_year_only_at_a_line_end_or_before_a_separator(line, found):
    from commentgraph.read import times

    m = times.find(line)
    assert (m[0] if m else None) == found


# WoltLab (as WOLTLAB in test_infer_sites): a quote box ("Zitat von NAME" / the quoted lines) with the reply right
# under it, no blank line between: the quote ends after the lines NAME's comment holds; a quote of someone not on
# the page ends at the blank line; "Zitat von Karl steht in keinem Buch." is a sentence, no marker
WOLTLAB_QUOTES = """Thema: Radwege in Berlin
Hans Müller
Fortgeschrittener
Reaktionen
123
Beiträge
456
1. März 2019
#1
Radwege sind toll.
Am 28. Februar 2019 war ich dort.
Gerda_G
Profi
Reaktionen
12
Beiträge
4.567
2. März 2019
#2
Zitat von Hans Müller
Radwege sind toll.
Am 28. Februar 2019 war ich dort.
Das sehe ich anders.
Zitat von Karl steht in keinem Buch.
Ö. Zweirad
Neuling
Reaktionen
1
Beiträge
3
3. März 2019
#3
Zitat von Gerda_G
Das sehe ich anders.
Ich nicht.

Zitat von Niemand
Ein Satz, den keiner hier schrieb.
Noch einer.

Gute Nacht.
"""


def test_woltlab_quote_without_a_blank_line_after_it():
    d = cg.read_page(WOLTLAB_QUOTES, article_id="w")
    c = d.comments
    assert c["author"].tolist() == ["Hans Müller", "Gerda_G", "Ö. Zweirad"]
    assert c["number"].tolist() == [1, 2, 3]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-02 00:00", "2019-03-03 00:00"]
    assert c["text"].tolist() == [
        "Radwege sind toll.\nAm 28. Februar 2019 war ich dort.",
        "Das sehe ich anders.\nZitat von Karl steht in keinem Buch.",
        "Ich nicht.\n\n\nGute Nacht.",
    ]
    assert c["quoted_text"].isna().tolist() == [True, False, False]
    assert c["quoted_text"].tolist()[1:] == [
        "Zitat von Hans Müller\nRadwege sind toll.\nAm 28. Februar 2019 war ich dort.",
        "Zitat von Gerda_G\nDas sehe ich anders.\nZitat von Niemand\nEin Satz, den keiner hier schrieb.\nNoch einer.",
    ]
    assert c["parent_id"].tolist()[1:] == ["w/1", "w/2"]
    assert accounted(WOLTLAB_QUOTES, d)


# the Facebook comments plugin (as FACEBOOK in test_infer_sites: name / text / "Like · Reply · 3y"): a badge above
# a name ("Top contributor", "Verified") heads its own comment, not the previous one's buttons
FACEBOOK_BADGES = """3 comments
Sort by
Newest
Add a comment...
John Smith
This is great.
Like · Reply · 3y
Top contributor
Maria García
Agreed!
Like · Reply · 1 · 2y
Verified
Peter O'Neill
Works at ACME Corp
I read it on March 3, 2021 too.
Like · Reply · 2y · Edited
Facebook Comments Plugin
"""


def test_facebook_badges_above_a_name_head_its_comment():
    d = cg.read_page(FACEBOOK_BADGES, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["John Smith", "Maria García", "Peter O'Neill"]
    assert c["text"].tolist() == ["This is great.", "Agreed!", "I read it on March 3, 2021 too."]
    assert c["ui_text"].tolist() == ["Like · Reply", "Like · Reply · 1", "Like · Reply\nWorks at ACME Corp"]
    assert c["line"].tolist() == [5, 8, 12]
    assert c["header_lines"].tolist() == [1, 2, 2]
    assert wall(d) == ["2021-05-11 12:00", "2022-05-11 12:00", "2022-05-11 12:00"]
    assert accounted(FACEBOOK_BADGES, d)


# Coral with coarse ages: "In reply to Jane Doe" where Jane's comment above is as old as the reply ("2 years ago")
# and another of hers below is older: the one above (a coarse time as the reply's counts as earlier above it)
CORAL_COARSE = """All Comments
Jane Doe
2 years ago
First.
Reply
Bob_R
In reply to Jane Doe
2 years ago
Second.
Reply
Jane Doe
3 years ago
Older.
Reply
"""


def test_a_reply_to_a_name_with_times_as_coarse_as_its_own():
    d = cg.read_page(CORAL_COARSE, scraped_at=SCRAPED, article_id="k")
    assert d.comments["parent_id"].tolist()[1] == "k/L2"
    assert d.comments["parent_id"].isna().tolist() == [True, False, True]
    assert accounted(CORAL_COARSE, d)


# old reddit (as REDDIT_OLD in test_infer_sites: "[–]NAME 12 points 3 hours ago"): a body line of the same shape
# but without the collapse button and the score ("Yes I did 2 hours ago") is text
REDDIT_OLD_BODY = """all 4 comments
sorted by: best
[–]user_one 12 points 3 hours ago
First. I checked it 3 hours ago
permalinkembedsavereportgive awardreply
[–]user_two 5 points 2 hours ago*
Yes I did 2 hours ago
and again.
permalinkembedsaveparentreportgive awardreply
[–]throwaway_42[S] 1 point 1 hour ago
OP here, thanks.
permalinkembedsavereportgive awardreply
[–]Ünal_Ö 2 points 40 minutes ago
Merhaba.
permalinkembedsavereportgive awardreply
"""


def test_old_reddit_body_lines_ending_in_a_relative_time():
    d = cg.read_page(REDDIT_OLD_BODY, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["user_one", "user_two", "throwaway_42", "Ünal_Ö"]
    assert wall(d) == ["2024-05-10 09:00", "2024-05-10 10:00", "2024-05-10 11:00", "2024-05-10 11:20"]
    assert c["text"].tolist() == [
        "First. I checked it 3 hours ago",
        "Yes I did 2 hours ago\nand again.",
        "OP here, thanks.",
        "Merhaba.",
    ]
    assert accounted(REDDIT_OLD_BODY, d)


# German news comments (as SPIEGEL in test_infer_sites): "Antwort auf Ihren Beitrag" heading a text names nobody
# (German capitalises nouns): it stays text and gives no parent
SPIEGEL_NOUN = """Diskussion (2 Beiträge)
Fritz Meier
heute, 10:15 Uhr

Stimmt.

Melden
Antworten
Gerda Gans
heute, 11:02 Uhr

Antwort auf Ihren Beitrag
Nein.

Melden
Antworten
"""


def test_antwort_auf_a_noun_is_text():
    d = cg.read_page(SPIEGEL_NOUN, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["Fritz Meier", "Gerda Gans"]
    assert c["text"].tolist() == ["Stimmt.", "Antwort auf Ihren Beitrag\nNein."]
    assert c["parent_id"].isna().all()
    assert accounted(SPIEGEL_NOUN, d)
