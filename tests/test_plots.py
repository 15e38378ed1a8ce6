"""Plots: what is on the axes (arcs, bars, labels, legend entries), on the seed and on corpora."""

import re
import subprocess
import sys
from datetime import datetime, timedelta

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import FancyArrowPatch  # noqa: E402
from seed_links import link_seed  # noqa: E402

import commentgraph as cg  # noqa: E402
from commentgraph import schema  # noqa: E402
from commentgraph.style import OKABE_ITO  # noqa: E402

VERMILLION = matplotlib.colors.to_rgba(OKABE_ITO["vermillion"], 0.9)


@pytest.fixture(scope="module")
def linked(seed):
    return link_seed(seed)


def legend_texts(ax):
    return [t.get_text() for t in ax.get_legend().get_texts()]


def arc_paths(ax, gid):
    return [p for c in ax.collections if c.get_gid() == gid for p in c.get_paths()]


def berlin(s):
    return pd.Timestamp(s, tz="Europe/Berlin")


def num(ts):
    return mdates.date2num(ts.tz_convert("UTC").tz_localize(None).to_datetime64())


# ---------------------------------------------------------------- a generated corpus of pages


def make_corpus(tmp_path, n_articles=6, n_comments=14, seed=3):
    """Pages in the seed's layout whose references are known: returns (Discussion, replies)."""
    rng = np.random.default_rng(seed)
    names = ["Anna Berg", "Ben", "Cem Yılmaz", "Dörte", "Emil K.", "Frau Ö", "Gerd"]
    truth, paths = [], []
    for a in range(n_articles):
        t0 = datetime(2019, 3, 1 + a, 8, 0)
        rows = []
        for k in range(1, n_comments + 1):
            author = names[int(rng.integers(len(names)))]
            body, target = "Meinung.", None
            if k > 1 and rng.random() < 0.6:
                target = int(rng.integers(1, k))
                body = f"@ {target} stimmt nicht."
            elif k > 3 and rng.random() < 0.15:
                body, target = "@Zora Unbekannt wo bleibt die Quelle?", "Zora Unbekannt"
            when = t0 + timedelta(minutes=int(17 * k + rng.integers(0, 15)))
            rows.append((k, author, when, body))
            if target is not None:
                truth.append((f"art{a}", k, target))
        lines = [f"Artikel {a}: Überschrift mit Umlauten", "", "Text.", "", f"{n_comments} Kommentare", ""]
        for k, author, when, body in reversed(rows):  # newest first, as on the seed page
            lines += [f"{when:%d.%m.%Y %H:%M} {author} {k}", "", body, ""]
        path = tmp_path / f"art{a}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        paths.append(path)
    d = cg.read_pages(paths)
    c = d.comments.set_index(["article_id", "number"])
    rep = []
    for art, k, target in truth:
        src = c.loc[(art, k)]
        if isinstance(target, int):
            tgt = c.loc[(art, target)]
            rep.append({"source_comment_id": src["comment_id"], "target_comment_id": tgt["comment_id"],
                        "target_author": tgt["author"], "via": "mention", "resolution": "number",
                        "article_id": art, "source_author": src["author"]})
        else:
            rep.append({"source_comment_id": src["comment_id"], "target_comment_id": None,
                        "target_author": target, "via": "mention", "resolution": "unresolved",
                        "article_id": art, "source_author": src["author"]})
    replies = schema.conform(pd.DataFrame(rep), "replies")
    return d.replace(replies=replies), replies


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path)[0]


# ---------------------------------------------------------------- timeline


def test_timeline_seed_hourly_bars_count_every_comment_and_split_replies(linked):
    ax = cg.plot_timeline(linked, freq="h")
    top, rep = ax.containers
    assert sum(p.get_height() for p in top) == 5  # #6 #8 #12 #13 #14
    assert sum(p.get_height() for p in rep) == 5  # #15 #11 #10 #9 #7 answer someone
    assert legend_texts(ax) == ["top-level", "replies", "cumulative (right axis)", "article updated"]
    assert ax.get_ylabel() == "comments per hour"
    # the first bar starts at the hour of the first comment, 28.02. 22:00 local time
    assert min(p.get_x() for p in top) == pytest.approx(num(berlin("2019-02-28 22:00")))
    # article updated 28.02.2019 19:56 (Zuletzt aktualisiert)
    vline = [line for line in ax.lines if line.get_label() == "article updated"]
    assert vline[0].get_xdata()[0] == pytest.approx(num(berlin("2019-02-28 19:56")))
    (cum,) = [line for line in ax.lines if line.get_label() == "cumulative (right axis)"]
    assert cum.get_ydata()[-1] == 10 and cum.get_zorder() > max(p.get_zorder() for p in rep)
    twin = [a for a in ax.figure.axes if a is not ax][0]
    assert twin.get_ylabel() == "comments so far" and twin.get_ylim()[1] >= 10


