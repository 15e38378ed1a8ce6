"""Which reply edges count: the one filter that graphs, metrics and exports share.

Every analysis (``reply_graph``, ``author_graph``, ``threads``, ``authors``, ``summary``,
``reply_pairs``) takes the same keyword options and passes them to :func:`reply_edges`:

``via``          ``None`` (all), ``"mention"``, ``"parent"``, or a list of them;
``resolution``   ``None`` (all) or one or more of ``number+author``, ``number``, ``author``,
                 ``unresolved`` (or any value the replies table holds);
``self_replies`` keep edges from an author to their own comment (default ``True``);
``min_weight``   (author level only) drop author -> author relations with fewer replies.

Placeholder authors (``[deleted]``, ``Gast``, ``Anonym``, ``Anonymous``, empty or NA; see
:data:`PLACEHOLDER_AUTHORS`) are different people: each of their comments gets an author key of its
own (``"Gast #<comment_id>"``), so they never merge into one hub that would distort centrality.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

#: author names (compared stripped and case-folded) that stand for "someone", not for one person
PLACEHOLDER_AUTHORS = frozenset({
    "", "[deleted]", "[removed]", "deleted", "[gelöscht]", "gelöscht", "gast", "guest", "anonym",
    "anonymous", "anonymer nutzer", "anonymer user", "unbekannt", "unknown",
})
VIAS = ("mention", "parent")

#: columns of :func:`reply_edges`, after the replies table's own
EDGE_COLUMNS = ("posted_at", "source", "target", "missing", "target_name", "source_key", "target_key", "self_reply", "order")


def is_placeholder(names: pd.Series) -> np.ndarray:
    """Boolean array: which author names are placeholders (or NA).

    >>> from commentgraph.filters import is_placeholder
    >>> is_placeholder(pd.Series(["Gast", " anonymous ", "Wessi", None], dtype="str")).tolist()
    [True, True, False, True]
    """
    folded = names.astype("str").str.strip().str.casefold()
    return (folded.isin(PLACEHOLDER_AUTHORS) | folded.isna()).to_numpy(dtype=bool)


def author_keys(names: pd.Series, ids: pd.Series) -> pd.Series:
    """Author node keys: the name, or ``"<name> #<id>"`` for a placeholder (each one its own person).

    >>> from commentgraph.filters import author_keys
    >>> author_keys(pd.Series(["Wessi", "Gast", None], dtype="str"),
    ...             pd.Series(["a/1", "a/2", "a/3"], dtype="str")).tolist()
    ['Wessi', 'Gast #a/2', '(no name) #a/3']
    """
    names = names.reset_index(drop=True).astype("str")
    ids = ids.reset_index(drop=True).astype("str")
    ph = is_placeholder(names)
    if not ph.any():
        return names
    shown = names.fillna("(no name)").str.strip().replace("", "(no name)")
    return names.where(~ph, shown + " #" + ids)


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


def _first_mention_start(d, replies: pd.DataFrame) -> pd.Series:
    """For each reply row, where its mention starts in the text (NA for parent edges / unknown)."""
    if "start" in replies.columns:
        return replies["start"].astype("Float64")
    m = d.mentions
    if not len(m) or not len(replies):
        return pd.Series(np.nan, index=replies.index, dtype="Float64")
    tgt = m["target_comment_id"].fillna("name:" + m["target_author"].fillna(""))
    first = (pd.DataFrame({"source_comment_id": m["comment_id"], "_tgt": tgt,
                           "start": m["start"].astype("Float64")})
             .groupby(["source_comment_id", "_tgt"], sort=False, as_index=False)["start"].min())
    key = pd.DataFrame({"source_comment_id": replies["source_comment_id"],
                        "_tgt": replies["target_comment_id"].fillna("name:" + replies["target_author"].fillna(""))})
    got = key.merge(first, on=["source_comment_id", "_tgt"], how="left", validate="many_to_one")
    return got["start"].set_axis(replies.index)


def reply_edges(d, *, via=None, resolution=None, self_replies: bool = True) -> pd.DataFrame:
    """The replies table, filtered, with the node ids every graph and metric uses.

    Adds: ``posted_at`` (when the reply was posted), ``source`` / ``target`` (reply-graph node ids: the comment ids, or
    ``missing:<article_id>:<target_author>`` for a target not in the data), ``missing``,
    ``target_name`` (author of the target, or the name as written), ``source_key`` / ``target_key``
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
    vias = _as_set(via, "via", VIAS)
    r = d.replies
    present = r["resolution"].dropna().unique().tolist() if "resolution" in r else []
    resolutions = _as_set(resolution, "resolution",
                          {"number+author", "number", "author", "unresolved", "parent", *present})
    c = d.comments
    r = r.reset_index(drop=True)
    start = _first_mention_start(d, r)
    cidx = pd.Index(c["comment_id"])
    si = cidx.get_indexer(r["source_comment_id"])
    keep = si >= 0  # an edge from a comment that is not in the data cannot be placed
    if vias is not None:
        keep &= r["via"].isin(vias).to_numpy(dtype=bool)
    if resolutions is not None:
        keep &= r["resolution"].isin(resolutions).to_numpy(dtype=bool)
    r = r[keep].reset_index(drop=True)
    start = start[keep].reset_index(drop=True)
    si = si[keep]
    ti = cidx.get_indexer(r["target_comment_id"].fillna("\0no target"))
    missing = ti < 0

    src = c[["comment_id", "article_id", "author", "posted_at", "parent_id"]].iloc[si].reset_index(drop=True)
    art = src["article_id"].astype("str")
    src_author = src["author"].astype("str")
    safe_ti = np.where(missing, 0, ti)
    tgt_author = (c["author"].iloc[safe_ti].reset_index(drop=True) if len(c) else pd.Series([], dtype="str"))
    tgt_author = tgt_author.where(~missing, r["target_author"])
    # a dangling explicit parent has no name: call it by the parent id it names
    name_for_missing = r["target_author"].astype("str")
    name_for_missing = name_for_missing.fillna(src["parent_id"].astype("str").where(r["via"] == "parent"))
    name_for_missing = name_for_missing.fillna(r["target_comment_id"].astype("str")).fillna("?")
    target = r["target_comment_id"].astype("str").where(~missing, "missing:" + art + ":" + name_for_missing)
    target_name = tgt_author.where(~missing, name_for_missing)

    src_key = author_keys(src_author, src["comment_id"])
    tgt_ids = target  # placeholders among targets: one person per target node
    tgt_key = author_keys(target_name, tgt_ids)
    ph_src = is_placeholder(src_author)
    self_reply = ((src_key == tgt_key).to_numpy(dtype=bool) & ~ph_src) | (r["source_comment_id"] == target).to_numpy(
        dtype=bool)

    tgt_time = (c["posted_at"].iloc[safe_ti].reset_index(drop=True) if len(c)
                else src["posted_at"].iloc[:0]).where(~missing)
    latency = (src["posted_at"] - tgt_time).astype("timedelta64[us]")

    via_rank = np.where(r["via"].to_numpy(dtype=object) == "parent", 0, 1)
    pos = start.fillna(np.inf).to_numpy(dtype=float)
    order = np.lexsort((np.arange(len(r)), pos, via_rank, si))  # by source, parent first, then position
    rank = np.empty(len(r), dtype=np.int64)
    rank[order] = np.arange(len(r))

    out = r.assign(article_id=art, source_author=src_author, latency=latency, posted_at=src["posted_at"],
                   source=r["source_comment_id"],
                   target=target, missing=missing, target_name=target_name, source_key=src_key,
                   target_key=tgt_key, self_reply=self_reply, order=rank)
    if not self_replies:
        out = out[~out["self_reply"]].reset_index(drop=True)
    return out


def author_edges(d, *, via=None, resolution=None, self_replies: bool = True, min_weight: int = 1) -> pd.DataFrame:
    """Author -> author relations: ``source_key``, ``target_key``, ``weight`` (replies), first/last reply time.

    Each reply edge counts once; dangling targets count by name. Relations lighter than
    ``min_weight`` are dropped.
    """
    if min_weight < 1:
        raise ValueError(f"min_weight must be at least 1, got {min_weight}")
    e = reply_edges(d, via=via, resolution=resolution, self_replies=self_replies)
    g = e.groupby(["source_key", "target_key"], sort=False)
    out = pd.DataFrame({"weight": g.size(), "first_at": g["posted_at"].min(),
                        "last_at": g["posted_at"].max()}).reset_index()
    out["weight"] = out["weight"].astype("int64")
    return out[out["weight"] >= min_weight].reset_index(drop=True)
