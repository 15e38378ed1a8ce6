"""A page read by the known layouts (:mod:`commentgraph.read.layouts`): headers kept or reported, header
fields, comment bodies and the problems rows of each header, then the page joins the tables."""

from __future__ import annotations

import pyarrow as pa

from ..errors import ReadError
from ..problems import Problems
from ..timeparse import slash_order
from .checks import number_ids
from .head import page_head
from .layouts import LEADING_BLANK_LINES, NAME_WORDS, NEAR_HEADER, is_blank_after, line_numbers, matches_at
from .lines import strip_name_words

#: problems that make the known layouts' reading of a page doubtful: layout inference is tried
UNCLEAN = frozenset({"truncated_header", "header_like_line", "missing_author"})


def _kept(text: str, layout: str, found) -> tuple[tuple, list]:
    """The headers taken, and the (start, end) of those dropped.

    Date-first: numberless (or authorless) headers are accepted only where a blank line follows (as in the
    seed: ``01.03.2019 11:30 war ich beim Arzt`` in a body stays text); author-first: a full header (author,
    date, time) is one whatever follows it. Either way a header with a sentence for an author (over 6
    words, no number) is not one.
    """
    header_starts, header_ends, fields, leads = found
    if not any(g[0] is None or (g[1] is None and g[2] is None) for g in fields):
        return found, []
    need_blank = layout == "date_first"
    keep = [
        not (g[0] is None or (g[1] is None and g[2] is None))
        or ((not need_blank or is_blank_after(text, e)) and not (g[0] is not None and len(g[0].split()) > 6))
        for e, g in zip(header_ends, fields)
    ]
    dropped = [(s, e) for s, e, k in zip(header_starts, header_ends, keep) if not k]
    kept = tuple([x for x, k in zip(xs, keep) if k] for xs in (header_starts, header_ends, fields, leads))
    return kept, dropped


def kept_count(text: str, picked) -> int:
    """How many headers the known layout ``picked`` keeps (see :func:`_kept`)."""
    return len(_kept(text, *picked)[0][0])


def _near_rows(text: str, layout: str, starts, header_starts, dropped, probs: Problems) -> None:
    """Lines that start like a header but did not parse as one (article text may begin with a dateline:
    before the first header such lines stay article text), and dropped headers."""
    first = header_starts[0] if header_starts else len(text)
    taken = set(header_starts)
    if layout == "two_line":  # a header's date line is part of it (not a near-header)
        taken.update(text.find("\n", s) + 1 for s in header_starts)
    near = matches_at(NEAR_HEADER, text, [s for s in starts if s >= first and s not in taken])
    near = [m for m in near if m.start() >= first and m.start() not in taken]
    if dropped:  # header matches not taken that NEAR_HEADER misses (author-first lines): kept as text
        seen = {m.start() for m in near}
        dropped = [(s, e) for s, e in dropped if s >= first and s not in seen]
    for m, ln in zip(near, line_numbers(text, [m.start() for m in near])):
        if is_blank_after(text, m.end()):
            probs.add(
                "truncated_header",
                "a line starts like a comment header but lacks its time, author or number; its lines are kept "
                "in the comment above",
                line=ln,
                excerpt_text=m[0],
            )
        else:
            probs.add(
                "header_like_line",
                "a body line looks almost like a comment header; kept as text",
                line=ln,
                excerpt_text=m[0],
                severity="notice",
            )
    for (s, e), ln in zip(dropped, line_numbers(text, [s for s, _ in dropped])):
        probs.add(
            "header_like_line",
            "a body line reads like a comment header (but its 'author' is a sentence, or no number and no "
            "blank line follow); kept as text",
            line=ln,
            excerpt_text=text[s:e],
            severity="notice",
        )


