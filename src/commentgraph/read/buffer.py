"""The files' buffer of the bulk reading (:mod:`commentgraph.read.bulk`): the files read into one buffer, the
pages holding odd characters found by their bytes, the lines found by their newlines, and strings that are
byte ranges of the buffer (Arrow string views: no bytes copied)."""

from __future__ import annotations

import os

import numpy as np
import polars as pl
import pyarrow as pa

#: characters the per-page reader treats specially (control characters, carriage returns, no-break and
#: zero-width spaces, other white space ``str.strip`` removes): pages holding one are left to it
ODD = r"[\x00-\x08\x0b-\x1f\x7f\x85\xa0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]"
#: bytes of the buffer looked at at once by numpy (temporaries that stay in the cache)
_CHUNK = 1 << 18


def byte_scan(texts: pa.LargeStringArray) -> tuple[np.ndarray, np.ndarray]:
    """One pass over the buffer: the offsets of its newlines, and of the bytes that may begin an ``ODD``
    character in UTF-8 (control bytes and DEL, and the lead bytes of the odd spaces: C2 for U+0085 and
    U+00A0, E0-EF for U+1680 to U+FEFF and other characters; a superset)."""
    data, offsets = _bytes(texts)
    lo, hi = int(offsets[0]), int(offsets[-1])
    newlines, odd = [], []
    for i in range(lo, hi, _CHUNK):
        x = data[i : min(i + _CHUNK, hi)]
        low = np.flatnonzero(x < 32)  # (newlines, tabs, control bytes)
        byte = x[low]
        newlines.append(low[byte == 10] + i)
        if len(ctrl := low[(byte != 10) & (byte != 9)]):
            odd.append(ctrl + i)
        high = (x == 127) | (x == 0xC2) | ((x & np.uint8(0xF0)) == 0xE0)
        if high.any():
            odd.append(np.flatnonzero(high) + i)
    empty = np.zeros(0, dtype=np.int64)
    return (np.concatenate(newlines) if newlines else empty), (np.sort(np.concatenate(odd)) if odd else empty)


def odd_pages(texts: pa.LargeStringArray, series: pl.Series, suspects: np.ndarray) -> np.ndarray:
    """Which pages hold an ``ODD`` character: the regex tried only on pages with a byte that may begin one
    (``suspects``, from :func:`byte_scan`: ~1/3 of the cost of the regex over all text; the same pages)."""
    odd = np.zeros(len(texts), dtype=bool)
    if len(suspects):
        _, offsets = _bytes(texts)
        pages = np.unique(np.searchsorted(offsets, suspects, side="right") - 1)
        odd[pages] = series.gather(pages).str.contains(ODD).fill_null(False).to_numpy()
    return odd


def read_files(paths: list, into: np.ndarray | None = None) -> tuple[pa.LargeStringArray, np.ndarray]:
    """The files' text as one column, and which files were read (not: unreadable, or not UTF-8; those are
    left to the per-page reader, which says why or reads them as cp1252 or UTF-16).

    (One buffer for all files: a Python ``bytes`` a file, then an Arrow array of them, cost ~3x as much.)
    ``into``, where it is large enough, is that buffer: memory touched once for all batches (fresh memory
    cost ~2.5 ms a MiB on the benchmark machine); nothing read before may refer to it any more.
    """
    sizes = np.zeros(len(paths), dtype=np.int64)
    ok = np.zeros(len(paths), dtype=bool)
    for i, p in enumerate(paths):
        try:
            sizes[i], ok[i] = os.stat(p).st_size, True
        except OSError:
            pass
    offsets = np.zeros(len(paths) + 1, dtype=np.int64)
    np.cumsum(sizes, out=offsets[1:])
    if into is not None and into.size >= offsets[-1]:
        buf = into[: int(offsets[-1])]
    else:
        buf = np.zeros(int(offsets[-1]), dtype=np.uint8)
    view = memoryview(buf)
    for i in np.flatnonzero(ok).tolist():
        try:
            with open(paths[i], "rb", buffering=0) as fh:
                got = fh.readinto(view[offsets[i] : offsets[i + 1]])
                ok[i] = got == sizes[i] and not fh.read(1)  # (a file that changed size: read one by one)
        except OSError:
            ok[i] = False
        if not ok[i]:  # (its bytes as a fresh buffer holds them: zeros, valid UTF-8)
            buf[offsets[i] : offsets[i + 1]] = 0
    raw = pa.LargeBinaryArray.from_buffers(
        pa.large_binary(), len(paths), [None, pa.py_buffer(offsets), pa.py_buffer(buf)]
    )
    try:
        return raw.cast(pa.large_string()), ok
    except pa.ArrowInvalid:  # some file is not UTF-8: it is left out (read one by one, as cp1252 or UTF-16)
        for i in np.flatnonzero(ok).tolist():
            try:
                bytes(view[offsets[i] : offsets[i + 1]]).decode("utf-8")
            except UnicodeDecodeError:
                ok[i] = False
        sizes[~ok] = 0
        data = b"".join(bytes(view[offsets[i] : offsets[i + 1]]) for i in np.flatnonzero(ok).tolist())
        np.cumsum(sizes, out=offsets[1:])
        raw = pa.LargeBinaryArray.from_buffers(
            pa.large_binary(), len(paths), [None, pa.py_buffer(offsets), pa.py_buffer(data)]
        )
        return raw.cast(pa.large_string()), ok


