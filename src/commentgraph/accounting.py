"""Line and row accounting: proof that a reader kept every line of its input somewhere.

Every line of a page is article text, a comment's header, a line of a comment's body, or the line of a
problems row; every row of a table is a comment or a problems row. :func:`account_lines` and
:func:`account_rows` check that from the input and the Discussion read from it, independently of how
the reader found its comments: they re-cut the input at the lines the Discussion names and compare
what they find with what the Discussion holds.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd

from .discussion import Discussion
from .errors import ReadError
from .sources import decode

_LEADING_BLANK = re.compile(r"\A(?:[ \t]*\n)+")


class AccountingError(AssertionError):
    """Some input line or row is not accounted for: a reader lost or invented something."""


def _pick_article(d: Discussion, name: str, article_id: str | None) -> str:
    a = d.articles
    if article_id is not None:
        return article_id
    if len(a) == 1:
        return str(a["article_id"].iloc[0])
    hit = a.loc[a["source"] == name, "article_id"]
    if len(hit) != 1:
        raise ValueError(f"the Discussion holds {len(a)} articles; name one with article_id=")
    return str(hit.iloc[0])


def _problem_kinds(problems: pd.DataFrame, name: str, numbers) -> pd.Series:
    p = problems.loc[(problems["source"] == name) & problems["line"].notna(), ["line", "kind"]]
    kinds = p.groupby("line")["kind"].agg(lambda k: ",".join(dict.fromkeys(k)))
    return pd.Series(kinds.reindex(numbers).to_numpy(), index=range(len(numbers)), dtype="str")


def _table(numbers, part, owner, problem, reason, key: str) -> pd.DataFrame:
    reason = pd.Series(reason, dtype="str")
    return pd.DataFrame({
        key: pd.array(numbers, dtype="Int64"), "part": pd.Series(part, dtype="str"),
        "comment_id": pd.Series(owner, dtype="str"), "problem": problem,
        "accounted": reason.isna().to_numpy(), "reason": reason,
    })


def _chrome(c: pd.DataFrame) -> list:
    """Per comment, the lines a page reader moved out of its text (buttons, quotes, a time line after the
    body): they stand among its body lines without being its text."""
    cols = [c[k] if k in c.columns else pd.Series([None] * len(c), dtype="str")
            for k in ("ui_text", "quoted_text", "posted_text")]
    out = []
    for ui, quoted, posted in zip(*cols):
        got = set()
        for v in (ui, quoted):
            if isinstance(v, str):
                got.update(x.strip() for x in v.split("\n"))
        out.append(_Chrome(got, str(posted) if isinstance(posted, str) else None))
    return out


class _Chrome(frozenset):
    """Stripped lines moved out of a comment's text, and the line that holds its written time."""

    def __new__(cls, lines, posted):
        self = super().__new__(cls, lines)
        self.posted = posted
        return self

    def __bool__(self) -> bool:
        return len(self) > 0 or bool(self.posted)

    def __contains__(self, line) -> bool:
        return super().__contains__(line) or bool(self.posted and self.posted in line)


def _text_in_header(line: str, got: str, want: str, author, posted) -> str:
    """The text a comment's lines give where its header line opens with the text's first line and holds
    nothing after it but the author, the written time and marks between them (a one-line comment:
    ``text – NAME Mar 5, 2019 at 14:02``), else ``got``."""
    first, line = want.split("\n", 1)[0].strip(), line.strip()
    if not first or not posted or not line.startswith(first):
        return got
    rest = line[len(first):]
    for part in (str(posted), str(author) if pd.notna(author) else ""):
        if part not in rest:
            return got
        rest = rest.replace(part, " ", 1)
    if re.search(r"\w", rest):   # (a text cut short: its words stand between it and the name)
        return got
    return first + ("\n" + got if got else "")


