"""The page reader's time grammar (``commentgraph.read.times``) against ``dateparser`` on the forms comment
pages write: which forms each reads right, and how fast.

    pip install dateparser          # not a dependency of the package
    python -m benchmarks.dates

Each case is a time as a page writes it, the page's copy time (for relative times), and the instant it
stands for, worked out by hand (``None``: not a time, or not readable without more context). A reading is
right when it gives that instant (to the minute; a date without a time: that day). ``in a line`` runs the
grammar's search (``times.find``) on the whole line, as the reader sees it, against ``dateparser``'s
``search_dates`` on the same line.
"""

from __future__ import annotations

import time

import pandas as pd

from commentgraph.read import times

TZ = "Europe/Berlin"
SCRAPE = pd.Timestamp("2020-01-14 18:00", tz=TZ)

#: (line as written, the time within it, the instant as local time in TZ or with its zone; None: no time)
CASES = [
    ("01.03.2019 11:25 Meckersack 10", "01.03.2019 11:25", "2019-03-01 11:25"),
    ("14.01.2020, 13:47 Uhr", "14.01.2020, 13:47 Uhr", "2020-01-14 13:47"),
    ("Sana6. Juni 2015 um 10:23", "6. Juni 2015 um 10:23", "2015-06-06 10:23"),
    ("IwonaMay 30, 2019 at 1:06 PM", "May 30, 2019 at 1:06 PM", "2019-05-30 13:06"),
    ("8. April 2019 @ 11:38", "8. April 2019 @ 11:38", "2019-04-08 11:38"),
    ("NAME am 18. Oktober 2023 - 13:11 Permanenter Link", "18. Oktober 2023 - 13:11", "2023-10-18 13:11"),
    ("March 1, 2019 at 10:15 am", "March 1, 2019 at 10:15 am", "2019-03-01 10:15"),
    ("Freitag, 1. März 2019, 19:56 Uhr", "Freitag, 1. März 2019, 19:56 Uhr", "2019-03-01 19:56"),
    ("2019-03-01 10:05", "2019-03-01 10:05", "2019-03-01 10:05"),
    ("03/01/2019 10:05 AM", "03/01/2019 10:05 AM", "2019-03-01 10:05"),
    ("1. März 2019 10:02 GMT", "1. März 2019 10:02 GMT", "2019-03-01 10:02+00:00"),
    ("Posted 14 Jan 2020 1:46 pm GMT", "14 Jan 2020 1:46 pm GMT", "2020-01-14 13:46+00:00"),
    ("#1  —  vor 8 Stunden", "vor 8 Stunden", "2020-01-14 10:00"),
    ("vor einer Stunde", "vor einer Stunde", "2020-01-14 17:00"),
    ("3 hours ago", "3 hours ago", "2020-01-14 15:00"),
    ("2 hr. ago", "2 hr. ago", "2020-01-14 16:00"),
    ("vor 2 Tagen", "vor 2 Tagen", "2020-01-12 18:00"),
    ("gestern, 22:01 Uhr", "gestern, 22:01 Uhr", "2020-01-13 22:01"),
    ("heute, 09:12", "heute, 09:12", "2020-01-14 09:12"),
    ("Yesterday at 3:05 PM", "Yesterday at 3:05 PM", "2020-01-13 15:05"),
    ("27. September 2018", "27. September 2018", "2018-09-27"),
    ("Tue, 14 Jan 2020 13:47:00 +0100", "Tue, 14 Jan 2020 13:47:00 +0100", "2020-01-14 13:47+01:00"),
    ("January 14th, 2020 at 1:47 pm", "January 14th, 2020 at 1:47 pm", "2020-01-14 13:47"),
    ("Jan 14", "Jan 14", None),  # no year: a page of another year reads wrong
    ("Like · Reply · 3h", "3h", "2020-01-14 15:00"),
    ("2 weeks ago", "2 weeks ago", "2019-12-31 18:00"),
    ("vorgestern, 10:00", "vorgestern, 10:00", "2020-01-12 10:00"),
    ("14 janvier 2020 à 13 h 47", "14 janvier 2020 à 13 h 47", "2020-01-14 13:47"),
    ("31.02.2019 10:00 Anna 2", "31.02.2019 10:00", None),  # no such day
    ("Ich komme um 10:30 Uhr", None, None),  # a time of day in a sentence: no comment's time
    ("Seit 2019 wohne ich hier", None, None),
    ("Der Vertrag von 1990 gilt", None, None),
    ("Antworten", None, None),
]


def _want(value):
    if value is None:
        return None
    t = pd.Timestamp(value)
    return t.tz_localize(TZ) if t.tzinfo is None else t


def _right(got, want) -> bool:
    if want is None:
        return got is None
    if got is None:
        return False
    return abs((got - want).total_seconds()) < 60


def ours(text: str):
    """The grammar's instant for a time expression (searched in ``text``), or None."""
    m = times.find(text)
    if m is None:
        return None
    st = times.read(m)
    if st.kind == "bad":
        return None
    if st.kind == "relative":
        return SCRAPE - pd.Timedelta(seconds=st.ago)
    if st.kind == "day":
        day = SCRAPE.normalize() - pd.Timedelta(days=st.days_back)
        return day + pd.Timedelta(seconds=st.secs or 0)
    stamp = pd.Timestamp(st.days * 86400 + (st.secs or 0), unit="s")
    if st.offset is not None:
        return (stamp - pd.Timedelta(minutes=st.offset)).tz_localize("UTC").tz_convert(TZ)
    return stamp.tz_localize(TZ)


def theirs(text: str, search: bool):
    """dateparser's instant for ``text`` (the whole text, or the first date ``search_dates`` finds)."""
    import dateparser
    from dateparser.search import search_dates

    settings = {"RELATIVE_BASE": SCRAPE.tz_localize(None).to_pydatetime(), "TIMEZONE": TZ,
                "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DATES_FROM": "past"}
    if search:
        found = search_dates(text, languages=["de", "en"], settings=settings)
        got = found[0][1] if found else None
    else:
        got = dateparser.parse(text, languages=["de", "en"], settings=settings)
    return None if got is None else pd.Timestamp(got).tz_convert(TZ)


def main() -> None:
    rows = []
    for line, part, want in CASES:
        w = _want(want)
        exact = part if part is not None else line
        rows.append({
            "line": line, "want": want, "ours": _right(ours(exact), w), "dateparser": _right(theirs(exact, False), w),
            "ours_in_line": _right(ours(line), w), "dateparser_in_line": _right(theirs(line, True), w),
        })
    table = pd.DataFrame(rows)
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        print(table.to_string(index=False))
    print("\nright of", len(table), ":", {c: int(table[c].sum()) for c in table.columns[2:]})
    strings = [p for _, p, _ in CASES if p] * 30
    for name, fn in (("ours", lambda s: times.read(m) if (m := times.find(s)) else None),
                     ("dateparser", lambda s: theirs(s, False))):
        times._read.cache_clear()
        t0 = time.perf_counter()
        for s in strings:
            fn(s)
        print(f"{name}: {(time.perf_counter() - t0) / len(strings) * 1e6:,.0f} us a time string (uncached)")


if __name__ == "__main__":
    main()
