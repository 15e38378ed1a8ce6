"""JSON comment records: API wrappers unwrapped, nested replies flattened (the nesting gives the parent), JSON
Lines read line by line; what is no comment record is a problems row or a clear error."""

from __future__ import annotations

import json
import re

import pandas as pd

from ..errors import ReadError
from ..problems import Problems
from ..schema import scrub_surrogates
from .columns import MAX_WHOLE

RECORD_KEYS = ("comments", "data", "items", "results", "records", "posts", "children", "response")


#: keys inside a record that hold its nested replies
_NEST_KEYS = ("replies", "children", "comments", "answers")


def _unwrap(rec: dict) -> dict:
    """A record whose comment sits inside a wrapper, lifted out: API resources keep their fields a level down.

    A YouTube ``commentThread`` becomes its top-level comment (its ``snippet`` fields at the top, the
    thread's ``videoId`` kept) with its ``replies.comments`` as nested replies; a YouTube ``comment``
    resource gets its ``snippet`` fields at the top; a Reddit API thing ``{"kind": "t1", "data": {...}}``
    becomes its ``data``. Anything else is returned as it is.

    >>> thread = {"id": "T", "snippet": {"videoId": "v", "topLevelComment": {"id": "T", "snippet": {
    ...     "authorDisplayName": "@ann", "textOriginal": "hi"}}},
    ...     "replies": {"comments": [{"id": "T.r", "snippet": {"parentId": "T", "authorDisplayName": "@ben"}}]}}
    >>> top = _unwrap(thread)
    >>> top["authorDisplayName"], top["videoId"], top["replies"][0]["parentId"], top["replies"][0]["videoId"]
    ('@ann', 'v', 'T', 'v')
    """
    snippet = rec.get("snippet")
    if isinstance(snippet, dict):
        top = snippet.get("topLevelComment")
        if isinstance(top, dict):
            out = _unwrap(top)
            for key, value in snippet.items():
                if key != "topLevelComment":
                    out.setdefault(key, value)
            replies = rec.get("replies")
            if isinstance(replies, dict):
                replies = replies.get("comments")
            if isinstance(replies, list):
                out["replies"] = [
                    {
                        **_unwrap(r),
                        **(
                            {}
                            if "videoId" in r.get("snippet", {}) or "videoId" not in out
                            else {"videoId": out["videoId"]}
                        ),
                    }
                    if isinstance(r, dict)
                    else r
                    for r in replies
                ]
            return out
        return {**{k: v for k, v in rec.items() if k != "snippet"}, **snippet}
    if set(rec) == {"kind", "data"} and isinstance(rec["data"], dict):
        out = {"kind": rec["kind"], **rec["data"]}
        replies = out.get("replies")
        if replies == "":
            del out["replies"]  # Reddit writes "" for no replies
        elif isinstance(replies, dict) and isinstance(replies.get("data"), dict):
            out["replies"] = replies["data"].get("children", [])  # a Listing
        return out
    return rec


#: Reddit API things that are no comment: a Listing (its children are), a submission (the comments' article),
#: a "more" stub (comments the response left out)
_REDDIT_SKIP = {
    "Listing": None,
    "t3": "a Reddit submission (t3): the article its comments answer, not read as a comment",
    "more": None,
}


def _reddit_thing(thing: str, rec: dict, problems: Problems, line: int) -> list | None:
    """A Listing's children; for a submission or a 'more' stub, a notice (and None)."""
    if thing == "Listing":
        return rec.get("children") or []
    more = f"{len(rec.get('children') or [])} comment(s) not loaded (a 'more' stub); not in the table"
    problems.add(f"reddit_{thing}", _REDDIT_SKIP[thing] or more, line=line, severity="notice")
    return None


