"""Problem rows: what a reader could not place, collected instead of dropped."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .errors import ReadError
from .schema import conform, empty

EXCERPT_CHARS = 120

#: severity "error": something in the input could not be placed as written (strict mode raises);
#: severity "notice": a fact worth reporting that is not an error (a declared count that differs,
#: a gap in the numbering, an ambiguous DST hour).
SEVERITIES = ("error", "notice")


def excerpt(text: str | None, limit: int = EXCERPT_CHARS) -> str:
    """A short, single-line excerpt of ``text`` for a problem row.

    >>> excerpt("a\\nb" + "x" * 200)[:5]
    'a⏎bxx'
    """
    if text is None:
        return ""
    flat = str(text).replace("\r", "").replace("\n", "⏎")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass
class Problems:
    """Collects problem rows for one source; raises at the first error when ``strict``."""

    source: str
    strict: bool = False
    rows: list[dict] = field(default_factory=list)

    def add(self, kind: str, message: str, *, line: int | None = None, excerpt_text: str | None = None,
            severity: str = "error") -> None:
        if self.strict and severity == "error":
            raise ReadError(f"{kind}: {message}", source=self.source, line=line)
        self.rows.append({"source": self.source, "line": line, "kind": kind, "message": message,
                          "excerpt": excerpt(excerpt_text), "severity": severity})

    def frame(self) -> pd.DataFrame:
        if not self.rows:
            return empty("problems")
        return conform(pd.DataFrame(self.rows), "problems")
