"""Layout inference on short pages in the layouts of common comment systems (Disqus, WordPress themes, the
Guardian, Reddit, YouTube, the Facebook comments plugin, Heise, German news sites, a French blog).

Each page imitates the *shape* of a browser copy (Ctrl+A, Ctrl+C) of the system named, with made-up
people and text, plus traps that must stay comment text (a date inside a sentence, ``Reply`` inside a body,
an author-like line in a poem).
"""

from __future__ import annotations

import pandas as pd
import pytest

import commentgraph as cg
from page_checks import accounted, parent_of, wall


# a French WordPress blog: "NAME dit :" / "12 mars 2021 à 14:05" / text / "Répondre", then the comment form
FRENCH = """Le train de nuit revient
Publié le 10 mars 2021 par Marie
Le texte de l'article.

4 réponses à “Le train de nuit revient”
Jean Dupont dit :
12 mars 2021 à 14:05

Très bon article. Le 11 mars 2021 à 10:00 j'étais à Paris.

Répondre
Marie-Claire L'Hôte dit :
12 mars 2021 à 15:30

Merci Jean ! Répondre ici ne sert à rien.

Répondre
Zoë_75 dit :
13 mars 2021 à 9:02

Un poème :
François dit :
les trains partent.

Répondre
François dit :
1 avril 2021 à 18:45

D’accord.

Répondre
Laisser un commentaire Annuler la réponse
Votre adresse e-mail ne sera pas publiée.
"""


def test_french_wordpress_dates_and_buttons():
    d = cg.read_page(FRENCH)
    c = d.comments
    assert c["author"].tolist() == ["Jean Dupont", "Marie-Claire L'Hôte", "Zoë_75", "François"]
    assert wall(d) == ["2021-03-12 14:05", "2021-03-12 15:30", "2021-03-13 09:02", "2021-04-01 18:45"]
    assert c["text"].tolist() == [
        "Très bon article. Le 11 mars 2021 à 10:00 j'étais à Paris.",
        "Merci Jean ! Répondre ici ne sert à rien.",
        "Un poème :\nFrançois dit :\nles trains partent.",
        "D’accord.",
    ]
    assert c["ui_text"].tolist() == ["Répondre"] * 4
    assert "page_tail" in d.problems["kind"].tolist()
    assert accounted(FRENCH, d)


# a French news site's comments: name / "il y a 3 heures" / text / "Répondre" "Signaler" "J'aime 4"
FRENCH_RELATIVE = """Commentaires
Jean Dupont
il y a 3 heures
Très bon article, il y a 3 heures que je le lis.
Répondre
Signaler
J'aime 4
Zoë_75
il y a une heure
Merci !
Répondre
Signaler
J'aime
François
à l'instant
D’accord.
Répondre
Signaler
J'aime 1
"""


def test_french_relative_times():
    d = cg.read_page(FRENCH_RELATIVE, scraped_at="2024-05-10 12:00")
    assert d.comments["author"].tolist() == ["Jean Dupont", "Zoë_75", "François"]
    assert wall(d) == ["2024-05-10 09:00", "2024-05-10 11:00", "2024-05-10 12:00"]
    assert d.comments["text"].tolist() == ["Très bon article, il y a 3 heures que je le lis.", "Merci !", "D’accord."]
    assert accounted(FRENCH_RELATIVE, d)


# WordPress default themes (Twenty Twenty-One): "NAME says:" / "March 3, 2021 at 4:12 pm" / text / "Reply",
# then "Leave a Reply Cancel reply" and the comment form; a comment of emoji only
WORDPRESS = """Hello world
Posted on March 2, 2021 by admin
Welcome to WordPress.

3 thoughts on “Hello world”
Jane Doe says:
March 3, 2021 at 4:12 pm

Great post! I read it on March 2, 2021 at 9:00 am already. Reply soon.

Reply
Dr. Müller-Lüdenscheidt says:
March 4, 2021 at 8:05 am

A poem:
Roses are red
Jane Doe says:
violets are blue

Reply
user2021 says:
March 5, 2021 at 11:59 pm

🙂 👍

Reply
Leave a Reply Cancel reply
Your email address will not be published. Required fields are marked *

Comment *

Name *
"""


