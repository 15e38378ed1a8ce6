"""Layouts a probe of pages not seen before found misread (each page imitates the *shape* of a browser copy of
the system named, with made-up people and text, plus traps that must stay comment text)."""

from __future__ import annotations

import commentgraph as cg
from page_checks import accounted, parent_of, wall

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


# derStandard.at (forum copy): NAME / "1. März 2019, 10:05:12" (seconds) / text / up and down votes / buttons, and
# pagination after the last posting ("Posting 1 bis 4 von 120", page numbers): the page's tail, no comment's text
STANDARD = """Posting 1 bis 4 von 120
Alte Meinungen
sie_liest
1. März 2019, 10:05:12
Früher war alles besser.
12
3
antworten
melden
permalink
Franz Xaver
1. März 2019, 10:10:59
Nein.
Früher war es nur früher, Posting 1 bis 4 von 120.
2
0
antworten
melden
permalink
Hallöchen!
1. März 2019, 11:00:00
Fragezeichen?
0
0
antworten
melden
permalink
Posting 1 bis 4 von 120
1
2
3
"""


def test_standard_pagination_after_the_last_posting():
    d = cg.read_page(STANDARD)
    c = d.comments
    assert c["author"].tolist() == ["sie_liest", "Franz Xaver", "Hallöchen!"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 10:10", "2019-03-01 11:00"]
    assert c["text"].tolist() == [
        "Früher war alles besser.",
        "Nein.\nFrüher war es nur früher, Posting 1 bis 4 von 120.",
        "Fragezeichen?",
    ]
    assert "page_tail" in d.problems["kind"].tolist()
    assert accounted(STANDARD, d)


# the New York Times: NAME / PLACE / "March 1, 2019" (a date only) / text / "12 Recommend" / Share / Flag, and a
# "Times Pick" badge above a name (it heads that comment); a date inside a text stays text
NYT = """Comments 3
Readers' Picks
All
Jane Doe
Brooklyn, NY
March 1, 2019
I read this twice. On March 3, 2019 we will know more.
12 Recommend
Share
Flag
Times Pick
Bob Ray
Austin, TX
March 1, 2019
@Jane Doe Agreed.
4 Recommend
Share
Flag
K.
Berlin
March 2, 2019
Short one.
1 Recommend
Share
Flag
"""


def test_nyt_pick_badge_above_a_name():
    d = cg.read_page(NYT)
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Bob Ray", "K."]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-01 00:00", "2019-03-02 00:00"]
    assert c["text"].tolist() == [
        "I read this twice. On March 3, 2019 we will know more.",
        "@Jane Doe Agreed.",
        "Short one.",
    ]
    assert c["line"].tolist() == [4, 11, 19]
    assert d.replies["target_comment_id"].tolist() == [c["comment_id"].iloc[0]]
    assert accounted(NYT, d)


# GitHub issue comments: the avatar's "@NAME" line above "NAME commented on Mar 1, 2019" heads that comment (no
# text of the comment before), roles ("edited" / "Member") and reactions ("👍 2") are no text; "Mar 1, 2019" in a
# text stays text
GITHUB = """Crash on start #123
Open
octocat opened this issue on Mar 1, 2019 · 3 comments
@octocat
octocat commented on Mar 1, 2019
The app crashes when I open it.
Steps: click start.
👍 2
@hubot
hubot commented on Mar 2, 2019 •
edited
Member
Cannot reproduce on Mar 1, 2019 build.
@user_123
user_123 commented on Mar 3, 2019
Author
Same here.
@octocat
octocat commented on Mar 4, 2019
Thanks, closing.
"""


