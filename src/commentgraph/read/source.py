"""Any source to a Discussion: pick the reader by what the source is (a page, an export, a database, a
ConvoKit corpus, a folder of pages or of exports) and read it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import ReadError
from ..schema import DEFAULT_TZ
from .database import is_database
from .formats import TABLE_SUFFIXES

#: files a folder may hold beside its pages or exports without being read (notes, licences, reviews)
_SIDE = ("readme", "license", "licence", "notice")
_SIDE_SUFFIXES = (".md", ".reviews.csv", ".reviews.csv.tmp")


def _is_side_file(path: Path) -> bool:
    name = path.name.lower()
    return name.startswith(".") or name.startswith(_SIDE) or name.endswith(_SIDE_SUFFIXES)


def _is_table(path: Path) -> bool:
    return path.suffix.lower() in TABLE_SUFFIXES or is_database(path)


def source_kind(source) -> str:
    """What ``source`` is, which says how :func:`read_source` reads it.

    ``"frame"`` (a DataFrame), ``"convokit"`` (a ConvoKit corpus folder), ``"corpus"`` (a corpus saved by
    ``Corpus.to_parquet``), ``"tables"`` (a folder of table
    exports: CSV, TSV, JSON, JSON Lines, Parquet), ``"pages"`` (a folder of copied pages), ``"table"`` (one
    export, or a SQLite/DuckDB file) or ``"page"``. A folder that mixes exports and pages, or holds
    nothing to read, is a :class:`ReadError` naming files of each kind.

    >>> source_kind("comments.csv"), source_kind("page.txt")
    ('table', 'page')
    """
    from ..convokit import is_convokit_dir

    if isinstance(source, pd.DataFrame):
        return "frame"
    path = Path(source)
    if not path.is_dir():
        return "table" if _is_table(path) else "page"
    if is_convokit_dir(path):
        return "convokit"
    if (path / "corpus.json").is_file():
        return "corpus"
    files = sorted(p for p in path.iterdir() if p.is_file() and not _is_side_file(p))
    if not files:
        raise ReadError("the folder holds no pages or exports to read", source=str(source))
    tables = [p.name for p in files if _is_table(p)]
    pages = [p.name for p in files if not _is_table(p)]
    if tables and pages:
        raise ReadError(
            f"the folder mixes table exports ({', '.join(tables[:3])}) and pages ({', '.join(pages[:3])}); "
            "put them in separate folders",
            source=str(source),
        )
    return "tables" if tables else "pages"


def _read_exports(folder: Path, tz: str):
    """A folder of table exports as one Discussion: each file read by ``read_table``, the tables stacked."""
    from ..discussion import TABLES, Discussion
    from ..tables import read_table

    files = sorted(p for p in folder.iterdir() if p.is_file() and not _is_side_file(p))
    parts = [read_table(p, tz=tz) for p in files]
    ids = pd.DataFrame(
        {
            "id": pd.concat([d.comments["comment_id"] for d in parts], ignore_index=True),
            "file": [p.name for p, d in zip(files, parts) for _ in range(len(d.comments))],
        }
    ).drop_duplicates()
    shared = ids[ids.duplicated("id", keep=False)]
    if len(shared):
        cid = shared["id"].iloc[0]
        first, second = shared.loc[shared["id"] == cid, "file"].iloc[:2]
        raise ReadError(
            f"comment id {cid!r} is in both {first} and {second}; read the exports one by one (read_table) "
            "or give them distinct ids",
            source=str(folder),
        )
    tables = {name: pd.concat([getattr(d, name) for d in parts], ignore_index=True) for name in TABLES}
    settings = {**parts[0].settings, "reader": "read_table", "files": [p.name for p in files]}
    return Discussion(**tables, settings=settings)


def check_tz(tz: str) -> str:
    """``tz`` if it names a time zone (IANA, such as ``Europe/Berlin``, ``UTC``), else a ReadError.

    >>> check_tz("America/Toronto")
    'America/Toronto'
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        raise ReadError(
            "unknown time zone; use an IANA name such as Europe/Berlin, UTC or America/Toronto",
            source=f"tz={tz!r}",
        ) from None
    return tz


def read_source(source, *, tz: str | None = None):
    """Read any source the way the report and the command do (no pseudonyms: see ``cg.read_source``).

    A folder is read with ``read_pages`` (one article per file), as a ConvoKit corpus (it holds
    ``utterances.jsonl``), or, when it holds table exports, file by file with ``read_table`` into one
    Discussion; a CSV/TSV/JSON/JSONL/Parquet file, a SQLite or DuckDB file (its only table) or a
    DataFrame with ``read_table``, anything else with ``read_page``. ``tz`` (default Europe/Berlin) is
    the zone times are shown in, and naive times are read in.

    >>> from commentgraph.read.source import read_source
    >>> len(read_source(cg.sample_corpus(articles=2), tz="UTC").articles)
    2
    """
    from ..convokit import read_convokit
    from ..pages import read_page, read_pages
    from ..tables import read_table

    tz = check_tz(tz or DEFAULT_TZ)
    if not isinstance(source, pd.DataFrame) and not Path(source).exists():
        raise ReadError("no such file or folder", source=str(source))
    kind = source_kind(source)
    if kind == "tables":
        return _read_exports(Path(source), tz)
    if kind == "corpus":
        return read_saved_corpus(Path(source), tz)
    readers = {
        "frame": read_table,
        "table": read_table,
        "convokit": read_convokit,
        "pages": read_pages,
        "page": read_page,
    }
    return readers[kind](source, tz=tz)


def read_saved_corpus(folder: Path, tz: str | None = None):
    """A corpus saved by ``Corpus.to_parquet`` as one in-memory Discussion (its partitions in order, no Dask
    needed), times shown in ``tz`` (default: the zone it was read in)."""
    import json

    from ..discussion import TABLES, Discussion

    saved = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
    settings = dict(saved.get("settings") or {})
    tables = {}
    for name in TABLES:
        parts = sorted((folder / name).glob("part.*.parquet"), key=lambda p: int(p.name.split(".")[1]))
        if not parts:
            raise ReadError(f"the saved corpus has no {name} files", source=str(folder / name))
        frames = [pd.read_parquet(p) for p in parts]
        table = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
        if tz is not None:
            for col in table.columns:
                if isinstance(table[col].dtype, pd.DatetimeTZDtype):
                    table[col] = table[col].dt.tz_convert(tz)
        tables[name] = table
    if tz is not None:
        settings["tz"] = tz
    return Discussion(**tables, settings=settings)


__all__ = ["read_source", "source_kind", "check_tz", "read_saved_corpus"]
