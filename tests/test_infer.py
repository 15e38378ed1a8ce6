"""Layout inference on short pages written for these tests, one per real layout they imitate.

Each page copies the *shape* of a real site's browser copy (cited per test; the real pages are in
``../shared/pages-public`` and are not copied here) with made-up people and text, plus traps that
must stay comment text: a date inside a sentence, ``Zitat`` inside a body, an author-like line in a poem.
"""

from __future__ import annotations

import pandas as pd
import pytest

import commentgraph as cg
from page_checks import accounted, kinds, parent_of, wall


# zeit.de: author / "#1  —  vor 8 Stunden" / recommendation count / body / "Antwort auf #1 von NAME"
ZEIT = """Bahn fahren in Europa
Ein Artikel über Züge.
14. Januar 2020, 9:21 Uhr 120 Kommentare

Kommentare
Neueste zuerst Nur Leserempfehlungen
Klara Korn
#1 \u00a0—\u00a0 vor 8 Stunden
12

Am 3. März 2019 um 10:00 Uhr war ich in Basel, und der Zug kam pünktlich.

Antworten Melden
Empfehlen
Otto Zug
#1.1 \u00a0—\u00a0 vor 7 Stunden
4

Das Zitat von Goethe passt hier: Reisen bildet.

Antwort auf #1 von Klara Korn
Antworten Melden
Empfehlen
+ 3 weitere Antworten anzeigen
Lena Gleis
#2 \u00a0—\u00a0 vor 2 Tagen
0

Nachtzüge fehlen.

Antworten Melden
Empfehlen
Kommentarseiten
1
2
Bitte melden Sie sich an, um zu kommentieren.
"""


def test_zeit_relative_times_reply_numbers_and_markers():
    d = cg.read_page(ZEIT)
    c = d.comments
    assert c["author"].tolist() == ["Klara Korn", "Otto Zug", "Lena Gleis"]
    assert c["number"].tolist() == [1, pd.NA, 2]
    assert c["number_text"].tolist() == ["1", "1.1", "2"]
    assert c["posted_text"].tolist() == ["vor 8 Stunden", "vor 7 Stunden", "vor 2 Tagen"]
    assert c["posted_at"].isna().all()            # relative: no scrape time given
    assert "relative_time" in kinds(d) and "page_tail" in kinds(d)
    assert parent_of(d) == {"Otto Zug": "Klara Korn"}
    # the date in a sentence and the "Zitat von" inside a sentence stay text; buttons and counts move out
    assert c["text"].tolist() == ["Am 3. März 2019 um 10:00 Uhr war ich in Basel, und der Zug kam pünktlich.",
                                  "Das Zitat von Goethe passt hier: Reisen bildet.", "Nachtzüge fehlen."]
    assert c["ui_text"].tolist()[0] == "12\nAntworten Melden\nEmpfehlen"
    assert "Antwort auf #1 von Klara Korn" in c["ui_text"].iloc[1]
    assert d.articles["layout"].iloc[0] == "inferred:above"
    assert int(d.articles["declared_comments"].iloc[0]) == 120   # after the article's date on one line
    assert accounted(ZEIT, d)


def test_zeit_relative_times_read_against_scraped_at():
    d = cg.read_page(ZEIT, scraped_at="2020-01-14 18:00")
    # 18:00 - 8 h, 18:00 - 7 h, 18:00 - 2 days (Europe/Berlin wall clock)
    assert wall(d) == ["2020-01-14 10:00", "2020-01-14 11:00", "2020-01-12 18:00"]
    assert d.settings["scraped_at"] == "2020-01-14 18:00"
    with pytest.raises(cg.ReadError, match="scraped_at"):
        cg.read_page(ZEIT, scraped_at="gestern")


# taz.de: author / "14. 01. 2020, 13:47" (spaced) / body / "antworten" / "melden"; replies start "@Name"
TAZ = """Leserkommentare
Martha M.
14. 01. 2020, 13:47

Erster Gedanke dazu.

antworten
melden
Rainer B.
14. 01. 2020, 20:29

@Martha M. Sehe ich anders.

antworten
melden
Martha M.
14. 01. 2020, 14:00

Noch ein Gedanke.

antworten
melden
"""


def test_taz_names_with_dots_and_replies_under_their_parent():
    d = cg.read_page(TAZ)
    assert d.comments["author"].tolist() == ["Martha M.", "Rainer B.", "Martha M."]
    assert wall(d) == ["2020-01-14 13:47", "2020-01-14 20:29", "2020-01-14 14:00"]
    # "@Martha M." has two earlier comments by Martha M.: the one printed above the reply is taken
    r = d.replies
    assert r["source_comment_id"].tolist() == [d.comments["comment_id"].iloc[1]]
    assert r["target_comment_id"].tolist() == [d.comments["comment_id"].iloc[0]]
    assert "page_order" in d.mentions["reason"].iloc[0]
    assert accounted(TAZ, d)