def views(data: pa.Buffer, starts: np.ndarray, lengths: np.ndarray) -> pa.Array:
    """Strings that are byte ranges of ``data``, as an Arrow string-view array (no bytes copied).

    >>> views(pa.py_buffer(b"Hello, world of views"), np.array([0, 7]), np.array([5, 14])).to_pylist()
    ['Hello', 'world of views']
    """
    n = len(starts)
    out = np.zeros((n, 16), dtype=np.uint8)
    words = out.view(np.int32)
    words[:, 0] = lengths
    raw = np.frombuffer(data, dtype=np.uint8)
    if len(raw) >= 12:
        # each string's first 12 bytes: rows of a sliding window (a gather of rows, not of n x 12 indices)
        window = np.lib.stride_tricks.sliding_window_view(raw, 12)
        inline = window[np.minimum(starts, len(raw) - 12)]
        near_end = np.flatnonzero(starts > len(raw) - 12)
        if len(near_end):
            at = np.minimum(starts[near_end, None] + np.arange(12), len(raw) - 1)
            inline[near_end] = raw[at]
        out[:, 4:16] = inline
        short = np.flatnonzero(lengths < 12)  # (only these hold bytes past their end: zeroed)
        if len(short):
            out[short, 4:16] = np.where(np.arange(12) < lengths[short, None], inline[short], 0)
    elif len(raw):
        at = np.minimum(starts[:, None] + np.arange(12), len(raw) - 1)
        out[:, 4:16] = np.where(np.arange(12) < np.minimum(lengths, 12)[:, None], raw[at], 0)
    long = lengths > 12
    words[long, 2] = 0  # buffer 0, from this offset (the first four bytes stay as the prefix)
    words[long, 3] = starts[long]
    return pa.Array.from_buffers(pa.string_view(), n, [None, pa.py_buffer(out), data])


def _bytes(texts: pa.LargeStringArray) -> tuple[np.ndarray, np.ndarray]:
    """The buffer of ``texts`` as bytes, and its offsets (one more than pages)."""
    offsets = np.frombuffer(texts.buffers()[1], dtype=np.int64)[texts.offset : texts.offset + len(texts) + 1]
    data = texts.buffers()[2]
    return (np.zeros(0, dtype=np.uint8) if data is None else np.frombuffer(data, dtype=np.uint8)), offsets


def line_index(texts: pa.LargeStringArray, idx: np.ndarray, nl: np.ndarray) -> dict[str, np.ndarray]:
    """The lines of pages ``idx`` (split at ``\\n``, as ``str.split`` does: a page ending in one has an empty
    last line), found by their newlines ``nl`` (from :func:`byte_scan`): per line ``page`` (a position in
    ``idx``), ``ln`` (0-based line in its page), ``start`` (byte offset in the buffer), ``length`` (bytes) and
    ``off`` (byte offset in its page); and ``counts``, the lines of each page. (Splitting the pages into
    strings cost ~2x, most of it in touching the memory of the copy.)

    >>> texts = pa.array(["a\\nbc\\n", "", "x", "\\n\\nyz"], type=pa.large_string())
    >>> got = line_index(texts, np.array([0, 1, 3]), byte_scan(texts)[0])
    >>> data = texts.buffers()[2].to_pybytes()
    >>> [data[s : s + n].decode() for s, n in zip(got["start"], got["length"])]
    ['a', 'bc', '', '', '', '', 'yz']
    >>> got["page"].tolist(), got["ln"].tolist(), got["off"].tolist(), got["counts"].tolist()
    ([0, 0, 0, 1, 2, 2, 2], [0, 1, 2, 0, 0, 1, 2], [0, 2, 5, 0, 0, 1, 2], [3, 1, 3])
    """
    _, offsets = _bytes(texts)
    page_lo, page_hi = offsets[idx], offsets[idx + 1]
    first_nl, stop_nl = np.searchsorted(nl, page_lo), np.searchsorted(nl, page_hi)
    per = stop_nl - first_nl  # newlines of each page
    if len(idx) < len(texts):  # (the newlines of the pages in idx)
        nl = nl[np.repeat(first_nl - (np.cumsum(per) - per), per) + np.arange(int(per.sum()))]
    counts = per + 1
    firsts = np.cumsum(counts) - counts
    total = int(counts.sum())
    page = np.repeat(np.arange(len(idx), dtype=np.int64), counts)
    inner = np.ones(total, dtype=bool)
    inner[firsts] = False
    start = np.empty(total, dtype=np.int64)
    start[firsts] = page_lo
    start[inner] = nl + 1
    lasts = firsts + per
    inner[:] = True
    inner[lasts] = False
    end = np.empty(total, dtype=np.int64)
    end[lasts] = page_hi
    end[inner] = nl
    return {
        "page": page,
        "ln": np.arange(total, dtype=np.int64) - np.repeat(firsts, counts),
        "start": start,
        "length": end - start,
        "off": start - np.repeat(page_lo, counts),
        "counts": counts,
    }
