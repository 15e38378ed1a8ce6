from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt"
SHARED = ROOT.parent / "shared"
PUBLIC = SHARED / "data-public" / "globe_and_mail_sfu"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def seed():
    import commentgraph as cg

    return cg.read_page(SAMPLE)


@pytest.fixture
def public_data() -> Path:
    if not PUBLIC.is_dir():
        pytest.skip(f"real export folder {PUBLIC} is absent (it sits beside the project as ../shared)")
    return PUBLIC


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
