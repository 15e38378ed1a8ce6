"""Corpora past one machine: the Discussion's tables and metrics on Dask, partitioned by article.

Needs the ``dask`` extra (``pip install "commentgraph[dask]"``); nothing outside this wing imports Dask,
and this module imports it only when a corpus is read.
"""

from __future__ import annotations

from ..schema import DEFAULT_TZ


def read_corpus(source, client=None, *, tz: str = DEFAULT_TZ, strict: bool = False, resolver: dict | None = None,
                scraped_at=None, columns: dict | None = None, epoch_unit: str | None = None, html_text: bool = False,
                anonymize: bool = False, salt: str | None = None, partition_bytes: int | None = None,
                progress: bool = False):
    """A corpus of many articles on Dask: a folder or glob of pages or table exports, a list of files, or a
    folder written by ``Corpus.to_parquet``.

    Each partition is a group of whole files (about ``partition_bytes`` of input, 16 MiB by default), read
    by the in-memory readers (:func:`commentgraph.read_pages` with the article ids the whole folder gives,
    :func:`commentgraph.read_table` per export) with the same keywords (``tz``, ``strict``, ``resolver``,
    ``scraped_at``; ``columns``, ``epoch_unit``, ``html_text`` for tables), so every table and metric
    equals the in-memory path's. A file no reader can read becomes an ``unreadable_file`` problem row
    (``strict=True`` raises its ``ReadError`` instead). ``anonymize`` (with ``salt`` or
    ``$COMMENTGRAPH_SALT``) pseudonymises as :func:`commentgraph.pseudonymize` does on the whole corpus
    (one extra pass collects the names). ``client``: a ``distributed.Client`` (None: Dask's default
    scheduler, or the client already made current); ``progress`` shows Dask's progress bar on a client.
    Reading sets Dask's ``dataframe.convert-string`` to False (pandas 3 ``str`` columns stay ``str``).
    """
    try:
        from .corpus import open_corpus
    except ImportError as e:  # the extra is missing
        raise ImportError('read_corpus needs Dask: pip install "commentgraph[dask]"') from e
    from .plan import PARTITION_BYTES

    options = {"tz": tz, "strict": strict, "resolver": dict(resolver or {}), "scraped_at": scraped_at,
               "epoch_unit": epoch_unit, "html_text": html_text}
    if columns is not None:
        options["columns"] = dict(columns)
    return open_corpus(source, client=client, progress=progress, partition_bytes=partition_bytes or PARTITION_BYTES,
                       anonymize=anonymize, salt=salt, **options)


def __getattr__(name):
    if name == "Corpus":
        from .corpus import Corpus

        return Corpus
    raise AttributeError(name)


__all__ = ["read_corpus", "Corpus"]
