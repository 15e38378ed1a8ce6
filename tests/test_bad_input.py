"""Bad input: every file in tests/data/bad gives its expected problems rows or a ReadError naming file and
line, never another exception; every line or row is accounted for; adversarial pages read in bounded time."""

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import commentgraph as cg

BAD = Path(__file__).parent / "data" / "bad"
NA = None

# file: ("read", n_comments, [(kind, line), ...] in the problems table's order) or ("error", line, pattern)
EXPECTED = {
    "empty.txt": ("read", 0, [("empty", NA)]),
    "whitespace.txt": ("read", 0, [("empty", NA)]),
    "binary.txt": ("error", 1, "binary data"),
    "binary_no_nul.txt": ("error", 1, "binary data"),
    "png_renamed.txt": ("error", 1, "PNG"),
    "cp1252.txt": ("read", 2, []),
    "latin1.txt": ("read", 2, []),
    "utf16_bom.txt": ("read", 2, []),
    "mixed_endings.txt": ("read", 2, []),
    "truncated_header.txt": ("read", 1, [("truncated_header", 5)]),
    "impossible_dates.txt": ("read", 2, [("impossible_date", 1), ("impossible_date", 5)]),
    "no_author.txt": ("read", 2, [("missing_author", 5)]),
    "numbers_out_of_order.txt": ("read", 4, [("numbers_out_of_order", 9)]),
    "duplicate_numbers.txt": ("read", 2, [("duplicate_number", 5)]),
    "header_like_body.txt": ("read", 1, [("header_like_line", 4)]),
    "missing_column.csv": ("error", 1, "required column.*posted_at"),
    "extra_columns.csv": ("read", 2, [("extra_fields", 2)]),
    "missing_fields.csv": ("read", 2, [("missing_fields", 2), ("missing_text", 2)]),
    "wrong_types.csv": ("read", 2, [("bad_time", 2), ("bad_number", 2), ("bad_number", 3)]),
    "quoted_newlines.csv": ("read", 2, [("bad_time", 5)]),
    "unclosed_quote.csv": ("read", 0, [("unterminated_quote", 2), ("no_comments", NA)]),
    "not_a_list.json": ("error", 1, "no list of comment records"),
    "scalar.json": ("error", 1, "no list of comment records"),
    "broken.json": ("error", 2, "not valid JSON"),
    "records_not_objects.json": ("read", 1, [("not_a_record", 1), ("not_a_record", 3), ("not_a_record", 4)]),
    "lines_mixed.jsonl": ("read", 2, [("not_a_record", 2), ("bad_json", 3)]),
}


def read_any(path):
    return cg.read_page(path) if Path(path).suffix == ".txt" else cg.read_table(path)


def account(path, d):
    return cg.account_lines(path, d) if Path(path).suffix == ".txt" else cg.account_rows(path, d)


def test_every_bad_file_has_an_expected_outcome():
    on_disk = {p.name for p in BAD.iterdir() if p.suffix != ".py"}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_outcome(name):
    path = BAD / name
    want = EXPECTED[name]
    if want[0] == "error":
        _, line, pattern = want
        with pytest.raises(cg.ReadError, match=pattern) as info:
            read_any(path)
        assert str(path) in str(info.value) and info.value.line == line
        assert f"line {line}:" in str(info.value)
        return
    _, n, problems = want
    d = read_any(path)
    assert len(d.comments) == n
    got = [(k, None if pd.isna(ln) else int(ln)) for k, ln in zip(d.problems["kind"], d.problems["line"])]
    assert got == problems
    assert (d.problems["source"] == str(path)).all()
    assert cg.check_accounting(account(path, d))


def test_encodings_give_the_same_comments():
    plain = cg.read_page(BAD / "latin1.txt")
    for name in ("cp1252.txt", "utf16_bom.txt", "mixed_endings.txt"):
        d = cg.read_page(BAD / name)
        assert d.comments["author"].tolist() == ["Jürgen Größe", "Ben"]
        assert d.comments["line"].tolist() == plain.comments["line"].tolist() == [5, 9]
    assert cg.read_page(BAD / "cp1252.txt").comments["text"].iloc[0].endswith("für 5 €")


