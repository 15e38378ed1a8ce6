"""Layouts a probe of pages not seen before found misread (each page imitates the *shape* of a browser copy of
the system named, with made-up people and text, plus traps that must stay comment text)."""

from __future__ import annotations

import commentgraph as cg
from page_checks import accounted, wall

SCRAPED = "2019-03-05 12:00"

# ISO 8601 times after the name ("NAME 2019-03-01T10:05:00Z"): the glued zone gives the instant (10:05 UTC is 11:05
# in Berlin; "+01:00" is Berlin's offset in March); an ISO time inside a sentence stays text
ISO = """Comments
jane_doe 2019-03-01T10:05:00Z
First comment.
bob 2019-03-01T10:30:00.250Z
Second, see 2019-02-01T00:00:00Z in the log.
Carla-Marie 2019-03-01T12:00:00+01:00
Third.
"""


def test_iso_times_with_a_glued_zone():
    d = cg.read_page(ISO)
    c = d.comments
    assert c["author"].tolist() == ["jane_doe", "bob", "Carla-Marie"]
    assert wall(d) == ["2019-03-01 11:05", "2019-03-01 11:30", "2019-03-01 12:00"]
    assert c["text"].tolist() == ["First comment.", "Second, see 2019-02-01T00:00:00Z in the log.", "Third."]
    assert accounted(ISO, d)


# MyBB: NAME / rank / "Posts: 12" / "Threads: 3" / "Joined: Jan 2019" / "Reputation: 0" / "03-01-2019, 10:05 AM" /
# "#1": dates written with dashes read as slash dates (month first unless a day above 12 says otherwise)
MYBB = """Trains
Hans
Junior Member
Posts: 12
Threads: 3
Joined: Jan 2019
Reputation: 0
03-01-2019, 10:05 AM
#1
I like trains.
Reply
Quote
Grete
Member
Posts: 55
Threads: 9
Joined: Feb 2018
Reputation: 2
03-01-2019, 11:15 AM
#2
Me too. I bought a ticket on 02-14-2019.
Reply
Quote
Ö. Z.
Newbie
Posts: 1
Threads: 0
Joined: Mar 2019
Reputation: 0
03-02-2019, 01:00 PM
#3
OK.
Reply
Quote
"""


def test_mybb_dashed_dates():
    d = cg.read_page(MYBB)
    c = d.comments
    assert c["author"].tolist() == ["Hans", "Grete", "Ö. Z."]
    assert c["number"].tolist() == [1, 2, 3]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 11:15", "2019-03-02 13:00"]
    assert c["text"].tolist() == ["I like trains.", "Me too. I bought a ticket on 02-14-2019.", "OK."]
    assert accounted(MYBB, d)
    # a day above 12 says the dashes are day first
    dmy = MYBB.replace("03-01-2019, 10:05", "13-03-2019, 10:05").replace("03-01-2019, 11:15", "01-04-2019, 11:15")
    assert wall(cg.read_page(dmy))[:2] == ["2019-03-13 10:05", "2019-04-01 11:15"]
