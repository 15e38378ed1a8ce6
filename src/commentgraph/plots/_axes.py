"""Axes helpers the plots share: a new or given Axes, date axes in the Discussion's zone, text fitting."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..style import GREY, PALETTE


def axes_for(ax, *, size: tuple[float, float] | None = None):
    """``ax`` itself, or a new constrained-layout figure's Axes when ``ax`` is None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    kwargs = {"figsize": size} if size is not None else {}
    _, ax = plt.subplots(layout="constrained", **kwargs)
    return ax


def date_numbers(times: pd.Series) -> np.ndarray:
    """Matplotlib date numbers (days since 1970 UTC) of tz-aware times; NaT becomes NaN."""
    import matplotlib.dates as mdates

    t = pd.Series(times)
    if t.dt.tz is not None:
        t = t.dt.tz_convert("UTC").dt.tz_localize(None)
    out = np.full(len(t), np.nan)
    ok = t.notna().to_numpy()
    if ok.any():
        out[ok] = mdates.date2num(t[ok].to_numpy(dtype="datetime64[us]"))
    return out


def time_axis(ax, tz: str) -> None:
    """Concise date ticks on the x axis, in ``tz`` (the Discussion's zone, not UTC)."""
    import matplotlib.dates as mdates
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(tz)
    locator = mdates.AutoDateLocator(tz=zone, minticks=3, maxticks=8)
    formatter = mdates.ConciseDateFormatter(locator, tz=zone, show_offset=True)
    ax.xaxis_date(zone)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)


def thread_colours(thread_ids: pd.Series, starts: pd.Series, sizes: pd.Series) -> dict[str, str]:
    """A colour per thread: palette colours in order of the threads' first comment for threads of two
    or more nodes (the same thread gets the same colour in every plot), grey for single comments."""
    first = pd.Series(starts.to_numpy(), index=thread_ids.to_numpy()).groupby(level=0).min()
    first = first.reindex(pd.unique(thread_ids))
    ordered = sorted(first.index, key=lambda t: (pd.isna(first[t]), first[t] if pd.notna(first[t]) else 0, t))
    out, i = {}, 0
    for tid in ordered:
        if sizes.get(tid, 1) > 1:
            out[tid] = PALETTE[i % (len(PALETTE) - 1)]  # never the yellow
            i += 1
        else:
            out[tid] = GREY
    return out


def _widen(lo: float, hi: float, anchors: np.ndarray, before: np.ndarray, after: np.ndarray, size: float,
           pad: float) -> tuple[float, float]:
    """Limits ``(lo, hi)`` widened until every text lies inside: a text sits at its anchor (data) and
    reaches ``before``/``after`` pixels either side of it; the axis is ``size`` pixels long."""
    if size <= 0 or lo == hi or not len(anchors):
        return lo, hi
    flip = lo > hi
    if flip:
        lo, hi, anchors, before, after = -lo, -hi, -anchors, after, before
    start_lo, start_hi = lo, hi
    for _ in range(200):  # a fixed point: shrinking the scale moves the texts, so settle in rounds
        span = hi - lo
        px = (anchors - lo) / span * size
        new_lo = min(start_lo, float(np.min(lo + (px - before - pad) / size * span)))
        new_hi = max(start_hi, float(np.max(lo + (px + after + pad) / size * span)))
        if abs(new_lo - lo) + abs(new_hi - hi) <= 1e-9 * span:
            break
        if new_hi - new_lo > 20 * (start_hi - start_lo):  # texts wider than the Axes: stop growing
            break
        lo, hi = new_lo, new_hi
    return (-lo, -hi) if flip else (lo, hi)


def fit_texts(ax, texts, *, pad: float = 4.0) -> None:
    """Widen the data limits so every text in ``texts`` (annotations of data points) lies inside the
    Axes, ``pad`` pixels from its edges (no clipped labels)."""
    if not texts:
        return
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    for _ in range(3):  # the layout engine may move the Axes when tick labels change: settle
        fig.draw_without_rendering()
        box = ax.get_window_extent(renderer)
        anchors = np.array([t.xy for t in texts], dtype=float)
        anchor_px = ax.transData.transform(anchors)
        boxes = [t.get_window_extent(renderer) for t in texts]
        left = anchor_px[:, 0] - np.array([b.x0 for b in boxes])
        right = np.array([b.x1 for b in boxes]) - anchor_px[:, 0]
        down = anchor_px[:, 1] - np.array([b.y0 for b in boxes])
        up = np.array([b.y1 for b in boxes]) - anchor_px[:, 1]
        x = _widen(*ax.get_xlim(), anchors[:, 0], left, right, box.width, pad)
        y0, y1 = ax.get_ylim()
        y = _widen(y0, y1, anchors[:, 1], down, up, box.height, pad)
        if np.allclose(x, ax.get_xlim()) and np.allclose(y, (y0, y1)):
            break
        ax.set_xlim(*x)
        ax.set_ylim(*y)


def push_apart(ax, texts, *, rounds: int = 8) -> None:
    """Move each annotation that overlaps an earlier one further out along its offset (its own
    direction from its point), then fit the limits again; for labels set radially around a circle."""
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    for _ in range(rounds):
        fit_texts(ax, texts)
        fig.draw_without_rendering()
        boxes = [t.get_window_extent(renderer) for t in texts]
        moved = False
        for j in range(len(texts)):
            if any(boxes[j].overlaps(boxes[i]) for i in range(j)):
                x, y = texts[j].xyann
                norm = max(float(np.hypot(x, y)), 1.0)
                texts[j].xyann = (x + 6 * x / norm, y + 6 * y / norm)
                moved = True
        if not moved:
            return
    fit_texts(ax, texts)