def test_timeline_daily_bins_are_local_days(linked):
    ax = cg.plot_timeline(linked, freq="D")
    top, rep = ax.containers
    assert [p.get_height() for p in top] == [1, 4, 0]  # 28.02: #6; 01.03: #8 #12 #13 #14; 02.03: -
    assert [p.get_height() for p in rep] == [0, 4, 1]  # 01.03: #7 #9 #10 #11; 02.03: #15
    assert top[0].get_x() == pytest.approx(num(berlin("2019-02-28 00:00")))
    assert ax.get_ylabel() == "comments per day"


def test_timeline_rejects_a_bad_freq(linked):
    with pytest.raises(ValueError, match="frequency"):
        cg.plot_timeline(linked, freq="fortnightly")


def test_timeline_without_cumulative_draws_on_one_axes(linked):
    fig, (a1, a2) = plt.subplots(1, 2)
    ax = cg.plot_timeline(linked, freq="6h", cumulative=False, ax=a2)
    assert ax is a2 and len(fig.axes) == 2 and not a1.has_data()
    assert "cumulative (right axis)" not in legend_texts(ax)


# ---------------------------------------------------------------- arcs


def test_arcs_seed_one_arc_per_reply_edge(linked):
    ax = cg.plot_arcs(linked)
    assert len(arc_paths(ax, "reply-arcs")) == 4
    assert len(arc_paths(ax, "dangling-arcs")) == 1
    assert len(arc_paths(ax, "reply-arcs")) + len(arc_paths(ax, "dangling-arcs")) == len(linked.replies)
    texts = legend_texts(ax)
    assert texts[:3] == ["comment", "reply → target", "target not in data"]
    assert "thread from #6 (4)" in texts and "thread from #12 (2)" in texts
    assert [t.get_text() for t in ax.texts] == ["Ralf Meier (not in data)"]
    assert ax.get_yticks().size == 0  # one article: no article axis


def test_arcs_by_number_join_reply_and_target(linked):
    ax = cg.plot_arcs(linked, x="number")
    ends = {tuple(sorted((p.vertices[0][0], p.vertices[-1][0]))) for p in arc_paths(ax, "reply-arcs")}
    assert ends == {(12, 15), (9, 10), (7, 9), (6, 7)}
    # the dangling target sits apart, below the baseline, under the reply that names it (#11)
    (dangling,) = arc_paths(ax, "dangling-arcs")
    assert dangling.vertices[0][0] == 11 and dangling.vertices[-1][1] < dangling.vertices[0][1]
    assert ax.get_xlabel() == "comment number"
    with pytest.raises(ValueError, match="x must be"):
        cg.plot_arcs(linked, x="author")


def test_arcs_colour_threads_alike_across_figures(linked):
    ax = cg.plot_arcs(linked, x="number")
    colours = {tuple(np.round(c, 3)) for c in
               [coll for coll in ax.collections if coll.get_gid() == "reply-arcs"][0].get_edgecolor()}
    assert len(colours) == 2  # thread from #6 and thread from #12
    tree = cg.plot_thread_tree(linked)
    tree_colours = {tuple(np.round(c, 3)) for c in
                    [coll for coll in tree.collections if coll.get_gid() == "tree-edges"][0].get_colors()}
    assert colours < tree_colours  # the same threads, the same colours (+ the dangling thread)


# ---------------------------------------------------------------- thread tree


def test_thread_tree_all_threads_in_reading_order(linked):
    ax = cg.plot_thread_tree(linked)
    labels = [t.get_text() for t in ax.texts]
    assert len(labels) == 11  # 10 comments and the missing root Ralf Meier
    assert labels[:4] == ["#6 W. Merseburger · 2019-02-28 22:02", "#7 Meckersack · 2019-03-01 09:05",
                          "#9 W. Merseburger · 2019-03-01 10:23", "#10 Meckersack · 2019-03-01 11:25"]
    assert labels.index("Ralf Meier (not in data)") + 1 == labels.index("#11 Federico · 2019-03-01 11:30")
    (edges,) = [c for c in ax.collections if c.get_gid() == "tree-edges"]
    assert len(edges.get_segments()) == 5
    depth_of_10 = ax.texts[3].xy[0]
    assert depth_of_10 == 3
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2", "3"]