def _pop_children(rec: dict):
    """The nested replies of a record, taken out of it (a list or dict of objects under a nesting key, or
    anything under ``replies``), else None; any other value is an ordinary field."""
    for key in _NEST_KEYS:
        v = rec.get(key)
        if (
            isinstance(v, list)
            and all(isinstance(x, dict) for x in v)
            or isinstance(v, dict)
            and v
            and all(isinstance(x, dict) for x in v.values())
            or key == "replies"
            and isinstance(v, list | dict)
        ):
            return rec.pop(key)
    return None


def flatten_json(obj, name: str, problems: Problems) -> list[dict]:
    """Records from JSON: a list, a dict holding a list, a dict of records; nested replies flattened."""
    out: list[dict] = []
    seen = [0]  # items walked so far: each record's row is its ordinal among them

    def walk_records(records, parent_key=None, article=None):
        for i, rec in enumerate(records):
            seen[0] += 1
            if not isinstance(rec, dict):
                problems.add(
                    "not_a_record",
                    f"record {seen[0]} is a {type(rec).__name__}, not an object; skipped",
                    line=seen[0],
                    excerpt_text=json.dumps(rec)[:120],
                )
                continue
            thing = rec.get("kind") if set(rec) == {"kind", "data"} else None  # a Reddit API thing
            rec = _unwrap(dict(rec))
            if thing in _REDDIT_SKIP:
                listed = _reddit_thing(thing, rec, problems, seen[0])
                if listed is not None:  # a Listing: its children stand where it stands
                    seen[0] -= 1
                    walk_records(listed, parent_key, article)
                continue
            rec["_row_line"] = seen[0]
            children = _pop_children(rec)
            if parent_key is not None:
                rec.setdefault("_nest_parent", parent_key)
            if article is not None:
                rec.setdefault("_article", article)
            out.append(rec)
            own = rec.get("ID", rec.get("id", rec.get("comment_id", rec.get("_key"))))
            if own is None and parent_key is not None:
                own = rec["_key"] = f"{parent_key}.{i}"  # nested reply without an id of its own
            if isinstance(children, list):
                walk_records(children, own, article)
            elif isinstance(children, dict):
                walk_records(
                    [{"_key": k, **v} if isinstance(v, dict) else v for k, v in children.items()], own, article
                )

    def find(o, article=None) -> bool:
        if isinstance(o, list):
            rows = _header_rows(o, problems)
            seen[0] += rows is not None  # (the header is item 1)
            walk_records(o if rows is None else rows, None, article)
            return True
        if not isinstance(o, dict):
            return False
        o = _expanded(o)
        for key in RECORD_KEYS:
            if isinstance(o.get(key), list):
                walk_records(o[key], None, article)
                return True
            if isinstance(o.get(key), dict) and o[key] and all(isinstance(v, dict) for v in o[key].values()):
                return find(o[key], article)  # records keyed by their ids: {"comments": {"c1": {...}, ...}}
        dict_values = [v for v in o.values() if isinstance(v, dict)]
        if dict_values and len(dict_values) == len(o):
            # a dict keyed by id: either articles holding comment lists, or the comments themselves
            if all(any(isinstance(v.get(k), list) for k in RECORD_KEYS) or "article" in v for v in dict_values):
                found = False
                for k, v in o.items():
                    found |= find(v.get("article", v), article=k)
                return found
            walk_records([{"_key": k, **v} for k, v in o.items()], None, article)
            return True
        if "article" in o:
            return find(o["article"], article)
        return _lists_within(o, walk_records, article)

    if not find(obj):
        raise ReadError(
            f"JSON holds no list of comment records (it is a {type(obj).__name__}; expected a list "
            f"of objects, or an object holding lists of objects, e.g. under one of the keys {', '.join(RECORD_KEYS)})",
            source=name,
            line=1,
        )
    if not out:
        raise ReadError(f"JSON holds no comment record (no object among its {seen[0]} items)", source=name, line=1)
    return out


