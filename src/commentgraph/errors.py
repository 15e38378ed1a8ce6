"""The package's one error class."""

from __future__ import annotations


class ReadError(ValueError):
    """Input that commentgraph cannot read, naming the file and line where known.

    >>> str(ReadError("not a table", source="x.csv", line=3))
    'x.csv, line 3: not a table'
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.message = message
        self.source = source
        self.line = line
        where = source or "<input>"
        if line is not None:
            where = f"{where}, line {line}"
        super().__init__(f"{where}: {message}")
