"""The report: run the notebooks on a source with papermill, render them as HTML, write tables and a manifest."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from .discussion import Discussion
from .errors import ReadError
from .explorer import MAX_COMMENTS, choose_articles, write_explorer

#: the notebooks a report runs, in order (files ``<name>.ipynb`` in the notebooks folder)
NOTEBOOKS = ("01_load_and_check", "02_timeline", "03_discussion_structure", "04_corpus", "05_explore")
#: environment variable that gives the salt when ``anonymize`` is asked for without one
SALT_ENV = "COMMENTGRAPH_SALT"
KERNEL = "python3"


class ReportError(RuntimeError):
    """A report could not be made: no salt for pseudonyms, no notebooks folder, a notebook failed."""


# ---------------------------------------------------------------- reading

def resolve_salt(salt: str | None = None) -> str:
    """The salt for pseudonyms: ``salt`` if given, else ``$COMMENTGRAPH_SALT``, else a ReportError.

    There is no default salt on purpose: a fixed one would let anyone recompute the
    pseudonyms from a list of names, a random one would change them on every run.

    >>> resolve_salt("s3cret")
    's3cret'
    """
    salt = salt if salt is not None else os.environ.get(SALT_ENV)
    if not salt:
        raise ReportError(f"--anonymize needs a salt: pass --salt S or set {SALT_ENV}")
    return salt


def read_source(source, *, tz: str | None = None, anonymize: bool = False, salt: str | None = None) -> Discussion:
    """Read any source the way the report and the command do, pseudonymised at once when asked.

    The reader is picked by :func:`commentgraph.read.source.read_source`: a folder of pages
    (:func:`read_pages`), a folder of table exports (each file with :func:`read_table`, into one
    Discussion), a ConvoKit corpus folder (:func:`read_convokit`), a CSV/TSV/JSON/JSONL/Parquet file, a
    SQLite or DuckDB file (its only table) or a DataFrame (:func:`read_table`), anything else
    (:func:`read_page`). ``tz`` (default Europe/Berlin) goes to the reader's ``tz=``: the zone times are
    shown in, and naive times are read in.
    With ``anonymize=True`` author names are replaced by :func:`pseudonymize` before the
    Discussion is returned, so nothing downstream ever sees them; ``salt`` falls back to
    ``$COMMENTGRAPH_SALT`` (see :func:`resolve_salt`).

    >>> d = read_source(cg.sample_corpus(articles=2))
    >>> len(d.articles)
    2
    """
    from .read.source import read_source as read_any

    if anonymize:
        salt = resolve_salt(salt)  # fail before reading anything
    d = read_any(source, tz=tz)
    if anonymize:
        from .pseudonyms import pseudonymize

        d = pseudonymize(d, salt=salt)
    return d


# ---------------------------------------------------------------- notebooks

def notebooks_dir() -> Path:
    """The folder holding the report notebooks.

    From a checkout (an editable install) that is its top-level ``notebooks/``, the copy analysts open
    and edit; from an installed wheel, the copy the build put into the package (``commentgraph/notebooks``).
    """
    import commentgraph

    package = Path(commentgraph.__file__).resolve().parent
    places = [package.parents[1] / "notebooks", package / "notebooks"]
    for folder in places:
        if all((folder / f"{name}.ipynb").is_file() for name in NOTEBOOKS):
            return folder
    raise ReportError(f"report notebooks not found in {places[1]} (nor in {places[0]}); reinstall commentgraph "
                      "(`pip install commentgraph`, or `pip install .` in a checkout): the wheel carries them")


def display_path(path) -> str:
    """``path`` relative to the working folder (``..`` where needed), as reports name files: never absolute.

    >>> display_path(Path.cwd() / "data" / "page.txt")
    'data/page.txt'
    """
    try:
        return Path(os.path.relpath(Path(path).absolute(), Path.cwd())).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists; the name alone, never the absolute path
        return Path(path).name


@contextlib.contextmanager
def _kernel_environment(salt: str | None):
    """Let the kernel import this very package (not another install) and see the salt, then restore."""
    import commentgraph

    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", SALT_ENV)}
    src = str(Path(commentgraph.__file__).resolve().parents[1])
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if Path(src).name != "site-packages" and src not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([src, *paths])
    if salt is not None:
        os.environ[SALT_ENV] = salt
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def execute_notebook(notebook, output, *, source, out_dir, tz: str | None = None, anonymize: bool = False,
                     salt: str | None = None, timeout: int = 600, kernel: str = KERNEL) -> Path:
    """Run one notebook with papermill (``kernel``, by default ``python3``) and write the executed copy to ``output``.

    ``source``, ``out_dir`` and ``tz`` become the notebook's parameters; paths are given relative to the
    working folder (:func:`display_path`), where the kernel runs, so no absolute path of the analyst's
    machine is written into the executed notebook or its page. The salt is handed to the kernel through
    ``$COMMENTGRAPH_SALT``, never as a parameter, so it is not recorded in the executed notebook. A failing
    cell raises :class:`ReportError`, naming the cell and the error; the executed copy is still written,
    showing where it stopped.
    """
    import nbformat
    import papermill
    from jupyter_client.kernelspec import NoSuchKernel
    from papermill.exceptions import PapermillExecutionError

    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    params = {"source": display_path(source), "out_dir": display_path(out_dir), "tz": tz,
              "anonymize": bool(anonymize), "salt": None}
    if anonymize:
        salt = resolve_salt(salt)
    failed = None
    with _kernel_environment(salt if anonymize else None):
        try:
            papermill.execute_notebook(str(notebook), str(output), parameters=params, kernel_name=kernel,
                                       progress_bar=False, log_output=False, cwd=str(Path.cwd()),
                                       execution_timeout=timeout, store_widget_state=False,
                                       extra_arguments=["--IPKernelApp.log_level=CRITICAL"])
        except PapermillExecutionError as e:
            failed = (f"notebook {Path(notebook).stem} failed in cell {e.exec_count}: {e.ename}: "
                      f"{e.evalue} (see {output})")
        except NoSuchKernel:
            raise ReportError(f"no Jupyter kernel named {kernel!r}; install one with "
                              f"`{sys.executable} -m ipykernel install --sys-prefix --name {kernel}`") from None
    if output.is_file():  # papermill records where it ran: names, not absolute paths
        nb = nbformat.read(str(output), as_version=4)
        nb.metadata.get("papermill", {}).update(input_path=Path(notebook).name, output_path=output.name)
        nbformat.write(nb, str(output))
    if failed:
        raise ReportError(failed)
    return output


#: what must never reach a report page from an output: scripts, event handlers, javascript: links, frames
_ACTIVE_HTML = re.compile(r"<\s*(?:script|iframe|object|embed)\b|<[^>]*\son[a-z]+\s*=|javascript\s*:", re.IGNORECASE)


def _defuse(nb) -> int:
    """Replace every HTML (or JavaScript) output that could run by its plain-text form; returns how many.

    The notebooks show tables through ``DataFrame.to_html``, which escapes comment text, so this
    is a second line of defence: nbconvert copies ``text/html`` outputs into the page verbatim.
    """
    n = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            html = data.get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if "application/javascript" in data or (html and _ACTIVE_HTML.search(html)):
                data.pop("text/html", None)
                data.pop("application/javascript", None)
                data.setdefault("text/plain", "(an HTML output was withheld from this page: it could run code)")
                n += 1
    return n


#: an inline image on a page: its ``src`` (group 1) and its other attributes
_IMG = re.compile(r'<img\b([^>]*?)\ssrc="([^"]*)"([^>]*)>', re.IGNORECASE)
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif")


def _alt_texts(nb) -> dict[str, str]:
    """For each inline image of ``nb``: its ``data:`` URL -> alt text.

    The alt text is what the figure shows: its titles, recorded in the output's metadata when it was drawn
    (:func:`commentgraph.figures.describe_inline_figures`, on under :func:`report_style`); an image without
    one is named by the heading above it.
    """
    out, heading = {}, None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = re.findall(r"^#+\s+(.+)$", cell.source, re.MULTILINE)
            heading = found[-1].strip() if found else heading
            continue
        for output in cell.get("outputs", []):
            for mime in _IMAGE_TYPES:
                data = output.get("data", {}).get(mime)
                if not data:
                    continue
                data = "".join(data) if isinstance(data, list) else data
                alt = (output.get("metadata", {}).get(mime) or {}).get("alt") or output.get("metadata", {}).get("alt")
                alt = alt or (f"Figure: {heading}" if heading else "Figure")
                out[f"data:{mime};base64,{data.strip()}"] = " ".join(str(alt).split())
    return out


def _with_alt_texts(html: str, alts: dict[str, str]) -> str:
    """``html`` with each inline image's alt attribute set from ``alts`` (by its ``src``)."""
    from html import escape

    def one(m):
        before, src, after = m.groups()
        alt = alts.get(src.replace("\n", "").strip())
        if alt is None:
            return m.group(0)
        rest = re.sub(r'\salt="[^"]*"', "", before + after)
        return f'<img src="{src}" alt="{escape(alt, quote=True)}"{rest}>'

    return _IMG.sub(one, html)


