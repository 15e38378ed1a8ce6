"""Discussion summary: one row of counts and structure per article (computed on the tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .threads import distinct, thread_forest

SUMMARY_COLUMNS = [
    "article_id", "title", "n_comments", "n_authors", "first_at", "last_at", "n_replies", "n_replying",
    "reply_share", "n_missing_targets", "n_threads", "n_reply_threads", "largest_thread", "longest_chain",
    "reciprocity", "latency_q1", "latency_median", "latency_q3", "top_pair_a", "top_pair_b", "top_pair_replies",
]


def summary(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    """One row per article of the Discussion.

    ``n_comments``, ``n_authors`` (placeholders each their own), ``first_at`` / ``last_at``;
    ``n_replies`` (replies: distinct pairs of a comment and the comment it answers, the edges of the
    reply graph), ``n_replying`` (comments with at least one) and ``reply_share``
    (their share of the comments); ``n_missing_targets`` (edges to a comment not in the data);
    ``n_threads`` (all trees, single comments included), ``n_reply_threads`` (trees with at least one
    reply), ``largest_thread`` (comments), ``longest_chain`` (deepest tree, in reply steps);
    ``reciprocity`` (share of author -> author relations, self-replies aside, that are answered back in
    the same article; NA without relations); ``latency_q1`` / ``latency_median`` / ``latency_q3`` (reply
    latency quartiles, linear interpolation); ``top_pair_a`` / ``top_pair_b`` / ``top_pair_replies``: the
    most active back-and-forth pair (replies both ways; the most replies in total, then the more even
    exchange; ``top_pair_a`` sent more), NA when none.
    Filters as in :mod:`commentgraph.edges`.

    >>> import pandas as pd
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ann"], "body": "x",
    ...     "ts": ["2019-03-01 10:00", "2019-03-01 10:30", "2019-03-01 11:30"], "parent": [None, 1, 2]}),
    ...     columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
    ...              "parent_id": "parent"})
    >>> row = cg.summary(d).iloc[0]
    >>> round(float(row["reply_share"]), 3), int(row["longest_chain"]), float(row["reciprocity"])
    (0.667, 2, 1.0)
    >>> str(row["latency_median"]), row["top_pair_a"], row["top_pair_b"], int(row["top_pair_replies"])
    ('0 days 00:45:00', 'Ann', 'Ben', 2)
    """
    c = d.comments
    n = len(c)
    t = thread_forest(d, via=via, resolution=resolution, self_replies=self_replies)
    e, si, ti = t.edges, t.source_pos, t.target_pos
    arts = d.articles[["article_id", "title"]].drop_duplicates("article_id")
    arts = arts.set_index(arts["article_id"].astype("str"))["title"]
    acodes, auniq = pd.factorize(c["article_id"])
    extra = pd.Index(auniq).difference(arts.index, sort=False)
    index = pd.Index(arts.index.append(extra), name="article_id", dtype="str")
    m = len(index)
    art = pd.Index(auniq).get_indexer(index)  # article position -> code, or -1
    pos_of_code = np.empty(len(auniq), dtype=np.int64)
    pos_of_code[art[art >= 0]] = np.flatnonzero(art >= 0)
    a_c = pos_of_code[acodes] if n else np.zeros(0, np.int64)  # article position per comment
    a_e = a_c[si]  # per edge: the replying comment's article

    def per_article(values, fill=0):
        return pd.Series(values).reindex(range(m), fill_value=fill).to_numpy()

    out = pd.DataFrame(index=index)
    out["title"] = arts.reindex(index).astype("str").array   # (str even when no article has a title)

    # authors: integer codes over comment authors and missing targets' names
    miss_rows = np.flatnonzero(ti < 0)
    kcodes = pd.factorize(pd.concat([t.keys, e["target_key"].iloc[miss_rows]], ignore_index=True))[0]
    s_code = kcodes[si]
    t_code = kcodes[np.where(ti >= 0, ti, 0)]
    t_code[miss_rows] = kcodes[n + np.arange(len(miss_rows))]
    k = int(kcodes.max(initial=0)) + 1

    out["n_comments"] = np.bincount(a_c, minlength=m)
    out["n_authors"] = np.bincount(distinct(a_c * k + kcodes[:n]) // k, minlength=m)
    g = c["posted_at"].reset_index(drop=True).groupby(a_c)
    # (``.array`` keeps the tz-aware dtype even when an article has no time at all)
    out["first_at"] = g.min().reindex(range(m)).astype(c["posted_at"].dtype).array
    out["last_at"] = g.max().reindex(range(m)).astype(c["posted_at"].dtype).array

    once = ~e.duplicated(["source", "target"]).to_numpy()   # one reply per (comment, comment answered)
    out["n_replies"] = np.bincount(a_e[once], minlength=m)
    out["n_replying"] = np.bincount(a_c[distinct(si)], minlength=m)
    out["reply_share"] = (out["n_replying"] / out["n_comments"].where(out["n_comments"] > 0)).astype("Float64")
    out["n_missing_targets"] = np.bincount(a_e[miss_rows], minlength=m)

    # trees, counted in the article of their comments
    total = len(t.root)
    thread = pd.DataFrame({"key": a_c * total + t.root[:n], "depth": t.depth[:n]}).groupby("key").agg(
        size=("depth", "size"), depth=("depth", "max"))
    th_art = thread.index.to_numpy() // total
    has_reply = (thread["depth"].to_numpy() > 0) | (thread.index.to_numpy() % total >= n)
    out["n_threads"] = np.bincount(th_art, minlength=m)
    out["n_reply_threads"] = np.bincount(th_art, weights=has_reply, minlength=m).astype(np.int64)
    out["largest_thread"] = per_article(thread["size"].groupby(th_art).max())
    out["longest_chain"] = per_article(thread["depth"].groupby(th_art).max())

    # reciprocity of author -> author relations inside each article (self-replies aside)
    rel = pd.DataFrame({"a": a_e, "s": s_code, "t": t_code})
    rel = rel[rel["s"] != rel["t"]]
    counts = rel.value_counts().rename("w").reset_index()  # directed relations with their reply counts
    back = counts.rename(columns={"s": "t", "t": "s", "w": "w_back"})
    both = counts.merge(back, on=["a", "s", "t"], how="left", validate="one_to_one")
    both["w_back"] = both["w_back"].fillna(0).astype(np.int64)
    answered = (both["w_back"] > 0).to_numpy()
    ra = both["a"].to_numpy()
    n_rel = np.bincount(ra, minlength=m)
    recip = np.bincount(ra, weights=answered, minlength=m)
    out["reciprocity"] = pd.array(np.where(n_rel > 0, recip / np.maximum(n_rel, 1), np.nan), dtype="Float64")
    out.loc[n_rel == 0, "reciprocity"] = pd.NA

    # latency quartiles (numeric microseconds, back to timedelta)
    ok = e["latency"].notna().to_numpy()
    us = e["latency"].to_numpy(dtype="timedelta64[us]").view(np.int64)[ok].astype(float)
    gl = pd.Series(us).groupby(a_e[ok])
    for col, q in (("latency_q1", 0.25), ("latency_median", 0.5), ("latency_q3", 0.75)):
        vals = gl.quantile(q).reindex(range(m)).to_numpy()
        out[col] = pd.to_timedelta(np.round(vals), unit="us").astype("timedelta64[us]")

    # the busiest back-and-forth pair per article: most replies both ways together, then the more even
    pairs = both[answered & (both["s"] < both["t"])]
    pairs = pairs.assign(total=pairs["w"] + pairs["w_back"], low=np.minimum(pairs["w"], pairs["w_back"]))
    keys = pd.concat([t.keys, e["target_key"].iloc[miss_rows]], ignore_index=True)
    names = pd.Series(pd.unique(keys), dtype="str")  # code -> key (factorize order)
    first = names.iloc[pairs["s"].to_numpy()].to_numpy()
    second = names.iloc[pairs["t"].to_numpy()].to_numpy()
    swap = (pairs["w_back"] > pairs["w"]).to_numpy() | ((pairs["w_back"] == pairs["w"]).to_numpy() & (second < first))
    pairs = pairs.assign(pa=np.where(swap, second, first), pb=np.where(swap, first, second))
    top = (pairs.sort_values(["a", "total", "low", "pa", "pb"], ascending=[True, False, False, True, True])
           .drop_duplicates("a").set_index("a"))
    out["top_pair_a"] = pd.array(top["pa"].reindex(range(m)).to_numpy(), dtype="str")
    out["top_pair_b"] = pd.array(top["pb"].reindex(range(m)).to_numpy(), dtype="str")
    out["top_pair_replies"] = pd.array(top["total"].reindex(range(m)).to_numpy(), dtype="Int64")
    return out.reset_index()[SUMMARY_COLUMNS]
