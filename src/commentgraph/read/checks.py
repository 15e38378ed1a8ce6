"""Page checks that return problem rows: duplicate numbers, gaps in the numbering, numbers out of order."""

from __future__ import annotations

from collections import Counter

from ..problems import Problems


def _out_of_order(seq: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(number, line) of the comments whose number breaks the page's main direction (up or down).

    >>> _out_of_order([(1, 1), (2, 5), (9, 9), (3, 13), (4, 17)])
    [(3, 13)]
    """
    steps = [b[0] - a[0] for a, b in zip(seq, seq[1:])]
    up, down = sum(s > 0 for s in steps), sum(s < 0 for s in steps)
    if len(seq) < 3 or not (up and down):
        return []
    wrong = (lambda s: s < 0) if up >= down else (lambda s: s > 0)
    return [seq[i + 1] for i, s in enumerate(steps) if wrong(s)]


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
            # (the runs between numbers present: a range of all numbers cost minutes for numbers like 180802225)
            gaps = [span(a + 1, b - 1) for a, b in zip(present, present[1:]) if b - a > 1]
            if gaps:
                probs.add(
                    "number_gap",
                    f"numbers {', '.join(gaps)} are missing between {present[0]} and {present[-1]}",
                    severity="notice",
                )
            for i, ln in _out_of_order([(x, ln) for x, ln in zip(numbers, line_of) if x is not None]):
                probs.add(
                    "numbers_out_of_order",
                    f"number {i} breaks the page's order (comment numbers run neither up nor down the page here)",
                    line=ln,
                    excerpt_text=str(i),
                    severity="notice",
                )
    return by_line, present
