"""Layouts that earlier reviews found misread (each page imitates the *shape* of a browser copy of the system
named, with made-up people and text, plus traps that must stay comment text): a body line ending in a relative
time, reply markers naming someone not on the page or below the reply, declared counts with thousands
separators, "Antwort auf #N von NAME" in the seed's layout."""

from __future__ import annotations

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


