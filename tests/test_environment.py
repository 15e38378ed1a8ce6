"""environment.yml (conda) and pyproject.toml (pip) name the same dependencies."""

import re
import tomllib

from conftest import ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r): r for r in meta["dependencies"]}
    for extra in meta["optional-dependencies"].values():
        wanted |= {_name(r): r for r in extra}
    conda = {}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("dependencies:", 1)[1].splitlines():
        m = re.match(r"^\s{2}- ([A-Za-z0-9_.-]+)(.*)$", line)
        if m and m[1] not in ("python", "pip"):
            conda[m[1].lower()] = (m[1] + m[2]).strip()
    assert set(conda) == set(wanted)
    for name, req in wanted.items():
        # (conda has no pip extras: conda-forge's ``dask`` is ``dask[dataframe]`` and more)
        assert conda[name].replace(" ", "") == re.sub(r"\[[^\]]*\]", "", req).replace(" ", ""), name