def test_github_avatar_line_heads_the_comment():
    d = cg.read_page(GITHUB)
    c = d.comments
    assert c["author"].tolist() == ["octocat", "hubot", "user_123", "octocat"]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-02 00:00", "2019-03-03 00:00", "2019-03-04 00:00"]
    assert c["text"].tolist() == [
        "The app crashes when I open it.\nSteps: click start.",
        "Cannot reproduce on Mar 1, 2019 build.",
        "Same here.",
        "Thanks, closing.",
    ]
    assert c["line"].tolist() == [4, 9, 14, 18]
    assert c["ui_text"].iloc[1] == "edited\nMember"
    assert accounted(GITHUB, d)
    # a forum's rank "Member" under a name above the time stays the walk's rank (the name is above it)
    page = "T\nAnna\nMember\n01.03.2019 10:00\nJa.\nAntworten\nBen\nSenior\n01.03.2019 10:05\nNein.\nAntworten\n"
    assert cg.read_page(page).comments["author"].tolist() == ["Anna", "Ben"]


# Slashdot: "TITLE (Score:5, Insightful)" / "by NAME (12345) on Friday March 01, 2019 @10:05AM (#58123456)": a
# header "by NAME on DATE" that repeats is no article byline; the user's id after the name and the comment's
# "(#N)" are no part of the author; "Re:Trains" heads the post below it; the article's own byline stays article
SLASHDOT = """Ask Slashdot: Trains?
by editor on Friday March 01, 2019
Comments Filter:
Trains (Score:5, Insightful)
by jdoe (12345) on Friday March 01, 2019 @10:05AM (#58123456)
I like trains, by the way on Friday March 01, 2019 @09:00AM too.
Re: (Score:2)
by Anonymous Coward on Friday March 01, 2019 @10:20AM (#58123460)
No you don't.
Re:Trains (Score:3, Funny)
by bob_ray (987) on Friday March 01, 2019 @11:45AM (#58123499)
Yes he does.
"""


def test_slashdot_by_name_on_date_headers():
    d = cg.read_page(SLASHDOT)
    c = d.comments
    assert c["author"].tolist() == ["jdoe", "Anonymous Coward", "bob_ray"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 10:20", "2019-03-01 11:45"]
    assert c["text"].tolist() == [
        "I like trains, by the way on Friday March 01, 2019 @09:00AM too.",
        "No you don't.",
        "Yes he does.",
    ]
    assert c["number"].tolist() == [58123456, 58123460, 58123499]
    assert accounted(SLASHDOT, d)
    assert d.articles["title"].iloc[0] == "Ask Slashdot: Trains?"  # (the article's byline is no comment)


# SMF (Simple Machines): NAME / rank / stars / "Posts: 123" / "Re: TITLE" / "« Reply #1 on: March 01, 2019, ... »" /
# "Quote" / text / "Logged": the opening post ("« on: DATE »", no number, its title not "Re:") is a comment too; a
# time inside a text stays text; pagination around the posts is no comment's
SMF = """Pages: [1]
Go Down
Author Topic: Trains  (Read 123 times)
Hans
Full Member
***
Posts: 123
Trains
« on: March 01, 2019, 10:05:12 AM »
Quote
I like trains.
Logged
Grete
Newbie
*
Posts: 3
Re: Trains
« Reply #1 on: March 01, 2019, 11:15:00 AM »
Quote
Me too.
Since March 01, 2019, 09:00:00 AM even.
Logged
Ö. Z.
Hero Member
*****
Posts: 999
Re: Trains
« Reply #2 on: March 02, 2019, 01:00:00 PM »
Quote
OK.
Logged
Pages: [1]
Go Up
"""


def test_smf_reply_numbers_and_the_opening_post():
    d = cg.read_page(SMF)
    c = d.comments
    assert c["author"].tolist() == ["Hans", "Grete", "Ö. Z."]
    assert c["number"].tolist()[1:] == [1, 2]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 11:15", "2019-03-02 13:00"]
    assert c["text"].tolist() == ["I like trains.", "Me too.\nSince March 01, 2019, 09:00:00 AM even.", "OK."]
    assert accounted(SMF, d)


# Trustpilot: NAME / country / "3 reviews" / "Rated 4 out of 5 stars" / "1 Mar 2019" / title / text / "Date of
# experience: February 27, 2019": a field's label before a date ("Date of experience:") is no author's name, so the
# headers are the dates under the names (as many as the field's lines: the name would win a tie)
TRUSTPILOT = """Reviews 1,234
Jane Doe
GB
3 reviews
Rated 4 out of 5 stars
1 Mar 2019
Good service
Fast delivery.
Date of experience: February 27, 2019
Useful
Share
Hans M.
DE
1 review
Rated 1 out of 5 stars
2 Mar 2019
Bad
Never arrived.
Date of experience: February 20, 2019
Useful
Share
"""


def test_trustpilot_field_label_before_a_date_is_no_name():
    d = cg.read_page(TRUSTPILOT)
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Hans M."]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-02 00:00"]
    assert c["text"].tolist() == [
        "Good service\nFast delivery.\nDate of experience: February 27, 2019",
        "Bad\nNever arrived.\nDate of experience: February 20, 2019",
    ]
    assert accounted(TRUSTPILOT, d)
    # a name with a particle before ":" stays a name ("Anna von Berg: DATE")
    page = "K\nAnna von Berg: 1 Mar 2019 10:00\nJa.\nTom de Vries: 1 Mar 2019 10:05\nNein.\n"
    assert cg.read_page(page).comments["author"].tolist() == ["Anna von Berg", "Tom de Vries"]


