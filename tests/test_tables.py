"""read_table on exports: column mapping, ids, times, nested JSON, the real Globe and Mail data."""

import json

import pandas as pd
import pytest

import commentgraph as cg


def test_ids_stay_verbatim_strings(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("id,user,created,body,parent\n1,Ann,2019-03-01T10:00:00Z,Hi,\n2,Ben,2019-03-01T11:00:00Z,Ja,1\n"
                 "007,Cem,2019-03-01T12:00:00Z,Nein,2\n", encoding="utf-8")
    d = cg.read_table(p, columns={"comment_id": "id", "author": "user", "posted_at": "created", "text": "body",
                                  "parent_id": "parent"})
    assert d.comments["comment_id"].tolist() == ["1", "2", "007"]
    assert d.comments["parent_id"].tolist()[1:] == ["1", "2"] and pd.isna(d.comments["parent_id"].iloc[0])
    assert d.comments["posted_at"].iloc[0] == pd.Timestamp("2019-03-01 11:00", tz="Europe/Berlin")
    assert d.comments["line"].isna().all()


def test_float_ids_from_a_dataframe_do_not_become_2_0():
    df = pd.DataFrame({"cid": [1.0, 2.0], "a": ["x", "y"], "t": ["2019-03-01 10:00", "2019-03-01 11:00"],
                       "x": ["a", "b"], "p": [None, 1.0]})
    d = cg.read_table(df, columns={"comment_id": "cid", "author": "a", "posted_at": "t", "text": "x",
                                   "parent_id": "p"})
    assert d.comments["comment_id"].tolist() == ["1", "2"]
    assert d.comments["parent_id"].iloc[1] == "1"
    # naive times are local time in tz
    assert d.comments["posted_at"].iloc[0] == pd.Timestamp("2019-03-01 10:00", tz="Europe/Berlin")


@pytest.mark.parametrize("values,unit", [([1551434400, 1551438000], "s"), ([1551434400000, 1551438000000], "ms")])
def test_epoch_seconds_and_milliseconds(values, unit):
    df = pd.DataFrame({"author": ["a", "b"], "posted_at": values, "text": ["x", "y"]})
    d = cg.read_table(df)
    assert d.comments["posted_at"].iloc[0] == pd.Timestamp("2019-03-01 10:00", tz="UTC")


def test_missing_time_keeps_the_comment_with_a_problem():
    df = pd.DataFrame({"author": ["a", "b", "c"], "posted_at": ["2019-03-01T10:00:00+01:00", None, "gestern"],
                       "text": ["x", "y", "z"]})
    d = cg.read_table(df)
    assert len(d.comments) == 3
    assert d.comments["posted_at"].isna().tolist() == [False, True, True]
    assert d.problems["kind"].tolist() == ["bad_time", "bad_time"]
    assert d.problems["line"].tolist() == [2, 3]


def test_missing_required_column_is_a_read_error():
    with pytest.raises(cg.ReadError, match="required column"):
        cg.read_table(pd.DataFrame({"author": ["a"], "body_x": ["b"]}))


def test_nested_json_replies_become_parents(tmp_path):
    doc = {"article": {"comments": [
        {"ID": "a", "sender": {"name": "Ann"}, "timestamp": 1551434400000, "commentText": "root",
         "replies": [{"ID": "b", "sender": {"name": "Ben"}, "timestamp": 1551438000000, "commentText": "r1",
                      "replies": [{"ID": "c", "sender": {"name": "Cem"}, "timestamp": 1551441600000,
                                   "commentText": "r2"}]}]}]}}
    p = tmp_path / "c.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    d = cg.read_table(p)
    assert d.comments["comment_id"].tolist() == ["a", "b", "c"]
    assert d.comments["author"].tolist() == ["Ann", "Ben", "Cem"]
    assert d.comments["parent_id"].tolist()[1:] == ["a", "b"]


def test_jsonl_bad_line_is_a_problem(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text('{"author": "a", "posted_at": "2019-03-01T10:00:00Z", "text": "x"}\n{oops\n'
                 '{"author": "b", "posted_at": "2019-03-01T11:00:00Z", "text": "y"}\n', encoding="utf-8")
    d = cg.read_table(p)
    assert d.comments["author"].tolist() == ["a", "b"]
    assert d.problems[["line", "kind"]].values.tolist() == [[2, "bad_json"]]


@pytest.mark.shared_data
def test_globe_and_mail_csv_with_epoch_ms_and_parent_ids(public_data):
    d = cg.read_table(public_data / "comments_csv/old_comments.csv",
                      columns={"comment_id": "ID", "parent_id": "parentID"})
    c = d.comments
    # counts from the data README, worked out with Python's csv module
    assert len(c) == 2089 and c["article_id"].nunique() == 37
    assert c["comment_id"].is_unique and not len(d.problems)
    first = c.iloc[0]
    assert first["comment_id"] == "aede0301627e467882122820b1721ac6" and first["author"] == "morris49"
    assert first["posted_at"] == pd.Timestamp(1380242762776, unit="ms", tz="UTC")


@pytest.mark.shared_data
def test_globe_and_mail_tidy_and_raw_json(public_data):
    d = cg.read_table(public_data / "globe_and_mail_explicit_parent_tidy.csv")
    assert len(d.comments) == 2869 and d.comments["article_id"].nunique() == 40
    assert d.comments["parent_id"].notna().sum() == 1671
    assert d.comments["parent_id"].dropna().isin(d.comments["comment_id"]).all()  # 0 dangling parents
    sizes = {}
    for f in sorted((public_data / "comments_raw_json").glob("*.json")):
        sizes[f.stem] = len(cg.read_table(f).comments)
    assert sorted(sizes.values()) == [114, 240, 426]


def test_lone_surrogates_in_a_dataframe_become_replacement_characters():
    df = pd.DataFrame({"author": pd.Series(["A\udc80nna", "Ben"], dtype=object),
                       "posted_at": ["2019-01-01", "2019-01-02"],
                       "text": pd.Series(["hi \ud83d\ude00 \ud800", "@Anna x"], dtype=object)})
    d = cg.read_table(df)
    assert d.comments["author"].tolist() == ["A\ufffdnna", "Ben"]
    assert d.comments["text"].iloc[0] == "hi \U0001F600 \ufffd"  # a proper pair is joined, a lone one replaced


def test_huge_epoch_floats_are_bad_times_not_a_crash():
    df = pd.DataFrame({"author": ["a", "b"], "posted_at": [8.988465674311579e307, 8.98846567431158e307],
                       "text": ["x", "y"]})
    d = cg.read_table(df)
    assert d.comments["posted_at"].isna().all()
    assert d.problems["kind"].tolist() == ["bad_time", "bad_time"]


def test_relative_times_need_and_use_scraped_at():
    df = pd.DataFrame({"author": ["a", "b", "c"], "posted_at": ["7 hours ago", "vor 2 Tagen", "an hour ago"],
                       "text": ["x", "y", "z"]})
    d = cg.read_table(df)
    assert d.comments["posted_at"].isna().all()
    assert d.problems["kind"].tolist() == ["bad_time"] * 3
    assert "scraped_at" in d.problems["message"].iloc[0]
    d = cg.read_table(df, scraped_at="2016-02-25 12:00")
    assert d.comments["posted_at"].tolist() == [pd.Timestamp("2016-02-25 05:00", tz="Europe/Berlin"),
                                                pd.Timestamp("2016-02-23 12:00", tz="Europe/Berlin"),
                                                pd.Timestamp("2016-02-25 11:00", tz="Europe/Berlin")]
    assert d.problems["kind"].tolist() == ["relative_time"] * 3
    assert (d.problems["severity"] == "notice").all()


def _multi_article_frame():
    return pd.DataFrame({"article": ["A", "A", "B", "B"], "comment_id": ["1", "2", "1", "2"],
                         "author": ["Ann", "Ben", "Cid", "Dan"],
                         "posted_at": ["2019-03-01 10:00", "2019-03-01 11:00", "2019-03-02 10:00", "2019-03-02 11:00"],
                         "text": list("xyzw"), "parent_id": [None, "1", None, "1"]})


def test_ids_per_article_are_a_notice_and_parents_stay_in_their_article():
    d = cg.read_table(_multi_article_frame(), columns={"article_id": "article"}, strict=True)
    c = d.comments
    assert c["comment_id"].tolist() == ["1", "2", "1~2", "2~2"]
    assert c["comment_id"].is_unique
    # Ben replies to Ann in A; Dan replies to Cid in B, not to Ann
    assert c["parent_id"].tolist()[1] == "1" and c["parent_id"].tolist()[3] == "1~2"
    assert c["parent_id"].iloc[[0, 2]].isna().all()
    p = d.problems[d.problems["kind"] == "duplicate_id"]
    assert len(p) == 2 and (p["severity"] == "notice").all()
    assert p["message"].str.contains("per article").all()


def test_duplicate_id_within_one_article_stays_an_error():
    df = _multi_article_frame().assign(article=["A", "A", "A", "B"])
    d = cg.read_table(df, columns={"article_id": "article"})
    p = d.problems[d.problems["kind"] == "duplicate_id"].sort_values("row" if "row" in d.problems else "line")
    assert p["severity"].tolist() == ["error", "notice"]
    c = d.comments
    # Cid (A, written 1 again) is 1~2; Dan's parent "1" in B: B has no comment 1, so the global first (Ann)
    assert c["comment_id"].tolist() == ["1", "2", "1~2", "2~2"]
    assert c["parent_id"].iloc[3] == "1"
    with pytest.raises(cg.ReadError):
        cg.read_table(df, columns={"article_id": "article"}, strict=True)


@pytest.mark.parametrize("key", ["children", "replies", "comments", "answers"])
def test_nested_children_in_json_records_are_read(tmp_path, key):
    recs = [{"id": 1, "author": "A", "created_at": "2019-03-01T10:00:00", "body": "x",
             key: [{"id": 2, "author": "B", "created_at": "2019-03-01T11:00:00", "body": "y",
                    key: [{"id": 3, "author": "C", "created_at": "2019-03-01T12:00:00", "body": "z"}]}]},
            {"id": 4, "author": "D", "created_at": "2019-03-01T13:00:00", "body": "w"}]
    p = tmp_path / "n.json"
    p.write_text(json.dumps(recs), encoding="utf-8")
    c = cg.read_table(p).comments
    assert c["comment_id"].tolist() == ["1", "2", "3", "4"]
    assert c["author"].tolist() == ["A", "B", "C", "D"]
    assert c["parent_id"].tolist()[1:3] == ["1", "2"] and c["parent_id"].iloc[[0, 3]].isna().all()


def test_nesting_fills_an_explicit_parent_column_where_it_is_missing(tmp_path):
    recs = [{"id": 1, "author": "A", "created_at": "2019-03-01T10:00:00", "body": "x", "parent_id": None,
             "children": [{"id": 2, "author": "B", "created_at": "2019-03-01T11:00:00", "body": "y"}]},
            {"id": 3, "author": "C", "created_at": "2019-03-01T12:00:00", "body": "z", "parent_id": 1}]
    p = tmp_path / "n.json"
    p.write_text(json.dumps(recs), encoding="utf-8")
    c = cg.read_table(p).comments
    assert c["comment_id"].tolist() == ["1", "2", "3"]
    assert c["parent_id"].tolist()[1:] == ["1", "1"] and pd.isna(c["parent_id"].iloc[0])


def test_semicolon_csv_from_german_excel(tmp_path):
    p = tmp_path / "excel.csv"
    p.write_text("ID;Autor;Datum;Kommentar;Antwort_auf\n1;Ann;01.03.2019 10:00;Hallo, Welt;\n"
                 "2;Ben;01.03.2019 11:00;\"Ja; genau\";1\n", encoding="cp1252")
    d = cg.read_table(p, columns={"author": "Autor", "posted_at": "Datum", "text": "Kommentar",
                                  "parent_id": "Antwort_auf"})
    c = d.comments
    assert c["comment_id"].tolist() == ["1", "2"]
    assert c["text"].tolist() == ["Hallo, Welt", "Ja; genau"]
    assert c["parent_id"].iloc[1] == "1"
    assert c["posted_at"].iloc[1] == pd.Timestamp("2019-03-01 11:00", tz="Europe/Berlin")
    assert len(d.problems) == 0


def test_parent_ids_written_as_floats_by_to_csv_match_their_comments(tmp_path):
    df = pd.DataFrame({"comment_id": [1, 2, 3], "author": ["Ann", "Ben", "Cem"],
                       "posted_at": ["2019-03-01 10:00", "2019-03-01 11:00", "2019-03-01 12:00"],
                       "text": ["a", "b", "c"], "parent_id": [None, 1, 2]})
    p = tmp_path / "pandas.csv"
    df.to_csv(p, index=False)
    assert "1.0" in p.read_text()  # the parent column holds NaN, so pandas wrote floats
    c = cg.read_table(p).comments
    assert c["comment_id"].tolist() == ["1", "2", "3"]
    assert c["parent_id"].tolist()[1:] == ["1", "2"] and pd.isna(c["parent_id"].iloc[0])
    # not every value like 1.0: ids stay verbatim
    q = tmp_path / "mixed.csv"
    q.write_text("id,author,posted_at,text\n1.0,Ann,2019-03-01 10:00,a\n1.5,Ben,2019-03-01 11:00,b\n")
    assert cg.read_table(q).comments["comment_id"].tolist() == ["1.0", "1.5"]


def test_bytes_in_a_dataframe_are_decoded_not_raised():
    df = pd.DataFrame({"author": [b"J\xfcrgen", "Ann", b"\x89PNG\r\n\x1a\n"],
                       "posted_at": ["2019-03-01 10:00", "2019-03-01 11:00", "2019-03-01 12:00"],
                       "text": ["Grüße".encode(), b"caf\xe9", "plain"]})
    c = cg.read_table(df).comments
    assert c["author"].tolist()[:2] == ["Jürgen", "Ann"]  # cp1252 fallback
    assert c["author"].iloc[2] == repr(b"\x89PNG\r\n\x1a\n")  # binary: its repr, not an error
    assert c["text"].tolist() == ["Grüße", "café", "plain"]


def test_unterminated_quote_keeps_the_rows_before_it(tmp_path):
    p = tmp_path / "q.csv"
    p.write_text('author,posted_at,text\nAnn,2019-03-01 10:00,"zwei\nZeilen"\nBen,2019-03-01 11:00,ok\n'
                 'Cem,2019-03-01 12:00,"offen\nDan,2019-03-01 13:00,Ja\n', encoding="utf-8")
    d = cg.read_table(p)
    assert d.comments["author"].tolist() == ["Ann", "Ben"]
    assert d.comments["row"].tolist() == [2, 4]
    p_ = d.problems
    assert p_["kind"].tolist() == ["unterminated_quote"] and p_["line"].tolist() == [5]
    assert "rest of the file from line 5 was not read" in p_["message"].iloc[0]
    assert cg.check_accounting(cg.account_rows(p, d))
    with pytest.raises(cg.ReadError, match="line 5"):
        cg.read_table(p, strict=True)
    h = tmp_path / "h.csv"
    h.write_text('author,"posted_at,text\nAnn,2019-03-01 10:00,x\n', encoding="utf-8")
    with pytest.raises(cg.ReadError, match="header"):
        cg.read_table(h)


def test_slash_dates_in_a_table_column_follow_the_column():
    def read(col):
        return cg.read_table(pd.DataFrame({"id": [1, 2], "author": ["a", "b"], "text": ["x", "y"], "date": col}))

    d = read(["03/01/2019 10:00", "25/12/2019 13:00"])   # a day above 12 first: day first
    assert d.comments["posted_at"].astype(str).tolist() == ["2019-01-03 10:00:00+01:00", "2019-12-25 13:00:00+01:00"]
    assert d.problems.empty
    d = read(["03/01/2019 10:00", "12/25/2019 1:00 PM"])  # month first
    assert d.comments["posted_at"].astype(str).tolist() == ["2019-03-01 10:00:00+01:00", "2019-12-25 13:00:00+01:00"]
    assert d.problems.empty
    d = read(["03/01/2019 10:00", "03/02/2019 13:00"])   # nothing decides: month first, and a notice
    assert d.comments["posted_at"].astype(str).tolist() == ["2019-03-01 10:00:00+01:00", "2019-03-02 13:00:00+01:00"]
    assert d.problems["kind"].tolist() == ["date_order"] and "in the column" in d.problems["message"].iloc[0]


def test_epoch_column_mixing_seconds_and_milliseconds_reads_each_by_its_size():
    d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "author": ["a", "b", "c"], "text": ["x", "y", "z"],
                                    "created": [1551434400, 1551434460123, 1551434520]}))
    assert d.comments["posted_at"].astype(str).tolist() == [   # 1551434400 s = 2019-03-01 10:00 UTC
        "2019-03-01 11:00:00.000+01:00", "2019-03-01 11:01:00.123+01:00", "2019-03-01 11:02:00.000+01:00"]
    assert d.problems["kind"].tolist() == ["epoch_units"]
    assert "2 in seconds, 1 in milliseconds" in d.problems["message"].iloc[0]


