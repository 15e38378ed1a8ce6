"""save_figure and report_style: report defaults, files in three formats, no names in pseudonymised figures."""

import re
import struct

import matplotlib

matplotlib.use("Agg")
import matplotlib as mpl  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from seed_links import SEED_AUTHORS, link_seed  # noqa: E402

import commentgraph as cg  # noqa: E402
from commentgraph.style import OKABE_ITO  # noqa: E402

PLOTS = {
    "timeline": lambda d: cg.plot_timeline(d),
    "arcs": lambda d: cg.plot_arcs(d),
    "tree": lambda d: cg.plot_thread_tree(d),
    "network": lambda d: cg.plot_author_network(d),
    "latency": lambda d: cg.plot_latency(d),
}
_ESC = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def pdf_text(path) -> str:
    """Text shown in an uncompressed matplotlib PDF (Type 42 fonts: strings are UTF-16BE)."""
    data = path.read_bytes()
    out = []
    for block in re.findall(rb"\nBT\n(.*?)\nET\n", data, re.S):
        parts = []
        for m in re.finditer(rb"\(((?:\\.|[^\\)])*)\)", block, re.S):
            raw = re.sub(rb"\\([0-7]{1,3}|.)",
                         lambda e: bytes([int(e.group(1), 8)]) if e.group(1)[:1] in b"01234567"
                         else _ESC.get(e.group(1), e.group(1)), m.group(1), flags=re.S)
            parts.append(raw.decode("utf-16-be", errors="replace"))
        out.append("".join(parts))
    return "\n".join(out)


def svg_text(path) -> str:
    return " ".join(re.findall(r"<text[^>]*>(.*?)</text>", path.read_text(encoding="utf-8"), re.S))


def png_dpi(path) -> float:
    data = path.read_bytes()
    i = data.index(b"pHYs")
    x, _, unit = struct.unpack(">IIB", data[i + 4:i + 13])
    assert unit == 1  # metres
    return x * 0.0254


@pytest.fixture(scope="module")
def linked(seed):
    return link_seed(seed)


@pytest.fixture
def uncompressed():
    with mpl.rc_context({"pdf.compression": 0}):
        yield


@pytest.mark.parametrize("name", list(PLOTS))
def test_each_seed_figure_in_three_formats_with_report_defaults(linked, tmp_path, uncompressed, name):
    with cg.report_style():
        ax = PLOTS[name](linked)
        paths = cg.save_figure(ax.figure, tmp_path / "figs" / f"seed_{name}")
    assert [p.name for p in paths] == [f"seed_{name}.png", f"seed_{name}.svg", f"seed_{name}.pdf"]
    png, svg, pdf = paths
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png_dpi(png) == pytest.approx(300, abs=0.1)
    assert svg.read_text(encoding="utf-8").count("<text") > 3  # svg.fonttype none: text stays text
    assert b"/FontFile2" in pdf.read_bytes()  # pdf.fonttype 42: a TrueType font, text as text
    shown_svg, shown_pdf = svg_text(svg), pdf_text(pdf)
    label = ax.get_xlabel()
    if label:  # the axis label is findable in both vector files
        assert label in shown_svg and label in shown_pdf
    if name in ("tree", "network"):  # the control: unpseudonymised names are there to find
        assert "Meckersack" in shown_svg and "Meckersack" in shown_pdf


@pytest.mark.parametrize("name", list(PLOTS))
def test_pseudonymised_seed_figures_hold_no_author_name(linked, tmp_path, uncompressed, name):
    p = cg.pseudonymize(linked, salt="figures")
    with cg.report_style():
        ax = PLOTS[name](p)
        svg, pdf = cg.save_figure(ax.figure, tmp_path / name, formats=("svg", "pdf"))
    shown = {"svg": svg.read_text(encoding="utf-8"), "pdf": pdf_text(pdf)}
    for fmt, text in shown.items():
        leaked = [n for n in SEED_AUTHORS if n.casefold() in text.casefold()]
        assert not leaked, (fmt, leaked)
    if name in ("tree", "network"):
        assert re.search(r"Commenter \d{3}", shown["pdf"]) and re.search(r"Commenter \d{3}", shown["svg"])


def test_umlauts_survive_in_svg_and_pdf(tmp_path, uncompressed):
    d = cg.read_page("01.03.2019 10:00 Jürgen Müßig 1\n\nHallo\n\n01.03.2019 11:00 Dörte Öztürk 2\n\nJa")
    ax = cg.plot_thread_tree(d)
    svg, pdf = cg.save_figure(ax, tmp_path / "umlaut", formats=("svg", "pdf"))
    for text in (svg_text(svg), pdf_text(pdf)):
        assert "#1 Jürgen Müßig" in text and "#2 Dörte Öztürk" in text


def test_save_figure_checks_formats_and_makes_folders(tmp_path):
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="formats must be"):
        cg.save_figure(fig, tmp_path / "x", formats=("jpg",))
    with pytest.raises(TypeError, match="Figure or Axes"):
        cg.save_figure("not a figure", tmp_path / "x")
    (path,) = cg.save_figure(ax, tmp_path / "a" / "b" / "fig.v2", formats="svg")
    assert path == tmp_path / "a" / "b" / "fig.v2.svg" and path.exists()


def test_save_figure_is_reproducible(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3])
    (a,) = cg.save_figure(fig, tmp_path / "one", formats=("svg",))
    (b,) = cg.save_figure(fig, tmp_path / "two", formats=("svg",))
    assert a.read_bytes() == b.read_bytes()  # no date, fixed id salt


def test_report_style_sets_and_restores_rcparams():
    before = dict(mpl.rcParams)
    with cg.report_style():
        assert mpl.rcParams["savefig.dpi"] == 300
        assert mpl.rcParams["savefig.bbox"] == "tight"
        assert mpl.rcParams["svg.fonttype"] == "none" and mpl.rcParams["pdf.fonttype"] == 42
        colours = [c["color"].upper().lstrip("#") for c in mpl.rcParams["axes.prop_cycle"]]
        assert colours[:3] == [OKABE_ITO[k].lstrip("#") for k in ("blue", "orange", "green")]
        assert set(colours) == {c.lstrip("#") for c in OKABE_ITO.values()}
    assert dict(mpl.rcParams) == before


def test_report_style_restores_after_an_error():
    before = mpl.rcParams["font.size"]
    with pytest.raises(RuntimeError), cg.report_style():
        assert mpl.rcParams["font.size"] == 9
        raise RuntimeError("boom")
    assert mpl.rcParams["font.size"] == before


def test_style_file_ships_with_the_package():
    path = cg.style_path()
    assert path.is_file() and path.suffix == ".mplstyle"
    assert "svg.fonttype: none" in path.read_text(encoding="utf-8")
