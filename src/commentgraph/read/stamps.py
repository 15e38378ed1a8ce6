"""A table's time column read: epoch seconds or milliseconds, ISO with or without an offset (naive means
local), page-style times, dates without a time; relative times by the page reader's grammar."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from ..schema import TIME_UNIT
from ..timeparse import DATETIME, combine, localize, slash_order
from . import times

_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_UTC_OFFSET = r"(?:Z|[+-]00:?00)$"


_PAGE_TIME = re.compile(rf"^\s*{DATETIME}\s*$")


#: epoch seconds that datetime64[us] and Python's datetime both hold (years 1..9999)
_EPOCH_RANGE = (-62135596800, 253402300799)


def relative_seconds(text) -> int | None:
    """Seconds before the scrape of a relative time (``7 hours ago``, ``vor 3 Tagen``), else None: the
    page reader's relative times (:mod:`commentgraph.read.times`), filling the whole cell.

    Months count 30 days and years 365.

    >>> relative_seconds("7 hours ago"), relative_seconds("vor einer Stunde"), relative_seconds("Feb 2, 2016")
    (25200, 3600, None)
    """
    m = times.EXPR.fullmatch(str(text).strip())
    return times.read(m).ago if m is not None and m["rel"] else None


def read_times(
    raw: pd.Series, tz: str, epoch_unit: str | None, notes: list | None = None, dst: dict | None = None
) -> tuple[pd.Series, np.ndarray]:
    """Parse a time column: epoch s/ms/us, ISO with or without offset (naive = local ``tz``), page formats.

    Slash dates (``03/01/2019 10:00``) are month first unless a day above 12 in the column says day
    first; when nothing decides, the doubt is appended to ``notes``. Local times that happen twice or
    never (daylight saving) are marked in ``dst["ambiguous"]`` / ``dst["shifted"]`` (see ``localize``);
    ``dst["forms"]`` counts how the values were written (epoch numbers, a UTC offset, another offset, none)."""
    n = len(raw)
    dtype = pd.DatetimeTZDtype(unit=TIME_UNIT, tz=tz)
    out = pd.Series(pd.NaT, index=range(n), dtype=dtype)
    amb, shf = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    forms = {"epoch": 0, "utc": 0, "offset": 0, "naive": 0}  # how many values were written how
    if dst is not None:
        dst.update(ambiguous=amb, shifted=shf, forms=forms)
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        s = raw.reset_index(drop=True)
        if s.dt.tz is None:
            forms["naive"] = int(s.notna().sum())
            stamps, amb[:], shf[:] = localize(s, tz)
            return stamps, np.zeros(n, bool)
        zone = str(s.dt.tz)  # stamps already in the zone shown count as written without an offset
        forms["utc" if zone == "UTC" else "naive" if zone == tz else "offset"] = int(s.notna().sum())
        return s.dt.tz_convert(tz).astype(dtype), np.zeros(n, bool)
    s = raw.reset_index(drop=True)
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        num = pd.to_numeric(s, errors="coerce").astype("Float64")
        is_num = num.notna().to_numpy()
        text = pd.Series(index=pd.RangeIndex(n), dtype="str")
    else:
        text = s.astype("str").where(s.notna()).str.strip()
        is_num = text.str.fullmatch(r"-?\d{9,19}(?:\.\d+)?").fillna(False).to_numpy(dtype=bool)
        num = pd.to_numeric(text.where(is_num), errors="coerce").astype("Float64")
    if is_num.any():
        forms["epoch"] = int(is_num.sum())
        out.loc[np.flatnonzero(is_num)] = _epochs(num[is_num], epoch_unit, notes, tz, dtype)
    rest = ~is_num & text.notna().to_numpy()
    if rest.any():
        idx = np.flatnonzero(rest)
        t = text[rest]
        aware = t.str.contains(_OFFSET).fillna(False).to_numpy(dtype=bool)
        forms["naive"] = int((~aware).sum())
        if aware.any():
            forms["utc"] = int(t[aware].str.contains(_UTC_OFFSET).sum())
            forms["offset"] = int(aware.sum()) - forms["utc"]
            p = pd.to_datetime(t[aware], format="ISO8601", utc=True, errors="coerce")
            p = p.where((p >= pd.Timestamp("0001-01-02", tz="UTC")) & (p <= pd.Timestamp("9999-12-30", tz="UTC")))
            out.loc[idx[aware]] = p.dt.tz_convert(tz).astype(dtype).to_numpy()
        if (~aware).any():
            tn = t[~aware]
            p = pd.to_datetime(tn, format="ISO8601", errors="coerce")
            stamps, a, sh = localize(p.astype(f"datetime64[{TIME_UNIT}]"), tz)
            out.loc[idx[~aware]] = stamps.to_numpy()
            amb[idx[~aware]], shf[idx[~aware]] = a, sh
            # page-style times (01.03.2019 11:25, March 1, 2019 9:05 pm) for what ISO did not read
            left = idx[~aware][p.isna().to_numpy()]
            if len(left):
                _page_style(text, left, tz, notes, out, amb, shf)
    bad = out.isna().to_numpy()
    return out, bad


def _epochs(vals: pd.Series, epoch_unit: str | None, notes: list | None, tz: str, dtype) -> np.ndarray:
    """Epoch numbers as stamps: seconds, milliseconds or microseconds, each by its size unless ``epoch_unit``
    says (out of range: NaT)."""
    if epoch_unit:
        per = pd.Series({"s": 1, "ms": 1e3, "us": 1e6, "ns": 1e9}.get(epoch_unit, 1), index=vals.index)
    else:  # each value by its size: a column that mixes seconds and milliseconds reads right (and says so)
        size = vals.abs().to_numpy(dtype="float64", na_value=np.nan)
        per = pd.Series(np.select([size < 1e11, size < 1e14], [1.0, 1e3], 1e6), index=vals.index)
        if notes is not None and per.nunique() > 1:
            counts = per.map({1.0: "seconds", 1e3: "milliseconds", 1e6: "microseconds"}).value_counts()
            notes.append(
                "epoch times in more than one unit, each read by its size: "
                + ", ".join(f"{n:,} in {u}" for u, n in counts.items())
            )
    secs = vals / per
    micro = (vals * (1e6 / per)).where((secs >= _EPOCH_RANGE[0]) & (secs <= _EPOCH_RANGE[1]))  # else NaT: bad_time
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parsed = pd.to_datetime(micro.astype("float64"), unit="us", utc=True, errors="coerce")
    return parsed.dt.tz_convert(tz).astype(dtype).to_numpy()


def _page_style(text: pd.Series, left: np.ndarray, tz: str, notes, out: pd.Series, amb, shf) -> None:
    """Page-style times (01.03.2019 11:25, March 1, 2019 9:05 pm) for the rows ``left`` that ISO did not read,
    and dates without a time (``Feb 2, 2016``, local midnight), into ``out``."""
    ms = [_PAGE_TIME.match(x) for x in text.iloc[left]]
    ok = [i for i, m in zip(left, ms) if m]
    if ok:
        dates = [m["date"] for m in ms if m]
        if any("/" in d for d in dates):
            order, doubt = slash_order(dates, "column")
            if order == "dmy":
                dates = [d.replace("/", ".") for d in dates]
            if doubt and notes is not None:
                notes.append(doubt)
        st, bad, a, sh = combine(dates, [m["time"] for m in ms if m], tz)
        out.loc[ok] = st.to_numpy()
        amb[ok], shf[ok] = a, sh
    done = set(ok)
    left = np.asarray([i for i in left if i not in done], dtype=np.int64)
    if len(left):
        stamps = _free_form(text.iloc[left].reset_index(drop=True), tz)
        keep = stamps.notna().to_numpy()
        out.loc[left[keep]] = stamps[keep].to_numpy()


def _free_form(text: pd.Series, tz: str) -> pd.Series:
    """Times in any form dateutil reads (``Wed Oct 10 20:19:24 +0000 2018``, ``Feb 2, 2016``) as stamps in
    ``tz``: an offset written gives the instant, none a local time; NaT where unread.

    >>> _free_form(pd.Series(["Wed Oct 10 20:19:24 +0000 2018", "Feb 2, 2016", "soon"]), "Europe/Berlin").tolist()
    [Timestamp('2018-10-10 22:19:24+0200', tz='Europe/Berlin'), Timestamp('2016-02-02 00:00:00+0100', \
tz='Europe/Berlin'), NaT]
    """
    dtype = pd.DatetimeTZDtype(unit=TIME_UNIT, tz=tz)
    out = pd.Series(pd.NaT, index=text.index, dtype=dtype)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dates = pd.to_datetime(text, format="mixed", errors="coerce")
    except (ValueError, TypeError, OverflowError):  # written with and without offsets: one value at a time
        return _one_by_one(text, tz, out)
    keep = dates.notna().to_numpy()
    if not keep.any():
        return out
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        out[keep] = dates[keep].dt.tz_convert(tz).astype(dtype)
    else:
        out[keep] = localize(dates[keep].astype(f"datetime64[{TIME_UNIT}]"), tz)[0].to_numpy()
    return out


def _one_by_one(text: pd.Series, tz: str, out: pd.Series) -> pd.Series:
    for i, v in enumerate(text.tolist()):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                t = pd.Timestamp(v)
        except (ValueError, TypeError, OverflowError):
            continue
        if t is pd.NaT or not (pd.Timestamp("0001-01-02") <= t.tz_localize(None) <= pd.Timestamp("9999-12-30")):
            continue
        out.iloc[i] = t.tz_convert(tz) if t.tzinfo is not None else localize(pd.Series([t]), tz)[0].iloc[0]
    return out
