"""read_source: which reader a source needs, folders of exports as well as of pages, and the time zone."""

from pathlib import Path

import pandas as pd
import pytest

import commentgraph as cg
from commentgraph.cli import main
from commentgraph.read.source import read_source, source_kind

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data/synthetic/sample_corpus.csv"


def _pairs(d):
    return set(zip(d.replies["source_comment_id"], d.replies["target_comment_id"].fillna("-")))


def _split_corpus(folder: Path) -> pd.DataFrame:
    """The synthetic corpus as one export per article, written by pandas: CSV, JSON Lines and Parquet."""
    raw = pd.read_csv(CORPUS, dtype=str)
    folder.mkdir()
    for i, (aid, part) in enumerate(raw.groupby("article_id")):
        kind = ("csv", "jsonl", "parquet")[i % 3]
        path = folder / f"{aid}.{kind}"
        if kind == "csv":
            part.to_csv(path, index=False)
        elif kind == "jsonl":
            part.to_json(path, orient="records", lines=True, force_ascii=False)
        else:
            part.to_parquet(path, index=False)
    (folder / "README.md").write_text("exports of six articles\n", encoding="utf-8")
    return raw


def test_a_folder_of_exports_reads_as_the_one_table_it_was_split_from(tmp_path):
    raw = _split_corpus(tmp_path / "exports")
    assert source_kind(tmp_path / "exports") == "tables"
    d = cg.read_source(tmp_path / "exports")
    whole = cg.read_source(CORPUS)
    assert (len(d.articles), len(d.comments)) == (raw["article_id"].nunique(), len(raw)) == (6, 103)
    assert d.comments["comment_id"].is_unique and set(d.comments["comment_id"]) == set(raw["comment_id"])
    assert _pairs(d) == _pairs(whole) and len(d.replies) == len(whole.replies)
    assert sorted(d.settings["files"]) == sorted(p.name for p in (tmp_path / "exports").iterdir()
                                                 if p.suffix != ".md")


def test_a_folder_that_mixes_pages_and_exports_or_repeats_ids_is_a_clear_error(sample_path, tmp_path):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    (mixed / "page.txt").write_bytes(sample_path.read_bytes())
    (mixed / "comments.csv").write_bytes(CORPUS.read_bytes())
    with pytest.raises(cg.ReadError, match=r"mixes table exports \(comments.csv\) and pages \(page.txt\)"):
        cg.read_source(mixed)
    twice = tmp_path / "twice"
    twice.mkdir()
    for name in ("a.csv", "b.csv"):
        (twice / name).write_bytes(CORPUS.read_bytes())
    with pytest.raises(cg.ReadError, match=r"comment id '.+' is in both a.csv and b.csv"):
        cg.read_source(twice)
    (tmp_path / "empty").mkdir()
    with pytest.raises(cg.ReadError, match="holds no pages or exports"):
        cg.read_source(tmp_path / "empty")


def test_a_folder_of_pages_still_reads_as_pages(sample_path, tmp_path):
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_bytes(sample_path.read_bytes())
    (pages / "a.txt.reviews.csv").write_text("comment_id\n", encoding="utf-8")  # the explorer's reviews file
    assert source_kind(pages) == "pages"
    d = cg.read_source(pages)
    assert d.settings["reader"] == "read_pages" and len(d.comments) == 20


def test_read_source_is_importable_from_report_and_the_package():
    from commentgraph import report

    assert cg.read_source is report.read_source
    assert len(read_source(CORPUS).comments) == 103


def test_tz_names_the_zone_times_are_shown_in(tmp_path):
    raw = pd.read_csv(CORPUS, dtype=str)
    d = cg.read_source(CORPUS, tz="America/Toronto")
    assert str(d.comments["posted_at"].dt.tz) == "America/Toronto" and d.tz == "America/Toronto"
    # 2019-03-01T08:07:00+01:00 is 02:07 in Toronto (EST, UTC-5)
    assert raw["posted_at"].iloc[0] == "2019-03-01T08:07:00+01:00"
    assert d.comments["posted_at"].iloc[0] == pd.Timestamp("2019-03-01 02:07", tz="America/Toronto")
    with pytest.raises(cg.ReadError, match="unknown time zone"):
        cg.read_source(CORPUS, tz="Mars/Olympus")


def test_every_command_takes_tz(tmp_path, capsys):
    assert main(["export", str(CORPUS), "--format", "csv", "--tz", "UTC", "--out", str(tmp_path / "t")]) == 0
    comments = pd.read_csv(tmp_path / "t" / "comments.csv")
    assert comments["posted_at"].iloc[0] == "2019-03-01T07:07:00+00:00"
    capsys.readouterr()
    assert main(["summary", str(CORPUS), "--tz", "Asia/Tokyo"]) == 0
    assert "2019-03-01 16:07:00+09:00" in capsys.readouterr().out
    assert main(["summary", str(CORPUS), "--tz", "Nowhere/Land"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == ("commentgraph: tz='Nowhere/Land': unknown time zone; use an IANA name such as "
                           "Europe/Berlin, UTC or America/Toronto")
    from commentgraph.cli import parser

    for command in ("report", "summary", "export"):
        assert "--tz" in parser()._subparsers._group_actions[0].choices[command].format_help()


@pytest.mark.shared_data
def test_the_real_folder_of_raw_json_exports(public_data):
    folder = public_data / "comments_raw_json"
    d = cg.read_source(folder, tz="America/Toronto")
    # the README's counts (426 + 240 + 114), and each file read on its own gives the same replies
    assert len(d.comments) == 780 and len(d.articles) == 3
    parts = [cg.read_table(p, tz="America/Toronto") for p in sorted(folder.glob("*.json"))]
    assert [len(p.comments) for p in parts] == [426, 240, 114]
    assert _pairs(d) == set().union(*(_pairs(p) for p in parts))
    assert str(d.comments["posted_at"].dt.tz) == "America/Toronto"


@pytest.mark.shared_data
def test_a_utc_export_says_which_zone_it_is_shown_in(public_data):
    path = public_data / "globe_and_mail_explicit_parent_tidy.csv"
    d = cg.read_source(path)
    note = cg.time_zone_note(d)
    assert note.startswith("Times are shown in Europe/Berlin, the default zone")
    assert "The export's times (posted_at_utc) are UTC and were converted to Europe/Berlin." in note
    toronto = cg.read_source(path, tz="America/Toronto")
    raw = pd.read_csv(path, dtype=str)
    # by hand: 2013-09-27T00:46:02.776Z is 20:46:02.776 the day before in Toronto (EDT, UTC-4)
    assert raw["posted_at_utc"].iloc[0] == "2013-09-27T00:46:02.776Z"
    assert toronto.comments["posted_at"].iloc[0] == pd.Timestamp("2013-09-26 20:46:02.776", tz="America/Toronto")
    assert cg.time_zone_note(toronto, "America/Toronto") == "Times are shown in America/Toronto, as asked."
