"""read_table on hand-written exports in the shapes real tools write (tests/data/exports).

Every expected value below was worked out by hand from the fixture files.
"""

from pathlib import Path

import pandas as pd
import pytest

import commentgraph as cg

DATA = Path(__file__).parent / "data" / "exports"
UTC10 = pd.Timestamp("2019-03-01 10:00", tz="UTC")  # created_utc 1551434400


def parents(d):
    c = d.comments.set_index("comment_id")["parent_id"]
    return {k: v for k, v in c.items() if pd.notna(v)}


def parent_edges(d):
    r = d.replies[d.replies["via"] == "parent"]
    return sorted((s, t if pd.notna(t) else None) for s, t in zip(r["source_comment_id"], r["target_comment_id"]))


def kinds(d):
    return d.problems["kind"].tolist()


def test_reddit_pushshift_ndjson_t1_parents_resolve_and_t3_parents_are_top_level():
    d = cg.read_table(DATA / "reddit_pushshift.ndjson")
    c = d.comments
    assert len(c) == 10 and (c["article_id"] == "t3_b0s1").all()
    assert set(c["author"]) == {"alice", "bob", "carol_99", "[deleted]", "dave-x", "Eve_"}
    assert c["posted_at"].iloc[0] == UTC10 and c["posted_at"].iloc[9] == UTC10 + pd.Timedelta(minutes=9)
    assert parents(d) == {"ei2": "ei1", "ei3": "ei2", "ei5": "ei4", "ei6": "ei5", "ei7": "eh9", "ei9": "ei8",
                          "eia": "ei3"}
    assert c.loc[c["parent_id"].isna(), "comment_id"].tolist() == ["ei1", "ei4", "ei8"]
    assert parent_edges(d) == [("ei2", "ei1"), ("ei3", "ei2"), ("ei5", "ei4"), ("ei6", "ei5"), ("ei7", None),
                               ("ei9", "ei8"), ("eia", "ei3")]
    assert kinds(d) == ["dangling_parent"]
    p = d.problems.iloc[0]
    assert p["severity"] == "notice" and p["message"].startswith("1 of 7 parent ids") and "'t1_eh9'" in p["message"]
    assert d.settings["parent_ids"] == {"stripped_prefixes": ["t1_"], "added_prefix": None, "article_parents": 3}


def test_reddit_csv_two_submissions_with_floats_quotes_and_newlines():
    d = cg.read_table(DATA / "reddit_praw.csv")
    c = d.comments.set_index("comment_id")
    assert len(c) == 8 and d.articles.set_index("article_id")["parsed_comments"].to_dict() == {"t3_aa1": 5, "t3_bb2": 3}
    assert parents(d) == {"k2": "k1", "k4": "k3", "k5": "k2", "k7": "k6", "k8": "k9"}
    assert c.loc["k7", "text"] == "multi\nline" and c.loc["k4", "text"] == 'Reply "quoted"'
    assert c.loc["k3", "posted_at"] == UTC10 + pd.Timedelta(hours=1)
    assert kinds(d) == ["dangling_parent"] and "1 of 5" in d.problems["message"].iloc[0]


def test_reddit_without_link_id_one_t3_value_per_article_is_the_submission():
    d = cg.read_table(DATA / "reddit_no_link.csv")
    assert parents(d) == {"m2": "m1", "m4": "m3", "m5": "m0"}
    assert kinds(d) == ["dangling_parent"] and "(e.g. 't1_m0')" in d.problems["message"].iloc[0]


def test_a_prefix_every_comment_id_carries_is_added_to_bare_parents():
    df = pd.DataFrame({"id": ["c-1", "c-2", "c-3"], "author": ["A", "B", "C"], "text": ["x", "y", "z"],
                       "posted_at": ["2019-03-01 10:00", "2019-03-01 10:01", "2019-03-01 10:02"],
                       "parent": [None, "1", "2"]})
    d = cg.read_table(df)
    assert parents(d) == {"c-2": "c-1", "c-3": "c-2"} and not len(d.problems)
    assert d.settings["parent_ids"]["added_prefix"] == "c-"


