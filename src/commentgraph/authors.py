"""Authors and author pairs: who writes, who answers whom, who is central (computed on the tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .edges import author_edges, author_stats, is_placeholder


def pagerank(sources, targets, weights, n: int, *, alpha: float = 0.85, tol: float = 1e-12,
             max_iter: int = 1000) -> np.ndarray:
    """Weighted PageRank over node indices ``0..n-1`` (networkx's definition: uniform teleport,
    dangling nodes spread evenly), by vectorised power iteration.

    >>> from commentgraph.authors import pagerank
    >>> pagerank(np.array([0, 1]), np.array([1, 0]), np.array([1.0, 1.0]), 2).round(3).tolist()
    [0.5, 0.5]
    """
    if n == 0:
        return np.zeros(0)
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    weights = np.asarray(weights, dtype=float)
    out_w = np.bincount(sources, weights=weights, minlength=n)
    dangling = out_w == 0
    share = np.divide(weights, out_w[sources], out=np.zeros_like(weights), where=out_w[sources] > 0)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        new = alpha * np.bincount(targets, weights=x[sources] * share, minlength=n)
        new += (alpha * x[dangling].sum() + 1.0 - alpha) / n
        if np.abs(new - x).sum() < tol * n:
            return new
        x = new
    return x


AUTHOR_COLUMNS = ["author", "name", "placeholder", "missing", "n_comments", "n_articles", "replies_sent",
                  "replies_received", "partners", "reciprocated", "out_degree", "in_degree", "pagerank",
                  "first_at", "last_at"]


def authors(d, *, via=None, resolution=None, self_replies: bool = True, min_weight: int = 1) -> pd.DataFrame:
    """One row per author (a node of :func:`commentgraph.author_graph`), most central first.

    ``author`` (node id: the name, ``"Gast #<comment_id>"`` for a placeholder), ``name``,
    ``placeholder``, ``missing`` (only known as a reply target), ``n_comments``, ``n_articles``,
    ``replies_sent`` / ``replies_received`` (reply edges), ``partners`` (distinct other authors either
    way), ``reciprocated`` (partners answered and answered back), ``out_degree`` / ``in_degree`` (edges
    of the author graph, as networkx counts them), ``pagerank`` (weighted PageRank of the author graph,
    where replies point at the answered: high = much answered by the much answered), ``first_at`` /
    ``last_at`` (first and last comment). Filters as in :mod:`commentgraph.edges`.

    >>> import pandas as pd
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ann"], "body": "x",
    ...     "ts": ["2019-03-01 10:00", "2019-03-01 10:30", "2019-03-01 11:00"], "parent": [None, 1, 2]}),
    ...     columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
    ...              "parent_id": "parent"})
    >>> cg.authors(d)[["author", "n_comments", "replies_sent", "reciprocated"]].values.tolist()
    [['Ann', 2, 1, 1], ['Ben', 1, 1, 1]]
    """
    rel = author_edges(d, via=via, resolution=resolution, self_replies=self_replies, min_weight=min_weight)
    return author_table(author_stats(d.comments), rel)


def author_table(stats: pd.DataFrame, rel: pd.DataFrame) -> pd.DataFrame:
    """The :func:`authors` table from per-author stats (:func:`commentgraph.edges.author_stats`) and the
    author relations (:func:`commentgraph.edges.author_edges`)."""
    table = stats.copy(deep=False)
    dtype = stats["first_at"].dtype
    extra = pd.Index(rel["target_key"].unique()).difference(table.index, sort=False)
    if len(extra):
        names = (rel.drop_duplicates("target_key").set_index("target_key")["target_name"].reindex(extra)
                 .astype("str").reset_index(drop=True))
        table = pd.concat([table, pd.DataFrame({
            "name": names.to_numpy(), "placeholder": is_placeholder(names), "n_comments": 0, "n_articles": 0,
            "first_at": pd.Series(pd.NaT, index=range(len(extra)), dtype=dtype).to_numpy(),
            "last_at": pd.Series(pd.NaT, index=range(len(extra)), dtype=dtype).to_numpy(),
        }, index=extra)])
    table["missing"] = table.index.isin(extra)
    idx = table.index
    s = idx.get_indexer(rel["source_key"])
    t = idx.get_indexer(rel["target_key"])
    w = rel["weight"].to_numpy(dtype=float)
    m = len(idx)
    table["replies_sent"] = np.bincount(s, weights=w, minlength=m).astype(np.int64)
    table["replies_received"] = np.bincount(t, weights=w, minlength=m).astype(np.int64)
    table["out_degree"] = np.bincount(s, minlength=m)
    table["in_degree"] = np.bincount(t, minlength=m)
    other = s != t
    a, b = np.minimum(s, t)[other], np.maximum(s, t)[other]
    pairs = pd.DataFrame({"a": a, "b": b}).value_counts()  # 2 = both directions
    pa = pairs.index.get_level_values("a").to_numpy()
    pb = pairs.index.get_level_values("b").to_numpy()
    table["partners"] = np.bincount(pa, minlength=m) + np.bincount(pb, minlength=m)
    both = pairs.to_numpy() == 2
    table["reciprocated"] = np.bincount(pa[both], minlength=m) + np.bincount(pb[both], minlength=m)
    table["pagerank"] = pagerank(s, t, w, m)
    table = table.rename_axis("author").reset_index()
    table["author"] = table["author"].astype("str")
    table["name"] = table["name"].astype("str")
    table = table.astype({"n_comments": "int64", "n_articles": "int64", "placeholder": "bool", "missing": "bool"})
    table = table.sort_values(["pagerank", "author"], ascending=[False, True], kind="stable")
    return table[AUTHOR_COLUMNS].reset_index(drop=True)


def reply_pairs(d, *, via=None, resolution=None, self_replies: bool = True, min_weight: int = 1) -> pd.DataFrame:
    """One row per pair of authors who replied to each other at least once, busiest first.

    ``a`` (the one who sent more replies in the pair; on a tie the first by name), ``b``, ``a_to_b``,
    ``b_to_a``, ``total``, ``reciprocated`` (both directions), ``first_at`` / ``last_at`` (first and
    last reply between them). Self-replies are not pairs. ``min_weight`` applies per direction.

    >>> import pandas as pd
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ann"], "body": "x",
    ...     "ts": ["2019-03-01 10:00", "2019-03-01 10:30", "2019-03-01 11:00"], "parent": [None, 1, 2]}),
    ...     columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
    ...              "parent_id": "parent"})
    >>> cg.reply_pairs(d)[["a", "b", "a_to_b", "b_to_a", "reciprocated"]].values.tolist()
    [['Ann', 'Ben', 1, 1, True]]
    """
    rel = author_edges(d, via=via, resolution=resolution, self_replies=self_replies, min_weight=min_weight)
    return _pairs(rel, ["source_key", "target_key"])


def _pairs(rel: pd.DataFrame, ends: list[str], by: list[str] | None = None) -> pd.DataFrame:
    """Directed relations (``weight``, ``first_at``, ``last_at``) -> unordered pairs, per ``by`` groups."""
    by = by or []
    rel = rel[rel[ends[0]] != rel[ends[1]]]
    s, t = rel[ends[0]].astype("str"), rel[ends[1]].astype("str")
    first = (s < t).to_numpy()
    lo, hi = s.where(first, t), t.where(first, s)
    p = rel[by].assign(lo=lo, hi=hi, lo_to_hi=np.where(first, rel["weight"], 0),
                       hi_to_lo=np.where(first, 0, rel["weight"]), first_at=rel["first_at"], last_at=rel["last_at"])
    g = p.groupby([*by, "lo", "hi"], sort=False)
    agg = pd.DataFrame({"lo_to_hi": g["lo_to_hi"].sum(), "hi_to_lo": g["hi_to_lo"].sum(),
                        "first_at": g["first_at"].min(), "last_at": g["last_at"].max()}).reset_index()
    swap = (agg["hi_to_lo"] > agg["lo_to_hi"]).to_numpy()
    out = agg[by].assign(
        a=agg["lo"].where(~swap, agg["hi"]).astype("str"), b=agg["hi"].where(~swap, agg["lo"]).astype("str"),
        a_to_b=np.where(swap, agg["hi_to_lo"], agg["lo_to_hi"]).astype(np.int64),
        b_to_a=np.where(swap, agg["lo_to_hi"], agg["hi_to_lo"]).astype(np.int64))
    out["total"] = out["a_to_b"] + out["b_to_a"]
    out["reciprocated"] = (out["a_to_b"] > 0) & (out["b_to_a"] > 0)
    out["first_at"] = agg["first_at"]
    out["last_at"] = agg["last_at"]
    out = out.sort_values([*by, "total", "reciprocated", "a", "b"], ascending=[*[True] * len(by), False, False,
                                                                             True, True], kind="stable")
    return out.reset_index(drop=True)
