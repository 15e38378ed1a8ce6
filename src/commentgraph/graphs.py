"""The reply graph (comment -> the comment it answers) and the author graph (author -> author)."""

from __future__ import annotations

import pandas as pd

from .filters import author_edges, author_keys, is_placeholder, reply_edges


def _native(v):
    """A plain Python value for a graph attribute (``None`` for any NA)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item") and not isinstance(v, pd.Timestamp | pd.Timedelta):
        return v.item()
    return v


def reply_graph(d, *, via=None, resolution=None, self_replies: bool = True):
    """The reply graph: a ``networkx.DiGraph`` with an edge from each reply to the comment it answers.

    Nodes are all comments (id ``comment_id``) with ``author``, ``posted_at`` (tz-aware Timestamp),
    ``number`` (int or None), ``article_id``, ``text_length``, ``missing=False``; a target that is not in
    the data is a node ``missing:<article_id>:<target_author>`` with ``missing=True``, ``author`` and
    ``article_id``. Edges carry ``via``, ``resolution``, ``latency`` (Timedelta, None when the target is
    missing) and ``n_edges``: when two reply rows join the same pair (a mention and a parent), they share
    one edge, ``via`` becomes ``"mention+parent"`` and ``n_edges`` is 2. Options: see
    :mod:`commentgraph.filters`.

    >>> import pandas as pd
    >>> from commentgraph.schema import conform
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2], "user": ["Ann", "Ben"], "body": ["Hi", "No"],
    ...     "ts": ["2019-03-01 10:00", "2019-03-01 10:45"], "parent": [None, 1]}),
    ...     columns={"comment_id": "id", "author": "user", "text": "body", "posted_at": "ts",
    ...              "parent_id": "parent"})
    >>> d = d.replace(replies=conform(pd.DataFrame({"source_comment_id": ["2"],
    ...     "target_comment_id": ["1"], "target_author": ["Ann"], "via": ["parent"]}), "replies"))
    >>> g = cg.reply_graph(d)
    >>> list(g.edges(data="latency")), g.nodes["2"]["author"], g.nodes["2"]["missing"]
    ([('2', '1', Timedelta('0 days 00:45:00'))], 'Ben', False)
    """
    import networkx as nx

    e = reply_edges(d, via=via, resolution=resolution, self_replies=self_replies)
    c = d.comments
    g = nx.DiGraph()
    cols = zip(c["author"].tolist(), c["posted_at"].tolist(), c["number"].tolist(), c["article_id"].tolist(),
               c["text"].fillna("").str.len().tolist())
    g.add_nodes_from((cid, {"author": _native(author), "posted_at": _native(posted), "number": _native(number),
                            "article_id": _native(art), "text_length": int(n), "missing": False})
                     for cid, (author, posted, number, art, n) in zip(c["comment_id"].tolist(), cols, strict=True))
    miss = e.loc[e["missing"], ["target", "target_name", "article_id"]].drop_duplicates("target")
    g.add_nodes_from((node, {"author": _native(name), "article_id": _native(art), "missing": True})
                     for node, name, art in zip(miss["target"].tolist(), miss["target_name"].tolist(),
                                                miss["article_id"].tolist(), strict=True))
    e = e[["source", "target", "via", "resolution", "latency"]]
    n_edges = pd.Series(1, index=e.index)
    if e.duplicated(["source", "target"]).any():  # a mention and a parent to the same comment: one edge
        grouped = e.groupby(["source", "target"], sort=False)
        n_edges = grouped.size().to_numpy()
        kinds = e.drop_duplicates(["source", "target", "via"]).sort_values("via", kind="stable")
        vias = kinds.groupby(["source", "target"], sort=False)["via"].agg("+".join)
        e = grouped[["resolution", "latency"]].first()
        e = e.assign(via=vias.reindex(e.index).to_numpy()).reset_index()
    g.add_edges_from(
        (s, t, {"via": _native(v), "resolution": _native(r), "latency": _native(lat), "n_edges": int(k)})
        for s, t, v, r, lat, k in zip(e["source"].tolist(), e["target"].tolist(), e["via"].tolist(),
                                      e["resolution"].tolist(), e["latency"].tolist(), list(n_edges), strict=True))
    return g


def author_graph(d, *, multigraph: bool = False, via=None, resolution=None, self_replies: bool = True,
                 min_weight: int = 1):
    """The author graph: author -> the author they answer, ``weight`` = number of replies.

    Each reply edge counts once; a target not in the data counts by the name written
    (``@Ralf Meier``). Nodes are every author with a comment plus every such name, with ``name``,
    ``n_comments``, ``placeholder`` and ``missing`` (only known as a target). Placeholder authors
    (``Gast``, ``[deleted]``, ...) are one node per comment (``"Gast #<comment_id>"``). Edges carry
    ``weight``, ``first_at`` and ``last_at`` (times of the first and last reply). With
    ``multigraph=True`` a ``networkx.MultiDiGraph`` holds one edge per reply (``weight=1``,
    ``source_comment_id``, ``target``, ``via``, ``resolution``, ``latency``), for the same
    relations. ``min_weight`` drops relations with fewer replies (in both forms).

    >>> import pandas as pd
    >>> from commentgraph.schema import conform
    >>> d = cg.read_table(pd.DataFrame({"id": [1, 2, 3], "user": ["Ann", "Ben", "Ben"],
    ...     "body": ["Hi", "No", "Still no"], "ts": ["2019-03-01 10:00", "2019-03-01 10:45", "2019-03-01 11:00"],
    ...     "parent": [None, 1, 1]}), columns={"comment_id": "id", "author": "user", "text": "body",
    ...     "posted_at": "ts", "parent_id": "parent"})
    >>> d = d.replace(replies=conform(pd.DataFrame({"source_comment_id": ["2", "3"],
    ...     "target_comment_id": ["1", "1"], "target_author": ["Ann", "Ann"], "via": "parent"}), "replies"))
    >>> list(cg.author_graph(d).edges(data="weight"))
    [('Ben', 'Ann', 2)]
    >>> cg.author_graph(d, multigraph=True).number_of_edges()
    2
    """
    import networkx as nx

    rel = author_edges(d, via=via, resolution=resolution, self_replies=self_replies, min_weight=min_weight)
    c = d.comments
    keys = author_keys(c["author"], c["comment_id"])
    nodes = (pd.DataFrame({"key": keys, "name": c["author"].astype("str"),
                           "placeholder": is_placeholder(c["author"])})
             .groupby("key", sort=False).agg(name=("name", "first"), n_comments=("name", "size"),
                                              placeholder=("placeholder", "first")))
    g = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    for key, name, n, ph in zip(nodes.index, nodes["name"], nodes["n_comments"], nodes["placeholder"], strict=True):
        g.add_node(key, name=_native(name), n_comments=int(n), placeholder=bool(ph), missing=False)
    if multigraph:
        e = reply_edges(d, via=via, resolution=resolution, self_replies=self_replies)
        e = e.merge(rel[["source_key", "target_key"]], on=["source_key", "target_key"], how="inner",
                    validate="many_to_one")
    ends = rel.loc[~rel["target_key"].isin(nodes.index), ["target_key", "target_name"]].drop_duplicates("target_key")
    for key, name in zip(ends["target_key"], ends["target_name"], strict=True):
        name = _native(name)
        ph = name is None or bool(is_placeholder(pd.Series([name], dtype="str"))[0])
        g.add_node(key, name=name, n_comments=0, placeholder=ph, missing=True)
    if multigraph:
        for row in zip(e["source_key"], e["target_key"], e["source_comment_id"], e["target"], e["via"],
                       e["resolution"], e["latency"], strict=True):
            s, t, sid, tid, via_, res, lat = map(_native, row)
            g.add_edge(s, t, weight=1, source_comment_id=sid, target=tid, via=via_, resolution=res, latency=lat)
    else:
        for s, t, w, first, last in zip(rel["source_key"], rel["target_key"], rel["weight"], rel["first_at"],
                                        rel["last_at"], strict=True):
            g.add_edge(s, t, weight=int(w), first_at=_native(first), last_at=_native(last))
    return g
