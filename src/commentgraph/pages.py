"""Read copied comment pages (article text followed by its comments) into tidy tables."""

from __future__ import annotations

import hashlib
import os
import queue
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from .discussion import Discussion, make_discussion
from .errors import ReadError
from .read import bulk
from .read.collect import PageTables
from .read.frames import frames
from .read.html import page_text
from .problems import Problems
from .read import chrome as chrome_words, oneline, vocab
from .read.fast import kept_count, known_page
from .read.infer import infer
from .read.inferred import inferred_page
# (the layouts' patterns and plain_spaces stay importable from here)
from .read.layouts import AUTHOR_FIRST, DATE_FIRST, LAYOUTS, NEAR_HEADER, SCAN, TWO_LINE, competes, pick_layout  # noqa: F401
from .read.layouts import plain_spaces
from .schema import DEFAULT_TZ
from .sources import looks_like_path

#: how far around the first header buttons and markers (``vocab.CHROME``) are looked for
_CHROME_WINDOW = 4000


def _article_id(name: str, text: str) -> str:
    if name.startswith("<"):
        return "page-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return _stem(name)


def _stem(name) -> str:
    """``Path(name).stem`` without building a Path (5,000 of them cost ~0.1 s).

    >>> _stem("x/a.tar.gz"), _stem("x/foo."), _stem(".bashrc")
    ('a.tar', 'foo.', '.bashrc')
    """
    base = os.path.basename(os.fspath(name))
    root, ext = os.path.splitext(base)
    return base if ext == "." else root


def _add_page(tables: PageTables, text: str, *, name: str, article_id: str | None, encoding: str,
              rendered: bool = False) -> None:
    """Read one page: by the known layouts (the fast path) where they read it cleanly, else by the layout
    the page's own repetition shows (:mod:`commentgraph.read.infer`), whichever finds more."""
    article_id = article_id or _article_id(name, text)
    text = plain_spaces(text)
    if rendered:
        Problems(name, rows=tables.rows).add(
            "html_rendered", "an HTML page, rendered to text as a browser copy gives it (scripts, styles and "
            "hidden elements dropped, blocks as lines); line numbers count the rendered text's lines",
            severity="notice")
    hits = list(SCAN.finditer(text))
    starts = [h.start() + 1 for h in hits]
    picked = pick_layout(text, hits, starts)
    n_fast = kept_count(text, picked)  # (headers the known layout keeps: "3/1/2019 10:05 AM" has no author "AM")
    first = picked[1][0][0] if n_fast else 0
    # (a page in the seed's layout, every header numbered and read cleanly, keeps its texts verbatim,
    # button words and all)
    seed_like = picked[0] == "date_first" and all(f[1] is not None or f[2] is not None for f in picked[1][2])
    # (one whose replies say "Antwort auf #2 von NAME" is read by inference, which makes them parents)
    marked = seed_like and "#" in text and vocab.NUMBER_REPLY_LINE.search(text) is not None
    chrome = n_fast == 0 or marked or not seed_like and len(
        vocab.CHROME.findall(text, max(0, first - _CHROME_WINDOW), first + _CHROME_WINDOW)) >= 2
    # (more one-line comments, "text – NAME Mar 5, 2019 at 14:02", than other headers: Stack Exchange; the
    # known layouts may count such lines as headers with a sentence for an author)
    if chrome and n_fast:  # (a reply marker holding its parent's time, "Antwort auf NAME vom DATE", is no header)
        n_fast -= sum(chrome_words.MARKER_START.match(text, text.rfind("\n", 0, s) + 1) is not None
                      for s in picked[1][0])
    if (one := oneline.count(text, n_fast + 1)) >= 2:
        n_other = n_fast - oneline.among(text, picked[1][0])
        if one > n_other:
            chrome, n_fast = True, n_other
    page = {"name": name, "article_id": article_id, "encoding": encoding}
    if not chrome:
        mark = len(tables.rows)
        if known_page(tables, text, starts, picked, trial=True, **page):
            return
        del tables.rows[mark:]
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    found = infer(lines)
    # inference wins where the page has buttons or markers (it moves them out of the text) and reads as
    # many comments, or where it reads more than the known layouts
    if found is not None and (len(found.blocks) > n_fast or chrome and len(found.blocks) == n_fast
                              and (n_fast == 0 or found.moved_anything)):
        inferred_page(tables, text, found, **page)
    else:
        known_page(tables, text, starts, picked, **page)