def test_ids_that_merely_look_prefixed_are_left_alone():
    # uuid-like ids: stripping 'ab12-' resolves nothing, so nothing is stripped
    df = pd.DataFrame({"id": ["ab12-x", "cd34-y"], "author": ["A", "B"], "text": ["x", "y"],
                       "posted_at": ["2019-03-01 10:00", "2019-03-01 10:01"], "parent": [None, "ef56-z"]})
    d = cg.read_table(df)
    assert parents(d) == {"cd34-y": "ef56-z"} and kinds(d) == ["dangling_parent"]


def test_hacker_news_items_with_html_deleted_and_dead():
    d = cg.read_table(DATA / "hn_thread.json")
    c = d.comments.set_index("comment_id")
    assert len(c) == 9 and (c["article_id"] == "hn_thread").all()  # the story's url is not the article column
    assert d.articles["title"].tolist() == ["My YC app: Dropbox - Throw away your USB drive"]
    assert parents(d) == {"9001": "8863", "9002": "9001", "9003": "8863", "9004": "9003", "9005": "9002",
                          "9006": "8863", "9007": "9006", "9008": "9100"}
    assert pd.isna(c.loc["9003", "author"]) and c.loc["9003", "text"] == ""  # deleted: kept, with notices
    assert c.loc["9001", "text"] == "Nice &amp; simple.<p>Ship it."  # verbatim by default
    assert c.loc["9005", "posted_at"] == UTC10 + pd.Timedelta(minutes=5)
    assert sorted(kinds(d)) == ["dangling_parent", "html_text", "missing_author", "missing_text", "missing_text"]
    assert (d.problems["severity"] == "notice").all()
    assert "3 of 9 texts" in d.problems.set_index("kind").loc["html_text", "message"]
    t = cg.read_table(DATA / "hn_thread.json", html_text=True).comments.set_index("comment_id")["text"]
    assert t["9001"] == "Nice & simple.\n\nShip it."
    assert t["9002"] == "Really? See https://example.com/x"
    assert t["9006"] == "> quoted\n\nmy answer" and t["9007"] == "Agreed"


def test_youtube_comment_threads_api_json():
    d = cg.read_table(DATA / "youtube_commentthreads.json")
    c = d.comments
    assert c["comment_id"].tolist() == ["UgA", "UgA.r2", "UgA.r1", "UgB", "UgC", "UgC.r1"]
    assert c["author"].tolist() == ["@anna", "@ben", "@carl", "@ben", "@dora", "@anna"]
    assert c["text"].tolist() == ["Great video", "@anna agreed", "Nope", "Second", "Hm & ok", "@dora yes"]
    assert (c["article_id"] == "vid123").all()  # the reply without a videoId inherits its thread's
    assert parents(d) == {"UgA.r2": "UgA", "UgA.r1": "UgA", "UgC.r1": "UgC"}
    minutes = ((c["posted_at"] - UTC10) / pd.Timedelta(minutes=1)).tolist()
    assert minutes == [0, 5, 2, 10, 20, 30]
    assert not len(d.problems)


def test_youtube_data_tools_csv():
    d = cg.read_table(DATA / "ytdt_comments.csv", tz="UTC")  # its publishedAt is written without an offset
    c = d.comments
    assert c["comment_id"].tolist() == ["UgA", "UgA.r1", "UgA.r2", "UgB"]
    assert c["author"].tolist() == ["anna", "carl", "ben", "ben"]
    assert parents(d) == {"UgA.r1": "UgA", "UgA.r2": "UgA"}
    assert c["posted_at"].iloc[2] == UTC10 + pd.Timedelta(minutes=5)
    assert not len(d.problems)


def test_4cat_csv_prefers_unix_timestamp_and_links_to_the_opening_post():
    d = cg.read_table(DATA / "4cat_reddit.csv")
    c = d.comments
    assert len(c) == 5 and (c["article_id"] == "q1").all()
    assert d.articles["title"].tolist() == ["Is this right?"]
    # 'timestamp' is UTC written without an offset; unix_timestamp says so unambiguously
    assert c["posted_at"].iloc[0] == UTC10
    assert parents(d) == {"c1": "q1", "c2": "c1", "c3": "q1", "c4": "zz"}
    assert kinds(d) == ["dangling_parent"]


