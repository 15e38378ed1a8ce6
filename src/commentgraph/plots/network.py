"""Author network: who answers whom, edge width by replies, node size by comments."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..graphs import author_graph
from ..style import GREY, OKABE_ITO, PALETTE
from ._axes import (article_name, axes_for, count, drop_overlapping, fit_texts, push_apart, short, title,
                    title_above_legend)

CIRCLE_MAX = 40  # up to this many authors sit on a circle (labels never overlap); more are laid out by group
TOP_LABELS = 12  # with the group layout, only the authors with most replies sent and received are named
GROUP_COLOURS = 6  # the largest groups get a colour each, the rest grey


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


def plot_author_network(d, *, min_weight: int = 1, max_authors: int = 1000, labels: bool | None = None,
                        top: int = TOP_LABELS, seed: int = 7, ax=None):
    """The weighted author graph (``cg.author_graph``): an arrow from an author to each author they
    answer, its width by the number of replies; node area by the number of comments. Pairs who answer
    each other (reciprocated) are drawn in vermillion with both arrows curved apart; names only
    known as a target (``@Ralf Meier``) are hollow. Self-replies are not drawn.

    Up to 40 authors sit on a circle in connected groups, labelled outward (labels do not overlap),
    with an arrow (``FancyArrowPatch``, one per author pair direction) for each relation. Larger
    networks are laid out by group: communities (Louvain, ``seed`` fixes it) each in its own disc,
    the largest in the middle, node colour by group, light lines for the replies (one
    ``LineCollection`` with gid ``"replies"``, direction not drawn); authors without any reply are
    left out, and only the ``top`` authors by replies sent and received are named (``labels=True``:
    all), a name that would overlap one before it left out. Beyond ``max_authors`` only the most
    active authors (comments plus replies sent and received) are drawn. Names known only as the
    target of a reference (``@Ralf Meier``, not in the data) are hollow vermillion and named
    ``<name> (not in data)``. The title says how many authors are shown and what was left out.

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 12:30 Ben 2\\n\\nNa")
    >>> ax = cg.plot_author_network(d)
    >>> sorted(t.get_text() for t in ax.texts)
    ['Anna', 'Ben']
    """
    import networkx as nx

    g = author_graph(d, min_weight=min_weight)
    g.remove_edges_from(list(nx.selfloop_edges(g)))
    total = g.number_of_nodes()
    n_missing = sum(1 for n in g if g.nodes[n].get("missing"))
    ax = axes_for(ax, size=(6.4, 5.2) if ax is None else None)
    ax.set_axis_off()
    if total == 0:
        ax.text(0.5, 0.5, "no authors", ha="center", va="center", transform=ax.transAxes)
        title(ax, "Who answers whom: no authors")
        return ax
    left_out = []
    if total > CIRCLE_MAX:
        lonely = [n for n in g if g.degree(n) == 0]
        if lonely:
            g = g.subgraph([n for n in g if g.degree(n) > 0]).copy()
            left_out.append(f"{count(len(lonely), 'author')} without replies")
    if g.number_of_nodes() > max_authors:
        cut = g.number_of_nodes() - max_authors
        g = g.subgraph(_most_active(g, max_authors)).copy()
        left_out.append(f"{count(cut, 'less active author')}")
    shown = g.number_of_nodes() - sum(1 for n in g if g.nodes[n].get("missing"))
    total -= n_missing
    large = g.number_of_nodes() > CIRCLE_MAX
    arts = pd.unique(d.comments["article_id"].dropna())
    where = article_name(d, arts[0]) if len(arts) == 1 else count(len(arts), "article")

    def heading(groups: int = 0) -> str:
        names = "names" if labels else f"names: top {top} by replies"
        head = f"Who answers whom in {where}: {count(shown, 'author')}" if shown == total else \
            f"Who answers whom in {where}: {shown:,} of {count(total, 'author')}"
        if large:
            head += f" in {count(groups, 'group')}"
        notes = ([f"+ {count(n_missing, 'name')} not in data"] if n_missing else []) + \
            ([f"left out: {', '.join(left_out)}"] if left_out else []) + ([names] if large else [])
        return head + (" (" + "; ".join(notes) + ")" if notes else "")

    if g.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no replies between authors", ha="center", va="center", transform=ax.transAxes)
        title(ax, heading())
    elif not large:
        _draw_circle(g, ax, labels, heading())
    else:
        _draw_groups(g, ax, labels, top, seed, heading)
    return ax


def _missing_name(g, n) -> str:
    return f"{short(g.nodes[n].get('name') or n, 28)} (not in data)"


def _draw_circle(g, ax, labels, head: str) -> None:
    """The small network: authors on a circle, an arrow per relation, every author named outward."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    pos = _circle(g)
    nodes = list(g.nodes)
    comments = np.array([g.nodes[n].get("n_comments", 0) for n in nodes], dtype=float)
    missing = np.array([bool(g.nodes[n].get("missing", False)) for n in nodes])
    most = max(comments.max(), 1.0)
    area = np.where(missing, 40.0, 50.0 + 350.0 * comments / most)
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

    texts = []
    if labels is None or labels:
        for n in nodes:
            x, y = pos[n]
            miss = bool(g.nodes[n].get("missing"))
            name = _missing_name(g, n) if miss else short(g.nodes[n].get("name") or n, 28)
            # outward from the centre: left half right-aligned, right half left-aligned
            ha = "left" if x > 0.15 else "right" if x < -0.15 else "center"
            va = "bottom" if y > 0.15 else "top" if y < -0.15 else "center"
            off = np.array([x, y]) / max(math.hypot(x, y), 1e-9) * (radius[n] + 3)
            texts.append(ax.annotate(name, (x, y), xytext=tuple(off), textcoords="offset points", ha=ha, va=va,
                                     fontsize="small", fontstyle="italic" if miss else "normal"))
    ax.set_aspect("equal")
    ax.set_xlim(xy[:, 0].min() - 0.15, xy[:, 0].max() + 0.15)
    ax.set_ylim(xy[:, 1].min() - 0.15, xy[:, 1].max() + 0.15)
    handles = [Line2D([], [], color="#555555", label="replies (width: number)"),
               Line2D([], [], color=OKABE_ITO["vermillion"], label="reciprocated pair"),
               Line2D([], [], marker="o", linestyle="none", color=OKABE_ITO["blue"], markeredgecolor="white",
                      markersize=math.sqrt(50.0 + 350.0 / most), label="author (area: comments)")]
    if missing.any():
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              markeredgecolor=OKABE_ITO["vermillion"], label="named, not in data"))
    ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=2, borderaxespad=0.2)
    title_above_legend(ax, head)
    push_apart(ax, texts)