def parse_page(text: str, *, name: str = "<text>", article_id: str | None = None, tz: str = DEFAULT_TZ,
               strict: bool = False, encoding: str = "str", scraped_at=None,
               rendered: bool = False) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Parse one page's text into ``(articles, comments, problems)`` frames (not yet conformed)."""
    tables = PageTables(tz, strict, _scrape_time(scraped_at, tz, name))
    _add_page(tables, text, name=name, article_id=article_id, encoding=encoding, rendered=rendered)
    return frames(tables)


def _settings(tz, resolver, scraped_at=None):
    out = {"tz": tz, "reader": "read_page", "resolver": dict(resolver or {})}
    if scraped_at is not None:
        out["scraped_at"] = str(scraped_at)
    return out


def _scrape_time(scraped_at, tz: str, name: str) -> pd.Timestamp | None:
    """``scraped_at`` as a tz-aware stamp (a naive one is local time in ``tz``)."""
    if scraped_at is None:
        return None
    try:
        if isinstance(scraped_at, int | float) and not isinstance(scraped_at, bool):   # epoch seconds (UTC)
            t = pd.Timestamp(scraped_at, unit="s", tz="UTC")
        else:
            t = pd.Timestamp(scraped_at)
        if t is pd.NaT:
            raise ValueError("not a time")
        # (a local time in the fall-back hour is its first occurrence, one in the spring gap moves forward)
        return (t.tz_localize(tz, ambiguous=True, nonexistent="shift_forward") if t.tzinfo is None
                else t.tz_convert(tz))
    except (ValueError, TypeError, OverflowError) as e:
        raise ReadError(f"scraped_at {scraped_at!r} is not a time: {e}", source=name) from None


def read_page(source, *, tz: str = DEFAULT_TZ, strict: bool = False, article_id: str | None = None,
              resolver: dict | None = None, scraped_at=None) -> Discussion:
    """Read one copied comment page (a path, bytes, or the page text itself).

    ``resolver`` passes options to reference resolution (see :func:`commentgraph.link_comments`);
    ``scraped_at`` (when the page was copied) reads relative times (``vor 8 Stunden``, ``3 hours ago``).

    >>> import commentgraph as cg
    >>> d = cg.read_page("3 Kommentare\\n\\n01.03.2019 10:00 W. Merseburger 2\\n\\nJa.\\n\\n"
    ...                  "01.03.2019 11:00 Meckersack 3\\n\\n@2 W. Merseburger: Nein.")
    >>> d.comments[["number", "author"]].values.tolist()
    [[2, 'W. Merseburger'], [3, 'Meckersack']]
    >>> int(d.articles["declared_comments"].iloc[0]), d.problems["kind"].tolist()
    (3, ['count_mismatch'])
    """
    text, name, enc, rendered = page_text(source)
    articles, comments, problems = parse_page(text, name=name, article_id=article_id, tz=tz, strict=strict,
                                              encoding=enc, scraped_at=scraped_at, rendered=rendered)
    return make_discussion(articles, comments, problems, settings=_settings(tz, resolver, scraped_at))


def _expand(sources) -> list:
    if isinstance(sources, str | Path) and looks_like_path(sources) and Path(sources).is_dir():
        # (names sorted as strings: sorting 5,000 Path objects cost ~0.1 s)
        with os.scandir(sources) as it:
            names = sorted(e.name for e in it if not e.name.startswith(".") and e.is_file())
        files = [Path(sources) / name for name in names]
        if not files:
            raise ReadError("the folder holds no files", source=str(sources))
        return files
    if isinstance(sources, str | bytes | Path):
        return [sources]
    return list(sources)


#: fewer pages than this are read one by one (the bulk reading's fixed cost is ~10 ms)
_BULK_MIN = 8


#: bytes of pages read at once (string views address a buffer by 32-bit offsets; batches of ~32 MiB bound
#: memory and ran ~15 % faster than one of 394 MiB at 1M comments)
_BULK_BYTES = 32 * 2**20

#: batches read at once, at most (one a core)
_BULK_THREADS = 2


