"""Tables for people who read them: short ids, rounded numbers, durations in words, the top rows, one NA."""

from __future__ import annotations

import re
from html import escape

import numpy as np
import pandas as pd

from .plots.latency import human_duration

#: what every missing value looks like on a page
NA = "–"
#: ids longer than this are shortened on the page (the full id in a tooltip)
ID_WIDTH = 18
#: text longer than this is cut with an ellipsis
TEXT_WIDTH = 160
#: columns named like this hold a share (0..1) and are shown in per cent (``reply_share``, ``reciprocity``)
SHARE_NAME = re.compile(r"(?:^|_)(?:share|fraction|proportion|reciprocity)(?:$|_)", re.IGNORECASE)
#: how reply_graph names a node for a target not in the data: ``missing:<article_id>:<name>``
MISSING = "missing:"


def _is_id(name) -> bool:
    name = str(name)
    return name.endswith("_id") or name in ("node", "source", "target")


def short_id(value: str, width: int = ID_WIDTH) -> str:
    """A long id shortened for a table cell: the start, an ellipsis, and the last part kept whole.

    >>> short_id("mdr_2019-02-28_trump_kim_hanoi_comments/15")
    'mdr_2019…/15'
    >>> short_id("8f14e45fceea167a5a36dedd4bea2543"), short_id("c12")
    ('8f14e45fce…bea2543', 'c12')

    A missing target's node (``missing:<article_id>:<name>``) keeps the name, the part a reader needs:

    >>> short_id("missing:mdr_2019-02-28_trump_kim_hanoi_comments:Ralf Meier")
    'missing:…:Ralf Meier'
    """
    value = str(value)
    if value.startswith(MISSING) and value.count(":") >= 2:
        width = max(width, 24)  # a name may use a few more characters than an id
        if len(value) <= width:
            return value
        name, keep = value.rsplit(":", 1)[1], width - len(MISSING) - 2
        return f"{MISSING}…:{name if len(name) <= keep else name[: keep - 1] + '…'}"
    if len(value) <= width:
        return value
    if "/" in value:
        head, tail = value.rsplit("/", 1)
        if len(tail) <= width - 10:
            return f"{head[:8]}…/{tail}"
    return f"{value[:10]}…{value[-7:]}"


def _number(v: float) -> str:
    if abs(v) >= 1:
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{v:.2g}" if v else "0"


def _percent(v: float) -> str:
    """A share (0..1) in per cent: whole per cents, one significant digit below 1 %.

    >>> _percent(0.615385), _percent(0.004), _percent(0.0), _percent(1.0)
    ('62 %', '0.4 %', '0 %', '100 %')
    """
    p = v * 100
    return f"{p:.1g} %" if 0 < abs(p) < 1 else f"{p:.0f} %"


def _is_share(s: pd.Series, values: np.ndarray) -> bool:
    """A column named for a share (:data:`SHARE_NAME`) whose values all lie between 0 and 1."""
    if not SHARE_NAME.search(str(s.name)) or pd.api.types.is_bool_dtype(s.dtype):
        return False
    ok = values[~np.isnan(values)]
    return bool(len(ok)) and bool(np.all((ok >= 0) & (ok <= 1)))


def _duration(v: pd.Timedelta) -> str:
    seconds = v.total_seconds()
    return ("−" if seconds < 0 else "") + human_duration(abs(seconds))


def _cells(s: pd.Series) -> tuple[list[str], list[str | None], bool]:
    """A column as page text: (shown values, full values for a tooltip or None, numeric?)."""
    na = s.isna().to_numpy()
    full: list[str | None] = [None] * len(s)
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(s.dtype):
        shown = s.dt.strftime("%Y-%m-%d %H:%M").tolist()
        numeric = False
    elif pd.api.types.is_timedelta64_dtype(s.dtype):
        shown = [None if n else _duration(v) for v, n in zip(s, na)]
        numeric = True
    elif pd.api.types.is_bool_dtype(s.dtype):
        shown = [None if n else ("yes" if v else "no") for v, n in zip(s, na)]
        numeric = False
    elif pd.api.types.is_numeric_dtype(s.dtype):
        values = s.to_numpy(dtype=float, na_value=np.nan)
        whole = np.all(np.isnan(values) | (values == np.round(values)))
        fmt = _percent if _is_share(s, values) else (lambda v: f"{int(v)}") if whole else _number
        shown = [None if n else fmt(v) for v, n in zip(values, na)]
        numeric = True
    else:
        text = [None if n else " ".join(str(v).split()) for v, n in zip(s, na)]
        if _is_id(s.name):
            shown = [None if t is None else short_id(t) for t in text]
            full = [t if t is not None and t != x else None for t, x in zip(text, shown)]
        else:
            shown = [None if t is None else (t if len(t) <= TEXT_WIDTH else t[: TEXT_WIDTH - 1] + "…") for t in text]
        numeric = False
    return [NA if v is None or (isinstance(v, float) and np.isnan(v)) else v for v in shown], full, numeric