def _group_layout(g, seed: int) -> tuple[dict, list]:
    """Positions by community: each group spring-laid in a disc of radius ~ sqrt(size), the discs packed
    along a spiral from the middle (largest first). Returns (positions, groups largest first)."""
    import networkx as nx

    u = nx.Graph()
    u.add_nodes_from(g)
    for a, b, w in g.edges(data="weight"):
        u.add_edge(a, b, weight=u[a][b]["weight"] + w if u.has_edge(a, b) else w)
    groups = nx.community.louvain_communities(u, weight="weight", seed=seed)
    groups = sorted((sorted(grp, key=str) for grp in groups), key=lambda grp: (-len(grp), str(grp[0])))
    pos, placed = {}, []
    golden = math.pi * (3 - math.sqrt(5))
    for grp in groups:
        r = 0.5 * math.sqrt(len(grp))
        if len(grp) == 1:
            local = {grp[0]: np.zeros(2)}
        else:
            sub = u.subgraph(grp)
            local = nx.spring_layout(sub, seed=seed, k=1.2 / math.sqrt(len(grp)), iterations=60)
            pts = np.array(list(local.values()))
            pts = pts - pts.mean(axis=0)
            scale = r / max(np.abs(pts).max(), 1e-9)
            local = {n: p * scale for n, p in zip(local, pts, strict=True)}
        centre = np.zeros(2)
        if placed:  # the first point of a spiral where this disc touches no disc placed before
            step = 0
            while True:
                rho = 0.35 * math.sqrt(step) * (1 + r)
                centre = np.array([rho * math.cos(step * golden), rho * math.sin(step * golden)])
                if all(np.hypot(*(centre - c)) >= r + rc + 0.4 for c, rc in placed):
                    break
                step += 1
        placed.append((centre, r))
        for n, p in local.items():
            pos[n] = centre + p
    return pos, groups


