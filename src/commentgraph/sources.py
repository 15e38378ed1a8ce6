"""The only file reader: bytes to text (BOMs, UTF-8/UTF-16/cp1252, line endings)."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from .errors import ReadError
from .schema import scrub_surrogates

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

#: control characters that text files do not hold (tab, newlines, form feed and escape aside)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0e, 0x1b), *range(0x1c, 0x20), 0x7f])
#: share of control characters in the first 64k characters above which the data is binary
_MAX_CONTROL_SHARE = 0.05

#: a path-like string names a file rather than holding page text
_MAX_PATH_CHARS = 4096


def _exists(source: str) -> bool:
    try:
        return Path(source).exists()
    except (OSError, ValueError):   # a name too long for the file system, a NUL: not a path
        return False


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
        not source.startswith("<")) and (
        Path(source).suffix != "" or os.sep in source or _exists(source))


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode bytes of a text file: BOM first, then UTF-8, then cp1252 (latin-1 for its gaps).

    Returns ``(text, encoding)`` with line endings normalised to ``\\n``.
    Raises :class:`ReadError` for binary data.

    >>> decode("Grüße\\r\\n".encode("cp1252"))
    ('Grüße\\n', 'cp1252')
    """
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReadError(f"this is {what}, not text", source=name, line=1)
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
    if text is None and b"\x00" in data[:65536]:
        text, encoding = _utf16_without_bom(data, name)
    if text is None:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            # cp1252 leaves five bytes undefined; those keep their latin-1 meaning
            text = data.decode("cp1252", errors="commentgraph-latin1")
            encoding = "cp1252"
    if encoding in ("utf-8", "cp1252") and len(data.translate(None, _CONTROL_BYTES)) == len(data):
        controls = []   # (these decoders map each such byte, and only it, to its control character: ~4x faster)
    else:
        head = text[:65536]
        controls = _CONTROL.findall(head)
    if "\x00" in text or (controls and len(controls) > max(3, _MAX_CONTROL_SHARE * len(head))):
        first = _CONTROL.search(text)
        raise ReadError(f"binary data ({len(controls)} control characters such as {first[0]!r}), not text",
                        source=name, line=text.count("\n", 0, first.start()) + text.count("\r", 0, first.start()) + 1)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, encoding


def _utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """UTF-16 text that lost its byte-order mark (NUL in every other byte), else a ReadError."""
    head = data[:65536]
    even, odd = head[0::2], head[1::2]
    for enc, zeros, other in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if len(data) % 2 == 0 and zeros.count(0) > 0.4 * len(zeros) and other.count(0) == 0:
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                break
    at = data.index(b"\x00")
    raise ReadError("binary data (NUL bytes), not text", source=name, line=data.count(b"\n", 0, at) + 1)


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
        text = scrub_surrogates(source.lstrip("\ufeff"))  # lone surrogates have no UTF-8 form
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text, "<text>", "str"
    raise ReadError(f"cannot read a {type(source).__name__}; give a path, bytes or the text itself")
