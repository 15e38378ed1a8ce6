"""Reviews made in the explorer: rows in ``review_table`` format, and the file beside the data that keeps them.

A review is keyed by the reference it judges, ``"<comment_id>\\t<start>"``, or ``"<comment_id>\\tmissed:<target>"``
for a reply the resolver did not find; its value says ``verdict`` (``right``, ``wrong``, ``other``,
``missed``) and ``target``. :func:`review_rows` turns them into the rows :func:`commentgraph.apply_review`
and :func:`commentgraph.resolution_scores` take.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..discussion import Discussion
from ..review import review_table

VERDICTS = ("right", "wrong", "other", "missed")
#: review_table's columns, then what a review adds
EXTRA = ["verdict", "target", "reviewed_at"]


def reviews_path(d: Discussion) -> Path | None:
    """Where reviews of ``d`` are kept: ``<source stem>.reviews.csv`` beside the file it was read from.

    Pages read from one folder keep theirs beside the folder (``<folder>.reviews.csv``), so that
    reading the folder again does not take the reviews for a page. A pseudonymised Discussion keeps
    its own file (``.pseudonymized.reviews.csv``: its reference spans differ). None when the data
    came from no file (a DataFrame, page text).

    >>> reviews_path(cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo")) is None
    True
    """
    src = d.articles["source"].dropna().astype("str").unique() if "source" in d.articles.columns else []
    paths = [Path(s) for s in src if s and Path(s).is_file()]
    if not paths or len(paths) != len(src):
        return None
    tag = ".pseudonymized" if d.settings.get("pseudonymized") else ""
    if len(paths) == 1:
        return paths[0].with_name(f"{paths[0].stem}{tag}.reviews.csv")
    folders = {p.resolve().parent for p in paths}
    if len(folders) != 1:
        return None
    folder = folders.pop()
    return folder.parent / f"{folder.name}{tag}.reviews.csv"


def review_key(comment_id: str, start) -> str:
    """The key of a review of the reference at ``start`` of a comment (``missed:<target>`` for a missed one)."""
    return f"{comment_id}\t{start}"


def _references(d: Discussion) -> pd.DataFrame:
    r = review_table(d)
    m = d.mentions
    if not len(r):  # an empty review table is all text columns
        r = r.astype({"start": "Int64", "end": "Int64", "target_number": "Int64", "confidence": "float64"})
    edge = (m[["comment_id", "start", "edge"]].drop_duplicates(["comment_id", "start"]) if "edge" in m.columns
            else m[["comment_id", "start"]].assign(edge=True))
    r = r.merge(edge, on=["comment_id", "start"], how="left", validate="many_to_one")
    return r.assign(edge=r["edge"].fillna(True).astype(bool), start=r["start"].astype("Int64"))


def review_rows(d: Discussion, reviews: dict, *, references: pd.DataFrame | None = None) -> pd.DataFrame:
    """The reviewed references of ``d`` as rows in ``cg.review_table`` format, ``correct_target`` filled in.

    ``right`` leaves ``correct_target`` blank (the edge stays), ``wrong`` writes ``none``, ``other``
    and ``missed`` the target given. ``target`` holds the true target as
    :func:`commentgraph.resolution_scores` reads it (for ``right``, the target the resolver found;
    ``none`` where the reference gives no edge), so both ``cg.apply_review(d, rows)`` and
    ``cg.resolution_scores(d, rows)`` take the rows as they are. A missed reference has no span
    (``start`` blank): it counts in the scores, while ``apply_review`` cannot add its edge.
    ``references`` is ``d``'s review table where the caller keeps one (it is the slow part).
    """
    ref = _references(d) if references is None else references
    cols = list(ref.columns.drop("edge")) + EXTRA
    if not reviews:
        return pd.DataFrame({k: pd.Series([], dtype="str") for k in cols})
    by_key = {review_key(c, s): i for i, (c, s) in enumerate(zip(ref["comment_id"], ref["start"].tolist()))}
    comments = d.comments.drop_duplicates("comment_id").set_index("comment_id")
    rows = []
    for key, v in sorted(reviews.items()):
        cid, _, rest = key.partition("\t")
        verdict, target = v.get("verdict"), v.get("target")
        i = by_key.get(key)
        if i is not None:
            row = ref.iloc[i].to_dict()
            found = (row["target_comment_id"] if pd.notna(row["target_comment_id"]) else row["target_author"])
            if verdict == "right":
                target = found if row["edge"] and pd.notna(found) else "none"
            row.pop("edge")
        else:
            row = {"comment_id": cid, "start": int(rest) if rest.isdigit() else pd.NA}
            if cid in comments.index:
                row |= {"article_id": comments.at[cid, "article_id"], "source_author": comments.at[cid, "author"]}
        correct = {"right": "", "wrong": "none"}.get(verdict, target or "")
        rows.append(row | {"correct_target": correct, "verdict": verdict,
                           "target": "none" if verdict == "wrong" else target, "reviewed_at": v.get("at", "")})
    out = pd.DataFrame(rows).reindex(columns=cols)
    return out.assign(start=out["start"].astype("Int64"), end=out["end"].astype("Int64"))


def load_reviews(path) -> dict:
    """Reviews saved by :func:`save_reviews` (or any table with comment_id, start, verdict, target)."""
    path = Path(path)
    if not path.is_file():
        return {}
    t = pd.read_csv(path, dtype=str, keep_default_na=False)
    out = {}
    for cid, start, verdict, target, at in zip(t["comment_id"], t["start"], t["verdict"], t["target"],
                                               t.get("reviewed_at", pd.Series([""] * len(t)))):
        if verdict not in VERDICTS:
            continue
        key = review_key(cid, f"missed:{target}" if verdict == "missed" else start)
        out[key] = {"verdict": verdict, "target": target, "at": at}
    return out


def save_reviews(d: Discussion, reviews, path) -> Path:
    """Write the reviews (a dict as :func:`review_rows` takes, or its rows) to ``path`` as CSV, whole, then moved in place."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    (reviews if isinstance(reviews, pd.DataFrame) else review_rows(d, reviews)).to_csv(tmp, index=False)
    tmp.replace(path)
    return path
