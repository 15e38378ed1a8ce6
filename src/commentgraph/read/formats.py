"""Table formats: CSV (delimiter sniffed, multi-line fields), JSON (nested replies flattened, API wrappers
unwrapped), JSON Lines, Parquet and Excel read into a raw frame, each row with the line it starts on."""

from __future__ import annotations

import csv
import io
import json
import re
import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import ReadError
from ..problems import Problems
from ..schema import scrub_surrogates
from ..sources import decode
from .columns import header_at
from .records import big_floats, flatten_json, json_lines, loads, normalize

TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
TABLE_SUFFIXES |= {".parquet": "parquet", ".pq": "parquet", ".xlsx": "excel", ".xlsm": "excel"}


_EXCEL_SEP = re.compile(r"sep=(?P<sep>[^\n\r])[ \t]*\r?\n")


_BLANK_LINE = re.compile(r"^[ \t]*$", re.MULTILINE)


def _cell(v):
    """A DataFrame cell made safe for a str column: lone surrogates scrubbed, bytes decoded (else repr)."""
    if isinstance(v, bytes | bytearray | memoryview):
        try:
            return decode(bytes(v))[0]
        except (ReadError, UnicodeError):
            return repr(bytes(v))
    return scrub_surrogates(v) if isinstance(v, str) else v


