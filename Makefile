# commentgraph: `make report` runs the main job on the bundled sample, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SAMPLE := data/raw/mdr_2019-02-28_trump_kim_hanoi_comments.txt

.PHONY: help venv test test-fast report lab bench bench-dask clean

help:
	@echo "make report  - full report on the bundled sample into reports/"
	@echo "make test    - the whole test suite (notebooks and report included)"
	@echo "make bench   - speed and memory benchmarks (10k, 100k, 1M comments)"
	@echo "make bench-dask - the corpus on Dask: 1M comments in memory vs LocalCluster(2), then 5M at 3 GiB a worker"
	@echo "make lab     - JupyterLab on notebooks/"

# (re)install when .venv is missing or older than pyproject.toml
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

venv: $(STAMP)

test: $(STAMP)
	$(PY) -m pytest -n 2 -q

test-fast: $(STAMP)
	$(PY) -m pytest -q -m "not slow"

report: $(STAMP)
	$(VENV)/bin/commentgraph report $(SAMPLE) --out reports/sample

lab: $(STAMP)
	$(PY) -m pip install --quiet -e ".[test,lab]"
	$(VENV)/bin/jupyter lab notebooks/

bench: $(STAMP)
	$(PY) -m benchmarks.run

# the dask extra comes with the test extra (pyproject.toml)
bench-dask: $(STAMP)
	$(PY) -m benchmarks.dask_bench --n 1000000 --workers 2
	$(PY) -m benchmarks.dask_bench --n 5000000 --workers 2 --memory-limit 3GiB --no-in-memory \
		--per-million-gib $$($(PY) -c "import json; r = json.load(open('benchmarks/results/dask-1000000.json'))['rows'][0]; print(r['peak_mib'] / 1024)")

clean:
	rm -rf reports benchmarks/results benchmarks/data .pytest_cache
