"""Activity over time: comments per period, replies and top-level comments apart, cumulative count."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..schema import isin
from ..style import OKABE_ITO
from ._axes import (article_name, axes_for, count, date_numbers, pick_article, subset, time_axis,
                    title_above_legend)

#: words for the common frequencies in the axis label
FREQ_WORDS = {"min": "minute", "h": "hour", "D": "day", "W": "week", "MS": "month", "ME": "month",
              "M": "month"}


def _offset(freq: str):
    try:
        return pd.tseries.frequencies.to_offset(freq)
    except (ValueError, TypeError):
        raise ValueError(f"freq {freq!r} is not a pandas frequency; try 'h', '6h', 'D' or 'W'") from None


def plot_timeline(d, *, freq: str = "h", cumulative: bool = True, article_id=None, align: str | None = None,
                  ax=None):
    """Comments per ``freq`` period as stacked bars (top-level below, replies on top), the
    cumulative number of comments as a step line on a second y axis, and each article's
    ``updated_at`` as a dashed vertical line. Times are shown in the Discussion's time zone.

    One article (the Discussion holds one, or ``article_id`` picks it) is shown on the calendar with
    its update mark. Several articles are aligned at each article's first comment
    (``align="first"``, the default for them): the x axis is hours since then, the bins ``freq``
    long, article marks left out, and the view ends where 99 % of the comments are in (the title
    says how many come later). ``align="calendar"`` draws several articles on the calendar instead.

    A comment counts as a reply when it is the source of a reply edge or has an explicit parent.
    Returns the main Axes; the right-hand axis of the cumulative line is a twin Axes sharing the x
    axis (the line is drawn on the main Axes, above the bars; the legend there lists everything).

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 12:30 Ben 2\\n\\nNa")
    >>> ax = cg.plot_timeline(d, freq="h")
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['top-level', 'replies', 'cumulative (right axis)']
    """
    offset = _offset(freq)
    n_articles = d.comments["article_id"].nunique()
    if article_id is not None:
        article_id, why = pick_article(d, article_id)
        d = subset(d, [article_id])
    if align not in (None, "first", "calendar"):
        raise ValueError(f"align must be 'first' or 'calendar', not {align!r}")
    many = d.comments["article_id"].nunique() > 1
    if many and align != "calendar":
        return _aligned(d, offset, freq, cumulative, ax)
    c = d.comments
    times = c["posted_at"]
    is_reply = isin(c["comment_id"], d.replies["source_comment_id"]) | c["parent_id"].notna().to_numpy()
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

    updated = d.articles["updated_at"].dropna() if "updated_at" in d.articles and not many else []
    for i, x in enumerate(date_numbers(updated) if len(updated) else []):
        v = ax.axvline(x, color=OKABE_ITO["green"], linestyle="--", linewidth=1.2,
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
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=4,
              borderaxespad=0.2)  # above the plot: never over a bar or the update line
    n = count(len(c), "comment")
    if many:
        head = f"Comments over time: all {count(c['article_id'].nunique(), 'article')} ({n})"
    else:
        aid = c["article_id"].iloc[0] if len(c) else (d.articles["article_id"].iloc[0] if len(d.articles) else "")
        head = f"Comments over time in {article_name(d, aid)} ({n}"
        head += f"; article {why.split(' ', 1)[1]})" if article_id is not None and n_articles > 1 else ")"
    title_above_legend(ax, head)
    return ax


def _aligned(d, offset, freq: str, cumulative: bool, ax):
    """Several articles: comments per bin of hours since each article's first comment."""
    from matplotlib.lines import Line2D
    from matplotlib.transforms import blended_transform_factory

    c = d.comments
    ok = c["posted_at"].notna().to_numpy()
    c = c.loc[ok]
    first = c.groupby("article_id")["posted_at"].transform("min")
    hours = ((c["posted_at"] - first).dt.total_seconds() / 3600).to_numpy(dtype=float)
    is_reply = isin(c["comment_id"], d.replies["source_comment_id"]) | c["parent_id"].notna().to_numpy()
    try:
        width = pd.Timedelta(offset).total_seconds() / 3600
    except ValueError:
        width = 24.0 * 30  # a calendar frequency (months): about a month
    width = width or 1.0
    end = float(np.quantile(hours, 0.99)) if len(hours) else 1.0
    end = width * max(1, np.ceil((end + 1e-9) / width))
    if len(hours) and hours.max() <= end * 1.25:
        end = width * max(1, np.ceil((hours.max() + 1e-9) / width))
    later = int((hours >= end).sum())
    edges = np.arange(0, end + width / 2, width)
    ax = axes_for(ax)
    colours = {"top-level": OKABE_ITO["blue"], "replies": OKABE_ITO["orange"]}
    bottom = np.zeros(len(edges) - 1)
    for kind, mask in (("top-level", ~is_reply), ("replies", is_reply)):
        h, _ = np.histogram(hours[mask], bins=edges)
        ax.bar(edges[:-1], h, width=width * 0.92, bottom=bottom, align="edge", color=colours[kind], label=kind,
               linewidth=0)
        bottom = bottom + h
    handles, labels = ax.get_legend_handles_labels()
    if cumulative:
        twin = ax.twinx()
        t = np.sort(hours[hours < end])
        x = np.concatenate([[0], t, [end]])
        y = np.concatenate([[0], np.arange(1, len(t) + 1), [len(t)]])
        twin.set_ylim(0, max(len(hours), 1) * 1.05)
        twin.set_ylabel("comments so far")
        twin.spines["right"].set_visible(True)
        twin.spines["top"].set_visible(False)
        line = Line2D(x, y, drawstyle="steps-post", color=OKABE_ITO["black"], linewidth=1.4, zorder=3,
                      label="cumulative (right axis)",
                      transform=blended_transform_factory(ax.transData, twin.transData))
        ax.add_line(line)
        ax.set_zorder(twin.get_zorder() + 1)
        ax.patch.set_visible(False)
        handles.append(line)
        labels.append(line.get_label())
    ax.set_xlim(0, end)
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("hours since the article's first comment")
    unit = f"{width:g} h" if width != 1 else "hour"
    ax.set_ylabel(f"comments per {unit}")
    ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.0, 1.01), ncols=4, borderaxespad=0.2)
    n_art = c["article_id"].nunique()
    note = f"; {count(later, 'comment')} after {end:g} h not shown" if later else ""
    title_above_legend(ax, f"Comments over time: {count(n_art, 'article')} aligned at their first comment "
                            f"({count(len(c), 'comment')}{note})")
    return ax


__all__ = ["plot_timeline"]
