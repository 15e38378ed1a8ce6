"""Thread trees: one row per comment in reading order, indented by reply depth."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..style import GREY, OKABE_ITO
from ..threads import comment_threads
from ._axes import axes_for, fit_texts, short, thread_colours

MAX_LABELS = 80  # with more rows than this, labels are left out unless asked for


def _nodes(d) -> pd.DataFrame:
    """Comments and missing roots with thread, depth and parent, in reading order (depth first by time)."""
    c = d.comments
    ct = comment_threads(d)
    nodes = pd.DataFrame({"node": ct["comment_id"], "article_id": ct["article_id"], "thread_id": ct["thread_id"],
                          "depth": ct["depth"], "parent": ct["parent"], "number": c["number"].array,
                          "author": c["author"].to_numpy(), "posted_at": c["posted_at"].to_numpy(),
                          "missing": False})
    ids = set(nodes["node"])
    lost = nodes.loc[nodes["parent"].notna() & ~nodes["parent"].isin(ids)]
    if len(lost):
        first = lost.groupby("parent", sort=False).agg(article_id=("article_id", "first"),
                                                      posted_at=("posted_at", "min"))
        extra = pd.DataFrame({"node": first.index, "article_id": first["article_id"].to_numpy(),
                              "thread_id": first.index, "depth": 0, "parent": None, "number": pd.NA,
                              "author": [n.removeprefix(f"missing:{a}:") for n, a in
                                         zip(first.index, first["article_id"], strict=True)],
                              "posted_at": first["posted_at"].to_numpy(), "missing": True})
        nodes = pd.concat([nodes, extra.astype({"number": "Int64"})], ignore_index=True)
    # reading order: threads by article and start, then depth first with children by time
    nodes = nodes.sort_values(["posted_at", "node"], na_position="last", kind="stable")
    children: dict[str, list[str]] = {}
    for node, parent in zip(nodes["node"], nodes["parent"], strict=True):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(node)
    art_rank = {a: i for i, a in enumerate(pd.unique(pd.concat([d.articles["article_id"], c["article_id"]])))}
    roots = nodes.loc[nodes["parent"].isna()]
    roots = roots.assign(_a=roots["article_id"].map(art_rank)).sort_values(["_a", "posted_at"], kind="stable")
    order: list[str] = []
    for root in roots["node"]:
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(children.get(node, [])))
    return nodes.set_index("node").loc[order].reset_index()


def plot_thread_tree(d, thread_id=None, *, labels: bool | None = None, ax=None):
    """Draw one thread (``thread_id``: a thread id from ``cg.threads(d)``, or any comment id in it), or
    all threads, as a tree: one row per comment in reading order (each reply under the comment it
    answers, siblings by time), indented by reply depth, with elbow lines from parent to child.

    Labels read ``#<number> <author> · <time>``; a root that is not in the data is a hollow marker named
    ``<name> (not in data)``. ``labels=None`` shows them when there are at most 80 rows.
    The tree lines are one collection with gid ``"tree-edges"`` (one segment pair per reply link).

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 12:30 Ben 2\\n\\nNa")
    >>> ax = cg.plot_thread_tree(d)
    >>> [t.get_text() for t in ax.texts]
    ['#1 Anna · 2019-03-01 10:00', '#2 Ben · 2019-03-01 12:30']
    """
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    nodes = _nodes(d)
    if thread_id is not None:
        if thread_id not in set(nodes["thread_id"]):
            hit = nodes.loc[nodes["node"] == thread_id, "thread_id"]
            if hit.empty:
                raise ValueError(f"{thread_id!r} is neither a thread id nor a comment id of this Discussion "
                                 "(see cg.threads(d)['thread_id'])")
            thread_id = hit.iloc[0]
        nodes = nodes.loc[nodes["thread_id"] == thread_id].reset_index(drop=True)
    n = len(nodes)
    show = labels if labels is not None else n <= MAX_LABELS
    ax = axes_for(ax, size=(6.4, float(np.clip(0.24 * n + 0.8, 2.0, 14.0))) if ax is None else None)

    y = -np.arange(n, dtype=float)
    xs = nodes["depth"].to_numpy(dtype=float)
    row = pd.Series(np.arange(n), index=nodes["node"].to_numpy())
    has = nodes["parent"].notna().to_numpy() & nodes["parent"].isin(row.index).to_numpy()
    pi = row.reindex(nodes.loc[has, "parent"]).to_numpy(dtype=int)
    segs = [[(xs[p], y[p]), (xs[p], y[i]), (xs[i], y[i])] for i, p in zip(np.flatnonzero(has), pi, strict=True)]
    sizes = nodes["thread_id"].value_counts()
    colour_of = thread_colours(nodes["thread_id"], nodes["posted_at"], sizes)
    seg_colours = [colour_of[t] for t in nodes.loc[has, "thread_id"]]
    ax.add_collection(LineCollection(segs, colors=seg_colours, linewidths=1.1, zorder=1, gid="tree-edges"))

    miss = nodes["missing"].to_numpy(dtype=bool)
    colours = [colour_of[t] for t in nodes["thread_id"]]
    size = 28 if n <= MAX_LABELS else 6
    ax.scatter(xs[~miss], y[~miss], s=size, c=[c for c, m in zip(colours, miss, strict=True) if not m], zorder=3,
               edgecolors="white", linewidths=0.4, gid="comments")
    if miss.any():
        ax.scatter(xs[miss], y[miss], s=size + 6, facecolors="white", edgecolors=OKABE_ITO["vermillion"],
                   linewidths=1.2, zorder=3, gid="missing-targets")

    ax.set_xlim(-0.4, max(1.0, xs.max(initial=0) + 0.6))
    ax.set_ylim(-n + 0.4, 0.6)
    texts = []
    if show:
        for i, r in enumerate(nodes.itertuples(index=False)):
            if r.missing:
                text, style = f"{short(r.author, 30)} (not in data)", "italic"
            else:
                num = f"#{r.number} " if pd.notna(r.number) else ""
                when = f" · {pd.Timestamp(r.posted_at):%Y-%m-%d %H:%M}" if pd.notna(r.posted_at) else ""
                text, style = f"{num}{short(r.author, 30)}{when}", "normal"
            texts.append(ax.annotate(text, (xs[i], y[i]), xytext=(7, 0), textcoords="offset points",
                                     va="center", fontsize="small", fontstyle=style))

    ax.spines["left"].set_visible(False)
    arts = nodes["article_id"].to_numpy(dtype=object)
    firsts = np.flatnonzero(np.r_[True, arts[1:] != arts[:-1]]) if n else np.array([], dtype=int)
    if len(firsts) > 1:  # several articles: a rule between them and the article named at its first row
        for i in firsts[1:]:
            ax.axhline(y[i] + 0.5, color=GREY, linewidth=0.5, zorder=0)
        titles = d.articles.set_index("article_id")["title"]
        inches = ax.figure.get_size_inches()[1] * ax.get_position().height
        gap = n * (11 / 72) / max(inches, 0.5)  # rows one label line needs
        keep, last = [], None
        for i in firsts:  # name an article only where its label has room
            if last is None or i - last >= gap:
                keep.append(i)
                last = i
        firsts = np.array(keep, dtype=int)
        ax.set_yticks(y[firsts], [short(titles.get(a) if pd.notna(titles.get(a)) else a, 28) for a in arts[firsts]])
        ax.tick_params(axis="y", length=0)
    else:
        ax.set_yticks([])
    ax.set_xticks(range(int(xs.max(initial=0)) + 1))
    ax.set_xlabel("reply depth")
    handles = [Line2D([], [], marker="o", linestyle="none", color=GREY, label="comment")]
    if miss.any():
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              color=OKABE_ITO["vermillion"], label="not in data"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2)
    fit_texts(ax, texts)
    return ax


__all__ = ["plot_thread_tree"]
