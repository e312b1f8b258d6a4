# tracuu: the two commands.
#   make run   install missing packages, build, index corpus/sample, serve on http://127.0.0.1:8080
#   make test  install missing packages, build, run every test
BUILD     ?= build
DB        ?= data/sample.db
HOST      ?= 127.0.0.1
PORT      ?= 8080
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
BUILD_TYPE ?= Release

.PHONY: all deps build run index test clean eval bench-index bench-http

all: build

deps:
	@./.ci/install-packages

# Configures once; later runs only rebuild what changed.
$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# Re-indexing is incremental: unchanged articles are skipped.
index: build
	@mkdir -p $(dir $(DB))
	$(BUILD)/indexer/tracuu-index --db $(DB) corpus/sample

run: index
	$(BUILD)/server/tracuu-server --db $(DB) --host $(HOST) --port $(PORT) --web web

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Search quality on ../shared/data/retrieval (README, "Search quality");
# options pass through, e.g. make eval EVAL_ARGS="--limit 200 --json eval.json".
eval: build
	$(BUILD)/benchmarks/tracuu-eval $(EVAL_ARGS)

# Index build speed on ../shared/data/corpus (README, "Benchmarks"); options
# pass through, e.g. make bench-index BENCH_ARGS="--limit 10000".
bench-index: build
	$(BUILD)/benchmarks/reindex_benchmark $(BENCH_ARGS)

# tracuu-server under HTTP load on ../shared/data/corpus (README, "HTTP load");
# indexes the corpus once into BENCH_HTTP_DB (many minutes) and reuses it.
# Options pass through, e.g. make bench-http BENCH_ARGS="--seconds 5 --headlines 50".
BENCH_HTTP_DB ?= /tmp/tracuu-bench-http-labelled.db
bench-http: build
	$(BUILD)/benchmarks/http_benchmark --db $(BENCH_HTTP_DB) $(BENCH_ARGS)

clean:
	rm -rf $(BUILD) $(DB)
