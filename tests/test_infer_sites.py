"""Layout inference on short pages in the layouts of common comment systems (Disqus, WordPress themes, the
Guardian, Reddit, YouTube, the Facebook comments plugin, Heise, German news sites, a French blog).

Each page imitates the *shape* of a browser copy (Ctrl+A, Ctrl+C) of the system named, with made-up
people and text, plus traps that must stay comment text (a date inside a sentence, ``Reply`` inside a body,
an author-like line in a poem).
"""

from __future__ import annotations

import pandas as pd

import commentgraph as cg


def wall(d: cg.Discussion) -> list[str | None]:
    return [None if pd.isna(t) else t.strftime("%Y-%m-%d %H:%M") for t in d.comments["posted_at"]]


def parent_of(d: cg.Discussion) -> dict[str, str]:
    """author of each comment with a parent -> author of its parent."""
    c = d.comments.set_index("comment_id")
    return {c.loc[i, "author"]: c.loc[p, "author"] for i, p in zip(c.index, c["parent_id"]) if pd.notna(p)}


def accounted(page: str, d: cg.Discussion) -> bool:
    return cg.check_accounting(cg.account_lines(page, d))


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