def test_disqus_style_csv_with_html_messages():
    d = cg.read_table(DATA / "disqus_comments.csv", tz="UTC")
    c = d.comments
    assert c["author"].tolist() == ["Anna Schmidt", "Ben", "Cem Öz", "Anna Schmidt", "Dora"]
    assert parents(d) == {"102": "101", "103": "102", "105": "999"}
    assert c["posted_at"].iloc[1] == UTC10 + pd.Timedelta(minutes=5)
    assert sorted(kinds(d)) == ["dangling_parent", "html_text"]
    t = cg.read_table(DATA / "disqus_comments.csv", tz="UTC", html_text=True).comments["text"]
    assert t.tolist() == ["Erster Kommentar & Frage", "@Anna Schmidt Antwort", "Zwei\n\nAbsätze", "Neu", "Zu 999"]
    # the mention of a two-word author still resolves in the HTML text
    m = d.mentions
    assert m.loc[m["comment_id"] == "102", "target_comment_id"].tolist() == ["101"]


@pytest.mark.parametrize("name", ["kommentare_de.csv", "eltern_de.csv"])
def test_german_exports(name):
    d = cg.read_table(DATA / name)
    c = d.comments
    berlin = "Europe/Berlin"
    if name == "kommentare_de.csv":  # cp1252, semicolons, CRLF, 'Antwort auf'
        assert c["author"].tolist() == ["Wessi", "Fragender Rentner", "W. Merseburger", "Wessi", "Norbert NRW"]
        assert c["text"].iloc[1] == "@Wessi Stimmt; aber…" and c["text"].iloc[4] == "Zu einem gelöschten"
        assert c["posted_at"].iloc[3] == pd.Timestamp("2019-03-01 10:30", tz=berlin)
        assert parents(d) == {"2": "1", "3": "1", "4": "3", "5": "17"}
        assert kinds(d) == ["dangling_parent"]
    else:  # 'Eltern-ID' across the switch to summer time
        assert parents(d) == {"a2": "a1", "a3": "a2"} and not len(d.problems)
        r = d.replies.set_index("source_comment_id")
        assert r.loc["a2", "latency"] == pd.Timedelta(hours=1)  # 01:30 CET -> 03:30 CEST


def test_column_names_with_spaces_dashes_and_capitals_are_found(tmp_path):
    # the column names of a YouTube comment export as spreadsheet tools write them
    p = tmp_path / "yt.csv"
    p.write_text("Comment ID,Parent ID,Author Display Name,Text Original,Published At,Like Count\n"
                 "c1,,Anna Berg,First!,2024-03-01T10:00:00Z,3\n"
                 "c2,c1,Ben Cole,@Anna Berg no,2024-03-01T10:05:00Z,0\n", encoding="utf-8")
    d = cg.read_table(p)
    assert d.comments["comment_id"].tolist() == ["c1", "c2"]
    assert d.comments["parent_id"].tolist()[1] == "c1"
    assert d.comments["author"].tolist() == ["Anna Berg", "Ben Cole"]
    assert d.comments["text"].tolist() == ["First!", "@Anna Berg no"]
    assert d.comments["posted_at"].dt.tz_convert("UTC").dt.strftime("%H:%M").tolist() == ["10:00", "10:05"]
    assert sorted(d.replies["via"].astype(str)) == ["mention", "parent"]


# ---- API dumps of other comment systems (fixtures written by hand in each API's documented shape)


