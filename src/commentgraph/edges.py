"""Reply edges: which count (the one filter that graphs, metrics and exports share) and their node ids.

Every analysis (``reply_graph``, ``author_graph``, ``threads``, ``authors``, ``summary``,
``reply_pairs``) takes the same keyword options and passes them to :func:`reply_edges`:

``via``          ``None`` (all), ``"mention"``, ``"parent"``, or a list of them;
``resolution``   ``None`` (all) or one or more of ``number+author``, ``number``, ``author``,
                 ``unresolved`` (or any value the replies table holds);
``self_replies`` keep edges from an author to their own comment (default ``True``);
``min_weight``   (author level only) drop author -> author relations with fewer replies.

Placeholder authors (``[deleted]`` and any other name in square brackets, ``Gast``, ``Anonym``,
``Anonymous``, empty or NA; see :data:`PLACEHOLDER_AUTHORS`) are different people: each of their comments gets an author key of its
own (``"Gast #<comment_id>"``), so they never merge into one hub that would distort centrality.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from .schema import PLACEHOLDER_AUTHORS, is_placeholder, isin  # noqa: F401  (used here; public here since the start)

VIAS = ("mention", "parent")

#: columns of :func:`reply_edges`, after the replies table's own
EDGE_COLUMNS = ("posted_at", "source", "target", "missing", "target_name", "source_key", "target_key", "self_reply", "order")


def author_keys(names: pd.Series, ids: pd.Series) -> pd.Series:
    """Author node keys: the name, or ``"<name> #<id>"`` for a placeholder (each one its own person).

    >>> from commentgraph.edges import author_keys
    >>> author_keys(pd.Series(["Wessi", "Gast", None], dtype="str"),
    ...             pd.Series(["a/1", "a/2", "a/3"], dtype="str")).tolist()
    ['Wessi', 'Gast #a/2', '(no name) #a/3']
    """
    names = names.reset_index(drop=True).astype("str")
    ph = is_placeholder(names)
    if not ph.any():
        return names
    at = np.flatnonzero(ph)
    shown = names.iloc[at].fillna("(no name)").str.strip().replace("", "(no name)")
    keys = shown + " #" + ids.reset_index(drop=True).astype("str").iloc[at]
    out = names.copy()
    out.iloc[at] = keys.to_numpy()
    return out


def author_stats(comments: pd.DataFrame) -> pd.DataFrame:
    """Per author node key (first appearance order): ``name``, ``placeholder``, ``n_comments``,
    ``n_articles``, ``first_at``, ``last_at``. Parts of a corpus holding whole articles add up
    (``n_comments``, ``n_articles`` summed, times by min and max; see :func:`combine_author_stats`).

    >>> from commentgraph.edges import author_stats
    >>> c = pd.DataFrame({"author": ["Ann", "Ben", "Ann"], "comment_id": ["1", "2", "3"], "article_id": "a",
    ...                   "posted_at": pd.to_datetime(["2019-03-01", "2019-03-02", "2019-03-03"])})
    >>> author_stats(c)["n_comments"].to_dict()
    {'Ann': 2, 'Ben': 1}
    """
    keys = author_keys(comments["author"], comments["comment_id"])
    per = pd.DataFrame({"author": keys, "name": comments["author"].reset_index(drop=True).astype("str"),
                        "placeholder": is_placeholder(comments["author"]),
                        "article_id": comments["article_id"].reset_index(drop=True),
                        "posted_at": comments["posted_at"].reset_index(drop=True)})
    g = per.groupby("author", sort=False)
    return pd.DataFrame({
        "name": g["name"].first(), "placeholder": g["placeholder"].first(), "n_comments": g.size(),
        "n_articles": g["article_id"].nunique(), "first_at": g["posted_at"].min(), "last_at": g["posted_at"].max(),
    })


def combine_author_stats(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """:func:`author_stats` of parts holding disjoint articles -> the stats of all of them."""
    both = pd.concat(parts)
    g = both.groupby(level=0, sort=False)
    out = pd.DataFrame({"name": g["name"].first(), "placeholder": g["placeholder"].first(),
                        "n_comments": g["n_comments"].sum(), "n_articles": g["n_articles"].sum(),
                        "first_at": g["first_at"].min(), "last_at": g["last_at"].max()})
    return out.rename_axis("author")


def combine_author_edges(parts: list[pd.DataFrame], *, min_weight: int = 1) -> pd.DataFrame:
    """:func:`author_edges` of parts holding disjoint articles (each read with ``min_weight=1``) -> those of
    all of them, relations lighter than ``min_weight`` dropped."""
    both = pd.concat(parts, ignore_index=True)
    g = both.groupby(["source_key", "target_key"], sort=False)
    out = pd.DataFrame({"weight": g["weight"].sum(), "first_at": g["first_at"].min(), "last_at": g["last_at"].max(),
                        "target_name": g["target_name"].first()}).reset_index()
    out["weight"] = out["weight"].astype("int64")
    if min_weight > 1:
        out = out[out["weight"] >= min_weight].reset_index(drop=True)
    return out


def _as_set(value, name: str, known: Iterable[str] | None = None) -> list[str] | None:
    if value is None:
        return None
    values = [value] if isinstance(value, str) else list(value)
    bad = [v for v in values if not isinstance(v, str)]
    if bad:
        raise ValueError(f"{name} takes strings, got {bad!r}")
    if known is not None:
        unknown = [v for v in values if v not in set(known)]
        if unknown:
            raise ValueError(f"unknown {name} {unknown!r}; choose from {sorted(set(known))}")
    return values


def _mention_start(d, r: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """Where the mention behind each of ``rows`` of the replies ``r`` starts in its text (inf if unknown)."""
    out = np.full(len(rows), np.inf)
    if "start" in r.columns:
        return r["start"].astype("Float64").iloc[rows].fillna(np.inf).to_numpy(dtype=float)
    m = d.mentions
    if not len(m) or not len(rows):
        return out
    sub = r.iloc[rows]
    m = m[isin(m["comment_id"], sub["source_comment_id"])]
    tgt = m["target_comment_id"].fillna("name:" + m["target_author"].fillna(""))
    first = (pd.DataFrame({"source_comment_id": m["comment_id"], "_tgt": tgt, "start": m["start"].astype("Float64")})
             .groupby(["source_comment_id", "_tgt"], sort=False, as_index=False)["start"].min())
    key = pd.DataFrame({"source_comment_id": sub["source_comment_id"],
                        "_tgt": sub["target_comment_id"].fillna("name:" + sub["target_author"].fillna(""))})
    got = key.merge(first, on=["source_comment_id", "_tgt"], how="left", validate="many_to_one")
    return got["start"].fillna(np.inf).to_numpy(dtype=float)


#: results computed once per Discussion object: (id(d), what) -> (weakref to d, result); entries go when d goes
_MEMO: dict = {}
_MEMO_SIZE = 16
_WATCHED: set = set()


def _forget(key: int) -> None:
    _WATCHED.discard(key)
    for k in [k for k in _MEMO if k[0] == key]:
        _MEMO.pop(k, None)


def memoized(d, what: tuple, compute: Callable):
    """``compute()`` once per Discussion object and ``what`` (the filters): threads, summary and the graphs of
    one Discussion share the edge table and the thread forest. A Discussion is frozen and its tables are not
    changed in place by any function here, so a result stays valid while the object lives; results are
    read-only (arrays) or handed out as copies (frames)."""
    try:
        ref = weakref.ref(d)
        key = (id(d), *what)
        hash(key)
    except TypeError:  # not weak-referenceable, or filters that are not hashable (let compute() complain)
        return compute()
    hit = _MEMO.get(key)
    if hit is not None and hit[0]() is d:
        return hit[1]
    value = compute()
    if id(d) not in _WATCHED:
        _WATCHED.add(id(d))
        weakref.finalize(d, _forget, id(d))
    _MEMO[key] = (ref, value)
    while len(_MEMO) > _MEMO_SIZE:
        _MEMO.pop(next(iter(_MEMO)))
    return value


def filter_key(via, resolution, self_replies) -> tuple:
    def norm(v):
        return v if v is None or isinstance(v, str) else tuple(v)
    return norm(via), norm(resolution), bool(self_replies)


def readonly(*arrays: np.ndarray) -> None:
    for a in arrays:
        a.setflags(write=False)


def edge_positions(d, *, via=None, resolution=None, self_replies: bool = True):
    """:func:`reply_edges` plus integer positions: ``(edges, source_pos, target_pos (-1 = missing),
    author keys of all comments)``, so callers need not look comment ids up again. Computed once per
    Discussion and filters; callers must not change the frame or arrays in place (arrays are read-only)."""
    try:
        what = ("edges", *filter_key(via, resolution, self_replies))
    except TypeError:  # e.g. via=5: _as_set raises the clear error
        what = None
    if what is None:
        return _compute_edges(d, via=via, resolution=resolution, self_replies=self_replies)
    return memoized(d, what, lambda: _compute_edges(d, via=via, resolution=resolution, self_replies=self_replies))


def _positions(ids: pd.Series, *lookups: pd.Series) -> list[np.ndarray]:
    """``pd.Index(ids).get_indexer(x)`` for each of ``lookups`` (-1 = not found), by one factorize of all
    of them (one hash pass instead of an index engine plus a lookup per call); the ids must be distinct."""
    n = len(ids)
    if (n and all(x.dtype == ids.dtype for x in lookups) and not ids.hasnans
            and not any(x.hasnans for x in lookups)):
        codes, _ = pd.factorize(pd.concat([ids, *lookups], ignore_index=True))
        if np.array_equal(codes[:n], np.arange(n)):  # distinct ids: the first n codes are 0..n-1
            out, at = [], n
            for x in lookups:
                c = codes[at:at + len(x)]
                out.append(np.where(c < n, c, -1).astype(np.intp))
                at += len(x)
            return out
    index = pd.Index(ids)  # duplicate ids raise here, as they always have
    return [index.get_indexer(x) for x in lookups]


def _compute_edges(d, *, via=None, resolution=None, self_replies: bool = True):
    vias = _as_set(via, "via", VIAS)
    r = d.replies
    present = r["resolution"].dropna().unique().tolist() if "resolution" in r else []
    resolutions = _as_set(resolution, "resolution",
                          {"number+author", "number", "author", "unresolved", "parent", *present})
    c = d.comments
    keys = author_keys(c["author"], c["comment_id"])
    r = r.reset_index(drop=True)
    si, all_ti = _positions(c["comment_id"], r["source_comment_id"], r["target_comment_id"].fillna("\0no target"))
    keep = si >= 0  # an edge from a comment that is not in the data cannot be placed
    if vias is not None:
        keep &= r["via"].isin(vias).to_numpy(dtype=bool)
    if resolutions is not None:
        keep &= r["resolution"].isin(resolutions).to_numpy(dtype=bool)
    if not keep.all():
        r = r[keep].reset_index(drop=True)
        si = si[keep]
        all_ti = all_ti[keep]
    ti = all_ti if len(r) else si[:0]
    missing = ti < 0
    safe_ti = np.where(missing, 0, ti)

    cols = c[["article_id", "author", "posted_at", "parent_id"]]
    src = cols.iloc[si].reset_index(drop=True)
    art = src["article_id"].astype("str")
    src_author = src["author"].astype("str")
    tgt_author = c["author"].iloc[safe_ti].reset_index(drop=True) if len(c) else src_author
    target = r["target_comment_id"].astype("str")
    target_name = tgt_author.where(~missing, r["target_author"].astype("str"))
    src_key = keys.iloc[si].reset_index(drop=True)
    tgt_key = keys.iloc[safe_ti].reset_index(drop=True) if len(c) else src_key
    if missing.any():
        at = np.flatnonzero(missing)
        name = r["target_author"].astype("str").iloc[at]
        # a dangling explicit parent has no name: its node is named by the parent id, its author unknown
        label = name.fillna(src["parent_id"].astype("str").iloc[at].where(r["via"].iloc[at] == "parent"))
        label = label.fillna(r["target_comment_id"].astype("str").iloc[at]).fillna("?")
        node = "missing:" + art.iloc[at] + ":" + label
        target = target.copy()
        target.iloc[at] = node.to_numpy()
        # a bare number to a comment not in the data (@3, target_author "#3") names no one: its author
        # is unknown, one per missing comment (never one "#3" shared across articles)
        bare = (name.str.fullmatch(r"#\d+").fillna(False) & (r["via"].iloc[at] == "mention")).to_numpy(dtype=bool)
        if bare.any():
            name = name.mask(bare)
        target_name = target_name.copy()
        target_name.iloc[at] = name.to_numpy()
        tgt_key = tgt_key.copy()
        tgt_key.iloc[at] = author_keys(name, node).to_numpy()
    ph_src = is_placeholder(src_author)
    self_reply = ((src_key == tgt_key).to_numpy(dtype=bool) & ~ph_src) | (si == ti)

    tgt_time = (c["posted_at"].iloc[safe_ti].reset_index(drop=True) if len(c)
                else src["posted_at"]).where(~missing)
    latency = (src["posted_at"] - tgt_time).astype("timedelta64[us]")

    # tree order: by source, its explicit parent first, then mentions by position in the text
    via_rank = (r["via"] != "parent").to_numpy(dtype=np.int8) if len(r) else np.zeros(0, np.int8)
    pos = np.full(len(r), np.inf)
    several = np.bincount(si, minlength=len(c))[si] > 1 if len(r) else np.zeros(0, bool)
    if several.any():
        rows = np.flatnonzero(several)
        pos[rows] = _mention_start(d, r, rows)
    perm = np.lexsort((np.arange(len(r)), pos, via_rank, si))
    order = np.empty(len(r), dtype=np.int64)
    order[perm] = np.arange(len(r))

    out = r.assign(article_id=art, source_author=src_author, latency=latency, posted_at=src["posted_at"],
                   source=r["source_comment_id"], target=target, missing=missing, target_name=target_name,
                   source_key=src_key, target_key=tgt_key, self_reply=self_reply, order=order)
    if not self_replies and self_reply.any():
        out = out[~self_reply].reset_index(drop=True)
        si, ti = si[~self_reply], ti[~self_reply]
    readonly(si, ti)
    return out, si, ti, keys


def reply_edges(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    """The replies table, filtered, with the node ids every graph and metric uses.

    Adds: ``posted_at`` (when the reply was posted), ``source`` / ``target`` (reply-graph node ids: the comment ids, or
    ``missing:<article_id>:<target_author>`` for a target not in the data; a dangling explicit parent,
    which has no name, is ``missing:<article_id>:<parent_id>``), ``missing``,
    ``target_name`` (author of the target, or the name as written; NA when unknown, as for a bare
    number ``@3`` to a comment not in the data, whose author key is ``(no name) #missing:<article_id>:#3``), ``source_key`` / ``target_key``
    (author-graph node ids, see :func:`author_keys`), ``self_reply`` and ``order`` (parent edges first,
    then mentions by their position in the text: the order the thread tree picks a parent in).
    ``source_author``, ``article_id`` and ``latency`` are recomputed from the comments table.

    >>> import pandas as pd, commentgraph as cg
    >>> df = pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ann"], "body": ["a", "b", "c"],
    ...                    "ts": ["2019-03-01 10:00", "2019-03-01 10:30", "2019-03-01 11:00"],
    ...                    "parent": [None, 1, 2]})
    >>> d = cg.read_table(df, columns={"comment_id": "id", "author": "user", "text": "body",
    ...                                "posted_at": "ts", "parent_id": "parent"})
    >>> from commentgraph.schema import conform
    >>> d = d.replace(replies=conform(pd.DataFrame({"source_comment_id": ["2", "3"],
    ...     "target_comment_id": ["1", "2"], "target_author": ["Ann", "Ben"], "via": "parent"}), "replies"))
    >>> e = reply_edges(d)
    >>> e[["source", "target", "source_key", "target_key"]].values.tolist()
    [['2', '1', 'Ben', 'Ann'], ['3', '2', 'Ann', 'Ben']]
    >>> e["latency"].astype(str).tolist()
    ['0 days 00:30:00', '0 days 00:30:00']
    """
    return edge_positions(d, via=via, resolution=resolution, self_replies=self_replies)[0].copy(deep=False)


def author_edges(d, *, via=None, resolution=None, self_replies: bool = True, min_weight: int = 1) -> pd.DataFrame:
    """Author -> author relations: ``source_key``, ``target_key``, ``weight`` (replies), ``first_at`` /
    ``last_at`` (first and last reply), ``target_name`` (the name as written; NA when unknown).

    Each reply counts once (a comment that answers one comment by a mention and by its parent, or
    mentions it twice, is one reply, as in the reply graph); dangling targets count by name. Relations lighter than
    ``min_weight`` are dropped.
    """
    if min_weight < 1:
        raise ValueError(f"min_weight must be at least 1, got {min_weight}")
    try:
        what = ("author_edges", *filter_key(via, resolution, self_replies))
    except TypeError:
        what = None
    compute = lambda: _author_relations(d, via=via, resolution=resolution, self_replies=self_replies)  # noqa: E731
    out = compute() if what is None else memoized(d, what, compute)
    if min_weight > 1:
        return out[out["weight"] >= min_weight].reset_index(drop=True)
    return out.copy(deep=False)


def _author_relations(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    e = edge_positions(d, via=via, resolution=resolution, self_replies=self_replies)[0]
    # a comment that answers one comment twice (a mention and its parent, ``@Bert ... @ 2``) replied once
    e = e[~e.duplicated(["source", "target"]).to_numpy()]
    g = e.groupby(["source_key", "target_key"], sort=False)
    out = pd.DataFrame({"weight": g.size(), "first_at": g["posted_at"].min(), "last_at": g["posted_at"].max(),
                        "target_name": g["target_name"].first()}).reset_index()
    out["weight"] = out["weight"].astype("int64")
    return out
