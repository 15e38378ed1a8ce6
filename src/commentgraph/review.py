"""Check reference resolution by hand and measure it: review tables, corrections, scores.

``review_table(d)`` gives one row per resolved reference, ready to save as CSV and correct in a
spreadsheet; ``apply_review(d, reviewed)`` applies the corrections; ``resolution_scores(d,
labelled)`` measures reply edges against a hand-labelled sample; ``parent_agreement(d)`` compares
mention edges with the explicit parents an export holds.

A target, in a review or a label, is written as one of: a ``comment_id``; ``#12`` (the comment
numbered 12 in the same article); an author's name (a dangling target when that author wrote
nothing earlier in the article); or ``none`` (not a reference: no edge).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl

from .discussion import Discussion
from .errors import ReadError
from .mentions import normalize_name, replies_from, thread_roots
from .schema import conform

CONTEXT = 60

_RULE_WEIGHT = {"exact": 1.0, "glued": 0.95, "prefix": 0.85, "fuzzy": 0.8, "unknown": 0.8, "ambiguous": 0.5}


def _context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return " ".join(f"{'…' if start > width else ''}{before}[[{text[start:end]}]]{after}"
                    f"{'…' if end + width < len(text) else ''}".split(" "))


def _confidence(m: pd.DataFrame) -> np.ndarray:
    """A heuristic 0..1 for sorting a review: how sure the rule that made the edge is."""
    rule = m["rule"].fillna("").str.split(":").str[-1]
    weight = rule.map(_RULE_WEIGHT).fillna(1.0).to_numpy(dtype=float)
    score = m["score"].astype("Float64").fillna(0).to_numpy(dtype=float)
    weight = np.where(rule == "fuzzy", score / 100 * 0.9, weight)
    res = m["resolution"].to_numpy(dtype=object)
    cands = m["candidates"].astype("Int64").fillna(0).to_numpy(dtype=int)
    reason = m["reason"].fillna("").astype("str")
    base = np.select(
        [res == "number+author", res == "number", res == "author", res == "unresolved"],
        [0.99, 0.95, np.where(cands <= 1, 0.95, 0.75), 0.8], 0.5)
    quoted = reason.str.contains("quotes", regex=False).to_numpy(dtype=bool)
    thread = reason.str.contains("in this thread", regex=False).to_numpy(dtype=bool)
    doubt = reason.str.contains("disagree|posted after|could be", regex=True).to_numpy(dtype=bool)
    base = np.where(quoted, 0.95, np.where(thread, np.maximum(base, 0.85), base))
    base = np.where(doubt, 0.5, base)
    return np.round(base * np.where(res == "number", 1.0, weight), 2)


def review_table(d: Discussion) -> pd.DataFrame:
    """One row per @-reference the resolver inferred, to check by hand (save with ``to_csv``).

    Columns: comment_id, start, end (the span), article_id, source_author, context (the text
    around the span, the reference in ``[[ ]]``), raw, rule (how the name/number matched),
    resolution, target_comment_id, target_number, target_author, reason, considered (the
    comments the rule chose from), confidence (0..1, a heuristic for sorting), and an empty
    ``correct_target`` to fill in: blank keeps the edge; else a comment_id, ``#12``, a name,
    or ``none``.  Rows are sorted least confident first.

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\n@1 Anna: ja")
    >>> r = review_table(d)
    >>> r[["raw", "resolution", "context", "correct_target"]].values.tolist()
    [['@1 Anna', 'number+author', '[[@1 Anna]]: ja', '']]
    """
    m = d.mentions
    c = d.comments.drop_duplicates("comment_id").set_index("comment_id")
    if not len(m):
        cols = ["comment_id", "start", "end", "article_id", "source_author", "context", "raw", "rule",
                "resolution", "target_comment_id", "target_number", "target_author", "reason", "considered",
                "confidence", "correct_target"]
        return pd.DataFrame({k: pd.Series([], dtype="str") for k in cols})
    text = m["comment_id"].map(c["text"])
    context = [_context(t, int(s), int(e)) if isinstance(t, str) else ""
               for t, s, e in zip(text.tolist(), m["start"].tolist(), m["end"].tolist())]
    considered = _considered(m, d.comments)
    rule = m["rule"] if "rule" in m.columns else pd.Series("", index=m.index, dtype="str")
    out = pd.DataFrame({
        "comment_id": m["comment_id"], "start": m["start"], "end": m["end"], "article_id": m["article_id"],
        "source_author": m["comment_id"].map(c["author"]), "context": pd.array(context, dtype="str"),
        "raw": m["raw"], "rule": rule, "resolution": m["resolution"],
        "target_comment_id": m["target_comment_id"], "target_number": m["target_number"],
        "target_author": m["target_author"], "reason": m["reason"], "considered": considered,
        "confidence": _confidence(m.assign(rule=rule)),
        "correct_target": pd.array([""] * len(m), dtype="str"),
    })
    return out.sort_values(["confidence", "comment_id", "start"], kind="stable").reset_index(drop=True)


def _considered(m: pd.DataFrame, comments: pd.DataFrame) -> pd.Series:
    """The earlier comments each reference chose from: the numbered one and the named author's."""
    c = comments[["comment_id", "article_id", "author", "number", "posted_at"]]
    src = m[["comment_id", "article_id"]].reset_index().merge(
        c[["comment_id", "posted_at"]].rename(columns={"posted_at": "s_time"}), on="comment_id", how="left",
        validate="many_to_one")
    name = m["matched_author"] if "matched_author" in m.columns else m["target_author"]
    src = src.assign(author=name.to_numpy(), number=m["written_number"].to_numpy())
    by_name = src.merge(c.rename(columns={"comment_id": "cand"}), on=["article_id", "author"], how="inner",
                        validate="many_to_many", suffixes=("", "_c"))
    by_name = by_name[(by_name["posted_at"] < by_name["s_time"]).fillna(False)]
    by_num = src.merge(c.rename(columns={"comment_id": "cand", "author": "author_c"}).drop_duplicates(
        ["article_id", "number"]), on=["article_id", "number"], how="inner", validate="many_to_one",
        suffixes=("", "_c"))
    both = pd.concat([by_name.assign(author_c=by_name["author"], number_c=by_name["number_c"]),
                      by_num.assign(number_c=by_num["number"])], ignore_index=True)
    if not len(both):
        return pd.Series([""] * len(m), index=m.index, dtype="str")
    both = both.drop_duplicates(["index", "cand"]).sort_values(["index", "posted_at"])
    label = (both["cand"] + " (" + both["author_c"].fillna("?") + ", "
             + both["posted_at"].dt.strftime("%Y-%m-%d %H:%M").fillna("?") + ")")
    # the last 8 of each reference, joined (a Python join per reference cost ~75 us: 2.7 s at 35k references)
    joined = (
        pl.DataFrame({"index": both["index"].to_numpy(), "label": label.astype("str").to_numpy()})
        .group_by("index", maintain_order=True)
        .agg(pl.col("label").tail(8).str.join("; "))
    )
    joined = pd.Series(joined["label"].to_list(), index=joined["index"].to_list(), dtype="str")
    return pd.Series(m.index.map(joined), index=m.index, dtype="str").fillna("")