def test_wordpress_rest_api_comments():
    # /wp-json/wp/v2/comments: ``author`` is a user id (0 for guests), the name is ``author_name``; ``parent``
    # 0 means a top-level comment; ``date_gmt`` is UTC without an offset; ``post`` is the article
    d = cg.read_table(DATA / "wordpress_rest_comments.json", tz="UTC")
    c = d.comments
    assert c["author"].tolist() == ["Jane Doe", "Bob", "Carl"]
    assert c["article_id"].tolist() == ["55"] * 3
    assert parents(d) == {"102": "101"}
    assert c["posted_at"].tolist() == [pd.Timestamp("2021-03-03 15:12", tz="UTC"),
                                       pd.Timestamp("2021-03-03 16:00", tz="UTC"),
                                       pd.Timestamp("2021-03-04 08:00", tz="UTC")]
    assert kinds(d) == ["html_text"]  # no dangling parent for the zeros
    m = d.mentions
    assert m.loc[m["comment_id"] == "102", "target_comment_id"].tolist() == ["101"]  # @Jane Doe
    assert cg.read_table(DATA / "wordpress_rest_comments.json", html_text=True).comments["text"].iloc[0] == \
        "Great piece. I\u2019d add one thing."


def test_mastodon_context_ancestors_and_descendants():
    # /api/v1/statuses/:id/context: two lists of statuses, ``in_reply_to_id``, the author under ``account``
    d = cg.read_table(DATA / "mastodon_context.json", tz="UTC")
    c = d.comments
    assert c["comment_id"].tolist() == ["1001", "1002", "1003"]
    assert c["author"].tolist() == ["ann@example.social", "bo", "cy@other.net"]  # the handle: never empty
    assert parents(d) == {"1002": "1001", "1003": "1002"}
    assert c["posted_at"].iloc[1] == pd.Timestamp("2023-05-01 10:05", tz="UTC")


def test_facebook_graph_comments():
    d = cg.read_table(DATA / "facebook_graph_comments.json", tz="UTC")
    c = d.comments
    assert c["author"].tolist() == ["Anna Schmidt", "Peter M."]
    assert parents(d) == {"10_2": "10_1"}
    assert c["posted_at"].tolist() == [pd.Timestamp("2020-01-02 10:00", tz="UTC"),
                                       pd.Timestamp("2020-01-02 11:00", tz="UTC")]
    assert kinds(d) == []


def test_disqus_api_posts_prefer_the_raw_message():
    d = cg.read_table(DATA / "disqus_api_posts.json", tz="UTC")
    c = d.comments
    assert c["text"].tolist() == ["First!", "Hi MaryJ"]  # raw_message, not the HTML message
    assert c["article_id"].tolist() == ["900", "900"]  # the thread
    assert parents(d) == {"5002": "5001"}
    assert kinds(d) == []


def test_discourse_topic_parents_are_post_numbers():
    # /t/:id.json: posts under post_stream.posts; ``reply_to_post_number`` names a post_number, not an id
    d = cg.read_table(DATA / "discourse_topic.json", tz="UTC")
    c = d.comments
    assert c["article_id"].tolist() == ["77"] * 3
    assert c["number"].tolist() == [1, 2, 3]
    assert parents(d) == {"9002": "9001", "9003": "9002"}
    assert d.settings["parent_ids"]["number_parents"] == 2
    assert "dangling_parent" not in kinds(d)


def test_stack_exchange_comments_epoch_seconds_and_owner():
    d = cg.read_table(DATA / "stackexchange_comments.json", tz="UTC")
    c = d.comments
    assert c["author"].tolist() == ["Ann", "Ben"]
    assert c["article_id"].tolist() == ["42", "42"]
    assert c["posted_at"].iloc[0] == pd.Timestamp(1600000000, unit="s", tz="UTC")
    r = d.replies
    assert r[["source_comment_id", "target_comment_id"]].values.tolist() == [["2", "1"]]  # @Ann


def test_numeric_author_ids_stay_when_no_names_are_given():
    df = pd.DataFrame({"author": [3, 4], "text": ["a", "b"], "date": ["2020-01-01 10:00", "2020-01-01 11:00"]})
    assert cg.read_table(df).comments["author"].tolist() == ["3", "4"]


