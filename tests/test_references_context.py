"""Threads and thread members as resolution sees them, worked out by hand."""

import numpy as np
import pandas as pd

from commentgraph.references.address import thread_members
from commentgraph.references.context import prepare, thread_roots


def test_thread_roots_follow_parents_in_the_data():
    c = pd.DataFrame({
        "comment_id": ["a", "b", "c", "d", "e", "b", "x", None, "y", "z"],
        "parent_id": [None, "a", "b", "gone", "e", "d", "y", "c", "z", "y"],
    })
    # c -> b -> a (chain; b's first row with a parent says a); d's parent is not in the data: its own root;
    # e answers itself: its own root; x -> y -> z -> y is a cycle (stops); the comment without an id follows c
    got = thread_roots(c).tolist()
    assert got[:6] == ["a", "a", "a", "d", "e", "a"]
    assert got[7] == "a"
    assert set(got[6:7] + got[8:]) <= {"y", "z"}


def test_thread_members_are_the_authors_of_each_thread():
    c = prepare(pd.DataFrame({
        "comment_id": ["1", "2", "3", "4", "5"], "article_id": "x",
        "author": ["Anna", "Ben", "Cleo", None, "Dora"],
        "text": ["hi", "Anna, no", "Hallo", "Cleo: ja", "Ben, hm"],
        "parent_id": [None, "1", None, "3", "1"],
    }))
    rows = np.array([False, True, False, True, True])
    got = thread_members(c, rows)
    assert got == {"2": frozenset({"Anna", "Ben", "Dora"}), "4": frozenset({"Cleo"}),
                   "5": frozenset({"Anna", "Ben", "Dora"})}
