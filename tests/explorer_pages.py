"""A copied comment page of many comments in ONE article (the seed's layout), for the explorer's tests.

Built so the answers are known: comment #6 by W. Merseburger opens the longest thread, a chain
#6 <- #7 (Meckersack, '@6 W. Merseburger:') <- #9 (W. Merseburger, '@ 7, Meckersack,') <- #10
(Meckersack, an emoji and then '@9 W. Merseburger:') <- #11 <- ... that runs CHAIN comments deep;
other comments answer a recent earlier one or nobody. Three comments carry hostile markup
(HOSTILE), which must be shown as text and never run.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

CHAIN = 400
HOSTILE = [
    "Achtung <script>window.__pwned = 'script'</script> Ende",
    'Bild: <img src=x onerror="window.__pwned = \'img\'"> Ende',
    "Link: <a href=\"javascript:window.__pwned='link'\">klick</a> und javascript:window.__pwned='bare' Ende",
]
WORDS = ("der die das und nicht Regierung Gipfel Trump Kim Medien Frieden Wahrheit Meinung sehen glauben "
         "natürlich leider eigentlich wirklich heute Politik Menschen Land Frage Antwort Problem").split()


def _names(rng: random.Random, k: int) -> list[str]:
    first = ("Anna", "Ben", "Jürgen", "Käthe", "Sören", "Heike", "Uwe", "Petra", "Ömer", "Zoë", "Ralf", "Ute")
    last = ("Müller", "Schröder", "Weiß", "Böhm", "Krüger", "Köhler", "Meier", "Koch", "Lange", "Vogt")
    names = {f"{rng.choice(first)} {rng.choice(last)}{rng.randrange(100)}" for _ in range(k * 2)}
    return sorted(names)[:k]


def big_page(path, n: int = 10_000, *, seed: int = 16) -> Path:
    """Write a page of ``n`` comments (numbers 1..n, printed newest first) to ``path``."""
    rng = random.Random(seed)
    pool = _names(rng, 300)
    author = [rng.choice(pool) for _ in range(n + 1)]
    text = [""] * (n + 1)
    chain = list(range(6, 6 + CHAIN + 1))
    chain.remove(8)  # 8 stands outside the chain, as in the seed
    chain_set = set(chain)
    for k, num in enumerate(chain):
        author[num] = ("W. Merseburger", "Meckersack")[k % 2]
    for num in range(1, n + 1):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(8, 60)))
        if num in chain[1:]:
            prev = chain[chain.index(num) - 1]
            ref = {7: "@6 W. Merseburger:", 9: "@ 7, Meckersack,", 10: "😀 @9 W. Merseburger:"}.get(
                num, f"@{prev} {author[prev]}:")
            text[num] = f"{ref} {body}"
        elif num > 20 and rng.random() < 0.4:
            target = num - rng.randrange(1, min(num - 1, 60))
            ok = target not in chain_set and author[target] != author[num]
            text[num] = (body if not ok else f"@{target} {author[target]}: {body}" if rng.random() < 0.5
                         else f"@ {target} {body}")
        else:
            text[num] = body
    for k, hostile in enumerate(HOSTILE):
        text[CHAIN + 100 + k] = hostile
    start = datetime(2019, 3, 1, 8, 0)
    lines = ["Ein Artikel mit sehr vielen Kommentaren", "", "Text des Artikels.", "", f"{n} Kommentare", ""]
    for num in range(n, 0, -1):
        t = start + timedelta(minutes=num)
        lines += [f"{t:%d.%m.%Y %H:%M} {author[num]} {num}", "", *text[num].split("\n"), ""]
    path = Path(path)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