# exxpress.at (WordPress DE): "NAME sagt:" / "1. November 2023 um 11:54 Uhr" / body / votes / "Antworten"
WP_DE = """Kommentare
G.M. sagt:
1. November 2023 um 11:54\u00a0Uhr

Ein kurzes Gedicht:
Rainer Maria Rilke
schrieb einst vom Panther.

3
1
Antworten
Danke !! sagt:
1. November 2023 um 11:10\u00a0Uhr

Herrlich!

Antworten
geht's no?! sagt:
1. November 2023 um 10:49\u00a0Uhr

Nein.

12
Antworten
"""


def test_wordpress_de_authors_with_punctuation_and_votes():
    d = cg.read_page(WP_DE)
    assert d.comments["author"].tolist() == ["G.M.", "Danke !!", "geht's no?!"]
    assert wall(d) == ["2023-11-01 11:54", "2023-11-01 11:10", "2023-11-01 10:49"]
    # the name-like line of the poem stays text; the vote counts move out
    assert d.comments["text"].iloc[0] == "Ein kurzes Gedicht:\nRainer Maria Rilke\nschrieb einst vom Panther."
    assert d.comments["ui_text"].tolist() == ["3\n1\nAntworten", "Antworten", "12\nAntworten"]
    assert len(d.replies) == 0
    assert accounted(WP_DE, d)


# cicero.de (Drupal): "NAME | Di, 21. April 2020 - 16:40" / title / body; "In reply to TITLE by NAME"
DRUPAL = """Ein Artikel
VON ANNA AUTOR am 21. April 2020

Hilde Huber | Di, 21. April 2020 - 16:40

Wie wir sterben

Ein wichtiges Thema.

Antworten
Karl Kern | Mi, 22. April 2020 - 15:44

Wie wir sterben

Ich sehe das so.

Antworten
Hilde Huber | Do, 23. April 2020 - 14:27

In reply to Wie wir sterben by Gast

Werter Herr Kern, danke.

Antworten
Ihr Kommentar zu diesem Artikel
Ihr Name
E-Mail
"""


def test_drupal_in_reply_to_title_by_name_and_the_comment_form():
    d = cg.read_page(DRUPAL)
    c = d.comments
    assert c["author"].tolist() == ["Hilde Huber", "Karl Kern", "Hilde Huber"]
    assert wall(d) == ["2020-04-21 16:40", "2020-04-22 15:44", "2020-04-23 14:27"]
    # two comments carry the title: the nearest one above is answered (the name "Gast" names neither)
    assert parent_of(d) == {"Hilde Huber": "Karl Kern"}
    assert c["text"].iloc[2] == "Werter Herr Kern, danke."
    tail = d.problems.loc[d.problems["kind"] == "page_tail"]
    assert tail["line"].tolist() == [25]
    assert accounted(DRUPAL, d)


# hpd.de (Drupal one-liner): "NAME am 18. Oktober 2023 - 13:11 Permanenter Link"; comment form before the list
HPD = """Titel des Artikels
10 Kommentare
Kommentar hinzufügen
Ihr Name *
E-Mail *
Kommentare

Gerd Grün am 18. Oktober 2023 - 13:11 Permanenter Link

Am 18. Oktober 2023 war ich auch dort.

Antworten

david am 18. Oktober 2023 - 17:40 Permanenter Link

Schön.

Aufklappen
Antworten
"""


def test_drupal_one_line_headers_with_trailing_link():
    d = cg.read_page(HPD)
    assert d.comments["author"].tolist() == ["Gerd Grün", "david"]
    assert wall(d) == ["2023-10-18 13:11", "2023-10-18 17:40"]
    assert d.comments["text"].tolist() == ["Am 18. Oktober 2023 war ich auch dort.", "Schön."]
    assert d.comments["ui_text"].tolist() == ["Antworten", "Aufklappen\nAntworten"]
    assert (d.problems.loc[d.problems["kind"] == "count_mismatch", "message"].str.contains("declares 10").all())
    assert accounted(HPD, d)


# scilogs.spektrum.de: "Antworten" above the author, "8. April 2019 @ 11:38" (an @ in every time)
SCILOGS = """Kommentare Schreibe einen Kommentar
Antworten
Dora Dorn
8. April 2019 @ 11:38

Eine Frage.

MFG
Dr. Bär
Antworten
Dr. Bär
8. April 2019 @ 12:48

@ Dora Dorn: eine Antwort.

MFG
Dr. Bär
"""


def test_scilogs_at_in_every_time_and_sign_offs():
    d = cg.read_page(SCILOGS)
    assert d.comments["author"].tolist() == ["Dora Dorn", "Dr. Bär"]
    assert wall(d) == ["2019-04-08 11:38", "2019-04-08 12:48"]
    assert d.comments["text"].iloc[0] == "Eine Frage.\n\nMFG\nDr. Bär"   # a sign-off, not a header
    assert d.mentions["raw"].tolist() == ["@ Dora Dorn"]                 # the times' "@" are no references
    assert d.replies["target_comment_id"].tolist() == [d.comments["comment_id"].iloc[0]]
    assert accounted(SCILOGS, d)


