"""References readers see that plain ``@Name`` rules missed (issue 14), each worked out by hand."""

import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.references import ResolverOptions, link_comments


def thread(authors, texts, parents=None, **options):
    """Comments 1..n of one article, ten minutes apart, numbered 1..n; mentions and replies."""
    n = len(texts)
    c = pd.DataFrame(
        {
            "comment_id": [str(i + 1) for i in range(n)],
            "article_id": "x",
            "number": range(1, n + 1),
            "author": authors,
            "text": texts,
            "posted_at": pd.date_range("2019-03-01 10:00", periods=n, freq="10min", tz="Europe/Berlin"),
            "parent_id": parents or [None] * n,
        }
    )
    return link_comments(c, **options)


AUTHORS = ["StevenDrennon", "B.Russell", "Anna", "921", "Bob12345678", "12345678", "Zed"]
EARLIER = ["eins", "zwei", "drei", "vier", "fünf", "sechs"]


@pytest.mark.parametrize(
    ("text", "raw", "rule", "target"),
    [
        ("-@StevenDrennon no", "@StevenDrennon", "dash-at+name:exact", "1"),  # a dash glued before the @
        ("@B, Russell: yes", "@B, Russell", "name:comma", "2"),  # initial, comma, surname: B.Russell
        ("@@Anna ok", "@@Anna", "double-at+name:exact", "3"),  # two @
        ("＠Anna gut", "＠Anna", "fullwidth-at+name:exact", "3"),  # full-width ＠ (U+FF20)
        ("@921 hm", "@921", "name:digits", "4"),  # an all-digit handle, not comment #921
        ("@12345678 hm", "@12345678", "name:digits", "6"),  # seven digits and more: only a handle
        ("@ 1 fine", "@ 1", "number", "1"),  # still a number: a space after @
    ],
)
def test_at_forms_resolve_to_the_named_author(text, raw, rule, target):
    m, r = thread(AUTHORS, [*EARLIER, text])
    assert m[["raw", "rule", "target_comment_id"]].values.tolist() == [[raw, rule, target]]
    assert r["target_comment_id"].tolist() == [target]


@pytest.mark.parametrize(
    "text",
    [
        "mail a-@b.de or x@@y",  # inside words: no references
        "@1234567 is my number",  # seven digits naming no author: no reference (and not comment #1234567)
        "@Anna, Maria said so",  # a comma joins pieces only after an initial: Anna, not 'Anna Maria'
    ],
)
def test_at_forms_do_not_over_read(text):
    m, _ = thread([*AUTHORS[:6], "Anna Maria", "Zed"], [*EARLIER, "Anna Maria war hier", text])
    got = m[["raw", "matched_author"]].values.tolist() if len(m) else []
    assert got == ([["@Anna", "Anna"]] if text.startswith("@Anna") else [])


def test_an_address_opening_is_a_reference_to_the_latest_earlier_comment():
    authors = ["Christopher Kay1", "Detalumis", "Zed", "Christopher Kay1", "Ann", "Zed"]
    texts = [
        "a",
        "b",
        "c",
        "d",
        "Chris K: Is there anything new in your comment?",
        "Detalumis, your comment reminds me",
    ]
    m, r = thread(authors, texts)
    assert m[["comment_id", "raw", "rule", "target_comment_id", "resolution"]].values.tolist() == [
        ["5", "Chris K", "address", "4", "author"],  # word by word: Chris|topher K|ay1; the latest of two
        ["6", "Detalumis", "address", "2", "author"],
    ]
    assert m["reason"].tolist() == [
        "Christopher Kay1 has 2 earlier comments; took the latest; name matched by address: "
        "'Chris K' read word by word as Christopher Kay1",
        "name matched by address",
    ]
    assert r["via"].tolist() == ["mention", "mention"]
    m, _ = thread(authors, texts, address=False)
    assert m.empty


@pytest.mark.parametrize(
    "text",
    [
        "Sure, why not",  # an interjection, even though an author 'Sure Thing' writes here
        "Update: the vote is in",  # a label
        "Hey Zed :) nice",  # a smiley, not a colon after a name
        "Like all things Zed, it works",  # more than a name before the comma
    ],
)
def test_openings_that_are_not_addresses(text):
    m, _ = thread(["Sure Thing", "Zed", "Ann"], ["a", "b", text])
    assert m.empty


