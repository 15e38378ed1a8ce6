"""Threads: the reply trees of a Discussion, computed on the tables (no networkx needed).

A comment may have several reply edges (two mentions, a mention and a parent). The thread tree uses
ONE parent per comment: its explicit parent (``via="parent"``) when it has one, else its first mention
edge by position in the text. The other edges stay in :func:`commentgraph.reply_graph`. A thread is
a tree of these parent links; its id is its root's node id (a comment id, or
``missing:<article_id>:<name>`` when the root is a comment not in the data).

Parent links that form a cycle (``a -> b -> a`` in explicit parent data) are broken at the cycle's
earliest comment, which becomes a root; ``comment_threads(d)["cycle_broken"]`` marks it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .filters import author_keys, reply_edges


def _sort_key(times: pd.Series) -> np.ndarray:
    """Times as int64 microseconds (UTC) for sorting, NaT last; no per-element Timestamp objects."""
    utc = times.dt.tz_convert(None) if getattr(times.dt, "tz", None) is not None else times
    t = utc.to_numpy(dtype="datetime64[us]").view(np.int64)
    return np.where(times.isna().to_numpy(), np.iinfo(np.int64).max, t)


def _jump(parent: np.ndarray, rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """Pointer jumping: ``parent`` applied 2**rounds times, and the number of real steps taken."""
    n = len(parent)
    up = parent.copy()
    dist = (parent != np.arange(n)).astype(np.int64)
    for _ in range(rounds):
        nxt = up[up]
        if np.array_equal(nxt, up):
            break
        dist = dist + dist[up]
        up = nxt
    return up, dist


def _roots_and_depths(parent: np.ndarray, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Root and depth of every node of a parent forest; cycles are cut at their lowest-``rank`` node.

    ``parent[i] == i`` marks a root. Returns ``(root, depth, cut)`` where ``cut`` flags nodes whose
    parent link was dropped to break a cycle. Runs in O(n log n) vectorised steps.

    >>> from commentgraph.threads import _roots_and_depths
    >>> root, depth, cut = _roots_and_depths(np.array([0, 0, 1, 4, 3]), np.arange(5))
    >>> root.tolist(), depth.tolist(), cut.tolist()
    ([0, 0, 0, 3, 3], [0, 1, 2, 0, 1], [False, False, False, True, False])
    """
    n = len(parent)
    parent = parent.copy()
    rounds = max(1, int(np.ceil(np.log2(n + 1))) + 1)  # 2**rounds > n: every path ends in a root or a cycle
    up, dist = _jump(parent, rounds)
    cut = np.zeros(n, dtype=bool)
    bad = parent[up] != up
    if bad.any():
        on_cycle = np.unique(up[bad])  # nodes n steps up from a bad node sit on its cycle
        # lowest rank around each cycle: a min-reduction by pointer jumping
        low, step = rank.copy(), parent.copy()
        for _ in range(rounds):
            low = np.minimum(low, low[step])
            step = step[step]
        by_rank = np.empty(n, dtype=np.int64)
        by_rank[rank] = np.arange(n)
        cuts = np.unique(by_rank[low[on_cycle]])
        parent[cuts] = cuts
        cut[cuts] = True
        up, dist = _jump(parent, rounds)
    return up, dist, cut


