# Khabar: `make run` serves the seeds; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INDEX ?= var/index
HOST ?= 127.0.0.1
PORT ?= 5000
# The shared folder (corpora, evaluation sets) beside the project; KHABAR_SHARED=... elsewhere.
KHABAR_SHARED ?= ../shared
CORPUS ?= $(KHABAR_SHARED)/data/ant_multisource.jsonl.gz
OPENSEARCH_DIR ?= var/opensearch
comma := ,

.PHONY: run test lint chromium axe index serve bench bench-analysis bench-extract bench-index bench-search bench-load bench-opensearch opensearch opensearch-stop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python setup.cfg setup.py pyproject.toml MANIFEST.in
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

# The index is rebuilt when it is missing or older than any seed.
$(INDEX)/.built: $(VENV)/.installed $(wildcard seeds/*)
	$(BIN)/khabar index seeds/ --index $(INDEX)
	touch $@

run: $(INDEX)/.built
	$(BIN)/khabar serve --index $(INDEX) --host $(HOST) --port $(PORT)

# One pytest run; the index-building tests run once per segment writer (KhabarWriter and
# Whoosh's SegmentWriter, KHABAR_WRITER; see tests/conftest.py; --writer X for one only).
test: $(VENV)/.installed-test chromium axe lint
	$(BIN)/python -m pytest

# The quick loop: lint, then the suite without the browser and slow tests (subprocesses,
# the wheel, schemathesis, larger indexes). `make test` is the whole suite, as in CI.
.PHONY: test-fast
test-fast: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest -m "not browser and not slow"

# axe-core for the browser tests' accessibility checks, from npm (tests/web/package-lock.json).
AXE_JS := tests/web/node_modules/axe-core/axe.min.js
axe: $(AXE_JS)
$(AXE_JS): tests/web/package.json tests/web/package-lock.json
	npm ci --prefix tests/web --no-audit --no-fund
	touch $@

# Formatting and lint (ruff; settings in pyproject.toml), then the layers contract
# (import-linter; contracts in setup.cfg).
lint: $(VENV)/.installed-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache --no-logo

# The browser tests drive Debian's Chromium: installed here (as root) when it is missing.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	  else \
	    echo "make test: the browser tests need Chromium: run 'sudo apt-get install chromium' once" >&2; \
	    exit 1; \
	  fi; }

bench: bench-analysis bench-extract bench-index bench-search

# Arabic analyzer vs Whoosh StandardAnalyzer (tokens/s, MB/s, ratio); LIMIT=N for a sample.
bench-analysis: $(VENV)/.installed
	$(BIN)/python bench/bench_analysis.py $(CORPUS) $(if $(LIMIT),--limit $(LIMIT))

# Entity extraction speed (MB/s, articles/s) over the ANT corpus.
bench-extract: $(VENV)/.installed
	$(BIN)/python bench/bench_extract.py $(CORPUS)

# Indexing speed: full pipeline (both cores) vs plain Whoosh, re-run time, peak RSS; LIMIT=N for a sample.
bench-index: $(VENV)/.installed
	$(BIN)/python bench/bench_index.py $(CORPUS) $(if $(LIMIT),--limit $(LIMIT))

# Full results page (facets, snippets, histogram) vs bare Whoosh top-10; TIMES=4 for 4x corpus.
bench-search: $(VENV)/.installed
	$(BIN)/python bench/bench_search.py --times $(or $(TIMES),1)

# khabar serve under 8 clients for 60 s while khabar index adds 2,000 articles (loopback only).
bench-load: $(VENV)/.installed
	$(BIN)/python bench/bench_load.py --corpus $(CORPUS) --duration $(or $(DURATION),60) --workers $(or $(WORKERS),2)

# The OpenSearch backend against Whoosh in one run: indexing the ANT corpus, a full results page
# at TIMES (default 1,4,16) x the corpus, the 8-client HTTP load. Uses var/opensearch/url when
# that cluster answers, else starts 3 nodes under var/bench/opensearch (stopped at the end).
bench-opensearch: $(VENV)/.installed
	$(BIN)/python bench/bench_opensearch.py --times $(or $(TIMES),1$(comma)4$(comma)16) --load $(or $(DURATION),60)

# UnifiedFC claim ranking in-process (nDCG@10 ...) over var/rank-index, built once if missing.
bench-ranking: $(VENV)/.installed
	test -d var/rank-index || $(BIN)/khabar index $(KHABAR_SHARED)/eval/unifiedfc/docs.jsonl.gz --index var/rank-index
	$(BIN)/python bench/eval_ranking.py var/rank-index $(KHABAR_SHARED)/eval/unifiedfc

# A 3-node OpenSearch 2.19 cluster (one JVM each, HTTP 9250-9252) under $(OPENSEARCH_DIR), built from Maven Central jars; prints the backend URL.
opensearch:
	$(PYTHON) tools/opensearch/cluster.py start --dir $(OPENSEARCH_DIR)

# Stops the cluster of `make opensearch` (SIGTERM: each node closes cleanly).
opensearch-stop:
	$(PYTHON) tools/opensearch/cluster.py stop --dir $(OPENSEARCH_DIR)

# A running OpenSearch cluster is stopped before its data is removed.
clean:
	test ! -f $(OPENSEARCH_DIR)/cluster.json || $(PYTHON) tools/opensearch/cluster.py stop --dir $(OPENSEARCH_DIR)
	rm -rf $(VENV) var *.egg-info tests/web/node_modules