def test_wordpress_emoji_comment_and_the_comment_form():
    d = cg.read_page(WORDPRESS)
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Dr. Müller-Lüdenscheidt", "user2021"]
    assert wall(d) == ["2021-03-03 16:12", "2021-03-04 08:05", "2021-03-05 23:59"]
    assert c["text"].tolist() == [
        "Great post! I read it on March 2, 2021 at 9:00 am already. Reply soon.",
        "A poem:\nRoses are red\nJane Doe says:\nviolets are blue",
        "🙂 👍",
    ]
    assert "page_tail" in d.problems["kind"].tolist()
    assert accounted(WORDPRESS, d)


# Disqus (the older embed): "NAME • 3 years ago"; a reply names whom it answers after its author, with an
# arrow icon that the copy turns into two spaces ("MaryJ  JohnSmith • 3 years ago"); vote arrows and buttons
DISQUS_OLD = """7 Comments
Sort by Best
JohnSmith • 3 years ago
This is a great article. I have been saying this since 2015.
14 △ ▽ • Reply • Share ›
MaryJ  JohnSmith • 3 years ago
I disagree. Reply to me if you want, but trains are slow.
3 △ ▽ • Reply • Share ›
JohnSmith  MaryJ • 3 years ago
They are not. See the report of March 3, 2021 at 10:00.
2 △ ▽ • Reply • Share ›
Élodie_92 • 3 years ago • edited
Très bien écrit! 🚆
△ ▽ • Reply • Share ›
O'Brien, Pat • 2 years ago
Nobody asked me.
1 △ ▽ • Reply • Share ›
Guest  Élodie_92 • 2 years ago
Merci for this.
△ ▽ • Reply • Share ›
"""

# Disqus (the current embed): avatar letter / author / the name it answers / "3 years ago" / text / votes
DISQUS_NEW = """7 Comments
Login
Join the discussion…
Share
Best
Newest
Oldest
J
JohnSmith
3 years ago

This is a great article. I have been saying this since 2015.

14
Reply
Share ›
M
MaryJ
JohnSmith
3 years ago

I disagree. Reply to me if you want, but trains are slow.

3
Reply
Share ›
J
JohnSmith
MaryJ
3 years ago

A poem:
MaryJ
is never right.

2
Reply
Share ›
А
Алексей Петров
a year ago

Хорошая статья.

5
Reply
Share ›
Load more comments
"""


def test_disqus_reply_names_after_the_author():
    d = cg.read_page(DISQUS_OLD, scraped_at="2024-05-10 12:00")
    c = d.comments
    assert c["author"].tolist() == ["JohnSmith", "MaryJ", "JohnSmith", "Élodie_92", "O'Brien, Pat", "Guest"]
    assert wall(d)[0] == "2021-05-11 12:00"
    assert c["text"].iloc[1] == "I disagree. Reply to me if you want, but trains are slow."
    edges = [
        (c.set_index("comment_id").loc[s, "author"], t)
        for s, t in zip(d.replies["source_comment_id"], d.replies["target_author"])
    ]
    assert edges == [("MaryJ", "JohnSmith"), ("JohnSmith", "MaryJ"), ("Guest", "Élodie_92")]
    assert pd.isna(c["parent_id"].iloc[0]) and c["parent_id"].tolist()[1:3] == c["comment_id"].tolist()[:2]
    assert c["parent_id"].iloc[5] == c["comment_id"].iloc[3]
    assert accounted(DISQUS_OLD, d)


def test_disqus_new_reply_name_on_its_own_line():
    d = cg.read_page(DISQUS_NEW, scraped_at="2024-05-10 12:00")
    c = d.comments
    assert c["author"].tolist() == ["JohnSmith", "MaryJ", "JohnSmith", "Алексей Петров"]
    assert c["text"].tolist() == [
        "This is a great article. I have been saying this since 2015.",
        "I disagree. Reply to me if you want, but trains are slow.",
        "A poem:\nMaryJ\nis never right.",
        "Хорошая статья.",
    ]
    assert pd.isna(c["parent_id"].iloc[0]) and c["parent_id"].tolist()[1:3] == c["comment_id"].tolist()[:2]
    assert pd.isna(c["parent_id"].iloc[3])
    assert accounted(DISQUS_NEW, d)