def _read_reviewed(reviewed) -> pd.DataFrame:
    if isinstance(reviewed, pd.DataFrame):
        return reviewed
    path = Path(reviewed)
    if not path.exists():
        raise ReadError("no such review file", source=str(path))
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _target_key(target: str, article_id, comments_by_id, by_number) -> tuple:
    """A written target -> ('id', comment_id) | ('missing', normalised name) | ('none', '')."""
    t = str(target).strip()
    if t.casefold() in ("none", "no", "-", "kein", "keine"):
        return ("none", "")
    if t in comments_by_id:
        return ("id", t)
    if t.startswith("#") and t[1:].isdigit():
        cid = by_number.get((article_id, int(t[1:])))
        return ("id", cid) if cid is not None else ("missing", normalize_name(t))
    return ("name", t)


def apply_review(d: Discussion, reviewed) -> Discussion:
    """A new Discussion with the corrections of a filled-in :func:`review_table` applied.

    ``reviewed`` is the table (or a CSV path); rows are matched on (comment_id, start).  A blank
    ``correct_target`` keeps the row; ``none`` removes the reference and its edge; a comment_id or
    ``#12`` points it at that comment; a name points it at that author's latest earlier comment in
    the article, or keeps it as a dangling target when there is none.  ``reason`` records the change.

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\n@Cleo hallo")
    >>> r = review_table(d).assign(correct_target="#1")
    >>> fixed = apply_review(d, r)
    >>> fixed.mentions[["raw", "target_author", "resolution"]].values.tolist()
    [['@Cleo', 'Anna', 'author']]
    >>> len(apply_review(d, r.assign(correct_target="none")).replies)
    0
    """
    r = _read_reviewed(reviewed)
    missing = {"comment_id", "start", "correct_target"} - set(r.columns)
    if missing:
        raise ReadError(f"the review table lacks column(s) {sorted(missing)}")
    m = d.mentions.copy()
    if not len(m):
        return d
    c = d.comments.drop_duplicates("comment_id")
    by_id = c.set_index("comment_id")
    by_number = {(a, int(n)): cid for a, n, cid in zip(c["article_id"], c["number"], c["comment_id"])
                 if pd.notna(n)}
    fix = r[["comment_id", "start", "correct_target"]].astype({"comment_id": "str", "correct_target": "str"})
    fix = fix[fix["correct_target"].fillna("").str.strip() != ""]
    fix = fix.assign(start=pd.to_numeric(fix["start"], errors="coerce").astype("Int64"))
    key = dict(zip(zip(fix["comment_id"], fix["start"].tolist()), fix["correct_target"]))
    drop = np.zeros(len(m), dtype=bool)
    cols = {k: m[k].tolist() for k in ("target_comment_id", "target_author", "target_number", "resolution",
                                       "reason")}
    edge = m["edge"].tolist() if "edge" in m.columns else [True] * len(m)
    for i, (cid, start, aid, wnum, wname) in enumerate(zip(m["comment_id"], m["start"].tolist(), m["article_id"],
                                                        m["written_number"].tolist(), m["written_name"])):
        t = key.get((cid, start))
        if t is None:
            continue
        kind, val = _target_key(t, aid, by_id.index, by_number)
        was = cols["target_comment_id"][i]
        was = was if isinstance(was, str) else f"'{cols['target_author'][i]}' (dangling)"
        if kind == "none":
            drop[i] = True
            continue
        if kind == "name":
            src_time = by_id.loc[cid, "posted_at"]
            earlier = c[(c["article_id"] == aid) & (c["author"] == val) & (c["posted_at"] < src_time)]
            if len(earlier):
                kind, val = "id", earlier.sort_values("posted_at")["comment_id"].iloc[-1]
        if kind == "id":
            tgt = by_id.loc[val]
            num_ok = pd.notna(wnum) and pd.notna(tgt["number"]) and int(wnum) == int(tgt["number"])
            name_ok = isinstance(wname, str) and normalize_name(wname) == normalize_name(tgt["author"])
            cols["target_comment_id"][i] = val
            cols["target_author"][i] = tgt["author"]
            cols["target_number"][i] = tgt["number"]
            cols["resolution"][i] = ("number+author" if num_ok and name_ok else "number" if num_ok
                                     else "author")
        else:
            cols["target_comment_id"][i] = pd.NA
            cols["target_author"][i] = val if kind == "name" else t
            cols["target_number"][i] = pd.NA
            cols["resolution"][i] = "unresolved"
        cols["reason"][i] = f"corrected by hand review (was {was})"
        edge[i] = True
    m = m.assign(**{k: pd.array(v, dtype=m[k].dtype) for k, v in cols.items()}, edge=np.array(edge, dtype=bool))
    m = m[~drop].reset_index(drop=True)
    tz = d.tz
    replies = conform(replies_from(m, d.comments), "replies", tz)
    return d.replace(mentions=conform(m, "mentions", tz), replies=replies)


