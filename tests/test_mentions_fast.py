"""The fast paths of reference extraction give what the plain rules give (random inputs)."""

import re

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from commentgraph import mentions
from commentgraph.references.extract import REPLY_START as _REPLY_START
from commentgraph.references.extract import candidates as _candidates
from commentgraph.references.names import TOKEN as _TOKEN
from commentgraph.references.names import TOKEN_GAP as _TOKEN_GAP
from commentgraph.references.names import AuthorIndex as _Authors
from commentgraph.references.names import token_cuts as _token_cuts


def cuts_reference(tail, longest=None):
    """The cut points of a name-like start as the exact lookup was first written (token by token)."""
    out = []
    norm = ""
    pos = 0
    for n in range(6):
        m = _TOKEN.match(tail, pos)
        if not m:
            break
        tn, inner = _token_cuts(m.group())
        for c, head in inner:
            out.append((norm + head, m.start() + c, n + 1))
        norm += tn
        out.append((norm, m.end(), n + 1))
        if longest is not None and len(norm) > longest:
            break
        g = _TOKEN_GAP.match(tail, m.end())
        if not g:
            break
        pos = g.end()
    return out


def exact_reference(idx, tail):
    """The longest cut that is a key: the last one in cut order."""
    for key, end, _ in reversed(cuts_reference(tail, idx.longest)):
        if key in idx.keys:
            return key, end
    return None


# pieces that exercise normalisation (case, umlauts, ß, accents, digits), glued cuts and gaps
PIECES = ["Anna", "anna", "ANNA", "Ben", "Müller", "Mueller", "ß", "Strauss", "Straß", "é", "e\u0301", "Lutz26",
          "26", "Dr", "Rob", "K", "W", "Merseburger", "argyle5663", "argyle", "You", "I", "x", "İ", "ı", "ﬁ", "Ⅻ"]
GAPS = ["", " ", ".", ". ", "-", "_", "'", "’", "  ", " - ", "    ", ",", ": ", "\n", "@", "/"]
names = st.lists(st.sampled_from(PIECES), min_size=1, max_size=4).flatmap(
    lambda ps: st.lists(st.sampled_from(GAPS[:11]), min_size=len(ps) - 1, max_size=len(ps) - 1).map(
        lambda gs: "".join(p + g for p, g in zip(ps, [*gs, ""]))))
tails = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), min_size=1, max_size=9).map(
    lambda xs: "".join(p + g for p, g in xs))


@settings(max_examples=400, deadline=None)
@given(authors=st.lists(names, max_size=8), tail=tails, data=st.data())
def test_exact_lookup_matches_the_token_by_token_rule(authors, tail, data):
    idx = _Authors(authors)
    assert idx.exact(tail) == exact_reference(idx, tail)
    if authors:   # a known name, then more text (glued or not)
        tail = data.draw(st.sampled_from(authors)) + tail
        assert idx.exact(tail) == exact_reference(idx, tail)


@settings(max_examples=300, deadline=None)
@given(authors=st.lists(names, max_size=8))
def test_exact_lookup_of_every_author_and_its_glued_form(authors):
    idx = _Authors(authors)
    for a in authors:
        for tail in (a, a + " schreibt", a + "You", a + ": ja", "@" + a):
            assert idx.exact(tail) == exact_reference(idx, tail)


def test_exact_lookup_by_hand():
    idx = _Authors(["Anna", "Anna Maria", "Lutz26", "Rob_K"])
    assert idx.exact("Anna Maria: ja") == ("annamaria", 10)
    assert idx.exact("Anna Marianne") == ("anna", 4)           # "annamarianne" is no key
    assert idx.exact("Lutz26You are right") == ("lutz26", 6)   # a glued handle
    assert idx.exact("Rob K.") == ("robk", 5)
    assert idx.exact("Berta") is None


def reply_start_reference(text: pd.Series):
    """Candidates as first written: an ``@`` anywhere, or ``_REPLY_START`` at the start."""
    has_at = text.str.contains("@", regex=False).fillna(False).to_numpy(dtype=bool)
    return has_at | text.str.match(_REPLY_START).fillna(False).to_numpy(dtype=bool)


START = ["", " ", "\t", "\n", "\u00a0", "\u2003", "x"]
PHRASES = ["Antwort auf", "ANTWORT AN", "antwort  auf", "In reply to", "iN rEpLy To", "İn reply to", "ın reply to",
           "Reply to", "Reply\tto", "reply", "Antwort", "Re:"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(START), st.sampled_from(PHRASES),
                          st.sampled_from(["", " ", "\t", ":", " Anna", "\tBen", " @Ben"]),
                          st.sampled_from(["", " text", " mail@x.org"])), min_size=1, max_size=12),
       st.sampled_from(["str", "object"]))
def test_candidates_match_the_reply_start_rule(parts, dtype):
    texts = pd.Series(["".join(p) for p in parts] + [None], dtype=dtype)
    assert _candidates(texts).tolist() == reply_start_reference(texts).tolist()


def test_candidates_by_hand():
    got = _candidates(pd.Series(["@12 ja", " Antwort auf Anna", "Meine Antwort auf Anna", "In reply to Ben", None]))
    assert got.tolist() == [True, True, False, True, False]


def test_reply_start_letters_are_ascii_only():
    # why _candidates may filter by "reply"/"antwort" in any ASCII case: no other character matches
    for ch in set("antwortreply"):
        p = re.compile(ch, re.IGNORECASE)
        assert {c for c in map(chr, range(0x110000)) if p.fullmatch(c)} == {ch, ch.upper()}


def test_extract_frame_dtypes_when_empty_and_full():
    c = pd.DataFrame({"comment_id": ["a", "b"], "article_id": "x", "author": ["Anna", "Ben"],
                      "text": ["@1 Anna: ja", "nichts"]})
    full, empty = mentions.extract(c), mentions.extract(c.iloc[1:])
    assert full.dtypes.equals(empty.dtypes)
    assert list(full.dtypes.astype(str)) == ["str", "str", "Int64", "Int64", "str", "Int64", "str", "str", "str",
                                             "Float64", "str"]
    assert full[["start", "end", "written_number", "matched_author"]].values.tolist() == [[0, 7, 1, "Anna"]]
