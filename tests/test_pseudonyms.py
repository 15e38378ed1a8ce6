"""pseudonymize: stable keyed pseudonyms in every table and in the text, opt-out, no collisions."""

import json
import random
import re

import pandas as pd
import pytest
from seed_links import SEED_AUTHORS, link_seed

import commentgraph as cg
from commentgraph.pseudonyms import identity_key, pseudonym_map

LABEL = re.compile(r"Commenter \d{3}")


@pytest.fixture(scope="module")
def linked(seed):
    return link_seed(seed)


@pytest.fixture(scope="module")
def pseudo(linked):
    return cg.pseudonymize(linked, salt="k3y")


def label_of(name, salt="k3y", names=None):
    names = names or SEED_AUTHORS + ["W. Merseburger"]
    return pseudonym_map(names, salt=salt)[identity_key(name)]


def all_strings(d):
    for table in ("articles", "comments", "mentions", "replies", "problems"):
        frame = getattr(d, table)
        for col in frame.columns:
            for v in frame[col]:
                if isinstance(v, str):
                    yield table, col, v


def test_no_seed_name_is_left_anywhere(pseudo):
    leaks = [(t, c, n) for t, c, v in all_strings(pseudo) for n in SEED_AUTHORS if n.casefold() in v.casefold()]
    assert not leaks


def test_authors_become_readable_pseudonyms(pseudo, linked):
    assert pseudo.comments["author"].str.fullmatch(LABEL.pattern).all()
    # the same person keeps one label: 8 authors before, 8 labels after, comment by comment
    pairs = set(zip(linked.comments["author"], pseudo.comments["author"], strict=True))
    assert len(pairs) == 8 == len({b for _, b in pairs})


def test_names_inside_text_and_mentions(pseudo, linked):
    merse, meck, ralf = label_of("W. Merseburger"), label_of("Meckersack"), label_of("Ralf Meier")
    text = pseudo.comments.set_index("number")["text"]
    assert text[10].startswith(f"@9 {merse}: Das die Mehrheit")
    assert text[9].startswith(f"@ 7, {meck},\nich glaube")
    assert text[11].startswith(f"@{ralf}\n")
    m = pseudo.mentions
    assert m["raw"].tolist() == ["@ 12", f"@{ralf}", f"@9 {merse}", f"@ 7, {meck}", f"@6 {merse}"]
    assert m["written_name"].tolist()[1:] == [ralf, merse, meck, merse]
    assert m["target_author"].tolist() == [label_of("Norbert NRW"), ralf, merse, meck, merse]
    # offsets still point at the reference in the new text
    by_id = pseudo.comments.set_index("comment_id")["text"]
    assert [by_id[c][s:e] for c, s, e in zip(m["comment_id"], m["start"], m["end"], strict=True)] == m["raw"].tolist()
    # the rest of the text is untouched
    assert text[8] == linked.comments.set_index("number")["text"][8]


def test_replies_and_the_dangling_target(pseudo):
    r = pseudo.replies
    assert r["source_author"].tolist() == [label_of(n) for n in
                                           ["Wessi", "Federico", "Meckersack", "W. Merseburger", "Meckersack"]]
    assert r["target_author"].tolist()[1] == label_of("Ralf Meier") and pd.isna(r["target_comment_id"][1])
    g = cg.author_graph(pseudo)
    assert sorted(w for *_, w in g.edges(data="weight")) == [1, 1, 1, 2]
    assert g.nodes[label_of("Ralf Meier")]["missing"]


def test_same_salt_same_pseudonym_across_articles_and_runs(linked):
    a = cg.pseudonymize(linked, salt="k3y")
    b = cg.pseudonymize(linked, salt="k3y")
    assert a.comments["author"].tolist() == b.comments["author"].tolist()
    other = cg.read_page("05.03.2019 10:00 Meckersack 1\n\nWieder da.\n\n05.03.2019 10:30 Neu Hier 2\n\nHallo")
    p = cg.pseudonymize(other, salt="k3y", digits=3)
    assert p.comments["author"][0] == a.comments.set_index("number")["author"][10]


def test_another_salt_gives_other_pseudonyms(linked):
    a = cg.pseudonymize(linked, salt="k3y").comments["author"]
    b = cg.pseudonymize(linked, salt="other").comments["author"]
    assert (a != b).sum() >= 7  # a chance match of one label is possible, not of all


def test_names_are_normalised_before_hashing():
    m = pseudonym_map(["W. Merseburger", "w.  merseburger", " W. MERSEBURGER:"], salt="s")
    assert len(m) == 1


def test_salt_is_required_and_never_stored(linked):
    with pytest.raises(ValueError, match="salt"):
        cg.pseudonymize(linked, salt="")
    with pytest.raises(TypeError):
        cg.pseudonymize(linked, salt=42)
    p = cg.pseudonymize(linked, salt="very-secret-salt")
    assert p.settings["pseudonymized"]["method"].startswith("HMAC-SHA256")
    assert "very-secret-salt" not in json.dumps(p.settings, default=str)
    assert p.settings["tz"] == "Europe/Berlin"


