"""The only file reader: bytes to text (BOMs, UTF-8/UTF-16/cp1252, line endings)."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from .errors import ReadError

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_MAGIC = {b"\x89PNG": "a PNG image", b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP archive",
          b"\x1f\x8b": "a gzip archive", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
          b"PAR1": "a Parquet file"}
codecs.register_error(
    "commentgraph-latin1", lambda e: (e.object[e.start:e.end].decode("latin-1"), e.end))

#: a path-like string names a file rather than holding page text
_MAX_PATH_CHARS = 4096


def looks_like_path(source) -> bool:
    """True when ``source`` is a path (Path, or a short one-line string) rather than text itself.

    >>> looks_like_path("data/raw/page.txt"), looks_like_path("01.03.2019 11:25 A 1\\n\\nHi")
    (True, False)
    """
    if isinstance(source, os.PathLike):
        return True
    if not isinstance(source, str):
        return False
    return "\n" not in source and "\r" not in source and 0 < len(source) <= _MAX_PATH_CHARS and (
        Path(source).suffix != "" or os.sep in source or Path(source).exists())


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes of a text file: BOM first, then UTF-8, then cp1252 (latin-1 for its gaps).

    Returns ``(text, encoding)`` with line endings normalised to ``\\n``.
    Raises :class:`ReadError` for binary data.

    >>> decode("Grüße\\r\\n".encode("cp1252"))
    ('Grüße\\n', 'cp1252')
    """
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(f"this is {what}, not text", source=name)
    text = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(enc)
            except UnicodeDecodeError as e:
                raise ReadError(f"bytes after the {enc} byte-order mark do not decode: {e.reason}",
                                source=name) from None
            encoding = enc + "-bom" if enc == "utf-8" else enc
            break
    if text is None:
        if b"\x00" in data[:65536]:
            raise ReadError("binary data (NUL bytes), not text", source=name)
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; those keep their latin-1 meaning
            text = data.decode("cp1252", errors="commentgraph-latin1")
            encoding = "cp1252"
    if "\x00" in text:
        raise ReadError("binary data (NUL characters), not text", source=name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def read_text(source) -> tuple[str, str, str]:
    """Text of a path, bytes or str: ``(text, name, encoding)``.

    >>> read_text("a\\r\\nb")[0]
    'a\\nb'
    """
    if isinstance(source, bytes | bytearray):
        text, enc = decode(bytes(source))
        return text, "<bytes>", enc
    if looks_like_path(source):
        path = Path(source)
        name = str(path)
        if not path.exists():
            raise ReadError("no such file", source=name)
        if path.is_dir():
            raise ReadError("is a folder, not a file", source=name)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ReadError(f"cannot read: {e.strerror}", source=name) from None
        text, enc = decode(data, name)
        return text, name, enc
    if isinstance(source, str):
        text = source.lstrip("\ufeff")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text, "<text>", "str"
    raise ReadError(f"cannot read a {type(source).__name__}; give a path, bytes or the text itself")
