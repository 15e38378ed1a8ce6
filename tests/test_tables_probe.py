"""read_table on small export shapes and hostile files written in tmp_path (found by probing the reader).

Every expected value below was worked out by hand from the file the test writes.
"""

import json

import pandas as pd

import commentgraph as cg


def kinds(d):
    return d.problems["kind"].tolist()


def test_parquet_binary_column_with_bytes_that_are_no_utf8_reads_without_a_traceback(tmp_path):
    path = tmp_path / "t.parquet"
    pd.DataFrame({"comment_id": ["1", "2"], "author": ["a", "b"], "posted_at": ["2019-03-01 10:00", "2019-03-01 10:01"],
                  "text": ["x", "y"], "parent_id": [None, b"\xff1"]}).to_parquet(path)
    d = cg.read_table(path)
    assert d.comments["comment_id"].tolist() == ["1", "2"]
    # 0xff is no UTF-8: the bytes are read as cp1252 ("ÿ1"), which names no comment: a dangling parent
    assert d.comments["parent_id"].tolist()[1] == "ÿ1"
    assert "dangling_parent" in kinds(d)


def test_wordpress_database_dump_columns_are_found_without_their_comment_prefix(tmp_path):
    path = tmp_path / "wp_comments.csv"
    path.write_text(
        "comment_ID,comment_post_ID,comment_author,comment_date,comment_date_gmt,comment_content,comment_parent,user_id\n"
        "1,10,Anna,2019-03-01 10:05:00,2019-03-01 09:05:00,Hallo,0,0\n"
        '2,10,Ben,2019-03-01 10:15:00,2019-03-01 09:15:00,"@Anna ja, genau",1,0\n'
        "3,10,Anna,2019-03-01 10:25:00,2019-03-01 09:25:00,ok,2,3\n",
        encoding="utf-8",
    )
    d = cg.read_table(path)
    c = d.comments
    assert d.settings["columns"] == {"comment_id": "comment_ID", "article_id": "comment_post_ID",
                                     "author": "comment_author", "posted_at": "comment_date_gmt",
                                     "text": "comment_content", "parent_id": "comment_parent"}
    assert c["author"].tolist() == ["Anna", "Ben", "Anna"] and (c["article_id"] == "10").all()
    # comment_date_gmt 09:05 UTC is 10:05 in Berlin (winter time)
    assert c["posted_at"].iloc[0] == pd.Timestamp("2019-03-01 10:05", tz="Europe/Berlin")
    assert c["parent_id"].isna().tolist() == [True, False, False]  # WordPress' 0: no parent
    assert c["parent_id"].tolist()[1:] == ["1", "2"]


def test_facebook_csv_from_name_is_the_author_as_from_dot_name_is(tmp_path):
    path = tmp_path / "fb.csv"
    path.write_text("comment_id,post_id,from_name,created_time,message,parent_id\n"
                    "111_1,111,Jane Doe,2021-06-01T10:00:00+0000,Nice,\n"
                    "111_2,111,John Roe,2021-06-01T10:05:00+0000,Thanks Jane,111_1\n", encoding="utf-8")
    c = cg.read_table(path).comments
    assert c["author"].tolist() == ["Jane Doe", "John Roe"]
    assert c["posted_at"].tolist() == [pd.Timestamp("2021-06-01 12:00", tz="Europe/Berlin"),
                                       pd.Timestamp("2021-06-01 12:05", tz="Europe/Berlin")]
    assert c["parent_id"].tolist()[1] == "111_1"


def _thing(cid, author, t, body, parent, replies=None):
    listing = {"kind": "Listing", "data": {"children": replies}} if replies else ""
    return {"kind": "t1", "data": {"id": cid, "author": author, "created_utc": t, "body": body, "parent_id": parent,
                                   "link_id": "t3_xyz", "replies": listing}}