# chefkoch.de: author / body / date AFTER the body / "Antworten"
CHEFKOCH = """Kuchen

Kommentare
Kommentar schreiben
anna60

Sehr lecker, am 1.4.2020 gebacken.

12.04.2020 17:02
Antworten
08bine

Zu süß für mich.

11.04.2020 22:26
Antworten
"""


def test_date_after_the_body():
    d = cg.read_page(CHEFKOCH)
    assert d.articles["layout"].iloc[0] == "inferred:after"
    assert d.comments["author"].tolist() == ["anna60", "08bine"]
    assert wall(d) == ["2020-04-12 17:02", "2020-04-11 22:26"]
    assert d.comments["text"].tolist() == ["Sehr lecker, am 1.4.2020 gebacken.", "Zu süß für mich."]
    assert d.comments["line"].tolist() == [5, 11]
    assert accounted(CHEFKOCH, d)


# Facebook's comment plugin copied as text (German and English UI): the name, the text, then the buttons and a
# compact age on one line ("Gefällt mir · Antworten · 3 Std.", "Like · Reply · 3h"); no blank lines
FACEBOOK_DE = """Beitrag von Radio X
Neue Radwege in der Stadt

Anna Schmidt
Endlich! Ich fahre jeden Tag 5m zu Fuß zur Haltestelle.
Gefällt mir · Antworten · 3 Std.
Ben Müller
Am 1. März 2019 um 10:00 war das noch anders.
Gefällt mir · Antworten · 2 Std.
Carla Weiß
Zitat: alles wird gut
Gefällt mir · Antworten · 45 Min.
"""
FACEBOOK_EN = """Comments on "Bike lanes"

Ann Lee
Finally. I walk 5m to the stop
Like · Reply · 3h
Bob Ray
Jane Doe
Like · Reply · 1d
"""


def test_facebook_buttons_and_a_compact_age_after_the_body():
    d = cg.read_page(FACEBOOK_DE, scraped_at="2020-01-14 18:00")
    assert d.articles["layout"].iloc[0] == "inferred:after"
    assert d.comments["author"].tolist() == ["Anna Schmidt", "Ben Müller", "Carla Weiß"]
    assert wall(d) == ["2020-01-14 15:00", "2020-01-14 16:00", "2020-01-14 17:15"]
    assert d.comments["text"].tolist() == ["Endlich! Ich fahre jeden Tag 5m zu Fuß zur Haltestelle.",
                                           "Am 1. März 2019 um 10:00 war das noch anders.", "Zitat: alles wird gut"]
    assert d.comments["ui_text"].tolist() == ["Gefällt mir · Antworten"] * 3
    assert d.comments["posted_text"].tolist() == ["3 Std.", "2 Std.", "45 Min."]
    assert accounted(FACEBOOK_DE, d)
    # without the copy time: the comments are read, their times unknown, and the page says why
    d = cg.read_page(FACEBOOK_DE)
    assert d.comments["posted_at"].isna().all() and "relative_time" in kinds(d)
    # English: a one-line body that is a name ("Jane Doe", a poem's line) stays text
    e = cg.read_page(FACEBOOK_EN, scraped_at="2020-01-14 18:00")
    assert e.comments["author"].tolist() == ["Ann Lee", "Bob Ray"]
    assert e.comments["text"].tolist() == ["Finally. I walk 5m to the stop", "Jane Doe"]
    assert wall(e) == ["2020-01-14 15:00", "2020-01-13 18:00"]


def test_dates_without_a_year_are_the_latest_such_day_before_the_copy():
    page = FACEBOOK_DE.replace("3 Std.", "14. Januar um 10:15").replace("2 Std.", "31. Dezember um 23:00")
    d = cg.read_page(page, scraped_at="2020-01-14 18:00")
    assert wall(d) == ["2020-01-14 10:15", "2019-12-31 23:00", "2020-01-14 17:15"]
    assert "without a year" in d.problems.set_index("kind").loc["relative_time", "message"]
    assert cg.read_page(page).comments["posted_at"].isna().all()   # (no copy time: no year to give)
    # "Jan 3 hours ago" is Jan's comment three hours old; a sentence with a day and month stays text
    e = cg.read_page("Comments\nJan 3 hours ago\n\nWe met on 1. March and talked.\n\nreply\n"
                     "Eva 2 hours ago\n\nMar 5 works.\n\nreply\n", scraped_at="2020-01-15 12:00")
    assert e.comments["author"].tolist() == ["Jan", "Eva"]
    assert wall(e) == ["2020-01-15 09:00", "2020-01-15 10:00"]


