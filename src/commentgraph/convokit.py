"""ConvoKit corpora: a Discussion written as a ConvoKit corpus directory, and such a directory read back.

ConvoKit (Cornell) keeps a corpus as a directory of five files, the form its ``Corpus.dump`` writes and
``Corpus(filename=...)`` loads:

``utterances.jsonl``  one JSON object a line: ``id``, ``conversation_id`` (the id of the conversation's
                      first utterance), ``text``, ``speaker``, ``meta`` (an object), ``reply-to`` (the
                      answered utterance's id or null; the documentation spells it ``reply_to``, older
                      corpora too), ``timestamp`` and ``vectors`` (a list of vector names);
``speakers.json``     ``{speaker id: {"meta": {...}, "vectors": [...]}}`` (older corpora: ``users.json``,
                      and the metadata object itself in place of ``{"meta", "vectors"}``);
``conversations.json`` ``{conversation id: {"meta": {...}, "vectors": [...]}}`` (or the metadata itself);
``corpus.json``       the corpus metadata, one object;
``index.json``        the metadata index: ``{"utterances-index": {key: ["<class 'str'>"]}, "speakers-index",
                      "conversations-index", "overall-index", "version", "vectors"}``.

Vocabulary: utterance = comment, speaker = author, conversation = thread (its id is the root comment's id).
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ReadError
from .problems import Problems
from .read.records import json_lines
from .schema import DEFAULT_TZ

UTTERANCE_FILES = ("utterances.jsonl", "utterances.json")
#: utterance keys ConvoKit defines, and the older names it still loads
_SPEAKER_KEYS = ("speaker", "user")
_CONVERSATION_KEYS = ("conversation_id", "root")
_REPLY_KEYS = ("reply-to", "reply_to")


_SIDE_FILES = ("speakers.json", "users.json", "conversations.json", "corpus.json", "index.json")


def is_convokit_dir(path) -> bool:
    """Whether ``path`` is a ConvoKit corpus directory: it holds ``utterances.jsonl`` (or ``.json``), or two
    of ConvoKit's other files (a corpus whose utterances are missing, for :func:`read_convokit` to name)."""
    p = Path(path)
    if not p.is_dir():
        return False
    return any((p / name).is_file() for name in UTTERANCE_FILES) or sum(
        (p / name).is_file() for name in _SIDE_FILES) >= 2


# ---------------------------------------------------------------- writing

def _package_version() -> str:
    try:
        return version("commentgraph")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        return "unknown"