def _fields(text: str, layout: str, fields, header_starts, probs: Problems) -> tuple:
    """``(raw_authors, numbers, authors, dates, times)`` of the headers."""
    # (comprehensions over the header fields: a loop appending to six lists cost ~1/3 more)
    raw_authors, nums, nums2, dates, times = zip(*fields) if fields else ((),) * 5
    numbers = [int(x) if x is not None else int(y) if y is not None else None for x, y in zip(nums, nums2)]
    authors = [a.strip() if a is not None else None for a in raw_authors]
    if layout == "author_first" and any(a and NAME_WORDS.search(a) for a in authors):
        authors = [strip_name_words(a) if a else a for a in authors]  # "by Hans » Tue": Hans
    if any("/" in d for d in dates if d):  # 3/1/2019: the page's own dates decide the order
        order, doubt = slash_order(dates)
        if order == "dmy":  # written day first: the same date as a dotted one reads
            dates = tuple(d.replace("/", ".") if d and "/" in d else d for d in dates)
        if doubt:
            probs.add(
                "date_order",
                doubt,
                line=int(line_numbers(text, [header_starts[0]])[0]),
                excerpt_text=next(d for d in dates if d and "/" in d),
                severity="notice",
            )
    return raw_authors, numbers, authors, dates, times


def _stamps(tables, dates, times) -> tuple[list, list, list]:
    """Each header's date and time as indices of the distinct ones (each read once for all pages: a dict
    look-up a comment), and the headers whose date or time does not exist."""
    date_at, time_at = list(map(tables.date_index.get, dates)), list(map(tables.time_index.get, times))
    if None in date_at:
        date_at = [tables.date(d) if i is None else i for d, i in zip(dates, date_at)]
    if None in time_at:
        time_at = [tables.time(t) if i is None else i for t, i in zip(times, time_at)]
    bad_d, bad_t = tables.bad_dates, tables.bad_times
    if (bad_d and not bad_d.isdisjoint(date_at)) or (bad_t and not bad_t.isdisjoint(time_at)):
        return date_at, time_at, [i for i, (d, t) in enumerate(zip(date_at, time_at)) if d in bad_d or t in bad_t]
    return date_at, time_at, []


def _bounds(text: str, header_starts, header_ends, leads) -> tuple[list[int], list[int]]:
    """Each body's start and end offset after a leading 0 (the text is cut out by pyarrow, in ``_cut``), and
    the comments with no text."""
    bounds, empty = [0], []
    lead = LEADING_BLANK_LINES.match
    for i, (mend, end, j) in enumerate(zip(header_ends, [*header_starts[1:], len(text)], leads)):
        if mend < end:  # body = text[j:end] without its leading blank lines, rstrip()ped
            if j < 0:  # (found by the scan for plain headers)
                j = lead(text, mend + 1, end).end()
            w0 = end - 64 if end - 64 > j else j  # (the end found in the last 64 characters, uncut)
            w = text[w0:end].rstrip()
            e = w0 + len(w) if w or w0 == j else j + len(text[j:end].rstrip())
        else:
            j = e = end
        if j == e:
            empty.append(i)
        bounds += (j, e)
    return bounds, empty


def _header_rows(text: str, found, line_of, raw_authors, numbers, bounds, empty, probs: Problems) -> None:
    """Headers without an author, without text or without a number."""
    header_starts, header_ends, _, _ = found
    n = len(header_starts)
    if empty or None in raw_authors:
        empty = set(empty)
        for i, (s, e, author) in enumerate(zip(header_starts, header_ends, raw_authors)):
            if author is None:
                probs.add(
                    "missing_author",
                    "a comment header without an author; the comment is kept with author NA",
                    line=line_of[i],
                    excerpt_text=text[s:e],
                )
            if i in empty:
                probs.add(
                    "empty_comment",
                    "a comment header with no text under it",
                    line=line_of[i],
                    excerpt_text=text[s:e],
                    severity="notice",
                )
    if n - numbers.count(None) == 0:
        return
    for i in [i for i, x in enumerate(numbers) if x is None]:
        header = text[header_starts[i] : header_ends[i]]
        if i == n - 1 and bounds[2 * i + 1] == bounds[2 * i + 2] and not text[header_ends[i] :].strip("\n"):
            probs.add(
                "truncated_header",
                "the page ends in a comment header without its number (and text); the comment is kept",
                line=line_of[i],
                excerpt_text=header,
            )
        else:
            probs.add(
                "missing_number",
                "a comment header without a number where the others have one; the comment is kept, its id "
                "uses the header line",
                line=line_of[i],
                excerpt_text=header,
            )