# Blogger (German UI): a name glued to its date, "AntwortenLöschen"
BLOGGER_DE = """Kommentare:
Sana6. Juni 2015 um 10:23

Huhu :)

Liebe Grüße,
Sana

AntwortenLöschen
Antworten
Sanne7. Juni 2015 um 16:36

Danke!

Löschen
Antworten
Abonnieren Kommentare zum Post (Atom)
"""


def test_blogger_name_glued_to_date():
    d = cg.read_page(BLOGGER_DE)
    assert d.comments["author"].tolist() == ["Sana", "Sanne"]
    assert wall(d) == ["2015-06-06 10:23", "2015-06-07 16:36"]
    assert d.comments["text"].tolist() == ["Huhu :)\n\nLiebe Grüße,\nSana", "Danke!"]
    assert accounted(BLOGGER_DE, d)


# Blogger (English UI): "IwonaMay 30, 2019 at 12:33 AM", "ReplyDelete"
BLOGGER_EN = """2 comments:
IvyMay 30, 2019 at 12:33 AM

Lovely @ the beach.

ReplyDelete
Replies
Reply
Rowena @ home lovesMay 31, 2019 at 8:56 PM

Nice.

ReplyDelete
"""


def test_blogger_english_twelve_hour_clock():
    d = cg.read_page(BLOGGER_EN)
    assert d.comments["author"].tolist() == ["Ivy", "Rowena @ home loves"]
    assert wall(d) == ["2019-05-30 00:33", "2019-05-31 20:56"]   # 12:33 AM is half past midnight
    assert len(d.mentions) == 0                   # "@ the beach": lowercase after "@ ", no reference


# vBulletin: author / menu lines / rank / date / "#661"; "Zitat von NAME" quotes; "@name" lowercase
VBULLETIN = """Ein Thread

Peter
Profil
Beiträge anzeigen
Private Nachricht
Gehöre zum Inventar

03.03.2011, 14:17
#661
Zitat von Fremder
Wie geht das?

Gar nicht.
0\u00a0
Maria
Profil
Beiträge anzeigen
Private Nachricht
Homepage besuchen
Ehrenmitglied

03.03.2011, 14:27
#662
@peter: doch, so geht das.
0\u00a0
Peter
Profil
Beiträge anzeigen
Private Nachricht
Gehöre zum Inventar
03.03.2011, 14:39
#663
Zitat von Maria
@peter: doch, so geht das.

Danke.
0\u00a0
"""


def test_vbulletin_posts_menus_ranks_and_quotes():
    d = cg.read_page(VBULLETIN)
    c = d.comments
    assert c["author"].tolist() == ["Peter", "Maria", "Peter"]
    assert c["number"].tolist() == [661, 662, 663]
    assert wall(d) == ["2011-03-03 14:17", "2011-03-03 14:27", "2011-03-03 14:39"]
    # the quote of a post not on the page gives no parent; the quote of Maria's post gives her post
    assert parent_of(d) == {"Peter": "Maria"}
    assert c["quoted_text"].iloc[0] == "Zitat von Fremder\nWie geht das?"
    assert c["text"].tolist() == ["Gar nicht.", "@peter: doch, so geht das.", "Danke."]
    # "@peter" in Maria's post is a reference; the same words quoted by Peter are not his
    edges = set(zip(d.replies["source_comment_id"], d.replies["target_comment_id"]))
    ids = c["comment_id"].tolist()
    assert edges == {(ids[1], ids[0]), (ids[2], ids[1])}
    assert accounted(VBULLETIN, d)


# XenForo: avatar letter / author / rank / "Mitglied seit" + join date / "Beiträge" + count / date / "#N"
XENFORO = """Pepe verliert Fell
Themenstarter Mia
Beginndatum 27. September 2018

Mia
Forenprofi
Mitglied seit
28. Juni 2014
Beiträge
2.206
Ort
Niedersachsen
27. September 2018
#1
Mein Kater haart.
\u00a0
Werbung:
Y
yvonne
Forenprofi
Mitglied seit
12. Juni 2017
Beiträge
1.158
28. September 2018
#2
Mia hat gesagt.:
Mein Kater haart.
Zum Vergrößern anklicken....

Bürsten hilft.
\u00a0
"""


def test_xenforo_join_dates_ranks_and_quote_boxes():
    d = cg.read_page(XENFORO)
    c = d.comments
    assert c["author"].tolist() == ["Mia", "yvonne"]
    assert c["number"].tolist() == [1, 2]
    assert wall(d) == ["2018-09-27 00:00", "2018-09-28 00:00"]   # post dates, not join dates; no time of day
    assert "date_only" in kinds(d)
    assert parent_of(d) == {"yvonne": "Mia"}
    assert c["text"].tolist() == ["Mein Kater haart.", "Bürsten hilft."]
    assert accounted(XENFORO, d)


