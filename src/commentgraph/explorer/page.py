"""The explorer as one self-contained HTML page: data as JSON, script and style inline, no network."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ..discussion import Discussion
from .data import explorer_data

#: the browser code and style, shared with the JupyterLab widget
STATIC = files("commentgraph.explorer") / "static"

#: the most comments ``explorer.html`` embeds by default. Measured on the generated corpora (2 cores,
#: Chromium 150): the page takes ~0.6 KB a comment and ~0.16 s a thousand comments to write; 10k
#: comments make 5.9 MB, 100k 58 MB (a 1M corpus would be ~0.6 GB). 40,000 comments keep it near
#: 23 MB, which opens in Chromium in about a second.
MAX_COMMENTS = 40_000
#: most left-out articles listed by name on the page (the rest are counted)
MAX_LISTED = 1000

# the page runs the widget's render() on a small local model holding the embedded data
_BOOT = """
const data = JSON.parse(document.getElementById("cg-data").textContent);
const store = "commentgraph-reviews:" + data.fingerprint;
let saved = {};
try { saved = JSON.parse(localStorage.getItem(store) || "{}"); } catch (e) { saved = {}; }
const first = data.articles.length ? data.articles[0].id : "";
const values = { mode: "page", articles: data.articles, all_data: data.data, article: first,
  article_data: data.data[first] || null, thread: "", selected: "", query: "", sort: "size", order: "oldest",
  reviews: saved, status: "" };
