"""Counts as bars: comments declared and parsed per article, comments per author, threads by size."""

from __future__ import annotations

import pandas as pd

from ..schema import PLACEHOLDER_AUTHORS
from ._axes import axes_for, count, short, title


def _which(shown: int, total: int, word: str, *, most: str) -> str:
    """``the one article``, ``all 6 articles``, ``the 15 largest of 50 articles`` for a title."""
    if total == 1:
        return f"the one {word}"
    return f"all {count(total, word)}" if shown == total else f"the {shown} {most} of {count(total, word)}"


def plot_declared_vs_parsed(d, *, top: int = 15, ax=None):
    """Comments per article, the ``top`` largest: declared by the page against parsed (exports declare no
    counts: parsed only, and the title says so). Returns the Axes."""
    counts = d.articles[["article_id", "declared_comments", "parsed_comments"]].sort_values(
        "parsed_comments", ascending=False, kind="stable")
    shown = counts.head(top)
    ax = axes_for(ax, size=(6.4, 0.4 * len(shown) + 1.6))
    y = list(range(len(shown)))
    declared = shown["declared_comments"].notna().any()
    parsed = shown["parsed_comments"].fillna(0).to_numpy(dtype=float)
    if declared:
        ax.barh([i - 0.2 for i in y], shown["declared_comments"].fillna(0).to_numpy(dtype=float), height=0.4,
                label="declared by the page")
        ax.barh([i + 0.2 for i in y], parsed, height=0.4, label="parsed")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1))
    else:
        ax.barh(y, parsed, height=0.6)
    ax.set_yticks(y, [short(a, 40) for a in shown["article_id"].astype("str")])
    ax.invert_yaxis()
    ax.set_xlabel("comments")
    _integer_ticks(ax.xaxis)
    which = _which(len(shown), len(counts), "article", most="largest")
    title(ax, f"Comments declared and parsed: {which}" if declared
          else f"Comments parsed (the source declares no counts): {which}")
    return ax


def plot_comments_per_author(d, *, top: int = 15, ax=None):
    """Comments per author, the ``top`` most active; placeholders (``[removed]``, none) are left out, and the
    title says how many authors there are. Returns the Axes."""
    authors = d.comments["author"]
    placeholder = authors.isna() | authors.str.lower().isin(PLACEHOLDER_AUTHORS)
    per_author = authors[~placeholder].value_counts()
    shown = per_author.head(top).iloc[::-1]  # the most active at the top
    ax = axes_for(ax, size=(6.4, 0.3 * len(shown) + 1.6))
    y = list(range(len(shown)))
    ax.barh(y, shown.to_numpy(dtype=float), height=0.6)
    ax.set_yticks(y, [short(a, 30) for a in shown.index])
    ax.set_xlabel("comments")
    ax.set_ylabel("author")
    _integer_ticks(ax.xaxis)
    n = len(per_author)
    title(ax, f"Comments per author: the {len(shown)} most active of {n}" if len(shown) < n
          else f"Comments per author: all {n}")
    return ax


def plot_thread_sizes(d, *, threads: pd.DataFrame | None = None, ax=None):
    """How many threads have each size (comments), on a log scale (sizes are heavy-tailed); ``threads`` is
    :func:`commentgraph.threads` of ``d`` when already at hand. Returns the Axes."""
    import matplotlib as mpl

    from ..threads import threads as all_threads

    th = all_threads(d) if threads is None else threads
    sizes = th["size"].value_counts().sort_index()
    ax = axes_for(ax)
    ax.bar(sizes.index.to_numpy(), sizes.to_numpy(dtype=float))
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
    _integer_ticks(ax.xaxis)
    ax.set_xlabel("thread size (comments)")
    ax.set_ylabel("threads")
    title(ax, f"Thread sizes: all {count(len(th), 'thread')} of {count(len(d.articles), 'article')}")
    return ax


def _integer_ticks(axis) -> None:
    import matplotlib as mpl

    axis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))


__all__ = ["plot_declared_vs_parsed", "plot_comments_per_author", "plot_thread_sizes"]