def test_an_address_gives_no_edge_where_the_evidence_is_against_it():
    # Zed wrote only later; Ann's only comment is in another thread; Bea's comment does not hold what is quoted
    authors = ["Ann", "Bea", "Cem", "Dan", "Cem", "Dan", "Zed"]
    texts = [
        "root one",
        "root two",
        "Zed, where are you?",
        "Ann: agreed",
        'Bea, you wrote "the article says it all and more" - where?',
        "Cem, hi",
        "late",
    ]
    parents = [None, None, "2", "2", "2", "2", None]
    m, r = thread(authors, texts, parents)
    assert m[["raw", "outcome", "edge"]].values.tolist() == [
        ["Zed", "address_unresolved", False],
        ["Ann", "address_other_thread", False],
        ["Bea", "address_quotes_other", False],
        ["Cem", "author", True],
    ]
    assert m["reason"].tolist()[0] == (
        "opens with the name of Zed, who wrote no comment here before the reply: not taken as an address: no edge"
    )
    mention_edges = r[r["via"] == "mention"]
    assert mention_edges[["source_comment_id", "target_comment_id"]].values.tolist() == [["6", "5"]]


def test_the_self_reply_rule_of_design():
    # @2 Anna: by Anna to her own comment #2 is a self-reply edge; "@Anna" alone is a sign-off, no edge
    m, r = thread(["Ben", "Anna", "Anna", "Anna"], ["a", "b", "@2 Anna: noch was", "Gruß @Anna"])
    assert m[["outcome", "resolution", "edge"]].values.tolist() == [
        ["number_author_own", "number+author", True],
        ["self_name", "unresolved", False],
    ]
    assert r[["source_comment_id", "target_comment_id"]].values.tolist() == [["3", "2"]]


def test_resolver_options_name_what_is_wrong():
    with pytest.raises(ValueError, match="unknown resolver option 'ties'"):
        ResolverOptions.of({"ties": "latest"})
    with pytest.raises(ValueError, match="max_name_words must be a whole number of at least 1, not 0"):
        ResolverOptions(max_name_words=0)
    with pytest.raises(ValueError, match="unknown resolver option 'ties'"):
        cg.read_table(
            pd.DataFrame({"author": ["A"], "posted_at": ["2019-03-01 10:00"], "text": ["x"]}),
            resolver={"ties": "latest"},
        )
    assert ResolverOptions().as_dict()["address"] is True


def test_link_comments_signature_repeats_the_options_defaults():
    import inspect

    sig = {k: p.default for k, p in inspect.signature(link_comments).parameters.items() if p.kind is p.KEYWORD_ONLY}
    assert sig == ResolverOptions().as_dict()


def test_a_renamed_user_is_inferred_only_when_asked_and_the_thread_is_clear():
    # thread of 1: Ann (1), Ben answers (2), Ann answers Ben as "@Benny" (3): Ben is the only other earlier
    # participant; in thread 4 two others wrote before the reply, so "@Carla" stays open
    authors = ["Ann", "Ben", "Ann", "Dan", "Eve", "Fay", "Dan"]
    texts = ["a", "b", "@Benny ja", "d", "e", "f", "@Carla nein"]
    parents = [None, "1", "1", None, "4", "4", "4"]
    m, _ = thread(authors, texts, parents)
    assert m["resolution"].tolist() == ["unresolved", "unresolved"]
    m, r = thread(authors, texts, parents, infer_renamed=True)
    assert m[["raw", "target_comment_id", "resolution", "outcome"]].fillna("-").values.tolist() == [
        ["@Benny", "2", "inferred", "inferred_renamed"],
        ["@Carla", "-", "unresolved", "unknown"],
    ]
    assert m.dtypes["target_comment_id"] == "str" and m.dtypes["target_number"] == "Int64"
    assert m["reason"].tolist()[0] == (
        "'Benny' is no author in this article; the reply's thread has one earlier "
        "participant besides the replier, Ben: taken as that author under an older name"
    )
    mention = r[r["via"] == "mention"]
    assert mention["target_comment_id"].fillna("-").tolist() == ["2", "-"]
    assert mention["resolution"].tolist() == ["inferred", "unresolved"]


