"""Dates and times as they are written on comment pages (German, English, French months), to tz-aware stamps."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import numpy as np
import pandas as pd

from .schema import TIME_UNIT

MONTHS = {
    # German
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
    # English (where they differ)
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6, "july": 7,
    "october": 10, "oct": 10, "december": 12, "dec": 12,
    # French (where they differ): "12 mars 2021 à 14:05"
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4, "juin": 6,
    "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12, "déc": 12,
}
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

#: a date as pages write it: 01.03.2019, 1.3.19, 2019-03-01, 1. März 2019, March 1, 2019, 1 March 2019,
#: 3/1/2019 (never right after a digit: ``Anna 12.03.2019`` is not number 1 on 2.03.2019)
#: (slashes: month first, as US sites write them; pages decide the order, see :func:`slash_order`)
#: a weekday may stand before a date: ``Freitag, 1. März 2019``, ``Fri, 1 Mar 2019``, ``Fr. 01.03.2019`` (an
#: abbreviation only with its comma or dot: ``Kim Do 01.03.2019`` is author Kim Do)
WEEKDAY = (r"(?i:(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|monday|tuesday"
           r"|wednesday|thursday|friday|saturday|sunday),?[ ]+"
           r"|(?:mo|di|mi|do|fr|sa|so|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:\.,?|,)[ ]*)")
DATE = (rf"(?<![\w.])(?:{WEEKDAY})?(?<!\d)(?:\d{{1,2}}\.[ ]?\d{{1,2}}\.[ ]?(?:\d{{4}}|\d{{2}})(?!\d)|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
        rf"|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d{{2}})(?![\d/])"
        rf"|\d{{1,2}}(?:\.|st|nd|rd|th)?[ ]+(?i:{_MONTH_ALT})\.?,?[ ]+\d{{4}}"
        rf"|(?i:{_MONTH_ALT})\.?[ ]+\d{{1,2}}(?:st|nd|rd|th)?,?[ ]+\d{{4}})")
#: a time: 11:25, 11:25:03, 9:05 pm, 11:25 Uhr
#: (am/pm only after a 12-hour clock hour, so ``00:00 AM 1`` reads author "AM", number 1; a name
#: that is itself "AM", "PM" or "Uhr" right after a 12-hour time stays ambiguous and reads as part
#: of the time)
TIME = (r"(?:(?:1[0-2]|0?[1-9]):\d{2}(?::\d{2})?[ ]?(?i:[ap]\.?m\.?)(?![\w.])|\d{1,2}:\d{2}(?::\d{2})?)"
        r"(?:[ ]?Uhr(?!\w))?")
#: date then time, with the separators seen on pages
DATETIME = rf"(?P<date>{DATE})(?:[ \t]*,[ \t]*|[ \t]+(?:(?:um|at|-|\||–)[ \t]+)?|T)(?P<time>{TIME})"

_NUMERIC = re.compile(r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})$")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})$")
_WEEKDAY = re.compile(rf"^{WEEKDAY}")
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:\.|st|nd|rd|th)?\s+([^\W\d_]+)\.?,?\s+(\d{4})$")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:([ap])\.?m\.?)?", re.IGNORECASE)
_EPOCH = np.datetime64("1970-01-01", "D")
_FIRST, _LAST = pd.Timestamp("0001-01-02"), pd.Timestamp("9999-12-30")


@lru_cache(maxsize=65536)
def date_days(text: str) -> int | None:
    """Days since 1970-01-01 of a written date, or None when impossible or unreadable.

    Slash dates are month first (``1/2/1970`` is 2 January); a page written day first gives them
    as ``02.01.1970`` (see :func:`slash_order`).

    >>> date_days("01.01.1970"), date_days("2. Januar 1970"), date_days("31.02.2019"), date_days("1/2/1970")
    (0, 1, None, 1)
    >>> date_days("Freitag, 2. Januar 1970"), date_days("Fri, 2 Jan 1970"), date_days("2nd January 1970")
    (1, 1, 1)
    """
    text = _WEEKDAY.sub("", text.strip())
    y = m = d = None
    if mt := _NUMERIC.match(text):
        d, m, y = int(mt[1]), int(mt[2]), int(mt[3])
        if len(mt[3]) == 2:
            y += 2000 if y < 70 else 1900
    elif mt := _ISO.match(text):
        y, m, d = int(mt[1]), int(mt[2]), int(mt[3])
    elif mt := _SLASH.match(text):
        m, d, y = int(mt[1]), int(mt[2]), int(mt[3])
        if len(mt[3]) == 2:
            y += 2000 if y < 70 else 1900
    elif mt := _DAY_MONTH.match(text):
        d, m, y = int(mt[1]), MONTHS.get(mt[2].lower()), int(mt[3])
    elif mt := _MONTH_DAY.match(text):
        m, d, y = MONTHS.get(mt[1].lower()), int(mt[2]), int(mt[3])
    if m is None:
        return None
    try:
        return (dt.date(y, m, d) - dt.date(1970, 1, 1)).days
    except ValueError:
        return None


def slash_order(dates, where: str = "page") -> tuple[str, str | None]:
    """Whether the slash dates of one page (or column, ``where``) are month first (``"mdy"``, US) or day first (``"dmy"``).

    A day above 12 decides: ``25/12/2019`` can only be day first, ``12/25/2019`` only month first.
    Returns ``(order, doubt)``: ``doubt`` says why the order is a guess (no date decides it; or the
    page has both kinds), else None. Undecided pages are read month first.

    >>> slash_order(["25/12/2019", "01/02/2019"]), slash_order(["12/25/2019"])
    (('dmy', None), ('mdy', None))
    >>> slash_order(["01/02/2019"])[0]
    'mdy'
    """
    first = second = False
    for d in dates:
        if mt := _SLASH.match(_WEEKDAY.sub("", str(d).strip())):
            first |= int(mt[1]) > 12
            second |= int(mt[2]) > 12
    if first and not second:
        return "dmy", None
    if second and not first:
        return "mdy", None
    if first and second:
        return "mdy", f"the {where} has slash dates with a day above 12 in both places; read month first"
    return "mdy", f"no slash date in the {where} has a day above 12; read month first (as US sites write them)"


@lru_cache(maxsize=65536)
def time_seconds(text: str) -> int | None:
    """Seconds after midnight of a written time, or None when impossible.

    >>> time_seconds("11:25"), time_seconds("9:05 pm"), time_seconds("12:00 a.m."), time_seconds("25:61")
    (41100, 75900, 0, None)
    """
    mt = _TIME.match(text.strip())
    if not mt:
        return None
    h, mi, s = int(mt[1]), int(mt[2]), int(mt[3] or 0)
    if mt[4]:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if mt[4].lower() == "p" else 0)
    if h > 23 or mi > 59 or s > 59:
        return None
    return h * 3600 + mi * 60 + s


def localize(naive: pd.Series | pd.DatetimeIndex, tz: str) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Attach ``tz`` to naive local times.

    Policy for daylight-saving changes: a time in the fall-back hour (it happens twice) is read as
    the first, summer-time occurrence; a time in the spring-forward gap (it never happens) is shifted
    forward to the first valid instant. Returns ``(stamps, ambiguous_mask, nonexistent_mask)``.
    """
    idx = pd.DatetimeIndex(naive)
    # times the standard library cannot hold (year 0 and before, after 9999) cannot be localised: NaT
    idx = idx.where((idx >= _FIRST) & (idx <= _LAST))
    n = len(idx)
    stamps = idx.tz_localize(tz, ambiguous=np.ones(n, dtype=bool), nonexistent="shift_forward")
    strict = idx.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
    lost = np.asarray(strict.isna() & ~idx.isna())
    shifted = np.asarray(stamps.tz_localize(None) != idx) & lost
    ambiguous = lost & ~shifted
    return pd.Series(stamps).astype(pd.DatetimeTZDtype(unit=TIME_UNIT, tz=tz)), ambiguous, shifted


def combine(dates: list[str | None], times: list[str | None], tz: str):
    """Written dates and times to tz-aware stamps.

    Returns ``(stamps, bad, ambiguous, shifted)``: ``bad`` marks the ones that could not be read
    (NaT in ``stamps``).

    >>> s, bad, amb, sh = combine(["28.02.2019", "31.02.2019"], ["22:02", "10:00"], "Europe/Berlin")
    >>> str(s[0]), bool(bad[1])
    ('2019-02-28 22:02:00+01:00', True)
    """
    days = np.array([date_days(d) if d else None for d in dates], dtype=object)
    secs = np.array([time_seconds(t) if t else None for t in times], dtype=object)
    bad = np.array([a is None or b is None for a, b in zip(days, secs)], dtype=bool)
    day_i = np.where(bad, 0, days).astype("int64")
    sec_i = np.where(bad, 0, secs).astype("int64")
    naive = (_EPOCH + day_i.astype("timedelta64[D]")).astype("datetime64[s]") + sec_i.astype("timedelta64[s]")
    naive = naive.astype(f"datetime64[{TIME_UNIT}]")
    naive[bad] = np.datetime64("NaT")
    stamps, ambiguous, shifted = localize(naive, tz)
    return stamps, bad, ambiguous, shifted