#: cells left off every page: the parameter cells (the notebook's and the one papermill injects) and the
#: note explaining them (tagged ``parameters-note``); the page says what it was run on instead
HIDDEN_TAGS = {"parameters", "injected-parameters", "parameters-note"}


@contextlib.contextmanager
def _quiet_alt_warning(exporter):
    """Hold back nbconvert's "Alternative text is missing" warning (render_html adds the alt texts after it)."""
    import logging

    class Drop(logging.Filter):
        def filter(self, record):
            return "Alternative text is missing" not in str(record.msg)

    drop = Drop()
    exporter.log.addFilter(drop)
    try:
        yield
    finally:
        exporter.log.removeFilter(drop)


def render_html(notebook, output, *, show_code: bool = False) -> Path:
    """Write an HTML rendering of an executed notebook (nbconvert, lab template) to ``output``.

    The page is for people who read: code cells show their outputs only (``show_code=True`` keeps the
    code), and the parameter cells are left off (:data:`HIDDEN_TAGS`). Every inline figure has an alt text
    naming what it shows: its titles (:func:`commentgraph.figure_alt_text`), else the heading above it.
    Comment text reaches the page only as escaped text: the notebooks show tables through
    ``DataFrame.to_html`` or :func:`readable_table` (both escape), and any output that still carries a
    script, an event handler or a ``javascript:`` link is shown as plain (escaped) text instead.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(str(notebook), as_version=4)
    nb.cells = [c for c in nb.cells if not HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))]
    _defuse(nb)
    exporter = HTMLExporter(template_name="lab", exclude_input=not show_code, exclude_input_prompt=not show_code,
                            exclude_output_prompt=not show_code)
    with _quiet_alt_warning(exporter):  # nbconvert warns of images without alt text: they get it below
        body, _ = exporter.from_notebook_node(nb)
    body = _with_alt_texts(body, _alt_texts(nb))
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(body, encoding="utf-8")
    return output


# ---------------------------------------------------------------- tables and manifest

def write_tables(d: Discussion, folder) -> list[Path]:
    """Write every table (:func:`export_tables`, CSV) and both graphs (GEXF, GraphML) into ``folder``."""
    from .exports import export_tables, write_gexf, write_graphml
    from .graphs import author_graph, reply_graph

    folder = Path(folder)
    paths = list(export_tables(d, folder, format="csv").values())
    for name, make in (("reply_graph", reply_graph), ("author_graph", author_graph)):
        g = make(d)
        paths += [write_gexf(g, folder / f"{name}.gexf"), write_graphml(g, folder / f"{name}.graphml")]
    return sorted(Path(p) for p in paths)


def sha256(path) -> str:
    """The SHA-256 of a file, in hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _inputs(source) -> list[dict]:
    path = Path(source)
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return [{"name": p.name, "path": display_path(p), "bytes": p.stat().st_size, "sha256": sha256(p)} for p in files]


