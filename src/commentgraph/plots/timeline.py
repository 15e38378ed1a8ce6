"""Activity over time: comments per period, replies and top-level comments apart, cumulative count."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..style import OKABE_ITO
from ._axes import axes_for, date_numbers, time_axis

#: words for the common frequencies in the axis label
FREQ_WORDS = {"min": "minute", "h": "hour", "D": "day", "W": "week", "MS": "month", "ME": "month",
              "M": "month"}


def _offset(freq: str):
    try:
        return pd.tseries.frequencies.to_offset(freq)
    except (ValueError, TypeError):
        raise ValueError(f"freq {freq!r} is not a pandas frequency; try 'h', '6h', 'D' or 'W'") from None


def plot_timeline(d, *, freq: str = "h", cumulative: bool = True, ax=None):
    """Comments per ``freq`` period as stacked bars (top-level below, replies on top), the
    cumulative number of comments as a step line on a second y axis, and each article's
    ``updated_at`` as a dashed vertical line. Times are shown in the Discussion's time zone.

    A comment counts as a reply when it is the source of a reply edge or has an explicit parent.
    Returns the main Axes; the right-hand axis of the cumulative line is a twin Axes sharing the x
    axis (the line is drawn on the main Axes, above the bars; the legend there lists everything).

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 12:30 Ben 2\\n\\nNa")
    >>> ax = cg.plot_timeline(d, freq="h")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['top-level', 'replies', 'cumulative (right axis)']
    """
    offset = _offset(freq)
    c = d.comments
    times = c["posted_at"]
    is_reply = (c["comment_id"].isin(d.replies["source_comment_id"]) | c["parent_id"].notna()).to_numpy()
    ok = times.notna().to_numpy()
    ax = axes_for(ax)
    colours = {"top-level": OKABE_ITO["blue"], "replies": OKABE_ITO["orange"]}
    if ok.any():
        frame = pd.DataFrame({"top-level": (~is_reply[ok]).astype(int), "replies": is_reply[ok].astype(int)},
                             index=pd.DatetimeIndex(times[ok]))
        counts = frame.sort_index().resample(offset, label="left", closed="left").sum()
        starts = counts.index
        ends = starts[1:].append(pd.DatetimeIndex([starts[-1] + offset]))
        left = date_numbers(pd.Series(starts))
        width = (date_numbers(pd.Series(ends)) - left) * 0.92
        shown = (counts.sum(axis=1) > 0).to_numpy()  # empty periods draw no bar (many on a corpus)
        bottom = np.zeros(shown.sum())
        for kind in ("top-level", "replies"):
            h = counts[kind].to_numpy()[shown]
            ax.bar(left[shown], h, width=width[shown], bottom=bottom, align="edge", color=colours[kind],
                   label=kind, linewidth=0)
            bottom = bottom + h
    else:
        for kind in ("top-level", "replies"):
            ax.bar([], [], color=colours[kind], label=kind)
        # (a page that gives only relative times, read without scraped_at: say so instead of a 1970 axis)
        ax.text(0.5, 0.5, f"no comment has a readable time ({len(c)} comments; relative times\n"
                "such as 'vor 8 Stunden' need read_page(..., scraped_at=...))", transform=ax.transAxes,
                ha="center", va="center", color=OKABE_ITO["black"])
    handles, labels = ax.get_legend_handles_labels()

    if cumulative:
        # the y axis on the right belongs to a twin Axes; the line itself is drawn on ``ax`` (in the
        # twin's y units) so that it lies above the bars instead of behind them
        from matplotlib.lines import Line2D
        from matplotlib.transforms import blended_transform_factory

        twin = ax.twinx()
        t = np.sort(date_numbers(times[ok]))
        end = date_numbers(pd.Series([starts[-1] + offset]))[0] if ok.any() else np.nan
        x = np.concatenate([t[:1], t, [end]]) if len(t) else t
        y = np.concatenate([[0], np.arange(1, len(t) + 1), [len(t)]]) if len(t) else t
        twin.set_ylim(0, max(len(t), 1) * 1.05)
        twin.set_ylabel("comments so far")
        twin.spines["right"].set_visible(True)
        twin.spines["top"].set_visible(False)
        line = Line2D(x, y, drawstyle="steps-post", color=OKABE_ITO["black"], linewidth=1.4, zorder=3,
                      label="cumulative (right axis)",
                      transform=blended_transform_factory(ax.transData, twin.transData))
        ax.add_line(line)
        ax.set_zorder(twin.get_zorder() + 1)  # bars, line and legend above the twin
        ax.patch.set_visible(False)
        handles.append(line)
        labels.append(line.get_label())

    updated = d.articles["updated_at"].dropna() if "updated_at" in d.articles else pd.Series([], dtype=object)
    for i, x in enumerate(date_numbers(updated)):
        v = ax.axvline(x, color=OKABE_ITO["vermillion"], linestyle="--", linewidth=1.2,
                       label="article updated" if i == 0 else "_nolegend_")
        if i == 0:
            handles.append(v)
            labels.append("article updated")

    time_axis(ax, d.tz)
    word = FREQ_WORDS.get(offset.rule_code.split("-")[0], freq) if offset.n == 1 else freq
    ax.set_ylabel(f"comments per {word}")
    ax.set_xlabel(f"time ({d.tz})")
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if not ok.any():   # (no ticks on an axis of no times)
        ax.tick_params(bottom=False, labelbottom=False, left=False, labelleft=False)
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=2,
              borderaxespad=0.2)  # above the plot: never over a bar or the update line
    return ax


__all__ = ["plot_timeline"]
