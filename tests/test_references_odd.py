"""Odd real-world handles, each worked out by hand: what a careful reader says the reference names.

Every case runs through both readers (the columnar one, ``extract.COLUMNAR``, and the per-text one) and
expects the same. Precision first: where a reader could only guess, the expectation is no reference, or an
``ambiguous`` row without an edge, and the case says why.
"""

import pandas as pd
import pytest

from commentgraph.references import extract as extract_module
from commentgraph.references import link_comments

EARLIER = "first comment"


def resolve(authors, text, **options):
    """Comments by ``authors`` (ten minutes apart), then ``text`` by 'Replier': its mentions as
    [raw, target_author, target_comment_id, resolution] rows, the same from both readers."""
    n = len(authors)
    c = pd.DataFrame(
        {
            "comment_id": [str(i + 1) for i in range(n + 1)],
            "article_id": "x",
            "number": range(1, n + 2),
            "author": [*authors, "Replier"],
            "text": [EARLIER] * n + [text],
            "posted_at": pd.date_range("2019-03-01 10:00", periods=n + 1, freq="10min", tz="Europe/Berlin"),
        }
    )
    got = []
    for columnar in (True, False):
        extract_module.COLUMNAR = columnar
        try:
            m, _ = link_comments(c, **options)
        finally:
            extract_module.COLUMNAR = True
        cols = ["raw", "target_author", "target_comment_id", "resolution"]
        got.append([[None if pd.isna(v) else v for v in row] for row in m[cols].values.tolist()])
    assert got[0] == got[1], "the two readers differ"
    return got[0]


def one(raw, target, cid, resolution="author"):
    return [[raw, target, cid, resolution]]


CASES = [
    # 1. a handle holding an @: the author spelt so, the whole handle read
    (["a@b"], "@a@b yes", one("@a@b", "a@b", "1")),
    (["user@mastodon.social"], "@user@mastodon.social yes", one("@user@mastodon.social", "user@mastodon.social", "1")),
    # both the account and an author named by its local part: the whole handle decides
    (["user", "user@mastodon.social"], "@user@mastodon.social ok", one("@user@mastodon.social", "user@mastodon.social", "2")),
    # only the local part is an author: as before, the name read up to the second @ names them
    (["user"], "@user@mastodon.social ok", one("@user", "user", "1")),
    # a display name with the handle in brackets: that author
    (["Jane Doe (@user@mastodon.social)"], "@user@mastodon.social ok",
     one("@user@mastodon.social", "Jane Doe (@user@mastodon.social)", "1")),
    # the author called so wins over a display name whose bracketed handle it is
    (["Jane Doe (@user@mastodon.social)", "user@mastodon.social"], "@user@mastodon.social ok",
     one("@user@mastodon.social", "user@mastodon.social", "2")),
    # a single letter before a second @ is part of a longer handle: not the author "a"
    (["a"], "@a@b yes", []),
    # an e-mail address is never a reference, whoever writes it
    (["a@b", "b"], "write to me@b.de or a@b", []),
    # 2. emoji and symbols
    (["🦊Fox"], "@🦊Fox yes", one("@🦊Fox", "🦊Fox", "1")),
    (["🦊Fox"], "@Fox yes", one("@Fox", "🦊Fox", "1")),
    (["😀smile"], "@😀smile yes", one("@😀smile", "😀smile", "1")),
    (["😀smile"], "@😀smiley yes", []),  # another handle
    (["Anna 🌻"], "@Anna yes", one("@Anna", "Anna 🌻", "1")),
    (["Anna 🌻", "Ben"], "@Anna 🌻 yes", one("@Anna", "Anna 🌻", "1")),
    # two Annas with different flowers: '@Anna' could be either -> an ambiguous row, no edge
    (["Anna 🌻", "Anna 🌼"], "@Anna yes", one("@Anna", "Anna", None, "unresolved")),
    # an unknown handle after an emoji: no known author, no capital to go by -> none
    (["Ben"], "@😀smile yes", []),
    # 3. single-letter authors: only where the author exists, only directly after @, only as a whole word
    (["x"], "@x yes", one("@x", "x", "1")),
    (["x"], "@X: yes", one("@X", "x", "1")),
    (["x"], "yes @x", one("@x", "x", "1")),
    (["x"], "mail me@x.com", []),
    (["x"], "see @x.com", []),
    (["x"], "@x-ray vision", []),
    (["x"], "@x_y wrote", []),
    (["x"], "@ x yes", []),  # with a space: too weak for one letter
    (["x"], "a @ x", []),
    (["Ben"], "@x yes", []),  # no author x: a lowercase letter is no name
    (["X", "x"], "@x yes", one("@x", "x", "2")),  # two spellings: the exact one decides
    # 4. initials of a hyphenated first name
    (["Karl-Heinz Schmidt"], "@KH Schmidt yes", one("@KH Schmidt", "Karl-Heinz Schmidt", "1")),
    (["Karl-Heinz Schmidt"], "@K.-H. Schmidt yes", one("@K.-H. Schmidt", "Karl-Heinz Schmidt", "1")),
    (["Karl-Heinz Schmidt"], "@K-H Schmidt yes", one("@K-H Schmidt", "Karl-Heinz Schmidt", "1")),
    (["Karl-Heinz Schmidt"], "@K. Schmidt yes", one("@K. Schmidt", "Karl-Heinz Schmidt", "1")),
    (["Karl-Heinz Schmidt", "Klaus-Hermann Schmidt"], "@KH Schmidt yes", one("@KH Schmidt", "KH Schmidt", None, "unresolved")),
    # 5. further forms
    (["anna_"], "@anna_ yes", one("@anna", "anna_", "1")),
    (["anna"], "@anna_ yes", one("@anna", "anna", "1")),
    (["Anna"], "I agree with @anna.", one("@anna", "Anna", "1")),
    (["Иван Петров"], "@Иван Петров да", one("@Иван Петров", "Иван Петров", "1")),
    (["Ben"], "@Иван Петров да", one("@Иван Петров", "Иван Петров", None, "unresolved")),  # capitalised: a name
    (["田中"], "@田中 はい", one("@田中", "田中", "1")),
    (["田中"], "@田中さん はい", one("@田中", "田中", "1")),  # an honorific glued to the name
    (["田"], "@田中 はい", []),  # another name that starts alike, not an honorific
    (["محمد"], "@محمد نعم", one("@محمد", "محمد", "1")),
    (["Ben"], "@محمد نعم", []),  # unknown, and a script without capitals: no evidence it is a name
    (["O'Brien"], "@O'Brien yes", one("@O'Brien", "O'Brien", "1")),
    (["D'Angelo"], "@D’Angelo yes", one("@D’Angelo", "D'Angelo", "1")),
    (["Anna"], "@ANNA yes", one("@ANNA", "Anna", "1")),
    (["anna"], "(@anna) yes", one("@anna", "anna", "1")),
    (["anna"], '"@anna" yes', one("@anna", "anna", "1")),
    (["anna"], "@anna's point", one("@anna", "anna", "1")),
    (["anna"], "yes\n@anna", one("@anna", "anna", "1")),
    (["anna"], "@anna\nyes", one("@anna", "anna", "1")),
    (["anna"], "@ anna yes", one("@ anna", "anna", "1")),
    (["anna"], "[@anna](https://x.org/@anna) yes", one("@anna", "anna", "1")),
    (["anna"], "see https://x.org/@anna", []),
    # an @ written as an HTML character reference (a text kept verbatim from an HTML export) reads as one
    (["anna"], "&#64;anna yes", one("&#64;anna", "anna", "1")),
    (["anna"], "ok &#x40;anna", one("&#x40;anna", "anna", "1")),
    (["anna"], "(&commat;anna)", one("&commat;anna", "anna", "1")),
    (["anna"], "&#64;1 anna: yes", one("&#64;1 anna", "anna", "1", "number+author")),
    (["anna", "x"], "mail anna&#64;x.com", []),  # inside an e-mail address: none
    (["anna"], "https://x.org/&#64;anna", []),  # inside a URL: none
]


