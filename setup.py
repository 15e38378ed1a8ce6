"""Build step the pyproject.toml cannot say: copy the report notebooks into the package.

The top-level ``notebooks/`` folder stays the one analysts open and edit; a wheel (``pip install .``,
``pip wheel .``, ``python -m build``) carries a copy as ``commentgraph/notebooks/``, where
``commentgraph.report.notebooks_dir`` finds it when there is no checkout. Everything else is in
pyproject.toml.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class build_py_with_notebooks(build_py):
    """build_py, then ``notebooks/*.ipynb`` copied to ``<build>/commentgraph/notebooks/``."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the checkout's notebooks/
            return
        notebooks = sorted((HERE / "notebooks").glob("*.ipynb"))
        if not notebooks:
            raise SystemExit("notebooks/*.ipynb not found: build from a checkout or an sdist that holds them")
        target = Path(self.build_lib) / "commentgraph" / "notebooks"
        target.mkdir(parents=True, exist_ok=True)
        for nb in notebooks:
            shutil.copy2(nb, target / nb.name)


setup(cmdclass={"build_py": build_py_with_notebooks})
