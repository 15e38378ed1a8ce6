import pandas as pd

import commentgraph as cg
from commentgraph.discussion import TABLES


def test_parquet_round_trip_is_exact(seed, tmp_path):
    seed.to_parquet(tmp_path / "d")
    back = cg.Discussion.read_parquet(tmp_path / "d")
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(seed, name), check_exact=True)
    assert back.settings == seed.settings


def test_repr_names_counts_and_is_escaped_in_html(seed):
    text = repr(seed)
    assert "1 article(s), 10 comments" in text and "10 parsed of 15 declared" in text
    evil = cg.read_page("01.03.2019 10:00 <b>Anna</b> 1\n\n<script>alert(1)</script>")
    html = evil._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_read_parquet_of_a_missing_folder_is_a_read_error(tmp_path):
    import pytest

    with pytest.raises(cg.ReadError, match="no such folder"):
        cg.Discussion.read_parquet(tmp_path / "nope")