def test_collisions_are_resolved_deterministically():
    names = [f"Person {i}" for i in range(9)]
    m = pseudonym_map(names, salt="s", digits=1)  # 9 names into the 9 labels 1..9: collisions certain
    assert sorted(m.values()) == [f"Commenter {i}" for i in range(1, 10)]
    shuffled = names[:]
    random.Random(4).shuffle(shuffled)
    assert pseudonym_map(shuffled, salt="s", digits=1) == m
    with pytest.raises(ValueError, match="do not fit"):
        pseudonym_map([*names, "Person 9"], salt="s", digits=1)


def test_width_grows_with_the_number_of_names():
    labels = pseudonym_map([f"user {i}" for i in range(1000)], salt="s").values()
    assert len(set(labels)) == 1000 and all(re.fullmatch(r"Commenter \d{5}", x) for x in labels)


def test_multi_word_names_in_any_case_and_spacing():
    d = cg.read_page("01.03.2019 10:00 Fragender Rentner 1\n\nHallo\n\n"
                     "01.03.2019 11:00 Ben 2\n\nWie FRAGENDER  rentner sagt: nein. Fragender Rentnerin bleibt.")
    p = cg.pseudonymize(d, salt="s")
    label = p.comments["author"][0]
    assert p.comments["text"][1] == f"Wie {label} sagt: nein. Fragender Rentnerin bleibt."


def test_opt_out_drops_comments_and_counts_them(linked):
    meck = label_of("Meckersack")
    p = cg.pseudonymize(linked, salt="k3y", opt_out=["meckersack"])
    assert len(p.comments) == 8 and meck not in set(p.comments["author"])
    assert set(p.replies["source_author"]) == {label_of(n) for n in ["Wessi", "Federico", "W. Merseburger"]}
    answer = p.replies.loc[p.replies["source_author"] == label_of("W. Merseburger")]
    assert answer["target_author"].tolist() == [meck] and answer["target_comment_id"].isna().all()
    assert answer["latency"].isna().all()
    row = p.problems.loc[p.problems["kind"] == "opted_out"]
    assert row["message"].str.contains("dropped 2 comment").all() and row["severity"].tolist() == ["notice"]
    assert not [v for *_, v in all_strings(p) if "Meckersack" in v]
    with pytest.raises(TypeError, match="list of names"):
        cg.pseudonymize(linked, salt="k3y", opt_out="Meckersack")


def test_input_is_left_unchanged(linked):
    before = linked.comments.copy()
    cg.pseudonymize(linked, salt="k3y", opt_out=["Wessi"])
    pd.testing.assert_frame_equal(linked.comments, before)


def test_problem_excerpts_are_pseudonymised():
    page = "01.03.2019 10:00 Anna Berg 1\n\nHallo\n\n01.03.2019 Anna Berg\n\n01.03.2019 11:00 Ben 2\n\nJa"
    d = cg.read_page(page)
    assert d.problems["excerpt"].str.contains("Anna Berg").any()  # the reader quotes the line
    p = cg.pseudonymize(d, salt="s")
    assert not p.problems["excerpt"].str.contains("Anna Berg").any()


def test_the_seed_as_read_and_resolved_leaks_no_name(seed):
    p = cg.pseudonymize(seed, salt="k3y")
    assert len(p.replies) == len(seed.replies) and len(p.mentions) == len(seed.mentions)
    assert not [(t, c, n) for t, c, v in all_strings(p) for n in SEED_AUTHORS if n.casefold() in v.casefold()]


def test_exports_of_a_pseudonymised_discussion_hold_no_name(seed, tmp_path):
    p = cg.pseudonymize(seed, salt="k3y")
    cg.export_tables(p, tmp_path / "tables")
    cg.write_gexf(cg.reply_graph(p), tmp_path / "reply.gexf")
    cg.write_graphml(cg.author_graph(p), tmp_path / "authors.graphml")
    files = [f for f in tmp_path.rglob("*") if f.is_file()]
    assert len(files) >= 3
    text = " ".join(f.read_text(encoding="utf-8") for f in files).casefold()
    assert "commenter " in text
    assert not [n for n in SEED_AUTHORS if n.casefold() in text]


def test_names_only_in_reply_markers_are_replaced_too():
    # "Antwort auf #9 von Karl Marx": Karl wrote nothing on the page, so his name is in no author, mention or
    # reply column, only in the marker the reader moved to ui_text; it must not survive pseudonymisation
    page = ("Artikel\n\n01.03.2019 10:00 Anna 1\n\nHallo\n\n01.03.2019 11:00 Ben 2\n\n"
            "Antwort auf #9 von Karl Marx\nDas stimmt nicht, Karl Marx irrt.\n")
    d = cg.read_page(page)
    assert d.comments["ui_text"].iloc[1] == "Antwort auf #9 von Karl Marx"
    p = cg.pseudonymize(d, salt="s3cret")
    everything = " ".join(t.astype(str).to_string() for t in (p.comments, p.mentions, p.replies, p.problems))
    assert "Karl" not in everything and "Marx" not in everything
    assert p.comments["ui_text"].iloc[1].startswith("Antwort auf #9 von Commenter ")
