"""Page checks that return problem rows: duplicate numbers, gaps in the numbering, numbers out of order."""

from __future__ import annotations

from collections import Counter

import numpy as np

from ..problems import Problems


def span(a: int, b: int) -> str:
    """``"a"`` or ``"a..b"``.

    >>> span(3, 3), span(1, 5)
    ('3', '1..5')
    """
    return f"{a}" if a == b else f"{a}..{b}"


def number_ids(numbers: list, line_of: list, excerpts: list, probs: Problems) -> tuple[bytes, list]:
    """Which comments take their id from the header line (no number, or a duplicate one), and the numbers
    present; duplicate numbers, gaps and numbers out of order go to ``probs``."""
    n = len(numbers)
    numbered = n - numbers.count(None)
    # duplicates keep both comments; ids fall back to the header's line
    if (
        numbered == n
        and n
        and (
            numbers == list(range(numbers[0], numbers[0] - n, -1)) or numbers == list(range(numbers[0], numbers[0] + n))
        )
    ):
        # one run up or down the page (the usual page): no duplicates, gaps or numbers out of order
        by_line, present = bytes(n), [min(numbers[0], numbers[-1]), max(numbers[0], numbers[-1])]
    else:
        counts = Counter(numbers)
        if len(counts) == n and None not in counts:
            dup = by_line = [False] * n
        else:
            dup = [x is not None and counts[x] > 1 for x in numbers]
            by_line = [x is None or d for x, d in zip(numbers, dup)]
        seen_dup = set()
        for i in [i for i, d in enumerate(dup) if d]:
            if numbers[i] in seen_dup:
                probs.add(
                    "duplicate_number",
                    f"number {numbers[i]} appears more than once; both comments are kept (ids use the header line)",
                    line=line_of[i],
                    excerpt_text=excerpts[i],
                )
            seen_dup.add(numbers[i])
        by_line = bytes(by_line)
        present = sorted({x for x in numbers if x is not None})
        if present:
            seq = [(x, ln) for x, ln in zip(numbers, line_of) if x is not None]
            number_notes(np.array([x for x, _ in seq], dtype=np.int64), [ln for _, ln in seq], probs)
    return by_line, present


def _gap_message(spans: list, lo, hi) -> str:
    return f"numbers {', '.join(spans)} are missing between {lo} and {hi}"


def number_notes(numbers: np.ndarray, line_of, probs: Problems) -> None:
    """Gaps in a page's numbering and numbers out of its order (``numbers`` in page order, none missing).

    >>> p = Problems("page")
    >>> number_notes(np.array([5, 4, 9, 1]), [1, 5, 9, 13], p)
    >>> [(r["kind"], r["line"], r["message"][:24]) for r in p.rows]
    [('number_gap', None, 'numbers 2..3, 6..8 are m'), ('numbers_out_of_order', 9, 'number 9 breaks the page')]
    """
    present = np.unique(numbers)
    # (the runs between numbers present: a range of all numbers cost minutes for numbers like 180802225)
    at = np.flatnonzero(np.diff(present) > 1)
    if len(at):
        gaps = [span(a + 1, b - 1) for a, b in zip(present[at].tolist(), present[at + 1].tolist())]
        probs.add("number_gap", _gap_message(gaps, present[0], present[-1]), severity="notice")
    steps = np.diff(numbers)
    up, down = int((steps > 0).sum()), int((steps < 0).sum())
    if len(numbers) < 3 or not (up and down):
        return
    for k in np.flatnonzero(steps < 0 if up >= down else steps > 0).tolist():
        probs.add(
            "numbers_out_of_order",
            f"number {int(numbers[k + 1])} breaks the page's order (comment numbers run neither up nor down the "
            "page here)",
            line=int(line_of[k + 1]),
            excerpt_text=str(int(numbers[k + 1])),
            severity="notice",
        )


def pages_number_gaps(numbers: np.ndarray, bounds: np.ndarray) -> tuple[dict, np.ndarray, np.ndarray]:
    """:func:`number_notes` for many pages at once (page ``j``: ``numbers[bounds[j]:bounds[j + 1]]``, unique
    numbers): ``(gaps, mixed, lo_hi)``, the gap note of each page that runs one way (page -> message),
    which pages run both ways (for ``number_notes``), and each page's ``[min, max]``. (Per page with
    numpy it cost ~0.1 ms.)

    >>> gaps, mixed, lo_hi = pages_number_gaps(np.array([1, 2, 5, 9, 7, 3, 1, 2]), np.array([0, 3, 6, 8]))
    >>> gaps, mixed.tolist(), lo_hi.tolist()
    ({0: 'numbers 3..4 are missing between 1 and 5', 1: 'numbers 4..6, 8 are missing between 3 and 9'}, \
[False, False, False], [[1, 5], [3, 9], [1, 2]])
    """
    bounds = np.asarray(bounds, dtype=np.int64)
    n_pages = len(bounds) - 1
    page = np.repeat(np.arange(n_pages), np.diff(bounds))
    steps = np.diff(numbers)
    inner = page[1:] == page[:-1]
    up = np.bincount(page[1:][inner & (steps > 0)], minlength=n_pages)
    down = np.bincount(page[1:][inner & (steps < 0)], minlength=n_pages)
    mixed = (up > 0) & (down > 0)
    at = np.flatnonzero(inner & (np.abs(steps) > 1) & ~mixed[page[1:]])
    spans: dict[int, list] = {}
    for j, a, b in zip(page[at].tolist(), numbers[at].tolist(), numbers[at + 1].tolist()):
        spans.setdefault(j, []).append(span(a + 1, b - 1) if a < b else span(b + 1, a - 1))
    starts = bounds[:-1]
    lo, hi = np.minimum.reduceat(numbers, starts), np.maximum.reduceat(numbers, starts)
    gaps = {j: _gap_message(x if up[j] else x[::-1], lo[j], hi[j]) for j, x in spans.items()}
    return gaps, mixed, np.stack([lo, hi], axis=1)