def _edge_keys(sources, targets, authors) -> set:
    out = set()
    for s, t, a in zip(sources, targets, authors):
        out.add((s, ("id", t) if isinstance(t, str) else ("missing", normalize_name(a))))
    return out


def resolution_scores(d: Discussion, labelled) -> pd.DataFrame:
    """Precision and recall of the mention reply edges against a hand-labelled sample.

    ``labelled`` has ``comment_id`` (or ``source_comment_id``) and ``target``: one row per true
    edge (a comment_id, ``#12``, or a name for a target not in the data), and a row with target
    ``none`` for a labelled comment without references.  Only comments in the sample are scored;
    edges compare by target comment, dangling ones by normalised name.  Returns one row: comments,
    labelled, predicted, tp, fp, fn, precision, recall, f1; ``.attrs["errors"]`` lists the
    false positives and false negatives.

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\n@1 Anna ja @Cleo")
    >>> cid = d.comments["comment_id"].tolist()
    >>> lab = pd.DataFrame({"comment_id": [cid[0], cid[1], cid[1]], "target": ["none", "#1", "Cleo"]})
    >>> resolution_scores(d, lab)[["tp", "fp", "fn", "precision", "recall"]].values.tolist()
    [[2.0, 0.0, 0.0, 1.0, 1.0]]
    """
    lab = _read_reviewed(labelled)
    lab = lab.rename(columns={"source_comment_id": "comment_id"})
    if not {"comment_id", "target"} <= set(lab.columns):
        raise ReadError("the labelled table needs columns comment_id and target")
    c = d.comments.drop_duplicates("comment_id")
    ids = pd.Index(c["comment_id"])
    art = dict(zip(c["comment_id"], c["article_id"]))
    by_number = {(a, int(n)): cid for a, n, cid in zip(c["article_id"], c["number"], c["comment_id"])
                 if pd.notna(n)}
    truth = set()
    for cid, t in zip(lab["comment_id"].astype(str), lab["target"].astype(str)):
        kind, val = _target_key(t, art.get(cid), ids, by_number)
        if kind == "name":
            kind, val = "missing", normalize_name(val)
        if kind != "none":
            truth.add((cid, (kind, val)))
    sample = set(lab["comment_id"].astype(str))
    r = d.replies[(d.replies["via"] == "mention") & d.replies["source_comment_id"].isin(sample)]
    pred = _edge_keys(r["source_comment_id"], r["target_comment_id"], r["target_author"])
    # a labelled name for a target that was found resolves to that author's comment: compare by name too
    tp_set = pred & truth
    fp_set, fn_set = pred - truth, truth - pred
    tp, fp, fn = len(tp_set), len(fp_set), len(fn_set)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    out = pd.DataFrame({"comments": [len(sample)], "labelled": [len(truth)], "predicted": [len(pred)],
                        "tp": [float(tp)], "fp": [float(fp)], "fn": [float(fn)],
                        "precision": [round(precision, 4)], "recall": [round(recall, 4)], "f1": [round(f1, 4)]})
    errors = [("fp", s, k, v) for s, (k, v) in sorted(fp_set)] + [("fn", s, k, v) for s, (k, v) in sorted(fn_set)]
    out.attrs["errors"] = pd.DataFrame(errors, columns=["error", "comment_id", "kind", "target"])
    return out