def test_reddit_comments_endpoint_listings_unwrapped_submission_and_more_stub_are_notices(tmp_path):
    # what GET /comments/xyz.json returns: [a Listing of the submission, a Listing of its comment tree]
    tree = [
        {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": "xyz", "title": "Post",
                                                                         "author": "op", "created_utc": 1551434000}}]}},
        {"kind": "Listing", "data": {"children": [
            _thing("a1", "alice", 1551434700.0, "first", "t3_xyz", [
                _thing("b2", "[deleted]", 1551434800.0, "[deleted]", "t1_a1", [
                    _thing("c3", "bob", 1551434900.0, "@alice hi", "t1_b2")])]),
            _thing("d4", "carol", 1551435000.0, "top2", "t3_xyz"),
            {"kind": "more", "data": {"count": 5, "children": ["e5", "f6"], "id": "e5", "parent_id": "t3_xyz"}},
        ]}},
    ]
    path = tmp_path / "reddit.json"
    path.write_text(json.dumps(tree), encoding="utf-8")
    d = cg.read_table(path)
    c = d.comments
    assert c["comment_id"].tolist() == ["a1", "b2", "c3", "d4"]  # no Listing, submission or stub rows
    assert c["author"].tolist() == ["alice", "[deleted]", "bob", "carol"]
    assert (c["article_id"] == "t3_xyz").all()
    assert c["parent_id"].tolist()[1:3] == ["a1", "b2"] and c["parent_id"].isna().tolist() == [True, False, False, True]
    assert c["posted_at"].iloc[0] == pd.Timestamp("2019-03-01 10:05", tz="UTC")  # 1551434700
    p = d.problems.set_index("kind")
    assert p.loc["reddit_t3", "line"] == 1 and p.loc["reddit_t3", "severity"] == "notice"
    assert p.loc["reddit_more", "line"] == 6 and "2 comment(s) not loaded" in p.loc["reddit_more", "message"]
    assert "bad_time" not in kinds(d) and "missing_author" not in kinds(d)


def test_parents_in_another_article_later_than_the_reply_or_on_a_cycle_each_get_a_row(tmp_path):
    path = tmp_path / "bad_parents.csv"
    path.write_text("id,article,author,date,text,parent\n"
                    "1,A,a,2019-03-01 10:00,x,99\n"  # dangling
                    "2,A,b,2019-03-01 10:01,y,2\n"  # itself
                    "3,A,c,2019-03-01 10:02,z,4\n"  # 3 -> 4 -> 3: a cycle (and 4 is later than 3)
                    "4,A,d,2019-03-01 10:03,w,3\n"
                    "5,B,e,2019-03-01 10:04,v,1\n"  # 1 is in article A
                    "6,A,f,2019-03-01 09:00,early,1\n", encoding="utf-8")  # 1 was posted at 10:00
    d = cg.read_table(path)
    c = d.comments
    assert len(c) == 6
    assert c["parent_id"].fillna("-").tolist() == ["99", "-", "4", "3", "1", "1"]
    rows = {(k, int(line)) for k, line in zip(d.problems["kind"], d.problems["line"]) if pd.notna(line)}
    assert {("self_parent", 3), ("parent_cycle", 4), ("parent_cycle", 5), ("parent_in_other_article", 6),
            ("parent_after_reply", 4), ("parent_after_reply", 7)} <= rows
    assert kinds(d).count("parent_cycle") == 2 and kinds(d).count("parent_after_reply") == 2
    assert "dangling_parent" in kinds(d)
    # the edges are kept: the reader reports, the thread builder cuts the cycle
    r = d.replies[d.replies["via"] == "parent"]
    assert sorted(zip(r["source_comment_id"], r["target_comment_id"].fillna("-"))) == [
        ("1", "-"), ("3", "4"), ("4", "3"), ("5", "1"), ("6", "1")]


def test_parent_ids_written_as_null_none_or_nan_are_no_parent_with_one_notice(tmp_path):
    path = tmp_path / "nulls.json"
    path.write_text(json.dumps([
        {"id": 1, "author": "a", "created_at": "2019-03-01T10:00:00Z", "text": "x", "parent_id": "null"},
        {"id": 2, "author": "b", "created_at": "2019-03-01T10:01:00Z", "text": "y", "parent_id": "None"},
        {"id": 3, "author": "c", "created_at": "2019-03-01T10:02:00Z", "text": "z", "parent_id": "NaN"},
        {"id": 4, "author": "d", "created_at": "2019-03-01T10:03:00Z", "text": "w", "parent_id": 1},
    ]), encoding="utf-8")
    d = cg.read_table(path)
    assert d.comments["parent_id"].isna().tolist() == [True, True, True, False]
    assert kinds(d) == ["null_parent"]  # no dangling_parent: 'null' names no comment and no parent
    assert d.problems["line"].tolist() == [1]
    assert len(d.replies[d.replies["via"] == "parent"]) == 1


