"""readable_table: what a reader sees of a table, worked out by hand."""

import re

import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.readable import NA, short_id


def cells(t):
    return re.findall(r"<td[^>]*>(.*?)</td>", t._repr_html_(), re.S)


def test_values_are_formatted_for_reading():
    t = pd.DataFrame({
        "comment_id": ["mdr_2019-02-28_trump_kim_hanoi_comments/15", "c2"],
        "text": ["line one\nline two", "<script>alert(1)</script>"],
        "share": [0.384615, None],
        "size": [4.0, 12.0],
        "latency": [pd.Timedelta("0 days 11:23:02.718"), pd.NaT],
        "posted_at": pd.to_datetime(["2019-03-01 11:39", None]).tz_localize("Europe/Berlin"),
        "label": pd.array(["x", None], dtype="str"),
        "n": pd.array([3, None], dtype="Int64"),
        "flag": [True, False],
    })
    got = cells(cg.readable_table(t))
    assert got[:9] == ['<span title="mdr_2019-02-28_trump_kim_hanoi_comments/15">mdr_2019…/15</span>',
                       "line one line two", "38 %", "4", "11 h 23 min", "2019-03-01 11:39", "x", "3", "yes"]
    assert got[9:] == ["c2", "&lt;script&gt;alert(1)&lt;/script&gt;", NA, "12", NA, NA, NA, NA, "no"]
    html = cg.readable_table(t)._repr_html_()
    assert "<script>" not in html and "<small>Europe/Berlin</small>" in html
    # text left, numbers right
    assert re.search(r'<td style="text-align:left;[^"]*">line one', html)
    assert re.search(r'<td style="text-align:right;[^"]*">38 %<', html)


def test_long_tables_are_cut_and_say_how_many_rows_were_left_out():
    t = pd.DataFrame({"n": range(70)})
    r = cg.readable_table(t, top=20)
    assert len(cells(r)) == 20 and r.left_out == 50
    assert "The first 20 of 70 rows; 50 more rows not shown." in r._repr_html_()
    assert repr(r).endswith("The first 20 of 70 rows; 50 more rows not shown.")
    assert "not shown" not in cg.readable_table(t.head(20), top=20)._repr_html_()


def test_an_empty_table_says_what_that_means():
    empty = pd.DataFrame({"kind": pd.Series([], dtype="str")})
    assert cg.readable_table(empty, empty="no problems found")._repr_html_() == "<p><em>no problems found</em></p>"
    assert repr(cg.readable_table(empty, empty="no problems found")) == "no problems found"


def test_an_index_that_means_something_becomes_a_column():
    t = pd.DataFrame({"n": [1]}, index=pd.Index(["Ann"], name="author"))
    assert cells(cg.readable_table(t)) == ["Ann", "1"]
    assert cells(cg.readable_table(t.reset_index(drop=True))) == ["1"]
    sorted_rows = pd.DataFrame({"n": [1, 2]}).sort_values("n", ascending=False)  # row numbers 1, 0: not shown
    assert cells(cg.readable_table(sorted_rows)) == ["2", "1"]


def test_short_ids_keep_their_end():
    assert short_id("abc") == "abc"
    assert short_id("aede0301627e467882122820b1721ac6") == "aede030162…1721ac6"
    assert short_id("a" * 30 + "/12") == "aaaaaaaa…/12"
    assert short_id("a" * 30 + "/" + "b" * 12) == "aaaaaaaaaa…bbbbbbb"  # a long last part: start and end


def test_shares_show_in_per_cent_and_the_table_keeps_its_numbers():
    t = pd.DataFrame({"reply_share": pd.array([0.615385, 0.004, None], dtype="Float64"),
                      "reciprocity": [1.0, 0.0, 0.5], "share_of_x": [0.25, 0.5, 0.75],
                      "pagerank": [0.615385, 0.2, 0.1],  # not a share by name: rounded, not per cent
                      "fraction": [1.5, 2.0, 0.5]})  # named for a share but above 1: not per cent
    got = cells(cg.readable_table(t))
    assert got == ["62 %", "100 %", "25 %", "0.62", "1.5",
                   "0.4 %", "0 %", "50 %", "0.2", "2",
                   NA, "50 %", "75 %", "0.1", "0.5"]
    assert t["reply_share"].iloc[0] == 0.615385 and t["reply_share"].dtype == "Float64"  # only the display changed
    summary = cg.summary(cg.read_table(cg.sample_corpus(articles=3)))
    shown = cells(cg.readable_table(summary[["reply_share"]]))
    assert shown == [f"{v * 100:.0f} %" for v in summary["reply_share"]]


def test_a_missing_target_keeps_its_name_when_shortened():
    node = "missing:mdr_2019-02-28_trump_kim_hanoi_comments:Ralf Meier"
    assert short_id(node) == "missing:…:Ralf Meier"
    assert short_id("missing:a1:Ralf Meier") == "missing:a1:Ralf Meier"  # short enough: whole
    assert short_id("missing:article:" + "Dr. Hans-Joachim Müller-Lüdenscheidt") == "missing:…:Dr. Hans-Joac…"  # 24 characters
    html = cg.readable_table(pd.DataFrame({"node": [node]}))._repr_html_()
    assert f'<span title="{node}">missing:…:Ralf Meier</span>' in html


def test_the_time_zone_note_says_utc_for_epoch_times_the_reader_noticed():
    mixed = pd.DataFrame({"author": ["A", "B"], "created": [1551430000, 1551431000000], "text": ["x", "y"]})
    d = cg.read_table(mixed, columns={"posted_at": "created"})
    assert (d.problems["kind"] == "epoch_units").any()
    assert cg.time_zone_note(d) == (
        "Times are shown in Europe/Berlin, the default zone (choose another with --tz or the tz parameter). "
        "The export's times (created) are epoch numbers, which are UTC, and were converted to Europe/Berlin.")
    assert str(d.comments["posted_at"].iloc[0]) == "2019-03-01 09:46:40+01:00"  # 08:46:40 UTC
    named = cg.read_table(mixed.rename(columns={"created": "created_utc"}), columns={"posted_at": "created_utc"})
    assert "(created_utc) are UTC and were converted" in cg.time_zone_note(named)
    plain = cg.read_table(cg.sample_corpus(articles=2))
    assert "UTC" not in cg.time_zone_note(plain)


@pytest.mark.parametrize(("times", "says", "first_utc"), [
    (["2024-01-01T10:00:00Z", "2024-01-01T11:00:00+00:00"], "are written in UTC (Z, +00:00) and were converted",
     "10:00"),
    (["1704103200", "1704106800"], "are epoch numbers, which are UTC, and were converted", "10:00"),
    (["2024-01-01T10:00:00-05:00", "2024-01-01T11:00:00Z"], "carry their offsets and were converted", "15:00"),
    (["2024-01-01 10:00", "2024-01-01 11:00"], None, "09:00"),   # naive: Berlin time, nothing to add
])
def test_time_zone_note_says_how_the_export_wrote_its_times(times, says, first_utc):
    d = cg.read_table(pd.DataFrame({"author": ["A", "B"], "text": ["x", "y"], "posted_at": times}))
    note = cg.time_zone_note(d)
    assert note.startswith("Times are shown in Europe/Berlin, the default zone")
    if says is None:
        assert "export" not in note
    else:
        assert says in note and note.endswith("to Europe/Berlin.")
    assert d.comments["posted_at"].dt.tz_convert("UTC").dt.strftime("%H:%M").iloc[0] == first_utc
