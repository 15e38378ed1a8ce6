"""Property tests: generated pages and tables never raise anything but ReadError, every line and row is
accounted for, and valid comment sections written out and read back give the same comments (pages in
both orders and with CRLF, tables via CSV, JSON and Parquet). Each test runs EXAMPLES examples."""

import datetime as dt
import json

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import commentgraph as cg

EXAMPLES = 200
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                              HealthCheck.function_scoped_fixture])

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZäöüÄÖÜßéçñ"
# authors: words of letters, umlauts, digits and dots, joined by single spaces ("W. Merseburger", "Norbert NRW")
word = st.text(alphabet=LETTERS + "0123456789.-", min_size=1, max_size=10).filter(lambda w: w[0] in LETTERS)
author = (st.lists(word, min_size=1, max_size=4).map(" ".join)
          .filter(lambda a: len(a) <= 60 and a.split()[0].lower() not in ("by", "am", "pm", "a.m.", "p.m.", "uhr")))
# (a first name word equal to am/pm/Uhr after a time is a documented ambiguity of the header layout)
# body lines: text without ':' (so no line is a header), starting with a letter; references included
body_line = st.one_of(
    st.text(alphabet=LETTERS + " .,!?'\"()0123456789", min_size=1, max_size=60).map(str.strip)
    .filter(lambda s: s != "" and s[0] in LETTERS),
    st.builds(lambda n, a: f"@{n} {a} danke", st.integers(1, 99), author),
    st.builds(lambda a: f"@{a} nein", author),
)
body = st.lists(st.one_of(body_line, st.just("")), min_size=1, max_size=5).map(
    lambda ls: "\n".join(ls).strip("\n")).filter(lambda t: t.strip() != "")
minutes = st.integers(0, 20 * 365 * 24 * 60)
EPOCH = dt.datetime(2005, 1, 1)


@st.composite
def sections(draw):
    """A comment section: numbers 1..n, times rising, as (number, author, local time, text) rows."""
    n = draw(st.integers(1, 12))
    start = draw(minutes)
    steps = draw(st.lists(st.integers(0, 3000), min_size=n, max_size=n))
    rows, t = [], start
    for i in range(n):
        t += steps[i]
        rows.append((i + 1, draw(author), EPOCH + dt.timedelta(minutes=t), draw(body)))
    return rows


def write_page(rows, *, newest_first: bool, crlf: bool) -> str:
    order = reversed(rows) if newest_first else rows
    blocks = [f"{t:%d.%m.%Y %H:%M} {a} {n}\n\n{text}" for n, a, t, text in order]
    page = f"Ein Artikel\n\n{len(rows)} Kommentare\n\n" + "\n\n".join(blocks) + "\n"
    return page.replace("\n", "\r\n") if crlf else page


@FUZZ
@given(rows=sections(), newest_first=st.booleans(), crlf=st.booleans())
def test_page_round_trip(rows, newest_first, crlf):
    page = write_page(rows, newest_first=newest_first, crlf=crlf)
    d = cg.read_page(page, tz="UTC")
    c = d.comments.sort_values("number")
    assert c["number"].tolist() == [r[0] for r in rows]
    assert c["author"].tolist() == [r[1] for r in rows]
    assert c["posted_at"].tolist() == [pd.Timestamp(r[2], tz="UTC") for r in rows]
    assert c["text"].tolist() == [r[3] for r in rows]
    assert d.problems.empty
    assert cg.check_accounting(cg.account_lines(page, d))


NOISE = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="0123456789.:@# \tUhrvonam|,-" + LETTERS[:6], max_size=40),
    st.builds(lambda d, m, y, h, mi, a, n: f"{d:02d}.{m:02d}.{y} {h:02d}:{mi:02d} {a} {n}".strip(),
              st.integers(0, 40), st.integers(0, 14), st.integers(1, 2100), st.integers(0, 30), st.integers(0, 70),
              st.one_of(st.just(""), author), st.one_of(st.just(""), st.integers(0, 10**10).map(str))),
    st.sampled_from(["", " ", "15 Kommentare", "Zuletzt aktualisiert: 28. Februar 2019, 19:56 Uhr",
                     "#3 Anna schrieb am 1. März 2019 um 10:05 Uhr", "Ben | 01.03.2019, 11:30", "@", "@ 12",
                     "\ufeff", "\x0c", "\u2028", "01.03.2019 11:", "01.03.2019"]),
)


