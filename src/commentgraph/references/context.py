"""What resolution needs to know of each comment: its thread, its order, whether it came before another."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..read.stamps import relative_seconds


def thread_roots(comments: pd.DataFrame) -> pd.Series:
    """The root comment id of each comment's thread, following explicit ``parent_id`` links.

    A comment without a parent (or whose parent is not in the data) is its own root. An id given to several
    comments takes the parent of the first of them that has one. Cycles stop after 64 steps.

    >>> c = pd.DataFrame({"comment_id": ["a", "b", "c"], "parent_id": [None, "a", "b"]})
    >>> thread_roots(c).tolist()
    ['a', 'a', 'a']
    """
    ids = comments["comment_id"].astype("str")
    code, uniq = pd.factorize(ids)  # integer codes, one per distinct id (NA: -1)
    parent = pd.Index(uniq).get_indexer(comments["parent_id"].astype("str"))
    parent[comments["parent_id"].isna().to_numpy(dtype=bool)] = -1
    has = np.flatnonzero((parent >= 0) & (code >= 0))
    if not len(has):
        return pd.Series(ids.to_numpy(), index=comments.index, dtype="str", name="thread")
    up = np.arange(len(uniq))
    first = np.unique(code[has], return_index=True)[1]  # the first row with a parent, per id
    up[code[has[first]]] = parent[has[first]]
    step = up.copy()
    for _ in range(64):
        nxt = step[up]
        if np.array_equal(nxt, up):
            break
        up = nxt
    at = np.where(code >= 0, code, parent)  # a comment without an id: its parent's root, if it has one
    roots = pd.array(np.asarray(uniq, dtype=object)[up[np.maximum(at, 0)]], dtype="str")
    return pd.Series(roots, index=comments.index, dtype="str", name="thread").where(at >= 0)


#: the clock ages are read against where the page gave no scrape time (see :func:`_times_from_ages`)
_AGE_CLOCK = pd.Timestamp("2000-01-01", tz="UTC")


def _times_from_ages(c: pd.DataFrame) -> pd.DataFrame:
    """Where no comment of an article has a known time but the page wrote ages (``4 hours ago``, read without
    ``scraped_at``), the ages still say which came first: for resolution only (the comments table keeps NA),
    those comments are timed on a clock of their own, ``_AGE_CLOCK`` minus the age (latencies are then
    differences of ages, as precise as their units).

    >>> c = pd.DataFrame({"article_id": "a", "posted_at": pd.Series([pd.NaT] * 3, dtype="datetime64[us, UTC]"),
    ...                   "posted_text": ["4 hours ago", "vor 3 Stunden", "gestern"]})
    >>> _times_from_ages(c)["posted_at"].dt.strftime("%d %H:%M").fillna("-").tolist()
    ['31 20:00', '31 21:00', '-']
    """
    if "posted_text" not in c.columns or not isinstance(c["posted_at"].dtype, pd.DatetimeTZDtype):
        return c
    unknown = c["posted_at"].isna()
    rows = unknown & c["posted_text"].notna()
    if not rows.any():
        return c
    rows &= ~(~unknown).groupby(c["article_id"], sort=False).transform("any")  # articles without a known time
    if not rows.any():
        return c
    texts = c.loc[rows, "posted_text"].astype("str")
    ages = {t: relative_seconds(t) for t in texts.unique().tolist()}
    secs = pd.to_numeric(texts.map(ages), errors="coerce")
    clock = _AGE_CLOCK - pd.to_timedelta(secs, unit="s")
    return c.assign(posted_at=c["posted_at"].mask(rows, clock.dt.tz_convert(c["posted_at"].dt.tz)))


def _shown_order(c: pd.DataFrame, rows) -> tuple[np.ndarray, np.ndarray]:
    """For the comments ``rows`` (a mask over ``c``): whether their article's known times never fall down the
    page or table and rise at least once (``rising``), or never rise and fall at least once (``falling``,
    newest first); ``position`` orders them.

    >>> c = pd.DataFrame({"article_id": ["a"] * 3 + ["b"] * 2 + ["c"] * 3, "position": [0, 1, 2, 0, 1, 0, 1, 2],
    ...     "posted_at": pd.to_datetime(["2019-03-01", "2019-03-01", "2019-03-02", "2019-03-02", "2019-03-01",
    ...                                  "2019-03-02", "2019-03-01", "2019-03-03"])})
    >>> [a.tolist() for a in _shown_order(c, np.ones(8, dtype=bool))]
    [[True, True, True, False, False, False, False, False], [False, False, False, True, True, False, False, False]]
    """
    p = c.loc[rows, ["article_id", "position", "posted_at"]]
    known = p[p["posted_at"].notna()].sort_values(["article_id", "position"], kind="stable")
    step = known["posted_at"].diff().where(known["article_id"].eq(known["article_id"].shift()))
    art = known["article_id"]
    up = (step > pd.Timedelta(0)).groupby(art, sort=False).any()
    down = (step < pd.Timedelta(0)).groupby(art, sort=False).any()
    rising = np.zeros(len(c), dtype=bool)
    falling = np.zeros(len(c), dtype=bool)
    rising[rows] = p["article_id"].isin((up & ~down)[up & ~down].index).to_numpy(dtype=bool)
    falling[rows] = p["article_id"].isin((down & ~up)[down & ~up].index).to_numpy(dtype=bool)
    return rising, falling


def _order(c: pd.DataFrame) -> pd.Series:
    """Each comment's posting order within its article as its source shows it, where a time tie needs it
    (a number missing): a table's rows in their order (reversed where its times only fall: newest first); a
    page's comments in their order where its times only rise, reversed where they only fall, else NA (a page
    that prints replies under their parent shows no posting order)."""
    none = pd.Series(pd.NA, index=c.index, dtype="Int64")
    if "position" not in c.columns:
        return none
    pos = c["position"].astype("Int64")
    on_page = c["line"].notna().to_numpy(dtype=bool) if "line" in c.columns else np.zeros(len(c), dtype=bool)
    if not c["number"].isna().any():  # numbers break every tie first
        return pos.where(~on_page)
    rising, falling = _shown_order(c, np.ones(len(c), dtype=bool))
    table = pos.where(~falling, -pos)
    return table.where(~on_page, pos.where(rising, (-pos).where(falling)))


def _as_str(s: pd.Series) -> pd.Series:
    """A column of ids or names as strings, whole numbers without ``.0`` (``2.0`` is the id ``"2"``).

    >>> _as_str(pd.Series([1, None, 3])).tolist(), _as_str(pd.Series(["a", 5, 2.5], dtype=object)).tolist()
    (['1', nan, '3'], ['a', '5', '2.5'])
    """
    if pd.api.types.is_float_dtype(s.dtype) and bool((s.dropna() % 1 == 0).all()):
        s = s.astype("Int64")
    try:
        return s.astype("str")
    except (UnicodeError, ValueError, TypeError):  # a lone surrogate Arrow cannot hold: kept as it is written
        values = [v if isinstance(v, str) or pd.isna(v) else str(v) for v in s.tolist()]
        return pd.Series(np.array(values, dtype=object), index=s.index, dtype=object)


def _as_int(s: pd.Series) -> pd.Series:
    """A column of comment numbers as Int64: what is no whole number is NA.

    >>> _as_int(pd.Series([1, pd.NA, "3", 2.5, "x"], dtype=object)).tolist()
    [1, <NA>, 3, <NA>, <NA>]
    """
    x = pd.to_numeric(s.astype(object), errors="coerce")
    return x.where((x % 1 == 0) & (x.abs() < 2**62)).astype("Int64")


def prepare(comments: pd.DataFrame) -> pd.DataFrame:
    c = comments.reset_index(drop=True)
    for col, dtype in (
        ("comment_id", "str"),
        ("article_id", "str"),
        ("author", "str"),
        ("text", "str"),
        ("parent_id", "str"),
        ("number", "Int64"),
    ):
        if col not in c.columns:
            c = c.assign(**{col: pd.Series(index=c.index, dtype=dtype)})
        elif c[col].dtype != dtype:  # a hand-built frame: ids and names compared as strings, numbers as Int64
            c = c.assign(**{col: _as_str(c[col]) if dtype == "str" else _as_int(c[col])})
    if "article_id" in comments.columns and c["article_id"].isna().any():
        c = c.assign(article_id=c["article_id"].fillna(""))
    if "posted_at" not in c.columns:
        c = c.assign(posted_at=pd.NaT)
    c = _times_from_ages(c)
    c = c.assign(_order=_order(c))
    if "position" in c.columns and "line" in c.columns:  # where a comment stands on its page
        c = c.assign(_page_pos=c["position"].astype("Int64").where(c["line"].notna()))
    else:
        c = c.assign(_page_pos=pd.Series(pd.NA, index=c.index, dtype="Int64"))
    if c["parent_id"].notna().any():
        c = c.assign(thread=thread_roots(c))
    else:
        c = c.assign(thread=c["comment_id"])
    has_parents = c["parent_id"].notna().groupby(c["article_id"], sort=False).transform("any")
    return c.assign(_threaded=has_parents.astype(bool))


def posted_before(t_time, t_num, s_time, s_num, t_order=None, s_order=None):
    """Target posted before source: earlier time, or the same time and a lower number; where a
    number is missing, the same time and an earlier row of the source table (``t_order < s_order``).

    >>> t = pd.Series(pd.to_datetime(["2019-03-01 10:03"] * 2))
    >>> n = pd.Series([pd.NA, pd.NA], dtype="Int64")
    >>> posted_before(t, n, t[::-1].reset_index(drop=True), n, pd.Series([0, 1]), pd.Series([1, 0])).tolist()
    [True, False]
    """
    earlier = (t_time < s_time).fillna(False)
    lower = (t_num < s_num).fillna(False)
    if t_order is not None and s_order is not None:
        no_num = t_num.isna() | s_num.isna()
        lower = lower | ((t_order < s_order).fillna(False) & no_num)
    same = (t_time == s_time).fillna(False) & lower
    return (earlier | same).astype(bool)