def _header_rows(o: list, problems: Problems) -> list[dict] | None:
    """A list of lists whose first holds names (a spreadsheet's ``values``) as records, else None; a row of
    another length than the header is a problems row (missing fields are null, extra ones kept in ``_extra_fields``).

    >>> _header_rows([["id", "author"], [1, "a"], [2]], Problems("x.json"))
    [{'id': 1, 'author': 'a'}, {'id': 2, 'author': None}]
    """
    if len(o) < 2 or not all(isinstance(r, list) for r in o) or not all(isinstance(h, str) for h in o[0]):
        return None
    if len(set(o[0])) < len(o[0]):
        return None  # (a name twice: records would keep one of its values)
    header, out = o[0], []
    for i, row in enumerate(o[1:], start=2):
        rec = dict(zip(header, row + [None] * (len(header) - len(row))))
        if len(row) != len(header):
            more = len(row) > len(header)
            problems.add(
                "extra_fields" if more else "missing_fields",
                f"{len(row)} fields where the header has {len(header)}; the "
                + ("extra ones are kept in column _extra_fields" if more else "missing ones are NA"),
                line=i,
                excerpt_text=json.dumps(row)[:120],
            )
            if more:
                rec["_extra_fields"] = json.dumps(row[len(header) :])
        out.append(rec)
    return out


def _expanded(o: dict) -> dict:
    """A Twitter/X API v2 response with its expansions joined in: each tweet in ``data`` gets its author's
    ``username`` (from ``includes.users``, by ``author_id``) and, from ``referenced_tweets``, the tweet it
    replies to (``in_reply_to_id``). Anything else is returned as it is.

    >>> _expanded({"data": [{"id": "2", "author_id": "u", "referenced_tweets": [{"type": "replied_to", "id": "1"}]}],
    ...            "includes": {"users": [{"id": "u", "username": "ann"}]}})["data"]
    [{'id': '2', 'author_id': 'u', 'referenced_tweets': [{'type': 'replied_to', 'id': '1'}], 'username': 'ann', \
'in_reply_to_id': '1'}]
    """
    data, includes = o.get("data"), o.get("includes")
    if not isinstance(data, list):
        return o
    users = includes.get("users") if isinstance(includes, dict) else None
    if not isinstance(users, list) and not any(isinstance(t, dict) and "referenced_tweets" in t for t in data):
        return o
    names = {u.get("id"): u.get("username") for u in users or [] if isinstance(u, dict)}
    out = []
    for t in data:
        if isinstance(t, dict):
            t = dict(t)
            if t.get("author_id") in names:
                t.setdefault("username", names[t["author_id"]])
            refs = t.get("referenced_tweets") if isinstance(t.get("referenced_tweets"), list) else []
            to = [r.get("id") for r in refs if isinstance(r, dict) and r.get("type") == "replied_to"]
            if to:
                t.setdefault("in_reply_to_id", to[0])
        out.append(t)
    return {**o, "data": out}


def _record_lists(o: dict) -> list[list]:
    """The non-empty lists of objects among ``o``'s values."""
    return [v for v in o.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]


def _lists_within(o: dict, walk, article) -> bool:
    """Records under keys of other names: every list of objects among the object's values (Mastodon's
    ``ancestors`` and ``descendants``), else among its values' values (Discourse's ``post_stream.posts``).

    >>> got = []
    >>> _lists_within({"ancestors": [{"id": 1}], "descendants": [{"id": 2}], "n": 2},
    ...               lambda recs, _, a: got.extend(recs), None), got
    (True, [{'id': 1}, {'id': 2}])
    """
    lists = _record_lists(o)
    if not lists:
        lists = [x for v in o.values() if isinstance(v, dict) for x in _record_lists(v)]
    for records in lists:
        walk(records, None, article)
    return bool(lists)


def jsonable(v):
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return v


