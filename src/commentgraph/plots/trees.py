"""Thread trees: one row per comment in reading order, indented by reply depth."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import isin
from ..style import GREY, OKABE_ITO
from ..threads import comment_threads
from ._axes import article_name, axes_for, count, fit_texts, short, thread_colours, title_above_legend

MAX_LABELS = 80  # with more rows than this, labels are left out unless asked for
MAX_ROWS = 200  # rows on one page; ``page=`` shows the others
ROW_PT = 9.5  # labels need rows at least this far apart (points)
LEGEND_THREADS = 6  # threads named in the legend, at most


def _nodes(d) -> pd.DataFrame:
    """Comments and missing roots with thread, depth and parent, in reading order (depth first by time)."""
    c = d.comments
    ct = comment_threads(d)
    nodes = pd.DataFrame({"node": ct["comment_id"], "article_id": ct["article_id"], "thread_id": ct["thread_id"],
                          "depth": ct["depth"], "parent": ct["parent"], "number": c["number"].array,
                          "author": c["author"].array, "posted_at": c["posted_at"].array,
                          "missing": False})
    lost = nodes.loc[nodes["parent"].notna().to_numpy() & ~isin(nodes["parent"], nodes["node"])]
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
    for node, parent in zip(nodes["node"].tolist(), nodes["parent"].tolist(), strict=True):
        if isinstance(parent, str):
            children.setdefault(parent, []).append(node)
    art_rank = {a: i for i, a in enumerate(pd.unique(pd.concat([d.articles["article_id"], c["article_id"]])))}
    roots = nodes.loc[nodes["parent"].isna()]
    roots = roots.assign(_a=roots["article_id"].map(art_rank)).sort_values(["_a", "posted_at"], kind="stable")
    order: list[str] = []
    for root in roots["node"].tolist():
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed(children.get(node, [])))
    return nodes.set_index("node").loc[order].reset_index()


def plot_thread_tree(d, thread_id=None, *, labels: bool | None = None, max_rows: int = MAX_ROWS, page: int = 1,
                     ax=None):
    """Draw one thread (``thread_id``: a thread id from ``cg.threads(d)``, or any comment id in it), or
    all threads, as a tree: one row per comment in reading order (each reply under the comment it
    answers, siblings by time), indented by reply depth, with elbow lines from parent to child.

    Labels read ``#<number> <author> · <time>``; a root that is not in the data is a hollow marker named
    ``<name> (not in data)``. ``labels=None`` shows them when there are at most 80 rows and the
    rows are far enough apart to read them. More than ``max_rows`` rows are shown a page at a time
    (``page=2`` the next ones); the title names the thread or articles, and which rows are shown.
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
    head = _heading(d, nodes, thread_id)
    total = len(nodes)
    pages = max(1, -(-total // max(max_rows, 1)))
    if not 1 <= page <= pages:
        raise ValueError(f"page must be between 1 and {pages}, not {page}")
    if pages > 1:
        first = (page - 1) * max_rows
        nodes = nodes.iloc[first:first + max_rows].reset_index(drop=True)
        head += f": rows {first + 1:,}–{first + len(nodes):,} of {total:,} (page {page} of {pages}; page= for more)"
    n = len(nodes)
    ax = axes_for(ax, size=(6.4, float(np.clip(0.24 * n + 0.8, 2.0, 14.0))) if ax is None else None)
    room = ax.figure.get_size_inches()[1] * ax.get_position().height * 72 / max(n, 1) >= ROW_PT
    show = labels if labels is not None else (n <= MAX_LABELS and room)
    if labels is None and n <= MAX_LABELS and not room:
        head += " (labels left out: too little height)"

    y = -np.arange(n, dtype=float)
    xs = nodes["depth"].to_numpy(dtype=float)
    row = pd.Series(np.arange(n), index=nodes["node"].to_numpy())
    has = nodes["parent"].notna().to_numpy() & isin(nodes["parent"], nodes["node"])
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
    multi = [t for t in pd.unique(nodes["thread_id"]) if colour_of[t] != GREY]
    handles = []
    if 0 < len(multi) <= LEGEND_THREADS:
        first_row = nodes.drop_duplicates("thread_id").set_index("thread_id")
        for t in multi:
            r = first_row.loc[t]
            root = f"{short(r['author'], 20)}" if r["missing"] else \
                (f"#{r['number']}" if pd.notna(r["number"]) else short(r["author"], 20))
            handles.append(Line2D([], [], marker="o", color=colour_of[t],
                                  label=f"thread from {root} ({count(int(sizes[t]), 'comment')})"))
    elif multi:
        handles.append(Line2D([], [], marker="o", color=colour_of[multi[0]], label="a thread (colour per thread)"))
    if (nodes["thread_id"].map(colour_of) == GREY).any():
        handles.append(Line2D([], [], marker="o", linestyle="none", color=GREY, label="comment without replies"))
    if miss.any():
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              color=OKABE_ITO["vermillion"], label="not in data"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=2, borderaxespad=0.2)
    title_above_legend(ax, head)
    fit_texts(ax, texts)
    return ax


def _heading(d, nodes: pd.DataFrame, thread_id) -> str:
    """What the tree shows: one thread (its root, size and article) or all threads of the articles."""
    arts = pd.unique(nodes["article_id"].dropna())
    where = article_name(d, arts[0]) if len(arts) == 1 else count(len(arts), "article")
    if thread_id is not None:
        r = nodes.iloc[0]
        root = f"{short(r['author'], 30)} (not in data)" if r["missing"] else \
            (f"#{r['number']} {short(r['author'], 30)}" if pd.notna(r["number"]) else short(r["author"], 30))
        depth = int(nodes["depth"].max()) if len(nodes) else 0
        return f"Thread from {root} in {where} ({count(int((~nodes['missing']).sum()), 'comment')}, depth {depth})"
    n_threads = nodes["thread_id"].nunique()
    return f"All {count(n_threads, 'thread')} of {where}"


__all__ = ["plot_thread_tree"]
