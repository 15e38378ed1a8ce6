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


def fit_texts(ax, texts, *, pad: float = 0.03) -> None:
    """Widen the data limits so every text in ``texts`` lies inside the Axes (no clipped labels)."""
    if not texts:
        return
    fig = ax.figure
    renderer = fig.canvas.get_renderer()
    for _ in range(4):  # the layout engine and new limits move the Axes: settle in rounds
        fig.draw_without_rendering()
        inv = ax.transData.inverted()
        boxes = [t.get_window_extent(renderer) for t in texts]
        corners = np.array([[b.x0, b.y0] for b in boxes] + [[b.x1, b.y1] for b in boxes])
        lo, hi = inv.transform(corners).min(axis=0), inv.transform(corners).max(axis=0)
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        dx, dy = (x1 - x0) * pad, (y1 - y0) * pad
        ax.set_xlim(min(x0, lo[0] - dx), max(x1, hi[0] + dx))
        if y0 < y1:
            ax.set_ylim(min(y0, lo[1] - dy), max(y1, hi[1] + dy))
        else:
            ax.set_ylim(max(y0, hi[1] + dy), min(y1, lo[1] - dy))


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
