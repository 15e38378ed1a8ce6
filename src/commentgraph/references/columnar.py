"""The common references of all texts at once: ``@12``, ``@12 Anna:``, ``@Anna Maria``, matched by joins.

:func:`settle` reads the ``@``-references of many texts column-wise (Polars) where it can be sure to find
what the per-text reader (:func:`extract.extract`'s loop over :data:`extract.MENTION`) finds: a number, or
a name that is exactly the key of an author of the article, written in letters of Latin-1 after an ``@``
that stands at the start of the text or after a space. A text holding any other form (an unknown or
loosely matched name, a URL, quote or user links, a reply line, an address, a glued handle, other
scripts) is left to the per-text reader, whole: the two never share a text, and a test holds them equal.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import polars as pl

from .loose import loose_hits
from .match import STOPWORDS, TITLES
from .namecols import ALNUM, LOWER, SAFE, UPPER, norm, norm_tokens
from .names import author_keys, role_keys

_GAP = r"[ .,'’_\-]{1,3}"
_MAX_TOKENS = 6  # as names._MAX_TOKENS
#: up to six name tokens and the gaps between them (as ``names._NAME_TOKENS``)
_TOKENS = f"^([{ALNUM}]+)" + f"(?:({_GAP})([{ALNUM}]+)" * (_MAX_TOKENS - 1) + ")?" * (_MAX_TOKENS - 1)
#: what may stand before an ``@`` that starts a reference here (else the text goes to the per-text reader) ...
_OPEN = ("", " ", "\n", "\t")
#: ... and what makes it no reference at all (``(?<![\w@＠/+=%&~\\-])`` in :data:`extract.MENTION`)
_WORDLIKE = f"^[{ALNUM}_+=%&~\\\\]$"  # (a slash: the per-text reader decides, "@Anna/@Ben" or a URL)
#: a number that is no reference: ``12:30``, ``12,5``, ``12 %``, ``12 Uhr`` (as in :data:`extract.MENTION`)
_NOT_NUMBER = rf"^(?:[.,:][0-9]|[ \t]?(?:[%€$]|(?:Uhr|Euro|EUR|Prozent|Dollar|USD|Jahre?n?)(?:[^{ALNUM}_]|$)))"
#: a token with a glued cut (``names.INNER_CUT``: ``AnnaThanks``, ``Rob_KThe``)
_INNER_CUT = f"[{LOWER}0-9][{UPPER}]|[{UPPER}][{UPPER}][{LOWER}]"
#: ``match._WORD`` (``\.(?=x)`` read as ``\.x``: the same matches)
_FIRST_WORD = rf"^[{ALNUM}](?:[{ALNUM}_'’\-]|\.-?[^\W\d_])*\.?"


class Authors(NamedTuple):
    """The authors of the articles a columnar read needs: ``keys`` (art, key, author, shared) for exact
    matches, ``pairs`` (art, author), every author of each article, for loose-match checks."""

    keys: pl.DataFrame
    pairs: pl.DataFrame


def key_table(articles: np.ndarray, authors: pd.Series, need: np.ndarray) -> Authors:
    """(art, key) -> the author an exact name match takes, and whether several authors share the key (then
    only the per-text reader decides, by spelling), for the articles where ``need[art]``; and every (art,
    author) of those articles with a key, in the order first written.

    >>> authors = pd.Series(["Anna", "anna", "Ben", "Anna"])
    >>> keys, pairs = key_table(np.array([0, 0, 0, 1]), authors, np.array([True, False]))
    >>> keys.rows(), pairs.rows()
    ([(0, 'anna', 'Anna', True), (0, 'ben', 'Ben', False)], [(0, 'Anna'), (0, 'anna'), (0, 'Ben')])
    """
    codes, uniq = pd.factorize(authors)
    keys = np.append(author_keys(uniq.tolist()), None)  # code -1 (no author): None
    key_codes, key_uniq = pd.factorize(keys)
    rows = np.flatnonzero(need[articles] & (key_codes[codes] >= 0))
    art = articles[rows].astype(np.int64)
    # each (article, author) once, in the order first written; then each (article, key): its first author
    pair = art * (len(uniq) + 1) + codes[rows]
    rows = rows[np.sort(np.unique(pair, return_index=True)[1])]
    art = articles[rows].astype(np.int64)
    by_key = art * (len(key_uniq) + 1) + key_codes[codes[rows]]
    _, first, count = np.unique(by_key, return_index=True, return_counts=True)
    first_row = rows[first]
    order = np.argsort(first, kind="stable")
    table = pl.DataFrame(
        {
            "art": art[first][order],
            "key": pl.Series(keys[codes[first_row]][order], dtype=pl.String),
            "author": pl.Series(uniq.take(codes[first_row][order]), dtype=pl.String),
            "shared": count[order] > 1,
        },
    )
    pairs = pl.DataFrame({"art": art, "author": pl.Series(uniq.take(codes[rows]), dtype=pl.String)})
    return Authors(pl.concat([table, _role_keys(pairs, table)]), pairs)


def _role_keys(pairs: pl.DataFrame, table: pl.DataFrame) -> pl.DataFrame:
    """(art, key, author, shared) for the names with a bracketed part (``Bob (mod)``: ``bob``), where no author
    of the article has that key and one name alone has it (as ``AuthorIndex`` adds them)."""
    roles = pairs.filter(pl.col("author").str.contains(r"[)\]]$"))
    if not len(roles):
        return table.clear()
    key = pl.Series([list(role_keys(a)) for a in roles["author"].to_list()], dtype=pl.List(pl.String))
    roles = roles.with_columns(key=key).explode("key").drop_nulls("key").join(table, on=["art", "key"], how="anti")
    one = roles.group_by("art", "key").agg(pl.col("author").first(), n=pl.col("author").n_unique()).filter(n=1)
    return one.select("art", "key", "author", shared=pl.lit(False)).cast(table.schema)


def _pieces(texts: pl.Series) -> pl.DataFrame:
    """One row per ``@`` of the texts: the text's position ``t``, the ``@``'s char offset ``at``, the character
    before it (``prev``, "" at the start) and the rest of its line up to the next ``@`` (``h``, 100 chars)."""
    parts = pl.DataFrame({"t": np.arange(len(texts), dtype=np.int64), "p": texts.str.split("@")}).explode("p")
    t = parts["t"].to_numpy()
    size = parts["p"].str.len_chars().to_numpy().astype(np.int64)
    first = np.ones(len(t), dtype=bool)
    first[1:] = t[1:] != t[:-1]
    ends = np.cumsum(size + 1)
    start_of_text = np.maximum.accumulate(np.where(first, ends - size - 1, 0))
    at = ends - 1 - start_of_text  # the "@" after each piece, as a char offset in its text
    after = ~first  # pieces that follow an "@"
    prev_idx = np.flatnonzero(after) - 1
    last = parts["p"].str.slice(-1).to_numpy()
    prev = np.where(size[prev_idx] > 0, last[prev_idx], np.where(first[prev_idx], "", "@"))
    return pl.DataFrame(
        {
            "t": t[after],
            "at": at[prev_idx],
            "prev": pl.Series(prev, dtype=pl.String),
            "h": _line(parts["p"].filter(pl.Series(after)).str.slice(0, 100)),
        }
    )


def _line(text: pl.Series) -> pl.Series:
    """Each text up to its first line break."""
    return text.str.splitn("\n", 2).struct.field("field_0")


def _kinds(at: pl.DataFrame) -> pl.DataFrame:
    """Each ``@`` read as no reference, a number, a name (to match) or one for the per-text reader."""
    h = pl.col("h")
    sp = h.str.contains(r"^[ \t\u00a0]").cast(pl.Int64)
    at = at.with_columns(sp=sp).with_columns(r=h.str.slice(pl.col("sp")))
    r = pl.col("r")
    d = r.str.extract(r"^([0-9]+)", 1)
    after_d = r.str.slice(d.str.len_chars())
    kind = (
        pl.when(pl.col("prev").is_in(_OPEN).not_())
        .then(pl.when(pl.col("prev").str.contains(_WORDLIKE)).then(pl.lit("none")).otherwise(pl.lit("python")))
        .when(r.str.slice(0, 90).str.contains(f"[^{SAFE}]"))
        .then(pl.lit("python"))
        .when(d.is_not_null())
        .then(
            pl.when(d.str.len_chars() > 6)
            .then(pl.lit("python"))
            .when(after_d.str.contains(_NOT_NUMBER))
            .then(pl.lit("none"))
            .otherwise(pl.lit("num"))
        )
        .when(r.str.contains(r"^(?:(?:Nr|No|Nummer)\.?[ \t]?[0-9]|[_#])"))
        .then(pl.lit("python"))
        .when(r.str.contains(f"^[{ALNUM}]"))
        .then(pl.lit("name"))
        .otherwise(pl.lit("none"))
    )
    at = at.with_columns(kind=kind, d=d, after_d=after_d).filter(pl.col("kind") != "none")
    # the text a name is read from: after the number and a separator (``@12, Anna``), or after the ``@``
    tail = pl.when(pl.col("kind") == "num").then(pl.col("after_d").str.slice(0, 80)).otherwise(r.str.slice(0, 80))
    at = at.with_columns(tail=tail)
    skip = (
        pl.when(pl.col("kind") == "num")
        .then(pl.col("tail").str.extract(r"^([ \t\u00a0]*[,:;.\-–—]?[ \t\u00a0]*)", 1).str.len_chars())
        .otherwise(0)
    )
    at = at.with_columns(skip=skip.cast(pl.Int64)).with_columns(nt=pl.col("tail").str.slice(pl.col("skip")))
    return at.with_columns(
        tail0=pl.col("at") + 1 + pl.col("sp") + pl.col("d").str.len_chars().fill_null(0),
        first=pl.col("nt").str.slice(0, 1),
    )


def _tokens(nt: pl.Series, longest: np.ndarray) -> tuple[pl.DataFrame, np.ndarray]:
    """The cuts of each name ``nt``: (row, k, key, end) for the first k tokens, as ``AuthorIndex.exact`` tries
    them, while the key is no longer than the article's ``longest``; and per row whether a token it tried has
    a glued cut (``AnnaThanks``: left to the per-text reader)."""
    groups = nt.str.extract_groups(_TOKENS).struct.unnest()
    cols = groups.columns  # token, gap, token, ...
    toks = [groups[cols[i]] for i in range(0, len(cols), 2)]
    gaps = [groups[cols[i]] for i in range(1, len(cols), 2)]
    glued = np.zeros(len(nt), dtype=bool)
    rows = np.arange(len(nt), dtype=np.int64)  # the rows still inside their run ("Anna, Maria" stops after Anna)
    end = np.zeros(len(nt), dtype=np.int64)
    key = pl.Series([""] * len(nt), dtype=pl.String)
    out = []
    for k, tok in enumerate(toks):
        tok = tok.gather(rows)
        present = tok.is_not_null().to_numpy()
        rows, tok, key, end = rows[present], tok.filter(present), key.filter(present), end[present]
        if not len(rows):
            break
        glued[rows] |= tok.str.contains(_INNER_CUT).to_numpy()
        gap = gaps[k - 1].gather(rows).str.len_chars().to_numpy() if k else 0
        end = end + gap + tok.str.len_chars().to_numpy()
        key = key + pl.select(norm_tokens(pl.lit(tok))).to_series()
        out.append(pl.DataFrame({"row": rows, "k": np.full(len(rows), k), "key": key, "end": end}))
        go_on = key.str.len_chars().to_numpy() < longest[rows]
        if k < len(gaps):  # a comma after a word of two or more letters ends the name ("Anna, Maria")
            comma = gaps[k].gather(rows).str.contains(",").fill_null(False).to_numpy()
            go_on &= ~(comma & (tok.str.len_chars() > 1).to_numpy())
        rows, key, end = rows[go_on], key.filter(go_on), end[go_on]
    schema = {"row": pl.Int64, "k": pl.Int64, "key": pl.String, "end": pl.Int64}
    cuts = pl.concat([f.cast(schema) for f in out]) if out else pl.DataFrame(schema=schema)
    return cuts, glued


def _after_number(nt: pl.Series, max_words: int) -> tuple[np.ndarray, pl.DataFrame]:
    """How ``match.name_at`` reads ``nt`` after a number (each opens with a capital and is no author's name):
    per row 1 where it surely finds no name (``match._run``'s words, up to ``max_words``, end at a stop word
    (``@12 Sie haben``), a lower-case word (``@12 Frieden ist``) or the word limit), 2 where the words end at
    punctuation (``@12 Frieden!``: no name unless a variant, also in ``(row, v)``, matches an author loosely),
    0 where only the per-text reader knows (a colon or comma after the words, apostrophes, glued cuts)."""
    n = len(nt)
    state = np.zeros(n, dtype=np.int8)
    alive = np.ones(n, dtype=bool)
    rest = nt
    cum = pl.Series([""] * n, dtype=pl.String)
    variants = []
    for i in range(max_words):
        w = rest.str.extract(f"^({_FIRST_WORD[1:]})", 1)
        fc = w.str.slice(0, 1)
        stop = w.str.strip_chars_end(".'’-").str.to_lowercase().str.replace_all("ß", "ss").is_in(list(STOPWORDS))
        ends = (w.is_null() | ~fc.str.contains(f"^[{UPPER}]") | stop).fill_null(True).to_numpy()
        state[alive & ends] = 1
        plain = ~w.str.contains(f"[.'’\\-]$|['’]|{_INNER_CUT}").fill_null(True).to_numpy()
        # "Krieg." ends the words at a sentence end ("Dr." may be a title: per-text reader)
        sentence = (
            w.str.contains("[^.'’\\-]\\.$")
            & ~w.str.contains(f"['’]|{_INNER_CUT}")
            & (w.str.len_chars() > 2)
            & ~w.str.strip_chars_end(".").str.to_lowercase().is_in(list(TITLES))
            & ~w.str.contains(r"^(?:[^\W\d_]\.-)+[^\W\d_]\.$")  # "K.-H.": initials, the name goes on
        )
        dotted = alive & ~ends & ~plain & sentence.fill_null(False).to_numpy()
        state[dotted] = 2
        alive &= ~ends & plain
        cum = cum + pl.select(norm(pl.lit(w))).to_series().fill_null("")
        rows = np.flatnonzero(alive | dotted)
        variants.append(pl.DataFrame({"row": rows, "v": cum.gather(rows)}, schema={"row": pl.Int64, "v": pl.String}))
        after = rest.str.slice(w.str.len_chars().fill_null(0))
        gap = after.str.extract(r"^([ \t\u00a0]{1,2})", 1)
        loose = alive & gap.is_null().to_numpy()  # the words end at the character after them
        state[loose & ~after.str.contains(r"^(?:[:,;\n!?).]|$)").fill_null(True).to_numpy()] = 1
        state[loose & after.str.contains(r"^(?:[;\n!?).]|$)").fill_null(False).to_numpy()] = 2
        alive &= ~loose
        if i + 1 == max_words:
            state[alive] = 1
        rest = after.str.slice(gap.str.len_chars().fill_null(0))
    found = pl.concat(variants)
    return state, found.filter(pl.Series(state == 2).gather(found["row"]))


def _matched(at: pl.DataFrame, keys: pl.DataFrame) -> pl.DataFrame:
    """``at`` with the author each name is exactly (``author``, its ``end`` in ``nt``, ``shared``) and ``glued``,
    for the rows where a name may stand (``named``)."""
    named = np.flatnonzero(at["named"].to_numpy())
    art = at["art"].gather(named)
    longest = keys.group_by("art").agg(longest=pl.col("key").str.len_chars().max())
    longest = pl.DataFrame({"art": art}).join(longest, on="art", how="left", maintain_order="left")["longest"]
    cuts, glued = _tokens(at["nt"].gather(named), longest.fill_null(0).to_numpy())
    best = (
        cuts.with_columns(art=art.gather(cuts["row"]))
        .join(keys, on=["art", "key"], how="inner")
        .sort("row", "k")
        .group_by("row", maintain_order=True)
        .last()
    )
    best = best.with_columns(row=pl.Series(named[best["row"].to_numpy()], dtype=pl.Int64))
    hit = pl.DataFrame({"row": np.arange(len(at), dtype=np.int64)}).join(
        best.select("row", "author", "end", "shared"), on="row", how="left", maintain_order="left"
    )
    all_glued = np.zeros(len(at), dtype=bool)
    all_glued[named] = glued
    return at.with_columns(
        author=hit["author"], end=hit["end"], shared=hit["shared"].fill_null(False), glued=pl.Series(all_glued)
    )


def _quiet(m: pl.DataFrame, pairs: pl.DataFrame, opt) -> np.ndarray:
    """Where a capitalised word after a number that is no author's name surely names no one (:func:`_after_number`,
    and for words ending at punctuation, no loose match: :func:`loose.loose_hits`)."""
    maybe = (pl.col("kind") == "num") & pl.col("named") & pl.col("upper") & pl.col("author").is_null()
    quiet = np.zeros(len(m), dtype=bool)
    rows = np.flatnonzero(m.select(maybe.fill_null(False)).to_series().to_numpy())
    state, variants = _after_number(m["nt"].gather(rows), opt.max_name_words)
    queries = variants.with_columns(art=m["art"].gather(rows).gather(variants["row"]))
    state[loose_hits(queries, pairs, opt.prefix_min, opt.fuzzy_threshold)] = 0
    quiet[rows] = state > 0
    return quiet


def settle(texts: pl.Series, art: np.ndarray, authors: Authors, eligible: np.ndarray, opt):
    """The references of the ``eligible`` texts this reader is sure of, and which texts it settled.

    Returns ``(rows, settled)``: a frame with the text's position ``t``, start, end, raw, written_number,
    written_name, matched_author and rule (in text order, then written order), and a bool per text.
    """
    where = np.flatnonzero(eligible)
    at = _pieces(texts.gather(where))
    t = pl.Series(where).gather(at["t"])
    at = _kinds(at.with_columns(t=t, art=pl.Series(art.astype(np.int64)).gather(t)))
    # "@921" where 921 is an author's name (a handle): for the per-text reader
    keys, pairs = authors
    handles = keys.select("art", d="key", handle=pl.lit(True))
    at = at.join(handles, on=["art", "d"], how="left", maintain_order="left")
    first, kind = pl.col("first"), pl.col("kind")
    at = at.with_columns(
        kind=pl.when((kind == "num") & (pl.col("sp") == 0) & pl.col("handle").fill_null(False))
        .then(pl.lit("python"))
        .when((kind == "num") & first.str.contains("^[0-9_]"))
        .then(pl.lit("python"))
        .when((kind == "num") & (pl.col("sp") == 0) & pl.col("after_d").str.contains(f"^[{ALNUM}]"))
        .then(pl.lit("python"))  # "@1234user": maybe a handle
        .otherwise(kind),
        named=(first.str.contains(f"^[{ALNUM}]") & first.str.contains("^[0-9]").not_()).fill_null(False),
    )
    m = _matched(at, keys)
    end = pl.col("end").fill_null(0)
    hyphen = pl.col("nt").str.slice(end, 2).str.contains(f"^-[{UPPER}]")
    m = m.with_columns(ok=pl.col("author").is_not_null() & ~pl.col("shared") & ~pl.col("glued") & ~hyphen)
    ok, named = pl.col("ok"), pl.col("named")
    upper = first.str.contains(f"^[{UPPER}]")
    m = m.with_columns(upper=upper.fill_null(False))
    m = m.with_columns(upper=pl.col("upper") & ~pl.Series(_quiet(m, pairs, opt)))
    upper = pl.col("upper")
    python = (kind == "python") | (named & ~ok & ((kind == "name") | upper | pl.col("author").is_not_null()))
    m = m.with_columns(python=python.fill_null(True))
    bad = np.unique(m.filter("python")["t"].to_numpy())
    settled = eligible.copy()
    settled[bad] = False
    m = m.filter(pl.Series(settled).gather(m["t"]))
    is_num = kind == "num"
    written = pl.col("nt").str.slice(0, end)
    how = pl.when(written.str.contains(",")).then(pl.lit("name:comma")).otherwise(pl.lit("name:exact"))
    rows = m.select(
        "t",
        start=pl.col("at"),
        end=pl.when(ok).then(pl.col("tail0") + pl.col("skip") + end).otherwise(pl.col("tail0")),
        written_number=pl.when(is_num).then(pl.col("d").cast(pl.Int64)),
        written_name=pl.when(ok).then(written),
        matched_author=pl.when(ok).then(pl.col("author")),
        rule=pl.when(is_num & ok).then(pl.lit("number+") + how).when(is_num).then(pl.lit("number")).otherwise(how),
        h=pl.col("h"),
    )
    rows = rows.with_columns(raw=(pl.lit("@") + pl.col("h")).str.slice(0, pl.col("end") - pl.col("start")))
    return rows.drop("h"), settled
