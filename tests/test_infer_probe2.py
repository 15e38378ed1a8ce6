"""A second probe of layouts not seen before (each page imitates the *shape* of a browser copy of the system named,
with made-up people and text, plus traps that must stay comment text): the ones that read wrong before this round
(Mastodon, X, Quora, Medium, GitHub events, Slashdot, Blogger, Facebook, Zeit, Discourse) and ones that already read
right, pinned (Disqus, WordPress, reddit, YouTube, Spiegel, Heise, the Guardian, phpBB, Hacker News, SZ, FAZ)."""

from __future__ import annotations

import commentgraph as cg
from page_checks import accounted, parent_of, wall

SCRAPED = "2019-03-05 12:00"


def read(page: str) -> cg.Discussion:
    d = cg.read_page(page, scraped_at=SCRAPED)
    assert accounted(page, d)
    return d


# Mastodon (a post's page): display name / "@user@server" / time / text / boost and favourite counters; the handle
# is part of the header (it went to the author, and the first post fell into the article); a post whose header has
# only the handle takes it for the author; a date inside a text stays text
MASTODON = """Post
Jana Lindqvist
@jana@fjord.social
Mar 1, 2019, 10:05
Anyone else think the new tram line is late?
3
12
@olli@toot.example
Mar 1, 2019, 10:30
It is late since March 1, 2019, yes.
1
Ruth Berg
@rail_fan@mastodon.example
Mar 1, 2019, 11:00
Trams!
"""