def test_excel_sep_line_names_the_delimiter_and_rows_keep_their_lines(tmp_path):
    f = tmp_path / "excel.csv"
    f.write_text('sep=;\nid;Autor;Datum;Kommentar\n1;Anna;01.03.2019 10:00;Hallo, Welt\n'
                 '2;Bert;01.03.2019 10:05;"@Anna nein;\nwirklich"\n3;Cleo;01.03.2019 10:06;x\n', encoding="utf-8")
    d = cg.read_table(f)
    assert d.comments["author"].tolist() == ["Anna", "Bert", "Cleo"]
    assert d.comments["text"].tolist() == ["Hallo, Welt", "@Anna nein;\nwirklich", "x"]
    assert d.comments["row"].tolist() == [3, 4, 6] and d.problems.empty
    assert d.replies["target_comment_id"].tolist() == ["1"]
    assert cg.check_accounting(cg.account_rows(f, d))


def test_nested_author_objects_and_a_ts_column_are_found(tmp_path):
    f = tmp_path / "nested.json"
    f.write_text(json.dumps([
        {"id": "a", "author": {"name": "Anna", "id": 7}, "ts": "2019-03-01T10:00:00Z", "text": "Hallo"},
        {"id": "b", "author": {"name": "Bert", "id": 8}, "ts": "2019-03-01T10:05:00Z", "text": "@Anna nein"}]),
        encoding="utf-8")
    d = cg.read_table(f)
    assert d.comments["author"].tolist() == ["Anna", "Bert"]
    assert d.comments["posted_at"].astype(str).tolist() == ["2019-03-01 11:00:00+01:00", "2019-03-01 11:05:00+01:00"]
    assert d.replies["target_comment_id"].tolist() == ["a"] and d.problems.empty


