#!/usr/bin/env bash
# End-to-end tests of the web UI in a real browser (Debian's chromium, driven
# by playwright-core from npm; no browser download).
#
#   tests/e2e/run.sh [--index BIN] [--server BIN] [--web DIR] [--corpus DIR]
#                    [--screenshots DIR] [--chromium BIN] [-- NODE_TEST_ARGS...]
#
# Defaults are the binaries in build/, web/, corpus/sample and
# build/e2e-screenshots of this checkout. It
#   1. installs the pinned npm packages (npm ci) when node_modules is missing
#      or older than package-lock.json,
#   2. indexes the corpus into a temporary database,
#   3. starts tracuu-server on a free loopback port,
#   4. runs tests/e2e/*.test.mjs with node's test runner (via all.mjs),
#   5. stops the server and removes the temporary files, whatever happens.
# Exit 0: all passed; 77: skipped (no chromium or no usable node/npm); other: failure.
# Extra arguments after "--" go to node, e.g. -- --test-name-pattern=paginate
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
index_bin=$root/build/indexer/tracuu-index
server_bin=$root/build/server/tracuu-server
web_dir=$root/web
corpus_dir=$root/corpus/sample
shots_dir=$root/build/e2e-screenshots
chromium_bin=${CHROMIUM:-/usr/bin/chromium}
node_args=()

while [ $# -gt 0 ]; do
  case $1 in
    --index) index_bin=$2; shift 2 ;;
    --server) server_bin=$2; shift 2 ;;
    --web) web_dir=$2; shift 2 ;;
    --corpus) corpus_dir=$2; shift 2 ;;
    --screenshots) shots_dir=$2; shift 2 ;;
    --chromium) chromium_bin=$2; shift 2 ;;
    --) shift; node_args=("$@"); break ;;
    *) echo "run.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

SKIP=77
skip() { echo "SKIPPED: web end-to-end tests: $*" >&2; exit $SKIP; }
fail() { echo "run.sh: $*" >&2; exit 1; }

# ---- What the machine must have. Missing browser or node: skip, loudly.
[ -x "$chromium_bin" ] || skip "no chromium at $chromium_bin (Debian package 'chromium', listed in .ci/packages.txt)"
command -v node >/dev/null 2>&1 || skip "no node (Debian package 'nodejs', listed in .ci/packages.txt)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || skip "node $(node -v) is too old; playwright-core needs node >= 20"
[ -x "$index_bin" ] || fail "no indexer at $index_bin (build first)"
[ -x "$server_bin" ] || fail "no server at $server_bin (build first)"

# ---- npm packages, pinned by package-lock.json. Reinstalled when the lock
# file or package.json changed since the last install (a stamp in node_modules).
stamp_file=$here/node_modules/.tracuu-e2e-stamp
want_stamp=$(cat "$here/package.json" "$here/package-lock.json" | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp_file" 2>/dev/null || true)" != "$want_stamp" ]; then
  command -v npm >/dev/null 2>&1 || skip "node_modules is not installed and there is no npm to install it"
  # One installer at a time (ctest runs of several people share the checkout).
  exec 9>"${TMPDIR:-/tmp}/tracuu-e2e-npm-$(id -u).lock"
  flock 9
  if [ "$(cat "$stamp_file" 2>/dev/null || true)" != "$want_stamp" ]; then
    echo "run.sh: npm ci in $here"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed"
    echo "$want_stamp" >"$stamp_file"
  fi
  flock -u 9
fi

# ---- Temporary database and server, always cleaned up.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tracuu-e2e.XXXXXX")
server_pid=""
tests_pid=""
# Stops a process and waits for it (TERM; KILL after 10 s).
stop() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  # The test runner first (playwright closes chromium on TERM), then the server.
  if [ -n "$tests_pid" ]; then stop "$tests_pid"; fi
  if [ -n "$server_pid" ]; then stop "$server_pid"; fi
  if [ -n "$watchdog_pid" ]; then kill "$watchdog_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
  exit "$rc"
}
watchdog_pid=""
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# If this script is killed outright (SIGKILL, e.g. by a ctest timeout),
# cleanup never runs: a watchdog then stops what $tmp/pids lists and removes
# the files.
(
  trap '' INT
  while kill -0 $$ 2>/dev/null; do sleep 1; done
  # shellcheck disable=SC2046
  kill -TERM $(cat "$tmp/pids" 2>/dev/null) 2>/dev/null
  sleep 3
  rm -rf "$tmp"
) </dev/null >/dev/null 2>&1 &
watchdog_pid=$!

started_ns=$(date +%s%N)
"$index_bin" --db "$tmp/db" --quiet "$corpus_dir" || fail "indexing $corpus_dir failed"

# Created here, not by the background job's redirections: the loop below may
# read them before that job has run far enough to create them (a fresh
# clone's first run once failed so: "sed: can't read .../server.out").
: >"$tmp/server.out"
: >"$tmp/server.err"
"$server_bin" --db "$tmp/db" --port 0 --host 127.0.0.1 --web "$web_dir" --threads 4 \
  >>"$tmp/server.out" 2>>"$tmp/server.err" &
server_pid=$!
echo "$server_pid" >>"$tmp/pids"

url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's|^tracuu-server: listening on \(http://127\.0\.0\.1:[0-9]*/\).*|\1|p' "$tmp/server.out")
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.err" >&2; fail "tracuu-server exited"; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$tmp/server.out" "$tmp/server.err" >&2; fail "tracuu-server did not start"; }
echo "run.sh: tracuu-server at $url (database $tmp/db)"

# ---- The browser tests, all in one node process (all.mjs) so that one
# chromium serves them all. TMPDIR: playwright puts chromium's fresh profile
# (--user-data-dir) there, so it goes away with $tmp.
mkdir -p "$shots_dir" "$tmp/node-tmp"
cd "$here"
# In the background and waited for, so that a signal to this script runs
# cleanup at once (bash defers traps while a foreground child runs).
TRACUU_E2E_URL=$url TRACUU_E2E_SCREENSHOTS=$shots_dir TRACUU_E2E_CHROMIUM=$chromium_bin \
TMPDIR=$tmp/node-tmp \
  timeout --kill-after=10 240 \
  node --test-reporter=spec "${node_args[@]}" ./all.mjs &
tests_pid=$!
echo "$tests_pid" >>"$tmp/pids"
rc=0
wait "$tests_pid" || rc=$?
tests_pid=""

elapsed_ms=$(( ($(date +%s%N) - started_ns) / 1000000 ))
echo "run.sh: screenshots in $shots_dir; $((elapsed_ms / 1000)).$(printf %03d $((elapsed_ms % 1000))) s"
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  fail "the browser tests took longer than 240 s and were stopped"
fi
if [ -s "$tmp/server.err" ]; then
  echo "---- tracuu-server stderr:" >&2
  cat "$tmp/server.err" >&2
fi
[ "$rc" -eq 0 ] || exit 1
