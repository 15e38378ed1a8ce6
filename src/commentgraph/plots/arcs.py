"""Reply arc diagram: comments on a time (or number) axis, an arc from each reply to its target."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..edges import reply_edges
from ..style import GREY, OKABE_ITO
from ..threads import comment_threads
from ._axes import (article_name, article_sizes, axes_for, count, date_numbers, pick_article, short, subset,
                    thread_colours, time_axis, title)

ROW = 1.6  # vertical distance between two articles' baselines
LANE = 0.45  # how far below its baseline a target that is not in the data is drawn
PEAK = 0.8  # height of the longest arc above its baseline
MAX_LABELS = 12  # missing targets named beside their marker, at most


def plot_arcs(d, *, x: str = "time", article_id=None, ax=None):
    """Arc diagram of the reply edges: each comment a dot on its article's baseline, each reply edge
    an arc from the reply back to the comment it answers, coloured by thread (grey: single comments).
    Targets that are not in the data (``@Ralf Meier``) are drawn apart, as hollow markers in a lane
    below the baseline, reached by dashed arcs.

    One article is shown: ``article_id``, or the one with most comments; the title names it and what
    was left out. A list of article ids draws one baseline per article (names thinned where they would
    overlap).

    ``x="time"`` places comments at their posting time (in the Discussion's zone), ``x="number"`` at
    their number on the page (position + 1 where there is none). The arcs are two collections with
    gid ``"reply-arcs"`` and ``"dangling-arcs"``; together they hold one path per reply edge.

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 12:30 Ben 2\\n\\nNa")
    >>> ax = cg.plot_arcs(d, x="number")
    >>> sum(len(c.get_paths()) for c in ax.collections if c.get_gid() in ("reply-arcs", "dangling-arcs"))
    0
    """
    from matplotlib.collections import PatchCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    if x not in ("time", "number"):
        raise ValueError(f"x must be 'time' or 'number', not {x!r}")
    everything = d
    if article_id is None or isinstance(article_id, str):
        chosen, why = pick_article(d, article_id)
        d = subset(d, [] if chosen is None else [chosen])
    else:
        known = set(article_sizes(d).index)
        wrong = [a for a in article_id if a not in known]
        if wrong:
            raise ValueError(f"article_id {wrong[0]!r} is not an article of this Discussion")
        d = subset(d, article_id)
    c = d.comments
    articles = pd.unique(pd.concat([d.articles["article_id"], c["article_id"]]).dropna())
    row_of = {a: -i * ROW for i, a in enumerate(articles)}
    ax = axes_for(ax, size=(7, min(14.0, max(2.6, 1.1 + 0.9 * len(articles)))) if ax is None else None)

    if x == "time":
        xs = date_numbers(c["posted_at"])
    else:
        xs = c["number"].astype("Float64").fillna(c["position"].astype("Float64") + 1).to_numpy(
            dtype=float, na_value=np.nan)
    pos = pd.Series(xs, index=c["comment_id"].to_numpy())
    base = c["article_id"].map(row_of).to_numpy(dtype=float)

    ct = comment_threads(d)
    thread_of = pd.Series(ct["thread_id"].to_numpy(), index=ct["comment_id"].to_numpy())
    e = reply_edges(d)
    sizes = ct["thread_id"].value_counts()
    # a thread rooted at a missing target has that target as a node too
    sizes = sizes.add(pd.Series(1, index=pd.unique(e.loc[e["missing"], "target"])), fill_value=0)
    colour_of = thread_colours(ct["thread_id"], c["posted_at"], sizes)
    dot_colours = [colour_of[t] for t in ct["thread_id"]]
    ax.scatter(xs, base, s=22, c=dot_colours, zorder=3, edgecolors="white", linewidths=0.5, gid="comments")

    # one height scale per article: the longest arc reaches 85% of the row
    sx = pos.reindex(e["source"]).to_numpy(dtype=float)
    tx = pos.reindex(e["target"]).to_numpy(dtype=float, copy=True)
    missing = e["missing"].to_numpy(dtype=bool)
    art = e["article_id"].to_numpy(dtype=object)
    miss_x = pd.Series(sx[missing]).groupby(e.loc[missing, "target"].to_numpy()).min()
    tx[missing] = miss_x.reindex(e.loc[missing, "target"]).to_numpy(dtype=float)
    span = np.abs(sx - tx)
    longest = pd.Series(span[~missing]).groupby(art[~missing]).max()
    y0 = pd.Series(art).map(row_of).to_numpy(dtype=float)

    solid, dashed, solid_c, dashed_c = [], [], [], []
    codes = [MplPath.MOVETO, MplPath.CURVE3, MplPath.CURVE3]
    for i in range(len(e)):
        if np.isnan(sx[i]) or np.isnan(tx[i]):
            continue  # a comment without a time cannot be placed on a time axis
        colour = colour_of.get(thread_of.get(e["source"].iat[i]), GREY)
        if missing[i]:
            mid = ((sx[i] + tx[i]) / 2, y0[i] - LANE * 1.1)
            path = MplPath([(sx[i], y0[i]), mid, (tx[i], y0[i] - LANE)], codes)
            dashed.append(PathPatch(path))
            dashed_c.append(colour)
        else:
            top = longest.get(art[i], 0) or 1.0
            peak = max(0.1, span[i] / top) * PEAK  # a quadratic curve peaks at half its control height
            path = MplPath([(sx[i], y0[i]), ((sx[i] + tx[i]) / 2, y0[i] + 2 * peak), (tx[i], y0[i])], codes)
            solid.append(PathPatch(path))
            solid_c.append(colour)
    for patches, colours, style, gid in ((solid, solid_c, "solid", "reply-arcs"),
                                         (dashed, dashed_c, "dashed", "dangling-arcs")):
        coll = PatchCollection(patches, facecolors="none", edgecolors=colours,
                               linewidths=1.3 if len(e) <= 200 else 0.6,
                               linestyles=style, zorder=2, gid=gid)
        ax.add_collection(coll)

    # targets that are not in the data: hollow markers in the lane below, named when few
    if missing.any():
        m = e.loc[missing].drop_duplicates("target")
        mx = miss_x.reindex(m["target"]).to_numpy(dtype=float)
        my = m["article_id"].map(row_of).to_numpy(dtype=float) - LANE
        ax.scatter(mx, my, s=30, facecolors="white", edgecolors=OKABE_ITO["vermillion"], linewidths=1.2,
                   zorder=3, gid="missing-targets")
        if len(m) <= MAX_LABELS:
            for xi, yi, name in zip(mx, my, m["target_name"], strict=True):
                ax.annotate(f"{short(name, 30)} (not in data)", (xi, yi), xytext=(6, 0),
                            textcoords="offset points", va="center", fontsize="small", fontstyle="italic")

    handles = [Line2D([], [], marker="o", linestyle="none", color=GREY, label="comment"),
               Line2D([], [], color=GREY, label="reply → target")]
    if missing.any():
        handles.append(Line2D([], [], marker="o", linestyle="--", color=OKABE_ITO["vermillion"],
                              markerfacecolor="white", label="target not in data"))
    multi = [t for t, col in colour_of.items() if col != GREY]
    if 0 < len(multi) <= 6:
        number = c.set_index("comment_id")["number"]
        for t in multi:
            root = f"#{number[t]}" if t in number.index and pd.notna(number[t]) else short(t.split(":")[-1], 20)
            handles.append(Line2D([], [], color=colour_of[t], linewidth=2,
                                  label=f"thread from {root} ({int(sizes[t])})"))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), borderaxespad=0.2)

    ax.autoscale_view()
    later = _clip_stragglers(ax, xs) if x == "time" else 0
    ax.set_ylim(min(row_of.values(), default=0) - (LANE + 0.35 if missing.any() else 0.2), 0.95 * ROW)
    if x == "time":
        time_axis(ax, d.tz)
        ax.set_xlabel(f"time ({d.tz})")
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel("comment number")
    if len(articles) > 1:
        ax.set_yticks(list(row_of.values()))
        titles = d.articles.set_index("article_id")["title"] if "title" in d.articles else pd.Series()
        ax.set_yticklabels([short(titles.get(a) if pd.notna(titles.get(a)) else a, 28) for a in articles])
    else:
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
    n_all = article_sizes(everything)
    what = f"{count(len(c), 'comment')}, {count(len(e), 'reply edge')}"
    if len(articles) == 1:
        where = article_name(d, articles[0])
        note = f"{why}: {what}" if why else what
    else:
        where = f"{len(articles)} of {count(len(n_all), 'article')}" if len(n_all) > len(articles) else \
            f"{count(len(articles), 'article')}"
        note = what
    if later:
        note += f"; {count(later, 'late comment')} beyond the right edge"
    title(ax, f"Who answers whom in {where} ({note})")
    if len(articles) > 1:
        _thin_ticks(ax)
    return ax


def _clip_stragglers(ax, xs: np.ndarray) -> int:
    """End the x axis where 99 % of the comments are when a few come much later (they would squeeze every
    arc into a corner); returns how many comments lie beyond the new edge."""
    ok = xs[np.isfinite(xs)]
    if len(ok) < 20:
        return 0
    lo, q, hi = ok.min(), np.quantile(ok, 0.99), ok.max()
    if hi - lo <= 1.5 * (q - lo) or q <= lo:
        return 0
    right = q + 0.03 * (q - lo)
    ax.set_xlim(lo - 0.03 * (q - lo), right)
    return int((ok > right).sum())


def _thin_ticks(ax) -> None:
    """Hide each y tick label that would overlap one kept above it."""
    ax.figure.draw_without_rendering()
    renderer = ax.figure.canvas.get_renderer()
    boxes = []
    for t in ax.get_yticklabels():
        box = t.get_window_extent(renderer)
        if any(box.overlaps(b) for b in boxes):
            t.set_visible(False)
        else:
            boxes.append(box)


__all__ = ["plot_arcs"]
