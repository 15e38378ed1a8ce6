"""Time expressions anywhere in a page line: absolute dates and times (German and English, glued to a
name or not, with a time zone or not), relative times ("vor 8 Stunden", "3 hours ago", "gestern, 10:15")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

from ..timeparse import _MONTH_ALT, DATE, MONTHS, TIME, date_days, time_seconds

#: a date that may touch the name before it ("Sana6. Juni 2015", "IwonaMay 30, 2019"), never a digit or dot
_DATE_G = DATE.replace(r"(?<![\w.])", r"(?<![\d.])", 1)
#: a date written with dashes in the order of slash dates (MyBB, vBulletin: "03-01-2019, 10:05 AM"), read as one
_DASHED = r"(?<![\w.\-])\d{1,2}-\d{1,2}-\d{4}(?![\w\-])"
#: a year-first slash date ("2019/03/01 10:05"), read as ISO
_YMD = r"(?<![\w./])\d{4}/\d{1,2}/\d{1,2}(?![\w/])"
_DATE_G = rf"(?:{_DATE_G}|{_DASHED}|{_YMD})"
#: what stands between a date and its time ("@10:05AM" glued too, as Slashdot writes it)
_SEP = r"(?:[ \t]*,[ \t]*(?:(?:um|at|à)[ \t]+)?|[ \t]+(?:(?:um|at|à|@|-|–|—|\||·|•)[ \t]+|@)?|[ \t]*[|·•][ \t]*|T)"
#: a time of day, also as French pages write it after a date ("12/03/2021 à 14h05", "14 h 05"), or British ones
#: ("14 Jan 2020 13.47 GMT")
_TIME_FR = rf"(?:{TIME}|(?:[01]?\d|2[0-3])(?:[ ]?h[ ]?|\.)[0-5]\d(?![\w:.]))"
_FR_H = re.compile(r"[ ]?h[ ]?|\.")
#: a zone after the time ("GMT", "UTC+1", "CEST", "(UTC)")
_TZ = (
    r"(?:[ \t]*\(?(?:UTC|GMT)(?:[ \t]*[+\-−][ \t]*\d{1,2}(?::?\d{2})?)?\)?"
    r"|[ \t]+(?:CET|CEST|MEZ|MESZ|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|WET|WEST|EET|EEST|Z|ET|CT|MT|PT)"
    # ISO 8601's glued zone after a time with seconds ("2019-03-01T10:05:00Z", "...T12:00:00+01:00")
    r"|(?<=:\d\d:\d\d)(?:\.\d{1,6})?(?:Z|[+\-]\d\d:?\d\d))(?![\w])"
)
_REL = (
    r"(?i:vor[ \t]+(?:(?:über|mehr als|etwa|rund|knapp)[ \t]+)?(?:\d{1,4}|einer|einem|eins|ein|wenigen)[ \t]+"
    r"(?:sekunden?|minuten?|min\.?|stunden?|std\.?"
    r"|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)"
    r"|(?:\d{1,4}|an?|one|a[ \t]+few)[ \t]*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|hr|days?|weeks?|wks?"
    r"|months?|years?|yrs?|[hdwmy]|mo)\.?[ \t]+ago"
    # French ("il y a 3 heures", "il y a une heure", "à l'instant")
    r"|il[ \t]+y[ \t]+a[ \t]+(?:\d{1,4}|une|un|quelques)[ \t]+(?:secondes?|minutes?|min\.?|heures?|h|jours?|semaines?"
    r"|mois|ans?|années?)"
    r"|gerade eben|just now|à l'instant|à l’instant)"
    # Facebook's and Instagram's compact ages ("Like · Reply · 3h", "2d · Edited"): only where the line or a
    # separator follows (in a sentence "5m" is a length)
    r"|\d{1,3}(?:h|m|d|w|y|min|mo|[ ]?(?:Std|Min|Tg|Wo|Mon)\.?|[ ]?J\.)(?=[ \t]*(?:$|[·•|]))"  # ("2 J.": years)
)
#: (French "hier" only with its time: in German it is "here")
_DAY = (
    r"(?i:heute|gestern|vorgestern|today|yesterday|aujourd'hui|aujourd’hui"
    r"|(?:avant-)?hier(?=[ \t]*,?[ \t]*(?:à[ \t]+)?\d{1,2}:\d{2}))"
)
#: a day and month without a year ("14. Jan", "Jan 14", "14. Januar um 10:15"): social media write the year
#: only for earlier years; read as the latest such day up to the copy time (``scraped_at``). Only where the
#: line or a separator follows ("Jan 3 hours ago" is Jan's comment, "am 1. März war ich" a sentence).
_YEARLESS = (
    rf"(?<![\w.])(?P<ydate>\d{{1,2}}\.?[ ]+(?i:{_MONTH_ALT})\.?|(?i:{_MONTH_ALT})\.?[ ]+\d{{1,2}}(?:st|nd|rd|th)?)"
    rf"(?![\w]|,?[ ]+\d{{4}})(?:{_SEP}(?P<ytime>{TIME}))?(?=[ \t]*(?:$|[·•|,(–—-]))"
)
#: a month and year without a day (Discourse: "Mar '21", "Mar 2021"): only where the line or a separator follows
#: ("in March 2021 I went" is a sentence); read as the month's first day, a date without a time of day
#: (a month's first letter is looked for first: the alternation of month names at every position is slow)
_MONTH_YEAR = (
    rf"(?<![\w.])(?=[jfmasondJFMASOND])(?P<mdate>(?i:{_MONTH_ALT})\.?[ ]+(?:['’]\d{{2}}|\d{{4}}))"
    r"(?![\w'’])(?=[ \t]*(?:$|[·•|,(–—-]))"
)
MONTH_YEAR = re.compile(_MONTH_YEAR)
EXPR = re.compile(
    rf"(?P<date>{_DATE_G})(?:{_SEP}(?P<time>{_TIME_FR})(?P<tz>{_TZ})?)?"
    # the time first ("13:47 Uhr, 14.01.2020", "13:47 - 14.01.2020")
    rf"|(?<![\w.:])(?P<ttime>{TIME})(?:[ \t]*,[ \t]*|[ \t]+(?:[-–—|·•]|am|on|vom)[ \t]+|[ \t]+)(?P<tdate>{_DATE_G})"
    rf"|{_YEARLESS}"
    rf"|{_MONTH_YEAR}"
    rf"|(?<![\w])(?P<rel>{_REL})(?![\w])"
    rf"|(?<![\w])(?P<day>{_DAY})(?:[ \t]*,?[ \t]*(?:(?:um|at|à)[ \t]+)?(?P<dtime>{TIME})(?P<dtz>{_TZ})?)?(?![\w])"
)

_UNIT = {
    "h": 3600,
    "d": 86400,
    "w": 604800,
    "m": 60,
    "y": 365 * 86400,
    "mo": 30 * 86400,
    "yr": 365 * 86400,
    "sek": 1,
    "sec": 1,
    "min": 60,
    "std": 3600,
    "stu": 3600,
    "hou": 3600,
    "hrs": 3600,
    "hr": 3600,
    "tag": 86400,
    "tg": 86400,
    "wo": 604800,
    "j": 365 * 86400,
    "day": 86400,
    "woc": 604800,
    "wee": 604800,
    "wks": 604800,
    "wk": 604800,
    "mon": 30 * 86400,
    "jah": 365 * 86400,
    "yea": 365 * 86400,
    "heu": 3600,
    "jou": 86400,
    "sem": 604800,
    "moi": 30 * 86400,
    "an": 365 * 86400,
    "ans": 365 * 86400,
    "ann": 365 * 86400,
}
_REL_PARTS = re.compile(
    r"(?i)(?:vor[ \t]+(?:(?:über|mehr als|etwa|rund|knapp)[ \t]+)?|il[ \t]+y[ \t]+a[ \t]+)?"
    r"(?P<n>\d{1,4}|einer|einem|eins|ein|wenigen|quelques|une|un|a[ \t]+few|an?|one)"
    r"[ \t]*(?P<unit>[^\W\d_]+)"
)
_DAYS_BACK = {
    "heute": 0,
    "today": 0,
    "gestern": 1,
    "yesterday": 1,
    "vorgestern": 2,
    "aujourd'hui": 0,
    "aujourd’hui": 0,
    "hier": 1,
    "avant-hier": 2,
}
_TZ_PARTS = re.compile(
    r"(?i)(?P<name>UTC|GMT|[A-Z]{3,4}|Z|(?=[+\-]\d\d:?\d\d$))"
    r"(?:[ \t]*(?P<sign>[+\-−])[ \t]*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?)?"
)
_ZONES = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "CET": 60,
    "MEZ": 60,
    "CEST": 120,
    "MESZ": 120,
    "WET": 0,
    "WEST": 60,
    "BST": 60,
    "EET": 120,
    "EEST": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
}


@dataclass(frozen=True)
class Stamp:
    """A written time, read: ``kind`` is ``"datetime"``, ``"date"`` (no time of day), ``"relative"``
    (``ago`` seconds before the page was scraped), ``"day"`` (today/yesterday, ``days_back``, at ``secs``)
    or ``"bad"`` (an impossible date or time). ``offset`` is the written zone in minutes east of UTC."""

    kind: str
    days: int | None = None
    secs: int | None = None
    ago: int | None = None
    days_back: int | None = None
    offset: int | None = None
    month_day: int | None = None  # a date without a year: month * 100 + day


def find(line: str) -> re.Match | None:
    """The first time expression in ``line`` whose date is followed by a time, else the first one.

    >>> find("Sana6. Juni 2015 um 10:23")[0], find("#1 —  vor 8 Stunden")["rel"]
    ('6. Juni 2015 um 10:23', 'vor 8 Stunden')
    >>> find("IwonaMay 30, 2019 at 1:06 PM").start(), find("kein Datum") is None
    (5, True)
    """
    first = None
    for m in EXPR.finditer(line):
        if m["time"] or m["rel"] or m["dtime"] or m["ytime"] or m["ttime"]:
            return m
        first = first or m
    return first


#: US zones written without their daylight-saving letter ("10:05 p.m. ET"): the offset the zone had then
_US_ZONES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}


def _us(tz: str, days: int, secs: int) -> int:
    """Minutes east of UTC of US zone ``tz`` ("ET") at local day ``days`` (since 1970) and ``secs``.

    >>> _us("ET", 17956, 36300), _us("PT", 18080, 36300)  # (1 March 2019; 3 July 2019)
    (-300, -420)
    """
    local = dt.datetime(1970, 1, 1) + dt.timedelta(days=days, seconds=secs)
    return int(local.replace(tzinfo=ZoneInfo(_US_ZONES[tz])).utcoffset().total_seconds() // 60)


@lru_cache(maxsize=65536)
def _offset(text: str | None) -> int | None:
    if not text or not (m := _TZ_PARTS.search(text)):
        return None
    base = _ZONES.get(m["name"].upper() or "UTC")  # (ISO's "+01:00": the offset from UTC)
    if base is None:
        return None
    if m["sign"]:
        sign = -1 if m["sign"] in "-−" else 1
        base += sign * (int(m["h"]) * 60 + int(m["m"] or 0))
    return base


@lru_cache(maxsize=65536)
def _read(
    date: str | None,
    time: str | None,
    tz: str | None,
    rel: str | None,
    day: str | None,
    dtime: str | None,
    dtz: str | None,
) -> Stamp:
    if rel is not None:
        if rel.lower() in ("gerade eben", "just now", "à l'instant", "à l’instant"):
            return Stamp("relative", ago=0)
        m = _REL_PARTS.search(rel)
        n = int(m["n"]) if m["n"].isdigit() else (2 if m["n"].lower()[:3] in ("wen", "que", "a f") else 1)
        unit = m["unit"].lower()
        return Stamp("relative", ago=n * _UNIT.get(unit, _UNIT.get(unit[:3], _UNIT.get(unit[:2], 60))))
    if day is not None:
        secs = time_seconds(dtime) if dtime else None
        if dtime and secs is None:
            return Stamp("bad")
        return Stamp("day", secs=secs, days_back=_DAYS_BACK[day.lower()], offset=_offset(dtz))
    days = date_days(date)
    if days is None:
        return Stamp("bad")
    if time is None:
        return Stamp("date", days=days)
    secs = time_seconds(time)
    if secs is None:
        return Stamp("bad")
    us = tz.strip() if tz and tz.strip() in _US_ZONES else None
    return Stamp("datetime", days=days, secs=secs, offset=_us(us, days, secs) if us else _offset(tz))


def read(m: re.Match, day_first: bool = False) -> Stamp:
    """The :class:`Stamp` a match of :data:`EXPR` stands for (each distinct text read once).

    >>> read(find("14. 01. 2020, 13:47")).secs, read(find("vor 2 Tagen")).ago
    (49620, 172800)
    >>> read(find("1. März 2019 10:02 GMT")).offset, read(find("31.02.2019 10:00")).kind
    (0, 'bad')
    >>> read(find("14/01/2020 13:47")).kind, read(find("14/01/2020 13:47"), day_first=True).kind
    ('bad', 'datetime')
    """
    if m["ydate"]:
        return _yearless(m["ydate"], m["ytime"])
    return _read(date_text(m, day_first), time_text(m), m["tz"], m["rel"], m["day"], m["dtime"], m["dtz"])


def time_text(m: re.Match) -> str | None:
    """The time of day after a match's date as the time reader takes it (``14h05`` as ``14:05``).

    >>> time_text(find("12/03/2021 à 14h05")), time_text(find("1. März 2019 10:02")), time_text(find("13:47, 1.3.2019"))
    ('14:05', '10:02', '13:47')
    >>> time_text(find("14 Jan 2020 13.47 GMT")), find("Am 14. Januar 2020 12.000 Menschen")["time"]
    ('13:47', None)
    """
    t = m["time"] or m["ttime"]
    return _FR_H.sub(":", t) if t and ":" not in t else t


_YEARLESS_PARTS = re.compile(r"(?i)(?:(?P<d1>\d{1,2})\.?[ ]+(?P<m1>[^\W\d_]+)|(?P<m2>[^\W\d_]+)\.?[ ]+(?P<d2>\d{1,2}))")


@lru_cache(maxsize=4096)
def _yearless(date: str, time: str | None) -> Stamp:
    m = _YEARLESS_PARTS.match(date)
    month, day = MONTHS.get((m["m1"] or m["m2"]).lower()), int(m["d1"] or m["d2"])
    secs = time_seconds(time) if time else None
    if month is None or not 1 <= day <= 31 or (time and secs is None):
        return Stamp("bad")
    return Stamp("yearless", secs=secs, month_day=month * 100 + day)


def date_text(m: re.Match, day_first: bool = False) -> str | None:
    """The date of a match as the date reader takes it: a day-first slash date written with dots.

    >>> date_text(find("14/01/2020 13:47"), day_first=True), date_text(find("vor 2 Tagen"))
    ('14.01.2020', None)
    """
    if m["mdate"]:
        return _month_year(m["mdate"])
    date = m["date"] or m["tdate"]
    if date and re.fullmatch(_YMD, date):
        return date.replace("/", "-")
    if date and re.fullmatch(_DASHED, date):
        date = date.replace("-", "/")
    return date.replace("/", ".") if day_first and date and "/" in date else date


_MONTH_YEAR_PARTS = re.compile(r"(?P<month>[^\W\d_]+)\.?[ ]+['’]?(?P<year>\d{2,4})")


def _month_year(text: str) -> str | None:
    """A month and year as the date of the month's first day (``Mar '21`` -> ``01.03.2021``; a two-digit
    year is this century's).

    >>> _month_year("Mar '21"), _month_year("März 2019"), _month_year("Mai 1999")
    ('01.03.2021', '01.03.2019', '01.05.1999')
    """
    m = _MONTH_YEAR_PARTS.match(text)
    month = MONTHS.get(m["month"].lower())
    year = int(m["year"]) + (2000 if len(m["year"]) == 2 else 0)
    return f"01.{month:02d}.{year}" if month else None


def shape(m: re.Match) -> str:
    """How precise the expression is: ``T`` (date and time, or day and time), ``R`` (relative), ``D`` (date).

    >>> shape(find("8. April 2019 @ 11:38")), shape(find("27. September 2018")), shape(find("vor 1 Stunde"))
    ('T', 'D', 'R')
    """
    if m["rel"] or m["day"] or m["mdate"] or (m["ydate"] and not m["ytime"]):
        return "R"  # ("gestern" alone is as precise as "vor 1 Tag"; "Mar '21" and "Mar 3" stand among "2d" ages)
    return "T" if m["time"] or m["dtime"] or m["ytime"] or m["ttime"] else "D"