# the Guardian: sort and display settings above the first comment; author / the name it answers / time;
# badges ("Staff", "Picks") above a name; "Recommend" and its count, buttons
GUARDIAN = """Comments (12)
Sort by
Newest
Display threads
Collapsed
Simon_W
14 Jan 2020 13:47

Good piece. Reply to this if you disagree.

Recommend
123
Reply
Share
Report
ann_k
Simon_W
14 Jan 2020 14:02

@Simon_W agreed, mostly.

Recommend
12
Reply
Share
Report
Staff
GuardianStaffer
14 Jan 2020 14:10

Thanks for reading.

Recommend
40
Reply
Share
Report
Picks
Mr. T. O'Neill
14 Jan 2020 15:00

I read this on 13 Jan 2020 already.

Recommend
3
Reply
Share
Report
"""


def test_guardian_badges_and_reply_names():
    d = cg.read_page(GUARDIAN)
    c = d.comments
    assert c["author"].tolist() == ["Simon_W", "ann_k", "GuardianStaffer", "Mr. T. O'Neill"]
    assert wall(d) == ["2020-01-14 13:47", "2020-01-14 14:02", "2020-01-14 14:10", "2020-01-14 15:00"]
    assert c["text"].iloc[3] == "I read this on 13 Jan 2020 already."
    assert parent_of(d) == {"ann_k": "Simon_W"}
    assert accounted(GUARDIAN, d)


# heise forum: post title / author / time; replies' titles start "Re:", a new thread's title does not
HEISE = """Forum zum Artikel: Neue Radwege
Re: Radwege sind toll
Max Muster
15.01.2020 09:00

Das sehe ich anders. Am 14.01.2020 09:00 war alles voll.

Beitrag melden
Zitieren
+12
Re: Radwege sind toll
gerda_g
15.01.2020 10:00

Nein, Re: ist kein Titel hier.

Beitrag melden
Zitieren
-3
Radfahrer sind auch Menschen
Dr. Ö. Zweirad
15.01.2020 10:45

Genau.

Beitrag melden
Zitieren
0
"""


def test_heise_a_new_threads_title_above_its_author():
    d = cg.read_page(HEISE)
    c = d.comments
    assert c["author"].tolist() == ["Max Muster", "gerda_g", "Dr. Ö. Zweirad"]
    assert c["text"].tolist() == [
        "Das sehe ich anders. Am 14.01.2020 09:00 war alles voll.",
        "Nein, Re: ist kein Titel hier.",
        "Genau.",
    ]
    assert c["line"].tolist() == [2, 11, 20]
    assert accounted(HEISE, d)


# old reddit: "[–]NAME 12 points 3 hours ago", a flair after a name, "[S]" after the poster's name, "*" after an edited time, the
# glued button bar
REDDIT_OLD = """all 4 comments
sorted by: best
[–]user_one 12 points 3 hours ago
First. Trains in 2019 were faster, 3 hours ago I checked.
permalinkembedsavereportgive awardreply
[–]user_two Germany 5 points 2 hours ago*
Second. Reply to this.
permalinkembedsaveparentreportgive awardreply
[–]throwaway_42[S] 1 point 1 hour ago
OP here, thanks.
permalinkembedsavereportgive awardreply
[–]Ünal_Ö 2 points 40 minutes ago
Merhaba.
permalinkembedsavereportgive awardreply
"""

# new reddit: name / "•" / "3h ago" / "•" / "Edited 1h ago"; "OP" under the poster's name; votes and buttons
REDDIT_NEW = """Sort by:
Best

user_one
•
3h ago

First. Edited 2 times, 3h ago.

Upvote
12
Downvote
Reply
Award
Share

user_two
•
2h ago
•
Edited 1h ago

Second. Reply to this.

Upvote
5
Downvote
Reply
Award
Share

throwaway_42
OP
•
1h ago

OP here, thanks.

Upvote
1
Downvote
Reply
Award
Share

1 more reply
"""