@pytest.mark.parametrize(("authors", "text", "want"), CASES, ids=[f"{a}-{t!r}" for a, t, _ in CASES])
def test_odd_handle(authors, text, want):
    assert resolve(authors, text) == want


def test_odd_authors_do_not_take_over_other_references():
    got = resolve(["x", "Anna Maria", "🦊Fox"], "@Anna Maria and @x, also @12 and @🦊Fox.")
    assert got == [
        ["@Anna Maria", "Anna Maria", "2", "author"],
        ["@x", "x", "1", "author"],
        ["@12", "#12", None, "unresolved"],
        ["@🦊Fox", "🦊Fox", "3", "author"],
    ]


def test_reply_to_a_number_and_hyphen_initials():
    got = resolve(["Karl-Heinz Schmidt"], "@1 K.-H. Schmidt: nein")
    assert got == [["@1 K.-H. Schmidt", "Karl-Heinz Schmidt", "1", "number+author"]]


HOSTILE_AUTHORS = ["x", "a@b", "🦊Fox", "\x00", "\x07bell", "B\ud800en", "@", "@@x", "田", None, "[deleted]", ""]


@pytest.mark.parametrize(
    "text",
    [
        None,
        "@x " * 10_000,
        "@" * 10_000,
        "@a@b" * 5_000,
        "x" * 2_000_000 + " @x",
        "@\ud800x @x",
        "@\x00 @\x07bell @@x @🦊Fox",
        "&#64;x",
    ],
    ids=["none", "many-x", "many-at", "many-handles", "huge", "surrogate", "controls", "entity"],
)
def test_hostile_input_does_not_raise(text):
    n = len(HOSTILE_AUTHORS)
    c = pd.DataFrame(
        {
            "comment_id": [str(i) for i in range(n + 1)],
            "article_id": "x",
            "author": pd.Series([*HOSTILE_AUTHORS, "Replier"], dtype=object),
            "text": pd.Series(["hi"] * n + [text], dtype=object),
            "posted_at": pd.date_range("2019-03-01", periods=n + 1, freq="min", tz="UTC"),
        }
    )
    for columnar in (True, False):
        extract_module.COLUMNAR = columnar
        try:
            m, r = link_comments(c)
        finally:
            extract_module.COLUMNAR = True
        assert len(r) >= 0
    if text == "@x " * 10_000:
        assert (m["target_author"] == "x").sum() == 10_000