@FUZZ
@given(lines=st.lists(NOISE, max_size=30), crlf=st.booleans())
def test_noise_pages_never_raise_and_every_line_is_accounted(lines, crlf):
    page = ("\r\n" if crlf else "\n").join(lines)
    try:
        d = cg.read_page(page)
    except cg.ReadError:
        return
    table = cg.account_lines(page, d)
    assert cg.check_accounting(table)
    assert len(table) == int(d.articles["lines"].iloc[0])


def section_frame(rows, with_parent: bool) -> pd.DataFrame:
    return pd.DataFrame({
        "comment_id": [f"c{n}" for n, *_ in rows],
        "author": [a for _, a, _, _ in rows],
        "posted_at": [pd.Timestamp(t, tz="UTC").isoformat() for _, _, t, _ in rows],
        "text": [text for *_, text in rows],
        "parent_id": [f"c{n - 1}" if with_parent and n > 1 else None for n, *_ in rows],
    })


@FUZZ
@given(rows=sections(), fmt=st.sampled_from(["csv", "json", "jsonl", "parquet"]), with_parent=st.booleans(),
       commas=st.booleans())
def test_table_round_trip(tmp_path_factory, rows, fmt, with_parent, commas):
    if commas:  # texts with commas, quotes and newlines, which CSV must quote
        rows = [(n, a, t, f'{text}, "so"\nwirklich') for n, a, t, text in rows]
    df = section_frame(rows, with_parent)
    p = tmp_path_factory.mktemp("rt") / f"t.{fmt}"
    if fmt == "csv":
        df.to_csv(p, index=False)
    elif fmt == "json":
        p.write_text(json.dumps(df.to_dict("records"), ensure_ascii=False), encoding="utf-8")
    elif fmt == "jsonl":
        df.to_json(p, orient="records", lines=True, force_ascii=False)
    else:
        df.to_parquet(p, index=False)
    d = cg.read_table(p, tz="UTC")
    c = d.comments
    assert c["comment_id"].tolist() == df["comment_id"].tolist()
    assert c["author"].tolist() == df["author"].tolist()
    assert c["text"].tolist() == df["text"].tolist()
    assert c["posted_at"].tolist() == [pd.Timestamp(t) for t in df["posted_at"]]
    assert c["parent_id"].fillna("-").tolist() == df["parent_id"].fillna("-").tolist()
    assert d.problems.empty
    assert cg.check_accounting(cg.account_rows(p, d))


CELL = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(), st.text(max_size=20),
                 st.sampled_from(["2019-03-01 10:00", "2019-03-01T10:00:00+01:00", "01.03.2019 10:00", "1551434700",
                                  "31.02.2019 10:00", "", "nan", "NaT", "1e400"]))


@FUZZ
@given(records=st.lists(st.fixed_dictionaries({"author": CELL, "posted_at": CELL, "text": CELL},
                                              optional={"comment_id": CELL, "number": CELL, "parent_id": CELL}),
                        max_size=8),
       fmt=st.sampled_from(["csv", "json", "frame"]))
def test_tables_with_any_values_never_raise_and_every_row_is_accounted(tmp_path_factory, records, fmt):
    if fmt == "frame":
        src = pd.DataFrame(records, columns=["author", "posted_at", "text"] if not records else None)
    else:
        src = tmp_path_factory.mktemp("any") / f"t.{fmt}"
        if fmt == "csv":
            pd.DataFrame(records, columns=["author", "posted_at", "text"] if not records else None).to_csv(
                src, index=False)
        else:
            src.write_text(json.dumps(records, default=str), encoding="utf-8")
    try:
        d = cg.read_table(src)
    except cg.ReadError:
        return
    assert cg.check_accounting(cg.account_rows(src, d))