def test_reddit_old_and_new():
    d = cg.read_page(REDDIT_OLD, scraped_at="2024-05-10 12:00")
    assert d.comments["author"].tolist() == ["user_one", "user_two", "throwaway_42", "Ünal_Ö"]
    assert wall(d) == ["2024-05-10 09:00", "2024-05-10 10:00", "2024-05-10 11:00", "2024-05-10 11:20"]
    assert d.comments["text"].iloc[0] == "First. Trains in 2019 were faster, 3 hours ago I checked."
    assert accounted(REDDIT_OLD, d)
    d = cg.read_page(REDDIT_NEW, scraped_at="2024-05-10 12:00")
    assert d.comments["author"].tolist() == ["user_one", "user_two", "throwaway_42"]
    assert wall(d) == ["2024-05-10 09:00", "2024-05-10 10:00", "2024-05-10 11:00"]
    assert d.comments["text"].tolist() == [
        "First. Edited 2 times, 3h ago.",
        "Second. Reply to this.",
        "OP here, thanks.",
    ]
    assert "Edited 1h ago" in d.comments["ui_text"].iloc[1]
    assert accounted(REDDIT_NEW, d)


# WordPress (Twenty Nineteen): an avatar's alt text above each name (as some browsers copy it), "Edit", "In reply
# to NAME.", "Your comment is awaiting moderation."
WORDPRESS_2019 = """3 Replies to “Hello world”
Avatar photo
Jane Doe
March 3, 2021 at 4:12 pm

Great post! In reply to your question: yes.

Reply
Avatar photo
John O'Brien
March 3, 2021 at 5:01 pm
Edit

In reply to Jane Doe.

Thanks Jane.

Reply
Profilbild von José Álvarez
José Álvarez
March 4, 2021 at 8:05 am

Your comment is awaiting moderation.

¡Hola! Antwort auf deine Frage: nein.

Reply
Leave a Reply Cancel reply
"""


def test_wordpress_avatar_alt_text_and_in_reply_to_name():
    d = cg.read_page(WORDPRESS_2019)
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "John O'Brien", "José Álvarez"]
    assert c["text"].tolist() == [
        "Great post! In reply to your question: yes.",
        "Thanks Jane.",
        "¡Hola! Antwort auf deine Frage: nein.",
    ]
    assert parent_of(d) == {"John O'Brien": "Jane Doe"}
    assert accounted(WORDPRESS_2019, d)


# German news comments: "Antwort auf NAME" under a reply's time; a line that only starts like one stays text
SPIEGEL = """Diskussion (3 Beiträge)
Fritz Meier
heute, 10:15 Uhr

Stimmt.

Melden
Antworten
Gerda Gans
heute, 11:02 Uhr
Antwort auf Fritz Meier

Nein, gestern, 22:01 Uhr war das anders.
Antwort auf die Frage: nein.

Melden
Antworten
"""


def test_german_reply_marker_with_a_name_alone():
    d = cg.read_page(SPIEGEL, scraped_at="2024-05-10 12:00")
    c = d.comments
    assert c["author"].tolist() == ["Fritz Meier", "Gerda Gans"]
    assert wall(d) == ["2024-05-10 10:15", "2024-05-10 11:02"]
    assert c["text"].iloc[1] == "Nein, gestern, 22:01 Uhr war das anders.\nAntwort auf die Frage: nein."
    assert parent_of(d) == {"Gerda Gans": "Fritz Meier"}
    assert accounted(SPIEGEL, d)


# heise forum quotes: "NAME schrieb am DATE:" and mail-style "> " lines: the comment of NAME holding them is
# the parent; the quote is quoted_text
HEISE_QUOTES = """Re: Radwege sind toll
Max Muster
15.01.2020 09:00

Das sehe ich anders.

Beitrag melden
Zitieren
Re: Radwege sind toll
gerda_g
15.01.2020 10:00

Max Muster schrieb am 15.01.2020 09:00:
> Das sehe ich anders.

Nein. Er schrieb am Ende: nichts.

Beitrag melden
Zitieren
"""


def test_heise_mail_style_quotes_give_the_parent():
    d = cg.read_page(HEISE_QUOTES)
    c = d.comments
    assert c["author"].tolist() == ["Max Muster", "gerda_g"]
    assert c["text"].tolist() == ["Das sehe ich anders.", "Nein. Er schrieb am Ende: nichts."]
    assert c["quoted_text"].iloc[1] == "Max Muster schrieb am 15.01.2020 09:00:\n> Das sehe ich anders."
    assert parent_of(d) == {"gerda_g": "Max Muster"}
    assert accounted(HEISE_QUOTES, d)


