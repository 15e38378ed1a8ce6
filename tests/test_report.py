"""run_report: outputs, manifest, escaping of comment HTML, pseudonymisation, errors; the synthetic corpus."""

import hashlib
import json
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook, new_output

import commentgraph as cg
from commentgraph.report import (NOTEBOOKS, SALT_ENV, ReportError, display_path, notebooks_dir, render_html,
                                 resolve_salt)

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data/synthetic/sample_corpus.csv"
AUTHORS = ["Wessi", "Sabrina", "Fragender Rentner", "Norbert NRW", "Federico", "Meckersack", "Merseburger",
           "Jakob", "Ralf Meier"]
SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(1)>"


# ---------------------------------------------------------------- fast: pieces


def test_salt_comes_from_the_argument_then_the_environment_else_an_error(monkeypatch):
    monkeypatch.setenv(SALT_ENV, "from-env")
    assert resolve_salt("given") == "given"
    assert resolve_salt(None) == "from-env"
    monkeypatch.delenv(SALT_ENV)
    with pytest.raises(ReportError, match="--salt S or set COMMENTGRAPH_SALT"):
        resolve_salt(None)
    with pytest.raises(ReportError):
        resolve_salt("")


def test_read_source_picks_the_reader_by_what_the_source_is(sample_path, tmp_path):
    assert cg.read_source(sample_path).settings["reader"] == "read_page"
    assert cg.read_source(CORPUS).settings["reader"] == "read_table"
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_bytes(sample_path.read_bytes())
    d = cg.read_source(pages)
    assert len(d.articles) == 2 and len(d.comments) == 20
    with pytest.raises(cg.ReadError, match="no such file"):
        cg.read_source(tmp_path / "nope.txt")


def test_an_unreadable_source_fails_before_anything_is_written(tmp_path, monkeypatch):
    monkeypatch.setenv(SALT_ENV, "x")
    with pytest.raises(cg.ReadError, match="nope.txt: no such file"):
        cg.run_report(tmp_path / "nope.txt", tmp_path / "out", progress=False)
    empty = tmp_path / "empty.txt"
    empty.write_text("just an article, no comments\n", encoding="utf-8")
    with pytest.raises(cg.ReadError, match="no comments"):
        cg.run_report(empty, tmp_path / "out", progress=False)
    assert not (tmp_path / "out").exists()


def test_anonymize_without_a_salt_is_an_error_before_anything_is_written(sample_path, tmp_path, monkeypatch):
    monkeypatch.delenv(SALT_ENV, raising=False)
    with pytest.raises(ReportError, match="needs a salt"):
        cg.run_report(sample_path, tmp_path / "out", anonymize=True, progress=False)
    assert not (tmp_path / "out").exists()


def test_missing_notebooks_folder_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setattr(cg, "__file__", str(tmp_path / "site" / "commentgraph" / "__init__.py"))
    with pytest.raises(ReportError, match=r"notebooks not found in .*; reinstall commentgraph"):
        notebooks_dir()


def test_html_page_shows_comment_html_as_text(tmp_path):
    """Both ways comment text can reach a notebook output: an escaped table, and a raw HTML output."""
    text = f"Ade {SCRIPT} {IMG} Friedensnobelpreis"
    table = pd.DataFrame({"author": ["Jakob"], "text": [text]})
    nb = new_notebook(cells=[
        new_code_cell("table", outputs=[new_output("execute_result", execution_count=1, data={
            "text/html": table.to_html(), "text/plain": repr(table)})]),
        new_code_cell("HTML(text)", outputs=[new_output("display_data", data={
            "text/html": text, "text/plain": text})]),
        new_code_cell("print(text)", outputs=[new_output("stream", name="stdout", text=text)]),
    ])
    nbformat.write(nb, tmp_path / "in.ipynb")
    page = render_html(tmp_path / "in.ipynb", tmp_path / "out.html").read_text(encoding="utf-8")
    assert SCRIPT not in page and IMG not in page
    assert "onerror=alert(1)>" not in page
    assert page.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") + page.count(
        "&lt;script&gt;alert('x')&lt;/script&gt;") == 3  # shown, as text, three times


def _png(colour) -> str:
    import base64
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 2), colour).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def _alts(page: str) -> list[str]:
    """The alt text of every <img> on a page ('' where it has none)."""
    import html
    import re

    imgs = re.findall(r"<img\b[^>]*>", page)
    return [html.unescape(m.group(1)) if (m := re.search(r'\salt="([^"]*)"', img)) else "" for img in imgs]