# WordPress (English): "NAME says:" / "August 3, 2019 at 4:11 am"; a time zone after the time
WP_EN = """5 thoughts on "Parsing"
degski says:
August 3, 2019 at 4:11 am

Thanks.

Reply
Dan Lemire says:
August 5, 2019 at 1:46 pm GMT

We are working on it.

Reply
"""


def test_wordpress_english_and_a_zone_after_the_time():
    d = cg.read_page(WP_EN)
    assert d.comments["author"].tolist() == ["degski", "Dan Lemire"]
    # 1:46 pm GMT is 15:46 in Berlin (summer time, UTC+2)
    assert wall(d) == ["2019-08-03 04:11", "2019-08-05 15:46"]
    assert accounted(WP_EN, d)


def test_known_layouts_keep_their_fast_path():
    page = "3 Kommentare\n\n01.03.2019 10:00 W. Merseburger 2\n\nJa.\n\n01.03.2019 11:00 Meckersack 3\n\n@2 Nein."
    d = cg.read_page(page)
    assert d.articles["layout"].tolist() == ["date_first"]
    assert "layout_inferred" not in kinds(d)
    assert d.comments["ui_text"].isna().all()


def test_a_page_without_repeated_headers_is_no_comments():
    d = cg.read_page("Ein Text.\nAm 1. März 2019 um 10:00 war ich dort.\nMehr nicht.\n")
    assert len(d.comments) == 0 and kinds(d) == ["no_comments"]


