#!/usr/bin/env bash
# Runs the file simulation (via the CLI) over every Dockerfile of the shared corpus
# (../shared/corpus/files, outside the repository; not part of `make test`) and prints one
# line per file: exit status, number of stages, final-image paths, left-behind paths and
# the size summary. Ends with `N passed, M failed` (a panic or a non-zero exit fails).
set -uo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/files}
if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus" >&2
  exit 2
fi
cargo build --quiet --bin stageplay || exit 1
bin=target/debug/stageplay
passed=0
failed=0
for f in "$corpus"/*; do
  if out=$("$bin" analyze "$f" --format json 2>/tmp/stageplay-corpus-err); then
    passed=$((passed + 1))
    printf '%s\t%s\n' "$(basename "$f")" "$(printf '%s' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
fi = d["final_image"]
kinds = {}
for e in fi["files"]:
    kinds[e["kind"]] = kinds.get(e["kind"], 0) + 1
print("stages=%d final=%d %s left_behind=%d | %s" % (len(d["stages"]), len(fi["files"]), kinds, len(d["left_behind"]), d["size"]["summary"]))
')"
  else
    failed=$((failed + 1))
    echo "FAILED $(basename "$f"): $(head -c 300 /tmp/stageplay-corpus-err)"
  fi
done
echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