def _tree(d, **filters) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per node (comments first, then missing targets): parent, root, depth; and the filtered edges."""
    c = d.comments
    n = len(c)
    e = reply_edges(d, **filters)
    first = e.sort_values("order").drop_duplicates("source")  # one tree parent per comment
    missing_ids = pd.Index(e.loc[e["missing"], "target"].unique())
    cidx = pd.Index(c["comment_id"])
    nodes = cidx.append(missing_ids)
    total = len(nodes)
    parent = np.arange(total)
    si = cidx.get_indexer(first["source"])
    ti = nodes.get_indexer(first["target"])
    parent[si] = ti
    # rank for cutting cycles: the earliest comment (then the first in the table) loses its parent link
    t = _sort_key(c["posted_at"])
    order = np.lexsort((np.arange(n), t))
    rank = np.empty(total, dtype=np.int64)
    rank[order] = np.arange(n)
    rank[n:] = np.arange(n, total)
    root, depth, cut = _roots_and_depths(parent, rank)
    tree_parent = np.full(total, -1)
    has = (parent != np.arange(total)) & ~cut
    tree_parent[has] = parent[has]
    via = pd.Series(pd.NA, index=range(total), dtype="str")
    via.iloc[si] = first["via"].to_numpy()
    via = via.where(has)
    nodes_frame = pd.DataFrame({
        "node": nodes.astype("str"),
        "root": root,
        "depth": depth,
        "parent": np.where(tree_parent >= 0, nodes.to_numpy()[np.maximum(tree_parent, 0)], None),
        "parent_via": via,
        "cut": cut,
    })
    nodes_frame["parent"] = nodes_frame["parent"].astype("str")
    return nodes_frame, e


def comment_threads(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    """Per comment: ``comment_id``, ``article_id``, ``thread_id``, ``depth`` (tree edges below the root),
    ``parent`` (the one edge the tree uses, NA for a root), ``parent_via`` and ``cycle_broken``.

    Filters as in :mod:`commentgraph.filters`; see the module docstring for how the parent is picked.

    >>> import pandas as pd
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ann"], "body": "x",
    ...     "ts": ["2019-03-01 10:00", "2019-03-01 10:30", "2019-03-01 11:00"], "parent": [None, 1, 2]}),
    ...     columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
    ...              "parent_id": "parent"})
    >>> from commentgraph.schema import conform
    >>> d = d.replace(replies=conform(pd.DataFrame({"source_comment_id": ["2", "3"],
    ...     "target_comment_id": ["1", "2"], "target_author": ["Ann", "Ben"], "via": "parent"}), "replies"))
    >>> cg.comment_threads(d)[["comment_id", "thread_id", "depth", "parent"]].values.tolist()
    [['1', '1', 0, nan], ['2', '1', 1, '1'], ['3', '1', 2, '2']]
    """
    nodes, _ = _tree(d, via=via, resolution=resolution, self_replies=self_replies)
    c = d.comments
    n = len(c)
    head = nodes.iloc[:n]
    return pd.DataFrame({
        "comment_id": c["comment_id"].to_numpy(),
        "article_id": c["article_id"].to_numpy(),
        "thread_id": nodes["node"].to_numpy()[head["root"].to_numpy()],
        "depth": head["depth"].to_numpy(),
        "parent": head["parent"].to_numpy(),
        "parent_via": head["parent_via"].to_numpy(),
        "cycle_broken": head["cut"].to_numpy(),
    }).astype({"comment_id": "str", "article_id": "str", "thread_id": "str", "depth": "int64", "parent": "str",
               "parent_via": "str", "cycle_broken": "bool"})


THREAD_COLUMNS = ["thread_id", "article_id", "root_comment_id", "size", "depth", "n_authors", "start", "end",
                  "duration", "has_missing", "cycle_broken"]


def threads(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    """One row per thread: ``thread_id`` (root node id), ``article_id``, ``root_comment_id`` (NA when the
    root is not in the data), ``size`` (comments present), ``depth`` (longest chain of tree edges),
    ``n_authors`` (distinct authors of the comments present; each placeholder comment its own author),
    ``start``, ``end``, ``duration`` (first to last comment), ``has_missing`` (the root is missing, or a
    comment in it answers one that is not in the data) and ``cycle_broken``.

    Single comments nobody answered are threads of size 1. Rows run by article, then start.

    >>> import pandas as pd
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ann"], "body": "x",
    ...     "ts": ["2019-03-01 10:00", "2019-03-01 10:30", "2019-03-01 11:00"], "parent": [None, 1, None]}),
    ...     columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
    ...              "parent_id": "parent"})
    >>> from commentgraph.schema import conform
    >>> d = d.replace(replies=conform(pd.DataFrame({"source_comment_id": ["2"],
    ...     "target_comment_id": ["1"], "target_author": ["Ann"], "via": "parent"}), "replies"))
    >>> cg.threads(d)[["thread_id", "size", "depth", "n_authors", "duration"]].astype(str).values.tolist()
    [['1', '2', '1', '2', '0 days 00:30:00'], ['3', '1', '0', '1', '0 days 00:00:00']]
    """
    nodes, e = _tree(d, via=via, resolution=resolution, self_replies=self_replies)
    c = d.comments
    n = len(c)
    root = nodes["root"].to_numpy()[:n]
    per = pd.DataFrame({
        "root": root,
        "author": author_keys(c["author"], c["comment_id"]).to_numpy(),
        "posted_at": c["posted_at"].reset_index(drop=True),
        "depth": nodes["depth"].to_numpy()[:n],
        "cut": nodes["cut"].to_numpy()[:n],
    })
    answers_missing = np.zeros(n, dtype=bool)
    if len(e):
        src = pd.Index(c["comment_id"]).get_indexer(e.loc[e["missing"], "source"])
        answers_missing[src] = True
    per["answers_missing"] = answers_missing
    g = per.groupby("root", sort=True)
    out = pd.DataFrame({
        "size": g.size(),
        "depth": g["depth"].max(),
        "n_authors": g["author"].nunique(),
        "start": g["posted_at"].min(),
        "end": g["posted_at"].max(),
        "answers_missing": g["answers_missing"].any(),
        "cycle_broken": g["cut"].any(),
    })
    ridx = out.index.to_numpy()
    is_missing_root = ridx >= n
    node_ids = nodes["node"].to_numpy()
    art_of_root = np.empty(len(ridx), dtype=object)
    art_of_root[~is_missing_root] = c["article_id"].to_numpy()[ridx[~is_missing_root]]
    if is_missing_root.any():
        miss = e.loc[e["missing"]].drop_duplicates("target").set_index("target")["article_id"]
        art_of_root[is_missing_root] = miss.reindex(node_ids[ridx[is_missing_root]]).to_numpy()
    result = pd.DataFrame({
        "thread_id": pd.array(node_ids[ridx], dtype="str"),
        "article_id": pd.array(art_of_root, dtype="str"),
        "root_comment_id": pd.array(np.where(is_missing_root, None, node_ids[ridx]), dtype="str"),
        "size": out["size"].to_numpy(dtype=np.int64),
        "depth": out["depth"].to_numpy(dtype=np.int64),
        "n_authors": out["n_authors"].to_numpy(dtype=np.int64),
        "start": out["start"].reset_index(drop=True),
        "end": out["end"].reset_index(drop=True),
        "has_missing": is_missing_root | out["answers_missing"].to_numpy(dtype=bool),
        "cycle_broken": out["cycle_broken"].to_numpy(dtype=bool),
    })
    result.insert(result.columns.get_loc("has_missing"), "duration", result["end"] - result["start"])
    # by article (in the order articles appear), then by start
    art_order = pd.Index(pd.unique(c["article_id"]))
    key = art_order.get_indexer(result["article_id"])
    t = _sort_key(result["start"])
    return result.iloc[np.lexsort((np.arange(len(result)), t, key))].reset_index(drop=True)