def test_parent_numbers_are_not_taken_where_most_name_no_number():
    # one parent of three names a number by chance: the column holds ids, and the two others dangle
    df = pd.DataFrame({"id": ["a", "b", "c", "d"], "number": [1, 2, 3, 4], "parent": [None, "2", "zz", "yy"],
                       "author": list("ABCD"), "text": list("wxyz"), "date": ["2020-01-01 10:00"] * 4})
    d = cg.read_table(df)
    assert parents(d) == {"b": "2", "c": "zz", "d": "yy"}
    assert "number_parents" not in d.settings["parent_ids"]


def test_a_dict_with_no_list_of_objects_is_a_clear_error(tmp_path):
    p = tmp_path / "meta.json"
    p.write_text('{"meta": {"count": 3}, "tags": ["a", "b"]}', encoding="utf-8")
    with pytest.raises(cg.ReadError, match="holds no list of comment records"):
        cg.read_table(p)


def test_excel_workbook_the_sheet_with_comments_is_read(tmp_path):
    # the shape of a comment-export service's workbook: an info sheet first, Excel dates, whole numbers
    import datetime as dt

    p = tmp_path / "export.xlsx"
    df = pd.DataFrame({"Name": ["Anna Schmidt", "Ben", "007"],
                       "Date": [dt.datetime(2019, 3, 1, 10, 0), dt.datetime(2019, 3, 1, 10, 5), "01.03.2019 10:07"],
                       "Likes": [3, 0, None], "Comment": ["Erster", "@Anna Schmidt nein", "Ja"],
                       "ID": [101, 102, 103], "Parent": [None, 101, 102]})
    with pd.ExcelWriter(p) as w:
        pd.DataFrame({"info": ["Exported by a service"]}).to_excel(w, sheet_name="About", index=False)
        df.to_excel(w, sheet_name="Comments", index=False)
    d = cg.read_table(p, tz="UTC")
    c = d.comments
    assert c["comment_id"].tolist() == ["101", "102", "103"]  # not 101.0
    assert c["author"].tolist() == ["Anna Schmidt", "Ben", "007"]
    assert c["posted_at"].tolist() == [UTC10, UTC10 + pd.Timedelta(minutes=5), UTC10 + pd.Timedelta(minutes=7)]
    assert c["row"].tolist() == [2, 3, 4]  # the workbook's rows
    assert parents(d) == {"102": "101", "103": "102"}
    assert kinds(d) == ["excel_sheet"]
    assert "'Comments' of 2" in d.problems["message"].iloc[0]


def test_a_broken_workbook_is_a_clear_error(tmp_path):
    p = tmp_path / "broken.xlsx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(cg.ReadError, match="not a readable Excel workbook"):
        cg.read_table(p)


def test_source_columns_not_mapped_are_kept_after_ours_in_their_order(tmp_path):
    # a wide export (an analytics tool's 600 columns): every unmapped column kept, in order, with its values;
    # a source column named like one of ours is kept as source_<name>
    extra = [f"c{i}" for i in range(600)]
    p = tmp_path / "wide.csv"
    p.write_text(",".join([*extra, "author", "text", "date", "line"]) + "\n"
                 + ",".join([*(str(i) for i in range(600)), "Ann", "Hi", "2020-01-01 10:00", "L7"]) + "\n",
                 encoding="utf-8")
    c = cg.read_table(p).comments
    assert c.columns.tolist()[-601:] == [*extra, "source_line"]
    assert c[["c0", "c599", "source_line"]].iloc[0].tolist() == ["0", "599", "L7"]
    assert c["line"].isna().all()  # ours: a table row has no page line


def test_twitter_v1_statuses():
    # Twitter API v1.1 status objects (tweet mode "extended"): ``full_text``, the handle under
    # ``user.screen_name`` (what an @-mention names, so preferred to the display name ``user.name``),
    # ``in_reply_to_status_id_str``, and ``created_at`` written "Wed Oct 10 20:19:24 +0000 2018"
    d = cg.read_table(DATA / "twitter_v1_statuses.json", tz="UTC")
    c = d.comments
    assert c["author"].tolist() == ["newsdesk", "jo_reads", "newsdesk"]
    assert c["article_id"].nunique() == 1  # the conversation
    assert parents(d) == {"1050119000000000001": "1050118621198921728",
                          "1050119000000000002": "1050119000000000001"}
    assert c["posted_at"].tolist() == [pd.Timestamp("2018-10-10 20:19:24", tz="UTC"),
                                       pd.Timestamp("2018-10-10 20:29:24", tz="UTC"),
                                       pd.Timestamp("2018-10-10 21:02:00", tz="UTC")]
    assert d.mentions["target_author"].tolist() == ["newsdesk", "jo_reads"]
    assert kinds(d) == []