class ReadableTable:
    """A table shown for reading (see :func:`readable_table`): escaped HTML in a notebook, text elsewhere."""

    def __init__(self, table: pd.DataFrame, *, top: int, empty: str, note: str | None):
        self.table, self.top, self.empty, self.note = table, top, empty, note

    @property
    def left_out(self) -> int:
        """How many rows are not shown."""
        return max(len(self.table) - self.top, 0)

    def _footer(self) -> str:
        if not self.left_out:
            return self.note or ""
        rows = "row" if self.left_out == 1 else "rows"
        line = f"The first {self.top} of {len(self.table):,} rows; {self.left_out:,} more {rows} not shown."
        return f"{line} {self.note}" if self.note else line

    def _repr_html_(self) -> str:
        if not len(self.table):
            return f"<p><em>{escape(self.empty)}</em></p>"
        shown = self.table.head(self.top)
        head, columns = [], []
        for name in shown.columns:
            s = shown[name]
            cells, full, numeric = _cells(s)
            zone = f"<br><small>{escape(str(s.dt.tz))}</small>" if isinstance(s.dtype, pd.DatetimeTZDtype) else ""
            align = "right" if numeric else "left"
            head.append(f'<th style="text-align:{align}">{escape(str(name))}{zone}</th>')
            columns.append((cells, full, align, _is_id(name) or zone != ""))
        rows = []
        for i in range(len(shown)):
            tds = []
            for cells, full, align, nowrap in columns:
                wrap = "white-space:nowrap;" if nowrap else "white-space:normal;min-width:8em;max-width:36em;"
                text = escape(cells[i])
                if full[i] is not None:  # '=' escaped too, so no attribute can look like an event handler
                    text = f'<span title="{escape(full[i]).replace("=", "&#61;")}">{text}</span>'
                tds.append(f'<td style="text-align:{align};{wrap}vertical-align:top">{text}</td>')
            rows.append(f"<tr>{''.join(tds)}</tr>")
        footer = self._footer()
        return (
            '<div style="overflow-x:auto;max-width:100%"><table class="dataframe cg-readable">'
            f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            + (f"<p><small>{escape(footer)}</small></p>" if footer else "")
            + "</div>"
        )

    def __repr__(self) -> str:
        if not len(self.table):
            return self.empty
        shown = self.table.head(self.top)
        text = pd.DataFrame({name: _cells(shown[name])[0] for name in shown.columns}).to_string(index=False)
        footer = self._footer()
        return f"{text}\n{footer}" if footer else text


def readable_table(table: pd.DataFrame, *, top: int = 15, empty: str = "no rows", note: str | None = None,
                   index: bool | None = None) -> ReadableTable:
    """``table`` as people read it, for a notebook or a report page.

    Text is left-aligned on one line (line breaks become spaces, very long text is cut with ``…``), ids
    longer than 18 characters are shortened (:func:`short_id`) with the full id as a tooltip, whole numbers
    print without decimals and others rounded, shares (columns named like ``reply_share`` or ``reciprocity``,
    values 0..1) in per cent (``62 %``; only the display: the table keeps its numbers), durations in words (``11 h 23 min``), times to the minute
    with their zone under the column name, every missing value as ``–``. Only the first ``top`` rows are
    shown, and a line says how many were left out; an empty table shows ``empty`` instead (say what it
    means: ``"no problems found"``). ``note`` is added below the table. The index is shown as columns when
    it has a name (``index=None``; row numbers, even sorted, are left out), or as ``index`` says. Comment text is always escaped.

    >>> t = pd.DataFrame({"author": ["Ann"], "share": [0.384615], "latency": [pd.Timedelta("11:23:02.718")]})
    >>> print(repr(readable_table(t)))
    author share     latency
       Ann  38 % 11 h 23 min
    >>> repr(readable_table(t.iloc[:0], empty="no problems found"))
    'no problems found'
    """
    if index is None:  # a named index means something (an article, an author); row numbers do not
        index = any(name is not None for name in table.index.names)
    if index:
        table = table.reset_index()
    return ReadableTable(table, top=top, empty=empty, note=note)


def time_zone_note(d, tz: str | None = None) -> str:
    """One sentence for a page saying which time zone its times are shown in, and why.

    ``tz`` is the zone asked for (``--tz``, the notebooks' ``tz`` parameter) or None when none was; an
    export whose time column is named for UTC, or whose times were all written as epoch numbers or with a
    UTC offset (``Z``, ``+00:00``; the table reader counts them in ``d.settings["time_forms"]``), is said
    to be UTC, converted; times with other offsets are said to be converted.

    >>> d = cg.read_table(cg.sample_corpus(articles=2))   # times written with their offsets (+01:00)
    >>> time_zone_note(d)[:98]
    'Times are shown in Europe/Berlin, the default zone (choose another with --tz or the tz parameter).'
    >>> time_zone_note(d)[99:]
    "The export's times (posted_at) carry their offsets and were converted to Europe/Berlin."
    >>> time_zone_note(cg.read_table(cg.sample_corpus(articles=2), tz="UTC"), "UTC")
    'Times are shown in UTC, as asked.'
    """
    if tz is not None:
        return f"Times are shown in {d.tz}, as asked."
    note = f"Times are shown in {d.tz}, the default zone (choose another with --tz or the tz parameter)."
    column = str((d.settings.get("columns") or {}).get("posted_at", ""))
    if d.settings.get("reader") != "read_table":
        return note
    forms = d.settings.get("time_forms") or {}
    written = sum(forms.values())
    utc = forms.get("epoch", 0) + forms.get("utc", 0)
    if "utc" in column.lower():
        note += f" The export's times ({column}) are UTC and were converted to {d.tz}."
    elif written and utc == written:
        how = (
            "epoch numbers, which are UTC,"
            if forms.get("epoch") == written
            else "written in UTC (Z, +00:00)"
            if not forms.get("epoch")
            else "epoch numbers and times written in UTC"
        )
        note += f" The export's times ({column}) are {how} and were converted to {d.tz}."
    elif written and utc + forms.get("offset", 0) == written:
        note += f" The export's times ({column}) carry their offsets and were converted to {d.tz}."
    elif "kind" in d.problems and (d.problems["kind"] == "epoch_units").any():
        note += f" The export's times ({column}) are epoch numbers, which are UTC, and were converted to {d.tz}."
    return note


__all__ = ["readable_table", "ReadableTable", "time_zone_note", "short_id", "NA"]