def _safe_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns made safe for str columns (see ``_cell``): only those that hold anything but str."""
    for col in df.columns[(df.dtypes == object).to_numpy()]:  # noqa: E721
        # Python strings may hold lone surrogates, which Arrow-backed str columns cannot
        df[col] = df[col].map(_cell)
    return df


def load(source, problems: Problems, columns: dict | None = None) -> pd.DataFrame:
    name = problems.source
    if isinstance(source, pd.DataFrame):
        return _safe_cells(source.copy())
    path = Path(source)
    if not path.exists():
        raise ReadError("no such file", source=name)
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ReadError(
            f"unknown table format '{path.suffix}' (use one of {', '.join(TABLE_SUFFIXES)}); "
            "for a copied comment page use read_page",
            source=name,
        )
    if kind == "parquet":
        try:
            # (memory-mapped: a plain read copies the file through read(2), which on some machines costs
            # more system time than the whole decode; the data are the same)
            df = pd.read_parquet(path, memory_map=True)
            for col in big_floats(df):  # whole numbers with nulls made floats: above 2**53 they lose digits
                whole = pq.read_table(path, columns=[col]).column(0)
                if pa.types.is_integer(whole.type):
                    df[col] = whole.to_pandas(types_mapper=lambda t: pd.Int64Dtype()).array
        except Exception as e:  # pyarrow raises many types for a broken file
            raise ReadError(f"not a readable Parquet file: {type(e).__name__}: {e}", source=name) from None
        return _safe_cells(df)  # (a binary column may hold bytes that are no UTF-8)
    if kind == "excel":
        return _read_excel(path, problems, columns)
    text = _decode(path.read_bytes(), problems)
    if not text.strip():
        raise ReadError("the file is empty", source=name)
    if kind in ("csv", "tsv"):
        text, sep = _preamble(*csv_text(text, tsv=kind == "tsv"), columns, problems)
        return _repeated_names(_read_csv(text, sep, problems), problems)
    if kind == "jsonl":
        records = json_lines(text, problems)
        if not records:
            raise ReadError("no JSON object found in the file", source=name)
        return normalize(records)
    try:
        obj = loads(text, problems)
    except json.JSONDecodeError as e:
        raise ReadError(f"not valid JSON: {e.msg}", source=name, line=e.lineno) from None
    except RecursionError:
        raise ReadError("JSON nested too deeply to be comment records", source=name) from None
    return normalize(flatten_json(obj, name, problems))


#: a character UTF-8 writes as more than one byte
_UTF8_SEQ = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
_HIGH_LINE = re.compile(rb"[^\n]*[\x80-\xff][^\n]*")


def _decode(data: bytes, problems: Problems) -> str:
    """A table file's text (see ``decode``), with a repair a notice names: lines in UTF-8 beside lines in cp1252 (a
    file appended to by two tools) are each decoded as written, where ``decode`` would read all as cp1252.
    (NUL bytes stay binary data, a ReadError: ``account_rows`` reads the file with ``decode`` too.)"""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        if _UTF8_SEQ.search(data) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            data = _mixed_lines(data, problems)
    return decode(data, problems.source)[0]


def _mixed_lines(data: bytes, problems: Problems) -> bytes:
    """``data`` with every line that is no UTF-8 decoded as cp1252, re-encoded as UTF-8 (only the lines with bytes
    above ASCII are looked at); a notice names them where other lines are UTF-8 with such bytes."""
    utf8, other, parts, at = 0, [], [], 0
    for m in _HIGH_LINE.finditer(data):
        line = m.group(0)
        try:
            line.decode("utf-8")
            utf8 += 1
            continue
        except UnicodeDecodeError:
            other.append(data.count(b"\n", 0, m.start()) + 1)
        parts += [data[at : m.start()], line.decode("cp1252", errors="commentgraph-latin1").encode("utf-8")]
        at = m.end()
    if not utf8:
        return data  # all cp1252: ``decode`` reads it so
    problems.add(
        "mixed_encoding",
        f"{utf8} line(s) are UTF-8 and {len(other)} line(s) are not ({', '.join(map(str, other[:5]))}): "
        "those read as cp1252",
        line=other[0],
        severity="notice",
    )
    return b"".join([*parts, data[at:]])


def _excel_cell(v):
    """An Excel cell as the text a CSV export of it holds: whole numbers without ``.0``, times in ISO."""
    if v is None or (isinstance(v, float) and v != v):
        return None
    if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
        return str(int(v))
    if hasattr(v, "isoformat"):
        return v.isoformat(sep=" ") if hasattr(v, "hour") else v.isoformat()
    return scrub_surrogates(str(v))


def _read_excel(path: Path, problems: Problems, columns=None) -> pd.DataFrame:
    """The sheet of an Excel workbook that holds comments, as strings with the row each record is on: the
    first sheet whose header names an author, a time and a text (as ``read_table`` looks for them; a header
    below report rows too, with a ``preamble`` notice), else the first sheet with rows; a notice names the
    sheet read when there are several."""
    try:
        sheets = pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
    except ImportError as e:
        raise ReadError(f"reading Excel needs openpyxl ({e})", source=problems.source) from None
    except Exception as e:  # openpyxl raises many types for a broken or encrypted file
        raise ReadError(f"not a readable Excel workbook: {type(e).__name__}: {e}", source=problems.source) from None
    filled = {k: df for k, df in sheets.items() if len(df.columns)}
    if not filled:
        raise ReadError("the workbook has no sheet with a header row", source=problems.source)

    def header(df) -> int | None:  # how many rows below the sheet's first the header is (0: the first)
        if header_at([list(df.columns)], columns) is not None:
            return 0
        at = header_at([list(r) for r in df.head(30).itertuples(index=False)], columns)
        return None if at is None else at + 1

    found = {k: at for k, df in filled.items() if (at := header(df)) is not None}
    name = next(iter(found), next(iter(filled)))
    raw, at = filled[name], found.get(name, 0)
    if at:
        problems.add(
            "preamble",
            f"rows 1-{at} of sheet {name!r} stand above the header on row {at + 1}; not read as rows",
            line=1,
            severity="notice",
        )
        raw = raw.iloc[at:].set_axis([_excel_cell(v) or "" for v in raw.iloc[at - 1]], axis=1)
    df = raw.map(_excel_cell).astype("str").where(raw.notna())
    df.columns = [str(c) for c in df.columns]
    df["_row_line"] = range(at + 2, len(df) + at + 2)  # (the first row below the header is the sheet's row at + 2)
    if len(sheets) > 1:
        problems.add(
            "excel_sheet", f"read sheet {name!r} of {len(sheets)} ({', '.join(map(repr, sheets))})", severity="notice"
        )
    return df


def _preamble(text: str, sep: str, columns, problems: Problems) -> tuple[str, str]:
    """``(text, delimiter)`` without lines above the header (each blanked: lines keep their numbers), where the
    first line names no comment columns and a later one does (``header_at``); a notice names the lines."""
    head = [line[:4096] for line in text.split("\n", 31)[:30]]  # (a header is short; a 10 MB line is no header)
    rows = [next(csv.reader([line], delimiter=sniff_delimiter(line)), []) for line in head]
    first = next((i for i, r in enumerate(rows) if r), None)
    if first is None or header_at(rows[first : first + 1], columns) is not None:
        return text, sep
    at = header_at(rows, columns)
    if at is None:
        return text, sep
    problems.add(
        "preamble",
        f"line(s) 1-{at} stand above the header on line {at + 1}; not read as rows",
        line=1,
        excerpt_text=" | ".join(line for line in head[:at] if line.strip()),
        severity="notice",
    )
    return "\n" * at + text.split("\n", at)[at], sniff_delimiter(head[at])


def csv_text(text: str, *, tsv: bool = False) -> tuple[str, str]:
    r"""``(text, delimiter)`` of a CSV file as read: Excel's ``sep=;`` first line names the delimiter (the
    line is blanked, not dropped, so every record keeps its line number); else it is sniffed.

    >>> csv_text("sep=;\na;b\n1;2\n")
    ('\na;b\n1;2\n', ';')
    """
    if excel := _EXCEL_SEP.match(text):
        return "\n" + text[excel.end() :], excel["sep"]
    return text, "\t" if tsv else sniff_delimiter(text)


def sniff_delimiter(text: str, candidates: str = ",;\t|") -> str:
    r"""The field delimiter of a CSV text, read from its header line (``;`` from German Excel), else ``,``.

    >>> sniff_delimiter("id;Autor;Datum;Text\n1;Ann;01.03.2019;Hallo, Welt\n"), sniff_delimiter("text\nHi\n")
    (';', ',')
    """
    header = next((line for line in text.split("\n") if line.strip()), "")
    try:
        sniffed = csv.Sniffer().sniff(header, delimiters=candidates).delimiter
    except csv.Error:
        sniffed = ","
    widths = {c: len(next(csv.reader([header], delimiter=c), [])) for c in candidates}
    best = max(widths.values(), default=1)
    if best <= 1:
        return ","
    if widths.get(sniffed, 0) == best:
        return sniffed
    return next(c for c in candidates if widths[c] == best)  # the sniffer's guess splits the header less


def _repeated_names(df: pd.DataFrame, problems: Problems) -> pd.DataFrame:
    """A notice for each header name written more than once (the later ones are kept as ``name.1``, ...)."""
    names = {str(c) for c in df.columns}
    for c in df.columns:
        base, dot, k = str(c).rpartition(".")
        if dot and k.isdigit() and base in names and k == "1":
            problems.add(
                "repeated_column",
                f"column name {base!r} appears more than once in the header; the first is read, later ones are "
                f"kept as {base + '.1'!r}, ...",
                line=1,
                severity="notice",
            )
    return df


def _read_csv(text: str, sep: str, problems: Problems) -> pd.DataFrame:
    """CSV text to a frame of strings with ``_row_line``, the line each record starts on.

    Plain files (no quotes, no blank lines, every line with the header's number of fields) go through
    pandas' C parser; anything else through the csv module, which knows where each record starts, so
    that quoted newlines, blank lines and rows with too few or too many fields keep their true lines.
    """
    body = text.rstrip("\n")
    if '"' not in body and not _BLANK_LINE.search(body):
        counts = pd.Series(body.split("\n"), dtype="str").str.count(re.escape(sep))
        if (counts == counts.iloc[0]).all():
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    df = pd.read_csv(
                        io.StringIO(body),
                        sep=sep,
                        dtype=str,
                        keep_default_na=False,
                        na_values=[""],
                        index_col=False,
                        engine="c",
                    )
                if df.columns.is_unique and not df.columns.str.match(r"^Unnamed: \d+$").any():
                    return df
            except (ValueError, Warning):  # pandas' ParserError is a ValueError: the csv module decides
                pass
    return _read_csv_records(text, sep, problems)


def _read_csv_records(text: str, sep: str, problems: Problems) -> pd.DataFrame:
    name = problems.source
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))
    records, starts, header, prev, last_start = [], [], None, 0, 0
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=False)
        for rec in reader:
            start, prev = prev + 1, reader.line_num
            last_start = start
            if not rec:
                continue  # an empty line
            if header is None:
                header = rec
                continue
            records.append(rec)
            starts.append(start)
    except csv.Error as e:
        raise ReadError(f"not a readable CSV file: {e}", source=name, line=prev + 1) from None
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        raise ReadError("the CSV file holds no header line", source=name, line=1)
    rest = "\n".join(text.split("\n")[last_start - 1 :])
    if rest.count('"') % 2:
        # the quote swallowed the rest of the file into one record: keep the rows before it
        if starts and starts[-1] == last_start:
            records.pop()
            starts.pop()
        elif header is not None and not records:
            header = None  # the header itself is the unterminated record
        opened = [i for i, ch in enumerate(rest) if ch == '"'][::2][-1]  # the quote left open
        quote_line = last_start + rest.count("\n", 0, opened)
        where = "" if quote_line == last_start else f" (opened on line {quote_line})"
        if header is None:
            raise ReadError(f"a quote opened in the header{where} is never closed", source=name, line=last_start)
        problems.add(
            "unterminated_quote",
            f"a quote opened in the record starting on line {last_start}{where} "
            f"is never closed; the rest of the file from line {last_start} was not read as rows",
            line=last_start,
            excerpt_text=rest[:120],
        )
    width = len(header)
    names, used = [], {}
    for h in header:  # duplicate names spelled as pandas does: a, a.1, a.2
        used[h] = used.get(h, -1) + 1
        names.append(h if used[h] == 0 else f"{h}.{used[h]}")
    extra = [None] * len(records)
    for i, rec in enumerate(records):
        if len(rec) > width:
            extra[i] = sep.join(rec[width:])
            problems.add(
                "extra_fields",
                f"{len(rec)} fields where the header has {width}; the extra ones are kept in column _extra_fields",
                line=starts[i],
                excerpt_text=extra[i],
            )
            records[i] = rec[:width]
        elif len(rec) < width:
            problems.add(
                "missing_fields",
                f"{len(rec)} fields where the header has {width}; the missing ones are NA",
                line=starts[i],
                excerpt_text=sep.join(rec),
            )
            records[i] = rec + [""] * (width - len(rec))
    df = pd.DataFrame(
        {n: pd.Series([r[j] for r in records], dtype="str") for j, n in enumerate(names)},
        index=pd.RangeIndex(len(records)),
    )
    df = df.mask(df == "")
    if any(e is not None for e in extra):
        df["_extra_fields"] = pd.Series(extra, dtype="str")
    df["_row_line"] = pd.array(starts, dtype="Int64")
    return df
