"""Dates in a table's time column without a time of day, and day-first dates written with dashes: each value
worked out by hand (local midnight in Europe/Berlin, UTC+1 in winter)."""

import pandas as pd

import commentgraph as cg


def _read(tmp_path, dates: list[str]) -> cg.Discussion:
    rows = [{"id": str(i + 1), "author": f"A{i}", "date": d, "text": "x"} for i, d in enumerate(dates)]
    path = tmp_path / "t.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return cg.read_table(path)


def _stamps(d: cg.Discussion) -> list[str]:
    return [t.isoformat() for t in d.comments["posted_at"]]


def test_every_date_alone_is_that_days_midnight_and_counted(tmp_path):
    d = _read(tmp_path, ["2019-03-01", "03/01/2019", "1.3.2019", "March 1, 2019", "1 Mar 2019"])
    assert _stamps(d) == ["2019-03-01T00:00:00+01:00"] * 5
    notice = d.problems[d.problems["kind"] == "date_only"]
    assert notice["message"].tolist() == ["5 time(s) are a date without a time of day: read as that day's midnight"]
    assert notice["line"].tolist() == [2]


def test_a_day_above_12_decides_the_order_of_slash_and_dash_dates_in_the_column(tmp_path):
    # (before, 13/01/2019 without a time went to dateutil, which read it day first, and 03/01/2019 month first:
    # two orders in one column; dashes were unreadable)
    d = _read(tmp_path, ["13/01/2019", "03/01/2019", "14-01-2019 10:05"])
    assert _stamps(d) == ["2019-01-13T00:00:00+01:00", "2019-01-03T00:00:00+01:00", "2019-01-14T10:05:00+01:00"]
    assert "bad_time" not in d.problems["kind"].tolist()
    assert "date_order" not in d.problems["kind"].tolist()


def test_dashed_dates_nothing_decides_are_month_first_with_a_notice(tmp_path):
    d = _read(tmp_path, ["01-03-2019", "02-03-2019"])
    assert _stamps(d) == ["2019-01-03T00:00:00+01:00", "2019-02-03T00:00:00+01:00"]
    assert set(d.problems["kind"]) == {"date_only", "date_order"}


def test_iso_dates_and_words_stay_as_they_were(tmp_path):
    d = _read(tmp_path, ["2019-03-01T10:05:00Z", "2019-03-01 11:05", "soon"])
    assert _stamps(d)[:2] == ["2019-03-01T11:05:00+01:00", "2019-03-01T11:05:00+01:00"]
    assert pd.isna(d.comments["posted_at"].iloc[2])
    assert d.problems["kind"].tolist() == ["bad_time"]
