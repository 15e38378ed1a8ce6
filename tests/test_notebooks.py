"""The report notebooks: committed clean, parameterised, public API only, and they run on the sample."""

import ast
import re
from pathlib import Path

import nbformat
import pytest

import commentgraph as cg
from commentgraph.report import NOTEBOOKS, ReportError, display_path, execute_notebook, notebooks_dir

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
CORPUS = ROOT / "data/synthetic/sample_corpus.csv"
PARAMETERS = ["source", "out_dir", "tz", "anonymize", "salt"]
#: figure stems each notebook saves (each as PNG, SVG and PDF)
FIGURES = {
    "01_load_and_check": ["01_declared_vs_parsed", "01_comments_per_author"],
    "02_timeline": ["02_timeline", "02_latency"],
    "03_discussion_structure": ["03_arcs", "03_thread_tree", "03_author_network"],
    "04_corpus": ["04_article_distributions", "04_thread_sizes"],
    "05_explore": [],
}


def load(name):
    return nbformat.read(FOLDER / f"{name}.ipynb", as_version=4)


def test_the_report_finds_this_checkout_s_notebooks():
    assert notebooks_dir() == FOLDER
    assert sorted(p.stem for p in FOLDER.glob("*.ipynb")) == sorted(NOTEBOOKS) == sorted(FIGURES)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_without_outputs_or_execution_counts(name):
    raw = nbformat.read(FOLDER / f"{name}.ipynb", as_version=nbformat.NO_CONVERT)
    nbformat.validate(raw)
    carrying = [i for i, c in enumerate(raw.cells)
                if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert carrying == [], f"{name}: cells {carrying} carry outputs or execution counts; strip them"
    assert "papermill" not in raw.metadata, f"{name}: an executed copy was committed"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_starts_with_a_papermill_parameters_cell(name):
    code = [c for c in load(name).cells if c.cell_type == "code"]
    first = code[0]
    assert "parameters" in first.metadata.get("tags", [])
    assigned = [t.id for node in ast.parse(first.source).body for t in node.targets]
    assert assigned == PARAMETERS
    assert sum("parameters" in c.metadata.get("tags", []) for c in code) == 1


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_tells_a_story_with_prose_between_the_code(name):
    cells = load(name).cells
    assert cells[0].cell_type == "markdown" and cells[0].source.startswith("# ")
    kinds = "".join("m" if c.cell_type == "markdown" else "c" for c in cells)
    # prose opens the notebook and comes back between code cells at least three times
    assert kinds.count("cm") >= 3, kinds


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_uses_only_the_public_api_and_never_raw_html(name):
    code = "\n".join(c.source for c in load(name).cells if c.cell_type == "code")
    assert "import commentgraph as cg" in code
    assert not re.search(r"from commentgraph|commentgraph\.\w|cg\._", code)
    used = set(re.findall(r"\bcg\.(\w+)", code))
    assert used <= set(cg.__all__), used - set(cg.__all__)
    # comment text must reach the HTML page escaped: no raw HTML display, no unescaped Styler
    assert not re.search(r"display\.HTML|IPython\.display|\.style\b|escape=False", code)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_saves_every_figure_through_save_figure_into_out_dir(name):
    code = "\n".join(c.source for c in load(name).cells if c.cell_type == "code")
    saved = re.findall(r'cg\.save_figure\(fig, out / "(\w+)"\)', code)
    assert saved == FIGURES[name]
    assert "savefig" not in code


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_runs_on_the_sample_and_writes_its_figures(name, sample_path, tmp_path):
    source = CORPUS if name == "04_corpus" else sample_path  # 04 compares articles: the sample has one
    executed = execute_notebook(FOLDER / f"{name}.ipynb", tmp_path / f"{name}.ipynb", source=source,
                                out_dir=tmp_path / "figures")
    nb = nbformat.read(executed, as_version=4)
    given = nb.metadata["papermill"]["parameters"]
    assert given["source"] == display_path(source) and not Path(given["source"]).is_absolute()
    assert given["tz"] is None and nb.metadata["papermill"]["input_path"] == f"{name}.ipynb"
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    made = sorted(p.name for p in (tmp_path / "figures").iterdir()) if (tmp_path / "figures").exists() else []
    assert made == sorted(f"{stem}.{ext}" for stem in FIGURES[name] for ext in ("pdf", "png", "svg"))
    assert all((tmp_path / "figures" / f"{stem}.png").stat().st_size > 10_000 for stem in FIGURES[name])
    # every figure is also shown in the notebook (and so in its HTML page), not only saved
    figure_cells = [c for c in nb.cells if c.cell_type == "code" and "save_figure(" in c.source]
    shown = [c for c in figure_cells if any("image/png" in o.get("data", {}) for o in c.get("outputs", []))]
    assert len(shown) == len(figure_cells) == len(FIGURES[name])
    printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert "Times are shown in Europe/Berlin, the default zone" in printed
    if name == "04_corpus":
        assert "6 articles, 103 comments" in printed
    if name == "05_explore":  # the explorer is shown as a widget, its text form says what it holds
        shown = [o for c in nb.cells for o in c.get("outputs", []) if "application/vnd.jupyter.widget-view+json" in
                 o.get("data", {})]
        assert len(shown) == 1
        assert shown[0]["data"]["text/plain"].startswith(
            "commentgraph explorer: 1 article, 10 comments, 6 threads, 5 references")
        assert "widgets" not in nb.metadata  # no widget state: the data is not copied into the notebook


@pytest.mark.slow
def test_the_corpus_notebook_stops_on_a_single_article_and_invents_nothing(sample_path, tmp_path):
    with pytest.raises(ReportError, match="04_corpus compares articles: it needs two or more, and .* holds 1"):
        execute_notebook(FOLDER / "04_corpus.ipynb", tmp_path / "04.ipynb", source=sample_path,
                         out_dir=tmp_path / "figures")
    assert not (tmp_path / "figures").exists() or not any((tmp_path / "figures").iterdir())
    code = "\n".join(c.source for c in load("04_corpus").cells if c.cell_type == "code")
    assert "sample_corpus" not in code