def test_daylight_saving_times_in_a_table_get_the_page_readers_notices():
    d = cg.read_table(pd.DataFrame({"id": [1, 2, 3, 4], "author": ["a", "b", "c", "d"], "text": ["x", "y", "z", "w"],
                                    "date": ["2019-03-31T02:30", "2019-10-27 02:30", "31.03.2019 02:15",
                                             "2019-03-01 10:00"]}))
    # Berlin: 31 March 2019 02:00-03:00 never happens, 27 October 02:00-03:00 happens twice
    assert d.comments["posted_at"].astype(str).tolist() == [
        "2019-03-31 03:00:00+02:00", "2019-10-27 02:30:00+02:00", "2019-03-31 03:00:00+02:00",
        "2019-03-01 10:00:00+01:00"]
    p = d.problems
    assert sorted(zip(p["kind"], p["line"])) == [("ambiguous_time", 2), ("nonexistent_time", 1),
                                                 ("nonexistent_time", 3)]
    assert (p["severity"] == "notice").all()


@pytest.mark.parametrize("row", ["a,b,c,2020-01-01 10:00", '"a",b,c,2020-01-01 10:00'])  # pandas' parser / csv module
def test_a_column_name_written_twice_is_a_notice_and_both_are_kept(tmp_path, row):
    p = tmp_path / "dup.csv"
    p.write_text("author,author,text,date\n" + row + "\n", encoding="utf-8")
    d = cg.read_table(p)
    assert d.comments[["author", "author.1"]].iloc[0].tolist() == ["a", "b"]
    assert d.problems[["kind", "line"]].values.tolist() == [["repeated_column", 1]]
