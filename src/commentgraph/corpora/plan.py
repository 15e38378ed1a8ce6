"""Which files a corpus source names, and how they fall into partitions of whole articles (no Dask here)."""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..errors import ReadError
from ..pages import page_article_ids
from ..read.formats import TABLE_SUFFIXES

#: the file that marks a folder written by ``Corpus.to_parquet``
MARKER = "corpus.json"
#: bytes of input files per partition (about 40k comments of pages; a few hundred MB in memory once read)
PARTITION_BYTES = 16 * 2**20


@dataclass(frozen=True)
class Part:
    """One partition: ``kind`` is ``pages`` (``files`` read by ``read_pages`` with ``article_ids``), ``tables``
    (each file read by ``read_table``) or ``parquet`` (part ``index`` of a saved corpus in ``files[0]``)."""

    kind: str
    files: tuple[str, ...]
    article_ids: tuple[str, ...] = ()
    index: int = 0


def is_table(path) -> bool:
    return Path(str(path)).suffix.lower() in TABLE_SUFFIXES


def source_files(source) -> list[str]:
    """The files ``source`` names: a folder's files (sorted by name, hidden ones aside, as ``read_pages``), a
    glob pattern's matches (sorted), a list of paths, or one file."""
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not files:
                raise ReadError("the folder holds no files", source=str(source))
            return [str(p) for p in files]
        if path.is_file():
            return [str(path)]
        if glob.has_magic(str(source)):
            files = sorted(p for p in glob.glob(str(source)) if Path(p).is_file())
            if not files:
                raise ReadError("the pattern matches no files", source=str(source))
            return files
        raise ReadError("no such file or folder", source=str(source))
    files = [str(s) for s in source]
    if not files:
        raise ReadError("no files given")
    missing = [f for f in files if not Path(f).is_file()]
    if missing:
        raise ReadError(f"no such file ({len(missing)} of {len(files)} missing)", source=missing[0])
    return files


def plan(source, *, partition_bytes: int = PARTITION_BYTES) -> list[Part]:
    """The partitions for ``source``: consecutive files up to ``partition_bytes`` each (at least one file),
    pages and table exports in parts of their own; page article ids as ``read_pages`` gives them for
    all the pages together."""
    if isinstance(source, str | os.PathLike) and (Path(source) / MARKER).is_file():
        meta = json.loads((Path(source) / MARKER).read_text(encoding="utf-8"))
        return [Part("parquet", (str(source),), index=i) for i in range(int(meta["npartitions"]))]
    files = source_files(source)
    pages = [f for f in files if not is_table(f)]
    ids = dict(zip(pages, page_article_ids(pages), strict=True))
    parts: list[Part] = []
    group: list[str] = []
    size, kind = 0, None

    def close():
        if group:
            aids = tuple(ids[f] for f in group) if kind == "pages" else ()
            parts.append(Part(kind, tuple(group), aids))

    for f in files:
        k = "tables" if is_table(f) else "pages"
        n = os.stat(f).st_size
        if group and (k != kind or size + n > partition_bytes):
            close()
            group, size = [], 0
        group.append(f)
        size += n
        kind = k
    close()
    return parts