# the Facebook comments plugin: "Top fan" and "Author" badges and "Works at ..." under a name, "Message" among the
# buttons
FACEBOOK = """3 comments
Sort by
Newest
Add a comment...
John Smith
Top fan
This is great. Like it or not.
Works at the station, I think so
Like · Reply · Message · 3y
Maria García
Author
Agreed!
Like · Reply · 1 · 2y
View 2 more replies
Peter O'Neill
Works at ACME Corp
I read it on March 3, 2021 too.
Like · Reply · 2y · Edited
Facebook Comments Plugin
"""


def test_facebook_plugin_badges_and_message_button():
    d = cg.read_page(FACEBOOK, scraped_at="2024-05-10 12:00")
    c = d.comments
    assert c["author"].tolist() == ["John Smith", "Maria García", "Peter O'Neill"]
    assert c["text"].tolist() == [
        "This is great. Like it or not.\nWorks at the station, I think so",
        "Agreed!",
        "I read it on March 3, 2021 too.",
    ]
    assert wall(d) == ["2021-05-11 12:00", "2022-05-11 12:00", "2022-05-11 12:00"]
    assert accounted(FACEBOOK, d)


# a French news site: day-first slash dates and "14h05"; a time in a sentence stays text
LE_MONDE = """Les commentaires
Jean Dupont
12/03/2021 à 14h05
Très bon article, lu à 13h30.
Répondre
Zoë_75
12/03/2021 à 15h30
Merci !
Répondre
François L.
13/03/2021 à 09h02
D’accord.
Répondre
"""


def test_french_hours_written_with_h():
    d = cg.read_page(LE_MONDE)
    assert d.comments["author"].tolist() == ["Jean Dupont", "Zoë_75", "François L."]
    assert wall(d) == ["2021-03-12 14:05", "2021-03-12 15:30", "2021-03-13 09:02"]
    assert d.comments["text"].iloc[0] == "Très bon article, lu à 13h30."
    assert accounted(LE_MONDE, d)


# Instagram: name / text / compact age / likes / "Reply": the text stands between the name and the time
INSTAGRAM = """user_one
Great photo! 😍
3w
12 likes
Reply
user.two
@user_one agreed
2w
Reply
jean_d
Magnifique
5d
1 like
Reply
"""


def test_instagram_text_between_name_and_age():
    d = cg.read_page(INSTAGRAM, scraped_at="2024-05-10 12:00")
    assert d.comments["author"].tolist() == ["user_one", "user.two", "jean_d"]
    assert d.comments["text"].tolist() == ["Great photo! 😍", "@user_one agreed", "Magnifique"]
    assert wall(d) == ["2024-04-19 12:00", "2024-04-26 12:00", "2024-05-05 12:00"]
    assert accounted(INSTAGRAM, d)


# Blogger in German: "NAME hat gesagt…" / text / time / "Löschen" "Antworten"; a sentence with "hat gesagt" stays
BLOGGER_DE = """5 Kommentare:
Anonym hat gesagt…
Schöner Beitrag! Am 2. März 2021 war ich auch dort.
3. März 2021 um 16:12
Löschen
Antworten
Antworten
Maria K. hat gesagt…
Meine Oma hat gesagt…
dass das stimmt.
3. März 2021 um 17:01
Löschen
Antworten
Antworten
Jürgen_1960 hat gesagt…
@Maria K. Gerne!
4. März 2021 um 08:05
Löschen
Antworten
Antworten
Kommentar hinzufügen
"""


def test_blogger_german_hat_gesagt():
    d = cg.read_page(BLOGGER_DE)
    c = d.comments
    assert c["author"].tolist() == ["Anonym", "Maria K.", "Jürgen_1960"]
    assert c["text"].tolist() == [
        "Schöner Beitrag! Am 2. März 2021 war ich auch dort.",
        "Meine Oma hat gesagt…\ndass das stimmt.",
        "@Maria K. Gerne!",
    ]
    assert wall(d) == ["2021-03-03 16:12", "2021-03-03 17:01", "2021-03-04 08:05"]
    assert accounted(BLOGGER_DE, d)


