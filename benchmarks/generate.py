"""Deterministic generator of realistic comment corpora, with the true reply targets.

``corpus(n)`` returns the paths of a cached corpus of ``n`` comments (generating it on first use):

- ``pages/<article_id>.txt``: one copied page per article in the seed's layout (article text,
  ``N Kommentare``, then comments newest first: ``DD.MM.YYYY HH:MM Author Number``, blank line, body);
- ``comments.parquet``: the same comments as one ready table (comment_id, article_id, number,
  author, posted_at tz-aware Europe/Berlin, text), as a platform export would hold them;
- ``truth.parquet``: one row per @-reference written into a text, with the comment it truly answers.

Shape: ``n / 200`` articles of lognormal size; Zipf-like authors (names with spaces, dots, umlauts
and trailing digits); bodies of 50-800 characters with hard breaks and inner blank lines; about
35 % start with a reference in the seed's mixed forms (``@ 12``, ``@12``, ``@9 W. Merseburger:``,
``@ 7, Meckersack,``, ``@Name``), a few carry a second one inside the text, and about 1 % hold an
``@`` that is no reference (an e-mail address, a lone ``@``). The comment numbers skip now and then
(deleted comments), as on real pages. A reference by name answers the named author's latest
comment before the reply (the project's resolution rule); no reference names the replier himself.

``python -m benchmarks.generate --size 10000`` writes one corpus and prints where.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

VERSION = 2
SEED = 20190228
DATA = Path(__file__).resolve().parent / "data"
TZ = "Europe/Berlin"

#: reference forms at the start of a comment, and how often each is used
FORMS = ("space_number", "number", "number_author", "number_comma_author", "name")
FORM_SHARE = (0.20, 0.20, 0.25, 0.10, 0.25)
REF_SHARE = 0.35
SECOND_REF_SHARE = 0.03      # of the comments that start with a reference
NON_REF_SHARE = 0.01
GAP_SHARE = 0.01             # numbers skipped (deleted comments)

FIRST = ("Anna", "Ben", "Jürgen", "Jörg", "Björn", "Günter", "Käthe", "Sören", "Bärbel", "Ralf", "Sabrina",
         "Norbert", "Federico", "Jakob", "Wolfgang", "Uwe", "Heike", "Monika", "Klaus", "Ute", "Dieter",
         "Sybille", "Thomas", "Andreas", "Petra", "Gisela", "Hans-Jürgen", "Karl-Heinz", "Michael", "Frank",
         "Susanne", "Birgit", "Stefan", "Matthias", "Lutz", "Detlef", "Ingrid", "Renate", "Holger", "Ömer",
         "Zoë", "Chloé", "René", "André", "Joachim", "Manfred", "Helga", "Rüdiger", "Kai", "Elke")
LAST = ("Müller", "Schröder", "Weiß", "Böhm", "Krüger", "Köhler", "Schäfer", "Merseburger", "Meier",
        "Schmidt", "Schneider", "Fischer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter",
        "Klein", "Wolf", "Schwarz", "Zimmermann", "Braun", "Hofmann", "Hartmann", "Lange", "Schmitt",
        "Werner", "Krause", "Lehmann", "Schmid", "Schulze", "Maier", "Köster", "Jäger", "Größer", "Löwe",
        "Bäcker", "Dürr", "Fuß", "Groß", "Kühn", "Vogt", "Ludwig", "Sommer", "Brandt", "Haas", "Graf")
NICK = ("Meckersack", "Wessi", "Ossi", "Querdenker", "Realist", "Bürger", "Leser", "Sachse", "Thüringer",
        "Anhaltiner", "Erzgebirgler", "Vogtländer", "Elbflorenz", "Saalefan", "Hallenser", "Leipziger",
        "Zwickauer", "Dresdner", "Skeptiker", "Optimist", "Grübler", "Zeitzeuge", "Nachbar", "Pendler",
        "Rentnerin", "Steuerzahler", "Kleingärtner", "Wähler", "Beobachter", "Wanderer")
ADJ = ("Fragender", "Besorgter", "Alter", "Kritischer", "Müder", "Ehrlicher", "Stiller", "Wütender",
       "Gelassener", "Neugieriger")
NOUN = ("Rentner", "Bürger", "Leser", "Vater", "Sachse", "Ossi", "Wessi", "Zuschauer", "Nachbar", "Pendler")
REGION = ("NRW", "MV", "LSA", "Sachsen", "Thüringen", "aus Halle", "aus Gera", "vom Land", "HH", "BW")

WORDS = ("der die das und ist nicht ein eine zu den von mit sich auf für es auch als an nach wie im "
         "noch wird bei aus hat dass sie er wir man nur so oder aber wenn schon mehr kann vor über "
         "sind was doch mal ja hier gibt wieder immer ganz sehr diese dieser unsere ihre alle viele "
         "Regierung Politik Menschen Land Staat Sanktionen Gipfel Treffen Frage Antwort Meinung Medien "
         "Bericht Kommentar Zukunft Geschichte Wahrheit Demokratie Wirtschaft Arbeit Geld Steuern Rente "
         "Straße Schule Kinder Familie Nachbarn Stadt Dorf Osten Westen Welt Krieg Frieden Verhandlung "
         "Ergebnis Lösung Problem Schritt Weg Ziel Grund Sache Zeit Jahre Woche Tag Abend Beispiel "
         "müssen sollten könnten wollen haben werden sagen glauben denken meinen sehen verstehen "
         "bezweifeln erklären verlangen zustimmen abwarten überzeugen berichten entscheiden "
         "natürlich leider eigentlich wirklich offensichtlich vielleicht jedenfalls zumindest trotzdem "
         "deshalb außerdem übrigens bisher endlich völlig ziemlich größer kleiner schwierig einfach "
         "richtig falsch gut schlecht wichtig möglich nötig klar ähnlich gefährlich unglaublich "
         "schön müde froh traurig ärgerlich fair ehrlich öffentlich früher später heute morgen").split()


@dataclass(frozen=True)
class Corpus:
    """Where a generated corpus lives, and its size."""

    folder: Path
    n: int
    seed: int

    @property
    def pages(self) -> Path:
        return self.folder / "pages"

    @property
    def parquet(self) -> Path:
        return self.folder / "comments.parquet"

    @property
    def truth(self) -> Path:
        return self.folder / "truth.parquet"

    @property
    def meta(self) -> dict:
        return json.loads((self.folder / "meta.json").read_text(encoding="utf-8"))


def corpus(n: int, *, seed: int = SEED, root: Path | str = DATA) -> Corpus:
    """The corpus of ``n`` comments, generated into ``root`` on first use and cached there."""
    folder = Path(root) / f"n{n}-s{seed}-v{VERSION}"
    c = Corpus(folder, n, seed)
    if not (folder / "meta.json").exists():
        generate(n, folder, seed=seed)
    return c


# ---------------------------------------------------------------- pieces

def author_names(count: int, rng: np.random.Generator) -> list[str]:
    """``count`` distinct author names in the styles seen on German comment pages."""
    names, seen = [], set()
    styles = rng.choice(8, size=count, p=[0.16, 0.22, 0.14, 0.16, 0.08, 0.08, 0.08, 0.08])
    pick = rng.integers(0, 1 << 30, size=(count, 3))
    for style, (a, b, c) in zip(styles.tolist(), pick.tolist()):
        f, la, ni = FIRST[a % len(FIRST)], LAST[b % len(LAST)], NICK[c % len(NICK)]
        if style == 0:
            name = f                                    # Sabrina
        elif style == 1:
            name = f"{f} {la}"                          # Jürgen Müller
        elif style == 2:
            name = f"{f[0]}. {la}"                      # W. Merseburger
        elif style == 3:
            name = f"{ni}{c % 100:02d}" if c % 3 else f"{ni}{1940 + c % 70}"   # Leser1985, Ossi07
        elif style == 4:
            name = f"{ADJ[a % len(ADJ)]} {NOUN[b % len(NOUN)]}"               # Fragender Rentner
        elif style == 5:
            name = f"{f} {REGION[b % len(REGION)]}"     # Norbert NRW
        elif style == 6:
            name = f"Dr. {la}" if a % 2 else f"{f} {la[0]}."                  # Dr. Böhm, Ute K.
        else:
            name = ni                                   # Meckersack
        base, k = name, 1
        while name in seen:
            k += 1
            name = f"{base}{k}" if not base[-1].isdigit() else f"{base}_{k}"
        seen.add(name)
        names.append(name)
    return names


def word_pool(rng: np.random.Generator, n_words: int = 400_000) -> str:
    """A long run of German-like sentences with hard line breaks and blank lines, no digits, no ``@``."""
    words = np.array(WORDS)
    idx = rng.integers(0, len(words), size=n_words)
    lengths = rng.integers(5, 21, size=n_words // 5)
    ends = rng.choice(np.array([". ", "! ", "? ", ".\n", ".\n\n", "! ", ".\n\n"]), size=len(lengths),
                      p=[0.62, 0.08, 0.08, 0.08, 0.06, 0.04, 0.04])
    out, pos = [], 0
    for length, end in zip(lengths.tolist(), ends.tolist()):
        sent = words[idx[pos:pos + length]].tolist()
        pos += length
        if not sent:
            break
        sent[0] = sent[0][:1].upper() + sent[0][1:]
        out.append(" ".join(sent) + end)
    return "".join(out)


def _bodies(pool: str, lengths: np.ndarray, offsets: np.ndarray) -> list[str]:
    """Cut bodies from ``pool`` at word boundaries; each has text and no blank edge."""
    out = []
    for o, length in zip(offsets.tolist(), lengths.tolist()):
        s = pool.find(" ", o) + 1
        e = pool.rfind(" ", s, s + length)
        body = pool[s:e if e > s else s + length].strip()
        out.append(body or "Ja.")
    return out


def _non_reference(rng: np.random.Generator, k: int) -> list[str]:
    kinds = rng.choice(3, size=k, p=[0.6, 0.25, 0.15])
    users = rng.choice(np.array(["leserbrief", "info", "redaktion", "m.mueller", "kontakt"]), size=k)
    hosts = rng.choice(np.array(["beispiel-zeitung.de", "example.org", "mdr-example.de"]), size=k)
    out = []
    for kind, u, h in zip(kinds.tolist(), users.tolist(), hosts.tolist()):
        if kind == 0:
            out.append(f" Schreiben Sie an {u}@{h} dazu.")
        elif kind == 1:
            out.append(" wir sehen uns @ heimat und reden.")
        else:
            out.append(" so sieht es aus @")
    return out


# ---------------------------------------------------------------- the corpus

def generate(n: int, folder: Path | str, *, seed: int = SEED) -> Corpus:
    """Write a corpus of ``n`` comments into ``folder`` (replacing what is there)."""
    t0 = time.perf_counter()
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "pages").mkdir(parents=True)
    rng = np.random.default_rng([seed, n])

    # articles of lognormal size summing to n
    n_art = max(1, round(n / 200))
    w = rng.lognormal(0.0, 1.0, size=n_art)
    sizes = 1 + rng.multinomial(n - n_art, w / w.sum())
    art = np.repeat(np.arange(n_art), sizes)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pos = np.arange(n) - starts[art]
    aids = [f"a{i:06d}" for i in range(n_art)]

    # times: strictly increasing minutes inside an article, no DST change inside the date range
    year = rng.integers(2017, 2022, size=n_art)
    day = rng.integers(0, 160, size=n_art)          # 10 April .. 16 September
    start = (np.array([f"{y}-04-10" for y in year.tolist()], dtype="datetime64[m]")
             + (day * 1440 + rng.integers(6 * 60, 22 * 60, size=n_art)).astype("timedelta64[m]"))
    mean_gap = np.clip(2880 / sizes, 1.5, 180)[art]
    gaps = rng.geometric(1.0 / mean_gap)
    gaps[starts] = 0
    cum = np.cumsum(gaps)
    minutes = cum - cum[starts][art]
    local = start[art] + minutes.astype("timedelta64[m]")
    # numbers: 1.. per article, skipping now and then
    step = 1 + (rng.random(n) < GAP_SHARE)
    cstep = np.cumsum(step)
    numbers = cstep - cstep[starts][art] + step[starts][art]

    # authors: Zipf-like over a pool of n/8 names
    n_auth = max(30, n // 8)
    names = author_names(n_auth, rng)
    ranks = np.arange(n_auth)
    p = (ranks + 5.0) ** -1.05
    author = rng.choice(n_auth, size=n, p=p / p.sum())

    # first reference: a recent earlier comment by someone else (up to four tries)
    has_ref = (pos > 0) & (rng.random(n) < REF_SHARE * n / max(1, n - n_art))
    target = np.full(n, -1)
    for _ in range(4):
        d = rng.geometric(0.25, size=n)
        cand = np.arange(n) - np.minimum(d, pos)
        ok = has_ref & (target < 0) & (pos > 0) & (author[cand] != author)
        target[ok] = cand[ok]
    has_ref &= target >= 0
    form = rng.choice(len(FORMS), size=n, p=FORM_SHARE)
    second = has_ref & (rng.random(n) < SECOND_REF_SHARE)
    second_cand = np.arange(n) - np.minimum(rng.geometric(0.2, size=n), pos)
    second &= (author[second_cand] != author)
    non_ref = rng.random(n) < NON_REF_SHARE

    # by name: the named author's latest comment before the reply (one pass, article by article)
    by_name = has_ref & (form == FORMS.index("name"))
    need = np.flatnonzero(by_name | second)
    latest = {}
    author_l, art_l, target_l, cand2_l = author.tolist(), art.tolist(), target.tolist(), second_cand.tolist()
    need_set = set(need.tolist())
    last: dict[int, int] = {}
    cur_art = -1
    for i in range(n):
        if art_l[i] != cur_art:
            cur_art, last = art_l[i], {}
        if i in need_set:
            if by_name[i]:
                latest[("first", i)] = last[author_l[target_l[i]]]
            if second[i]:
                latest[("second", i)] = last[author_l[cand2_l[i]]]
        last[author_l[i]] = i
    for i in np.flatnonzero(by_name).tolist():
        target[i] = latest[("first", i)]
    for i in np.flatnonzero(second).tolist():
        second_cand[i] = latest[("second", i)]
    # a second reference to the same comment as the first would be a duplicate edge: drop it
    second &= second_cand != target

    # bodies
    pool = word_pool(rng)
    lengths = 50 + np.round(750 * rng.beta(1.6, 2.2, size=n)).astype(np.int64)   # 50..800, mean ~365
    offsets = rng.integers(0, len(pool) - 1000, size=n)
    texts = _bodies(pool, lengths, offsets)
    seps = rng.choice(np.array([": ", ", ", "\n"]), size=n).tolist()
    non_ref_bits = iter(_non_reference(rng, int(non_ref.sum())))
    num_l, form_l = numbers.tolist(), form.tolist()
    truth_src, truth_tgt, truth_form = [], [], []
    for i in np.flatnonzero(has_ref | second | non_ref).tolist():
        body = texts[i]
        if second[i]:
            t2 = cand2_l[i] = int(second_cand[i])
            cut = body.find(" ", len(body) // 3)
            mid = f" (wie @{names[author_l[t2]]} schon schrieb)"
            body = f"{body[:cut]}{mid}{body[cut:]}" if cut > 0 else body + mid
        if non_ref[i]:
            body = body + non_ref_bits.__next__()
        if has_ref[i]:
            t = int(target[i])
            tn, ta, f = num_l[t], names[author_l[t]], form_l[i]
            if f <= 1 and body.startswith("Jahre"):
                rest = body.split(maxsplit=1)       # "@12 Jahre ..." reads as a quantity, not a reference
                body = rest[1] if len(rest) > 1 else "Ja."
            if f == 0:
                head = f"@ {tn} "
            elif f == 1:
                head = f"@{tn} "
            elif f == 2:
                head = f"@{tn} {ta}: "
            elif f == 3:
                head = f"@ {tn}, {ta},\n"
            else:
                head = f"@{ta}{seps[i]}"
            body = head + body
            truth_src.append(i)
            truth_tgt.append(t)
            truth_form.append(FORMS[f])
        if second[i]:
            truth_src.append(i)
            truth_tgt.append(cand2_l[i])
            truth_form.append("name_inside")
        texts[i] = body

    # ids, time strings
    ids = [f"{aids[a]}/{k}" for a, k in zip(art_l, num_l)]
    stamps = pa.array(local.astype("datetime64[s]"), type=pa.timestamp("s"))
    shown = pc.strftime(stamps, format="%d.%m.%Y %H:%M").to_pylist()
    author_names_l = [names[a] for a in author_l]

    # pages: article head, then the comments newest first
    words = np.array(WORDS)
    for a in range(n_art):
        s, e = int(starts[a]), int(starts[a] + sizes[a])
        upd = local[e - 1] + np.timedelta64(int(rng.integers(5, 600)), "m")
        upd_s = str(upd.astype("datetime64[m]"))
        y, mo, dd, hh = upd_s[:4], int(upd_s[5:7]), int(upd_s[8:10]), upd_s[11:16]
        months = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                  "Oktober", "November", "Dezember")
        title = " ".join(words[rng.integers(0, len(words), 7)].tolist()).capitalize()
        para = pool[int(rng.integers(0, len(pool) - 2000)):][:600].split(" ", 1)[-1].rsplit(" ", 1)[0]
        head = (f"{title}\n\n{para.strip()}\n\nDieses Thema im Programm: MDR AKTUELL | {dd}. {months[mo - 1]} {y}\n\n"
                f"Zuletzt aktualisiert: {dd}. {months[mo - 1]} {y}, {hh} Uhr\n\n"
                f"{num_l[e - 1]} Kommentare\n\n")
        blocks = [f"{shown[i]} {author_names_l[i]} {num_l[i]}\n\n{texts[i]}" for i in range(e - 1, s - 1, -1)]
        (folder / "pages" / f"{aids[a]}.txt").write_text(head + "\n\n".join(blocks) + "\n", encoding="utf-8")

    # the same comments as one ready table, and the truth
    posted = pc.assume_timezone(pa.array(local.astype("datetime64[us]"), type=pa.timestamp("us")), TZ)
    table = pa.table({
        "comment_id": pa.array(ids, pa.string()),
        "article_id": pa.array([aids[a] for a in art_l], pa.string()),
        "number": pa.array(numbers, pa.int64()),
        "author": pa.array(author_names_l, pa.string()),
        "posted_at": posted,
        "text": pa.array(texts, pa.string()),
    })
    pq.write_table(table, folder / "comments.parquet")
    order = np.argsort(np.asarray(truth_src), kind="stable")
    truth = pa.table({
        "source_comment_id": pa.array([ids[truth_src[k]] for k in order], pa.string()),
        "target_comment_id": pa.array([ids[truth_tgt[k]] for k in order], pa.string()),
        "form": pa.array([truth_form[k] for k in order], pa.string()),
    })
    pq.write_table(truth, folder / "truth.parquet")
    page_bytes = sum(f.stat().st_size for f in (folder / "pages").iterdir())
    meta = {"n": n, "seed": seed, "version": VERSION, "articles": n_art, "authors": n_auth,
            "references": len(truth_src), "comments_with_reference": int(has_ref.sum()),
            "non_references": int(non_ref.sum()), "page_bytes": page_bytes,
            "seconds": round(time.perf_counter() - t0, 2)}
    (folder / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return Corpus(folder, n, seed)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--force", action="store_true", help="generate again even when cached")
    args = ap.parse_args(argv)
    folder = DATA / f"n{args.size}-s{args.seed}-v{VERSION}"
    c = generate(args.size, folder, seed=args.seed) if args.force else corpus(args.size, seed=args.seed)
    print(c.folder)
    print(json.dumps(c.meta, indent=2))


if __name__ == "__main__":
    main()