@pytest.mark.parametrize(
    ("text", "got"),
    [
        ("@_lurker_ hi", [["@_lurker", "_lurker_", "1"]]),  # a handle opening with underscores
        ("@__lurker hi", [["@__lurker", "_lurker_", "1"]]),
        ("@_nobody_ hi and @_ alone", []),  # underscores before no known author, or before nothing: no reference
        ("mail_@_lurker_", []),  # inside a word
    ],
)
def test_underscore_handles(text, got):
    m, _ = thread(["_lurker_", "Zed"], ["eins", text])
    assert (m[["raw", "matched_author", "target_comment_id"]].values.tolist() if len(m) else []) == got


def test_the_sample_page_by_hand():
    # the seed's five references, read off the page (comments 15, 11, 10, 9, 7 of the sample)
    from pathlib import Path

    from commentgraph.references.context import prepare
    from commentgraph.references.extract import extract

    root = Path(__file__).resolve().parents[1]
    d = cg.read_page(root / "data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt")
    got = extract(prepare(d.comments))
    assert got["raw"].tolist() == ["@ 12", "@Ralf Meier", "@9 W. Merseburger", "@ 7, Meckersack", "@6 W. Merseburger"]
    assert got["written_number"].tolist() == [12, pd.NA, 9, 7, 6]
    assert got["rule"].tolist() == ["number", "name:unknown", "number+name:exact", "number+name:exact",
                                    "number+name:exact"]


# a Hacker News-style page copied without scraped_at: only ages, so posted_at stays NA, yet the ages order it
AGES_PAGE = """Show HN: A tiny comment graph tool
120 points by builder 5 hours ago | 3 comments

alice 4 hours ago | next [–]
This looks useful. How does it handle nested replies?
reply

bob 3 hours ago | parent | next [–]
@alice it follows the parent links.
reply

carol 2 hours ago | prev [–]
Nice. @dave said so too, and @carol signs. @bob is that all?
reply

dave 1 hour ago | prev [–]
@carol yes, and @alice too.
reply
"""


def test_ages_without_scrape_time_still_order_the_references(tmp_path):
    p = tmp_path / "hn.txt"
    p.write_text(AGES_PAGE, encoding="utf-8")
    d = cg.read_page(p)
    c = d.comments
    assert c["author"].tolist() == ["alice", "bob", "carol", "dave"]
    assert c["posted_at"].isna().all()  # the table keeps what the page says: no instants without a scrape time
    ids = dict(zip(c["author"], c["comment_id"]))
    m = d.mentions.set_index("raw")
    # "@dave" in carol's comment: dave wrote only an hour ago, after carol (2 hours ago): no target
    assert m.loc["@dave", "resolution"] == "unresolved" and "later" in m.loc["@dave", "reason"]
    got = d.mentions.dropna(subset=["target_comment_id"])
    assert list(zip(got["comment_id"], got["target_comment_id"])) == [
        (ids["bob"], ids["alice"]), (ids["carol"], ids["bob"]), (ids["dave"], ids["carol"]), (ids["dave"], ids["alice"])]
    lat = d.replies.set_index(["source_comment_id", "target_comment_id"])["latency"]
    assert lat[(ids["dave"], ids["alice"])] == pd.Timedelta(hours=3)  # a difference of ages


def test_ages_are_not_mixed_with_instants():
    # an article with one known time: its ages (no scrape time) cannot be set beside it, so they stay unknown
    c = pd.DataFrame({"comment_id": ["1", "2"], "article_id": "x", "author": ["Anna", "Ben"],
                      "text": ["Hallo", "@Anna nein"],
                      "posted_at": pd.Series([pd.Timestamp("2019-03-01 10:00", tz="UTC"), pd.NaT]),
                      "posted_text": ["01.03.2019 11:00", "vor 5 Minuten"]})
    m, _ = link_comments(c)
    assert m["resolution"].tolist() == ["unresolved"]


FORUM_BLOCKS = [
    "Anna\n1. März 2019\nWelche Brücke ist die älteste?",
    "Ben\n1. März 2019\n@Anna Die Steinbrücke an der Mühle.",
    "Carl\n1. März 2019\n@Dora hat das schon gesagt.",
    "Dora\n2. März 2019\n@Ben Nein, die Holzbrücke ist älter.",
]


