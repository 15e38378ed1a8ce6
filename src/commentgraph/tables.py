"""Read structured exports (CSV, JSON, JSON Lines, Parquet, a DataFrame) into tidy tables."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .discussion import Discussion, make_discussion
from .errors import ReadError
from .problems import Problems
from .read import columns as tcols
from .read import database
from .read import times
from .schema import DEFAULT_TZ, TIME_UNIT, scrub_surrogates
from .sources import decode
from .timeparse import DATETIME, combine, localize, slash_order

TABLE_SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
                  ".parquet": "parquet", ".pq": "parquet"}

#: our column -> source names tried (case-insensitive) when ``columns`` does not map it
CANDIDATES = {
    "comment_id": ["comment_id", "id", "ID", "commentid", "comment id", "post_id", "cid", "_key", "objectID",
                   "kommentar_id", "kommentar-id"],
    "article_id": ["article_id", "articleid", "article", "story_id", "thread_id_article", "url", "page",
                   "streamId", "link_id", "_article", "videoId", "video_id", "submission_id", "thread_id",
                   "artikel_id", "artikel-id", "artikel"],
    "number": ["number", "comment_number", "nr", "no", "index_on_page"],
    "author": ["author", "user_name", "username", "user", "name", "screen_name", "sender.name",
               "author_name", "commenter", "nickname", "by", "authorName", "authorDisplayName", "author_username",
               "autor", "nutzer", "nutzername", "benutzer", "benutzername", "verfasser", "author.name", "user.name",
               "author.username", "user.username", "user.screen_name"],
    "posted_at": ["posted_at", "posted_at_utc", "created_at", "created", "created_utc", "unix_timestamp", "timestamp",
                  "time", "date", "datetime", "post_time", "published", "published_at", "createdAt", "publishedAt",
                  "datum", "zeit", "zeitpunkt", "ts"],
    "text": ["text", "body", "comment", "comment_text", "commentText", "content", "message", "textOriginal",
             "textDisplay", "raw_message", "kommentar", "kommentartext", "nachricht", "inhalt"],
    "parent_id": ["parent_id", "parentID", "parent", "parentid", "in_reply_to", "reply_to", "parent_comment_id",
                  "_nest_parent", "isReplyToId", "isReplyTo", "in_reply_to_id", "parent_post", "antwort_auf",
                  "antwort auf", "antwort-auf", "eltern-id", "eltern_id", "elternid"],
    "title": ["title", "article_title", "headline", "story_title", "subject"],
}
REQUIRED = ("author", "posted_at", "text")
_RECORD_KEYS = ("comments", "data", "items", "results", "records", "posts", "children")
#: keys inside a record that hold its nested replies
_NEST_KEYS = ("replies", "children", "comments", "answers")
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$")
_PAGE_TIME = re.compile(rf"^\s*{DATETIME}\s*$")
_EXCEL_SEP = re.compile(r"sep=(?P<sep>[^\n\r])[ \t]*\r?\n")
_BLANK_LINE = re.compile(r"^[ \t]*$", re.MULTILINE)
#: largest whole number kept exactly (ids and numbers beyond it are not whole numbers we can trust)
_MAX_WHOLE = 2**53
#: epoch seconds that datetime64[us] and Python's datetime both hold (years 1..9999)
_EPOCH_RANGE = (-62135596800, 253402300799)


# ---------------------------------------------------------------- loading raw records

def _unwrap(rec: dict) -> dict:
    """A record whose comment sits inside a wrapper, lifted out: API resources keep their fields a level down.

    A YouTube ``commentThread`` becomes its top-level comment (its ``snippet`` fields at the top, the
    thread's ``videoId`` kept) with its ``replies.comments`` as nested replies; a YouTube ``comment``
    resource gets its ``snippet`` fields at the top; a Reddit API thing ``{"kind": "t1", "data": {...}}``
    becomes its ``data``. Anything else is returned as it is.

    >>> thread = {"id": "T", "snippet": {"videoId": "v", "topLevelComment": {"id": "T", "snippet": {
    ...     "authorDisplayName": "@ann", "textOriginal": "hi"}}},
    ...     "replies": {"comments": [{"id": "T.r", "snippet": {"parentId": "T", "authorDisplayName": "@ben"}}]}}
    >>> top = _unwrap(thread)
    >>> top["authorDisplayName"], top["videoId"], top["replies"][0]["parentId"], top["replies"][0]["videoId"]
    ('@ann', 'v', 'T', 'v')
    """
    snippet = rec.get("snippet")
    if isinstance(snippet, dict):
        top = snippet.get("topLevelComment")
        if isinstance(top, dict):
            out = _unwrap(top)
            for key, value in snippet.items():
                if key != "topLevelComment":
                    out.setdefault(key, value)
            replies = rec.get("replies")
            if isinstance(replies, dict):
                replies = replies.get("comments")
            if isinstance(replies, list):
                out["replies"] = [{**_unwrap(r), **({} if "videoId" in r.get("snippet", {}) or "videoId" not in out
                                                    else {"videoId": out["videoId"]})} if isinstance(r, dict) else r
                                  for r in replies]
            return out
        return {**{k: v for k, v in rec.items() if k != "snippet"}, **snippet}
    if set(rec) == {"kind", "data"} and isinstance(rec["data"], dict):
        out = {"kind": rec["kind"], **rec["data"]}
        replies = out.get("replies")
        if replies == "":
            del out["replies"]  # Reddit writes "" for no replies
        elif isinstance(replies, dict) and isinstance(replies.get("data"), dict):
            out["replies"] = replies["data"].get("children", [])  # a Listing
        return out
    return rec


def _flatten_json(obj, name: str, problems: Problems) -> list[dict]:
    """Records from JSON: a list, a dict holding a list, a dict of records; nested replies flattened."""
    out: list[dict] = []
    seen = [0]  # items walked so far: each record's row is its ordinal among them

    def walk_records(records, parent_key=None, article=None):
        for i, rec in enumerate(records):
            seen[0] += 1
            if not isinstance(rec, dict):
                problems.add("not_a_record", f"record {seen[0]} is a {type(rec).__name__}, not an object; "
                             "skipped", line=seen[0], excerpt_text=json.dumps(rec)[:120])
                continue
            rec = _unwrap(dict(rec))
            rec["_row_line"] = seen[0]
            children = None
            for key in _NEST_KEYS:
                v = rec.get(key)
                if children is None and (isinstance(v, list) and all(isinstance(x, dict) for x in v)
                                         or isinstance(v, dict) and v and all(isinstance(x, dict) for x in v.values())
                                         or key == "replies" and isinstance(v, list | dict)):
                    children = rec.pop(key)  # nested replies; any other value is an ordinary field
            if parent_key is not None:
                rec.setdefault("_nest_parent", parent_key)
            if article is not None:
                rec.setdefault("_article", article)
            out.append(rec)
            own = rec.get("ID", rec.get("id", rec.get("comment_id", rec.get("_key"))))
            if own is None and parent_key is not None:
                own = rec["_key"] = f"{parent_key}.{i}"  # nested reply without an id of its own
            if isinstance(children, list):
                walk_records(children, own, article)
            elif isinstance(children, dict):
                walk_records([{"_key": k, **v} if isinstance(v, dict) else v for k, v in children.items()],
                             own, article)

    def find(o, article=None) -> bool:
        if isinstance(o, list):
            walk_records(o, None, article)
            return True
        if not isinstance(o, dict):
            return False
        for key in _RECORD_KEYS:
            if isinstance(o.get(key), list):
                walk_records(o[key], None, article)
                return True
        dict_values = [v for v in o.values() if isinstance(v, dict)]
        if dict_values and len(dict_values) == len(o):
            # a dict keyed by id: either articles holding comment lists, or the comments themselves
            if all(any(isinstance(v.get(k), list) for k in _RECORD_KEYS) or "article" in v for v in dict_values):
                found = False
                for k, v in o.items():
                    found |= find(v.get("article", v), article=k)
                return found
            walk_records([{"_key": k, **v} for k, v in o.items()], None, article)
            return True
        if "article" in o:
            return find(o["article"], article)
        return False

    if not find(obj):
        raise ReadError(f"JSON holds no list of comment records (it is a {type(obj).__name__}; expected a list "
                        f"of objects, or an object with one of the keys {', '.join(_RECORD_KEYS)})",
                        source=name, line=1)
    if not out:
        raise ReadError(f"JSON holds no comment record (no object among its {seen[0]} items)", source=name,
                        line=1)
    return out


def _jsonable(v):
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return v


def _cell(v):
    """A DataFrame cell made safe for a str column: lone surrogates scrubbed, bytes decoded (else repr)."""
    if isinstance(v, bytes | bytearray | memoryview):
        try:
            return decode(bytes(v))[0]
        except (ReadError, UnicodeError):
            return repr(bytes(v))
    return scrub_surrogates(v) if isinstance(v, str) else v


def _load(source, problems: Problems) -> pd.DataFrame:
    name = problems.source
    if isinstance(source, pd.DataFrame):
        df = source.copy()
        for col in df.columns[(df.dtypes == object).to_numpy()]:
            # Python strings may hold lone surrogates, which Arrow-backed str columns cannot
            df[col] = df[col].map(_cell)
        return df
    path = Path(source)
    if not path.exists():
        raise ReadError("no such file", source=name)
    kind = TABLE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ReadError(f"unknown table format '{path.suffix}' (use one of {', '.join(TABLE_SUFFIXES)}); "
                        "for a copied comment page use read_page", source=name)
    if kind == "parquet":
        try:
            return pd.read_parquet(path)
        except Exception as e:  # pyarrow raises many types for a broken file
            raise ReadError(f"not a readable Parquet file: {type(e).__name__}: {e}", source=name) from None
    text, _ = decode(path.read_bytes(), name)
    if not text.strip():
        raise ReadError("the file is empty", source=name)
    if kind in ("csv", "tsv"):
        return _read_csv(*csv_text(text, tsv=kind == "tsv"), problems)
    if kind == "jsonl":
        records = []
        for i, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                problems.add("bad_json", f"not valid JSON: {e.msg}", line=i, excerpt_text=line)
                continue
            if not isinstance(rec, dict):
                problems.add("not_a_record", "a JSON line that is not an object", line=i, excerpt_text=line)
                continue
            rec["_row_line"] = i
            records.append(rec)
        if not records:
            raise ReadError("no JSON object found in the file", source=name)
        return _normalize(records)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        raise ReadError(f"not valid JSON: {e.msg}", source=name, line=e.lineno) from None
    return _normalize(_flatten_json(obj, name, problems))


def csv_text(text: str, *, tsv: bool = False) -> tuple[str, str]:
    r"""``(text, delimiter)`` of a CSV file as read: Excel's ``sep=;`` first line names the delimiter (the
    line is blanked, not dropped, so every record keeps its line number); else it is sniffed.

    >>> csv_text("sep=;\na;b\n1;2\n")
    ('\na;b\n1;2\n', ';')
    """
    if excel := _EXCEL_SEP.match(text):
        return "\n" + text[excel.end():], excel["sep"]
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
                    df = pd.read_csv(io.StringIO(body), sep=sep, dtype=str, keep_default_na=False,
                                     na_values=[""], index_col=False, engine="c")
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
    rest = "\n".join(text.split("\n")[last_start - 1:])
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
        problems.add("unterminated_quote", f"a quote opened in the record starting on line {last_start}{where} "
                     f"is never closed; the rest of the file from line {last_start} was not read as rows",
                     line=last_start, excerpt_text=rest[:120])
    width = len(header)
    names, used = [], {}
    for h in header:  # duplicate names spelled as pandas does: a, a.1, a.2
        used[h] = used.get(h, -1) + 1
        names.append(h if used[h] == 0 else f"{h}.{used[h]}")
    extra = [None] * len(records)
    for i, rec in enumerate(records):
        if len(rec) > width:
            extra[i] = sep.join(rec[width:])
            problems.add("extra_fields", f"{len(rec)} fields where the header has {width}; the extra ones are "
                         "kept in column _extra_fields", line=starts[i], excerpt_text=extra[i])
            records[i] = rec[:width]
        elif len(rec) < width:
            problems.add("missing_fields", f"{len(rec)} fields where the header has {width}; the missing ones "
                         "are NA", line=starts[i], excerpt_text=sep.join(rec))
            records[i] = rec + [""] * (width - len(rec))
    df = pd.DataFrame({n: pd.Series([r[j] for r in records], dtype="str") for j, n in enumerate(names)},
                      index=pd.RangeIndex(len(records)))
    df = df.mask(df == "")
    if any(e is not None for e in extra):
        df["_extra_fields"] = pd.Series(extra, dtype="str")
    df["_row_line"] = pd.array(starts, dtype="Int64")
    return df


def _normalize(records: list[dict]) -> pd.DataFrame:
    df = pd.json_normalize(records)
    for col in df.columns:
        if df[col].dtype == object and df[col].map(lambda v: isinstance(v, dict | list)).any():
            df[col] = df[col].map(_jsonable)
    return df


# ---------------------------------------------------------------- columns

def _resolve_columns(df: pd.DataFrame, columns: dict | None, name: str, line: int | None = None) -> dict[str, str]:
    columns = dict(columns or {})
    unknown = [ours for ours in columns if ours not in CANDIDATES]
    if unknown:
        raise ReadError(f"unknown target column(s) {unknown}: map OUR name -> the source's name, ours being "
                        f"{', '.join(CANDIDATES)}", source=name, line=line)
    missing_src = [f"{ours} -> {src!r}" for ours, src in columns.items() if src not in df.columns]
    if missing_src:
        raise ReadError(f"mapped column(s) not in the table: {', '.join(missing_src)}; the table has "
                        f"{', '.join(map(str, df.columns[:30]))}", source=name, line=line)
    if not df.columns.is_unique:
        dups = sorted({str(c) for c in df.columns[df.columns.duplicated()]})
        raise ReadError(f"column name(s) {', '.join(dups)} appear more than once", source=name, line=line)
    lower = {str(c).lower(): c for c in df.columns}
    used = set(columns.values())
    for ours, names in CANDIDATES.items():
        if ours in columns:
            continue
        for cand in names:
            src = lower.get(cand.lower())
            if src is not None and src not in used:
                if ours == "article_id" and len(df) and df[src].isna().mean() > 0.5:
                    continue  # filled on few rows (a story's url among its comments): not the article column
                columns[ours] = src
                used.add(src)
                break
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise ReadError(f"required column(s) {', '.join(missing)} not found; map them with "
                        f"columns={{'{missing[0]}': '<source column>'}}. The table has: "
                        f"{', '.join(map(str, df.columns[:30]))}", source=name, line=line)
    return columns


def _as_id(s: pd.Series, float_text: bool = True) -> pd.Series:
    """Ids as strings, verbatim: 2 stays '2' (never '2.0'); blank becomes NA.

    With ``float_text``, a column whose values are all written like ``1.0`` (pandas' ``to_csv`` of a
    whole-number column holding NaN) is read as the integer text: ``1.0`` becomes ``1``.
    """
    if pd.api.types.is_float_dtype(s.dtype):
        whole = s.dropna()
        if len(whole) and (whole == np.floor(whole)).all() and (whole.abs() < _MAX_WHOLE).all():
            s = s.astype("Int64")
    if pd.api.types.is_bool_dtype(s.dtype):
        s = s.astype(object)
    out = s.astype("str").where(s.notna())
    out = out.str.strip()
    out = out.where(out != "").astype("str")
    if float_text and out.notna().any() and out.dropna().str.fullmatch(r"-?\d+\.0").all():
        out = out.str.removesuffix(".0")
    return out


def relative_seconds(text) -> int | None:
    """Seconds before the scrape of a relative time (``7 hours ago``, ``vor 3 Tagen``), else None: the
    page reader's relative times (:mod:`commentgraph.read.times`), filling the whole cell.

    Months count 30 days and years 365.

    >>> relative_seconds("7 hours ago"), relative_seconds("vor einer Stunde"), relative_seconds("Feb 2, 2016")
    (25200, 3600, None)
    """
    m = times.EXPR.fullmatch(str(text).strip())
    return times.read(m).ago if m is not None and m["rel"] else None


def _times(raw: pd.Series, tz: str, epoch_unit: str | None, notes: list | None = None,
           dst: dict | None = None) -> tuple[pd.Series, np.ndarray]:
    """Parse a time column: epoch s/ms/us, ISO with or without offset (naive = local ``tz``), page formats.

    Slash dates (``03/01/2019 10:00``) are month first unless a day above 12 in the column says day
    first; when nothing decides, the doubt is appended to ``notes``. Local times that happen twice or
    never (daylight saving) are marked in ``dst["ambiguous"]`` / ``dst["shifted"]`` (see ``localize``)."""
    n = len(raw)
    dtype = pd.DatetimeTZDtype(unit=TIME_UNIT, tz=tz)
    out = pd.Series(pd.NaT, index=range(n), dtype=dtype)
    amb, shf = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    if dst is not None:
        dst.update(ambiguous=amb, shifted=shf)
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        s = raw.reset_index(drop=True)
        if s.dt.tz is None:
            stamps, amb[:], shf[:] = localize(s, tz)
            return stamps, np.zeros(n, bool)
        return s.dt.tz_convert(tz).astype(dtype), np.zeros(n, bool)
    s = raw.reset_index(drop=True)
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        num = pd.to_numeric(s, errors="coerce").astype("Float64")
        is_num = num.notna().to_numpy()
        text = pd.Series([None] * n, dtype="str")
    else:
        text = s.astype("str").where(s.notna()).str.strip()
        is_num = text.str.fullmatch(r"-?\d{9,19}(?:\.\d+)?").fillna(False).to_numpy(dtype=bool)
        num = pd.to_numeric(text.where(is_num), errors="coerce").astype("Float64")
    if is_num.any():
        vals = num[is_num]
        if epoch_unit:
            per = pd.Series({"s": 1, "ms": 1e3, "us": 1e6, "ns": 1e9}.get(epoch_unit, 1), index=vals.index)
        else:   # each value by its size: a column that mixes seconds and milliseconds reads right (and says so)
            size = vals.abs().to_numpy(dtype="float64", na_value=np.nan)
            per = pd.Series(np.select([size < 1e11, size < 1e14], [1.0, 1e3], 1e6), index=vals.index)
            if notes is not None and per.nunique() > 1:
                counts = per.map({1.0: "seconds", 1e3: "milliseconds", 1e6: "microseconds"}).value_counts()
                notes.append("epoch times in more than one unit, each read by its size: "
                             + ", ".join(f"{n:,} in {u}" for u, n in counts.items()))
        secs = vals / per
        micro = (vals * (1e6 / per)).where((secs >= _EPOCH_RANGE[0]) & (secs <= _EPOCH_RANGE[1]))  # else NaT: bad_time
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = pd.to_datetime(micro.astype("float64"), unit="us", utc=True, errors="coerce")
        out.loc[np.flatnonzero(is_num)] = parsed.dt.tz_convert(tz).astype(dtype).to_numpy()
    rest = ~is_num & text.notna().to_numpy()
    if rest.any():
        idx = np.flatnonzero(rest)
        t = text[rest]
        aware = t.str.contains(_OFFSET).fillna(False).to_numpy(dtype=bool)
        if aware.any():
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
                # a date without a time (``Feb 2, 2016``) is read as local midnight
                left = [i for i in left if i not in set(ok)]
                dates = pd.to_datetime(text.iloc[left], format="mixed", errors="coerce") if left else None
                if dates is not None and dates.notna().any():
                    keep = dates.notna().to_numpy()
                    stamps, _, _ = localize(dates[keep].astype(f"datetime64[{TIME_UNIT}]"), tz)
                    out.loc[np.asarray(left)[keep]] = stamps.to_numpy()
    bad = out.isna().to_numpy()
    return out, bad


# ---------------------------------------------------------------- parent ids

#: a type or namespace prefix on an id: Reddit's ``t1_``/``t3_``, ``comment-``, ``post:``
_ID_PREFIX = re.compile(r"^([A-Za-z][A-Za-z0-9]{0,15}[_:-])(?=\S)")


def _prefix(s: pd.Series) -> pd.Series:
    """The type prefix of each id (``t1_`` of ``t1_abc``), NA where it has none."""
    return s.str.extract(_ID_PREFIX, expand=False).astype("str")


def link_parents(parent: pd.Series, ids: pd.Series, article: pd.Series) -> tuple[pd.Series, dict]:
    """Parent ids made to name comment ids: type prefixes reconciled, a parent naming the article dropped.

    Decided from the data, and only where it resolves parents: a prefix on the parents
    (Reddit's ``t1_``) is dropped when the ids without it are comment ids; a prefix that every
    comment id carries is added to parents written without it. A parent equal to the comment's
    article id (Reddit's ``t3_<submission>`` = ``link_id``), with or without such a prefix, means
    the comment answers the article: no parent. Parents that name a comment in the data are
    never touched. Returns the parents and a dict saying what was done.

    >>> parent = pd.Series([None, "t1_a", "t3_s", "t1_zz"], dtype="str")
    >>> ids = pd.Series(["a", "b", "c", "d"], dtype="str")
    >>> out, how = link_parents(parent, ids, pd.Series(["s"] * 4, dtype="str"))
    >>> out.tolist()[1:], how["stripped_prefixes"], how["article_parents"]
    (['a', nan, 'zz'], ['t1_'], 1)
    """
    parent = parent.astype("str")
    how: dict = {"stripped_prefixes": [], "added_prefix": None, "article_parents": 0}
    known = pd.Index(ids.dropna().unique())
    open_ = parent.notna() & ~parent.isin(known)
    if not open_.any():
        return parent, how
    art = article.astype("str")
    art_bare = art.str.replace(_ID_PREFIX, "", n=1, regex=True)
    p_open = parent[open_]
    pre = _prefix(p_open)
    bare = p_open.str.replace(_ID_PREFIX, "", n=1, regex=True)
    a, a_bare = art[open_], art_bare[open_]
    names_article = ((p_open == a) | (bare == a) | (bare == a_bare) | (p_open == a_bare)).fillna(False)
    new = parent.copy()
    # (1) a prefix on the parents that, taken off, gives comment ids
    hits = bare.isin(known) & pre.notna()
    unused = []
    for px, grp in hits.groupby(pre, sort=True):
        n_named = int(grp.sum())
        if n_named and n_named * 2 >= int((~names_article[grp.index]).sum()):
            new.loc[grp.index] = bare[grp.index]  # the dangling ones too: the prefix is a type tag
            how["stripped_prefixes"].append(str(px))
        elif not n_named:
            unused.append(grp.index)
    # a prefix of another type than the comments' (t3_ beside t1_) naming one thing per article: the article
    for idx in unused if how["stripped_prefixes"] else []:
        if (bare[idx].groupby(art[idx], sort=False).nunique() == 1).all():
            names_article.loc[idx] = True
    # (2) a prefix every comment id carries, missing on the parents
    id_pre = _prefix(pd.Series(known, dtype="str"))
    if len(known) and id_pre.notna().all() and id_pre.nunique() == 1:
        px = id_pre.iloc[0]
        still = new[open_]
        still = still[~still.isin(known) & ~still.str.startswith(px)]
        if len(still):
            added = px + still
            ok = added.isin(known)
            if ok.sum() * 2 >= len(still):
                new.loc[still.index[ok.to_numpy()]] = added[ok]
                how["added_prefix"] = str(px)
    # (3) a parent that names the article: the comment answers the article, it has no parent
    drop = names_article & ~new[open_].isin(known)
    how["article_parents"] = int(drop.sum())
    new.loc[drop.index[drop.to_numpy()]] = pd.NA
    return new, how


# ---------------------------------------------------------------- HTML in texts

#: markup that says a text is HTML: a tag of the kinds comment systems write, or a character entity
_HTML_MARK = re.compile(r"<(?:p|br|a|i|b|em|strong|pre|code|blockquote|span|div|ul|li)\b[^>]*>|</[a-z]+>"
                        r"|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", re.IGNORECASE)


def html_to_text(text: pd.Series) -> pd.Series:
    r"""HTML comment texts as plain text: paragraphs and line breaks become newlines, tags go, entities are decoded.

    A link keeps the text it shows (Hacker News shows the address itself).

    >>> html_to_text(pd.Series(["Yes &amp; no<p>see <a href='https://x.org'>x.org</a> &#x2F; &gt; 2<br>ok"],
    ...                        dtype="str")).tolist()
    ['Yes & no\n\nsee x.org / > 2\nok']
    """
    out = text.str.replace(r"<br\s*/?>", "\n", regex=True, case=False)
    out = out.str.replace(r"\s*</p>\s*<p\b[^>]*>\s*|\s*<p\b[^>]*>\s*|\s*</p>\s*", "\n\n", regex=True, case=False)
    out = out.str.replace(r"<[^>]*>", "", regex=True)
    out = out.map(lambda s: html.unescape(s) if isinstance(s, str) and "&" in s else s, na_action="ignore")
    return out.astype("str").str.strip("\n")


# ---------------------------------------------------------------- the reader

def read_table(source, columns: dict | None = None, *, tz: str = DEFAULT_TZ, strict: bool = False,
               article_id: str | None = None, epoch_unit: str | None = None, scraped_at=None,
               resolver: dict | None = None, html_text: bool = False, table: str | None = None,
               query: str | None = None) -> Discussion:
    """Read a CSV, TSV, JSON, JSON Lines or Parquet export (or a DataFrame) into a Discussion.

    ``columns`` maps OUR column name to THE SOURCE's (``{"author": "user_name"}``); columns it does not
    map are looked for under common names (``CANDIDATES``). Required: author, posted_at, text; optional:
    comment_id, article_id, number, parent_id (an explicit parent), title. Times may be ISO strings (a
    naive one is local time in ``tz``), epoch seconds or milliseconds (UTC; ``epoch_unit`` forces one),
    or page-style times; relative times (``7 hours ago``, ``vor 3 Tagen``) are read against ``scraped_at``
    (when the page was scraped; without it they stay NaT with a problem row saying so), and get a
    ``relative_time`` notice because their precision is only the unit written. Source columns not
    mapped are kept after ours. Nested JSON replies are
    flattened, the nesting giving ``parent_id`` where no parent column exists; API resources that wrap
    a comment (YouTube ``commentThreads``/``comments``, Reddit ``{"kind", "data"}`` things) are unwrapped.
    A naive time in a column named for UTC (``created_utc``) is UTC.

    Parent ids are reconciled with the comment ids by ``link_parents``: a type prefix such as Reddit's
    ``t1_`` is dropped where that resolves them, and a parent naming the comment's article (Reddit's
    ``t3_...`` = ``link_id``) means a top-level comment (no parent); ``d.settings["parent_ids"]`` says what
    was done. Parents still naming no comment in the table get one ``dangling_parent`` notice.

    ``text`` stays verbatim, HTML and all; where a quarter or more of the texts hold HTML markup
    (Hacker News, YouTube's ``textDisplay``, Disqus) an ``html_text`` notice says so, and
    ``html_text=True`` turns the markup into plain text (``html_to_text``).

    Databases: a SQLite file (``.sqlite``, ``.db``; ``table="comments"`` or ``query="select ..."``), a
    SQLAlchemy URL, a DuckDB file, relation or connection (see :mod:`commentgraph.read.database`); rows
    are fetched in chunks, and a problem row's ``line`` is the row of the result.

    >>> import pandas as pd, commentgraph as cg
    >>> df = pd.DataFrame({"id": [1, 2], "user": ["Ann", "Ben"], "ts": [1551434700, 1551438300],
    ...                    "body": ["Hi", "@Ann no"], "reply_to": [None, 1]})
    >>> d = cg.read_table(df, columns={"comment_id": "id", "author": "user", "posted_at": "ts",
    ...                                "text": "body", "parent_id": "reply_to"})
    >>> d.comments[["comment_id", "parent_id"]].values.tolist()
    [['1', nan], ['2', '1']]
    >>> str(d.comments["posted_at"].iloc[0])
    '2019-03-01 11:05:00+01:00'
    """
    db_name = None
    if database.is_database(source, table, query):  # rows of a table or query, with their row numbers
        db_name, article_id = database.describe(source, table, query), article_id or database.stem(source, table)
        source = database.load(source, table=table, query=query)
    name = db_name or ("<DataFrame>" if isinstance(source, pd.DataFrame) else str(source))
    if not isinstance(source, pd.DataFrame | str | Path):
        raise ReadError(f"cannot read a {type(source).__name__} as a table; give a path or a DataFrame")
    probs = Problems(name, strict=strict)
    raw = _load(source, probs)
    if raw.empty and len(raw.columns) == 0:
        raise ReadError("the table has no columns", source=name)
    raw = raw.reset_index(drop=True)
    cols = _resolve_columns(raw, columns, name, line=None if isinstance(source, pd.DataFrame) else 1)
    n = len(raw)
    is_csv = isinstance(source, str | Path) and TABLE_SUFFIXES.get(Path(source).suffix.lower()) in ("csv", "tsv")
    if "_row_line" in raw.columns:
        rows = raw["_row_line"].astype("Int64").to_numpy()
    else:
        rows = np.arange(n) + (2 if is_csv else 1)  # CSV: the header is line 1

    default_article = article_id or (Path(name).stem if name != "<DataFrame>" else "table")
    art = (_as_id(raw[cols["article_id"]], float_text=False).fillna(default_article) if "article_id" in cols
           else pd.Series([default_article] * n, dtype="str"))
    author = raw[cols["author"]].astype("str").where(raw[cols["author"]].notna()).str.strip()
    author = author.where(author != "")
    text = raw[cols["text"]].astype("str").where(raw[cols["text"]].notna())
    # one scan of all texts for the few that need more (a scan costs ~0.6 s at a million texts):
    # line ends to normalise, and '<' or '&' that could start markup
    maybe = tcols.contains(text, "[\r<&]")
    if maybe.any():
        text = text.copy()
        text[maybe] = text[maybe].str.replace(r"\r\n?", "\n", regex=True)
    # a column named for UTC (created_utc, posted_at_utc) holds UTC times even when written without an offset
    naive_tz = "UTC" if re.search(r"utc", str(cols["posted_at"]), re.IGNORECASE) else tz
    notes: list[str] = []
    dst: dict = {}
    posted, bad_time = _times(raw[cols["posted_at"]], naive_tz, epoch_unit, notes, dst)
    for note in notes:
        probs.add("epoch_units" if note.startswith("epoch") else "date_order", note, severity="notice")
    written = raw[cols["posted_at"]].reset_index(drop=True)
    for i in np.flatnonzero(dst["ambiguous"]):   # as the page reader says it
        probs.add("ambiguous_time", f"{str(written.iloc[i])!r} happens twice ({naive_tz} falls back); read as "
                  "the first (summer-time) occurrence", line=int(rows[i]), severity="notice")
    for i in np.flatnonzero(dst["shifted"]):
        probs.add("nonexistent_time", f"{str(written.iloc[i])!r} does not exist in {naive_tz} (clocks spring "
                  "forward); shifted to the next valid time", line=int(rows[i]), severity="notice")
    if naive_tz != tz:
        posted = posted.dt.tz_convert(tz)
    scrape = None
    if scraped_at is not None:
        try:
            scrape = pd.Timestamp(scraped_at)
            scrape = scrape.tz_localize(tz) if scrape.tzinfo is None else scrape.tz_convert(tz)
        except (ValueError, TypeError) as e:
            raise ReadError(f"scraped_at {scraped_at!r} is not a time: {e}", source=name) from None
    for i in np.flatnonzero(bad_time):
        val = raw[cols["posted_at"]].iloc[i]
        ago = None if pd.isna(val) else relative_seconds(val)
        if ago is not None and scrape is not None:
            posted.iloc[i] = scrape - pd.Timedelta(seconds=ago)
            probs.add("relative_time", f"relative time {str(val)!r} read as {ago} s before scraped_at; "
                      "precise only to its unit", line=int(rows[i]), excerpt_text=str(val), severity="notice")
            continue
        if ago is not None:
            what = f"relative ({str(val)[:40]!r}); pass scraped_at= to read it"
        else:
            what = "missing" if pd.isna(val) or str(val).strip() == "" else f"unreadable ({str(val)[:40]!r})"
        probs.add("bad_time", f"time {what}; posted_at is NaT, the comment is kept", line=int(rows[i]),
                  excerpt_text=str(val))
    for i in np.flatnonzero(author.isna().to_numpy()):
        probs.add("missing_author", "no author; kept with author NA", line=int(rows[i]), severity="notice")
    for i in np.flatnonzero(text.isna().to_numpy()):
        probs.add("missing_text", "no text; kept with an empty text", line=int(rows[i]), severity="notice")
    text = text.fillna("")
    marked = pd.Series(False, index=text.index)
    if maybe.any():  # the markup regex only where a '<' or '&' could start it: it is slow on a million texts
        marked[maybe] = text[maybe].str.contains(_HTML_MARK).to_numpy(dtype=bool)
    if html_text:
        text = text.where(~marked, html_to_text(text))
    elif int(marked.sum()) >= 2 and marked.mean() >= 0.25:
        first = text[marked].iloc[0]
        m = _HTML_MARK.search(first)
        probs.add("html_text", f"{int(marked.sum()):,} of {n:,} texts hold HTML markup (e.g. {m.group(0)!r}); kept "
                  "verbatim, read_table(..., html_text=True) gives plain text", line=int(rows[marked.to_numpy()][0]),
                  excerpt_text=first, severity="notice")

    number = pd.Series(pd.NA, index=range(n), dtype="Int64")
    if "number" in cols:
        src = raw[cols["number"]]
        if not (pd.api.types.is_numeric_dtype(src.dtype) and not pd.api.types.is_bool_dtype(src.dtype)):
            src = src.astype("str").where(src.notna()).str.strip()
        num = pd.to_numeric(src, errors="coerce").astype("Float64")
        wild = num.isna() | (num.abs() >= _MAX_WHOLE) | (num != np.floor(num.fillna(0)))
        badnum = (src.notna() & wild.fillna(True)).to_numpy(dtype=bool)
        for i in np.flatnonzero(badnum):
            probs.add("bad_number", f"number {raw[cols['number']].iloc[i]!r} is not a whole number",
                      line=int(rows[i]))
        number = num.where(~badnum).astype("Int64")

    if "comment_id" in cols:
        ids = _as_id(raw[cols["comment_id"]])
        for i in np.flatnonzero(ids.isna().to_numpy()):
            probs.add("missing_id", "no comment id; one was made from the row", line=int(rows[i]))
        if ids.isna().any():
            ids = ids.fillna(pd.Series([f"{a}/row{r}" for a, r in zip(art, rows)], dtype="str"))
    else:
        ids = pd.Series([f"{a}/row{r}" for a, r in zip(art, rows)], dtype="str")
    written = ids
    dup = tcols.repeated(ids)
    if dup.any():
        in_article = tcols.repeated(ids, art)
        seen: dict[str, int] = {}
        new = ids.tolist()
        for i, cid in enumerate(new):
            seen[cid] = seen.get(cid, 0) + 1
            if dup[i]:
                new[i] = f"{cid}~{seen[cid]}"
                if in_article[i]:
                    probs.add("duplicate_id", f"comment id {cid!r} appears more than once in article {art[i]!r}; "
                              f"this one is kept as {new[i]!r} (parents naming {cid!r} point to the first)",
                              line=int(rows[i]))
                else:
                    probs.add("duplicate_id", f"comment id {cid!r} is used in more than one article (ids are per "
                              f"article); this one is kept as {new[i]!r}, parents in article {art[i]!r} naming "
                              f"{cid!r} point to it", line=int(rows[i]), severity="notice")
        ids = pd.Series(new, dtype="str")

    if "parent_id" in cols:
        parent = _as_id(raw[cols["parent_id"]])
        if "_nest_parent" in raw.columns and cols["parent_id"] != "_nest_parent":
            parent = parent.fillna(_as_id(raw["_nest_parent"]))  # a nested reply without an explicit parent
        as_written = parent
        parent, parent_how = link_parents(parent, written, art)
        if dup.any():
            # a parent id names a comment of the same article first, else the first comment with that id
            own = {}
            for a, w, c in zip(art, written, ids):
                own.setdefault((a, w), c)
            parent = pd.Series([p if pd.isna(p) else own.get((a, p), p) for a, p in zip(art, parent)],
                               dtype="str")
        selfp = (parent == ids).fillna(False).to_numpy(dtype=bool)
        for i in np.flatnonzero(selfp):
            probs.add("self_parent", "a comment names itself as parent; parent dropped", line=int(rows[i]))
        parent = parent.where(~selfp)
        dangling = parent.notna() & ~parent.isin(pd.Index(ids))
        if dangling.any():
            examples = ", ".join(repr(x) for x in as_written[dangling].drop_duplicates().head(3))
            probs.add("dangling_parent", f"{int(dangling.sum()):,} of {int(parent.notna().sum()):,} parent ids are not "
                      f"comment ids in this table (e.g. {examples}): their reply edges dangle",
                      excerpt_text=examples, severity="notice")
    else:
        parent = tcols.null_str(n)
        parent_how = {}

    position = art.groupby(art, sort=False).cumcount().astype("Int64")
    comments = pd.DataFrame({
        "comment_id": ids, "article_id": art, "number": number, "author": author, "posted_at": posted,
        "text": text, "parent_id": parent, "line": tcols.null_int(n),
        "position": position, "row": pd.array(rows, dtype="Int64"),
    })
    ours = set(cols.values()) | {"_row_line"}
    for col in raw.columns:
        if col in ours:
            continue
        target = f"source_{col}" if col in comments.columns else str(col)
        comments[target] = raw[col].to_numpy()

    titles = raw[cols["title"]].astype("str") if "title" in cols else tcols.null_str(n)
    g = pd.DataFrame({"article_id": art, "title": titles}).groupby("article_id", sort=False)
    articles = pd.DataFrame({
        "article_id": g.size().index.astype("str"),
        "title": g["title"].first().to_numpy(),
        "updated_at": pd.NaT,
        "declared_comments": pd.array([pd.NA] * g.ngroups, dtype="Int64"),
        "parsed_comments": g.size().to_numpy(),
        "source": name,
        "encoding": None,
    })
    if n == 0:
        probs.add("no_comments", "the table has no rows")
    settings = {"tz": tz, "reader": "read_table", "columns": cols, "resolver": dict(resolver or {}),
                "parent_ids": parent_how}
    return make_discussion(articles, comments, probs.frame(), settings=settings)
