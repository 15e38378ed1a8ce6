"""Author network: who answers whom, edge width by replies, node size by comments."""

from __future__ import annotations

import math

import numpy as np

from ..graphs import author_graph
from ..style import OKABE_ITO
from ._axes import axes_for, drop_overlapping, fit_texts, short

CIRCLE_MAX = 40  # up to this many authors sit on a circle (labels never overlap); more get a spring layout
TOP_LABELS = 15  # with a spring layout, only the most active authors are named


def _circle(g) -> dict:
    """Authors on a circle, each connected group together (largest first), so edges stay short."""
    import networkx as nx

    groups = sorted(nx.weakly_connected_components(g), key=lambda s: (-len(s), min(map(str, s))))
    order = []
    for group in groups:
        start = max(group, key=lambda n: (g.degree(n), str(n)))
        seen = list(nx.bfs_tree(g.to_undirected(as_view=True), start)) if len(group) > 1 else [start]
        order.extend(seen)
    k = len(order)
    return {node: (math.cos(math.pi / 2 - 2 * math.pi * i / k), math.sin(math.pi / 2 - 2 * math.pi * i / k))
            for i, node in enumerate(order)}


def _most_active(g, limit: int) -> list:
    """The ``limit`` authors with most comments plus replies sent and received (ties by name)."""
    score = {n: g.nodes[n].get("n_comments", 0) + g.in_degree(n, weight="weight") + g.out_degree(n, weight="weight")
             for n in g.nodes}
    return sorted(score, key=lambda n: (-score[n], str(n)))[:limit]


def plot_author_network(d, *, min_weight: int = 1, max_authors: int = 100, labels: bool | None = None,
                        seed: int = 7, ax=None):
    """The weighted author graph (``cg.author_graph``): an arrow from an author to each author they
    answer, its width by the number of replies; node area by the number of comments. Pairs who answer
    each other (reciprocated) are drawn in vermillion with both arrows curved apart; names only
    known as a target (``@Ralf Meier``) are hollow. Self-replies are not drawn.

    Up to 40 authors sit on a circle in connected groups, labelled outward (labels do not overlap);
    larger networks use a spring layout (``seed`` fixes it) naming the 15 most active authors
    (``labels=True`` names all), leaving out a name that would overlap a more active one. Beyond ``max_authors`` only the most active authors (comments plus
    replies sent and received) and the replies among them are drawn; the legend says how many. Arrows are ``FancyArrowPatch`` objects, one per author pair direction.

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 12:30 Ben 2\\n\\nNa")
    >>> ax = cg.plot_author_network(d)
    >>> sorted(t.get_text() for t in ax.texts)
    ['Anna', 'Ben']
    """
    import networkx as nx
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    g = author_graph(d, min_weight=min_weight)
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    total = g.number_of_nodes()
    if total > max_authors:
        g = g.subgraph(_most_active(g, max_authors)).copy()
    ax = axes_for(ax, size=(6.4, 5.2) if ax is None else None)
    ax.set_axis_off()
    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no authors", ha="center", va="center", transform=ax.transAxes)
        return ax
    circle = g.number_of_nodes() <= CIRCLE_MAX
    pos = _circle(g) if circle else nx.spring_layout(g.to_undirected(as_view=True), seed=seed,
                                                      k=2 / math.sqrt(g.number_of_nodes()))
    nodes = list(g.nodes)
    comments = np.array([g.nodes[n].get("n_comments", 0) for n in nodes], dtype=float)
    missing = np.array([bool(g.nodes[n].get("missing", False)) for n in nodes])
    most = max(comments.max(), 1.0)
    area = np.where(missing, 40.0, 50.0 + 350.0 * comments / most) if circle else \
        np.where(missing, 8.0, 8.0 + 120.0 * comments / most)
    xy = np.array([pos[n] for n in nodes])
    fill = np.where(missing, "white", OKABE_ITO["blue"])
    edge = np.where(missing, OKABE_ITO["vermillion"], "white")
    ax.scatter(xy[:, 0], xy[:, 1], s=area, c=list(fill), edgecolors=list(edge), linewidths=1.2, zorder=3,
               gid="authors")
    radius = dict(zip(nodes, np.sqrt(area) / 2 + 1.5, strict=True))  # points

    weights = [w for _, _, w in g.edges(data="weight")]
    top = max(weights, default=1)
    for a, b, w in g.edges(data="weight"):
        both = g.has_edge(b, a)
        lw = 0.8 + 2.7 * (w - 1) / max(top - 1, 1)
        ax.add_patch(FancyArrowPatch(
            pos[a], pos[b], arrowstyle="-|>", mutation_scale=8 + 2 * lw, linewidth=lw,
            color=OKABE_ITO["vermillion"] if both else "#555555", alpha=0.9,
            connectionstyle=f"arc3,rad={0.18 if both else 0.0}", shrinkA=radius[a], shrinkB=radius[b],
            zorder=2, gid=f"reply:{a}->{b}:{w}"))

    show = labels if labels is not None else True
    texts = []
    if show:
        named = nodes if (circle or labels) else \
            [n for _, n in sorted(zip(-comments, nodes), key=lambda t: (t[0], str(t[1])))][:TOP_LABELS]
        for n in named:
            x, y = pos[n]
            name = short(g.nodes[n].get("name") or n, 28)
            if circle:  # outward from the centre: left half right-aligned, right half left-aligned
                ha = "left" if x > 0.15 else "right" if x < -0.15 else "center"
                va = "bottom" if y > 0.15 else "top" if y < -0.15 else "center"
                off = np.array([x, y]) / max(math.hypot(x, y), 1e-9) * (radius[n] + 3)
            else:
                ha, va, off = "center", "bottom", np.array([0, radius[n] + 2])
            texts.append(ax.annotate(name, (x, y), xytext=tuple(off), textcoords="offset points", ha=ha, va=va,
                                     fontsize="small", fontstyle="italic" if g.nodes[n].get("missing") else "normal"))
    ax.set_aspect("equal")
    ax.set_xlim(xy[:, 0].min() - 0.15, xy[:, 0].max() + 0.15)
    ax.set_ylim(xy[:, 1].min() - 0.15, xy[:, 1].max() + 0.15)

    handles = [Line2D([], [], color="#555555", label="replies (width: number)"),
               Line2D([], [], color=OKABE_ITO["vermillion"], label="reciprocated pair"),
               Line2D([], [], marker="o", linestyle="none", color=OKABE_ITO["blue"], markeredgecolor="white",
                      markersize=math.sqrt(50.0 + 350.0 / most) if circle else 4,
                      label="author (area: comments)")]
    if missing.any():
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              markeredgecolor=OKABE_ITO["vermillion"], label="named, not in data"))
    if total > g.number_of_nodes():
        handles.append(Line2D([], [], linestyle="none", label=f"{g.number_of_nodes()} of {total} authors shown"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2)
    if not circle:
        texts = drop_overlapping(ax, texts)
    fit_texts(ax, texts)
    return ax


__all__ = ["plot_author_network"]