def _draw_groups(g, ax, labels, top: int, seed: int, heading) -> None:
    """The large network, laid out by group (see :func:`plot_author_network`); ``heading(groups)`` is its title."""
    from matplotlib import patheffects
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    pos, groups = _group_layout(g, seed)
    group_of = {n: i for i, grp in enumerate(groups) for n in grp}
    colours = [PALETTE[i] if i < GROUP_COLOURS and len(groups[i]) > 2 else GREY for i in range(len(groups))]
    nodes = list(g.nodes)
    xy = np.array([pos[n] for n in nodes])
    comments = np.array([g.nodes[n].get("n_comments", 0) for n in nodes], dtype=float)
    missing = np.array([bool(g.nodes[n].get("missing", False)) for n in nodes])
    most = max(comments.max(), 1.0)
    area = np.where(missing, 10.0, 6.0 + 110.0 * np.sqrt(comments / most))

    segs = [(pos[a], pos[b]) for a, b in g.edges]
    inside = [group_of[a] == group_of[b] for a, b in g.edges]
    seg_colours = [matplotlib_colour(colours[group_of[a]], 0.22) if same else matplotlib_colour(GREY, 0.12)
                   for (a, _), same in zip(g.edges, inside, strict=True)]
    widths = [0.4 + 0.4 * min(w, 5) for _, _, w in g.edges(data="weight")]
    ax.add_collection(LineCollection(segs, colors=seg_colours, linewidths=widths, zorder=1, gid="replies"))
    real = ~missing
    ax.scatter(xy[real, 0], xy[real, 1], s=area[real], c=[colours[group_of[n]] for n, r in zip(nodes, real,
               strict=True) if r], edgecolors="white", linewidths=0.4, zorder=3, gid="authors")
    if missing.any():
        ax.scatter(xy[missing, 0], xy[missing, 1], s=area[missing], facecolors="white",
                   edgecolors=OKABE_ITO["vermillion"], linewidths=0.9, zorder=3, gid="missing-targets")
    ax.set_aspect("equal")
    pad = 0.6
    ax.set_xlim(xy[:, 0].min() - pad, xy[:, 0].max() + pad)
    ax.set_ylim(xy[:, 1].min() - pad, xy[:, 1].max() + pad)

    degree = dict(g.degree(weight="weight"))
    ranked = sorted(nodes, key=lambda n: (-degree[n], str(n)))
    named = ranked if labels else ranked[:top] if labels is None else []
    halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
    texts = []
    for n in named:
        miss = bool(g.nodes[n].get("missing"))
        name = _missing_name(g, n) if miss else short(g.nodes[n].get("name") or n, 24)
        r = math.sqrt(area[nodes.index(n)]) / 2 + 1
        texts.append(ax.annotate(name, pos[n], xytext=(0, r), textcoords="offset points", ha="center",
                                 va="bottom", fontsize="x-small", fontstyle="italic" if miss else "normal",
                                 path_effects=halo, zorder=4))
    handles = [Line2D([], [], color=GREY, alpha=0.6, label="replies between two authors"),
               Line2D([], [], marker="o", linestyle="none", color="#555555", markeredgecolor="white",
                      markersize=5, label="author (area: comments)")]
    for i in range(min(GROUP_COLOURS, len(groups))):
        if colours[i] != GREY:
            handles.append(Line2D([], [], marker="o", linestyle="none", color=colours[i],
                                  label=f"group {i + 1} ({count(len(groups[i]), 'author')})"))
    if len(groups) > GROUP_COLOURS or GREY in colours:
        handles.append(Line2D([], [], marker="o", linestyle="none", color=GREY, label="smaller groups"))
    if missing.any():
        handles.append(Line2D([], [], marker="o", linestyle="none", markerfacecolor="white",
                              markeredgecolor=OKABE_ITO["vermillion"], label="named, not in data"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2,
              fontsize="small")
    title(ax, heading(len(groups)))
    fit_texts(ax, texts)
    drop_overlapping(ax, texts)


def matplotlib_colour(colour: str, alpha: float) -> tuple:
    from matplotlib.colors import to_rgba

    return to_rgba(colour, alpha)


__all__ = ["plot_author_network"]
