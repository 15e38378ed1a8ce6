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