const handlers = {};
const model = {
  get: (k) => values[k],
  set(k, v) {
    if (values[k] === v) return;
    values[k] = v;
    if (k === "article") this.set("article_data", data.data[v] || null);
    if (k === "reviews") { try { localStorage.setItem(store, JSON.stringify(v)); } catch (e) { /* private mode */ } }
    for (const f of handlers["change:" + k] || []) f();
  },
  save_changes() {},
  on(ev, f) { (handlers[ev] = handlers[ev] || []).push(f); },
  off(ev, f) { handlers[ev] = (handlers[ev] || []).filter((g) => g !== f); },
};
window.commentgraphExplorer = model;
render({ model, el: document.getElementById("cg-root") });
document.documentElement.dataset.ready = "true";
"""


_NOTE_STYLE = """.cg-omitted { margin: 0; padding: 6px 12px; background: #fff4d6; border-bottom: 1px solid #e0c36a;
  font: 13px/1.4 system-ui, sans-serif; color: #3b2f00; }
.cg-omitted p { margin: 4px 0; }
.cg-omitted code { background: #fffaf0; padding: 0 3px; }
.cg-omitted ol { max-height: 12em; overflow: auto; margin: 4px 0; }
body:has(.cg-omitted) { display: flex; flex-direction: column; height: 100vh; }
body:has(.cg-omitted) #cg-root { flex: 1; min-height: 0; display: flex; flex-direction: column; }
body:has(.cg-omitted) .cg-explorer.cg-page { height: auto; flex: 1; min-height: 0; }
"""


def _script_json(obj) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' (so no '</script>'), no line separators."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def explorer_script() -> str:
    """The explorer's JavaScript (an ES module exporting ``render``), as the widget runs it."""
    return (STATIC / "explorer.js").read_text(encoding="utf-8")


def explorer_style() -> str:
    """The explorer's CSS."""
    return (STATIC / "explorer.css").read_text(encoding="utf-8")


def _sizes(d: Discussion) -> pd.Series:
    """Comments per article, every article of ``d`` in its order (as the explorer lists them)."""
    aid = d.comments["article_id"].astype("str")
    ids = pd.unique(pd.concat([d.articles["article_id"].astype("str"), aid]))
    return aid.value_counts().reindex(ids, fill_value=0).astype(int)


def choose_articles(d: Discussion, *, article_ids=None, max_comments: int | None = MAX_COMMENTS) -> tuple[list, list]:
    """The articles the explorer page embeds, and those it leaves out (most comments first).

    Whole articles only: the candidates (``article_ids``, else every article) are taken most-discussed
    first while their comments fit ``max_comments`` (``None``: no limit); one that does not fit is
    skipped and the smaller ones after it still get their turn. The kept ones are in ``d``'s order.

    >>> d = cg.read_source(cg.sample_corpus())
    >>> choose_articles(d, max_comments=60)
    (['synthetic-03', 'synthetic-04', 'synthetic-06'], ['synthetic-05', 'synthetic-01', 'synthetic-02'])
    """
    sizes = _sizes(d)
    if article_ids is None:
        wanted = list(sizes.index)
    else:
        wanted = list(dict.fromkeys(str(a) for a in ([article_ids] if isinstance(article_ids, str) else article_ids)))
        unknown = [a for a in wanted if a not in sizes.index]
        if unknown:
            raise ValueError(f"no such article in the Discussion: {', '.join(unknown[:10])}"
                             + (f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""))
    if max_comments is not None and max_comments < 0:
        raise ValueError(f"max_comments must be a number >= 0 or None, not {max_comments!r}")
    ranked = sizes[wanted].sort_values(ascending=False, kind="stable")
    keep, total = set(), 0
    for a, n in ranked.items():
        if max_comments is None or total + n <= max_comments:
            keep.add(a)
            total += n
    left = sizes[~sizes.index.isin(list(keep))].sort_values(ascending=False, kind="stable")
    return [a for a in sizes.index if a in keep], left.index.tolist()


def _n(k: int, word: str) -> str:
    """``1 article``, ``2 articles``, ``1,200 comments``."""
    return f"{k:,} {word}{'' if k == 1 else 's'}"


def _subset(d: Discussion, keep: list) -> Discussion:
    """``d`` with only the articles ``keep`` (the problems stay: the explorer files them by source)."""
    if len(keep) == len(_sizes(d)):
        return d
    ids = set(keep)
    pick = (lambda t: t[t["article_id"].astype("str").isin(ids)] if "article_id" in t.columns else t)
    return d.replace(articles=pick(d.articles), comments=pick(d.comments), mentions=pick(d.mentions),
                     replies=pick(d.replies))


def _left_out_note(d: Discussion, keep: list, left: list, *, article_ids, max_comments, page_bytes: int) -> str:
    """The page's notice of what it leaves out and how to get it (HTML, every value escaped); '' if nothing."""
    if not left:
        return ""
    sizes = _sizes(d)
    titles = d.articles.assign(article_id=d.articles["article_id"].astype("str")).set_index("article_id")
    titles = titles["title"] if "title" in titles.columns else pd.Series(dtype=object)
    n_keep, n_all = int(sizes[keep].sum()), int(sizes.sum())
    picked = "the articles picked (article_ids=…)" if article_ids is not None else "the most-discussed articles"
    why = f"{picked} that fit its budget of max_comments={max_comments:,}" if max_comments is not None else picked
    esc = html.escape
    example = ", ".join(f'"{a}"' for a in left[:2])
    some = f'cg.write_explorer(d, "explorer.html", article_ids=[{example}])'
    every = 'cg.write_explorer(d, "explorer.html", max_comments=None)'
    mb = page_bytes / n_keep * n_all / 1e6 if n_keep else None
    more = ("" if mb is None else f" (about {mb:,.0f} MB, which a browser may fail to open)" if mb >= 30
            else f" (about {mb:.1f} MB)" if mb >= 1 else f" (about {mb * 1000:.0f} KB)")
    items = []
    for a in left[:MAX_LISTED]:
        t = titles.get(a)
        big = " — larger than the budget on its own: add max_comments=None" if (
            max_comments is not None and sizes[a] > max_comments) else ""
        items.append(f"<li><code>{esc(a)}</code>{esc(' · ' + str(t)) if t is not None and pd.notna(t) else ''}"
                     f" · {sizes[a]:,} comments{esc(big)}</li>")
    if len(left) > MAX_LISTED:
        items.append(f"<li>and {len(left) - MAX_LISTED:,} more</li>")
    return (
        '<div class="cg-omitted" role="note">\n'
        f"<p><strong>Not everything is on this page.</strong> It holds {len(keep):,} of {_n(len(sizes), 'article')} "
        f"({n_keep:,} of {_n(n_all, 'comment')}): {esc(why)}. "
        f"<span class=\"cg-left-out\">Left out: {_n(len(left), 'article')}, {_n(n_all - n_keep, 'comment')}.</span></p>\n"
        "<p>To explore them, write another page from Python: "
        f"<code>{esc(some)}</code> for the articles you pick (their ids are listed below), or "
        f"<code>{esc(every)}</code> for all of them{esc(more)}. "
        "In JupyterLab, <code>cg.explore(d)</code> shows every article, sending the browser one at a time.</p>\n"
        f"<details><summary>{'the article' if len(left) == 1 else f'the {len(left):,} articles'} left out, "
        "most comments first</summary>"
        f"<ol>{''.join(items)}</ol></details>\n</div>\n"
    )


def explorer_html(d: Discussion, *, title: str | None = None, article_ids=None,
                  max_comments: int | None = MAX_COMMENTS) -> str:
    """The explorer of ``d`` as one HTML page that opens from disk, with no network access at all.

    The page holds whole articles up to ``max_comments`` comments (default :data:`MAX_COMMENTS`;
    ``None``: all), the most-discussed first (see :func:`choose_articles`); ``article_ids`` picks
    the articles to consider. Whatever is left out is stated at the top of the page: how many
    articles and comments, which ones, and the call that writes them.

    The data sits in the page as JSON (``<`` escaped, so no comment can close the script), the
    script and style inline; a Content-Security-Policy allows only that one script (by its hash),
    no connections and no images from anywhere, so even markup that reached the page could
    neither run nor load. Comment text is inserted as text by the script, never as HTML.

    >>> page = explorer_html(cg.read_page("01.03.2019 10:00 Anna 1\\n\\n<script>alert(1)</script>"))
    >>> "<script>alert(1)" in page, "\\\\u003cscript\\\\u003ealert(1)" in page
    (False, True)
    """
    keep, left = choose_articles(d, article_ids=article_ids, max_comments=max_comments)
    data = explorer_data(_subset(d, keep))
    counts = [(a["id"], a["comments"], a["references"]) for a in data["articles"]]
    data["fingerprint"] = hashlib.sha256(json.dumps(counts).encode()).hexdigest()[:16]
    script = explorer_script().replace("export default { render };", "") + _BOOT
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    csp = (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; img-src 'none'; "
           "connect-src 'none'; form-action 'none'; base-uri 'none'")
    if title is None:
        titles = [a["title"] for a in data["articles"] if a["title"]]
        title = titles[0] if len(titles) == 1 else f"{len(data['articles'])} articles"
    n = sum(a["comments"] for a in data["articles"])
    payload = _script_json(data)
    note = _left_out_note(d, keep, left, article_ids=article_ids, max_comments=max_comments,
                          page_bytes=len(payload.encode("utf-8")))
    shown = f"{n:,} of {len(d.comments):,} comments" if left else f"{n} comments"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"commentgraph explorer\">\n"
        f"<title>{html.escape(f'commentgraph explorer: {title} ({shown})')}</title>\n"
        f"<style>\nhtml, body {{ margin: 0; padding: 0; }}\n{_NOTE_STYLE}{explorer_style()}</style>\n</head>\n<body>\n"
        f"<noscript>This explorer needs JavaScript; the same data is in the report's tables/ folder.</noscript>\n"
        f"{note}<div id=\"cg-root\"></div>\n"
        f"<script type=\"application/json\" id=\"cg-data\">{payload}</script>\n"
        f"<script type=\"module\">{script}</script>\n</body>\n</html>\n"
    )


def write_explorer(d: Discussion, path, *, title: str | None = None, article_ids=None,
                   max_comments: int | None = MAX_COMMENTS) -> Path:
    """Write :func:`explorer_html` of ``d`` to ``path`` (UTF-8); returns the path.

    Whole articles up to ``max_comments`` comments, the most-discussed first (``None``: all, a page
    of ~0.6 KB a comment), or those of ``article_ids``; the page says what it left out.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(explorer_html(d, title=title, article_ids=article_ids, max_comments=max_comments),
                    encoding="utf-8")
    return path
