"""The reply graph (comment -> the comment it answers) and the author graph (author -> author)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .edges import edge_positions, author_edges, author_stats, is_placeholder
from .schema import no_cycle_collection


def _plain(s: pd.Series, *more: pd.Series) -> list:
    """The values of a column as graph attributes: what :func:`_native` gives for each element, without a
    Python call per element. Values are boxed once per distinct value and shared (str, int, Timestamp and
    Timedelta are immutable, so equal values may be one object): fewer allocations, less memory. With
    ``more`` columns of the same dtype (``first_at`` and ``last_at``), a list per column, boxed together."""
    if more:
        if any(m.dtype != s.dtype for m in more):
            return [_plain(x) for x in (s, *more)]
        flat = _plain(pd.concat([s, *more], ignore_index=True))
        cuts = np.cumsum([len(x) for x in (s, *more)])
        return [flat[a:b] for a, b in zip([0, *cuts[:-1]], cuts, strict=True)]
    if s.dtype == object:
        return [_native(v) for v in s.tolist()]
    codes, uniques = pd.factorize(s)  # NA -> -1
    boxed = np.empty(len(uniques) + 1, dtype=object)
    boxed[:-1] = [_native(v) for v in uniques.tolist()] if uniques.dtype == object else uniques.tolist()
    boxed[-1] = None
    return boxed[codes].tolist()


def _add_nodes(g, ids: list, attrs: list) -> None:
    """``g.add_nodes_from(zip(ids, attrs))``. Into an empty graph of networkx's own classes (plain dict
    factories) with distinct ids and no ``None``, the node dicts are filled directly, as ``add_nodes_from``
    would fill them, without its per-node Python loop; otherwise it is called."""
    import networkx as nx

    plain = (type(g) in (nx.DiGraph, nx.MultiDiGraph) and len(g) == 0 and not g._node and not g._adj
             and not g._pred)
    if plain:
        nodes = g._node  # networkx's documented node / adjacency dicts (G._node, G._adj = G._succ, G._pred)
        nodes.update(zip(ids, attrs, strict=True))
        if len(nodes) == len(ids) and None not in nodes:
            g._adj.update(zip(ids, [{} for _ in range(len(ids))]))
            g._pred.update(zip(ids, [{} for _ in range(len(ids))]))
            nx._clear_cache(g)
            return
        nodes.clear()  # repeated ids or None: networkx's own way (and its errors)
    g.add_nodes_from(zip(ids, attrs, strict=True))


def _add_edges(g, us: list, vs: list, attrs: list) -> None:
    """``g.add_edges_from(zip(us, vs, attrs))`` for a DiGraph that has NO edges yet, with distinct
    ``(u, v)`` pairs (the caller's precondition). When every end is already a node, the adjacency dicts are
    filled directly, as ``add_edges_from`` fills them (one attribute dict shared by ``_succ[u][v]`` and
    ``_pred[v][u]``), without its per-edge checks; otherwise it is called."""
    import networkx as nx

    have = g._node.keys()
    if type(g) is not nx.DiGraph or not (have >= set(us) and have >= set(vs)):
        g.add_edges_from(zip(us, vs, attrs, strict=True))
        return
    succ, pred = g._adj, g._pred
    for u, v, a in zip(us, vs, attrs, strict=True):
        succ[u][v] = a
        pred[v][u] = a
    nx._clear_cache(g)


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
    :mod:`commentgraph.edges`.

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

    e = edge_positions(d, via=via, resolution=resolution, self_replies=self_replies)[0]
    c = d.comments
    g = nx.DiGraph()
    with no_cycle_collection():
        _reply_graph(g, c, e)
    return g


def _reply_graph(g, c: pd.DataFrame, e: pd.DataFrame) -> None:
    ids = c["comment_id"]
    lengths = c["text"].fillna("").str.len()
    cols = zip(_plain(c["author"]), _plain(c["posted_at"]), _plain(c["number"]), _plain(c["article_id"]),
               lengths.tolist() if lengths.dtype.kind in "iu" else [int(n) for n in lengths.tolist()], strict=True)
    attrs = [{"author": author, "posted_at": posted, "number": number, "article_id": art, "text_length": n,
              "missing": False} for author, posted, number, art, n in cols]
    _add_nodes(g, ids.tolist(), attrs)
    miss = e.loc[e["missing"], ["target", "target_name", "article_id"]].drop_duplicates("target")
    g.add_nodes_from((node, {"author": _native(name), "article_id": _native(art), "missing": True})
                     for node, name, art in zip(miss["target"].tolist(), miss["target_name"].tolist(),
                                                miss["article_id"].tolist(), strict=True))
    e = e[["source", "target", "via", "resolution", "latency"]]
    n_edges = None
    if e.duplicated(["source", "target"]).any():  # a mention and a parent to the same comment: one edge
        grouped = e.groupby(["source", "target"], sort=False)
        n_edges = grouped.size().to_numpy()
        vias = _joined_vias(grouped.ngroup().to_numpy(), e["via"], len(n_edges))
        e = grouped[["resolution", "latency"]].first().assign(via=vias).reset_index()
    ks = [1] * len(e) if n_edges is None else np.asarray(n_edges, dtype=np.int64).tolist()
    attrs = [{"via": v, "resolution": r, "latency": lat, "n_edges": k}
             for v, r, lat, k in zip(_plain(e["via"]), _plain(e["resolution"]), _plain(e["latency"]), ks, strict=True)]
    _add_edges(g, e["source"].tolist(), e["target"].tolist(), attrs)  # no edges yet; pairs distinct (above)


def _joined_vias(group: np.ndarray, via: pd.Series, n: int) -> np.ndarray:
    """Per group of edges, the distinct ``via`` values in alphabetical order joined by ``+`` (``mention+parent``),
    column-wise: each group's vias as bits, each distinct set of bits spelt once (there are a few vias).

    >>> _joined_vias(np.array([0, 0, 1, 0]), pd.Series(["parent", "mention", "parent", "parent"]), 2).tolist()
    ['mention+parent', 'parent']
    """
    codes, names = pd.factorize(via)
    spelling = sorted(str(v) for v in names)
    rank = np.array([spelling.index(str(v)) for v in names], dtype=np.int64)
    bits = np.zeros(n, dtype=np.int64)
    ok = codes >= 0
    np.bitwise_or.at(bits, group[ok], np.left_shift(1, rank[codes[ok]]))
    spelt = {b: "+".join(v for k, v in enumerate(spelling) if b >> k & 1) for b in np.unique(bits).tolist()}
    return pd.Series(bits).map(spelt).to_numpy(dtype=object)


def author_graph(d, *, multigraph: bool = False, via=None, resolution=None, self_replies: bool = True,
                 min_weight: int = 1):
    """The author graph: author -> the author they answer, ``weight`` = number of replies.

    Each reply counts once (a mention and a parent to the same comment are one reply); a target not in the
    data counts by the name written
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
    rel = author_edges(d, via=via, resolution=resolution, self_replies=self_replies, min_weight=min_weight)
    e = None
    if multigraph:
        e = edge_positions(d, via=via, resolution=resolution, self_replies=self_replies)[0]
        e = e[~e.duplicated(["source", "target"]).to_numpy()]   # one reply per comment answered (author_edges)
        e = e.merge(rel[["source_key", "target_key"]], on=["source_key", "target_key"], how="inner",
                    validate="many_to_one")
    return author_graph_of(author_stats(d.comments), rel, replies=e)


def author_graph_of(nodes: pd.DataFrame, rel: pd.DataFrame, *, replies: pd.DataFrame | None = None):
    """The author graph from per-author stats (:func:`commentgraph.edges.author_stats`: ``name``,
    ``n_comments``, ``placeholder`` by node key) and relations (:func:`commentgraph.edges.author_edges`);
    a ``MultiDiGraph`` when ``replies`` (one row per reply edge) is given."""
    import networkx as nx

    multigraph, e = replies is not None, replies
    g = nx.MultiDiGraph() if multigraph else nx.DiGraph()
    known = nodes.index.get_indexer(rel["target_key"]) >= 0  # the group keys are distinct: isin, without its slow path
    ends = rel.loc[~known, ["target_key", "target_name"]].drop_duplicates("target_key")
    with no_cycle_collection():
        ids = nodes.index.tolist()
        attrs = [{"name": name, "n_comments": n, "placeholder": ph, "missing": False}
                 for name, n, ph in zip(_plain(nodes["name"]), nodes["n_comments"].astype(np.int64).tolist(),
                                        nodes["placeholder"].astype(bool).tolist(), strict=True)]
        _add_nodes(g, ids, attrs)
        names = ends["target_name"].astype("str")
        g.add_nodes_from((key, {"name": name, "n_comments": 0, "placeholder": ph, "missing": True})
                         for key, name, ph in zip(ends["target_key"].tolist(), _plain(names),
                                                  is_placeholder(names).tolist(), strict=True))
        if multigraph:
            g.add_edges_from(
                (s, t, {"weight": 1, "source_comment_id": sid, "target": tid, "via": via_, "resolution": res,
                        "latency": lat})
                for s, t, sid, tid, via_, res, lat in zip(
                    _plain(e["source_key"]), _plain(e["target_key"]), _plain(e["source_comment_id"]),
                    _plain(e["target"]), _plain(e["via"]), _plain(e["resolution"]), _plain(e["latency"]),
                    strict=True))
        else:
            attrs = [{"weight": w, "first_at": first, "last_at": last}
                     for w, first, last in zip(rel["weight"].astype(np.int64).tolist(),
                                               *_plain(rel["first_at"], rel["last_at"]), strict=True)]
            # no edges yet; the relations are distinct (source_key, target_key) groups
            _add_edges(g, _plain(rel["source_key"]), _plain(rel["target_key"]), attrs)
    return g