def test_convokit_utterances_file_alone():
    # one ConvoKit utterances.jsonl without its corpus folder (as Corpus.dump writes it): speaker, reply-to,
    # conversation_id
    d = cg.read_table(DATA / "convokit_utterances.jsonl", tz="UTC")
    c = d.comments
    assert c["author"].tolist() == ["kat", "lev", "kat", "mo"]
    assert parents(d) == {"t2": "t1", "t3": "t2"}
    assert c["article_id"].tolist() == ["t1", "t1", "t1", "u1"]
    assert c["posted_at"].iloc[1] == pd.Timestamp("2019-01-01 10:00", tz="UTC")


def test_free_form_times_with_and_without_offsets(tmp_path):
    # dateutil forms the ISO and page grammars do not read; an offset gives the instant, none a local time
    p = tmp_path / "mixed.csv"
    p.write_text("author,posted_at,text\nA,Wed Oct 10 20:19:24 +0000 2018,x\nB,\"Feb 2, 2016\",y\nC,someday,z\n")
    d = cg.read_table(p, tz="Europe/Berlin")
    got = d.comments["posted_at"].tolist()
    assert got[:2] == [pd.Timestamp("2018-10-10 22:19:24", tz="Europe/Berlin"),
                       pd.Timestamp("2016-02-02 00:00", tz="Europe/Berlin")]
    assert got[2] is pd.NaT
    assert "bad_time" in kinds(d)  # the unread one is named, its comment kept
    assert len(d.comments) == 3


def test_4cat_4chan_quote_links():
    # a 4CAT export of a 4chan thread: every author "Anonymous", replies only as quote links ``>>id``
    d = cg.read_table(DATA / "4cat_4chan.csv", tz="UTC")
    m = d.mentions
    assert m["raw"].tolist() == [">>5001", ">>5002", ">>4999", ">>5002", ">>5003", ">>5006", ">>5005", "@Anonymous"]
    # ``>>>/his/4242`` (another board), ``>the stone one`` (a quote), ``>>12:30``: no links
    assert (m["rule"].iloc[:-1] == "quotelink").all()
    # "@Anonymous" by Anonymous: a placeholder name is many people, so not a self-reference; the latest other
    assert m["target_comment_id"].iloc[-1] == "5005" and m["resolution"].iloc[-1] == "author"
    r = d.replies[d.replies["via"] == "mention"]
    assert list(zip(r["source_comment_id"], r["target_comment_id"].fillna("-"))) == [
        ("5002", "5001"), ("5003", "5002"), ("5003", "-"), ("5004", "5002"), ("5004", "5003"), ("5006", "5005"),
        ("5006", "5005")]  # the second by "@Anonymous"
    # >>4999 is not in the export (another thread): dangling; >>5006 from 5005 names a later post: no edge
    later = m[m["raw"] == ">>5006"].iloc[0]
    assert later["resolution"] == "unresolved" and "after the reply" in later["reason"]


def test_reddit_user_links():
    # Pushshift comments that name users as Reddit writes them: u/name, /u/name (case aside); a name that
    # wrote nothing in the thread is an unknown name; a URL path, u/a (too short) and mu/bla are none
    d = cg.read_table(DATA / "reddit_user_links.ndjson", tz="UTC")
    m = d.mentions
    assert m["raw"].tolist() == ["u/anna_k", "/u/ben-2", "u/ghost_user"]
    assert m["rule"].tolist() == ["u/+name:exact", "u/+name:exact", "u/+name:unknown"]
    assert m["target_comment_id"].fillna("-").tolist() == ["r1", "r2", "-"]
    assert parents(d) == {"r3": "r2"}  # t3_ parents name the submission: no comment
