"""Figures stay readable at scale: no two texts overlap (boxes from the renderer) and every title names
what it shows, on a generated corpus of 10,000 comments in 50 articles and on the real Globe and Mail
export, drawn the way the notebooks draw them (``ax`` of a default figure) and on their own."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import commentgraph as cg  # noqa: E402
from commentgraph.plots import plot_article_distributions  # noqa: E402
from commentgraph.plots._axes import overlapping_texts  # noqa: E402

#: each figure, drawn on the given Axes, and what its title must say on a corpus
FIGURES = {
    "timeline": (lambda d, ax: cg.plot_timeline(d, ax=ax), "aligned at their first comment"),
    "arcs": (lambda d, ax: cg.plot_arcs(d, ax=ax), "(the largest of"),
    "thread_tree": (lambda d, ax: cg.plot_thread_tree(d, cg.threads(d)["thread_id"].iloc[0], ax=ax), "Thread from"),
    "all_threads": (lambda d, ax: cg.plot_thread_tree(d, ax=ax), "rows 1–200 of"),
    "author_network": (lambda d, ax: cg.plot_author_network(d, ax=ax), "names: top 12 by replies"),
    "latency": (lambda d, ax: cg.plot_latency(d, ax=ax), "reply edge"),
}


@pytest.fixture(scope="module")
def corpus10k():
    from benchmarks.generate import corpus

    return cg.read_table(corpus(10_000).parquet)


@pytest.fixture(scope="module")
def globe():
    from conftest import PUBLIC

    if not PUBLIC.is_dir():
        pytest.skip(f"real export folder {PUBLIC} is absent (it sits beside the project as ../shared)")
    return cg.read_source(PUBLIC / "comments_csv" / "old_comments.csv")


def heading(fig) -> str:
    parts = [fig.get_suptitle()] + [ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center")]
    return " ".join(p for p in parts if p).replace("\n", " ")


def check(d, articles: int, comments: int):
    for name, (draw, says) in FIGURES.items():
        for given in (True, False):
            ax = plt.subplots(layout="constrained")[1] if given else None
            with cg.report_style():
                fig = draw(d, ax).figure
                assert overlapping_texts(fig) == [], (name, given)
            head = heading(fig)
            assert says in head, (name, head)
            plt.close("all")
    with cg.report_style():
        fig = plot_article_distributions(d)
        assert overlapping_texts(fig) == []
    assert heading(fig).startswith(f"Per-article distributions: all {articles} articles ({comments:,} comments)")


def test_figures_of_a_corpus_of_10k_comments_are_readable_and_titled(corpus10k):
    check(corpus10k, 50, 10_000)
    ax = cg.plot_arcs(corpus10k)
    sizes = corpus10k.comments["article_id"].value_counts()
    assert f"the largest of 50 articles: {sizes.iloc[0]:,} comments" in heading(ax.figure)
    ax = cg.plot_author_network(corpus10k)
    assert len(ax.texts) <= 12


@pytest.mark.shared_data
def test_figures_of_the_globe_and_mail_export_are_readable_and_titled(globe):
    check(globe, 37, 2_089)


def test_figures_of_the_seed_name_the_article(seed):
    title = "Kein Durchbruch USA-Nordkorea-Gipfel"
    for name, (draw, _) in FIGURES.items():
        with cg.report_style():
            fig = draw(seed, plt.subplots(layout="constrained")[1]).figure
            assert overlapping_texts(fig) == [], name
        assert title in heading(fig), (name, heading(fig))
        plt.close("all")


def test_one_article_of_a_corpus_is_drawn_on_the_calendar_with_its_marks(corpus10k):
    aid = corpus10k.articles["article_id"].iloc[3]
    ax = cg.plot_timeline(corpus10k, article_id=aid, freq="h")
    n = (corpus10k.comments["article_id"] == aid).sum()
    assert sum(p.get_height() for cont in ax.containers for p in cont) == n
    assert "article 4 of 50" in heading(ax.figure) and ax.get_xlabel().startswith("time")
