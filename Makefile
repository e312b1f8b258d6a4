# tracuu: the two commands.
#   make run   install missing packages, build, index corpus/sample, serve on http://127.0.0.1:8080
#   make test  install missing packages, build, run every test
BUILD     ?= build
DB        ?= data/sample.db
HOST      ?= 127.0.0.1
PORT      ?= 8080
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
BUILD_TYPE ?= Release

.PHONY: all deps build run index test clean

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

clean:
	rm -rf $(BUILD) $(DB)