def test_thread_tree_one_thread_by_comment_or_thread_id(linked):
    c = linked.comments.set_index("number")
    ax = cg.plot_thread_tree(linked, c.loc[10, "comment_id"])
    assert len(ax.texts) == 4  # the thread from #6: 6, 7, 9, 10
    ax = cg.plot_thread_tree(linked, f"missing:{c.loc[11, 'article_id']}:Ralf Meier")
    assert [t.get_text() for t in ax.texts] == ["Ralf Meier (not in data)", "#11 Federico · 2019-03-01 11:30"]
    with pytest.raises(ValueError, match="neither a thread id nor a comment id"):
        cg.plot_thread_tree(linked, "nope")


def test_thread_tree_labels_fit_inside_the_axes(linked):
    ax = cg.plot_thread_tree(linked)
    ax.figure.canvas.draw()
    box = ax.get_window_extent()
    for t in ax.texts:
        b = t.get_window_extent()
        assert box.x0 <= b.x0 and b.x1 <= box.x1 + 0.5, t.get_text()


# ---------------------------------------------------------------- author network


def test_author_network_seed_edges_widths_and_reciprocity(linked):
    ax = cg.plot_author_network(linked)
    arrows = [p for p in ax.patches if isinstance(p, FancyArrowPatch)]
    by_gid = {p.get_gid(): p for p in arrows}
    assert set(by_gid) == {"reply:Wessi->Norbert NRW:1", "reply:Federico->Ralf Meier:1",
                           "reply:Meckersack->W. Merseburger:2", "reply:W. Merseburger->Meckersack:1"}
    assert by_gid["reply:Meckersack->W. Merseburger:2"].get_linewidth() > \
        by_gid["reply:W. Merseburger->Meckersack:1"].get_linewidth()
    red = {g for g, p in by_gid.items() if np.allclose(p.get_edgecolor(), VERMILLION)}
    assert red == {"reply:Meckersack->W. Merseburger:2", "reply:W. Merseburger->Meckersack:1"}
    names = sorted(t.get_text() for t in ax.texts)
    assert names == sorted(["Wessi", "Sabrina", "Fragender Rentner", "Norbert NRW", "Federico", "Meckersack",
                            "W. Merseburger", "Jakob", "Ralf Meier (not in data)"])
    assert "reciprocated pair" in legend_texts(ax) and "named, not in data" in legend_texts(ax)


def test_author_network_node_area_by_comments(linked):
    ax = cg.plot_author_network(linked)
    (nodes,) = [c for c in ax.collections if c.get_gid() == "authors"]
    sizes = dict(zip((t.get_text() for t in ax.texts), nodes.get_sizes(), strict=True))
    assert sizes["Meckersack"] == sizes["W. Merseburger"] > sizes["Jakob"] > sizes["Ralf Meier (not in data)"]


def test_author_network_labels_do_not_overlap_on_the_seed(linked):
    ax = cg.plot_author_network(linked)
    ax.figure.canvas.draw()
    boxes = [t.get_window_extent() for t in ax.texts]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b)


# ---------------------------------------------------------------- latency


def test_latency_seed_histogram_and_median(linked):
    ax = cg.plot_latency(linked)
    assert sum(p.get_height() for p in ax.patches) == 4  # @Ralf Meier has no latency
    # 62, 78, 663 and 1508 minutes: median (78 + 663) / 2 = 370.5 min
    (med,) = [line for line in ax.lines if line.get_label().startswith("median")]
    assert med.get_xdata()[0] == pytest.approx(370.5 * 60)
    assert legend_texts(ax) == ["reply edges (4)", "median 6 h 10 min"]
    assert ax.get_xscale() == "log"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1 h", "6 h", "1 d"]
    (rug,) = [line for line in ax.lines if line.get_gid() == "rug"]
    assert sorted(rug.get_xdata()) == [62 * 60, 78 * 60, 663 * 60, 1508 * 60]


def test_latency_without_replies_says_so(seed):
    ax = cg.plot_latency(seed.replace(replies=schema.empty("replies")))
    assert [t.get_text() for t in ax.texts] == ["no reply latencies"]


# ---------------------------------------------------------------- a corpus of many articles