def test_kept_comments_keep_their_text():
    d = cg.read_page(BAD / "truncated_header.txt")
    assert d.comments["text"].iloc[0] == "Erster Text\n\n01.03.2019 11:"  # the broken header stays visible
    d = cg.read_page(BAD / "no_author.txt")
    assert d.comments["number"].tolist() == [1, 2] and pd.isna(d.comments["author"].iloc[1])
    assert d.comments["text"].tolist() == ["Erster Text", "Zweiter Text"]
    d = cg.read_page(BAD / "header_like_body.txt")
    assert "01.03.2019 um 11 Uhr am Markt?\nBis dann" in d.comments["text"].iloc[0]
    d = cg.read_table(BAD / "quoted_newlines.csv")
    assert d.comments["text"].tolist() == ["Zeile eins\nZeile zwei, mit Komma", 'Er sagte "ja"']
    assert d.comments["row"].tolist() == [2, 5]
    d = cg.read_table(BAD / "extra_columns.csv")
    assert d.comments["_extra_fields"].tolist()[0] == "und,mehr"


def test_strict_raises_at_the_first_error_with_file_and_line():
    with pytest.raises(cg.ReadError, match=r"no_author.txt, line 5: missing_author"):
        cg.read_page(BAD / "no_author.txt", strict=True)
    with pytest.raises(cg.ReadError, match=r"extra_columns.csv, line 2: extra_fields"):
        cg.read_table(BAD / "extra_columns.csv", strict=True)


def test_ten_megabyte_single_line(tmp_path):
    p = tmp_path / "long.txt"
    p.write_bytes(b"01.03.2019 10:00 Anna 1\n\n" + b"ha " * 3_500_000 + b"\n")
    t0 = time.perf_counter()
    d = cg.read_page(p)
    assert time.perf_counter() - t0 < 10
    assert len(d.comments) == 1 and len(d.comments["text"].iloc[0]) == 3 * 3_500_000 - 1
    assert cg.check_accounting(cg.account_lines(p, d))
    csv = tmp_path / "long.csv"
    csv.write_bytes(b'author,posted_at,text\nAnna,2019-03-01 10:00,"' + b"x," * 5_000_000 + b'"\n')
    d = cg.read_table(csv)
    assert len(d.comments["text"].iloc[0]) == 10_000_000


def test_parquet_with_other_types(tmp_path):
    df = pd.DataFrame({"author": [1, 2, 3], "posted_at": [True, False, None], "text": [1.5, None, 3.0],
                       "number": [np.inf, 2.0, 1e30], "comment_id": [1.0, 2.0, 2.0]})
    p = tmp_path / "types.parquet"
    df.to_parquet(p)
    d = cg.read_table(p)
    assert d.comments["author"].tolist() == ["1", "2", "3"]
    assert d.comments["comment_id"].tolist() == ["1", "2", "2~2"]
    assert d.comments["number"].tolist()[1] == 2 and d.comments["number"].isna().sum() == 2
    kinds = d.problems["kind"].tolist()
    assert kinds.count("bad_time") == 3 and kinds.count("bad_number") == 2 and "duplicate_id" in kinds
    assert cg.check_accounting(cg.account_rows(p, d))
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(p.read_bytes()[:60])
    with pytest.raises(cg.ReadError, match="broken.parquet"):
        cg.read_table(broken)


@pytest.mark.parametrize("frame", [
    pd.DataFrame([[1, 2, 3, 4]], columns=["author", "author", "posted_at", "text"]),
    pd.DataFrame({"author": ["A"], "posted_at": [9 * 10**18], "text": ["x"]}),
    pd.DataFrame({"author": ["A"], "posted_at": ["9" * 30], "text": ["x"], "comment_id": [1e300]}),
], ids=["duplicate-columns", "epoch-out-of-range", "huge-values"])
def test_frames_with_odd_values_never_raise_other_errors(frame):
    try:
        d = cg.read_table(frame)
    except cg.ReadError as e:
        assert "<DataFrame>" in str(e)
        return
    assert len(d.comments) == len(frame) and d.comments["posted_at"].isna().all()
    assert cg.check_accounting(cg.account_rows(frame, d))