def _isos(s: pd.Series) -> list:
    """A tz-aware datetime column as ``Timestamp.isoformat()`` strings (offset kept), None for NaT.

    >>> t = pd.to_datetime(["2019-03-01 10:00:00.25", "2019-07-01 10:00:00", None], format="ISO8601")
    >>> _isos(pd.Series(t.tz_localize("Europe/Berlin")))
    ['2019-03-01T10:00:00.250000+01:00', '2019-07-01T10:00:00+02:00', None]
    """
    ok = s.notna().to_numpy()
    local = s.dt.tz_localize(None).to_numpy().astype("datetime64[us]")
    utc = s.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[us]")
    minutes = np.where(ok, (local.view(np.int64) - utc.view(np.int64)) // 60_000_000, 0)  # microseconds
    whole = local.astype("datetime64[s]") == local
    text = np.where(whole, np.datetime_as_string(local, unit="s"), np.datetime_as_string(local, unit="us"))
    offsets = {m: f"{'+' if m >= 0 else '-'}{abs(m) // 60:02d}:{abs(m) % 60:02d}" for m in set(minutes.tolist())}
    return [t + offsets[m] if k else None for t, m, k in zip(text.tolist(), minutes.tolist(), ok.tolist())]


def _scalar(v):
    """A JSON-ready scalar: NA becomes None, numpy scalars become Python ones."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    if isinstance(v, pd.Timedelta):
        return v.total_seconds()
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    return v


def _roots(parent: np.ndarray) -> np.ndarray:
    """For a forest given as parent positions (-1 for a root), each node's root position."""
    root = np.where(parent < 0, np.arange(len(parent)), parent)
    for _ in range(64):  # pointer jumping: log2(depth) rounds (the thread tree has no cycles)
        nxt = np.where(parent[root] < 0, root, root[root])
        if np.array_equal(nxt, root):
            break
        root = nxt
    return root


def _index(objects) -> dict[str, list[str]]:
    """ConvoKit's metadata index: each key's value types as ``str(type(v))``, in first-seen order."""
    out: dict[str, list[str]] = {}
    names: dict[type, str] = {}
    for meta in objects:
        for k, v in meta.items():
            t = names.get(type(v)) or names.setdefault(type(v), str(type(v)))
            seen = out.setdefault(k, [])
            if t not in seen:
                seen.append(t)
    return out


def _reply_to(d, **filters) -> pd.DataFrame:
    """Per comment (in ``d.comments`` order): the answered comment ConvoKit gets and how it was found."""
    from .threads import comment_threads

    ct = comment_threads(d, **filters)
    c = d.comments.reset_index(drop=True)
    ids = c["comment_id"].astype("str")
    parent = ct["parent"].reset_index(drop=True)
    real = parent.isin(pd.Index(ids)).to_numpy(dtype=bool)  # a tree parent that is a comment, not a missing node
    parent = parent.where(real)
    via = ct["parent_via"].reset_index(drop=True).where(real)
    m = d.mentions
    used = m.loc[m["target_comment_id"].notna(), ["comment_id", "target_comment_id", "resolution", "reason"]]
    used = used.drop_duplicates(["comment_id", "target_comment_id"])
    out = pd.DataFrame({"comment_id": ids, "reply_to": parent, "via": via})
    out = out.merge(used.rename(columns={"target_comment_id": "reply_to"}), on=["comment_id", "reply_to"],
                    how="left", validate="many_to_one")
    pos = pd.Series(np.arange(len(ids)), index=pd.Index(ids))
    ppos = pos.reindex(out["reply_to"]).fillna(-1).to_numpy(dtype=np.int64)
    out["conversation_id"] = ids.to_numpy()[_roots(ppos)]
    return out


def write_convokit(d, path, *, via=None, resolution=None, self_replies: bool = True) -> Path:
    """Write ``d`` as a ConvoKit corpus directory (the format ``Corpus.dump`` writes); returns the path.

    Each comment is an utterance; ``reply-to`` is the one parent the thread tree uses (the explicit parent
    first, else the resolved reference, see :func:`comment_threads`; the filters go there), ``conversation_id``
    the thread's root comment, ``timestamp`` the time in Unix seconds (``meta.posted_at`` keeps it with its
    offset). ``meta`` holds ``article_id``, ``number``, ``posted_at``, ``parent_id`` (the explicit parent as
    read), ``reply_via`` (``parent`` or ``mention``) and the reference's ``resolution`` and ``reason``. A
    reference whose target is not in the data gives no ``reply-to`` (ConvoKit needs the answered utterance).
    Speakers carry their comment count and first time, conversations their article and size, the corpus
    metadata the commentgraph version, the reader and resolver settings and the articles table.

    >>> import tempfile, pathlib, json
    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\n@1 Anna: ja")
    >>> out = cg.write_convokit(d, pathlib.Path(tempfile.mkdtemp()) / "corpus")
    >>> [json.loads(x)["reply-to"] is None for x in (out / "utterances.jsonl").read_text().splitlines()]
    [True, False]
    """
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    c = d.comments.reset_index(drop=True)
    links = _reply_to(d, via=via, resolution=resolution, self_replies=self_replies)
    posted = _isos(c["posted_at"])
    seconds = (c["posted_at"].dt.tz_convert("UTC").dt.tz_localize(None) - pd.Timestamp("1970-01-01")).dt.total_seconds()
    stamps = [None if s != s else (int(s) if float(s).is_integer() else s) for s in seconds.tolist()]
    metas = []
    with open(path / "utterances.jsonl", "w", encoding="utf-8") as f:
        columns = [c["comment_id"], c["article_id"], c["number"], c["author"], posted, c["text"], c["parent_id"],
                   c["line"], links["reply_to"], links["via"], links["resolution"], links["reason"],
                   links["conversation_id"]]
        for i, row in enumerate(zip(*(x if isinstance(x, list) else x.tolist() for x in columns))):
            cid, art, num, author, ts, text, parent, line, reply, how, res, reason, conv = row
            meta = {"article_id": _scalar(art), "number": _scalar(num), "posted_at": ts,
                    "parent_id": _scalar(parent), "line": _scalar(line), "reply_via": _scalar(how),
                    "resolution": _scalar(res), "reason": _scalar(reason)}
            if pd.isna(author):
                meta["author_missing"] = True
            metas.append(meta)
            utt = {"id": cid, "conversation_id": conv, "text": text,
                   "speaker": "" if pd.isna(author) else author, "meta": meta,
                   "reply-to": _scalar(reply), "timestamp": stamps[i], "vectors": []}
            f.write(json.dumps(utt, ensure_ascii=False))
            f.write("\n")
    speakers = _speakers(c)
    conversations = _conversations(d, c, links)
    corpus = _corpus_meta(d, path)
    _dump(path / "speakers.json", {k: {"meta": v, "vectors": []} for k, v in speakers.items()})
    _dump(path / "conversations.json", {k: {"meta": v, "vectors": []} for k, v in conversations.items()})
    _dump(path / "corpus.json", corpus)
    _dump(path / "index.json", {
        "utterances-index": _index(metas), "speakers-index": _index(speakers.values()),
        "conversations-index": _index(conversations.values()), "overall-index": _index([corpus]),
        "version": 1, "vectors": []})
    return path


def _dump(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")

def _speakers(c: pd.DataFrame) -> dict[str, dict]:
    who = c.assign(speaker=c["author"].fillna(""))
    g = who.groupby("speaker", sort=False)
    first = _isos(g["posted_at"].min())
    return {str(k): {"comments": int(n), "articles": int(a), "first_posted_at": f}
            for k, n, a, f in zip(g.size().index, g.size().to_numpy(), g["article_id"].nunique().to_numpy(), first)}


def _conversations(d, c: pd.DataFrame, links: pd.DataFrame) -> dict[str, dict]:
    titles = d.articles.drop_duplicates("article_id").set_index("article_id")["title"]
    t = pd.DataFrame({"conversation_id": links["conversation_id"], "article_id": c["article_id"],
                      "posted_at": c["posted_at"], "author": c["author"]})
    g = t.groupby("conversation_id", sort=False)
    size, art = g.size(), g["article_id"].first()
    title = [_scalar(v) for v in art.map(titles).tolist()]
    start, end = _isos(g["posted_at"].min()), _isos(g["posted_at"].max())
    return {str(k): {"article_id": str(a), "article_title": ti, "size": int(n), "start": s0, "end": s1}
            for k, a, ti, n, s0, s1 in zip(size.index, art.tolist(), title, size.to_numpy(), start, end)}


def _corpus_meta(d, path: Path) -> dict:
    arts = d.articles
    keep = [c for c in ("article_id", "title", "updated_at", "declared_comments", "parsed_comments", "source",
                        "layout") if c in arts.columns]
    return {"name": path.name, "generator": "commentgraph", "commentgraph_version": _package_version(),
            "reader": d.settings.get("reader"), "tz": d.tz,
            "resolver": json.loads(json.dumps(d.settings.get("resolver", {}), default=str)),
            "articles": [{k: _scalar(v) for k, v in zip(keep, row)} for row in arts[keep].itertuples(index=False)]}


# ---------------------------------------------------------------- reading

def _load_json(path: Path, name: str, default):
    """A whole JSON file (speakers, conversations, corpus, index); ``default`` when it is absent."""
    if not path.is_file():
        return default
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as e:
        raise ReadError(f"not valid JSON: {e.msg}", source=name, line=e.lineno) from None
    except UnicodeDecodeError as e:
        raise ReadError(f"not UTF-8 text: {e.reason}", source=name) from None


def _utterances(folder: Path, probs: Problems) -> list[dict]:
    jsonl = folder / "utterances.jsonl"
    if not jsonl.is_file():  # the older single-file form
        records = _load_json(folder / "utterances.json", probs.source, [])
        if not isinstance(records, list):
            raise ReadError("utterances.json does not hold a list of utterances", source=probs.source)
        return [dict(r, _row_line=None) for r in records if isinstance(r, dict)]
    try:
        text = jsonl.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise ReadError(f"not UTF-8 text: {e.reason}", source=probs.source) from None
    return json_lines(text, probs)


def _first(rec: dict, keys: tuple[str, ...]):
    return next((rec[k] for k in keys if k in rec), None)


def _meta_of(entry) -> dict:
    """The metadata of a speakers/conversations entry: ``{"meta": ..., "vectors": ...}`` or the meta itself."""
    if not isinstance(entry, dict):
        return {}
    meta = entry.get("meta") if "meta" in entry and set(entry) <= {"meta", "vectors"} else entry
    return meta if isinstance(meta, dict) else {}


def _cell(v):
    """A metadata value as a table cell: scalars as they are, lists and objects as JSON text."""
    return json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v


_OURS = {"article_id", "number", "posted_at", "parent_id", "line", "author_missing"}


def _frame(records: list[dict], conversations: dict) -> pd.DataFrame:
    """The utterances as table columns (built column by column: a dict per row costs twice the time)."""
    names = ("id", "speaker", "posted", "text", "reply_to", "conversation_id", "article", "title", "number",
             "_row_line")
    cols: dict[str, list] = {k: [] for k in names}
    metas: dict[str, dict[int, object]] = {}
    for i, rec in enumerate(records):
        meta = rec.get("meta") if isinstance(rec.get("meta"), dict) else {}
        conv = _first(rec, _CONVERSATION_KEYS)
        cmeta = _meta_of(conversations.get(str(conv))) if conv is not None else {}
        ours = meta.get("posted_at")
        speaker = _first(rec, _SPEAKER_KEYS)
        if speaker == "" or meta.get("author_missing") is True:
            speaker = None
        cols["id"].append(rec.get("id"))
        cols["speaker"].append(speaker)
        cols["posted"].append(ours if isinstance(ours, str) else rec.get("timestamp"))
        cols["text"].append(rec.get("text"))
        cols["reply_to"].append(_first(rec, _REPLY_KEYS))
        cols["conversation_id"].append(conv)
        cols["article"].append(meta.get("article_id", cmeta.get("article_id", conv)))
        cols["title"].append(cmeta.get("article_title", cmeta.get("title")))
        cols["number"].append(meta.get("number"))
        cols["_row_line"].append(rec.get("_row_line"))
        for k, v in meta.items():
            if k not in _OURS:
                metas.setdefault(f"meta.{k}", {})[i] = _cell(v)
    posted = cols["posted"]
    at = [i for i, v in enumerate(posted) if isinstance(v, int | float) and not isinstance(v, bool)]
    if at:  # Unix seconds (UTC) as ISO text, so one column holds both forms
        iso = _isos(pd.Series(pd.to_datetime([float(posted[i]) for i in at], unit="s", utc=True)))
        for i, v in zip(at, iso):
            posted[i] = v
    df = pd.DataFrame(cols)
    for col in ("id", "reply_to", "conversation_id", "article"):
        df[col] = pd.Series([None if v is None or v != v else str(v) for v in cols[col]], dtype="str")
    extra = {k: [m.get(i) for i in range(len(records))] for k, m in metas.items()}
    return pd.concat([df, pd.DataFrame(extra)], axis=1) if extra else df


def read_convokit(path, *, tz: str = DEFAULT_TZ, strict: bool = False, resolver: dict | None = None):
    """Read a ConvoKit corpus directory (ours or a public one) into a Discussion.

    ``reply-to`` (or ``reply_to``) becomes the explicit ``parent_id``, ``speaker`` (or ``user``) the
    author, ``timestamp`` (Unix seconds, UTC; ``meta.posted_at`` where we wrote it) the time, and the
    article is ``meta.article_id`` where present, else the conversation. ``@``-references in the texts
    are found and resolved as in any table. Other utterance metadata become ``meta.<key>`` columns;
    the corpus metadata is in ``d.settings["convokit"]``. A line of ``utterances.jsonl`` that is not a
    JSON object is a problem row naming the file and line; a directory without ``utterances.jsonl``
    raises :class:`ReadError`.
    """
    from .tables import read_table

    folder = Path(path)
    if not folder.exists():
        raise ReadError("no such folder", source=str(folder))
    if not folder.is_dir() or not any((folder / n).is_file() for n in UTTERANCE_FILES):
        raise ReadError("not a ConvoKit corpus: the folder holds no utterances.jsonl", source=str(folder))
    name = str(folder / ("utterances.jsonl" if (folder / "utterances.jsonl").is_file() else "utterances.json"))
    probs = Problems(name, strict=strict)
    records = _utterances(folder, probs)
    if not records:
        raise ReadError("no utterance found in the corpus", source=name)
    conversations = _load_json(folder / "conversations.json", str(folder / "conversations.json"), {})
    corpus = _load_json(folder / "corpus.json", str(folder / "corpus.json"), {})
    df = _frame(records, conversations if isinstance(conversations, dict) else {})
    if df["_row_line"].isna().all():
        df = df.drop(columns="_row_line")
    columns = {"comment_id": "id", "author": "speaker", "posted_at": "posted", "text": "text",
               "parent_id": "reply_to", "article_id": "article"}
    for col in ("number", "title"):  # mapped where the corpus has them, else left out
        if df[col].notna().any():
            columns[col] = col
        else:
            df = df.drop(columns=col)
    try:
        d = read_table(df, columns=columns, tz=tz, strict=strict, resolver=resolver, article_id=folder.name)
    except ReadError as e:
        raise ReadError(e.message, source=name, line=e.line) from None
    fixed = d.problems.assign(source=d.problems["source"].where(d.problems["source"] != "<DataFrame>", name))
    problems = pd.concat([probs.frame(), fixed], ignore_index=True) if probs.rows else fixed
    settings = dict(d.settings, reader="read_convokit",
                    convokit={k: v for k, v in (corpus if isinstance(corpus, dict) else {}).items() if k != "articles"})
    articles = d.articles.assign(source=str(folder))
    ours = corpus.get("articles") if isinstance(corpus, dict) else None
    if isinstance(ours, list) and ours:
        articles = _restore_articles(articles, ours)
    return d.replace(articles=articles, problems=problems, settings=settings)


def _restore_articles(articles: pd.DataFrame, saved: list) -> pd.DataFrame:
    """Titles and declared counts of the articles as written in ``corpus.json`` by :func:`write_convokit`."""
    s = pd.DataFrame([a for a in saved if isinstance(a, dict) and "article_id" in a])
    if s.empty:
        return articles
    s = s.drop_duplicates("article_id").set_index(s.drop_duplicates("article_id")["article_id"].astype("str"))
    ids = articles["article_id"]
    out = articles.copy()
    if "title" in s:
        out["title"] = ids.map(s["title"]).astype("str").where(ids.map(s["title"]).notna(), articles["title"])
    if "declared_comments" in s:
        out["declared_comments"] = pd.array(ids.map(s["declared_comments"]).tolist(), dtype="Int64")
    return out


__all__ = ["write_convokit", "read_convokit", "is_convokit_dir"]