def test_every_plot_on_a_corpus_of_generated_pages(corpus):
    d = corpus
    assert len(d.articles) == 6 and len(d.replies) > 30
    ax = cg.plot_timeline(d, freq="h")
    assert sum(p.get_height() for cont in ax.containers for p in cont) == len(d.comments)
    ax = cg.plot_arcs(d, article_id=list(d.articles["article_id"]))  # every article, one baseline each
    assert len(arc_paths(ax, "reply-arcs")) + len(arc_paths(ax, "dangling-arcs")) == len(d.replies)
    assert len(arc_paths(ax, "dangling-arcs")) == d.replies["target_comment_id"].isna().sum()
    assert len(ax.get_yticks()) == 6 and [t.get_text() for t in ax.get_yticklabels()][:2] == [
        "Artikel 0: Überschrift mit …", "Artikel 1: Überschrift mit …"]
    ax = cg.plot_arcs(d)  # by default the largest article (all have 14 comments: the first)
    first = d.replies["article_id"] == "art0"
    assert len(arc_paths(ax, "reply-arcs")) + len(arc_paths(ax, "dangling-arcs")) == first.sum()
    assert ax.get_title(loc="left").startswith("Who answers whom in “Artikel 0: Überschrift mit Umlauten”")
    assert "largest of 6 articles" in ax.get_title(loc="left").replace("\n", " ")
    ax = cg.plot_arcs(d, article_id="art3")
    assert "article 4 of 6" in ax.get_title(loc="left").replace("\n", " ")
    with pytest.raises(ValueError, match="not an article"):
        cg.plot_arcs(d, article_id="nope")
    ax = cg.plot_thread_tree(d)
    (edges,) = [c for c in ax.collections if c.get_gid() == "tree-edges"]
    assert len(edges.get_segments()) == d.replies["source_comment_id"].nunique()
    assert [t.get_text() for t in ax.get_yticklabels()][:1] == ["Artikel 0: Überschrift mit …"]
    ax = cg.plot_author_network(d)
    g = cg.author_graph(d)
    loops = sum(1 for a, b in g.edges if a == b)
    assert sum(isinstance(p, FancyArrowPatch) for p in ax.patches) == g.number_of_edges() - loops
    ax = cg.plot_latency(d)
    assert sum(p.get_height() for p in ax.patches) == d.replies["target_comment_id"].notna().sum()


@pytest.mark.shared_data
def test_every_plot_on_the_globe_and_mail_export(public_data):
    d = cg.read_table(public_data / "globe_and_mail_explicit_parent_tidy.csv",
                      columns={"posted_at": "posted_at_utc"})
    c = d.comments
    has = c["parent_id"].notna() & c["parent_id"].isin(c["comment_id"])
    parent_author = c.set_index("comment_id")["author"].reindex(c.loc[has, "parent_id"]).to_numpy()
    replies = schema.conform(pd.DataFrame({
        "source_comment_id": c.loc[has, "comment_id"], "target_comment_id": c.loc[has, "parent_id"],
        "target_author": parent_author, "via": "parent", "resolution": "parent"}), "replies")
    d = d.replace(replies=replies)
    assert len(d.articles) == 40 and len(replies) > 500
    ax = cg.plot_timeline(d, freq="W", align="calendar")
    assert sum(p.get_height() for cont in ax.containers for p in cont) == c["posted_at"].notna().sum()
    assert ax.get_ylabel() == "comments per week"
    ax = cg.plot_timeline(d, freq="D")  # aligned at each article's first comment, the last 1 % left out
    shown = sum(p.get_height() for cont in ax.containers for p in cont)
    later = re.search(r"([\d,]+) comments? after", ax.get_title(loc="left").replace("\n", " "))
    assert shown + int(later.group(1).replace(",", "")) == len(c) and ax.get_ylabel() == "comments per 24 h"
    assert "article updated" not in legend_texts(ax)
    ax = cg.plot_arcs(d, x="number", article_id=list(d.articles["article_id"]))
    assert len(arc_paths(ax, "reply-arcs")) == len(replies)
    assert len(ax.get_yticks()) == 40
    ax = cg.plot_thread_tree(d)  # 2,869 rows: the first 200 of them, and the title says so
    assert "rows 1–200 of 2,869 (page 1 of 15" in ax.get_title(loc="left").replace("\n", " ")
    ax = cg.plot_thread_tree(d, max_rows=5000)
    (edges,) = [c for c in ax.collections if c.get_gid() == "tree-edges"]
    assert len(edges.get_segments()) == len(replies) and not ax.texts  # too many rows to name
    ax.figure.canvas.draw()
    ticks = [t.get_window_extent() for t in ax.get_yticklabels()]
    assert 10 <= len(ticks) <= 40  # articles named at their first row where there is room
    assert not [(i, j) for i in range(len(ticks)) for j in range(i + 1, len(ticks)) if ticks[i].overlaps(ticks[j])]
    ax = cg.plot_author_network(d)
    g = cg.author_graph(d)
    g.remove_edges_from([(a, b) for a, b in g.edges if a == b])
    talking = [n for n in g if g.degree(n) > 0]
    assert g.number_of_nodes() > 100
    (lines,) = [c for c in ax.collections if c.get_gid() == "replies"]
    assert len(lines.get_segments()) == g.subgraph(talking).number_of_edges()
    (nodes,) = [c for c in ax.collections if c.get_gid() == "authors"]
    assert len(nodes.get_offsets()) == len(talking)
    assert 5 <= len(ax.texts) <= 12  # only the authors with most replies are named, none over another
    ax.figure.canvas.draw()
    boxes = [t.get_window_extent() for t in ax.texts]
    assert not [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes)) if boxes[i].overlaps(boxes[j])]
    head = ax.get_title(loc="left").replace("\n", " ")
    assert head.startswith(f"Who answers whom in 40 articles: {len(talking):,} of {g.number_of_nodes():,} authors in ")
    assert f"{g.number_of_nodes() - len(talking)} authors without replies" in head
    ax = cg.plot_latency(d)
    assert sum(p.get_height() for p in ax.patches) == (cg.reply_edges(d)["latency"] >= pd.Timedelta(0)).sum()


