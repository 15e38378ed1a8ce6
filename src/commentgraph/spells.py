"""When each node and edge of a reply or author graph exists: GEXF spells for Gephi's timeline.

A comment exists from its time on, an author from their first comment, a reply edge from the reply's
time; a missing target (``missing=True``) from the first reply to it. Every spell ends at the graph's
last time, so the timeline replays the discussion and ends with the whole graph. An author-graph edge
gets one spell per reply (from that reply to the next, the last one to the end) and a dynamic
``replies`` attribute counting the replies so far, so its weight grows on the timeline.
"""

from __future__ import annotations

import pandas as pd


def _time(v) -> pd.Timestamp | None:
    if v is None or v is pd.NaT or v is pd.NA:
        return None
    try:
        t = pd.Timestamp(v)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(t) else t


def _reply_times(discussion) -> tuple[dict, dict, dict]:
    """From a Discussion: comment times, authors' first times and each author pair's reply times."""
    from .filters import author_keys, reply_edges

    c = discussion.comments
    comment_at = dict(zip(c["comment_id"].astype("str"), c["posted_at"]))
    keys = pd.Series(author_keys(c["author"], c["comment_id"]), index=c.index)
    first = c["posted_at"].groupby(keys, sort=False).min()
    e = reply_edges(discussion)
    e = e[~e.duplicated(["source", "target"]).to_numpy()]  # one reply per comment answered, as author_graph counts
    e = e[e["posted_at"].notna().to_numpy()].sort_values("posted_at", kind="stable")
    pairs = {k: list(v) for k, v in e.groupby(["source_key", "target_key"], sort=False)["posted_at"]}
    return comment_at, first.to_dict(), pairs


def _node_start(g, n, data, first: dict):
    if n in first:  # an author of the Discussion
        return _time(first[n])
    return _time(data.get("posted_at"))


def spells(g, discussion=None) -> tuple[dict, list, list]:
    """Spells of ``g``'s nodes and edges (in ``g.edges`` order) and each edge's dynamic ``replies``.

    Returns ``(node_spells, edge_spells, edge_counts)``: ``{node: [(start, end)]}``, a list of spell lists
    and a list of ``[(count, start, end)]`` (empty where the edge is not an author pair); times are
    ``pd.Timestamp``. Without ``discussion`` an author graph's edges have one spell from ``first_at``.
    """
    comment_at, first, pairs = _reply_times(discussion) if discussion is not None else ({}, {}, {})
    edges = list(g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True))
    node_start = {n: _node_start(g, n, data, first) for n, data in g.nodes(data=True)}
    edge_starts, counted = [], []
    for u, v, *rest in edges:
        data = rest[-1]
        if "source_comment_id" in data:  # an author multigraph: one edge per reply
            times = [_time(comment_at.get(data["source_comment_id"]))]
        elif (u, v) in pairs and not g.is_multigraph():  # an author pair: each reply
            times = [_time(t) for t in pairs[(u, v)]]
        elif "first_at" in data:
            times = [_time(data["first_at"])]
        else:  # a reply-graph edge: the replying comment's time
            times = [node_start.get(u)]
        edge_starts.append([t for t in times if t is not None])
        counted.append("first_at" in data)
    for (u, v, *_), times in zip(edges, edge_starts):  # a node without a time exists from its first edge on
        for n in (u, v):
            if node_start.get(n) is None and times:
                node_start[n] = times[0]
            elif times and times[0] < node_start[n] and g.nodes[n].get("missing"):
                node_start[n] = times[0]
    known = [t for t in node_start.values() if t is not None] + [t for ts in edge_starts for t in ts]
    if not known:
        return {}, [[] for _ in edges], [[] for _ in edges]
    end = max(known)
    node_spells = {n: [(t, end)] for n, t in node_start.items() if t is not None}
    edge_spells, counts = [], []
    for times, count in zip(edge_starts, counted):
        steps = list(zip(times, [*times[1:], end]))
        edge_spells.append(steps)
        counts.append([(k, s, e) for k, (s, e) in enumerate(steps, start=1)] if count else [])
    return node_spells, edge_spells, counts