def _first_error(rows: list[dict]) -> dict | None:
    return next((r for r in rows if r["severity"] == "error"), None)


def known_page(tables, text: str, starts, picked, *, name: str, article_id: str, encoding: str, trial=False) -> bool:
    """Read a page by its known layout (``picked``, from :func:`~commentgraph.read.layouts.pick_layout`) into
    ``tables``. On ``trial``, give up (return False, before anything joins the tables) where the page reads
    unclean: headers dropped or truncated, authors missing."""
    probs = Problems(name, strict=tables.strict and not trial, rows=tables.rows)
    mark = len(tables.rows)
    layout, found = picked
    found, dropped = _kept(text, layout, found)
    header_starts, header_ends, fields, leads = found
    line_of = line_numbers(text, header_starts)
    n_lines = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    _near_rows(text, layout, starts, header_starts, dropped, probs)
    n, base = len(header_starts), len(tables.dates)
    raw_authors, numbers, authors, dates, times = _fields(text, layout, fields, header_starts, probs)
    date_at, time_at, bad = _stamps(tables, dates, times)
    bounds, empty = _bounds(text, header_starts, header_ends, leads)
    _header_rows(text, found, line_of, raw_authors, numbers, bounds, empty, probs)
    for i in bad:
        probs.add(
            "impossible_date",
            f"date or time '{dates[i]} {times[i]}' does not exist; posted_at is NaT, the comment is kept",
            line=line_of[i],
            excerpt_text=text[header_starts[i] : header_ends[i]],
        )
    if trial:
        if {r["kind"] for r in tables.rows[mark:]} & UNCLEAN:
            return False
        if tables.strict and (err := _first_error(tables.rows[mark:])):
            raise ReadError(f"{err['kind']}: {err['message']}", source=name, line=err["line"])
    # ambiguous and nonexistent local times are found for all pages at once (in frames()): their rows go here
    tables.splits.append((len(tables.rows), base, n, name))
    excerpts = [text[x:y] for x, y in zip(header_starts, header_ends)]
    by_line, present = number_ids(numbers, line_of, excerpts, probs)
    title, updated, declared = page_head(text[: header_starts[0] if header_starts else len(text)], n, present, probs)
    if not text.strip():
        probs.add("empty", "the page is empty or holds only whitespace")
    elif not header_starts:
        probs.add(
            "no_comments",
            f"no comment header found in {n_lines} lines (expected e.g. '01.03.2019 11:25 Author 10'); all lines "
            "are article text",
            line=1,
            excerpt_text=text[:120],
        )
    if trial and tables.strict and (err := _first_error(tables.rows[mark:])):
        raise ReadError(f"{err['kind']}: {err['message']}", source=name, line=err["line"])
    # the page is read: only now its values join the tables (strict mode raises before)
    texts = _cut(text, bounds, authors)
    kind = layout if header_starts else None
    tables.commit(
        article_id,
        name,
        encoding,
        kind,
        n_lines,
        title,
        updated,
        declared,
        authors,
        texts,
        date_at,
        time_at,
        numbers,
        by_line,
        line_of,
        [2 if layout == "two_line" else 1] * n,
    )
    return True


def _cut(text: str, bounds: list[int], authors: list) -> pa.LargeStringArray:
    """``[text[a:b] for a, b in pairs of bounds[1:]]`` as a pyarrow array (one call a page: cutting the
    page's UTF-8 bytes by byte offsets cost twice this)."""
    try:
        "".join([a for a in authors if a is not None]).encode("utf-8")
        return pa.array([text[a:b] for a, b in zip(bounds[1::2], bounds[2::2])], type=pa.large_string())
    except UnicodeEncodeError:  # lone surrogates: pyarrow raises as it did on the comments frame (authors first)
        pa.array(authors, type=pa.large_string())
        raise