ADVERSARIAL = {
    "10MB one line": lambda: "a" * 10_000_000,
    "100k-char header": lambda: "01.03.2019 10:00 " + "Anna " * 20_000 + "1\n\nx\n",
    "lines of dates only": lambda: "01.03.2019 10:00 Anna 1\n\n" + "01.03.2019\n" * 300_000,
    "lines of date and time": lambda: "01.03.2019 10:00 Anna\n" * 200_000,
    "digits ending in a time": lambda: ("1" * 70 + " 10:00\n") * 100_000,
    "repeated update labels": lambda: "Zuletzt aktualisiert: " * 200_000,
    "declared counts only": lambda: "15 Kommentare\n" * 200_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_pages_read_in_bounded_time(name):
    text = ADVERSARIAL[name]()
    t0 = time.process_time()   # (CPU time: a linear reading takes ~1-5 s, a runaway regex minutes)
    d = cg.read_page(text)
    assert time.process_time() - t0 < 10, name
    assert cg.check_accounting(cg.account_lines(text, d))


def test_no_eval_or_pickle_in_the_readers():
    src = Path(cg.__file__).parent
    for mod in ("pages.py", "tables.py", "sources.py", "problems.py", "timeparse.py", "accounting.py"):
        code = (src / mod).read_text(encoding="utf-8")
        for word in ("eval(", "exec(", "pickle", "read_pickle", "allow_pickle=True"):
            assert word not in code, (mod, word)


def test_semicolon_csv_with_a_multiline_field_is_accounted_row_by_row(tmp_path):
    p = tmp_path / "semi.csv"
    p.write_text('id;user;time;body\n1;Anna;2019-03-01 10:00;"Hallo\nzweite Zeile"\n2;Ben;2019-03-01 11:00;Ja\n',
                 encoding="utf-8")
    d = cg.read_table(p, columns={"comment_id": "id", "author": "user", "posted_at": "time", "text": "body"})
    assert d.comments["text"].tolist() == ["Hallo\nzweite Zeile", "Ja"]
    assert cg.check_accounting(cg.account_rows(p, d))


@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_lone_surrogate_escapes_in_json_are_replaced_and_reported(tmp_path, suffix):
    # "\ud800" is valid JSON but no Unicode text: no str column holds it, pandas raised from deep inside
    rows = ['{"author": "Anna\\ud800", "text": "ja \\udc00", "posted_at": "2024-01-01T10:00:00Z"}',
            '{"author": "Ben", "text": "@Anna nein \\ud83d\\ude00", "posted_at": "2024-01-01T11:00:00Z"}']
    p = tmp_path / f"x{suffix}"
    p.write_text("[" + ",\n".join(rows) + "]" if suffix == ".json" else "\n".join(rows) + "\n", encoding="utf-8")
    d = cg.read_table(p)
    assert d.comments["author"].tolist() == ["Anna\ufffd", "Ben"]
    assert d.comments["text"].tolist() == ["ja \ufffd", "@Anna nein \U0001F600"]
    bad = d.problems[d.problems["kind"] == "bad_text"]
    assert bad["line"].tolist() == [1] and "U+FFFD" in bad["message"].iloc[0]


def test_json_nested_too_deeply_is_a_read_error_or_a_problems_row(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    p = tmp_path / "deep.json"
    p.write_text(deep, encoding="utf-8")
    with pytest.raises(cg.ReadError, match="nested too deeply"):
        cg.read_table(p)
    p = tmp_path / "deep.jsonl"
    p.write_text('{"author": "A", "text": "x", "posted_at": "2024-01-01"}\n' + deep + "\n", encoding="utf-8")
    d = cg.read_table(p)
    assert len(d.comments) == 1
    # (the date alone is read as midnight, with a notice)
    assert sorted(d.problems[["line", "kind"]].values.tolist()) == [[1, "date_only"], [2, "bad_json"]]