# WordPress in German: "NAME sagt:" and the form after the last comment ("Schreibe einen Kommentar Antworten
# abbrechen"); WoltLab forum: rank, "Reaktionen" and "Beiträge" with their counts above the date
WORDPRESS_DE = """3 Gedanken zu „Radwege“
Hans Müller sagt:
3. März 2021 um 16:12 Uhr

Toller Artikel. Am 2. März 2021 um 10:00 Uhr war ich dort.

Antworten
Ö. Zweirad sagt:
4. März 2021 um 08:05 Uhr

Ja.

Antworten
Schreibe einen Kommentar Antworten abbrechen
Deine E-Mail-Adresse wird nicht veröffentlicht.
"""

WOLTLAB = """Thema: Radwege in Berlin
Hans Müller
Fortgeschrittener
Reaktionen
123
Beiträge
456
1. März 2019
#1
Hallo zusammen, am 28. Februar 2019 war ich dort.
Gerda_G
Profi
Reaktionen
12
Beiträge
4.567
1. März 2019
#2
Das sehe ich anders.
"""


def test_german_wordpress_form_and_woltlab_counters():
    d = cg.read_page(WORDPRESS_DE)
    assert d.comments["author"].tolist() == ["Hans Müller", "Ö. Zweirad"]
    assert d.comments["text"].tolist() == ["Toller Artikel. Am 2. März 2021 um 10:00 Uhr war ich dort.", "Ja."]
    assert accounted(WORDPRESS_DE, d)
    d = cg.read_page(WOLTLAB)
    assert d.comments["author"].tolist() == ["Hans Müller", "Gerda_G"]
    assert d.comments["number"].tolist() == [1, 2]
    assert d.comments["text"].tolist() == ["Hallo zusammen, am 28. Februar 2019 war ich dort.", "Das sehe ich anders."]
    assert accounted(WOLTLAB, d)


@pytest.mark.parametrize(
    "written, want",
    [
        ("vor über einem Jahr", "2023-05-11 12:00"),
        ("vor mehr als 2 Jahren", "2022-05-11 12:00"),
        ("2 wks ago", "2024-04-26 12:00"),
        ("a few minutes ago", "2024-05-10 11:58"),
        ("hier à 14:05", "2024-05-09 14:05"),
        ("aujourd'hui à 09:30", "2024-05-10 09:30"),
        ("il y a 2 jours", "2024-05-08 12:00"),
    ],
)
def test_more_relative_times(written, want):
    page = f"Anna\n{written}\n\nHallo, ich war hier.\n\nAntworten\nBert\n{written}\n\nNa\n\nAntworten\n"
    d = cg.read_page(page, scraped_at="2024-05-10 12:00")
    assert d.comments["author"].tolist() == ["Anna", "Bert"]
    assert wall(d) == [want, want]
    assert d.comments["text"].iloc[0] == "Hallo, ich war hier."


# Disqus (current embed, fuller copy): reactions, sort tabs, collapse "−" and "Avatar" above each name, a "Mod" badge
# between a name and the name it answers, "see more" under a long text, two vote counts
DISQUS_FULL = """Comments
What do you think?
12 Responses
Upvote
Funny
Love
Surprised
Angry
Sad
Comments
Community
Login
1
Share
Best
Newest
Oldest
−
Avatar
JohnSmith
3 years ago

This is a great article.
I have been saying this since 2015.

see more
14
0
Reply
Share ›
−
Avatar
MaryJ
Mod
JohnSmith
3 years ago
edited

I disagree.

3
0
Reply
Share ›
Avatar
Guest
MaryJ
2 years ago

Reply all you want.

0
0
Reply
Share ›
Show more replies
−
Avatar
Peter Ö.
a year ago

Nice 👍

1
0
Reply
Share ›
Load more comments
"""


def test_disqus_full_copy_with_badges_and_reactions():
    d = cg.read_page(DISQUS_FULL, scraped_at="2024-05-10 12:00")
    c = d.comments
    assert c["author"].tolist() == ["JohnSmith", "MaryJ", "Guest", "Peter Ö."]
    assert c["text"].tolist() == [
        "This is a great article.\nI have been saying this since 2015.",
        "I disagree.",
        "Reply all you want.",
        "Nice 👍",
    ]
    assert parent_of(d) == {"MaryJ": "JohnSmith", "Guest": "MaryJ"}
    assert accounted(DISQUS_FULL, d)


