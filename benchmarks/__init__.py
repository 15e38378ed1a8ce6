"""Benchmarks: a generator of realistic comment corpora and a runner that times each stage.

``python -m benchmarks.run`` (or ``make bench``) times the pipeline at 10k, 100k and 1M comments;
``python -m benchmarks.generate --size 10000`` only writes (and caches) a corpus.
"""