# More layouts of sites not in the development set (shapes as a browser copy gives them):
# Disqus ("Name • vor 3 Jahren", vote arrows), Hacker News ("pg 3 hours ago [–]"), old reddit
# ("user 12 points 3 hours ago", glued button bar), phpBB ("by Name » Tue Jan 14, 2020 1:47 pm"),
# the Guardian (name / "14 Jan 2020 13:47"), Spiegel ("Name heute, 10:15 Uhr"), FAZ ("Name (handle) -
# 14.01.2020 - 13:47"), WordPress themes ("Posted by Name on March 1, 2019 at 10:15 am")
MORE = {
    "heise forum (post titles)": ("Forum\nRe: Radwege\nMax Muster\n15.01.2020 09:00\n\nDas sehe ich anders.\n\n"
                                  "Re: Radwege\nGerda Gans\n15.01.2020 10:00\n\nNein, Re: ist kein Titel hier.\n",
                                  ["Max Muster", "Gerda Gans"], ["2020-01-15 09:00", "2020-01-15 10:00"],
                                  ["Das sehe ich anders.", "Nein, Re: ist kein Titel hier."]),
    "reddit 'level N'": ("Comments\nlevel 1\nuser_one\n· 3 hr. ago\nFirst.\nReply\nShare\nlevel 2\nuser_two\n"
                         "· 2 hr. ago\nSecond.\nReply\nShare\n",
                         ["user_one", "user_two"], ["2020-01-15 09:00", "2020-01-15 10:00"], ["First.", "Second."]),
    "mastodon (handles)": ("Jane Doe\n@jane@mastodon.social\n3h\nFinally, bike lanes!\nBob Ray\n@bob@social.example\n"
                           "2h\n@jane not so fast.\n",
                           ["Jane Doe", "Bob Ray"], ["2020-01-15 09:00", "2020-01-15 10:00"],
                           ["Finally, bike lanes!", "@jane not so fast."]),
    "derstandard (seconds, Jänner)": ("Posting\nMax Muster\n15. Jänner 2020, 09:00:01\n\nDas sehe ich anders.\n\n"
                                      "Antworten\nGerda Gans\n15. Jänner 2020, 10:00:02\n\n@Max Muster: Nein.\n\n"
                                      "Antworten\n",
                                      ["Max Muster", "Gerda Gans"], ["2020-01-15 09:00", "2020-01-15 10:00"],
                                      ["Das sehe ich anders.", "@Max Muster: Nein."]),
    "disqus": ("12 Kommentare\nMax Muster • vor 3 Jahren\nIch finde das gut.\n2 △ ▽ • Antworten • Teilen ›\n"
               "Erika Muster • vor 2 Jahren\nIch nicht.\n△ ▽ • Antworten • Teilen ›\n",
               ["Max Muster", "Erika Muster"], ["2017-01-15 12:00", "2018-01-15 12:00"],
               ["Ich finde das gut.", "Ich nicht."]),
    "hacker news": ("Show HN: Something\npg 3 hours ago [–]\n\nNice work.\n\nreply\n\n"
                    "dang 2 hours ago | parent | next [–]\n\nThanks.\n\nreply\n",
                    ["pg", "dang"], ["2020-01-15 09:00", "2020-01-15 10:00"], ["Nice work.", "Thanks."]),
    "hacker news ('| next' alone)": ("Ask HN: Something\nalice 3 hours ago | next [–]\n\nFirst.\n\nreply\n\n"
                                    "bob 2 hours ago | next [–]\n\nSecond.\n\nreply\n",
                                    ["alice", "bob"], ["2020-01-15 09:00", "2020-01-15 10:00"], ["First.", "Second."]),
    "youtube (1.2K likes)": ("@anna_k\n3 hours ago\nGreat song!\n1.2K\nReply\n\n@ben-r\n2 hours ago (edited)\n"
                             "Still good\n45\nReply\n3 replies\n",
                             ["@anna_k", "@ben-r"], ["2020-01-15 09:00", "2020-01-15 10:00"],
                             ["Great song!", "Still good"]),
    "substack (yearless dates, 'Liked by Author')": ("Comments\n\nJane Doe\nJan 3\nGreat post!\n12\nReply\nShare\n\n"
                                                   "Bob Ray\nJan 4\nI disagree.\nLiked by Author\n3\nReply\nShare\n",
                                                   ["Jane Doe", "Bob Ray"], ["2020-01-03 00:00", "2020-01-04 00:00"],
                                                   ["Great post!", "I disagree."]),
    "old reddit": ("comments\nuser_one 12 points 3 hours ago\n\nFirst.\n\npermalinkembedsavereportreply\n"
                   "user_two 5 points 2 hr. ago\n\nSecond.\n\npermalinkembedsavereportreply\n",
                   ["user_one", "user_two"], ["2020-01-15 09:00", "2020-01-15 10:00"], ["First.", "Second."]),
    "phpbb": ("Topic\nRe: Frage\nby Hans » Tue Jan 14, 2020 1:47 pm\n\nMeine Antwort.\n\n"
              "by Grete » Tue Jan 14, 2020 2:05 pm\n\nDanke.\n",
              ["Hans", "Grete"], ["2020-01-14 13:47", "2020-01-14 14:05"], ["Meine Antwort.", "Danke."]),
    "guardian": ("Comments\nSimon_W\n14 Jan 2020 13:47\n\nGood piece.\n\nReply\nShare\nReport\nann_k\n"
                 "14 Jan 2020 14:02\n\n@Simon_W agreed.\n\nReply\nShare\n",
                 ["Simon_W", "ann_k"], ["2020-01-14 13:47", "2020-01-14 14:02"], ["Good piece.", "@Simon_W agreed."]),
    "spiegel": ("Diskussion\nFritz Meier heute, 10:15 Uhr\n\nStimmt.\n\nGerda Gans gestern, 22:01 Uhr\n\nNein.\n",
                ["Fritz Meier", "Gerda Gans"], ["2020-01-15 10:15", "2020-01-14 22:01"], ["Stimmt.", "Nein."]),
    "faz": ("Leserkommentare\nMax Muster (mmuster) - 14.01.2020 - 13:47\n\nTreffend.\n\nAntworten (2) Melden\n"
            "Eva Ernst (eernst) - 14.01.2020 - 14:00\n\nNaja.\n\nAntworten (0) Melden\n",
            ["Max Muster (mmuster)", "Eva Ernst (eernst)"], ["2020-01-14 13:47", "2020-01-14 14:00"],
            ["Treffend.", "Naja."]),
    "posted by": ("Comments\nPosted by Jane Roe on March 1, 2019 at 10:15 am\n\nGreat.\n\nReply\n"
                  "Posted by John Doe on March 1, 2019 at 11:00 am\n\nNot so great.\n\nReply\n",
                  ["Jane Roe", "John Doe"], ["2019-03-01 10:15", "2019-03-01 11:00"], ["Great.", "Not so great."]),
    "new reddit": ("Comments\nuser_one\n·\n3 hr. ago\n\nFirst.\n\nReply\nShare\nuser_two\n·\n2 hr. ago\n\nSecond.\n\n"
                   "Reply\nShare\n", ["user_one", "user_two"], ["2020-01-15 09:00", "2020-01-15 10:00"],
                   ["First.", "Second."]),
    "WordPress 'said:'": ("Responses\nAnna on March 1, 2019 at 10:15 am said:\n\nGreat.\n\nReply\n"
                          "Ben on March 1, 2019 at 11:00 am said:\n\nNot so.\n\nReply\n",
                          ["Anna", "Ben"], ["2019-03-01 10:15", "2019-03-01 11:00"], ["Great.", "Not so."]),
    "NYT (a place under the name)": ("Comments\nJane Roe\nBoston\nJan. 14, 2020\n\nGood.\n\nReply\nRecommend\n"
                                     "John Doe\nNew York\nJan. 15, 2020\n\nBad.\n\nReply\nRecommend\n",
                                     ["Jane Roe", "John Doe"], ["2020-01-14 00:00", "2020-01-15 00:00"],
                                     ["Good.", "Bad."]),
}