# Invision forums: name / rank / "123 posts" / "Posted January 14, 2020" (a date only), "Edited ... by NAME",
# "Quote", "Link to comment", "Share on other sites"
INVISION = """Radwege
Hans Müller
Members
123 posts
Posted January 14, 2020
Das sehe ich anders. Posted January 13, 2020 I said so.
Quote
Link to comment
Share on other sites
Gerda_G
Advanced Member
4,567 posts
Posted January 14, 2020 (edited)
Nein.
Edited January 14, 2020 by Gerda_G
Quote
Link to comment
Share on other sites
Ö. Zweirad
Newbie
3 posts
Posted January 15, 2020
Ja.
Quote
Link to comment
Share on other sites
"""

# phpBB 3.3 in English: "Post by NAME » Tue Jan 14, 2020 1:47 pm" (the weekday differs from post to post)
PHPBB = """Re: Trains
Post by Hans » Tue Jan 14, 2020 1:47 pm
My answer.
Re: Trains
Post by Grete_99 » Tue Jan 14, 2020 2:05 pm
Thanks, Hans.
Re: Trains
Post by Ö. Z. » Wed Jan 15, 2020 9:00 am
OK.
"""

# the Daily Mail: "NAME, PLACE, COUNTRY, 2 hours ago", "Click to rate", "Rating 12"
DAILY_MAIL = """The comments below have not been moderated.
Jane Doe, London, United Kingdom, 2 hours ago
Trains are great, London, 2 hours ago said so.
Click to rate
Rating   12
John_99, Berlin, Germany, 1 hour ago
No, they are not.
Click to rate
Rating   3
Mr. T, Cork, Ireland, 45 minutes ago
Maybe.
Click to rate
Rating   1
"""


def test_forum_posted_dates_member_counters_and_weekdays():
    d = cg.read_page(INVISION)
    assert d.comments["author"].tolist() == ["Hans Müller", "Gerda_G", "Ö. Zweirad"]
    assert wall(d) == ["2020-01-14 00:00", "2020-01-14 00:00", "2020-01-15 00:00"]
    assert d.comments["text"].tolist() == ["Das sehe ich anders. Posted January 13, 2020 I said so.", "Nein.", "Ja."]
    assert accounted(INVISION, d)
    d = cg.read_page(PHPBB)
    assert d.comments["author"].tolist() == ["Hans", "Grete_99", "Ö. Z."]
    assert wall(d) == ["2020-01-14 13:47", "2020-01-14 14:05", "2020-01-15 09:00"]
    assert d.comments["text"].tolist() == ["My answer.", "Thanks, Hans.", "OK."]
    assert accounted(PHPBB, d)


def test_daily_mail_places_after_the_name():
    d = cg.read_page(DAILY_MAIL, scraped_at="2024-05-10 12:00")
    assert d.comments["author"].tolist() == ["Jane Doe", "John_99", "Mr. T"]
    assert wall(d) == ["2024-05-10 10:00", "2024-05-10 11:00", "2024-05-10 11:15"]
    assert d.comments["text"].tolist() == [
        "Trains are great, London, 2 hours ago said so.",
        "No, they are not.",
        "Maybe.",
    ]
    assert accounted(DAILY_MAIL, d)


@pytest.mark.parametrize(
    "written, want",
    [
        ("13:47 Uhr, 14.01.2020", "2020-01-14 13:47"),  # the time before the date (German news sites)
        ("13:47 - 14.01.2020", "2020-01-14 13:47"),
        ("14th January 2020 1:47pm", "2020-01-14 13:47"),  # British ordinals
        ("14 Jan, 2020 13:47", "2020-01-14 13:47"),
    ],
)
def test_more_absolute_times(written, want):
    page = (
        f"Anna\n{written}\n\nUm 10:30 Uhr am 14.01.2020 war ich da.\n\nAntworten\nBert\n{written}\n\nNa\n\nAntworten\n"
    )
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["Anna", "Bert"]
    assert wall(d) == [want, want]
    assert d.comments["text"].iloc[0] == "Um 10:30 Uhr am 14.01.2020 war ich da."