def account_lines(source, d: Discussion | None = None, *, article_id: str | None = None) -> pd.DataFrame:
    """One row per line of a page: ``line``, ``part`` (article, header, body or problem), ``comment_id``,
    ``problem`` (kinds of the problems rows on that line), ``accounted`` and ``reason`` (why not).

    ``d`` is the Discussion read from ``source`` (read with :func:`read_page` when None). A header's
    lines (one, or ``header_lines`` of them: an author line and a date line) must show its comment's
    author and number; the body lines (up to the comment's ``last_line``) must
    give its ``text`` exactly (leading blank lines and trailing white space aside); a line claimed by
    two comments, or by none and by no problem, is not accounted for.

    >>> import commentgraph as cg
    >>> page = "Titel\\n\\n01.03.2019 10:00 Anna 1\\n\\nHallo\\nWelt\\n"
    >>> t = cg.account_lines(page)
    >>> t["part"].tolist(), bool(t["accounted"].all())
    (['article', 'article', 'header', 'body', 'body', 'body'], True)
    """
    if d is None:
        from .pages import read_page

        d = read_page(source)
    from .pages import plain_spaces
    from .read.html import page_text

    text, name, _, _ = page_text(source)   # (a saved HTML page as the reader rendered it)
    aid = _pick_article(d, name, article_id)
    text = plain_spaces(text)   # as the reader read it
    lines = text.split("\n")
    if text.endswith("\n") or not text:
        lines.pop()
    n = len(lines)
    numbers = np.arange(1, n + 1)
    part = np.full(n, "article", dtype=object)
    owner = np.full(n, None, dtype=object)
    reason = np.full(n, None, dtype=object)
    claims = np.zeros(n + 2, dtype=np.int64)

    c = d.comments.loc[d.comments["article_id"] == aid]
    if "last_line" not in c.columns or c["line"].isna().any() or c["last_line"].isna().any():
        raise ValueError("comments without line and last_line: not read from a page")
    first = np.asarray(c["line"], dtype=np.int64)
    last = np.asarray(c["last_line"], dtype=np.int64)
    height = (np.asarray(c["header_lines"].fillna(1), dtype=np.int64) if "header_lines" in c.columns
              else np.ones(len(c), dtype=np.int64))
    part[max(0, (first.min() if len(c) else n + 1) - 1):] = None  # after the article: comments only
    extra_rows = []
    chrome_of = _chrome(c)
    for cid, ln, end, h, author, num, body, chrome in zip(c["comment_id"], first, last, height, c["author"],
                                                          c["number"], c["text"], chrome_of):
        if not (1 <= ln <= end <= max(n, ln) and 1 <= h <= end - ln + 1):
            extra_rows.append((ln, "header", cid, f"comment {cid} claims lines {ln}..{end} of {n} "
                                                   f"(a header of {h} lines)"))
            continue
        claims[ln:end + 1] += 1
        top = ln - 1 + h   # the body starts after the header's lines
        part[ln - 1:top], owner[ln - 1:top] = "header", cid
        part[top:end], owner[top:end] = "body", cid
        shown, posted = lines[ln - 1:top], chrome.posted
        if chrome.posted and chrome.posted in "\n".join(shown):
            chrome = _Chrome(chrome, None)   # the time stands in the header: no body line holds it
        elif chrome.posted:                  # the time line after the body is part of the header
            shown = shown + [x for x in lines[top:end] if chrome.posted in x]
        header = "\n".join([*shown, *chrome])
        if pd.notna(author) and str(author) not in header or pd.notna(num) and str(num) not in header:
            reason[ln - 1:top] = f"the header line does not show author {author!r} and number {num}"
        got = _LEADING_BLANK.sub("", "\n".join(x for x in lines[top:end] if x.strip() not in chrome)).rstrip()
        want = (_LEADING_BLANK.sub("", "\n".join(x for x in str(body).split("\n") if x.strip() not in chrome)).rstrip()
                if chrome else str(body).rstrip())
        if got != want:   # (a one-line comment: its text opens its header line, "text – NAME Mar 5 at 9:01")
            got = _text_in_header(shown[-1], got, want, author, posted)
        if got != want:   # (no body lines: the header's lines say it)
            where = slice(top, end) if end > top else slice(ln - 1, top)
            reason[where] = f"comment {cid}: its text differs from these lines"
    twice = claims[1:n + 1] > 1
    reason[twice] = "claimed by more than one comment"
    problem = _problem_kinds(d.problems, name, numbers)
    tail = d.problems.loc[(d.problems["source"] == name) & (d.problems["kind"] == "page_tail"), "line"]
    if len(tail) and pd.notna(tail.iloc[0]):   # a comment form or pagination after the last comment
        after = (numbers >= int(tail.iloc[0])) & pd.isna(part)
        part[after] = "tail"
    unclaimed = pd.isna(part)
    has_problem = problem.notna().to_numpy()
    part[unclaimed & has_problem] = "problem"
    reason[unclaimed & ~has_problem] = "not in the article, in a comment or in a problems row"
    table = _table(numbers, part, owner, problem, reason, "line")
    if extra_rows:
        more = pd.DataFrame(extra_rows, columns=["line", "part", "comment_id", "reason"])
        table = pd.concat([table, _table(more["line"], more["part"], more["comment_id"],
                                         pd.Series([None] * len(more), dtype="str"), more["reason"], "line")],
                          ignore_index=True)
    declared = d.articles.loc[d.articles["article_id"] == aid]
    if "lines" in declared and len(declared) and pd.notna(declared["lines"].iloc[0]) and declared["lines"].iloc[0] != n:
        table = pd.concat([table, _table([n], ["article"], [None], pd.Series([None], dtype="str"),
                                         [f"the article says {declared['lines'].iloc[0]} lines, the input has {n}"],
                                         "line")], ignore_index=True)
    return table