# Goodreads: NAME / "rated it it was amazing" / "Mar 01, 2019" / text / "12 likes" / Like / Comment: "Comment" is a
# button (no name above the next review's author); a comment that says "No comment." stays text
GOODREADS = """Community Reviews
Jane Doe
rated it it was amazing
Mar 01, 2019
Loved every page.
12 likes
Like
Comment
Bob R.
rated it liked it
Mar 02, 2019
No comment.
Like
Comment
Zeynep
rated it did not like it
Mar 03, 2019
Too long.
3 likes
Like
Comment
"""


def test_goodreads_comment_button_and_rating_lines():
    d = cg.read_page(GOODREADS)
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Bob R.", "Zeynep"]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-02 00:00", "2019-03-03 00:00"]
    assert c["text"].tolist() == ["Loved every page.", "No comment.", "Too long."]
    assert c["ui_text"].tolist() == ["12 likes\nLike\nComment", "Like\nComment", "3 likes\nLike\nComment"]
    assert accounted(GOODREADS, d)


# Amazon reviews: NAME / "5.0 out of 5 stars TITLE" / "Reviewed in the United States on March 1, 2019" / "Verified
# Purchase" / text / "12 people found this helpful" / Helpful / Report; in German "Rezension aus Deutschland vom
# 3. März 2019": the review's place before the date is no name; a date in a text stays text
AMAZON = """Top reviews from the United States
Jane D.
5.0 out of 5 stars Great kettle
Reviewed in the United States on March 1, 2019
Verified Purchase
Boils fast. Bought it on February 2, 2019 and still happy.
12 people found this helpful
Helpful
Report
Amazon Customer
1.0 out of 5 stars Broke
Reviewed in the United Kingdom on March 2, 2019
Verified Purchase
Broke after a week.
Helpful
Report
M. Schmidt
3,0 von 5 Sternen Geht so
Rezension aus Deutschland vom 3. März 2019
Passt.
One person found this helpful
Helpful
Report
See more reviews
"""


def test_amazon_review_place_and_star_lines():
    d = cg.read_page(AMAZON)
    c = d.comments
    assert c["author"].tolist() == ["Jane D.", "Amazon Customer", "M. Schmidt"]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-02 00:00", "2019-03-03 00:00"]
    assert c["text"].tolist() == [
        "Boils fast. Bought it on February 2, 2019 and still happy.",
        "Broke after a week.",
        "Passt.",
    ]
    assert c["ui_text"].iloc[2] == "One person found this helpful\nHelpful\nReport"
    assert accounted(AMAZON, d)


# LinkedIn: NAME / "• 2nd" / headline / "3d" / text / Like / Reply / "2 Reactions": a reactions counter ending a text
# is no text
LINKEDIN = """Comments
Most relevant
Jane Doe
• 2nd
Senior Engineer at ACME
3d
Congrats!
Like
Reply
2 Reactions
Bob Ray
• 3rd+
Head of Trains
2d
Well deserved, 2 reactions are not enough.
Like
Reply
Carla M.
• 1st
Student
1h
Wow.
Like
Reply
"""