def _bulk(items: list) -> dict[int, tuple[bulk.Plain, int]]:
    """The plain pages among ``items`` read at once (:mod:`commentgraph.read.bulk`): each item read there ->
    (the reading, its place in it). Only files are read so (not texts, bytes or HTML files)."""
    files = [i for i, x in enumerate(items) if isinstance(x, str | Path) and looks_like_path(x)
             and os.path.splitext(os.fspath(x))[1].lower() not in (".html", ".htm", ".xhtml")]
    if len(files) < _BULK_MIN:
        return {}
    sizes = []
    for i in files:
        try:
            sizes.append(os.stat(items[i]).st_size)
        except OSError:
            sizes.append(0)
    big = {i for i, size in zip(files, sizes) if size > _BULK_BYTES}   # (a huge page alone: read one by one)
    if big:
        sizes = [size for i, size in zip(files, sizes) if i not in big]
        files = [i for i in files if i not in big]
    batches, start = [], 0
    while start < len(files):
        stop = start + 1
        total = sizes[start]
        while stop < len(files) and total + sizes[stop] <= _BULK_BYTES:
            total += sizes[stop]
            stop += 1
        batches.append(files[start:stop])
        start = stop
    # batches read in threads (reading, numpy, Polars and Arrow release the GIL), each into a buffer of its
    # own, reused by the batches after it (fresh memory is slow to touch; each batch's texts are copied out)
    workers = max(1, min(_BULK_THREADS, len(batches), os.cpu_count() or 1))
    buffers = queue.SimpleQueue()
    for _ in range(workers):
        buffers.put(np.empty(min(_BULK_BYTES, sum(sizes)), dtype=np.uint8))

    def read(batch: list[int]) -> tuple[list[int], bulk.Plain]:
        into = buffers.get()
        try:
            texts, ok = bulk.read_files([items[i] for i in batch], into)
            return batch, bulk.scan(texts, ok, competes)
        finally:
            buffers.put(into)

    out = {}
    with ThreadPoolExecutor(workers) as pool:
        for batch, plain in pool.map(read, batches):
            out.update({batch[t]: (plain, k) for k, t in enumerate(plain.taken.tolist())})
    return out


def page_files(source) -> list:
    """The page sources ``read_pages`` reads for ``source``, in its order (a folder: its files sorted by name).

    >>> page_files(["a.txt", "b.txt"])
    ['a.txt', 'b.txt']
    """
    return _expand(source)


def page_article_ids(names) -> list[str]:
    """The article ids ``read_pages`` gives page files named ``names`` (their stems, ``~2``, ``~3`` on repeats).

    >>> page_article_ids(["x/a.txt", "y/a.txt", "b.html"])
    ['a', 'a~2', 'b']
    """
    used: dict[str, int] = {}
    out = []
    for name in names:
        aid = _stem(str(name))
        used[aid] = used.get(aid, 0) + 1
        out.append(f"{aid}~{used[aid]}" if used[aid] > 1 else aid)
    return out


def read_pages(sources, *, tz: str = DEFAULT_TZ, strict: bool = False, resolver: dict | None = None,
               scraped_at=None, article_ids: list[str] | None = None) -> Discussion:
    """Read many pages (paths, texts, or a folder of page files) into one Discussion, one article each.

    Article ids stay unique even when two sources are copies of one page (``page~2``). ``article_ids``
    (one per source, distinct) replaces them: a part of a larger set of files keeps the ids the whole set
    gets (see :func:`page_article_ids`).

    >>> import commentgraph as cg
    >>> page = "01.03.2019 10:00 Anna 1\\n\\nHallo"
    >>> cg.read_pages([page, page]).comments["comment_id"].str.split("/").str[1].tolist()
    ['1', '1']
    >>> cg.read_pages([page, page]).comments["comment_id"].is_unique
    True
    """
    items = _expand(sources)
    if not items:
        raise ReadError("no pages given")
    tables, used = PageTables(tz, strict, _scrape_time(scraped_at, tz, "<pages>")), {}
    where = _bulk(items)
    if article_ids is not None:
        article_ids = [str(a) for a in article_ids]
        if len(article_ids) != len(items) or len(set(article_ids)) != len(article_ids):
            raise ValueError(f"article_ids must be {len(items)} distinct ids, one per page")
    given = iter(article_ids) if article_ids is not None else None

    def unique(aid: str) -> str:
        if given is not None:
            return next(given)
        used[aid] = used.get(aid, 0) + 1
        return f"{aid}~{used[aid]}" if used[aid] > 1 else aid

    i = 0
    while i < len(items):
        if (got := where.get(i)) is not None:   # a run of plain pages read in bulk
            plain, k = got
            j = i
            while (nxt := where.get(j + 1)) is not None and nxt[0] is plain and nxt[1] == where[j][1] + 1:
                j += 1
            names = [str(items[x]) for x in range(i, j + 1)]
            tables.add_plain(plain, range(k, k + j - i + 1), names, [unique(_stem(x)) for x in names])
            i = j + 1
            continue
        text, name, enc, rendered = page_text(items[i])
        _add_page(tables, text, name=name, article_id=unique(_article_id(name, text)), encoding=enc,
                  rendered=rendered)
        i += 1
    # the frames once for all pages, and one conform (conforming page by page cost ~10 ms a page)
    articles, comments, problems = frames(tables)
    settings = {**_settings(tz, resolver, scraped_at), "reader": "read_pages"}
    return make_discussion(articles, comments, problems, settings=settings)
