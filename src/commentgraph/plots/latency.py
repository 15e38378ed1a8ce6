"""Reply latency: how long after a comment its replies come, on a log time axis."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..edges import reply_edges
from ..style import OKABE_ITO
from ._axes import article_name, axes_for, count, title

#: (seconds, label) ticks of the log time axis
TICKS = [(1, "1 s"), (10, "10 s"), (60, "1 min"), (600, "10 min"), (3600, "1 h"), (6 * 3600, "6 h"),
         (86400, "1 d"), (7 * 86400, "1 wk"), (30 * 86400, "30 d"), (365 * 86400, "1 yr")]


RUG_MAX = 100  # up to this many latencies, each is also drawn as a tick


def human_duration(seconds: float) -> str:
    """A duration in words for labels, to the minute (seconds below one minute).

    >>> human_duration(22230), human_duration(90061), human_duration(42)
    ('6 h 10 min', '1 d 1 h', '42 s')
    """
    s = float(seconds)
    if s < 60:
        return f"{s:.0f} s"
    minutes = int(s // 60)
    d, rest = divmod(minutes, 1440)
    h, m = divmod(rest, 60)
    if d:
        return f"{d} d {h} h" if h else f"{d} d"
    if h:
        return f"{h} h {m} min" if m else f"{h} h"
    return f"{m} min"


def plot_latency(d, *, bins: int | None = None, ax=None):
    """Histogram of reply latencies (reply time minus target time) on a log time axis, with the
    median as a dashed line named in the legend (``median 6 h 10 min``).

    Edges whose target is not in the data, or is dated after the reply, have no latency and are left
    out; a latency of zero counts as one second. ``bins`` defaults to about 2·√n log-spaced bins.
    Up to 100 latencies are also drawn one by one as ticks along the bottom (gid ``"rug"``).

    >>> import pandas as pd
    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 12:30 Ben 2\\n\\n@1 Anna: ja")
    >>> d = d.replace(replies=cg.schema.conform(pd.DataFrame({"source_comment_id": [d.comments.comment_id[1]],
    ...     "target_comment_id": [d.comments.comment_id[0]], "target_author": ["Anna"], "via": ["mention"]}),
    ...     "replies"))
    >>> ax = cg.plot_latency(d)
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['reply edges (1)', 'median 2 h 30 min']
    """
    from matplotlib.ticker import FixedLocator, NullLocator

    e = reply_edges(d)
    lat = e["latency"].dropna()
    seconds = lat.dt.total_seconds().to_numpy(dtype=float)
    seconds = np.maximum(seconds[seconds >= 0], 1.0)
    ax = axes_for(ax)
    ax.set_xscale("log")
    if len(seconds):
        lo, hi = seconds.min() / 1.5, seconds.max() * 1.5
        n_bins = bins or int(np.clip(2 * np.sqrt(len(seconds)), 5, 40))
        ax.hist(seconds, bins=np.geomspace(lo, hi, n_bins + 1), color=OKABE_ITO["blue"], edgecolor="white",
                linewidth=0.5, label=f"reply edges ({len(seconds)})")
        med = float(np.median(seconds))
        ax.axvline(med, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.5,
                   label=f"median {human_duration(med)}")
        if len(seconds) <= RUG_MAX:  # few replies: show each one as a tick along the bottom
            ax.plot(seconds, np.full(len(seconds), 0.02), linestyle="none", marker="|", markersize=10,
                    color=OKABE_ITO["black"], transform=ax.get_xaxis_transform(), gid="rug", label="_rug")
        ax.set_xlim(lo / 1.5, hi * 1.5)
    else:
        ax.text(0.5, 0.5, "no reply latencies", ha="center", va="center", transform=ax.transAxes)
        ax.set_xlim(60, 86400)
    x0, x1 = ax.get_xlim()
    shown = [(s, t) for s, t in TICKS if x0 <= s <= x1]
    if len(shown) < 2:  # a narrow range: the neighbouring ticks as well
        near = sorted(TICKS, key=lambda st: abs(np.log(st[0]) - np.log(np.sqrt(x0 * x1))))[:3]
        shown = sorted(near)
        ax.set_xlim(min(x0, shown[0][0] / 1.2), max(x1, shown[-1][0] * 1.2))
    ax.xaxis.set_major_locator(FixedLocator([s for s, _ in shown]))
    ax.set_xticklabels([t for _, t in shown])
    ax.xaxis.set_minor_locator(NullLocator())
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("time to reply (log scale)")
    ax.set_ylabel("reply edges")
    left = len(e) - len(seconds)
    note = f"; {count(left, 'edge')} without a time left out (target not in data or not dated before)" \
        if left else ""
    arts = pd.unique(d.comments["article_id"].dropna())
    where = article_name(d, arts[0]) if len(arts) == 1 else count(len(arts), "article")
    title(ax, f"Time to reply in {where}: {count(len(seconds), 'reply edge')}{note}")
    if len(seconds):
        handles, names = ax.get_legend_handles_labels()
        order = sorted(range(len(names)), key=lambda i: names[i].startswith("median"))  # histogram first
        ax.legend([handles[i] for i in order], [names[i] for i in order], loc="upper right")
    return ax


def _log_time_ticks(ax, seconds: np.ndarray) -> None:
    """Log x axis with the duration ticks of :data:`TICKS` inside the data's range (at least two)."""
    from matplotlib.ticker import FixedLocator, NullLocator

    lo, hi = (seconds.min() / 1.5, seconds.max() * 1.5) if len(seconds) else (60, 86400)
    shown = [(v, t) for v, t in TICKS if lo <= v <= hi]
    if len(shown) < 2:
        shown = sorted(sorted(TICKS, key=lambda st: abs(np.log(st[0]) - np.log(np.sqrt(lo * hi))))[:2])
        lo, hi = min(lo, shown[0][0] / 1.2), max(hi, shown[-1][0] * 1.2)
    ax.set_xscale("log")
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(FixedLocator([v for v, _ in shown]))
    ax.set_xticklabels([t for _, t in shown])
    ax.xaxis.set_minor_locator(NullLocator())