# ---------------------------------------------------------------- composition and import cost


def test_plots_compose_into_one_figure(linked):
    fig, axes = plt.subplots(2, 2, layout="constrained", figsize=(13, 9))
    out = [cg.plot_arcs(linked, ax=axes[0, 0]), cg.plot_thread_tree(linked, ax=axes[0, 1]),
           cg.plot_author_network(linked, ax=axes[1, 0]), cg.plot_latency(linked, ax=axes[1, 1])]
    assert out == list(axes.flat) and len(fig.axes) == 4


def test_pseudonymised_input_plots_unchanged_in_shape(linked):
    p = cg.pseudonymize(linked, salt="plots")
    names = ["Wessi", "Sabrina", "Fragender Rentner", "Norbert NRW", "Federico", "Meckersack", "Merseburger",
             "Jakob", "Ralf Meier"]
    for plot in (cg.plot_timeline, cg.plot_arcs, cg.plot_thread_tree, cg.plot_author_network, cg.plot_latency):
        ax = plot(p)
        ax.figure.canvas.draw()
        shown = " ".join(t.get_text() for t in ax.figure.findobj(matplotlib.text.Text))
        assert not [n for n in names if n in shown], plot.__name__
    ax = cg.plot_arcs(p)
    assert len(arc_paths(ax, "reply-arcs")) + len(arc_paths(ax, "dangling-arcs")) == 5


def test_import_stays_light():
    code = "import sys, commentgraph; print('matplotlib' in sys.modules, 'networkx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_the_seed_as_read_draws_one_arc_per_resolved_reply(seed):
    ax = cg.plot_arcs(seed)
    assert len(arc_paths(ax, "reply-arcs")) + len(arc_paths(ax, "dangling-arcs")) == len(seed.replies)
    assert len(arc_paths(ax, "dangling-arcs")) == seed.replies["target_comment_id"].isna().sum()


def test_report_style_keeps_interactive_mode_switched_on_inside_it():
    """Jupyter's inline backend switches interactive mode on at the first figure; leaving the style
    must not switch it off again, or later figures of a notebook are never shown."""
    import matplotlib as mpl

    was, fonttype = mpl.rcParams["interactive"], mpl.rcParams["svg.fonttype"]
    try:
        mpl.rcParams["interactive"] = False
        with cg.report_style():
            mpl.rcParams["interactive"] = True  # what activating the inline backend does
            assert mpl.rcParams["svg.fonttype"] == "none"
        assert mpl.rcParams["interactive"] is True
        assert mpl.rcParams["svg.fonttype"] == fonttype  # the style itself is undone
    finally:
        mpl.rcParams["interactive"] = was
