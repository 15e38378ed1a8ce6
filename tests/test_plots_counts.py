"""The count bars of notebooks 01 and 04: bars equal the counts, titles say the subset, no texts overlap."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import commentgraph as cg  # noqa: E402
from commentgraph.plots._axes import overlapping_texts  # noqa: E402

DRAW = (cg.plot_declared_vs_parsed, cg.plot_comments_per_author, cg.plot_thread_sizes)


@pytest.fixture(scope="module")
def corpus10k():
    from benchmarks.generate import corpus

    return cg.read_table(corpus(10_000).parquet)


def widths(ax):
    return [p.get_width() for p in ax.patches]


def test_the_seed_bars_are_its_counts(seed):
    ax = cg.plot_declared_vs_parsed(seed)
    assert widths(ax) == [15, 10]  # "15 Kommentare" declared, 10 parsed
    assert ax.get_title(loc="left") == "Comments declared and parsed: the one article"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["declared by the page", "parsed"]
    ax = cg.plot_comments_per_author(seed)
    per = seed.comments["author"].value_counts()
    assert sorted(widths(ax), reverse=True) == per.tolist() and len(per) == 8
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == per.index[0]  # the most active at the top
    assert ax.get_title(loc="left") == "Comments per author: all 8"
    ax = cg.plot_thread_sizes(seed)
    sizes = cg.threads(seed)["size"].value_counts()
    assert {int(p.get_x() + p.get_width() / 2 + 0.5): p.get_height() for p in ax.patches} == sizes.to_dict()
    assert ax.get_title(loc="left") == f"Thread sizes: all {sizes.sum()} threads of 1 article"
    plt.close("all")


def test_a_corpus_shows_the_top_and_says_so(corpus10k):
    ax = cg.plot_declared_vs_parsed(corpus10k)
    parsed = corpus10k.articles["parsed_comments"].sort_values(ascending=False)
    assert widths(ax) == parsed.head(15).tolist()  # an export declares nothing: parsed bars only
    assert ax.get_title(loc="left").replace("\n", " ") == (
        "Comments parsed (the source declares no counts): the 15 largest of 50 articles")
    ax = cg.plot_comments_per_author(corpus10k, top=10)
    n = corpus10k.comments["author"].nunique()
    assert len(ax.patches) == 10 and ax.get_title(loc="left") == f"Comments per author: the 10 most active of {n}"
    ax = cg.plot_thread_sizes(corpus10k)
    assert sum(p.get_height() for p in ax.patches) == len(cg.threads(corpus10k)) and ax.get_yscale() == "log"
    plt.close("all")


@pytest.mark.parametrize("given", [True, False])
def test_no_texts_overlap_drawn_alone_or_on_a_notebook_axes(corpus10k, seed, given):
    for d in (corpus10k, seed):
        for draw in DRAW:
            with cg.report_style():
                ax = plt.subplots(layout="constrained")[1] if given else None
                fig = draw(d, ax=ax).figure
                assert overlapping_texts(fig) == [], draw.__name__
                assert cg.figure_alt_text(fig) == draw(d).get_title(loc="left").replace("\n", " ")
            plt.close("all")


def test_the_reply_share_panel_speaks_per_cent_as_the_tables_do():
    d = cg.read_table(cg.sample_corpus(articles=6))
    with cg.report_style():
        fig = cg.plot_article_distributions(d)
        fig.canvas.draw()
    panel = fig.axes[1]
    median = cg.summary(d)["reply_share"].median()
    assert panel.get_title(loc="left") == f"reply share (median {median * 100:.0f} %)"
    assert [t.get_text() for t in panel.get_xticklabels()] == ["0 %", "20 %", "40 %", "60 %", "80 %", "100 %"]
    plt.close("all")