@pytest.mark.parametrize("newest_first", [False, True])
def test_dates_alone_on_a_page_that_shows_its_order(tmp_path, newest_first):
    # times are dates without a time, so three comments tie; the page's dates only rise (or only fall) down the
    # page, so the page order is the posting order and breaks the tie: "@Anna" answers Anna's comment above it
    # (below it, newest first); "@Dora" names a comment posted later: no target
    blocks = FORUM_BLOCKS[::-1] if newest_first else FORUM_BLOCKS
    p = tmp_path / "forum.txt"
    p.write_text("Forum: Brücken in der Stadt\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    d = cg.read_page(p)
    ids = dict(zip(d.comments["author"], d.comments["comment_id"]))
    m = d.mentions.set_index("raw")
    assert m.loc["@Anna", "target_comment_id"] == ids["Anna"]
    assert m.loc["@Ben", "target_comment_id"] == ids["Ben"]
    assert pd.isna(m.loc["@Dora", "target_comment_id"]) and m.loc["@Dora", "resolution"] == "unresolved"


def test_dates_alone_on_a_page_in_no_order_stay_ties(tmp_path):
    # the dates fall and rise down the page (replies printed under their parent): the page order says nothing
    blocks = [FORUM_BLOCKS[3], FORUM_BLOCKS[0], FORUM_BLOCKS[1], "Eve\n3. März 2019\nSpät dran."]
    p = tmp_path / "forum.txt"
    p.write_text("Forum\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    m = cg.read_page(p).mentions.set_index("raw")
    assert m.loc["@Anna", "resolution"] == "unresolved" and "posted on the same day as the reply" in m.loc["@Anna", "reason"]


def test_a_newest_first_table_breaks_same_minute_ties_bottom_up(tmp_path):
    # an export sorted newest first (its times only fall down the rows), no comment numbers: Anna and Ben wrote
    # in the same minute, and Anna's row below Ben's is the earlier comment
    rows = ["Carl,2019-03-01 10:05,@Ben ja", "Ben,2019-03-01 10:01,@Anna ok", "Anna,2019-03-01 10:01,Hallo"]
    for name, body in (("newest", rows), ("oldest", rows[::-1])):
        p = tmp_path / f"{name}.csv"
        p.write_text("author,posted_at,text\n" + "\n".join(body) + "\n", encoding="utf-8")
        m = cg.read_table(p).mentions.set_index("raw")
        assert m["target_author"].to_dict() == {"@Ben": "Ben", "@Anna": "Anna"}, name
        assert (m["resolution"] == "author").all(), name


def test_reply_lines_ending_in_a_full_stop_and_possessives():
    # "In reply to Karl Marx." (Coral/WordPress, a full stop after the name) names Karl Marx, who wrote nothing
    # here: an unresolved reference; "Antwort auf Ihren Beitrag" ("your post") names no one
    m, _ = thread(["Anna", "Ben", "Cleo"], ["Hallo", "In reply to Karl Marx.\nNo.", "Antwort auf Ihren Beitrag\nJa."])
    assert m[["comment_id", "raw", "written_name", "resolution", "rule"]].values.tolist() == [
        ["2", "In reply to Karl Marx", "Karl Marx", "unresolved", "reply-line"]]


def test_names_joined_by_slashes():
    # "@Anna/@Ben" answers both; a URL's "/@Ben" and a word's "a/@Ben" are no references
    m, _ = thread(
        ["Anna", "Ben", "Cleo", "Dora", "Ed"],
        ["eins", "zwei", "@Anna/@Ben: ja, see https://x.org/@Ben and a/@Ben", "@Anna/@Ben/@Cleo: no", "@W.A./@Ben hm"],
    )
    got = m[["comment_id", "raw", "target_comment_id"]].fillna("-").values.tolist()
    assert got == [
        ["3", "@Anna", "1"],
        ["3", "@Ben", "2"],
        ["4", "@Anna", "1"],
        ["4", "@Ben", "2"],
        ["4", "@Cleo", "3"],
        ["5", "@W.A", "-"],
        ["5", "@Ben", "2"],
    ]


def test_a_name_with_a_bracketed_role_or_handle_is_named_without_it():
    # "Bob (mod)" is written @Bob; an author named "Bob" alone keeps the name; two "Cleo (...)" leave @Cleo open
    m, _ = thread(["Bob (mod)", "Cleo (x)", "Cleo [y]", "Anna [Redaktion]", "Zed"],
                  ["eins", "zwei", "drei", "vier", "@Bob danke. @Cleo? @Anna: ja"])
    m = m.set_index("raw")
    assert m.loc["@Bob", "target_comment_id"] == "1" and m.loc["@Bob", "rule"] == "name:exact"
    assert m.loc["@Anna", "target_comment_id"] == "4"
    assert pd.isna(m.loc["@Cleo", "target_comment_id"]) and m.loc["@Cleo", "resolution"] == "unresolved"
    m, _ = thread(["Bob (mod)", "Bob", "Zed"], ["eins", "zwei", "@Bob ok"])
    assert m["target_comment_id"].tolist() == ["2"]
    # a handle in the brackets names the author too ("Name (@handle)" as X/Twitter copies show it)
    m, _ = thread(["Jane Doe (@jd_w)", "Tom (@tommy)", "tommy", "Zed"], ["one", "two", "three", "@jd_w yes @tommy"])
    assert m["target_comment_id"].tolist() == ["1", "3"]


def test_a_hand_built_frame_with_number_ids_and_authors():
    # ids and authors as numbers (not the readers' strings): compared as the strings they stand for
    c = pd.DataFrame({"comment_id": [1, 2, 3], "article_id": 7, "number": [1, 2, 3], "author": ["Ben", 5, 7.5],
                      "text": ["hi", "@Ben ja", "@5 ok"],
                      "posted_at": pd.date_range("2019-03-01 10:00", periods=3, freq="min", tz="UTC")})
    m, r = link_comments(c)
    assert m["target_comment_id"].tolist()[0] == "1" and m["resolution"].tolist()[0] == "author"
    assert r["source_comment_id"].tolist() == ["2", "3"]


@pytest.mark.parametrize(("when", "said"), [("2019-03-01 00:00", "on the same day"),
                                             ("2019-03-01 10:05", "in the same minute"),
                                             ("2019-03-01 10:05:07", "at the same second")])
def test_a_tie_says_how_close_the_times_are(when, said):
    c = pd.DataFrame({"comment_id": ["1", "2"], "article_id": "x", "author": ["Anna", "Ben"],
                      "text": ["hallo", "@Anna ja"], "posted_at": pd.to_datetime([when] * 2).tz_localize("UTC")})
    m, _ = link_comments(c)
    assert m["reason"].tolist() == [f"Anna's comment was posted {said} as the reply (which came first is unknown)"]


def test_an_initial_and_the_surname_name_a_two_word_author():
    # "@J. Smith" for John Smith (by prefix of the alias "jsmith"); with Jane Smith too it could be either
    m, _ = thread(["John Smith", "Maria Müller", "Wütender Nachbar", "Zed"],
                  ["one", "zwei", "drei", "@J. Smith no. @M. Müller: ja. @Nachbarn hm"])
    m = m.set_index("raw")
    assert m.loc["@J. Smith", "target_comment_id"] == "1" and m.loc["@J. Smith", "rule"] == "name:prefix"
    assert m.loc["@M. Müller", "target_comment_id"] == "2"
    assert pd.isna(m.loc["@Nachbarn", "target_comment_id"])  # the alias is matched by prefix only, never fuzzily
    m, _ = thread(["John Smith", "Jane Smith", "Zed"], ["one", "two", "@J. Smith no"])
    assert m["rule"].tolist() == ["name:ambiguous"] and pd.isna(m["target_comment_id"].iloc[0])


def test_handles_that_open_with_digits_and_youtube_handles():
    # "@1234user" is the author 1234user, not comment #1234; "@JaneDoe-x7k2p" a YouTube-style handle
    m, _ = thread(["1234user", "@JaneDoe-x7k2p", "Zed"], ["one", "two", "@1234user hi, @JaneDoe-x7k2p: yes. @2nd no"])
    got = m.set_index("raw")
    assert got.loc["@1234user", "target_comment_id"] == "1" and got.loc["@1234user", "rule"] == "name:exact"
    assert got.loc["@JaneDoe-x7k2p", "target_comment_id"] == "2"
    assert got.loc["@2", "target_comment_id"] == "2"  # no author "2nd": still comment number 2


def test_a_hand_built_frame_with_numbers_as_objects():
    c = pd.DataFrame({"comment_id": ["1", "2"], "article_id": "x", "number": pd.array([pd.NA, "1"], dtype=object),
                      "author": ["Anna", "Ben"], "text": ["hallo", "@Anna ja"],
                      "posted_at": pd.date_range("2019-03-01 10:00", periods=2, freq="min", tz="UTC")})
    m, _ = link_comments(c)
    assert m["target_comment_id"].tolist() == ["1"]
