"""summary: one row per article, against the seed's numbers worked out by hand."""

import pandas as pd
import pytest

import commentgraph as cg
from test_graphs import PAGE_A, PAGE_B, hand_seed, table


def seed_summary_facts(d):
    s = cg.summary(d)
    assert len(s) == 1
    row = s.iloc[0]
    assert row["article_id"] == d.articles["article_id"].iloc[0]
    assert "Hanoi" in row["title"]
    assert (row["n_comments"], row["n_authors"], row["n_replies"], row["n_replying"]) == (10, 8, 5, 5)
    assert row["reply_share"] == 0.5
    assert row["n_missing_targets"] == 1
    assert (row["n_threads"], row["n_reply_threads"], row["largest_thread"], row["longest_chain"]) == (6, 3, 4, 3)
    # author relations W->N, F->R, M->WM, WM->M: two of four answered back
    assert row["reciprocity"] == 0.5
    # latencies 1:02, 1:18, 11:03, 25:08 (11 -> Ralf Meier has none)
    assert row["latency_median"] == pd.Timedelta(hours=6, minutes=10, seconds=30)
    assert row["latency_q1"] == pd.Timedelta(hours=1, minutes=14)
    assert row["latency_q3"] == pd.Timedelta(hours=14, minutes=34, seconds=15)
    assert (row["top_pair_a"], row["top_pair_b"], row["top_pair_replies"]) == ("Meckersack", "W. Merseburger", 3)
    assert row["first_at"] == pd.Timestamp("2019-02-28 22:02", tz="Europe/Berlin")
    assert row["last_at"] == pd.Timestamp("2019-03-02 12:47", tz="Europe/Berlin")


def test_seed_summary_by_hand():
    seed_summary_facts(hand_seed())


def test_seed_summary_through_the_resolver(seed):
    seed_summary_facts(seed)


def test_summary_columns_and_a_quiet_article():
    d = table([("1", "Ann", "10:00", None), ("2", "Ben", "10:05", None)])
    s = cg.summary(d)
    assert list(s.columns) == cg.summary.__globals__["SUMMARY_COLUMNS"]
    row = s.iloc[0]
    assert (row["n_replies"], row["reply_share"], row["longest_chain"], row["n_threads"]) == (0, 0.0, 0, 2)
    assert pd.isna(row["reciprocity"]) and pd.isna(row["latency_median"]) and pd.isna(row["top_pair_a"])
    assert str(s["latency_median"].dtype) == "timedelta64[us]"


def test_a_one_way_pair_is_not_a_back_and_forth():
    d = table([("1", "Ann", "10:00", None), ("2", "Ben", "10:05", "1"), ("3", "Ben", "10:06", "1"),
               ("4", "Cem", "10:07", "1"), ("5", "Ann", "10:08", "4")])
    row = cg.summary(d).iloc[0]
    assert (row["top_pair_a"], row["top_pair_b"], row["top_pair_replies"]) == ("Ann", "Cem", 2)
    assert row["reciprocity"] == pytest.approx(2 / 3)  # Ben->Ann alone; Cem->Ann and Ann->Cem answered


def test_summary_one_row_per_article_in_a_corpus():
    d = cg.read_pages([PAGE_A, PAGE_B])
    s = cg.summary(d).set_index("article_id")
    a, b = d.articles["article_id"]
    assert s.loc[a, ["n_comments", "n_replies", "longest_chain"]].tolist() == [3, 2, 2]
    assert s.loc[b, ["n_comments", "n_replies", "n_missing_targets", "longest_chain"]].tolist() == [3, 2, 1, 1]
    assert s.loc[a, "reciprocity"] == 1.0 and s.loc[b, "reciprocity"] == 0.0
    assert (s.loc[a, "top_pair_a"], s.loc[a, "top_pair_replies"]) == ("Anna", 2)
    assert s.loc[a, "latency_median"] == pd.Timedelta(minutes=30)


def test_summary_dtypes_do_not_follow_the_data():
    """An article without a title and without any readable time keeps the columns' dtypes (str, tz-aware),
    so summaries of parts of a corpus stack without turning into object columns."""
    d = cg.read_table(pd.DataFrame({"id": ["1", "2"], "user": ["Ann", "Ben"], "body": ["x", "y"],
                                    "ts": ["3 hours ago", "2 hours ago"]}),
                      columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts"})
    s = cg.summary(d)
    assert s["title"].isna().all() and s["first_at"].isna().all()
    assert str(s["title"].dtype) == "str"
    assert str(s["first_at"].dtype) == str(s["last_at"].dtype) == "datetime64[us, Europe/Berlin]"
