"""Write graphs for Gephi (GEXF, GraphML, spreadsheet CSV) and the analysis tables (CSV, Parquet).

Graph attributes are made XML-safe on the way out: timestamps become ISO 8601 strings, durations
become seconds (float), NA attributes are left out, and characters XML 1.0 forbids (control
characters pasted with a comment) become U+FFFD, in attribute values and node ids alike.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import numpy as np
import pandas as pd

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(value):
    """An attribute value XML and Gephi can hold, or ``None`` to leave it out."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.isoformat()
    if isinstance(value, pd.Timedelta | dt.timedelta):
        return value.total_seconds()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, bool | int | float):
        return value
    if not isinstance(value, str):
        value = str(value)
    return _XML_BAD.sub("\ufffd", value)


def _label(node, data) -> str:
    if "label" in data and data["label"] is not None:
        return str(data["label"])
    if "number" in data and data.get("number") is not None and data.get("author") is not None:
        return f"{data['author']} #{data['number']}"
    for key in ("author", "name"):
        if data.get(key) is not None:
            return str(data[key])
    return str(node)


def _xml_safe(g):
    """A copy of ``g`` with XML-safe ids and attributes (and a ``label`` on every node)."""
    ids = {n: _clean(str(n)) for n in g.nodes}
    if len(set(ids.values())) < len(ids):
        raise ValueError("two node ids differ only in characters XML cannot hold; rename them before export")
    h = g.__class__()
    h.graph.update({k: v for k, v in ((k, _clean(v)) for k, v in g.graph.items()) if v is not None})
    for n, data in g.nodes(data=True):
        attrs = {k: v for k, v in ((k, _clean(v)) for k, v in data.items()) if v is not None}
        attrs["label"] = _clean(_label(n, data))
        h.add_node(ids[n], **attrs)
    for u, v, *rest in (g.edges(keys=True, data=True) if g.is_multigraph() else g.edges(data=True)):
        data = rest[-1]
        attrs = {k: x for k, x in ((k, _clean(x)) for k, x in data.items()) if x is not None}
        h.add_edge(ids[u], ids[v], **attrs)
    return h


def _iso(t) -> str:
    return t.isoformat()


def _dynamic(g, h, discussion) -> None:
    """Put spells (and author edges' dynamic ``replies``) on ``h``, the XML-safe copy of ``g``."""
    from .spells import spells

    node_spells, edge_spells, counts = spells(g, discussion)
    for n in g.nodes:
        if n in node_spells:
            h.nodes[_clean(str(n))]["spells"] = [(_iso(s), _iso(e)) for s, e in node_spells[n]]
    h_edges = list(h.edges(keys=True, data=True) if h.is_multigraph() else h.edges(data=True))
    for (*_, data), spell, count in zip(h_edges, edge_spells, counts):
        if spell:
            data["spells"] = [(_iso(s), _iso(e)) for s, e in spell]
        if count:
            data["replies"] = [(k, _iso(s), _iso(e)) for k, s, e in count]
    h.graph["mode"] = "dynamic"


def write_gexf(g, path, *, dynamic: bool = False, discussion=None) -> Path:
    """Write a graph as GEXF 1.2 (Gephi's own format); returns the path.

    ``dynamic=True`` writes a dynamic GEXF for Gephi's timeline (see :mod:`commentgraph.spells`): each
    node exists from its comment's time (an author from their first comment, with ``discussion``), each
    edge from the reply's time, as spells of ISO 8601 times; an author-graph edge gets a spell per reply
    and a dynamic ``replies`` count when the ``discussion`` it was built from is given.

    >>> import networkx as nx, pandas as pd, tempfile, pathlib
    >>> g = nx.DiGraph(); g.add_edge("a", "b", via="mention", latency=pd.Timedelta(minutes=2))
    >>> p = cg.write_gexf(g, pathlib.Path(tempfile.mkdtemp()) / "g.gexf")
    >>> nx.read_gexf(p).edges["a", "b"]["latency"]
    120.0
    """
    import networkx as nx

    path = Path(path)
    h = _xml_safe(g)
    if dynamic:
        _dynamic(g, h, discussion)
    nx.write_gexf(h, path)
    return path


def write_graphml(g, path) -> Path:
    """Write a graph as GraphML (opens in Gephi, yEd, Cytoscape, igraph); returns the path."""
    import networkx as nx

    path = Path(path)
    nx.write_graphml(_xml_safe(g), path)
    return path


