"""What the layout tests (test_infer.py, test_infer_sites.py) read off a Discussion."""

from __future__ import annotations

import pandas as pd

import commentgraph as cg


def wall(d: cg.Discussion) -> list[str | None]:
    return [None if pd.isna(t) else t.strftime("%Y-%m-%d %H:%M") for t in d.comments["posted_at"]]


def kinds(d: cg.Discussion) -> list[str]:
    return d.problems["kind"].tolist()


def parent_of(d: cg.Discussion) -> dict[str, str]:
    """author of each comment with a parent -> author of its parent."""
    c = d.comments.set_index("comment_id")
    return {c.loc[i, "author"]: c.loc[p, "author"] for i, p in zip(c.index, c["parent_id"]) if pd.notna(p)}


def accounted(page: str, d: cg.Discussion) -> bool:
    return cg.check_accounting(cg.account_lines(page, d))
