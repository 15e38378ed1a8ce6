"""review_table, apply_review, resolution_scores: a hand review round trip on the seed."""

import pandas as pd

import commentgraph as cg


def test_review_table_rows_and_context(seed):
    r = cg.review_table(seed)
    assert len(r) == len(seed.mentions) == 5
    row = r.set_index("raw").loc["@9 W. Merseburger"]
    assert row["context"].startswith("[[@9 W. Merseburger]]: Das die Mehrheit")
    assert "/9 (W. Merseburger" in row["considered"] and "/6 (W. Merseburger" in row["considered"]
    assert row["rule"] == "number+name:exact" and 0 < row["confidence"] <= 1
    assert r["confidence"].is_monotonic_increasing
    assert set(r["correct_target"]) == {""}


def test_apply_review_round_trip_through_csv(seed, tmp_path):
    r = cg.review_table(seed)
    ids = dict(zip(seed.comments["number"], seed.comments["comment_id"]))
    r.loc[r["raw"] == "@Ralf Meier", "correct_target"] = "none"
    r.loc[r["raw"] == "@ 12", "correct_target"] = "#13"
    path = tmp_path / "review.csv"
    r.to_csv(path, index=False)
    fixed = cg.apply_review(seed, path)
    assert len(fixed.mentions) == 4 and len(fixed.replies) == 4
    m = fixed.mentions.set_index("raw")
    assert m.loc["@ 12", "target_comment_id"] == ids[13] and m.loc["@ 12", "target_author"] == "Fragender Rentner"
    assert "hand review" in m.loc["@ 12", "reason"]
    assert len(seed.replies) == 5   # the original is untouched


def test_resolution_scores_counts_errors(seed):
    ids = dict(zip(seed.comments["number"], seed.comments["comment_id"]))
    lab = pd.DataFrame({"comment_id": [ids[15], ids[11], ids[10], ids[8]],
                        "target": ["#12", "Ralf Meier", "#6", "none"]})
    s = cg.resolution_scores(seed, lab).iloc[0]
    assert (s["tp"], s["fp"], s["fn"]) == (2, 1, 1)
    assert s["precision"] == s["recall"] == 2 / 3 or round(s["precision"], 4) == 0.6667
    assert len(cg.resolution_scores(seed, lab).attrs["errors"]) == 2