@pytest.mark.parametrize("site", list(MORE))
def test_more_layouts(site):
    page, authors, times, texts = MORE[site]
    d = cg.read_page(page, scraped_at="2020-01-15 12:00")
    assert d.comments["author"].tolist() == authors
    assert wall(d) == times
    assert [t.split("\n\nRe: Frage")[0] for t in d.comments["text"]] == texts   # (phpBB: the next post's title)
    assert accounted(page, d)


SAVED_HTML = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>Ein Artikel</title>
<style>.reply{color:red}</style><script>var comments = "Anna sagt: 1. März 2019 um 10:00 Uhr";</script></head>
<body><nav><a href="/">Start</a> <a href="/k">Kontakt</a></nav>
<article><h1>Ein Artikel</h1><p>Der Text des Artikels.</p></article>
<section id="comments"><h2>2 Kommentare</h2>
<ol class="comment-list">
<li class="comment"><div class="comment-author"><b>Anna</b> <span class="says">sagt:</span></div>
<div class="comment-meta"><a href="#c1">1. März 2019 um 10:00&nbsp;Uhr</a></div>
<p>Erster Absatz mit &lt;b&gt;Markup&lt;/b&gt;.</p><p>Zweiter<br>Absatz.</p>
<div class="reply"><a class="comment-reply-link" href="#">Antworten</a></div>
<ol class="children"><li class="comment"><div class="comment-author"><b>Ben</b> <span class="says">sagt:</span></div>
<div class="comment-meta"><a href="#c2">1. März 2019 um 11:30&nbsp;Uhr</a></div>
<p>@Anna Stimmt.</p><div class="reply"><a href="#">Antworten</a></div></li></ol></li>
</ol>
<div id="respond" style="display:none"><h3>Schreibe einen Kommentar</h3><form><textarea></textarea></form></div>
</section></body></html>
"""


def test_a_saved_html_page_reads_like_its_browser_copy(tmp_path):
    path = tmp_path / "artikel.html"
    path.write_text(SAVED_HTML, encoding="utf-8")
    d = cg.read_page(path)
    c = d.comments
    assert c["author"].tolist() == ["Anna", "Ben"]
    assert wall(d) == ["2019-03-01 10:00", "2019-03-01 11:30"]
    # markup written as text stays text; scripts, styles, the hidden reply form and the buttons are not in it
    assert c["text"].tolist() == ["Erster Absatz mit <b>Markup</b>.\n\nZweiter\nAbsatz.", "@Anna Stimmt."]
    assert d.replies["target_comment_id"].tolist() == [c["comment_id"].iloc[0]]
    assert d.articles["title"].iloc[0] == "Ein Artikel"   # (the menu above it is not shown)
    assert "html_rendered" in kinds(d)
    assert accounted(path, d)
    # the same page given as text, and within a folder of pages
    assert cg.read_page(SAVED_HTML).comments["text"].tolist() == c["text"].tolist()
    assert cg.read_pages(tmp_path).comments["author"].tolist() == ["Anna", "Ben"]


# Found by a review of the first version: each was read wrong or raised
REVIEWED = {
    "buttons under the time": ("Kommentare\nAnna Berg\n1. März 2019 um 10:00\nAntworten · Melden\n\nSehr gut gemacht.\n\n"
                               "Bert Kurz\n1. März 2019 um 11:00\nAntworten · Melden\n\nFinde ich nicht.\n\nCarla\n"
                               "1. März 2019 um 12:00\nAntworten · Melden\n\nDoch.\n",
                               ["Anna Berg", "Bert Kurz", "Carla"], ["Sehr gut gemacht.", "Finde ich nicht.", "Doch."]),
    "date after body, article above": ("Kuchen\nEin Rezept.\n\nanna60\n\nLecker.\n\n12.04.2020 17:02\nAntworten\n08bine\n\n"
                                       "Zu süß.\n\n11.04.2020 22:26\nAntworten\nKommentar schreiben\nIhr Name\n",
                                       ["anna60", "08bine"], ["Lecker.", "Zu süß."]),
    "old Blogger 'said...'": ("5 comments:\nAnna said...\nNice one.\nMarch 1, 2019 at 10:05 AM\nReply\nMary said...\n"
                              "I agree.\nMarch 2, 2019 at 11:00 AM\nReply\n",
                              ["Anna", "Mary"], ["Nice one.", "I agree."]),
    "YouTube (edited)": ("@jane\n2 years ago\nGreat video.\n152\nReply\n@bob\n1 year ago (edited)\nSame here.\n12\nReply\n"
                         "@carl\n3 months ago\nNope.\nReply\n",
                         ["@jane", "@bob", "@carl"], ["Great video.", "Same here.", "Nope."]),
    "German phpBB": ("Re: Thema\nBeitrag von anna » Di 1. Mär 2019, 10:00\nErster Beitrag.\nNach oben\n\n"
                     "Beitrag von bert » Di 1. Mär 2019, 11:00\nZweiter Beitrag.\nNach oben\n",
                     ["anna", "bert"], ["Erster Beitrag.", "Zweiter Beitrag."]),
    "HTML without </head>": ("<!DOCTYPE html><html><head><title>T</title><body><div>Anna</div><div>1. März 2019 um "
                             "10:00</div><p>Hallo</p><div>Antworten</div><div>Bert</div><div>1. März 2019 um 11:00</div>"
                             "<p>Na</p><div>Antworten</div>", ["Anna", "Bert"], ["Hallo", "Na"]),
    "HTML hidden <li>": ("<!DOCTYPE html><ul><li style='display:none'>x<li>Anna<li>1. März 2019 um 10:00<li>Hallo"
                         "<li>Antworten<li>Bert<li>1. März 2019 um 11:00<li>Na<li>Antworten</ul>",
                         ["Anna", "Bert"], ["Hallo", "Na"]),
}


@pytest.mark.parametrize("case", list(REVIEWED))
def test_reviewed_layouts(case):
    page, authors, texts = REVIEWED[case]
    d = cg.read_page(page, scraped_at="2020-01-14 18:00")
    assert d.comments["author"].tolist() == authors
    assert d.comments["text"].tolist() == texts
    assert accounted(page, d)


def test_disqus_reply_arrow_names_the_parent():
    page = ("Anna Lee • 2 years ago\nI disagree.\n5 △ ▽ • Reply • Share ›\nBob → Anna Lee • 2 years ago\nWhy?\n"
            "1 △ ▽ • Reply • Share ›\n")
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["Anna Lee", "Bob"]
    assert parent_of(d) == {"Bob": "Anna Lee"}


@pytest.mark.parametrize("scraped_at, want", [
    ("2019-03-31 02:30", "2019-03-31 00:00"),     # the spring gap: shifted to 03:00 CEST, minus 2 h
    ("2019-10-27 02:30", "2019-10-27 00:30"),     # the fall-back hour: its first (summer-time) occurrence
    (1579021200, "2020-01-14 14:00"),             # epoch seconds: 2020-01-14 17:00 UTC = 18:00 Berlin, minus 4 h
])
def test_scraped_at_in_daylight_saving_changes_and_as_epoch_seconds(scraped_at, want):
    page = "Anna\nvor 2 Stunden\n\nHallo\n\nAntworten\nBert\nvor 2 Stunden\n\nNa\n\nAntworten\n"
    if isinstance(scraped_at, int):
        page = page.replace("vor 2 Stunden", "vor 4 Stunden")
    assert wall(cg.read_page(page, scraped_at=scraped_at))[0] == want


def test_relative_days_without_a_time_of_day_are_nat():
    page = "Anna\ngestern\n\nHallo\n\nAntworten\nBert\nheute, 10:15\n\nNa\n\nAntworten\n"
    d = cg.read_page(page, scraped_at="2020-01-14 18:00")
    assert wall(d) == [None, "2020-01-14 10:15"]


def test_figures_of_a_page_with_relative_times_only():
    import matplotlib.pyplot as plt

    d = cg.read_page(ZEIT)
    ax = cg.plot_timeline(d)
    assert any("no comment has a readable time" in t.get_text() for t in ax.texts)
    ax = cg.plot_thread_tree(d)
    # numbers print as written (#1, not #1.0, where some comments have none)
    assert [t.get_text() for t in ax.texts if t.get_text().startswith("#")] == ["#1 Klara Korn", "#2 Lena Gleis"]
    plt.close("all")


def test_slash_dates_day_first_where_the_page_says_so():
    page = "Comments\nSimon_W\n14/01/2020 13:47\n\nGood piece.\n\nReply\nann_k\n03/02/2020 14:02\n\nAgreed.\n\nReply\n"
    d = cg.read_page(page)
    assert wall(d) == ["2020-01-14 13:47", "2020-02-03 14:02"]   # 14 cannot be a month: day first
    undecided = page.replace("14/01/2020 13:47", "01/02/2020 13:47")
    d = cg.read_page(undecided)
    assert wall(d) == ["2020-01-02 13:47", "2020-03-02 14:02"]   # nothing decides: month first, and said so
    assert "date_order" in kinds(d)


@pytest.mark.parametrize("line, n", [("24 comments:", 24), ("5 thoughts on “JSON parsing”", 5), ("Kommentare (12)", 12),
                                     ("14. Januar 2020, 9:21 Uhr 571 Kommentare", 571), ("3 Antworten zu „Titel“", 3)])
def test_declared_comment_counts(line, n):
    page = f"Titel\n{line}\nAnna\n1. März 2019 um 10:00\n\nHallo\n\nAntworten\nBert\n1. März 2019 um 11:00\n\nNa\n\nAntworten\n"
    d = cg.read_page(page)
    assert int(d.articles["declared_comments"].iloc[0]) == n
    assert d.comments["author"].tolist() == ["Anna", "Bert"]