def plot_article_distributions(d, *, fig=None):
    """Per-article distributions as one small-multiples figure: comments per article, share of comments
    that reply, deepest reply chain, and median time to reply, each a histogram over all articles
    (every article counted; articles without a dated reply are left out of the last panel, and the panel
    says how many). Up to 100 articles are also drawn one by one as ticks along each panel's bottom.

    ``fig`` is a Figure or SubFigure to draw into (a new one when None); returns it. The title says how
    many articles and comments are shown.

    >>> from commentgraph.plots import plot_article_distributions
    >>> fig = plot_article_distributions(cg.read_source(cg.sample_corpus(articles=3)))
    >>> len(fig.axes), fig.get_suptitle().split(" (")[0]
    (4, 'Per-article distributions: all 3 articles')
    """
    import matplotlib.pyplot as plt

    from ..summary import summary

    if fig is None:
        fig = plt.figure(figsize=(7.2, 5.2), layout="constrained")
    from matplotlib.ticker import FuncFormatter

    s = summary(d)
    axes = fig.subplots(2, 2)
    n = len(s)
    rug = n <= RUG_MAX
    colour = OKABE_ITO["blue"]

    def hist(ax, values, bins, label, xlabel):
        values = np.asarray(values, dtype=float)
        values = values[~np.isnan(values)]
        if len(values):
            ax.hist(values, bins=bins, color=colour, edgecolor="white", linewidth=0.5)
            if rug:
                ax.plot(values, np.full(len(values), 0.02), linestyle="none", marker="|", markersize=8,
                        color=OKABE_ITO["black"], transform=ax.get_xaxis_transform(), gid="rug")
        else:
            ax.text(0.5, 0.5, "no values", ha="center", va="center", transform=ax.transAxes)
        ax.set_xlabel(xlabel)
        ax.set_ylabel("articles")
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_title(label, loc="left", fontsize="small")

    size = s["n_comments"].to_numpy(dtype=float)
    wide = len(size) and size.max() > 20 * max(size.min(), 1)
    if wide:
        axes[0, 0].set_xscale("log")
        axes[0, 0].xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        bins = np.geomspace(max(size.min(), 1) / 1.2, size.max() * 1.2, 16)
    else:
        bins = int(np.clip(np.sqrt(max(n, 1)) * 2, 5, 30))
    hist(axes[0, 0], size, bins, f"size (median {np.median(size):,.0f} comments)" if n else "size",
         "comments per article" + (" (log scale)" if wide else ""))
    share = s["reply_share"].to_numpy(dtype=float, na_value=np.nan)
    hist(axes[0, 1], share, np.linspace(0, 1, 21),
         f"reply share (median {np.nanmedian(share) * 100:.0f} %)" if np.isfinite(share).any() else "reply share",
         "share of comments that reply")
    axes[0, 1].set_xlim(0, 1)
    axes[0, 1].xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:.0f} %"))  # per cent, as the tables show it
    depth = s["longest_chain"].to_numpy(dtype=float)
    top = int(depth.max()) if n else 1
    hist(axes[1, 0], depth, np.arange(-0.5, top + 1.5, 1), "depth (longest reply chain)", "replies in a chain")
    axes[1, 0].xaxis.get_major_locator().set_params(integer=True)
    lat = s["latency_median"].dt.total_seconds().to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(lat)
    lat = np.maximum(lat[ok], 1.0)
    bins = np.geomspace(lat.min() / 1.5, lat.max() * 1.5, 16) if len(lat) else 10
    none = n - len(lat)
    hist(axes[1, 1], lat, bins, "median time to reply" + (f" ({count(none, 'article')} without a dated reply left out)" if none else ""),
         "median time to reply (log scale)")
    _log_time_ticks(axes[1, 1], lat)
    which = f"all {count(n, 'article')}" if n > 1 else "one article only (a corpus shows more)"
    fig.suptitle(f"Per-article distributions: {which} ({count(int(size.sum()), 'comment')})",
                 x=0.01, ha="left", fontsize="medium", fontweight="bold")
    return fig


__all__ = ["plot_latency", "human_duration", "plot_article_distributions"]