def test_inline_figures_get_their_titles_as_alt_text_else_the_heading_above(tmp_path):
    from nbformat.v4 import new_markdown_cell

    titled = 'Comments per author: <b>Ann</b> & "Ben"'
    nb = new_notebook(cells=[
        new_markdown_cell("## Activity\n\nSome words."),
        new_code_cell("fig", outputs=[new_output("display_data", data={"image/png": _png("red"), "text/plain": "F"},
                                                 metadata={"image/png": {"alt": titled, "width": 4, "height": 2}})]),
        new_code_cell("fig2", outputs=[new_output("display_data", data={"image/png": _png("blue"), "text/plain": "F"})]),
    ])
    nbformat.write(nb, tmp_path / "in.ipynb")
    page = render_html(tmp_path / "in.ipynb", tmp_path / "out.html").read_text(encoding="utf-8")
    assert _alts(page) == [titled, "Figure: Activity"]
    assert "<b>Ann</b>" not in page  # the title is escaped in the attribute
    assert 'width="4"' in page or "width=4" in page  # the other attributes stay


def test_a_figure_alt_text_names_its_titles():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b, c) = plt.subplots(1, 3)
    fig.suptitle("Ten articles")
    a.set_title("Comments per article")
    b.set(xlabel="hours", ylabel="replies")
    assert cg.figure_alt_text(fig) == "Ten articles. Comments per article. replies against hours"
    assert cg.figure_alt_text(plt.subplots()[0]) == "A figure without a title"
    plt.close("all")


def test_sample_corpus_is_synthetic_reproducible_and_matches_the_committed_file():
    df = cg.sample_corpus()
    assert df.equals(cg.sample_corpus()) and not df.equals(cg.sample_corpus(seed=1))
    assert CORPUS.read_text(encoding="utf-8") == df.to_csv(index=False)
    assert df["title"].str.startswith("[synthetic]").all()
    assert df["article_id"].nunique() == 6 and not set(df["author"]) & set(AUTHORS)
    # odd articles answer by parent id, even ones by @-reference: both forms are present
    odd = df["article_id"].str[-1].astype(int) % 2 == 1
    assert df.loc[odd, "parent_id"].notna().any() and df.loc[~odd, "parent_id"].isna().all()
    assert df.loc[~odd, "text"].str.startswith("@").any() and not df.loc[odd, "text"].str.contains("@").any()
    # every parent is an earlier comment of the same article, answered by someone else
    kids = df.dropna(subset=["parent_id"]).merge(df, left_on="parent_id", right_on="comment_id",
                                                 suffixes=("", "_p"), validate="many_to_one")
    assert len(kids) == df["parent_id"].notna().sum()
    assert (kids["article_id"] == kids["article_id_p"]).all() and (kids["number"] > kids["number_p"]).all()
    assert (kids["author"] != kids["author_p"]).all()
    with pytest.raises(ValueError):
        cg.sample_corpus(articles=0)


# ---------------------------------------------------------------- slow: whole reports


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory):
    sample = ROOT / "data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt"
    out = tmp_path_factory.mktemp("report") / "sample"
    manifest = cg.run_report(sample, out, progress=False)
    return sample, out, manifest