def write_gephi_csv(g, stem) -> tuple[Path, Path]:
    """Write Gephi's spreadsheet pair ``<stem>_nodes.csv`` (Id, Label, attributes) and
    ``<stem>_edges.csv`` (Source, Target, Type, Weight, attributes); returns both paths.

    ``Weight`` is the edge's ``weight`` attribute, else 1; a multigraph writes one row per edge.

    >>> import networkx as nx, tempfile, pathlib
    >>> g = nx.DiGraph(); g.add_edge("Ann", "Ben", weight=2)
    >>> nodes, edges = cg.write_gephi_csv(g, pathlib.Path(tempfile.mkdtemp()) / "authors")
    >>> edges.read_text().splitlines()
    ['Source,Target,Type,Weight', 'Ann,Ben,Directed,2']
    """
    h = _xml_safe(g)
    stem = Path(stem)
    node_keys = sorted({k for _, data in h.nodes(data=True) for k in data} - {"label"})
    nodes = pd.DataFrame([{"Id": n, "Label": data.get("label"), **{k: data.get(k) for k in node_keys}}
                          for n, data in h.nodes(data=True)], columns=["Id", "Label", *node_keys])
    edge_keys = sorted({k for *_, data in h.edges(data=True) for k in data} - {"weight"})
    kind = "Directed" if h.is_directed() else "Undirected"
    edges = pd.DataFrame([{"Source": u, "Target": v, "Type": kind, "Weight": data.get("weight", 1),
                           **{k: data.get(k) for k in edge_keys}} for u, v, data in h.edges(data=True)],
                         columns=["Source", "Target", "Type", "Weight", *edge_keys])
    node_path = stem.with_name(stem.name + "_nodes.csv")
    edge_path = stem.with_name(stem.name + "_edges.csv")
    nodes.to_csv(node_path, index=False, quoting=csv.QUOTE_MINIMAL)
    edges.to_csv(edge_path, index=False, quoting=csv.QUOTE_MINIMAL)
    return node_path, edge_path


def _csv_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Datetimes as ISO 8601 strings; durations as seconds in a column renamed ``<name>_s``."""
    out = {}
    for col in df.columns:
        s = df[col]
        if isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_dtype(s.dtype):
            out[col] = s.astype("str").str.replace(" ", "T", n=1, regex=False).where(s.notna())
        elif pd.api.types.is_timedelta64_dtype(s.dtype):
            out[f"{col}_s"] = s.dt.total_seconds()
        else:
            out[col] = s
    return pd.DataFrame(out, index=df.index)


def _parquet_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns of mixed types (extra source columns) as strings, so Arrow can hold them."""
    fix = {col: df[col].astype("str").where(df[col].notna()) for col in df.columns if df[col].dtype == object}
    return df.assign(**fix) if fix else df


def export_tables(d, folder, *, format: str = "csv", via=None, resolution=None, self_replies: bool = True,
                  min_weight: int = 1) -> dict[str, Path]:
    """Write the Discussion's tables and the analysis tables (threads, comment_threads, authors,
    reply_pairs, summary) as ``<folder>/<name>.csv`` or ``.parquet``; returns ``{name: path}``.

    CSV holds datetimes as ISO 8601 strings and durations as seconds (column ``<name>_s``); Parquet
    keeps the dtypes. The filter options go to every analysis table.
    """
    from .authors import authors, reply_pairs
    from .summary import summary
    from .threads import comment_threads, threads

    if format not in ("csv", "parquet"):
        raise ValueError(f"format must be 'csv' or 'parquet', got {format!r}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    filters = {"via": via, "resolution": resolution, "self_replies": self_replies}
    tables = {
        "articles": d.articles, "comments": d.comments, "mentions": d.mentions, "replies": d.replies,
        "problems": d.problems, "threads": threads(d, **filters), "comment_threads": comment_threads(d, **filters),
        "authors": authors(d, **filters, min_weight=min_weight),
        "reply_pairs": reply_pairs(d, **filters, min_weight=min_weight), "summary": summary(d, **filters),
    }
    paths = {}
    for name, df in tables.items():
        path = folder / f"{name}.{format}"
        if format == "csv":
            _csv_ready(df).to_csv(path, index=False)
        else:
            _parquet_ready(df).to_parquet(path, index=False)
        paths[name] = path
    return paths
