"""Discussion summary: one row of counts and structure per article (computed on the tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .authors import _pairs
from .filters import author_keys
from .threads import _tree

SUMMARY_COLUMNS = [
    "article_id", "title", "n_comments", "n_authors", "first_at", "last_at", "n_replies", "n_replying",
    "reply_share", "n_missing_targets", "n_threads", "n_reply_threads", "largest_thread", "longest_chain",
    "reciprocity", "latency_q1", "latency_median", "latency_q3", "top_pair_a", "top_pair_b", "top_pair_replies",
]


def summary(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    """One row per article of the Discussion.

    ``n_comments``, ``n_authors`` (placeholders each their own), ``first_at`` / ``last_at``;
    ``n_replies`` (reply edges), ``n_replying`` (comments with at least one) and ``reply_share``
    (their share of the comments); ``n_missing_targets`` (edges to a comment not in the data);
    ``n_threads`` (all trees, single comments included), ``n_reply_threads`` (trees with at least one
    reply), ``largest_thread`` (comments), ``longest_chain`` (deepest tree, in reply steps);
    ``reciprocity`` (share of author -> author relations, self-replies aside, that are answered back in
    the same article; NA without relations); ``latency_q1`` / ``latency_median`` / ``latency_q3`` (reply
    latency quartiles, linear interpolation); ``top_pair_a`` / ``top_pair_b`` / ``top_pair_replies``: the
    most active back-and-forth pair (replies both ways; the most replies in total), NA when none.
    Filters as in :mod:`commentgraph.filters`.

    >>> import pandas as pd
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ann"], "body": "x",
    ...     "ts": ["2019-03-01 10:00", "2019-03-01 10:30", "2019-03-01 11:30"], "parent": [None, 1, 2]}),
    ...     columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
    ...              "parent_id": "parent"})
    >>> from commentgraph.schema import conform
    >>> d = d.replace(replies=conform(pd.DataFrame({"source_comment_id": ["2", "3"],
    ...     "target_comment_id": ["1", "2"], "target_author": ["Ann", "Ben"], "via": "parent"}), "replies"))
    >>> row = cg.summary(d).iloc[0]
    >>> round(float(row["reply_share"]), 3), int(row["longest_chain"]), float(row["reciprocity"])
    (0.667, 2, 1.0)
    >>> str(row["latency_median"]), row["top_pair_a"], row["top_pair_b"], int(row["top_pair_replies"])
    ('0 days 00:45:00', 'Ann', 'Ben', 2)
    """
    c = d.comments
    n = len(c)
    nodes, e = _tree(d, via=via, resolution=resolution, self_replies=self_replies)
    arts = d.articles[["article_id", "title"]].drop_duplicates("article_id")
    arts = arts.set_index(arts["article_id"].astype("str"))["title"]
    extra = pd.Index(pd.unique(c["article_id"])).difference(arts.index, sort=False)
    index = arts.index.append(extra)
    out = pd.DataFrame(index=pd.Index(index, name="article_id", dtype="str"))
    out["title"] = arts.reindex(index).astype("str").to_numpy()

    keys = author_keys(c["author"], c["comment_id"])
    g = pd.DataFrame({"article_id": c["article_id"], "author": keys, "posted_at": c["posted_at"]}).groupby(
        "article_id", sort=False)
    out["n_comments"] = g.size().reindex(index, fill_value=0).astype("int64")
    out["n_authors"] = g["author"].nunique().reindex(index, fill_value=0).astype("int64")
    out["first_at"] = g["posted_at"].min().reindex(index)
    out["last_at"] = g["posted_at"].max().reindex(index)

    ge = e.groupby("article_id", sort=False)
    out["n_replies"] = ge.size().reindex(index, fill_value=0).astype("int64")
    out["n_replying"] = ge["source"].nunique().reindex(index, fill_value=0).astype("int64")
    out["reply_share"] = (out["n_replying"] / out["n_comments"].where(out["n_comments"] > 0)).astype("Float64")
    out["n_missing_targets"] = ge["missing"].sum().reindex(index, fill_value=0).astype("int64")

    # trees: a thread belongs to its root's article (a missing root to the article of its first reply)
    root = nodes["root"].to_numpy()[:n]
    tree = pd.DataFrame({"article_id": c["article_id"], "root": root, "depth": nodes["depth"].to_numpy()[:n]})
    per_thread = tree.groupby(["article_id", "root"], sort=False).agg(size=("depth", "size"), depth=("depth", "max"))
    per_thread = per_thread.assign(has_reply=(per_thread["depth"] > 0) | (per_thread.index.get_level_values("root") >= n))
    gt = per_thread.groupby(level="article_id", sort=False)
    out["n_threads"] = gt.size().reindex(index, fill_value=0).astype("int64")
    out["n_reply_threads"] = gt["has_reply"].sum().reindex(index, fill_value=0).astype("int64")
    out["largest_thread"] = gt["size"].max().reindex(index, fill_value=0).astype("int64")
    out["longest_chain"] = gt["depth"].max().reindex(index, fill_value=0).astype("int64")

    # reciprocity of author -> author relations inside each article
    rel = e.loc[e["source_key"] != e["target_key"], ["article_id", "source_key", "target_key"]].drop_duplicates()
    back = rel.rename(columns={"source_key": "target_key", "target_key": "source_key"}).assign(_back=True)
    rel = rel.merge(back, on=["article_id", "source_key", "target_key"], how="left", validate="one_to_one")
    rel["_back"] = rel["_back"].fillna(False).astype(bool)
    gr = rel.groupby("article_id", sort=False)["_back"]
    out["reciprocity"] = (gr.sum() / gr.size()).reindex(index).astype("Float64")

    # latency quartiles (numeric microseconds, back to timedelta)
    lat = e.loc[e["latency"].notna(), ["article_id", "latency"]]
    us = lat["latency"].to_numpy(dtype="timedelta64[us]").astype(np.int64).astype(float)
    gl = pd.Series(us, index=lat["article_id"].to_numpy()).groupby(level=0, sort=False)
    for col, q in (("latency_q1", 0.25), ("latency_median", 0.5), ("latency_q3", 0.75)):
        vals = gl.quantile(q).reindex(index)
        out[col] = pd.to_timedelta(vals.round().to_numpy(), unit="us").astype("timedelta64[us]")

    # the busiest reciprocated pair per article
    per_art = (e.groupby(["article_id", "source_key", "target_key"], sort=False)
               .agg(weight=("posted_at", "size"), first_at=("posted_at", "min"), last_at=("posted_at", "max"))
               .reset_index())
    pairs = _pairs(per_art, ["source_key", "target_key"], by=["article_id"])
    top = pairs[pairs["reciprocated"]].drop_duplicates("article_id").set_index("article_id")
    out["top_pair_a"] = top["a"].reindex(index).astype("str").to_numpy()
    out["top_pair_b"] = top["b"].reindex(index).astype("str").to_numpy()
    out["top_pair_replies"] = top["total"].reindex(index).astype("Int64").to_numpy()
    return out.reset_index()[SUMMARY_COLUMNS]