def test_linkedin_reactions_counter():
    d = cg.read_page(LINKEDIN, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Bob Ray", "Carla M."]
    assert wall(d) == ["2019-03-02 12:00", "2019-03-03 12:00", "2019-03-05 11:00"]
    assert c["text"].tolist() == ["Congrats!", "Well deserved, 2 reactions are not enough.", "Wow."]
    assert c["ui_text"].iloc[0] == "Like\nReply\n2 Reactions"
    assert accounted(LINKEDIN, d)


# Spiegel (newer forum): NAME / "vor 3 Stunden" / text / Antworten / Melden / "3 Antworten anzeigen", and
# "Weitere Beiträge laden" after the last comment; "Zitat von NAME: »...«" inside a sentence stays text
SPIEGEL = """Diskutieren Sie mit
128 Beiträge
Neueste zuerst
Nachdenklicher Leser
vor 3 Stunden
Zitat von Frau X: »Das stimmt.« Nein, das stimmt nicht.
Antworten
Melden
3 Antworten anzeigen
hanseat_1970
vor 2 Stunden
Am 1. März 2019 um 10:00 Uhr war es anders.
Antworten
Melden
Frau X
vor 1 Stunde
Doch.
Antworten
Melden
Weitere Beiträge laden
"""


def test_spiegel_more_postings_button():
    d = cg.read_page(SPIEGEL, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["Nachdenklicher Leser", "hanseat_1970", "Frau X"]
    assert wall(d) == ["2019-03-05 09:00", "2019-03-05 10:00", "2019-03-05 11:00"]
    assert c["text"].tolist() == [
        "Zitat von Frau X: »Das stimmt.« Nein, das stimmt nicht.",
        "Am 1. März 2019 um 10:00 Uhr war es anders.",
        "Doch.",
    ]
    assert c["ui_text"].iloc[2] == "Antworten\nMelden\nWeitere Beiträge laden"
    assert accounted(SPIEGEL, d)


# X / Mastodon conversations copied as "NAME @handle · Mar 1": the handle after nearly every name is no part of it
# (the header's date without a year is the latest such day up to the copy); "@bob_rail" in a text is a reference
X_INLINE = """Conversation
Jane Doe @janedoe · Mar 1
Trains are late.
12
3
Bob @bob_rail · Mar 2
Mine too.
1
Anna K. @annak@norden.social · 3h
Same as @bob_rail said.
"""


def test_x_handles_after_the_names():
    d = cg.read_page(X_INLINE, scraped_at=SCRAPED)
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Bob", "Anna K."]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-02 00:00", "2019-03-05 09:00"]
    assert c["text"].tolist() == ["Trains are late.", "Mine too.", "Same as @bob_rail said."]
    assert accounted(X_INLINE, d)


# a blog's "NAME | DATE" headers with odd names: digits only ("12345 |": no number and a "|" for a name, which gave
# every other comment a missing-number error), an emoji, CJK and Arabic script, a name ending in "?"
ODD_AUTHORS = """Kommentare
12345 | 01.03.2019 10:05
Nur Zahlen.
🦊 | 01.03.2019 10:06
Fuchs.
王小明 | 01.03.2019 10:07
Hallo.
أحمد | 01.03.2019 10:08
Salam.
Wer bin ich? | 01.03.2019 10:09
Niemand.
"""


def test_odd_author_names_before_a_bar():
    d = cg.read_page(ODD_AUTHORS, strict=True)
    c = d.comments
    assert c["author"].tolist() == ["12345", "🦊", "王小明", "أحمد", "Wer bin ich?"]
    assert c["number"].isna().all()
    assert wall(d)[0] == "2019-03-01 10:05"
    assert c["text"].tolist() == ["Nur Zahlen.", "Fuchs.", "Hallo.", "Salam.", "Niemand."]
    assert d.problems.empty
    assert accounted(ODD_AUTHORS, d)


# golem.de forum: "Autor: NAME 01.03.19 - 10:05" (a field label before the name, a two-digit year), "Re:" titles;
# a time inside a text stays text
GOLEM = """Forum
Thema: Neue Züge
Autor: zugfan 01.03.19 - 10:05
Endlich.
Antworten
Zitieren
Re: Thema: Neue Züge
Autor: Ö-Bahner 01.03.19 - 10:35
Abwarten.
Seit 01.03.19 - 08:00 steht alles.
Antworten
Zitieren
Re: Thema: Neue Züge
Autor: xyz_123 01.03.19 - 11:00
Naja.
Antworten
Zitieren
"""

# a blog's "NAME / DATE" lines (a slash between name and date): the slash is no part of the name
SLASHED = """Leserpost
Peter Pan / 01.03.2019
Sehr richtig.
Helga Hübsch / 01.03.2019
Nein.
Es war am 28.02.2019 anders.
Karl K. / 02.03.2019
Ja.
"""


def test_author_label_and_slash_before_the_date():
    d = cg.read_page(GOLEM)
    c = d.comments
    assert c["author"].tolist() == ["zugfan", "Ö-Bahner", "xyz_123"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 10:35", "2019-03-01 11:00"]
    assert c["text"].tolist() == ["Endlich.", "Abwarten.\nSeit 01.03.19 - 08:00 steht alles.", "Naja."]
    assert accounted(GOLEM, d)
    d = cg.read_page(SLASHED)
    c = d.comments
    assert c["author"].tolist() == ["Peter Pan", "Helga Hübsch", "Karl K."]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-01 00:00", "2019-03-02 00:00"]
    assert c["text"].tolist() == ["Sehr richtig.", "Nein.\nEs war am 28.02.2019 anders.", "Ja."]
    assert accounted(SLASHED, d)


# Ars Technica: NAME / rank / "Mar 1, 2019 10:05 AM" / "#1" / text / Upvote / "12 (14 / -2)": a score with its votes
# is a counter, no name above the next comment's author
ARS = """Comments
jdoe
Ars Scholae Palatinae
Mar 1, 2019 10:05 AM
#1
Interesting.
Upvote
12 (14 / -2)
bob_r
Smack-Fu Master, in training
Mar 1, 2019 10:30 AM
#2
Not really, 3 (3 / 0) is no score.
Upvote
3 (3 / 0)
Ann
Wise, Aged Ars Veteran
Mar 1, 2019 11:00 AM
#3
Yes.
Upvote
1 (1 / 0)
"""


def test_ars_scores_with_votes():
    d = cg.read_page(ARS)
    c = d.comments
    assert c["author"].tolist() == ["jdoe", "bob_r", "Ann"]
    assert c["number"].tolist() == [1, 2, 3]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 10:30", "2019-03-01 11:00"]
    assert c["text"].tolist() == ["Interesting.", "Not really, 3 (3 / 0) is no score.", "Yes."]
    assert accounted(ARS, d)


# a US news site (Washington Post-like): NAME / "March 1, 2019 at 10:05 p.m. ET" / text / Reply / Like: "ET" is
# US Eastern time with its daylight saving (EST in March, 22:05 ET = 04:05 in Berlin the next day; EDT in July);
# a year-first slash date ("2019/07/03 10:05", East Asian sites and forums) reads as ISO
US_ZONES = """Comments
Jane Doe
March 1, 2019 at 10:05 p.m. ET
A good read.
Reply
Like
Sam_Sun
July 3, 2019 at 9:00 a.m. ET
Not for me. I read it on July 2, 2019 at 8:00 a.m. ET already.
Reply
Like
Ali
2019/07/03 16:30
Maybe.
Reply
Like
"""


def test_us_eastern_time_and_year_first_slash_dates():
    d = cg.read_page(US_ZONES)
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Sam_Sun", "Ali"]
    assert wall(d) == ["2019-03-02 04:05", "2019-07-03 15:00", "2019-07-03 16:30"]
    assert c["text"].tolist()[1] == "Not for me. I read it on July 2, 2019 at 8:00 a.m. ET already."
    assert accounted(US_ZONES, d)


# vBulletin 4: "03-01-2019, 10:05 AM #2" / NAME / rank / "Join Date: Jan 2019" / "Posts: 12" / text / "Reply With
# Quote": the author under the time, then the member's fields (no text); a quote of Hans's post gives the parent
VBULLETIN4 = """Trains
03-01-2019, 10:05 AM #1
Hans
Junior Member
Join Date: Jan 2019
Posts: 12
I like trains.
Reply With Quote
03-01-2019, 11:15 AM #2
Grete
Senior Member
Join Date: Feb 2018
Posts: 555
Me too. Posts: 555 is a lot.
Reply With Quote
03-02-2019, 01:00 PM #3
Ö. Z.
Join Date: Mar 2019
Posts: 1
Quote Originally Posted by Hans
I like trains.

Not me.
Reply With Quote
"""


def test_vbulletin4_author_under_the_time():
    d = cg.read_page(VBULLETIN4)
    c = d.comments
    assert c["author"].tolist() == ["Hans", "Grete", "Ö. Z."]
    assert c["number"].tolist() == [1, 2, 3]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 11:15", "2019-03-02 13:00"]
    assert c["text"].tolist() == ["I like trains.", "Me too. Posts: 555 is a lot.", "Not me."]
    assert d.articles["layout"].iloc[0] == "inferred:below"
    assert c["quoted_text"].iloc[2] == "Quote Originally Posted by Hans\nI like trains."
    assert parent_of(d) == {"Ö. Z.": "Hans"}
    assert accounted(VBULLETIN4, d)


# a news page copied whole: cookie and newsletter lines above the comments, site links and the footer below them
# ("Mehr zum Thema", "Impressum", "© ..."): where every other comment ends in its button bar, what follows the
# last comment's bar is the page's tail, no text of it
FOOTER = """Wir verwenden Cookies
Akzeptieren
Einstellungen
Neue Züge für alle
Die Bahn kauft neue Züge.
Newsletter abonnieren
Kommentare (3)
Anna B.
01.03.2019, 10:05 Uhr
Gut so.
Antworten
Melden
Bernd
01.03.2019, 10:45 Uhr
Schlecht so.
Impressum ist ein schönes Wort.
Antworten
Melden
Carla
01.03.2019, 11:00 Uhr
Mittel.
Antworten
Melden
Mehr zum Thema
Bahn streicht Strecken
Impressum
Datenschutz
© Axel Beispiel Verlag 2019
"""

FOOTER_EN = """Accept all cookies
Trains are back
Comments
Jane Doe
2 hours ago
Great.
Reply
Like
Bob
1 hour ago
Bad.
Reply
Like
Most Popular
Ten things about trains
Privacy Policy
© 2019 Example Media Ltd. All rights reserved.
"""


def test_site_footer_after_the_last_comments_buttons():
    d = cg.read_page(FOOTER)
    c = d.comments
    assert c["author"].tolist() == ["Anna B.", "Bernd", "Carla"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 10:45", "2019-03-01 11:00"]
    assert c["text"].tolist() == ["Gut so.", "Schlecht so.\nImpressum ist ein schönes Wort.", "Mittel."]
    assert "page_tail" in d.problems["kind"].tolist()
    assert accounted(FOOTER, d)
    d = cg.read_page(FOOTER_EN, scraped_at=SCRAPED)
    assert d.comments["author"].tolist() == ["Jane Doe", "Bob"]
    assert d.comments["text"].tolist() == ["Great.", "Bad."]
    assert accounted(FOOTER_EN, d)
    # a last comment whose text goes on after its buttons where the others end in theirs is not cut: no bar follows
    # its text before the next comment's (here the text has no button line at all)
    page = FOOTER.replace("Mittel.\nAntworten\nMelden\n", "Mittel.\n")
    assert cg.read_page(page).comments["text"].iloc[2].startswith("Mittel.\nMehr zum Thema")