def _input_rows(source, name: str) -> tuple[np.ndarray, str]:
    """The rows of a table source as its reader numbers them: (row numbers, what they are)."""
    if isinstance(source, pd.DataFrame):
        return np.arange(1, len(source) + 1), "records"
    path = Path(source)
    kind = path.suffix.lower()
    if kind in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        return np.arange(1, pq.ParquetFile(path).metadata.num_rows + 1), "records"
    text, _ = decode(path.read_bytes(), name)
    if kind in (".csv", ".tsv"):
        old = csv.field_size_limit()
        csv.field_size_limit(max(old, len(text) + 1))
        try:
            from .tables import csv_text

            text, sep = csv_text(text, tsv=kind == ".tsv")  # as read_table reads it
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
            starts, prev, header_seen = [], 0, False
            for rec in reader:
                start, prev = prev + 1, reader.line_num
                if not rec:
                    continue
                if header_seen:
                    starts.append(start)
                header_seen = True
        finally:
            csv.field_size_limit(old)
        return np.asarray(starts, dtype=np.int64), "lines"
    if kind in (".jsonl", ".ndjson"):
        lines = text.split("\n")
        return np.asarray([i for i, x in enumerate(lines, 1) if x.strip()], dtype=np.int64), "lines"
    from .problems import Problems
    from .tables import flatten_json

    probe = Problems(name)
    records = flatten_json(json.loads(text), name, probe)
    return np.arange(1, len(records) + len(probe.rows) + 1), "records"


def account_rows(source, d: Discussion | None = None, **read_options) -> pd.DataFrame:
    """One row per input row of a table: ``row`` (its line in CSV/JSON Lines, else its 1-based record
    number), ``part`` (comment or problem), ``comment_id``, ``problem``, ``accounted``, ``reason``.

    A row is accounted for when exactly one comment came from it, or none did and a problems row names
    it; a comment from a row that is not in the input is reported too.

    >>> import pandas as pd, commentgraph as cg
    >>> df = pd.DataFrame({"author": ["A", "B"], "posted_at": ["2019-03-01 10:00", "?"], "text": ["x", "y"]})
    >>> cg.account_rows(df)[["row", "part", "problem", "accounted"]].values.tolist()
    [[1, 'comment', nan, True], [2, 'comment', 'bad_time', True]]
    """
    if d is None:
        from .tables import read_table

        d = read_table(source, **read_options)
    name = "<DataFrame>" if isinstance(source, pd.DataFrame) else str(source)
    try:
        rows, _ = _input_rows(source, name)
    except (OSError, json.JSONDecodeError, csv.Error) as e:
        raise ReadError(f"cannot list the input rows: {e}", source=name) from None
    c = d.comments
    if "row" not in c.columns:
        raise ValueError("comments without a row column: not read from a table")
    got = pd.Series(c["row"].to_numpy(), dtype="Int64")
    per_row = got.value_counts()
    count = per_row.reindex(rows, fill_value=0).to_numpy()
    owner = c.drop_duplicates("row").set_index("row")["comment_id"].reindex(rows).to_numpy()
    problem = _problem_kinds(d.problems, name, rows)
    part = np.where(count > 0, "comment", np.where(problem.notna(), "problem", None)).astype(object)
    reason = np.full(len(rows), None, dtype=object)
    reason[count > 1] = "more than one comment from this row"
    reason[(count == 0) & problem.isna().to_numpy()] = "neither a comment nor a problems row"
    table = _table(rows, part, owner, problem, reason, "row")
    invented = c.loc[~got.isin(rows).to_numpy()]
    if len(invented):
        table = pd.concat([table, _table(invented["row"], ["comment"] * len(invented), invented["comment_id"],
                                         pd.Series([None] * len(invented), dtype="str"),
                                         ["a comment from a row that is not in the input"] * len(invented),
                                         "row")], ignore_index=True)
    return table


def check_accounting(table: pd.DataFrame) -> bool:
    """True when every line or row is accounted for; else raise :class:`AccountingError` naming them.

    >>> import commentgraph as cg
    >>> cg.check_accounting(cg.account_lines("01.03.2019 10:00 Anna 1\\n\\nHallo"))
    True
    """
    bad = table.loc[~table["accounted"]]
    if len(bad):
        key = "line" if "line" in table.columns else "row"
        shown = "; ".join(f"{key} {r[key]}: {r['reason']}" for _, r in bad.head(5).iterrows())
        raise AccountingError(f"{len(bad)} of {len(table)} {key}s not accounted for: {shown}")
    return True