def drop_overlapping(ax, texts) -> list:
    """Remove each text that overlaps one kept before it (give the most important first); return the kept."""
    if not texts:
        return []
    ax.figure.draw_without_rendering()
    renderer = ax.figure.canvas.get_renderer()
    kept, boxes = [], []
    for t in texts:
        box = t.get_window_extent(renderer)
        if any(box.overlaps(b) for b in boxes):
            t.remove()
            continue
        kept.append(t)
        boxes.append(box)
    return kept


def short(text, limit: int = 40) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    text = "" if text is None or (not isinstance(text, str) and pd.isna(text)) else str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def count(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and ``word`` in the plural where needed, with thousands separators.

    >>> count(1, "article"), count(10000, "comment"), count(2, "reply", "replies")
    ('1 article', '10,000 comments', '2 replies')
    """
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def article_name(d, article_id, limit: int = 48) -> str:
    """An article's title (cut to ``limit``) in quotes, else its id."""
    titles = d.articles.set_index("article_id")["title"] if "title" in d.articles else None
    title = titles.get(article_id) if titles is not None and article_id in titles.index else None
    if isinstance(title, str) and title.strip():
        return f"“{short(title.strip(), limit)}”"
    return f"article {short(str(article_id), limit)}"


def article_sizes(d) -> pd.Series:
    """Comments per article, largest first (ties by the articles' order), every article listed."""
    order = pd.unique(pd.concat([d.articles["article_id"], d.comments["article_id"]]).dropna())
    n = d.comments["article_id"].value_counts().reindex(order, fill_value=0)
    rank = pd.Series(np.arange(len(order)), index=order)
    return n.iloc[np.lexsort((rank.to_numpy(), -n.to_numpy()))]


def pick_article(d, article_id=None):
    """``(article_id, why)``: the article asked for, or the largest; ``why`` says which for a title."""
    sizes = article_sizes(d)
    if article_id is not None:
        if article_id not in sizes.index:
            raise ValueError(f"article_id {article_id!r} is not an article of this Discussion "
                             "(see d.articles['article_id'])")
        order = list(pd.unique(pd.concat([d.articles["article_id"], d.comments["article_id"]]).dropna()))
        return article_id, f"article {order.index(article_id) + 1} of {len(order)}" if len(order) > 1 else ""
    if len(sizes) == 0:
        return None, ""
    return sizes.index[0], f"the largest of {count(len(sizes), 'article')}" if len(sizes) > 1 else ""


def title(ax, text: str) -> None:
    """The figure's title on ``ax``, left-aligned and wrapped to the Axes' width."""
    import textwrap

    fig = ax.figure
    box = ax.get_position()
    alone = all(np.allclose(a.get_position().bounds, box.bounds) for a in fig.axes)  # twins share the box
    width = (1 - box.x0 if alone else box.width) * fig.get_size_inches()[0]  # alone: over a legend at the right
    chars = max(30, int(width * 72 / 6.2))  # about 6 pt per character at the title size
    ax.set_title("\n".join(textwrap.wrap(text, chars, break_on_hyphens=False)), loc="left", fontsize="medium")


def title_above_legend(ax, text: str) -> None:
    """The title (see :func:`title`) above a legend that sits above the plot."""
    fig = ax.figure
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    top = ax.get_legend().get_window_extent(renderer).y1 - ax.get_window_extent(renderer).y1
    height = max(top, 0) * 72 / fig.dpi
    title(ax, text)
    ax.title.set_text("")
    ax.set_title(ax.get_title(loc="left"), loc="left", fontsize="medium", pad=height + 4)


def figure_texts(fig) -> list:
    """The texts ``fig`` draws: titles, axis labels, tick labels in view, annotations, legend texts."""
    out = [t for t in (fig._suptitle, fig._supxlabel, fig._supylabel) if t is not None] + list(fig.texts)
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        out += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts,
                *_tick_labels(ax.xaxis), *_tick_labels(ax.yaxis)]
        legend = ax.get_legend()
        if legend is not None:
            out += [legend.get_title(), *legend.get_texts()]
    for legend in fig.legends:
        out += [legend.get_title(), *legend.get_texts()]
    unique = {id(t): t for t in out}
    return [t for t in unique.values() if t.get_visible() and t.get_text().strip()]


def _tick_labels(axis) -> list:
    """The tick labels ``axis`` draws: only ticks inside the view (matplotlib keeps others around)."""
    if not axis.get_visible():
        return []
    return [label for tick in axis._update_ticks() for label in (tick.label1, tick.label2) if label.get_visible()]


def overlapping_texts(fig) -> list[tuple[str, str]]:
    """Pairs of texts of ``fig`` (see :func:`figure_texts`) whose rendered boxes overlap."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in figure_texts(fig)]
    return [(a, b) for i, (a, ba) in enumerate(boxes) for b, bb in boxes[i + 1:] if ba.overlaps(bb)]


def subset(d, article_ids) -> object:
    """``d`` cut to ``article_ids``: their articles, comments, and the mentions and replies of those comments."""
    ids = list(article_ids)
    if set(ids) >= set(d.comments["article_id"].dropna()) and set(ids) >= set(d.articles["article_id"]):
        return d
    def rows(table, column, values):
        return table.loc[table[column].isin(values).to_numpy()].reset_index(drop=True)

    c = rows(d.comments, "article_id", ids)
    return d.replace(articles=rows(d.articles, "article_id", ids), comments=c,
                     mentions=rows(d.mentions, "comment_id", c["comment_id"]),
                     replies=rows(d.replies, "source_comment_id", c["comment_id"]))