def test_mastodon_display_name_above_the_handle():
    d = read(MASTODON)
    c = d.comments
    assert c["author"].tolist() == ["Jana Lindqvist", "@olli@toot.example", "Ruth Berg"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 10:30", "2019-03-01 11:00"]
    assert c["text"].tolist() == [
        "Anyone else think the new tram line is late?",
        "It is late since March 1, 2019, yes.",
        "Trams!",
    ]
    assert c["line"].tolist() == [2, 8, 12]
    assert c["ui_text"].tolist()[:2] == ["3\n12", "1"]
    # every post with a display name
    page = MASTODON.replace("@olli@toot.example\n", "Olli P.\n@olli@toot.example\n")
    assert cg.read_page(page).comments["author"].tolist() == ["Jana Lindqvist", "Olli P.", "Ruth Berg"]


# X / Twitter, a conversation copied with each part on its own line: the main post's time follows its text
# ("10:05 AM · Mar 1, 2019" under it, then its counters); the replies have name / handle / "·" / date / text, and
# "Replying to @handle" (a reply marker naming a handle, not a name)
X_STACKED = """Post
Conversation
Greta Hansen
@gretahansen
The ferry is cancelled again.
10:05 AM · Mar 1, 2019
12 Reposts
40 Likes
Tom Berg
@tomberg
·
Mar 1
Replying to @gretahansen
Again? I took it on Mar 1 last year too.
2
5
Lina
@lina_k
·
Mar 2
Same.
"""


def test_x_main_post_time_after_its_text():
    d = read(X_STACKED)
    c = d.comments
    assert c["author"].tolist() == ["Greta Hansen", "Tom Berg", "Lina"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 00:00", "2019-03-02 00:00"]
    assert c["text"].tolist() == [
        "The ferry is cancelled again.",
        "Again? I took it on Mar 1 last year too.",
        "Same.",
    ]
    assert c["line"].tolist() == [3, 9, 17]
    assert c["ui_text"].iloc[0] == "12 Reposts\n40 Likes"
    # "Replying to @gretahansen" names a handle of the page: the post under that handle is the parent
    assert c["ui_text"].iloc[1] == "Replying to @gretahansen\n2\n5"
    assert parent_of(d) == {"Tom Berg": "Greta Hansen"}


# Quora: NAME / credential and age ("Software engineer at Foocorp · 5y") / answer / views / vote buttons: the
# credential is no name (it was taken for the author, and the next answer's name stayed in this one's text)
QUORA = """What is the best way to learn Python?
Anna Svensson
Software engineer at Foocorp · 5y
Write small programs every day.
Start with a calculator.
1.2K views
View upvotes
Upvote
12
Share
Bernd Müller
Studied Computer Science at Some University · 4y
Read other people's code. Share it.
540 views
Upvote
3
Share
Chen Li
Data scientist · 3y
Both.
Upvote
Share
"""


def test_quora_credential_line_is_no_name():
    d = read(QUORA)
    c = d.comments
    assert c["author"].tolist() == ["Anna Svensson", "Bernd Müller", "Chen Li"]
    assert c["text"].tolist() == [
        "Write small programs every day.\nStart with a calculator.",
        "Read other people's code. Share it.",
        "Both.",
    ]
    assert c["ui_text"].iloc[0] == "1.2K views\nView upvotes\nUpvote\n12\nShare"
    assert c["line"].tolist() == [2, 11, 18]
    assert c["posted_at"].notna().all()


# Medium responses: NAME / "Mar 1, 2019" / text / claps / Reply: a display name of seven words is a name
MEDIUM = """Responses (3)
Maria Josefina de la Cruz Santos Oliveira
Mar 1, 2019
Great article, thank you.
12
Reply
Ben
Mar 2, 2019
I disagree on Mar 2, 2019 data.
3
Reply
Karl
Mar 3, 2019
Fine.
Reply
"""


def test_medium_long_display_name():
    d = read(MEDIUM)
    c = d.comments
    assert c["author"].tolist() == ["Maria Josefina de la Cruz Santos Oliveira", "Ben", "Karl"]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-02 00:00", "2019-03-03 00:00"]
    assert c["text"].tolist() == ["Great article, thank you.", "I disagree on Mar 2, 2019 data.", "Fine."]
    assert "missing_author" not in d.problems["kind"].tolist()


# GitHub issue timeline: event lines between comments ("added the bug label", "closed this as completed") are no
# comment's text (they go to the comment above's ui_text); a sentence saying "it closed this" stays text
GITHUB_EVENTS = """Crash on start #123
Open
octocat opened this issue on Mar 1, 2019 · 3 comments
@octocat
octocat commented on Mar 1, 2019
The app crashes when I open it.
@hubot
hubot commented on Mar 2, 2019
Fixed in 1.2, it closed this for me.
@hubot hubot added the bug label on Mar 2, 2019
@octocat
octocat commented on Mar 3, 2019
Thanks!
@octocat octocat closed this as completed on Mar 3, 2019
"""


def test_github_event_lines_leave_the_text():
    d = read(GITHUB_EVENTS)
    c = d.comments
    assert c["author"].tolist() == ["octocat", "hubot", "octocat"]
    assert c["text"].tolist() == ["The app crashes when I open it.", "Fixed in 1.2, it closed this for me.", "Thanks!"]
    assert c["ui_text"].tolist()[1:] == [
        "@hubot hubot added the bug label on Mar 2, 2019",
        "@octocat octocat closed this as completed on Mar 3, 2019",
    ]


# Slashdot: a lone "Parent" link under a reply is a button; "parent" inside a sentence stays text
SLASHDOT = """Ask Slashdot: Trains?
by editor on Friday March 01, 2019
Comments Filter:
Trains (Score:5, Insightful)
by jdoe (12345) on Friday March 01, 2019 @10:05AM (#58123456)
I like trains.
Re: (Score:2)
by Anonymous Coward on Friday March 01, 2019 @10:20AM (#58123460)
No you don't, check the parent post.
Parent
Re:Trains (Score:3, Funny)
by bob_ray (987) on Friday March 01, 2019 @11:45AM (#58123499)
Yes he does.
Parent
"""


def test_slashdot_parent_button():
    d = read(SLASHDOT)
    c = d.comments
    assert c["author"].tolist() == ["jdoe", "Anonymous Coward", "bob_ray"]
    assert c["text"].tolist() == ["I like trains.", "No you don't, check the parent post.", "Yes he does."]
    assert c["ui_text"].iloc[2] == "Parent"


# Blogger without buttons: "NAME said..." / text / "3/1/2019 10:05 AM" (the time after the text): nothing was read
# (the known layout took "AM" for an author and dropped every header); "I said... nothing." and a date in a text stay
BLOGGER = """5 comments:
Anna K said...
Lovely photos.
3/1/2019 10:05 AM
Unknown said...
Where is this? I said... nothing.
3/1/2019 11:20 AM
Peter said...
On 3/1/2019 I was there too.
3/2/2019 9:00 PM
Post a Comment
"""


def test_blogger_said_without_buttons():
    d = read(BLOGGER)
    c = d.comments
    assert d.articles["layout"].iloc[0] == "inferred:after"
    assert c["author"].tolist() == ["Anna K", "Unknown", "Peter"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 11:20", "2019-03-02 21:00"]
    assert c["text"].tolist() == ["Lovely photos.", "Where is this? I said... nothing.", "On 3/1/2019 I was there too."]
    assert "page_tail" in d.problems["kind"].tolist()


# the Facebook comments plugin: a sort menu above the list ("Most relevant") is no author; NAME / text / "Like ·
# Reply · 2y"; button words inside a text stay text; German: "Relevanteste", "Gefällt mir · Antworten · 2 J."
FACEBOOK = """Most relevant
Anna Schmidt
Great news, I went on Like day.
Like · Reply · 2y
Peter Braun
Not for me.
Like · Reply · 1y
Kai Uwe Berger
Reply to this, Like it or not.
Like · Reply · 3w
"""
FACEBOOK_DE = """Relevanteste
Anna Schmidt
Gefällt mir sehr, Antworten gibt es keine.
Gefällt mir · Antworten · 2 J.
Peter Braun
Nein.
Gefällt mir · Antworten · 1 J.
Kai Uwe Berger
Doch.
Gefällt mir · Antworten · 3 Wo.
"""


def test_facebook_sort_menu_is_no_author():
    for page, first in (
        (FACEBOOK, "Great news, I went on Like day."),
        (FACEBOOK_DE, "Gefällt mir sehr, Antworten gibt es keine."),
    ):
        d = read(page)
        c = d.comments
        assert c["author"].tolist() == ["Anna Schmidt", "Peter Braun", "Kai Uwe Berger"]
        assert c["text"].iloc[0] == first
        assert wall(d) == ["2017-03-05 12:00", "2018-03-05 12:00", "2019-02-12 12:00"]
        assert c["line"].iloc[0] == 2


# Zeit Online: "#1 — vor 3 Stunden" / NAME / text / Antworten / Melden: the name under a numbered time (nothing was
# read); "#1 hat recht." and "Heute, 10:05 Uhr war es kalt." stay text
ZEIT = """Kommentare
#1 — vor 3 Stunden
Leserin_1
Gute Analyse, danke.
Antworten
Melden
#2 — vor 2 Stunden
Herbert K.
#1 hat recht.
Antworten
Melden
#3 — vor 1 Stunde
Nordlicht
Heute, 10:05 Uhr war es kalt.
Antworten
Melden
"""


def test_zeit_name_under_the_numbered_time():
    d = read(ZEIT)
    c = d.comments
    assert c["author"].tolist() == ["Leserin_1", "Herbert K.", "Nordlicht"]
    assert c["number"].tolist() == [1, 2, 3]
    assert wall(d) == ["2019-03-05 09:00", "2019-03-05 10:00", "2019-03-05 11:00"]
    assert c["text"].tolist() == ["Gute Analyse, danke.", "#1 hat recht.", "Heute, 10:05 Uhr war es kalt."]
    assert d.replies.empty  # ("#1" is no reference form: "@1" is)


# Discourse: name / "Mar 2019" / text / "1 Reply": a one-line text that could be a name ("Me too, since Mar
# 2019.") stays the text of the post above, not the next post's author
DISCOURSE = """Trains
general
anna
Mar 2019
I like trains.
1 Reply
bob
Mar 2019
Me too, since Mar 2019.
cat_lady
Apr 2019
ok
"""


def test_discourse_short_text_is_no_name():
    d = read(DISCOURSE)
    c = d.comments
    assert c["author"].tolist() == ["anna", "bob", "cat_lady"]
    assert c["text"].tolist() == ["I like trains.", "Me too, since Mar 2019.", "ok"]
    assert wall(d) == ["2019-03-01 00:00", "2019-03-01 00:00", "2019-04-01 00:00"]


# --- layouts that already read right, pinned -------------------------------------------------------------------

# Disqus: "NAME • 3 years ago" / text / votes / "Reply • Share ›"; a reply's header names whom it answers
# ("BobK  JaneRoe •", the arrow icon lost); "Share this" in a text stays text
DISQUS = """12 Comments
Sort by Best
JaneRoe • 3 years ago
I read this on March 1, 2019 and it still holds.
5
Reply • Share ›
BobK  JaneRoe • 3 years ago
Why would you reply to that?
Reply • Share ›
Carla M. • 2 years ago
Share this, please.
Reply • Share ›
"""


def test_disqus_bullet_headers():
    d = read(DISQUS)
    c = d.comments
    assert c["author"].tolist() == ["JaneRoe", "BobK", "Carla M."]
    assert c["text"].tolist() == [
        "I read this on March 1, 2019 and it still holds.",
        "Why would you reply to that?",
        "Share this, please.",
    ]
    assert wall(d) == ["2016-03-05 12:00", "2016-03-05 12:00", "2017-03-05 12:00"]
    assert parent_of(d) == {"BobK": "JaneRoe"}
    assert c["ui_text"].iloc[0] == "5\nReply • Share ›"


# WordPress: "NAME says:" / "March 3, 2019 at 10:05 am" / text / Reply, the comment form after the list; German
# "NAME sagt:" / "3. März 2019 um 10:05 Uhr" / Antworten; "says:" and a date inside a text stay text
WORDPRESS = """Leave a Reply
12 thoughts on “Trains”
Hans Peters says:
March 3, 2019 at 10:05 am
I like trains. Hans says: nothing.
Reply
Maria says:
March 3, 2019 at 11:15 am
Me too, since March 3, 2019 at least.
Reply
Bob says:
March 4, 2019 at 9:00 pm
Ok.
Reply
Leave a Reply Cancel reply
"""
WORDPRESS_DE = """Kommentare
Hans Peters sagt:
3. März 2019 um 10:05 Uhr
Ich sagt: nichts.
Antworten
Maria sagt:
3. März 2019 um 11:15 Uhr
Am 3. März 2019 um 11:00 Uhr war ich da.
Antworten
Bob sagt:
4. März 2019 um 21:00 Uhr
Ok.
Antworten
"""


def test_wordpress_says_headers():
    d = read(WORDPRESS)
    assert d.comments["author"].tolist() == ["Hans Peters", "Maria", "Bob"]
    assert wall(d) == ["2019-03-03 10:05", "2019-03-03 11:15", "2019-03-04 21:00"]
    texts = ["I like trains. Hans says: nothing.", "Me too, since March 3, 2019 at least.", "Ok."]
    assert d.comments["text"].tolist() == texts
    assert "page_tail" in d.problems["kind"].tolist()
    d = read(WORDPRESS_DE)
    assert d.comments["author"].tolist() == ["Hans Peters", "Maria", "Bob"]
    assert wall(d) == ["2019-03-03 10:05", "2019-03-03 11:15", "2019-03-04 21:00"]
    assert d.comments["text"].tolist() == ["Ich sagt: nichts.", "Am 3. März 2019 um 11:00 Uhr war ich da.", "Ok."]


# new reddit: "level 1" / NAME / "· 5 hr. ago" / text / votes / buttons (the level gives the parent); old reddit:
# "[–]NAME 42 points 5 hours ago" / text / "permalinkembedsavereportreply"; "Posted 3 hr. ago" and "42 points 5
# hours ago" in a text stay text
REDDIT_NEW = """r/trains
Posted by u/op_user 5 hr. ago
Trains
level 1
user_one
· 5 hr. ago
I like trains.
42
Reply
Share
level 2
Grumpy-Cat-77
· 4 hr. ago
Posted 3 hr. ago somewhere else.
12
Reply
Share
level 1
third_user
· 2 hr. ago
OK.
1
Reply
Share
"""
REDDIT_OLD = """[–]user_one 42 points 5 hours ago
I like trains.
permalinkembedsavereportreply
[–]Grumpy-Cat-77 12 points 4 hours ago
I got 42 points 5 hours ago on a quiz.
permalinkembedsaveparentreportreply
[–]third_user 1 point 2 hours ago
OK.
permalinkembedsavereportreply
"""


def test_reddit_new_and_old():
    d = read(REDDIT_NEW)
    c = d.comments
    assert c["author"].tolist() == ["user_one", "Grumpy-Cat-77", "third_user"]
    assert c["text"].tolist() == ["I like trains.", "Posted 3 hr. ago somewhere else.", "OK."]
    assert wall(d) == ["2019-03-05 07:00", "2019-03-05 08:00", "2019-03-05 10:00"]
    assert parent_of(d) == {"Grumpy-Cat-77": "user_one"}
    d = read(REDDIT_OLD)
    assert d.comments["author"].tolist() == ["user_one", "Grumpy-Cat-77", "third_user"]
    assert d.comments["text"].iloc[1] == "I got 42 points 5 hours ago on a quiz."
    assert wall(d) == ["2019-03-05 07:00", "2019-03-05 08:00", "2019-03-05 10:00"]


# YouTube: "@handle 2 years ago" / text / likes / Reply; the handle is the author (with its "@"); "2 years ago" in a
# text stays text
YOUTUBE = """Comments 3
Sort by
@trainlover 2 years ago
Who else is here in 2019?
12
Reply
@max-mustermann 1 year ago
Me, 2 years ago I was here too.
3
Reply
@Zugfahrerin 3 days ago
Schön.
Reply
"""


def test_youtube_handle_headers():
    d = read(YOUTUBE)
    c = d.comments
    assert c["author"].tolist() == ["@trainlover", "@max-mustermann", "@Zugfahrerin"]
    assert c["text"].tolist() == ["Who else is here in 2019?", "Me, 2 years ago I was here too.", "Schön."]
    assert wall(d)[2] == "2019-03-02 12:00"
    assert c["ui_text"].tolist() == ["12\nReply", "3\nReply", "Reply"]


# Spiegel forum: NAME / "vor 3 Stunden" / text / Antworten / Melden, "Zitat von NAME" quoting the comment answered
# (its parent); "Antworten" inside a sentence stays text
SPIEGEL = """Diskussion
Alle Kommentare öffnen
Fritz_Walter
vor 3 Stunden
Am 1. März 2019 war das noch anders.
Antworten
Melden
Hanna B.
vor 2 Stunden
Das sehe ich auch so. Antworten kann ich nicht.
Antworten
Melden
Zugführer
vor 1 Stunde
Zitat von Fritz_Walter
Am 1. März 2019 war das noch anders.
Nein.
Antworten
Melden
"""


def test_spiegel_quote_gives_the_parent():
    d = read(SPIEGEL)
    c = d.comments
    assert c["author"].tolist() == ["Fritz_Walter", "Hanna B.", "Zugführer"]
    assert c["text"].tolist() == [
        "Am 1. März 2019 war das noch anders.",
        "Das sehe ich auch so. Antworten kann ich nicht.",
        "Nein.",
    ]
    assert wall(d) == ["2019-03-05 09:00", "2019-03-05 10:00", "2019-03-05 11:00"]
    assert parent_of(d) == {"Zugführer": "Fritz_Walter"}
    assert c["quoted_text"].iloc[2] == "Zitat von Fritz_Walter\nAm 1. März 2019 war das noch anders."


# heise forum: "Re: TITLE" / NAME / "Heute, 10:05 Uhr" or "Gestern 22:14" / text / Antworten; "Gestern 22:14" at
# a text's start and "Zitat:" in a text stay text
HEISE = """Forum
Re: Neue Züge
Karl-Heinz
Heute, 10:05 Uhr
Die kommen nie.
Antworten
Re: Neue Züge
Trixi
Gestern 22:14
Gestern 22:14 fuhr einer.
Antworten
Neue Züge?
Ulf
01.03.2019 09:00
Zitat: was?
Antworten
"""


def test_heise_today_and_yesterday():
    d = read(HEISE)
    c = d.comments
    assert c["author"].tolist() == ["Karl-Heinz", "Trixi", "Ulf"]
    assert wall(d) == ["2019-03-05 10:05", "2019-03-04 22:14", "2019-03-01 09:00"]
    assert c["text"].tolist() == ["Die kommen nie.", "Gestern 22:14 fuhr einer.", "Zitat: was?"]


# the Guardian: NAME / (the name answered) / "3 Mar 2019 10:05" / text / Report / Share; a time line inside a text
# stays text
GUARDIAN = """Comments (4)
JaneDoe
3 Mar 2019 10:05
First.
Report
Share
BobTheBuilder
JaneDoe
3 Mar 2019 10:20
Not first, JaneDoe
3 Mar 2019 10:05 was earlier.
Report
Share
Greta
3 Mar 2019 11:00
Report it then.
Report
Share
"""


def test_guardian_reply_names_its_parent():
    d = read(GUARDIAN)
    c = d.comments
    assert c["author"].tolist() == ["JaneDoe", "BobTheBuilder", "Greta"]
    assert wall(d) == ["2019-03-03 10:05", "2019-03-03 10:20", "2019-03-03 11:00"]
    assert c["text"].tolist() == ["First.", "Not first, JaneDoe\n3 Mar 2019 10:05 was earlier.", "Report it then."]
    assert parent_of(d) == {"BobTheBuilder": "JaneDoe"}
    assert "count_mismatch" in d.problems["kind"].tolist()


# phpBB: "Re: TITLE" / "Post by NAME » Fri Mar 01, 2019 10:05 am" / text; German "Beitrag von NAME » Fr 1. Mär 2019,
# 10:05" with a "Zitat von NAME" box (the parent); "by the way »" and "von mir aus »" in a text stay text
PHPBB = """Trains
Post by admin » Fri Mar 01, 2019 10:05 am
Welcome.
Re: Trains
Post by hans » Fri Mar 01, 2019 11:00 am
by the way » I like them.
Re: Trains
Post by grete » Sat Mar 02, 2019 9:00 pm
Me too.
"""
PHPBB_DE = """Züge
Beitrag von admin » Fr 1. Mär 2019, 10:05
Willkommen.
Re: Züge
Beitrag von hans » Fr 1. Mär 2019, 11:00
Zitat von admin
Willkommen.
Danke, von mir aus » gern.
Re: Züge
Beitrag von grete » Sa 2. Mär 2019, 21:00
Ich auch.
"""


def test_phpbb_post_by_headers():
    for page, texts in (
        (PHPBB, ["Welcome.", "by the way » I like them.", "Me too."]),
        (PHPBB_DE, ["Willkommen.", "Danke, von mir aus » gern.", "Ich auch."]),
    ):
        d = read(page)
        assert d.comments["author"].tolist() == ["admin", "hans", "grete"]
        assert wall(d) == ["2019-03-01 10:05", "2019-03-01 11:00", "2019-03-02 21:00"]
        assert d.comments["text"].tolist() == texts
    assert parent_of(d) == {"hans": "admin"}


# Hacker News: "NAME 3 hours ago | parent | next [–]" / text; "Posted 2 hours ago" in a text stays text
HN = """Trains (example.com)
42 points by pg_fan 5 hours ago | hide | past | favorite | 12 comments
alice 3 hours ago | next [–]
I like trains. Posted 2 hours ago on my blog.
bob 2 hours ago | parent | next [–]
Me too.
carol 1 hour ago | parent | prev | next [–]
Why?
"""


def test_hacker_news_bar_headers():
    d = read(HN)
    c = d.comments
    assert c["author"].tolist() == ["alice", "bob", "carol"]
    assert c["text"].tolist() == ["I like trains. Posted 2 hours ago on my blog.", "Me too.", "Why?"]
    assert wall(d) == ["2019-03-05 09:00", "2019-03-05 10:00", "2019-03-05 11:00"]


# Süddeutsche: NAME / "1. März 2019 | 10:05 Uhr" / text / Antworten / Melden; FAZ: NAME / "01.03.2019 -
# 10:05" / text / "Antworten (1)" / Melden, a poem with a name-like line in it that stays text
SZ = """Diskussion
Kommentare (3)
Gerd Maier
1. März 2019 | 10:05 Uhr
Das war am 1. März 2019 | 09:00 Uhr schon klar.
Antworten
Melden
Sabine
1. März 2019 | 11:00 Uhr
Ja.
Antworten
Melden
Theo
1. März 2019 | 12:30 Uhr
Nein.
Antworten
Melden
"""
FAZ = """Lesermeinungen
Gerd Müller
01.03.2019 - 10:05
Ein Gedicht:
Gerd Müller
ging nach Hause.
Antworten (1)
Melden
Sabine Schmidt
01.03.2019 - 11:00
Schön.
Antworten (0)
Melden
Theo Thor
01.03.2019 - 12:30
Gut.
Antworten (0)
Melden
"""


def test_sz_and_faz_forums():
    d = read(SZ)
    assert d.comments["author"].tolist() == ["Gerd Maier", "Sabine", "Theo"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 11:00", "2019-03-01 12:30"]
    assert d.comments["text"].iloc[0] == "Das war am 1. März 2019 | 09:00 Uhr schon klar."
    d = read(FAZ)
    assert d.comments["author"].tolist() == ["Gerd Müller", "Sabine Schmidt", "Theo Thor"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 11:00", "2019-03-01 12:30"]
    assert d.comments["text"].tolist() == ["Ein Gedicht:\nGerd Müller\nging nach Hause.", "Schön.", "Gut."]
    assert d.comments["ui_text"].iloc[0] == "Antworten (1)\nMelden"


# --- a second batch ------------------------------------------------------------------------------------------

# LinkedIn: "NAME • 2nd" / headline / "2d" / text / Like / Reply: the contact's degree is no part of the name (it
# was), the headline under it no author; "the 2d printer" in a text stays text
LINKEDIN = """Comments
Anna Svensson • 2nd
Software Engineer at Foocorp
2d
Great post, congrats on the 2d printer!
Like
Reply
3 Reactions
Bernd Müller • 3rd+
Head of Data at Some Bank
1w
Agreed.
Like
Reply
Chen Li • 1st
Student
5h
Thanks.
Like
Reply
"""


def test_linkedin_degree_after_the_name():
    d = read(LINKEDIN)
    c = d.comments
    assert c["author"].tolist() == ["Anna Svensson", "Bernd Müller", "Chen Li"]
    assert c["text"].tolist() == ["Great post, congrats on the 2d printer!", "Agreed.", "Thanks."]
    assert wall(d) == ["2019-03-03 12:00", "2019-02-26 12:00", "2019-03-05 07:00"]
    assert c["ui_text"].iloc[0] == "Like\nReply\n3 Reactions"


# stern.de: "#3 Gerd_B | vor 3 Stunden" / text / Antworten, newest first: the number before the name is the
# comment's (it was part of the author); a header-like phrase inside a sentence stays text
STERN = """Kommentare (3)
#3 Gerd_B | vor 3 Stunden
Ich finde, #2 Uli | vor 2 Stunden hat recht.
Antworten
#2 Uli | vor 4 Stunden
Nein.
Antworten
#1 Hanna | vor 5 Stunden
Erster!
Antworten
"""


def test_stern_number_before_the_name():
    d = read(STERN)
    c = d.comments
    assert c["author"].tolist() == ["Gerd_B", "Uli", "Hanna"]
    assert c["number"].tolist() == [3, 2, 1]
    assert wall(d) == ["2019-03-05 09:00", "2019-03-05 08:00", "2019-03-05 07:00"]
    assert c["text"].tolist() == ["Ich finde, #2 Uli | vor 2 Stunden hat recht.", "Nein.", "Erster!"]


# Lobsters: "NAME 3 hours ago | link | flag | reply" / text; tagesschau.de: "Kommentar von NAME, 01.03.2019 • 10:05
# Uhr" / text; Disqus in German ("vor 3 Jahren", "△ ▽ • Antworten • Teilen ›"); Welt: NAME / "vor 2 Stunden" / text
# / likes / Antworten / Melden. Traps: "| link" and "Kommentar von mir:" in texts, "Zitat" in a text, a button
# line's words opening a sentence
LOBSTERS = """Trains (example.com)
alice 3 hours ago | link | flag | reply
I like trains. I wrote it 2 hours ago | link below.
bob 2 hours ago | link | flag | reply
Me too.
carol 1 hour ago | link | flag | reply
Why?
"""
TAGESSCHAU = """Kommentare
Kommentar von Meinungsfreund, 01.03.2019 • 10:05 Uhr
Sehr guter Bericht.
Kommentar von Gast2019, 01.03.2019 • 10:30 Uhr
Kommentar von mir: danke.
Kommentar von Hein Blöd, 01.03.2019 • 11:00 Uhr
Gut.
"""
DISQUS_DE = """3 Kommentare
Sortieren nach Beste
Kalle • vor 3 Jahren
Zitat ist hier nur ein Wort.
2 △ ▽ • Antworten • Teilen ›
Erna  Kalle • vor 2 Jahren
Antworten • Teilen ist mir egal.
△ ▽ • Antworten • Teilen ›
Ole • vor einem Jahr
Gut.
△ ▽ • Antworten • Teilen ›
"""
WELT = """Kommentare
Gerd M.
vor 2 Stunden
Das stimmt so nicht.
12
Antworten
Melden
Sabine K.
vor 1 Stunde
Doch, Gerd M.
3
Antworten
Melden
Uwe
vor 30 Minuten
Zitat: "Das stimmt so nicht." Warum?
Antworten
Melden
"""


def test_more_headers_that_read_right():
    d = read(LOBSTERS)
    assert d.comments["author"].tolist() == ["alice", "bob", "carol"]
    assert d.comments["text"].iloc[0] == "I like trains. I wrote it 2 hours ago | link below."
    assert wall(d) == ["2019-03-05 09:00", "2019-03-05 10:00", "2019-03-05 11:00"]
    d = read(TAGESSCHAU)
    assert d.comments["author"].tolist() == ["Meinungsfreund", "Gast2019", "Hein Blöd"]
    assert d.comments["text"].tolist() == ["Sehr guter Bericht.", "Kommentar von mir: danke.", "Gut."]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 10:30", "2019-03-01 11:00"]
    d = read(DISQUS_DE)
    assert d.comments["author"].tolist() == ["Kalle", "Erna", "Ole"]
    assert d.comments["text"].tolist() == ["Zitat ist hier nur ein Wort.", "Antworten • Teilen ist mir egal.", "Gut."]
    assert parent_of(d) == {"Erna": "Kalle"}
    assert wall(d) == ["2016-03-05 12:00", "2017-03-05 12:00", "2018-03-05 12:00"]
    d = read(WELT)
    assert d.comments["author"].tolist() == ["Gerd M.", "Sabine K.", "Uwe"]
    texts = ["Das stimmt so nicht.", "Doch, Gerd M.", 'Zitat: "Das stimmt so nicht." Warum?']
    assert d.comments["text"].tolist() == texts
    assert d.comments["ui_text"].tolist() == ["12\nAntworten\nMelden", "3\nAntworten\nMelden", "Antworten\nMelden"]
    assert wall(d) == ["2019-03-05 10:00", "2019-03-05 11:00", "2019-03-05 11:30"]


# reply counters and load-more links between comments (YouTube "2 replies" / "Show more replies", Facebook "View 3
# more replies" and badges above names, Instagram "View replies (2)", Disqus "Load more comments") are buttons; the
# same words inside a sentence stay text
YOUTUBE_REPLIES = """Comments 5
@trainlover 2 years ago
Who else is here in 2019?
12
Reply
2 replies
@max-mustermann 1 year ago
@trainlover me
3
Reply
@Zugfahrerin 3 days ago (edited)
Schön. Reply to all: 2 replies is not much.
Reply
Show more replies
"""
FACEBOOK_BADGES = """All comments
Top fan
Anna Schmidt
Great news.
Like · Reply · 2y · Edited
Author
Zugblog
Thanks Anna!
Like · Reply · 2y
View 3 more replies
Peter Braun
Top fan of nothing, me.
Like · Reply · 1y
"""
INSTAGRAM = """View all 3 comments
anna.k
Lovely trains 🚂
3w
12 likes
Reply
View replies (2)
bob_rail
@anna.k thanks, 3w ago I was there.
2w
1 like
Reply
carla
😍
1d
Reply
"""
DISQUS_MORE = """3 Comments
JaneRoe • 3 years ago
I read this on March 1, 2019.
Reply • Share ›
Show more replies
BobK • 2 years ago
Load more comments, they said.
Reply • Share ›
Carla M. • 2 years ago
Fine.
Reply • Share ›
Load more comments
"""


def test_reply_counters_and_load_more_links():
    d = read(YOUTUBE_REPLIES)
    c = d.comments
    assert c["author"].tolist() == ["@trainlover", "@max-mustermann", "@Zugfahrerin"]
    texts = ["Who else is here in 2019?", "@trainlover me", "Schön. Reply to all: 2 replies is not much."]
    assert c["text"].tolist() == texts
    assert c["ui_text"].tolist() == ["12\nReply\n2 replies", "3\nReply", "Reply\nShow more replies"]
    assert d.replies["target_comment_id"].tolist() == [c["comment_id"].iloc[0]]
    d = read(FACEBOOK_BADGES)
    c = d.comments
    assert c["author"].tolist() == ["Anna Schmidt", "Zugblog", "Peter Braun"]
    assert c["text"].tolist() == ["Great news.", "Thanks Anna!", "Top fan of nothing, me."]
    assert c["line"].tolist() == [2, 6, 11]  # (the badge above a name heads its comment)
    assert c["ui_text"].iloc[1] == "Like · Reply\nView 3 more replies"
    d = read(INSTAGRAM)
    c = d.comments
    assert c["author"].tolist() == ["anna.k", "bob_rail", "carla"]
    assert c["text"].tolist() == ["Lovely trains 🚂", "@anna.k thanks, 3w ago I was there.", "😍"]
    assert wall(d) == ["2019-02-12 12:00", "2019-02-19 12:00", "2019-03-04 12:00"]
    d = read(DISQUS_MORE)
    c = d.comments
    assert c["author"].tolist() == ["JaneRoe", "BobK", "Carla M."]
    assert c["text"].tolist() == ["I read this on March 1, 2019.", "Load more comments, they said.", "Fine."]
    assert c["ui_text"].iloc[2] == "Reply • Share ›\nLoad more comments"


# Tagesspiegel: "NAME 01.03.2019, 10:05 Uhr" / text / Antworten / Melden, a reply marker that repeats the parent's
# time ("Antwort auf NAME vom 01.03.2019, 10:05 Uhr"): it was read as a header of its own (author "Antwort auf
# Lokalpatriot vom") and the buttons stayed text; a date inside a sentence stays text
TAGESSPIEGEL = """Kommentare
Lokalpatriot 01.03.2019, 10:05 Uhr
Die Bahn kommt, am 01.03.2019, 10:05 Uhr sogar pünktlich.
Antworten
Melden
gerdB 01.03.2019, 10:30 Uhr
Antwort auf Lokalpatriot vom 01.03.2019, 10:05 Uhr
Glück gehabt.
Antworten
Melden
Nordlicht 01.03.2019, 11:00 Uhr
Gut.
Antworten
Melden
"""


def test_tagesspiegel_reply_marker_with_the_parents_time():
    d = read(TAGESSPIEGEL)
    c = d.comments
    assert c["author"].tolist() == ["Lokalpatriot", "gerdB", "Nordlicht"]
    assert wall(d) == ["2019-03-01 10:05", "2019-03-01 10:30", "2019-03-01 11:00"]
    assert c["text"].tolist() == ["Die Bahn kommt, am 01.03.2019, 10:05 Uhr sogar pünktlich.", "Glück gehabt.", "Gut."]
    assert parent_of(d) == {"gerdB": "Lokalpatriot"}
    assert c["ui_text"].iloc[1] == "Antwort auf Lokalpatriot vom 01.03.2019, 10:05 Uhr\nAntworten\nMelden"


# Spiegel's old forum: "2. TITLE" / "NAME heute, 10:30 Uhr" / text: the numbered title heads its post and gives its
# number (it stayed in the text above); a poem line that is the author's name and "Gestern, 22:14 Uhr" opening a
# text stay text; "Zitat von NAME" gives the parent
SPIEGEL_OLD = """Forum
1. Ein Gedicht
Wanderer_42 heute, 10:05 Uhr
Ich ging im Walde
so für mich hin,
Wanderer_42
und nichts zu suchen.
2. Schön
Leserin heute, 10:30 Uhr
Zitat von Wanderer_42
Ich ging im Walde
Schön.
3.
Kritiker gestern, 22:14 Uhr
Gestern, 22:14 Uhr war das noch anders.
"""


def test_spiegel_old_forum_numbered_titles():
    d = read(SPIEGEL_OLD)
    c = d.comments
    assert c["author"].tolist() == ["Wanderer_42", "Leserin", "Kritiker"]
    assert c["number"].tolist() == [1, 2, 3]
    assert c["line"].tolist() == [2, 8, 13]
    assert wall(d) == ["2019-03-05 10:05", "2019-03-05 10:30", "2019-03-04 22:14"]
    assert c["text"].tolist() == [
        "Ich ging im Walde\nso für mich hin,\nWanderer_42\nund nichts zu suchen.",
        "Schön.",
        "Gestern, 22:14 Uhr war das noch anders.",
    ]
    assert parent_of(d) == {"Leserin": "Wanderer_42"}
