"""What the explorer shows, as plain JSON-ready lists: per article its comments, threads, references, problems.

One article is one dict of columns (lists of equal length), so the browser gets compact arrays
and the widget can send one article at a time. Comments are referred to by their position in the
article (``0..n-1``, in the order of ``d.comments``); reference spans are in UTF-16 code units,
which is how a browser counts characters.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..discussion import Discussion
from ..threads import comment_threads, threads
from .reviews import _references

#: most article-level problem rows listed per article (the rest are counted)
MAX_NOTES = 200
_ASTRAL = r"[\U00010000-\U0010FFFF]"


def _list(s: pd.Series) -> list:
    """A column as a list of plain Python values, missing values as None."""
    return s.astype(object).where(s.notna(), None).tolist()


def _ints(s: pd.Series, missing: int = -1) -> list[int]:
    return pd.to_numeric(s, errors="coerce").fillna(missing).astype(np.int64).tolist()


def _utf16(text: str, offset: int) -> int:
    """A code-point offset into ``text`` as a UTF-16 offset (what JavaScript's string indices count).

    >>> _utf16("a😀b", 2)
    3
    """
    return len(text[:offset].encode("utf-16-le")) // 2


def _local_times(times: pd.Series, tz: str) -> tuple[list, list]:
    """Times as 'YYYY-MM-DD HH:MM' in ``tz`` and as epoch milliseconds (None where missing)."""
    if getattr(times.dt, "tz", None) is not None:
        times = times.dt.tz_convert(tz)
    shown = times.dt.strftime("%Y-%m-%d %H:%M")
    utc = times.dt.tz_convert("UTC") if getattr(times.dt, "tz", None) is not None else times
    ms = (utc.astype("datetime64[ms, UTC]" if getattr(utc.dt, "tz", None) is not None else "datetime64[ms]")
          .astype("int64") if len(times) else pd.Series([], dtype="int64"))
    ms = pd.Series(ms, index=times.index).where(times.notna())
    return _list(shown), _list(ms.astype("Int64"))


def _problem_rows(d: Discussion, art: pd.DataFrame, comments: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Problems of one article, and for each the position of the comment whose lines hold it (-1: none)."""
    p = d.problems
    src = art["source"].iloc[0] if "source" in art.columns and len(art) else None
    if not len(p) or "source" not in p.columns:
        return p.iloc[:0], pd.Series([], dtype="int64")
    mine = p[p["source"].astype("str") == str(src)] if src is not None and pd.notna(src) else p.iloc[:0]
    pos = pd.Series(-1, index=mine.index, dtype="int64")
    if len(mine) and "line" in comments.columns and comments["line"].notna().any():
        first = pd.to_numeric(comments["line"], errors="coerce")
        last = pd.to_numeric(comments["last_line"], errors="coerce") if "last_line" in comments.columns else first
        order = np.argsort(first.fillna(np.inf).to_numpy(), kind="stable")
        starts = first.to_numpy(dtype=float)[order]
        line = pd.to_numeric(mine["line"], errors="coerce").to_numpy(dtype=float)
        at = np.searchsorted(starts, line, side="right") - 1
        ok = (at >= 0) & ~np.isnan(line)
        cand = order[np.clip(at, 0, None)]
        inside = ok & (line <= last.fillna(first).to_numpy(dtype=float)[cand])
        pos[:] = np.where(inside, cand, -1)
    return mine, pos


def _article(d: Discussion, art: pd.DataFrame, c: pd.DataFrame, ct: pd.DataFrame, th: pd.DataFrame,
             refs: pd.DataFrame) -> dict:
    """One article's explorer data (see the module docstring)."""
    n = len(c)
    ids = c["comment_id"].astype("str")
    at = pd.Series(np.arange(n), index=ids.to_numpy())
    thread_at = pd.Series(np.arange(len(th)), index=th["thread_id"].astype("str").to_numpy())
    shown, ms = _local_times(c["posted_at"], d.tz)
    parent = ct["parent"].astype("str").map(at)
    missing_parent = ct["parent"].notna() & parent.isna()
    text = c["text"].fillna("").astype("str")

    # references, with spans in UTF-16 units where a text holds characters outside the BMP
    r = refs
    src = r["comment_id"].astype("str").map(at).astype("Int64")
    start, end = _ints(r["start"], 0), _ints(r["end"], 0)
    astral = text.str.contains(_ASTRAL, regex=True).to_numpy()
    texts = text.tolist()
    for k, pos in enumerate(src.fillna(-1).astype(np.int64).tolist()):
        if pos >= 0 and astral[pos]:
            start[k], end[k] = _utf16(texts[pos], start[k]), _utf16(texts[pos], end[k])
    target = r["target_comment_id"].astype("str").map(at)

    p, p_pos = _problem_rows(d, art, c)
    notes = p[p_pos.to_numpy() < 0]
    flagged = p[p_pos.to_numpy() >= 0]
    sev = (lambda t: _list(t["severity"]) if "severity" in t.columns else [None] * len(t))

    root = th["root_comment_id"].astype("str").map(at)
    starts_shown, start_ms = _local_times(th["start"], d.tz)
    a = art.iloc[0]
    missing = f"missing:{a['article_id']}:"
    tid = th["thread_id"].astype("str")
    quoted = c["quoted_text"] if "quoted_text" in c.columns else pd.Series(pd.NA, index=c.index)
    explicit = c["parent_id"].astype("str").map(at) if "parent_id" in c.columns else pd.Series(np.nan, index=c.index)
    return {
        "id": str(a["article_id"]),
        "title": None if pd.isna(a.get("title")) else str(a["title"]),
        "source": None if pd.isna(a.get("source", None)) or str(a["source"]).startswith("<")  # '<DataFrame>'
        else Path(str(a["source"])).name,
        "declared": None if pd.isna(a.get("declared_comments")) else int(a["declared_comments"]),
        "parsed": n,
        "c": {
            "id": ids.tolist(), "n": _list(c["number"].astype("Int64")), "a": _list(c["author"]),
            "t": shown, "ms": ms, "x": texts, "q": _list(quoted),
            "p": _ints(parent), "pv": _list(ct["parent_via"]),
            "pm": _list(ct["parent"].where(missing_parent).str.removeprefix(missing)),
            "pe": _ints(explicit), "th": _ints(ct["thread_id"].astype("str").map(thread_at)),
            "d": _ints(ct["depth"], 0),
        },
        "th": {
            "id": _list(th["thread_id"]), "root": _ints(root), "size": _ints(th["size"], 0),
            "depth": _ints(th["depth"], 0), "na": _ints(th["n_authors"], 0), "start": starts_shown,
            "ms": start_ms, "dur": _ints(th["duration"].dt.total_seconds(), 0),
            "miss": th["has_missing"].astype(bool).tolist(),
            "mname": _list(tid.where(root.isna() & tid.str.startswith(missing)).str.removeprefix(missing)),
        },
        "r": {
            "c": _ints(src), "s": start, "e": end, "s0": _ints(r["start"], 0), "e0": _ints(r["end"], 0), "raw": _list(r["raw"]), "res": _list(r["resolution"]),
            "rule": _list(r["rule"]), "reason": _list(r["reason"]), "conf": _list(r["confidence"].astype(float)),
            "t": _ints(target), "tid": _list(r["target_comment_id"]), "ta": _list(r["target_author"]),
            "tn": _list(r["target_number"].astype("Int64")), "cons": _list(r["considered"]),
            "edge": r["edge"].astype(bool).tolist(),
        },
        "pr": {
            "c": p_pos[p_pos >= 0].astype(int).tolist(), "kind": _list(flagged["kind"]), "sev": sev(flagged),
            "msg": _list(flagged["message"]), "line": _list(flagged["line"].astype("Int64")),
        },
        "notes": [{"kind": k, "severity": s, "message": m, "line": ln}
                  for k, s, m, ln in zip(_list(notes["kind"]), sev(notes), _list(notes["message"]),
                                         _list(notes["line"].astype("Int64")))][:MAX_NOTES],
        "more_notes": max(0, len(notes) - MAX_NOTES),
    }


class Prepared:
    """What every article's explorer data is cut from, computed once for ``d``: comments, their thread
    columns, threads and references, and the rows of each article (so one article is prepared alone)."""

    def __init__(self, d: Discussion, references: pd.DataFrame | None = None):
        self.d = d
        self.c = d.comments.reset_index(drop=True)
        self.ct = comment_threads(d)
        self.th = threads(d)
        self.refs = _references(d) if references is None else references
        aid = self.c["article_id"].astype("str")
        self.art_ids = d.articles["article_id"].astype("str")
        self.groups = {k: np.asarray(v) for k, v in aid.groupby(aid, sort=False).groups.items()}
        self.th_groups = self.th.groupby(self.th["article_id"].astype("str"), sort=False).groups
        refs = self.refs
        self.ref_groups = refs.groupby(refs["article_id"].astype("str"), sort=False).groups if len(refs) else {}
        self.order = [str(k) for k in pd.unique(pd.concat([self.art_ids, aid]))]

    def article(self, k: str) -> dict:
        """The explorer data of article ``k``."""
        rows = self.groups.get(k, np.array([], dtype=int))
        art = self.d.articles[self.art_ids == k]
        if not len(art):
            art = pd.DataFrame({"article_id": [k]})
        th, refs = self.th, self.refs
        tr = th.loc[self.th_groups[k]] if k in self.th_groups else th.iloc[:0]
        rr = refs.loc[self.ref_groups[k]] if k in self.ref_groups else refs.iloc[:0]
        return _article(self.d, art, self.c.iloc[rows], self.ct.iloc[rows].reset_index(drop=True),
                        tr.reset_index(drop=True),
                        rr.sort_values(["comment_id", "start"], kind="stable").reset_index(drop=True))

    def summaries(self) -> list[dict]:
        """One row an article (id, title, comments, threads, references), without preparing the articles."""
        titles: dict = {}
        if "title" in self.d.articles.columns:
            for k, t in zip(self.art_ids, self.d.articles["title"]):
                titles.setdefault(k, t)  # (the first row of an article, as its data has)
        out = []
        for k in self.order:
            title = titles.get(k)
            out.append({"id": k, "title": None if title is None or pd.isna(title) else str(title),
                        "comments": len(self.groups.get(k, ())), "threads": len(self.th_groups.get(k, ())),
                        "references": len(self.ref_groups.get(k, ()))})
        return out


def explorer_data(d: Discussion, *, references: pd.DataFrame | None = None) -> dict:
    """Everything the explorer shows about ``d``: ``{"articles": [summary rows], "data": {article_id: article}}``.

    Each article holds its comments (``c``: id, number, author, local time, text, tree parent,
    thread), threads (``th``: size, depth, authors, start, duration), references (``r``: span,
    raw, resolution, rule, reason, confidence, target, the comments considered) and problems
    (``pr`` flags a comment, ``notes`` the rest). Plain lists and dicts, ready for ``json.dumps``.

    >>> x = explorer_data(cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\n@1 Anna: ja"))
    >>> a = x["data"][x["articles"][0]["id"]]
    >>> a["c"]["a"], a["c"]["p"], a["r"]["raw"], a["r"]["t"], a["r"]["res"]
    (['Anna', 'Ben'], [-1, 0], ['@1 Anna'], [0], ['number+author'])
    """
    prep = Prepared(d, references)
    return {"articles": prep.summaries(), "data": {k: prep.article(k) for k in prep.order}}
