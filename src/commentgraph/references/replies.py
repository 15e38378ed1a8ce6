"""Reply edges: one per resolved (or dangling) reference, one per explicit parent id."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import empty
from .keys import codes, first_rows, lookup, take


def replies(mentions: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
    # each id stands for its first comment, so every lookup below is many to one (as a left join on
    # the ids with duplicates dropped); the lookups go by integer codes of the ids, NA matching NA
    parts = []
    if len(mentions):
        keep = mentions["edge"].astype(bool) if "edge" in mentions.columns else pd.Series(True, index=mentions.index)
        e = mentions.loc[
            keep, ["comment_id", "target_comment_id", "target_author", "resolution", "reason", "article_id"]
        ]
        e = e.rename(columns={"comment_id": "source_comment_id"}).assign(via="mention")
    else:
        e = pd.DataFrame(
            {"source_comment_id": pd.Series([], dtype="str"), "target_comment_id": pd.Series([], dtype="str")}
        )
    has_parent = c["parent_id"].notna().to_numpy(dtype=bool)
    withparent = c.loc[has_parent, ["comment_id", "parent_id", "article_id"]].reset_index(drop=True)
    ids, e_src, e_tgt, parent = codes(
        c["comment_id"], e["source_comment_id"], e["target_comment_id"], withparent["parent_id"]
    )
    first = first_rows(ids, int(ids.max(initial=-1)) + 1)
    if len(mentions):
        parts.append(e)
        src_rows, tgt_rows = [lookup(first, e_src)], [lookup(first, e_tgt)]
    else:
        src_rows, tgt_rows = [], []
    if len(withparent):
        p_row = lookup(first, parent)
        p_author, p_article = take(c["author"], p_row), take(c["article_id"], p_row)
        found = pd.Series(p_row >= 0, index=withparent.index)  # found by id (a parent may have no author)
        other = found & (p_article != withparent["article_id"]).fillna(False)
        reason = pd.Series(pd.NA, index=withparent.index, dtype="str")
        reason = reason.mask(~found, "parent id " + withparent["parent_id"] + " is not in the data")
        reason = reason.mask(other, "parent " + withparent["parent_id"] + " belongs to another article")
        parts.append(
            pd.DataFrame(
                {
                    "source_comment_id": withparent["comment_id"],
                    "target_comment_id": withparent["parent_id"].where(found),
                    "target_author": p_author,
                    "resolution": "parent",
                    "reason": reason,
                    "article_id": withparent["article_id"],
                    "via": "parent",
                }
            )
        )
        # a parent not found leaves an NA target, which stands for the first comment without an id
        no_id = np.flatnonzero(c["comment_id"].isna().to_numpy(dtype=bool))
        na_first = no_id[0] if len(no_id) else -1
        src_rows.append(lookup(first, ids[has_parent]))
        tgt_rows.append(np.where(found.to_numpy(dtype=bool), p_row, na_first))
    if not parts:
        return empty("replies")
    r = pd.concat(parts, ignore_index=True)
    src_rows, tgt_rows = np.concatenate(src_rows), np.concatenate(tgt_rows)
    r = r.assign(
        source_author=take(c["author"], src_rows).array,
        s_time=take(c["posted_at"], src_rows).array,
        t_time=take(c["posted_at"], tgt_rows).array,
    )
    latency = (r["s_time"] - r["t_time"]) if len(r) else pd.Series([], dtype="timedelta64[us]")
    r = r.assign(latency=latency)
    return r[
        [
            "source_comment_id",
            "target_comment_id",
            "target_author",
            "via",
            "resolution",
            "article_id",
            "source_author",
            "latency",
            "reason",
        ]
    ]
