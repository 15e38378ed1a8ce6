"""Threads: the reply trees of a Discussion, computed on the tables (no networkx needed).

A comment may have several reply edges (two mentions, a mention and a parent). The thread tree uses
ONE parent per comment: its explicit parent (``via="parent"``) when it has one, else its first mention
edge by position in the text. The other edges stay in :func:`commentgraph.reply_graph`. A thread is
a tree of these parent links; its id is its root's node id (a comment id, or
``missing:<article_id>:<name>`` when the root is a comment not in the data).

Parent links that form a cycle (``a -> b -> a`` in explicit parent data) are broken at the cycle's
earliest comment, which becomes a root; ``comment_threads(d)["cycle_broken"]`` marks it. A comment
that names itself as parent is marked the same way (that edge never enters the tree).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .edges import edge_positions, filter_key, memoized, readonly


def _sort_key(times: pd.Series) -> np.ndarray:
    """Times as int64 microseconds (UTC) for sorting, NaT last; no per-element Timestamp objects."""
    utc = times.dt.tz_convert(None) if getattr(times.dt, "tz", None) is not None else times
    t = utc.to_numpy(dtype="datetime64[us]").view(np.int64)
    return np.where(times.isna().to_numpy(), np.iinfo(np.int64).max, t)


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values of an int array (a sort, faster than ``np.unique`` on large arrays).

    >>> from commentgraph.threads import distinct
    >>> distinct(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    v = np.sort(values)
    return v[np.r_[True, v[1:] != v[:-1]]] if len(v) else v


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


@dataclass(frozen=True)
class _Tree:
    """The thread forest on integer node positions: comments ``0..n-1``, missing targets ``n..``."""

    comments: pd.DataFrame
    edges: pd.DataFrame      # filtered reply edges (see edges.reply_edges)
    source_pos: np.ndarray   # per edge
    target_pos: np.ndarray   # per edge, -1 for a missing target
    keys: pd.Series          # author key per comment
    missing_ids: pd.Series   # node id per missing target
    missing_articles: pd.Series
    root: np.ndarray         # per node
    depth: np.ndarray        # per node
    parent: np.ndarray       # per node, -1 for a root
    parent_via: pd.Series    # per comment
    cut: np.ndarray          # per node: its parent link was dropped to break a cycle

    def ids(self, pos: np.ndarray) -> pd.Series:
        """Node ids (str) for node positions; -1 gives NA."""
        n = len(self.comments)
        pos = np.asarray(pos)
        real = (pos >= 0) & (pos < n)
        out = self.comments["comment_id"].iloc[np.where(real, pos, 0)].reset_index(drop=True) if n else \
            pd.Series([pd.NA] * len(pos), dtype="str")
        out = out.where(real)
        miss = np.flatnonzero(pos >= n)
        if len(miss):
            out.iloc[miss] = self.missing_ids.to_numpy()[pos[miss] - n]
        return out


def thread_forest(d, *, via=None, resolution=None, self_replies: bool = True) -> _Tree:
    """The thread forest of ``d``: one parent per comment, cycles cut; see the module docstring.
    Computed once per Discussion and filters (threads, comment_threads and summary share it)."""
    filters = {"via": via, "resolution": resolution, "self_replies": self_replies}
    try:
        what = ("tree", *filter_key(via, resolution, self_replies))
    except TypeError:
        return _compute_tree(d, **filters)
    return memoized(d, what, lambda: _compute_tree(d, **filters))


def _compute_tree(d, **filters) -> _Tree:
    c = d.comments
    n = len(c)
    e, si, ti, keys = edge_positions(d, **filters)
    # one tree parent per comment: the first edge of each source in ``order``
    loop = si == ti  # a comment named as its own parent: never a tree edge, reported like a cycle
    perm = np.argsort(e["order"].to_numpy(), kind="stable")
    perm = perm[~loop[perm]]
    psi = si[perm]
    first = perm[np.r_[True, psi[1:] != psi[:-1]]] if len(perm) else perm
    missing = ti < 0
    codes, uniques = pd.factorize(e["target"].iloc[np.flatnonzero(missing)]) if missing.any() else (
        np.zeros(0, np.int64), pd.Index([], dtype="str"))
    missing_ids = pd.Series(uniques, dtype="str")
    missing_articles = (e["article_id"].iloc[np.flatnonzero(missing)].groupby(codes).first().reset_index(drop=True)
                        if missing.any() else pd.Series([], dtype="str"))
    full_ti = ti.copy()
    full_ti[missing] = n + codes
    total = n + len(missing_ids)
    parent = np.arange(total)
    parent[si[first]] = full_ti[first]
    # rank for cutting cycles: the earliest comment (then the first in the table) loses its parent link
    order = np.lexsort((np.arange(n), _sort_key(c["posted_at"])))
    rank = np.arange(total, dtype=np.int64)
    rank[order] = np.arange(n)
    root, depth, cut = _roots_and_depths(parent, rank)
    has = (parent != np.arange(total)) & ~cut
    cut[si[loop]] = True
    via = pd.Series(pd.NA, index=range(n), dtype="str")
    if len(first):
        via.iloc[si[first]] = e["via"].iloc[first].to_numpy()
    parent = np.where(has, parent, -1)
    readonly(root, depth, parent, cut)
    return _Tree(c, e, si, ti, keys, missing_ids, missing_articles.astype("str"), root, depth,
                 parent, via.where(has[:n]), cut)


def comment_threads(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    """Per comment: ``comment_id``, ``article_id``, ``thread_id``, ``depth`` (tree edges below the root),
    ``parent`` (the one edge the tree uses, NA for a root), ``parent_via`` and ``cycle_broken``.

    Filters as in :mod:`commentgraph.edges`; see the module docstring for how the parent is picked.

    >>> import pandas as pd
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ann"], "body": "x",
    ...     "ts": ["2019-03-01 10:00", "2019-03-01 10:30", "2019-03-01 11:00"], "parent": [None, 1, 2]}),
    ...     columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
    ...              "parent_id": "parent"})
    >>> cg.comment_threads(d)[["comment_id", "thread_id", "depth", "parent"]].values.tolist()
    [['1', '1', 0, nan], ['2', '1', 1, '1'], ['3', '1', 2, '2']]
    """
    t = thread_forest(d, via=via, resolution=resolution, self_replies=self_replies)
    c = d.comments
    n = len(c)
    return pd.DataFrame({
        "comment_id": c["comment_id"].reset_index(drop=True).astype("str"),
        "article_id": c["article_id"].reset_index(drop=True).astype("str"),
        "thread_id": t.ids(t.root[:n]),
        "depth": t.depth[:n].astype(np.int64),
        "parent": t.ids(t.parent[:n]),
        "parent_via": t.parent_via,
        "cycle_broken": t.cut[:n],
    })


THREAD_COLUMNS = ["thread_id", "article_id", "root_comment_id", "size", "depth", "n_authors", "start", "end",
                  "duration", "has_missing", "cycle_broken"]


def threads(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    """One row per thread: ``thread_id`` (root node id), ``article_id``, ``root_comment_id`` (NA when the
    root is not in the data), ``size`` (comments present), ``depth`` (longest chain of tree edges),
    ``n_authors`` (distinct authors of the comments present; each placeholder comment its own author),
    ``start``, ``end``, ``duration`` (first to last comment), ``has_missing`` (the root is missing, or a
    comment in it answers one that is not in the data) and ``cycle_broken``.

    Single comments nobody answered are threads of size 1. Rows run by article, then start. A thread is a
    connected component of the one-parent tree; a comment's further reply edges (a second mention) stay
    in :func:`commentgraph.reply_graph`, where they may join two threads.

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
    t = thread_forest(d, via=via, resolution=resolution, self_replies=self_replies)
    c = d.comments
    n = len(c)
    root = t.root[:n]
    author_code = pd.factorize(t.keys)[0].astype(np.int64)
    answers_missing = np.zeros(n, dtype=bool)
    answers_missing[t.source_pos[t.target_pos < 0]] = True
    per = pd.DataFrame({"root": root, "posted_at": c["posted_at"].reset_index(drop=True)})
    g = per.groupby("root", sort=True)
    roots = g.size().index.to_numpy()
    # distinct authors per root, on integer codes
    pairs = distinct(root * (author_code.max(initial=0) + 1) + author_code)
    n_authors = np.bincount(pairs // (author_code.max(initial=0) + 1), minlength=len(t.root))[roots]
    size = np.bincount(root, minlength=len(t.root))[roots]
    depth = np.zeros(len(t.root), dtype=np.int64)
    np.maximum.at(depth, root, t.depth[:n])
    is_missing_root = roots >= n
    art = c["article_id"].iloc[np.where(is_missing_root, 0, roots)].reset_index(drop=True).astype("str")
    if is_missing_root.any():
        at = np.flatnonzero(is_missing_root)
        art.iloc[at] = t.missing_articles.to_numpy()[roots[at] - n]
    ids = t.ids(roots)
    result = pd.DataFrame({
        "thread_id": ids,
        "article_id": art,
        "root_comment_id": ids.where(~is_missing_root),
        "size": size.astype(np.int64),
        "depth": depth[roots],
        "n_authors": n_authors.astype(np.int64),
        "start": g["posted_at"].min().reset_index(drop=True),
        "end": g["posted_at"].max().reset_index(drop=True),
        "has_missing": is_missing_root | (np.bincount(root, weights=answers_missing, minlength=len(t.root))[roots] > 0),
        "cycle_broken": np.bincount(root, weights=t.cut[:n], minlength=len(t.root))[roots] > 0,
    })
    result.insert(result.columns.get_loc("has_missing"), "duration", result["end"] - result["start"])
    # by article (in the order articles appear), then by start
    art_order = pd.Index(pd.unique(c["article_id"]))
    key = art_order.get_indexer(result["article_id"])
    t = _sort_key(result["start"])
    return result.iloc[np.lexsort((np.arange(len(result)), t, key))].reset_index(drop=True)
