"""An ``@``-name no author here has (a user renamed since): the target the conversation shows, where it is clear."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import is_placeholder
from .context import posted_before

_REASON = (
    "'{name}' is no author in this article; the reply's thread has one earlier participant besides the replier, "
    "{author}: taken as that author under an older name"
)


def infer_renamed(mentions: pd.DataFrame, c: pd.DataFrame, opt) -> pd.DataFrame:
    """``mentions`` with each unknown ``@``-name in a threaded reply resolved to the one earlier participant of
    the reply's thread other than the replier (their latest earlier comment there), ``resolution="inferred"``
    and outcome ``inferred_renamed``; where the thread has none or several, the mention stays as it was.

    Only with ``opt.infer_renamed`` (off by default: its precision could not be measured on real data).
    """
    if not opt.infer_renamed:
        return mentions
    want = (mentions["outcome"] == "unknown").to_numpy(dtype=bool) & mentions["rule"].str.startswith("name").fillna(
        False
    ).to_numpy(dtype=bool)
    if not want.any():
        return mentions
    cols = ["comment_id", "author", "posted_at", "number", "_order", "thread", "_threaded"]
    src = c[cols].drop_duplicates("comment_id")
    m = (
        mentions.loc[want, ["comment_id", "written_name"]]
        .reset_index()
        .merge(src, on="comment_id", how="left", validate="many_to_one")
    )
    m = m[m["_threaded"].fillna(False).to_numpy(dtype=bool)]
    cand = src[src["thread"].isin(set(m["thread"]))].rename(columns=lambda k: "t_" + k)
    pairs = m.merge(cand, left_on="thread", right_on="t_thread", how="inner")
    earlier = posted_before(
        pairs["t_posted_at"], pairs["t_number"], pairs["posted_at"], pairs["number"], pairs["t__order"], pairs["_order"]
    ).to_numpy(dtype=bool)
    other = (pairs["t_author"] != pairs["author"]).fillna(False).to_numpy(dtype=bool)
    pairs = pairs[earlier & other & ~np.asarray(is_placeholder(pairs["t_author"]), dtype=bool)]
    people = pairs.groupby("index")["t_author"].nunique()
    pairs = pairs[pairs["index"].map(people).eq(1).to_numpy()]
    if not len(pairs):
        return mentions
    pick = pairs.sort_values(["index", "t_posted_at", "t_number"], na_position="first").groupby("index").tail(1)
    pick = pick.set_index("index")
    at = pick.index
    out = mentions.copy()
    reason = [_REASON.format(name=n, author=a) for n, a in zip(pick["written_name"], pick["t_author"], strict=True)]
    out.loc[at, "target_comment_id"] = pick["t_comment_id"].astype("str").to_numpy()
    out.loc[at, "target_author"] = pick["t_author"].astype("str").to_numpy()
    out.loc[at, "target_number"] = pick["t_number"].astype("Int64").array
    out.loc[at, "resolution"] = "inferred"
    out.loc[at, "reason"] = reason
    out.loc[at, "outcome"] = "inferred_renamed"
    out.loc[at, "candidates"] = 1
    return out