def test_arrow_membership_agrees_with_pandas_isin_on_ids_with_missing_values():
    import numpy as np

    from commentgraph.read.columns import isin, rows_in

    rng = np.random.default_rng(3)
    s = pd.Series([None if x < 5 else f"t1_{x}" for x in rng.integers(0, 400, 2000)], dtype="str")
    values = pd.Series([f"t1_{x}" for x in range(0, 400, 3)] + ["t1_3"], dtype="str")
    assert isin(s, values).tolist() == s.isin(values).tolist()
    first = {v: i for i, v in reversed(list(enumerate(values)))}
    assert rows_in(s, values).tolist() == [first.get(v, -1) if isinstance(v, str) else -1 for v in s]


def test_a_csv_with_utf8_and_cp1252_lines_reads_each_line_as_written_with_a_notice(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes("id,author,date,text\n1,Jörg,2019-03-01 10:00,Grüße\n".encode()
                     + "2,Jürgen,2019-03-01 10:01,Schön\n".encode("cp1252"))
    d = cg.read_table(path)
    assert d.comments["author"].tolist() == ["Jörg", "Jürgen"]  # (was 'JÃ¶rg': the whole file read as cp1252)
    assert d.comments["text"].tolist() == ["Grüße", "Schön"]
    assert kinds(d) == ["mixed_encoding"] and d.problems["line"].tolist() == [3]


def test_nul_bytes_in_a_csv_are_a_read_error_naming_the_line(tmp_path):
    path = tmp_path / "nul.csv"
    path.write_text("id,author,date,text\n1,a\x00b,2019-03-01 10:00,te\x00xt\n2,b,2019-03-01 10:01,ok\n",
                    encoding="utf-8")
    try:
        cg.read_table(path)
    except cg.ReadError as e:
        assert "line 2" in str(e) and "NUL" in str(e)
    else:
        raise AssertionError("NUL bytes read as text")


def test_twitter_v2_response_joins_usernames_from_includes_and_parents_from_referenced_tweets(tmp_path):
    path = tmp_path / "tweets.json"
    path.write_text(json.dumps({
        "data": [
            {"id": "1001", "text": "root tweet", "author_id": "u1", "created_at": "2022-03-01T10:00:00.000Z",
             "conversation_id": "1001"},
            {"id": "1002", "text": "@alice reply", "author_id": "u2", "created_at": "2022-03-01T10:05:00.000Z",
             "conversation_id": "1001", "in_reply_to_user_id": "u1",
             "referenced_tweets": [{"type": "replied_to", "id": "1001"}]},
            {"id": "1003", "text": "quoting", "author_id": "u3", "created_at": "2022-03-01T10:06:00.000Z",
             "conversation_id": "1001", "referenced_tweets": [{"type": "quoted", "id": "1002"}]},
        ],
        "includes": {"users": [{"id": "u1", "username": "alice"}, {"id": "u2", "username": "bob_x"},
                               {"id": "u3", "username": "cc"}]},
        "meta": {"result_count": 3},
    }), encoding="utf-8")
    d = cg.read_table(path)
    c = d.comments
    assert c["comment_id"].tolist() == ["1001", "1002", "1003"] and (c["article_id"] == "1001").all()
    assert c["author"].tolist() == ["alice", "bob_x", "cc"]
    assert c["posted_at"].iloc[1] == pd.Timestamp("2022-03-01 11:05", tz="Europe/Berlin")
    # a quote is no reply: only replied_to gives a parent
    assert c["parent_id"].fillna("-").tolist() == ["-", "1001", "-"]
    assert kinds(d) == []


def test_github_issue_comments_take_user_login_and_ids_stand_for_authors_only_with_a_notice(tmp_path):
    gh = tmp_path / "issue_comments.json"
    gh.write_text(json.dumps([
        {"id": 9001, "user": {"login": "octocat", "id": 1}, "created_at": "2020-05-01T10:00:00Z", "body": "LGTM"},
        {"id": 9002, "user": {"login": "dependabot[bot]", "id": 2}, "created_at": "2020-05-01T11:00:00Z",
         "body": "@octocat bump"},
    ]), encoding="utf-8")
    d = cg.read_table(gh)
    assert d.settings["columns"]["author"] == "user.login"
    assert d.comments["author"].tolist() == ["octocat", "dependabot[bot]"] and kinds(d) == []
    assert d.replies[["source_comment_id", "target_comment_id"]].values.tolist() == [["9002", "9001"]]
    tw = tmp_path / "no_includes.json"
    tw.write_text(json.dumps({"data": [
        {"id": "1", "text": "a", "author_id": "42", "created_at": "2022-03-01T10:00:00.000Z"},
        {"id": "2", "text": "b", "author_id": "43", "created_at": "2022-03-01T10:01:00.000Z"}]}), encoding="utf-8")
    d = cg.read_table(tw)
    assert d.comments["author"].tolist() == ["42", "43"] and kinds(d) == ["author_ids"]


BIG = 1234567890123456789  # above 2**53: a float cannot hold it


def _big_records():
    return [{"id": BIG, "author": "a", "created_at": "2020-01-01T10:00:00Z", "text": "x", "parent_id": None},
            {"id": BIG + 1, "author": "b", "created_at": "2020-01-01T10:01:00Z", "text": "y", "parent_id": BIG},
            {"id": BIG + 2, "author": "c", "created_at": "2020-01-01T10:02:00Z", "text": "z", "parent_id": BIG + 1}]


def test_ids_above_2_53_in_a_parent_column_with_nulls_keep_every_digit_in_json_jsonl_and_parquet(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = _big_records()
    (tmp_path / "big.json").write_text(json.dumps(recs), encoding="utf-8")
    (tmp_path / "big.jsonl").write_text("\n".join(json.dumps(r) for r in recs), encoding="utf-8")
    pq.write_table(pa.table({"id": pa.array([r["id"] for r in recs], pa.int64()), "author": ["a", "b", "c"],
                             "created_at": [r["created_at"] for r in recs], "text": ["x", "y", "z"],
                             "parent_id": pa.array([r["parent_id"] for r in recs], pa.int64())}),
                   tmp_path / "big.parquet")
    for name in ("big.json", "big.jsonl", "big.parquet"):
        d = cg.read_table(tmp_path / name)
        c = d.comments
        assert c["comment_id"].tolist() == [str(BIG), str(BIG + 1), str(BIG + 2)], name
        # (was '1.2345678901234568e+18' for both: dangling, every reply edge lost)
        assert c["parent_id"].fillna("-").tolist() == ["-", str(BIG), str(BIG + 1)], name
        assert d.replies["target_comment_id"].tolist() == [str(BIG), str(BIG + 1)], name
        assert "dangling_parent" not in kinds(d), name


def test_records_keyed_by_id_under_a_comments_key_are_read_as_records(tmp_path):
    path = tmp_path / "keyed.json"
    path.write_text(json.dumps({"comments": {
        "c1": {"author": "a", "date": "2020-01-01T10:00:00Z", "text": "x"},
        "c2": {"author": "b", "date": "2020-01-01T10:01:00Z", "text": "y", "parent": "c1"}}}), encoding="utf-8")
    d = cg.read_table(path)
    assert d.comments["comment_id"].tolist() == ["c1", "c2"] and d.comments["author"].tolist() == ["a", "b"]
    assert d.comments["parent_id"].fillna("-").tolist() == ["-", "c1"] and d.comments["row"].tolist() == [1, 2]


def test_json_lists_objects_and_booleans_in_our_columns_get_a_wrong_type_row_each(tmp_path):
    path = tmp_path / "types.json"
    path.write_text(json.dumps([
        {"comment_id": "1", "author": ["x", "y"], "posted_at": "2019-03-01T10:00:00Z", "text": "a", "parent_id": None},
        {"comment_id": "2", "author": "b", "posted_at": "2019-03-01T10:01:00Z", "text": ["t"], "parent_id": [1]},
        {"comment_id": "3", "author": False, "posted_at": True, "text": "c", "parent_id": "1"},
    ]), encoding="utf-8")
    d = cg.read_table(path)
    c = d.comments
    assert c["comment_id"].tolist() == ["1", "2", "3"]  # every comment kept
    assert c["author"].tolist() == ['["x", "y"]', "b", "False"] and c["text"].tolist() == ["a", '["t"]', "c"]
    wrong = d.problems[d.problems["kind"] == "wrong_type"]
    assert sorted(zip(wrong["line"].astype(int), wrong["message"].str.split(" ").str[0])) == [
        (1, "author"), (2, "parent_id"), (2, "text"), (3, "author"), (3, "posted_at")]
    assert "is a list" in wrong["message"].iloc[0] and (wrong["severity"] == "error").all()


def test_json_list_of_lists_with_a_header_row_is_a_table_and_ragged_rows_are_reported(tmp_path):
    path = tmp_path / "values.json"
    path.write_text(json.dumps([["id", "author", "date", "text"], [1, "a", "2019-03-01 10:00", "x"],
                                [2, "b", "2019-03-01 10:01"], [3, "c", "2019-03-01 10:02", "z", "more"]]),
                    encoding="utf-8")
    d = cg.read_table(path)
    c = d.comments
    assert c["comment_id"].tolist() == ["1", "2", "3"] and c["row"].tolist() == [2, 3, 4]
    assert c["text"].tolist() == ["x", "", "z"] and c["posted_at"].iloc[2] == pd.Timestamp("2019-03-01 10:02",
                                                                                              tz="Europe/Berlin")
    assert c["_extra_fields"].tolist()[2] == '["more"]'
    assert list(zip(d.problems["kind"], d.problems["line"])) == [("missing_fields", 3), ("extra_fields", 4),
                                                                  ("missing_text", 3)]


def test_lines_about_the_export_above_the_header_are_skipped_with_a_notice_csv_and_excel(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Exported by ExportComments.com on 2021-06-01\nURL: https://example.com/post/1\n\n"
                    "Name;Date;Likes;Comment\nAnn;2021-06-01 10:00:00;3;Hello\nBen;2021-06-01 10:05:00;0;@Ann hi\n",
                    encoding="utf-8")
    d = cg.read_table(path)
    c = d.comments
    assert c["author"].tolist() == ["Ann", "Ben"] and c["text"].tolist() == ["Hello", "@Ann hi"]
    assert c["row"].tolist() == [5, 6]  # the lines of the file: the header is line 4
    assert c["posted_at"].iloc[1] == pd.Timestamp("2021-06-01 10:05", tz="Europe/Berlin")
    assert kinds(d) == ["preamble"] and "header on line 4" in d.problems["message"].iloc[0]
    assert d.replies["target_comment_id"].tolist() == [c["comment_id"].iloc[0]]

    xlsx = tmp_path / "export.xlsx"
    pd.DataFrame([["Report", None, None], [None, None, None], ["Name", "Date", "Comment"],
                  ["Ann", "2021-06-01 10:00", "hi"], ["Ben", "2021-06-01 10:05", "yo"]]).to_excel(
        xlsx, header=False, index=False)
    d = cg.read_table(xlsx)
    assert d.comments["author"].tolist() == ["Ann", "Ben"] and d.comments["row"].tolist() == [4, 5]
    assert kinds(d) == ["preamble"] and "header on row 3" in d.problems["message"].iloc[0]
    # a file whose first line is its header is read as before, and one with no header anywhere still raises
    (tmp_path / "plain.csv").write_text("author,date,text\nA,2019-03-01 10:00,x\n", encoding="utf-8")
    assert kinds(cg.read_table(tmp_path / "plain.csv")) == []
    (tmp_path / "none.csv").write_text("Report\nfoo,bar\n1,2\n", encoding="utf-8")
    try:
        cg.read_table(tmp_path / "none.csv")
    except cg.ReadError as e:
        assert "required column(s)" in str(e)
    else:
        raise AssertionError("a table without comment columns was read")


def test_a_parent_column_holding_author_names_gives_each_reply_the_named_authors_latest_earlier_comment(tmp_path):
    path = tmp_path / "antwort.csv"
    path.write_text("id;Autor;Datum;Kommentar;Antwort auf\n"
                    "1;Müller;01.03.2019 10:05;Hallo;\n"
                    "2;Schulz;01.03.2019 10:06;ja;Müller\n"
                    "3;Müller;01.03.2019 10:07;doch;@Schulz\n"
                    "4;Weber;01.03.2019 10:08;nein;Müller\n"  # Müller's latest before 10:08: comment 3
                    "5;Kurz;01.03.2019 10:09;hm;Weber\n"
                    "6;Lang;01.03.2019 10:04;früh;Kurz\n", encoding="utf-8")  # Kurz wrote only later: dangles
    d = cg.read_table(path)
    assert d.comments["parent_id"].fillna("-").tolist() == ["-", "1", "2", "3", "4", "Kurz"]
    assert d.settings["parent_ids"]["name_parents"] == 4
    assert kinds(d) == ["name_parents", "dangling_parent"]
    # ids that are no names stay as they were: a dangling parent
    ids = tmp_path / "ids.csv"
    ids.write_text("id,author,date,text,parent\n1,a,2019-03-01 10:00,x,\n2,b,2019-03-01 10:01,y,77\n",
                   encoding="utf-8")
    assert cg.read_table(ids).comments["parent_id"].tolist()[1] == "77"


def test_a_date_column_and_a_time_of_day_column_are_joined_whichever_the_map_took(tmp_path):
    berlin = "Europe/Berlin"
    de = tmp_path / "de.csv"
    de.write_text("Autor;Datum;Uhrzeit;Kommentar\nA;01.03.2019;10:05;x\nB;01.03.2019;;y\n", encoding="utf-8")
    d = cg.read_table(de)
    # (was 2019-01-03 00:00: the date read month first, the time of day ignored)
    assert d.comments["posted_at"].tolist() == [pd.Timestamp("2019-03-01 10:05", tz=berlin),
                                                pd.Timestamp("2019-03-01 00:00", tz=berlin)]
    assert kinds(d) == ["date_and_time"]
    en = tmp_path / "en.csv"
    en.write_text("author,date,time,text\nA,2019-03-01,10:05,x\nB,2019-03-02,9:05 PM,y\n", encoding="utf-8")
    d = cg.read_table(en)  # the map takes 'time' (a time candidate before 'date'): was today's date at 10:05
    assert d.comments["posted_at"].tolist() == [pd.Timestamp("2019-03-01 10:05", tz=berlin),
                                                pd.Timestamp("2019-03-02 21:05", tz=berlin)]
    only = tmp_path / "only.csv"
    only.write_text("Autor;Datum;Kommentar\nA;01.03.2019;x\nB;2.3.19;y\n", encoding="utf-8")
    d = cg.read_table(only)
    assert d.comments["posted_at"].tolist() == [pd.Timestamp("2019-03-01", tz=berlin),
                                                pd.Timestamp("2019-03-02", tz=berlin)]
    assert kinds(d) == ["date_only"] and d.problems["line"].tolist() == [2]


def test_a_parent_naming_an_author_whose_reply_has_no_time_dangles_without_an_error(tmp_path):
    # (found by test_fuzz: no reply with a time left to match, the name lookup met an empty frame)
    path = tmp_path / "t.csv"
    path.write_text("author,posted_at,text,parent_id\n,,,\n,100000000,,\nTrue,,,True\n", encoding="utf-8")
    d = cg.read_table(path)
    assert len(d.comments) == 3 and d.comments["parent_id"].fillna("-").tolist() == ["-", "-", "True"]
    assert "dangling_parent" in kinds(d) and "name_parents" not in kinds(d)
