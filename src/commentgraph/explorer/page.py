"""The explorer as one self-contained HTML page: data as JSON, script and style inline, no network."""

from __future__ import annotations

import base64
import hashlib
import html
import json
from importlib.resources import files
from pathlib import Path

from ..discussion import Discussion
from .data import explorer_data

#: the browser code and style, shared with the JupyterLab widget
STATIC = files("commentgraph.explorer") / "static"

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


def explorer_html(d: Discussion, *, title: str | None = None) -> str:
    """The explorer of ``d`` as one HTML page that opens from disk, with no network access at all.

    The data sits in the page as JSON (``<`` escaped, so no comment can close the script), the
    script and style inline; a Content-Security-Policy allows only that one script (by its hash),
    no connections and no images from anywhere, so even markup that reached the page could
    neither run nor load. Comment text is inserted as text by the script, never as HTML.

    >>> page = explorer_html(cg.read_page("01.03.2019 10:00 Anna 1\\n\\n<script>alert(1)</script>"))
    >>> "<script>alert(1)" in page, "\\\\u003cscript\\\\u003ealert(1)" in page
    (False, True)
    """
    data = explorer_data(d)
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
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<meta name=\"generator\" content=\"commentgraph explorer\">\n"
        f"<title>{html.escape(f'commentgraph explorer: {title} ({n} comments)')}</title>\n"
        f"<style>\nhtml, body {{ margin: 0; padding: 0; }}\n{explorer_style()}</style>\n</head>\n<body>\n"
        f"<noscript>This explorer needs JavaScript; the same data is in the report's tables/ folder.</noscript>\n"
        f"<div id=\"cg-root\"></div>\n"
        f"<script type=\"application/json\" id=\"cg-data\">{_script_json(data)}</script>\n"
        f"<script type=\"module\">{script}</script>\n</body>\n</html>\n"
    )


def write_explorer(d: Discussion, path, *, title: str | None = None) -> Path:
    """Write :func:`explorer_html` of ``d`` to ``path`` (UTF-8); returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(explorer_html(d, title=title), encoding="utf-8")
    return path