# new reddit (2018-2022): "level N" above each name gives the nesting; "level 1" inside a text stays text
REDDIT_LEVELS = """Comments
level 1
user_one
· 3 hr. ago

First.

Reply
Share
level 2
user_two
· 2 hr. ago

Second, level 1 was wrong.

Reply
Share
level 3
user_one
· 1 hr. ago

Third.

Reply
Share
level 1
Ünal_Ö
· 40 min. ago

Fourth.

Reply
Share
level 2
user_two
· 30 min. ago

Fifth.

Reply
Share
"""


def test_reddit_levels_give_the_parents():
    d = cg.read_page(REDDIT_LEVELS, scraped_at="2024-05-10 12:00")
    c = d.comments
    assert c["author"].tolist() == ["user_one", "user_two", "user_one", "Ünal_Ö", "user_two"]
    assert c["text"].iloc[1] == "Second, level 1 was wrong."
    ids = c["comment_id"].tolist()
    assert c["parent_id"].tolist()[1:3] == ids[0:2] and c["parent_id"].iloc[4] == ids[3]
    assert pd.isna(c["parent_id"].iloc[0]) and pd.isna(c["parent_id"].iloc[3])
    assert accounted(REDDIT_LEVELS, d)


def test_british_dot_times_and_reply_arrows():
    page = (
        "Comments\nSimon_W\n14 Jan 2020 13.47 GMT\n\nGood piece, 12.50 pounds well spent.\n\nReply\n"
        "ann_k ↪ Simon_W\n14 Jan 2020 14.02 GMT\n\nAgreed.\n\nReply\n"
    )
    d = cg.read_page(page)
    assert d.comments["author"].tolist() == ["Simon_W", "ann_k"]
    assert wall(d) == ["2020-01-14 14:47", "2020-01-14 15:02"]  # (GMT, shown in Berlin time)
    assert d.comments["text"].iloc[0] == "Good piece, 12.50 pounds well spent."
    assert parent_of(d) == {"ann_k": "Simon_W"}


# Coral (news sites' comment embed): "In reply to NAME" between a reply's name and its time, "Respect 12", a "Staff" badge
CORAL = """All Comments
Featured Comments
Sort by Newest
Jane Doe
3 hours ago
Great article.
Reply
Respect 12
Share
Report
Bob_R
In reply to Jane Doe
2 hours ago
Why?
Reply
Respect
Share
Report
Ana Müller
Staff
1 hour ago
Because.
Reply
Respect 3
Share
Report
Load More
"""


def test_coral_in_reply_to_between_name_and_time():
    d = cg.read_page(CORAL, scraped_at="2024-05-10 12:00")
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Bob_R", "Ana Müller"]
    assert c["text"].tolist() == ["Great article.", "Why?", "Because."]
    assert wall(d) == ["2024-05-10 09:00", "2024-05-10 10:00", "2024-05-10 11:00"]
    assert parent_of(d) == {"Bob_R": "Jane Doe"}
    assert accounted(CORAL, d)


# Hacker News, a whole copy: the story line, tabs before each comment, "| root | parent | prev | next [–]";
# a sentence that ends with a relative time ("I tried it 2 hours ago.") is no header
HACKER_NEWS = """Show HN: A faster train planner (example.com)
123 points by pg 3 hours ago | hide | past | favorite | 45 comments

\t
add comment
\t
pg 3 hours ago | next [–]

Nice work. I tried it 2 hours ago.

reply

\t
dang 2 hours ago | parent | next [–]

Thanks. See https://example.com/a for details.

reply

\t
tptacek 1 hour ago | root | parent | next [–]

Skeptical!

reply

\t
jane_q 45 minutes ago | prev | next [–]

Love it.

reply
"""


def test_hacker_news_a_sentence_ending_in_a_relative_time():
    d = cg.read_page(HACKER_NEWS, scraped_at="2024-05-10 12:00")
    c = d.comments
    assert c["author"].tolist() == ["pg", "dang", "tptacek", "jane_q"]
    assert c["text"].tolist() == [
        "Nice work. I tried it 2 hours ago.",
        "Thanks. See https://example.com/a for details.",
        "Skeptical!",
        "Love it.",
    ]
    assert accounted(HACKER_NEWS, d)