def counts(d: Discussion) -> dict:
    """Counts for the record: articles, comments, references (resolved or not), reply edges, problems.

    >>> d = cg.read_page("01.03.2019 10:00 Anna 1\\n\\nHallo\\n\\n01.03.2019 11:00 Ben 2\\n\\n@1 Anna: ja")
    >>> c = counts(d)
    >>> c["comments"], c["problems"]
    (2, 0)
    """
    m, p = d.mentions, d.problems
    resolved = int(m["target_comment_id"].notna().sum())
    severity = p["severity"] if "severity" in p else pd.Series([], dtype="str")
    return {"articles": len(d.articles), "comments": len(d.comments), "authors": int(d.comments["author"].nunique()),
            "references": len(m), "resolved": resolved, "unresolved": len(m) - resolved,
            "reply_edges": len(d.replies), "problems": len(p),
            "problem_errors": int((severity == "error").sum()),
            "problem_notices": int((severity == "notice").sum())}


def _resolver_settings(d: Discussion) -> dict:
    """The resolver options in effect: link_comments' defaults, overridden by what the reader was given."""
    from .references import DEFAULTS

    return DEFAULTS | dict(d.settings.get("resolver") or {})


def _versions() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    import commentgraph

    out = {"commentgraph": commentgraph.__version__, "python": platform.python_version()}
    for pkg in ("pandas", "numpy", "networkx", "matplotlib", "papermill", "nbconvert", "ipykernel"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = None
    return out


def _salt_fingerprint(salt: str) -> str:
    """A short tag that tells two runs' salts apart without revealing the salt."""
    return hashlib.sha256(f"commentgraph-salt:{salt}".encode()).hexdigest()[:12]


# ---------------------------------------------------------------- the index page

def _explorer_cut(d: Discussion, max_comments: int | None = MAX_COMMENTS) -> str:
    """What the report's explorer page leaves out (its budget of whole articles), in one sentence, or ''."""
    keep, left = choose_articles(d, max_comments=max_comments)
    if not left:
        return ""
    shown = int(d.comments["article_id"].astype("str").isin(keep).sum())
    return (f" It holds the {len(keep):,} most-discussed articles ({shown:,} of {len(d.comments):,} comments, "
            f"its budget); the page lists the {len(left):,} left out and how to open them.")


def write_index(out, d: Discussion, pages, explorer, *, source=None, tz: str | None = None,
                notes: dict | None = None) -> Path:
    """Write ``out/index.html``: links to the explorer, every notebook page, figure and table, and the manifest;
    above them what was read (named relative to the working folder) and the time zone times are shown in."""
    from html import escape

    from .readable import time_zone_note

    out = Path(out)

    notes = notes or {}

    def links(paths):
        return "".join(f'<li><a href="{escape(p.relative_to(out).as_posix())}">{escape(p.name)}</a>'
                       + (f" ({escape(notes[p.stem])})" if p.stem in notes else "") + "</li>" for p in paths)

    c = counts(d)
    figures = sorted((out / "figures").glob("*.svg"))
    tables = sorted(p for p in (out / "tables").glob("*") if p.is_file())
    what = "a DataFrame" if source is None or isinstance(source, pd.DataFrame) else display_path(source)
    body = (f"<h1>commentgraph report</h1><p>Source: <code>{escape(what)}</code>. "
            f"{escape(time_zone_note(d, tz))}</p><p>{c['articles']} article(s), {c['comments']} comments, "
            f"{c['references']} references ({c['resolved']} resolved), {c['reply_edges']} reply edges, "
            f"{c['problems']} problems.</p>"
            f'<p><a href="{escape(Path(explorer).relative_to(out).as_posix())}"><b>explorer.html</b></a>: '
            "read the threads and the evidence for each reply edge (one page, opens from disk, no network)."
            f"{escape(_explorer_cut(d))}</p>"
            f"<h2>Notebooks</h2><ul>{links(pages)}</ul><h2>Figures (SVG; PNG and PDF beside them)</h2>"
            f"<ul>{links(figures)}</ul><h2>Tables and graphs</h2><ul>{links(tables)}</ul>"
            '<p><a href="manifest.json">manifest.json</a>: inputs, versions, settings, counts, every output.</p>')
    path = out / "index.html"
    path.write_text("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                    "<title>commentgraph report</title><style>body{font-family:system-ui,sans-serif;max-width:50em;"
                    f"margin:2em auto;padding:0 1em}}</style></head><body>{body}</body></html>\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------- the report

#: notebooks that compare articles: they run only on a source with at least this many
NEEDS_ARTICLES = {"04_corpus": 2}


def _skipped_notebook(notebook, output, reason: str) -> Path:
    """Write, in place of a notebook that does not apply to the source, its title and the reason."""
    import nbformat
    from nbformat.v4 import new_markdown_cell, new_notebook

    nb = nbformat.read(str(notebook), as_version=4)
    title = next((c for c in nb.cells if c.cell_type == "markdown"), new_markdown_cell(f"# {Path(notebook).stem}"))
    out = new_notebook(cells=[title, new_markdown_cell(f"**Not run on this source.** {reason}")],
                       metadata=nb.metadata)
    output = Path(output)
    nbformat.write(out, str(output))
    return output


def run_report(source, out, *, tz: str | None = None, anonymize: bool = False, salt: str | None = None,
               progress: bool = True, notebooks=None, show_code: bool = False) -> dict:
    """Run every report notebook on ``source`` and write everything into the folder ``out``.

    ``out`` receives ``notebooks/`` (the executed notebooks), ``html/`` (one page each, and
    ``explorer.html``: the threads and each reference's evidence in one self-contained page),
    ``figures/`` (PNG, SVG and PDF of every figure), ``tables/`` (CSV tables, GEXF and GraphML
    graphs), ``index.html`` linking everything, and ``manifest.json``: the inputs with their SHA-256, the package and library
    versions, reader and resolver settings, time zone, counts, and every output file with its
    SHA-256 and the notebook that made it. Returns the manifest.

    The pages are for readers: code is hidden unless ``show_code``; files are named relative to the
    working folder, never by absolute paths. ``tz`` is the zone times are shown in (the readers' ``tz=``;
    default Europe/Berlin). A notebook that compares articles (``04_corpus``) is not run on a source with
    one article: its page says so, and no sample data stands in.

    The source is read (and checked) before anything is written: an unreadable source raises
    :class:`ReadError`. ``anonymize=True`` pseudonymises authors right after reading, in the
    tables and in every notebook; the salt comes from ``salt`` or ``$COMMENTGRAPH_SALT`` and is
    never written out (the manifest keeps a fingerprint of it only).
    """
    from tqdm.auto import tqdm

    started = time.perf_counter()
    salt = resolve_salt(salt) if anonymize else None
    if not isinstance(source, pd.DataFrame):
        if not Path(source).exists():
            raise ReadError("no such file or folder", source=str(source))
        source = display_path(source)  # read by its relative name, so tables and pages never hold an absolute path
    d = read_source(source, tz=tz, anonymize=anonymize, salt=salt)
    if not len(d.comments):
        raise ReadError("no comments found; nothing to report", source=str(source))
    folder = Path(notebooks) if notebooks is not None else notebooks_dir()
    out = Path(out)
    dirs = {k: out / k for k in ("notebooks", "html", "figures", "tables")}
    for p in dirs.values():
        p.mkdir(parents=True, exist_ok=True)

    made_by: dict[Path, str] = {}
    runs = []
    steps = tqdm(total=2 * len(NOTEBOOKS) + 2, desc="commentgraph report", unit="step", disable=not progress,
                 file=sys.stderr)
    with steps:
        steps.set_postfix_str("tables")
        for p in write_tables(d, dirs["tables"]):
            made_by[p] = "run_report"
        steps.update()
        for name in NOTEBOOKS:
            steps.set_postfix_str(name)
            before = set(dirs["figures"].iterdir())
            t0 = time.perf_counter()
            need = NEEDS_ARTICLES.get(name, 1)
            skipped = None
            if len(d.articles) < need:
                skipped = (f"This notebook compares articles side by side: it needs {need} or more, and this "
                           f"source holds {len(d.articles)}. Pages 01 to 03 and the explorer describe that one "
                           "article. (No sample data is put in its place.)")
                executed = _skipped_notebook(folder / f"{name}.ipynb", dirs["notebooks"] / f"{name}.ipynb", skipped)
            else:
                executed = execute_notebook(folder / f"{name}.ipynb", dirs["notebooks"] / f"{name}.ipynb",
                                            source=source, out_dir=dirs["figures"], tz=tz, anonymize=anonymize,
                                            salt=salt)
            seconds = time.perf_counter() - t0
            steps.update()
            html = render_html(executed, dirs["html"] / f"{name}.html", show_code=show_code)
            steps.update()
            figures = sorted(set(dirs["figures"].iterdir()) - before)
            made_by |= {p: name for p in [executed, html, *figures]}
            runs.append({"notebook": name, "seconds": round(seconds, 2), "figures": [p.name for p in figures],
                         **({"skipped": skipped} if skipped else {})})
        steps.set_postfix_str("explorer")
        explorer = write_explorer(d, dirs["html"] / "explorer.html")
        index = write_index(out, d, [dirs["html"] / f"{name}.html" for name in NOTEBOOKS], explorer,
                            source=source, tz=tz, notes={r["notebook"]: f"not run: needs {NEEDS_ARTICLES[r['notebook']]} "
                                                         "or more articles" for r in runs if "skipped" in r})
        made_by |= {explorer: "run_report", index: "run_report"}
        steps.update()

    manifest = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "commentgraph report",
        "inputs": [] if isinstance(source, pd.DataFrame) else _inputs(source),
        "versions": _versions(),
        "reader": {k: v for k, v in d.settings.items() if k != "resolver"},
        "resolver": _resolver_settings(d),
        "tz": d.tz,
        "tz_given": tz is not None,
        "show_code": bool(show_code),
        "anonymize": bool(anonymize),
        "salt_fingerprint": _salt_fingerprint(salt) if anonymize else None,
        "kernel": KERNEL,
        "counts": counts(d),
        "notebooks": runs,
        "outputs": [{"path": p.relative_to(out).as_posix(), "bytes": p.stat().st_size, "sha256": sha256(p),
                     "made_by": made_by[p]} for p in sorted(made_by)],
        "seconds": round(time.perf_counter() - started, 2),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False, default=str) + "\n",
                                       encoding="utf-8")
    return manifest


__all__ = ["run_report", "read_source", "ReportError", "NOTEBOOKS"]