def json_lines(text: str, problems: Problems) -> list[dict]:
    """The objects of a JSON Lines text, each with its line (``_row_line``); a line that is not JSON, or not an
    object, is a problems row.

    >>> p = Problems("x.jsonl")
    >>> json_lines('{"a": 1}\\n\\n[2]\\n{', p), [r["kind"] for r in p.rows]
    ([{'a': 1, '_row_line': 1}], ['not_a_record', 'bad_json'])
    """
    records = []
    for i, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rec = loads(line, problems, line=i)
        except json.JSONDecodeError as e:
            problems.add("bad_json", f"not valid JSON: {e.msg}", line=i, excerpt_text=line)
            continue
        except RecursionError:
            problems.add("bad_json", "JSON nested too deeply to be a comment record", line=i, excerpt_text=line)
            continue
        if not isinstance(rec, dict):
            problems.add("not_a_record", "a JSON line that is not an object", line=i, excerpt_text=line)
            continue
        rec["_row_line"] = i
        records.append(rec)
    return records


#: a JSON escape of a UTF-16 surrogate: paired ones make one character, a lone one no Unicode text
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def loads(text: str, problems: Problems, line: int | None = None):
    r"""``json.loads(text)`` with lone surrogates (``"\ud800"`` without its pair: valid JSON, no Unicode
    text, and no str column can hold it) replaced by U+FFFD in keys and values, which a problems row says.

    >>> p = Problems("x.json")
    >>> loads('[{"text": "a\\ud800b", "ok": "\\ud83d\\ude00"}]', p), [r["kind"] for r in p.rows]
    ([{'text': 'a�b', 'ok': '😀'}], ['bad_text'])
    """
    obj = json.loads(text)
    found = _SURROGATE.search(text)
    if found is None:
        return obj
    count = [0]
    obj = _scrub(obj, count)
    if count[0]:
        at = line if line is not None else text.count("\n", 0, found.start()) + 1
        problems.add(
            "bad_text",
            f"{count[0]} string(s) hold lone UTF-16 surrogate escapes (no Unicode text): each shown as U+FFFD",
            line=at,
            excerpt_text=text[max(0, found.start() - 40) : found.end() + 40],
        )
    return obj


def _scrub(obj, count: list):
    if isinstance(obj, str):
        clean = scrub_surrogates(obj)
        count[0] += clean != obj
        return clean
    if isinstance(obj, list):
        return [_scrub(v, count) for v in obj]
    if isinstance(obj, dict):
        return {_scrub(k, count): _scrub(v, count) for k, v in obj.items()}
    return obj


def big_floats(df: pd.DataFrame) -> list:
    """Float columns holding a value of 2**53 or more (where a float may have lost digits of a whole number)."""
    return [c for c in df.columns[(df.dtypes == "float64").to_numpy()] if (df[c].abs() >= MAX_WHOLE).any()]


def normalize(records: list[dict]) -> pd.DataFrame:
    """Records as a frame (nested objects flattened to ``a.b`` columns); lists and objects left in a column become
    JSON text, and ``attrs["json_kinds"]`` says which values were lists, objects or booleans."""
    df = pd.json_normalize(records)
    for col in big_floats(df):
        # whole numbers beyond 2**53 (Twitter ids) made floats by a missing value: rebuilt exactly
        values = [r.get(col) for r in records]
        if any(v is not None for v in values) and all(
            v is None or isinstance(v, int) and not isinstance(v, bool) and -(2**63) <= v < 2**63 for v in values
        ):  # (beyond 64 bits: left as floats, as read)
            df[col] = pd.array(values, dtype="Int64")
    odd = {}  # column -> what JSON type each value of another type than its column's is (None for the rest)
    for col in df.columns[(df.dtypes == object).to_numpy()]:  # noqa: E721
        kind = df[col].map(_json_kind, na_action="ignore")
        if kind.notna().any():
            odd[col] = kind.to_numpy()
            if kind.isin(["a list", "an object"]).any():
                df[col] = df[col].map(jsonable)
    df.attrs["json_kinds"] = odd
    return df


def _json_kind(v) -> str | None:
    """The JSON type of a value that a column of strings or numbers should not hold, else None."""
    if isinstance(v, dict):
        return "an object"
    if isinstance(v, list):
        return "a list"
    return "a boolean" if isinstance(v, bool) else None