def parent_agreement(d: Discussion) -> pd.DataFrame:
    """Mention edges of comments that also have an explicit parent, and whether the two agree.

    One row per such mention edge: source_comment_id, article_id, mention_target, mention_author,
    parent_target, parent_author, agreement: ``same`` (the mention names the parent), ``same
    thread`` (another comment of the parent's thread: a platform that stores the thread root as
    parent while the text answers a sibling), ``different``, or ``unresolved`` (the mention has no
    target in the data).  ``parent_agreement(d)["agreement"].value_counts()`` is the summary.

    >>> c = pd.DataFrame({"comment_id": ["a", "b", "c"], "author": ["Ann", "Bo", "Cy"], "text": ["x", "y", "@Bo no"],
    ...                   "posted_at": ["2020-01-01 10:00", "2020-01-01 11:00", "2020-01-01 12:00"],
    ...                   "parent_id": [None, "a", "a"]})
    >>> parent_agreement(cg.read_table(c))["agreement"].tolist()
    ['same thread']
    """
    r = d.replies
    cols = ["source_comment_id", "article_id", "mention_target", "mention_author", "parent_target",
            "parent_author", "agreement"]
    men = r[r["via"] == "mention"][["source_comment_id", "article_id", "target_comment_id", "target_author"]]
    par = r[r["via"] == "parent"][["source_comment_id", "target_comment_id", "target_author"]]
    par = par.drop_duplicates("source_comment_id")
    both = men.merge(par, on="source_comment_id", how="inner", suffixes=("", "_p"), validate="many_to_one")
    both = both.rename(columns={"target_comment_id": "mention_target", "target_author": "mention_author",
                                "target_comment_id_p": "parent_target", "target_author_p": "parent_author"})
    if not len(both):
        return pd.DataFrame({k: pd.Series([], dtype="str") for k in cols})
    root = pd.Series(thread_roots(d.comments).to_numpy(), index=d.comments["comment_id"].to_numpy())
    root = root[~root.index.duplicated()]
    mt, pt = both["mention_target"], both["parent_target"]
    same = (mt == pt).fillna(False)
    thread = (mt.map(root) == pt.map(root)).fillna(False)
    agreement = np.select([mt.isna().to_numpy(), same.to_numpy(dtype=bool), thread.to_numpy(dtype=bool)],
                          ["unresolved", "same", "same thread"], "different")
    return both.assign(agreement=pd.array(agreement, dtype="str"))[cols].reset_index(drop=True)


__all__ = ["review_table", "apply_review", "resolution_scores", "parent_agreement"]