@pytest.mark.slow
def test_report_on_the_sample_writes_notebooks_html_figures_tables(sample_report):
    _, out, _ = sample_report
    assert sorted(p.stem for p in (out / "notebooks").glob("*.ipynb")) == list(NOTEBOOKS)
    assert sorted(p.stem for p in (out / "html").glob("*.html")) == [*NOTEBOOKS, "explorer"]
    for ext in ("png", "svg", "pdf"):  # 01: 2, 02: 2, 03: 3; 04 needs two or more articles
        assert len(list((out / "figures").glob(f"*.{ext}"))) == 7
    for name in NOTEBOOKS:
        nb = nbformat.read(out / "notebooks" / f"{name}.ipynb", as_version=4)
        assert not [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    comments = pd.read_csv(out / "tables" / "comments.csv")
    assert len(comments) == 10 and comments["number"].tolist() == list(range(15, 5, -1))
    assert len(pd.read_csv(out / "tables" / "replies.csv")) == 5
    assert (out / "tables" / "reply_graph.gexf").is_file() and (out / "tables" / "author_graph.graphml").is_file()


@pytest.mark.slow
def test_report_has_an_explorer_page_and_an_index_linking_everything(sample_report):
    import re

    _, out, manifest = sample_report
    explorer = (out / "html" / "explorer.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="cg-data">(.*?)</script>', explorer, re.S).group(1))
    assert data["articles"][0]["comments"] == 10 and data["articles"][0]["references"] == 5
    index = (out / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="([^"]+)"', index))
    assert {"html/explorer.html", "manifest.json", "tables/replies.csv", "figures/02_latency.svg"} <= links
    assert {f"html/{name}.html" for name in NOTEBOOKS} <= links
    assert all((out / link).is_file() for link in links)
    made_by = {o["path"]: o["made_by"] for o in manifest["outputs"]}
    assert made_by["html/explorer.html"] == made_by["index.html"] == "run_report"
    assert "most-discussed" not in index  # the sample is embedded whole: nothing to say about a cut
    # the explore notebook's page links the explorer beside it
    assert 'href="explorer.html"' in (out / "html" / "05_explore.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_manifest_traces_every_output_to_its_input_and_settings(sample_report):
    sample, out, manifest = sample_report
    on_disk = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(manifest, default=str))
    assert on_disk["inputs"] == [{"name": sample.name, "path": display_path(sample), "bytes": sample.stat().st_size,
                                  "sha256": _sha(sample)}]
    assert on_disk["versions"]["commentgraph"] == cg.__version__
    assert on_disk["tz"] == "Europe/Berlin" and on_disk["reader"]["reader"] == "read_page"
    assert on_disk["resolver"]["tie"] == "latest" and "fuzzy_threshold" in on_disk["resolver"]
    # the seed, by hand: 10 comments, 5 @-references, 4 found their comment, @Ralf Meier did not;
    # one problem: 15 declared, 10 shown
    c = on_disk["counts"]
    assert (c["comments"], c["references"], c["resolved"], c["unresolved"], c["problems"]) == (10, 5, 4, 1, 1)
    assert (c["articles"], c["authors"], c["problem_notices"]) == (1, 8, 1)
    assert on_disk["anonymize"] is False and on_disk["salt_fingerprint"] is None
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {"manifest.json"}
    assert {o["path"] for o in on_disk["outputs"]} == files
    assert all(_sha(out / o["path"]) == o["sha256"] for o in on_disk["outputs"])
    made_by = {o["path"]: o["made_by"] for o in on_disk["outputs"]}
    assert made_by["figures/02_latency.svg"] == "02_timeline" and made_by["tables/comments.csv"] == "run_report"
    assert [r["notebook"] for r in on_disk["notebooks"]] == list(NOTEBOOKS)


@pytest.mark.slow
def test_comment_html_is_shown_as_text_in_the_report(sample_path, tmp_path):
    page = tmp_path / "html_in_a_comment.txt"
    page.write_text(sample_path.read_text(encoding="utf-8").replace(
        "Ade Friedensnobelpreis *schnief*", f"Ade {SCRIPT} {IMG} Friedensnobelpreis"), encoding="utf-8")
    cg.run_report(page, tmp_path / "out", progress=False)
    pages = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out" / "html").glob("*.html")}
    assert len(pages) == len(NOTEBOOKS) + 1  # and explorer.html
    assert [n for n, t in pages.items() if SCRIPT in t or IMG in t] == []
    # the comment is there, escaped: 01 shows the comments table with its text
    assert "&lt;script&gt;alert(" in pages["01_load_and_check.html"]


@pytest.mark.slow
def test_anonymized_report_leaks_no_author_name_and_no_salt(sample_path, tmp_path, monkeypatch):
    monkeypatch.delenv(SALT_ENV, raising=False)
    out = tmp_path / "anon"
    manifest = cg.run_report(sample_path, out, anonymize=True, salt="s3cret", progress=False)
    checked = 0
    for p in out.rglob("*"):
        if p.is_file() and p.suffix != ".png":
            text = p.read_bytes().decode("utf-8" if p.suffix != ".pdf" else "latin-1", errors="replace")
            assert [a for a in AUTHORS if a in text] == [], p.name
            assert "s3cret" not in text, p.name
            checked += 1
    assert checked > 40
    assert manifest["anonymize"] is True and len(manifest["salt_fingerprint"]) == 12
    assert manifest["counts"]["authors"] == 8 and manifest["counts"]["resolved"] == 4
    assert SALT_ENV not in __import__("os").environ  # the kernel's salt was handed over and taken back
    nb = nbformat.read(out / "notebooks" / "01_load_and_check.ipynb", as_version=4)
    assert nb.metadata["papermill"]["parameters"]["anonymize"] is True
    assert nb.metadata["papermill"]["parameters"]["salt"] is None


@pytest.mark.slow
def test_report_on_a_multi_article_source(tmp_path):
    manifest = cg.run_report(CORPUS, tmp_path / "corpus", progress=False)
    assert manifest["counts"]["articles"] == 6 and manifest["counts"]["comments"] == 103
    assert manifest["reader"]["reader"] == "read_table"
    corpus_figures = next(r for r in manifest["notebooks"] if r["notebook"] == "04_corpus")["figures"]
    assert sorted(corpus_figures) == sorted(f"{stem}.{ext}" for stem in ("04_article_distributions", "04_thread_sizes")
                                            for ext in ("png", "svg", "pdf"))
    nb = nbformat.read(tmp_path / "corpus" / "notebooks" / "04_corpus.ipynb", as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "6 articles, 103 comments" in printed
    summary = pd.read_csv(tmp_path / "corpus" / "tables" / "summary.csv")
    assert len(summary) == 6


def test_a_missing_kernel_is_a_clear_error(sample_path, tmp_path):
    from commentgraph.report import execute_notebook

    with pytest.raises(ReportError, match="no Jupyter kernel named 'no-such-kernel'; install one with"):
        execute_notebook(notebooks_dir() / "01_load_and_check.ipynb", tmp_path / "x.ipynb", source=sample_path,
                         out_dir=tmp_path, kernel="no-such-kernel")


@pytest.mark.slow
def test_a_failing_notebook_stops_the_report_naming_the_cell(sample_path, tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    for name in NOTEBOOKS:
        nb = new_notebook(cells=[new_code_cell("source = None\nout_dir = None\nanonymize = False\nsalt = None",
                                               metadata={"tags": ["parameters"]}),
                                 new_code_cell("raise ValueError('boom')")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    # cell 3 as the executed copy numbers it: papermill inserts the injected parameters as cell 2
    with pytest.raises(ReportError, match=r"notebook 01_load_and_check failed in cell 3: ValueError: boom \(see "):
        cg.run_report(sample_path, tmp_path / "out", progress=False, notebooks=folder)
    executed = nbformat.read(tmp_path / "out" / "notebooks" / "01_load_and_check.ipynb", as_version=4)
    assert executed.cells[-1].outputs[0]["ename"] == "ValueError"


@pytest.mark.slow
def test_no_report_file_holds_an_absolute_path_of_the_source_or_the_checkout(sample_path, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # the working folder: files are named relative to it
    out = tmp_path / "r"
    manifest = cg.run_report(sample_path.resolve(), out, progress=False)
    needles = [str(sample_path.resolve()), str(ROOT) + "/"]
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) == len(manifest["outputs"]) + 1  # and manifest.json
    holding = [(p.relative_to(out).as_posix(), n) for p in files for n in needles
               if n.encode() in p.read_bytes() or n.encode("utf-16-be") in p.read_bytes()]
    assert holding == []
    assert manifest["inputs"][0]["path"] == "data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt"
    articles = pd.read_csv(out / "tables" / "articles.csv")
    assert articles["source"].tolist() == ["data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt"]
    nb = nbformat.read(out / "notebooks" / "02_timeline.ipynb", as_version=4)
    assert nb.metadata["papermill"]["input_path"] == "02_timeline.ipynb"


@pytest.mark.slow
def test_pages_hide_code_and_parameters_unless_asked_and_show_readable_tables(sample_report, sample_path, tmp_path):
    import re

    _, out, manifest = sample_report
    page = (out / "html" / "01_load_and_check.html").read_text(encoding="utf-8")
    assert 'hl-ipython3' not in page and "read_source" not in page  # no code cell's input
    assert "COMMENTGRAPH_SALT environment" not in page and "Parameters.</strong>" not in page  # parameter cells, note
    assert "Source: data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt" in page
    assert "Times are shown in Europe/Berlin, the default zone" in page
    # the seed's reply edges by hand: #15 answers #12 (2019-03-01 11:39 -> 2019-03-02 12:47: 1 d 1 h),
    # #10 answers #9 (10:23 -> 11:25: 1 h 2 min), #7 answers #6 (2019-02-28 22:02 -> 2019-03-01 09:05: 11 h 3 min)
    for cell in (">1 d 1 h<", ">1 h 2 min<", ">11 h 3 min<"):
        assert cell in page
    cells = re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)
    assert len(cells) > 50 and not [c for c in cells if "\\n" in c or "\n" in c or c in ("NaN", "&lt;NA&gt;", "NaT")]
    assert "0 days" not in page
    # long ids shortened, the full id in a tooltip
    assert '<span title="mdr_2019-02-28_trump_kim_hanoi_comments/15">mdr_2019…/15</span>' in page
    # figures inline at twice the pixel density of the size they are shown at (sharp when zoomed)
    import base64
    import io

    from PIL import Image

    timeline = (out / "html" / "02_timeline.html").read_text(encoding="utf-8")
    images = re.findall(r'<img [^>]*?src="data:image/png;base64,([^"]+)"[^>]*?width="(\d+)"', timeline)
    assert len(images) == 2
    assert all(Image.open(io.BytesIO(base64.b64decode(data))).size[0] >= 2 * int(width) - 2 for data, width in images)
    assert manifest["show_code"] is False
    corpus = (out / "html" / "04_corpus.html").read_text(encoding="utf-8")
    assert "it needs 2 or more, and this source holds 1" in corpus and "synthetic" not in corpus.lower()
    assert next(r for r in manifest["notebooks"] if r["notebook"] == "04_corpus")["figures"] == []
    # --show-code keeps the code (not the parameter cells)
    shown = cg.run_report(sample_path, tmp_path / "code", progress=False, show_code=True)
    page = (tmp_path / "code" / "html" / "01_load_and_check.html").read_text(encoding="utf-8")
    assert 'hl-ipython3' in page and ">read_source<" in page and shown["show_code"] is True
    assert "COMMENTGRAPH_SALT environment" not in page and "Parameters.</strong>" not in page


@pytest.mark.slow
def test_every_image_on_every_report_page_says_what_it_shows(sample_report):
    _, out, _ = sample_report
    alts = {p.stem: _alts(p.read_text(encoding="utf-8")) for p in sorted((out / "html").glob("*.html"))}
    assert sum(len(a) for a in alts.values()) == 7  # 01: 2, 02: 2, 03: 3 (04 not run on one article)
    assert all(a.strip() and "No description" not in a for page in alts.values() for a in page)
    # the figures' own titles, as the notebooks set them
    assert alts["01_load_and_check"][0] == "Comments declared and parsed: the one article"
    assert alts["01_load_and_check"][1] == "Comments per author: all 8"  # Ralf Meier wrote none of the visible ones
    assert [a.split(" in “")[0] for a in alts["02_timeline"] + alts["03_discussion_structure"]] == [
        "Comments over time", "Time to reply", "Who answers whom", "Thread from #6 W. Merseburger", "Who answers whom"]
    assert alts["03_discussion_structure"][1].endswith("(4 comments, depth 3)")


@pytest.mark.slow
def test_report_shows_times_in_the_zone_asked_for(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    manifest = cg.run_report(CORPUS, tmp_path / "utc", tz="UTC", progress=False)
    assert manifest["tz"] == "UTC" and manifest["tz_given"] is True
    comments = pd.read_csv(tmp_path / "utc" / "tables" / "comments.csv")
    raw = pd.read_csv(CORPUS)
    # the corpus's times carry +01:00: shown in UTC they are an hour earlier (08:07+01:00 -> 07:07+00:00)
    assert raw["posted_at"].iloc[0] == "2019-03-01T08:07:00+01:00"
    assert comments["posted_at"].iloc[0] == "2019-03-01T07:07:00+00:00"
    page = (tmp_path / "utc" / "html" / "02_timeline.html").read_text(encoding="utf-8")
    assert "Times are shown in UTC, as asked." in page and "<small>UTC</small>" in page


def test_the_index_says_what_the_explorer_leaves_out():
    from commentgraph.report import _explorer_cut

    d = cg.read_source(cg.sample_corpus())
    sizes = d.comments["article_id"].value_counts()
    # a budget of 60: synthetic-03, -04 and -06 fit (choose_articles' doctest), three are left out
    kept = int(sizes[["synthetic-03", "synthetic-04", "synthetic-06"]].sum())
    assert _explorer_cut(d, max_comments=60) == (
        f" It holds the 3 most-discussed articles ({kept:,} of {len(d.comments):,} comments, its budget); "
        "the page lists the 3 left out and how to open them.")
    assert _explorer_cut(d) == ""
