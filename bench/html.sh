#!/usr/bin/env bash
# The HTML export in a browser: file size against the JSON export, time to the first drawn
# frame in headless Chromium and the page's JavaScript heap, for graphs/, the MMP data
# (../shared/realdata, converted by bench/mmp_to_yaml.py) and a generated 2,000-organization
# / 20,000-edge dataset. Needs chromium and puppeteer-core in $ACTORGRAPH_NODE_DIR (see
# .ci/run). Not part of CI.
#
#   bench/html.sh                  # 3 runs per page, the median reported
#   RUNS=5 BIN=target/debug/actorgraph bench/html.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-/tmp/bench-data/html}
RUNS=${RUNS:-3}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export ACTORGRAPH_NODE_DIR="${ACTORGRAPH_NODE_DIR:-${HOME:-/tmp}/.cache/actorgraph-node}"
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet --bin actorgraph --example gen_dataset
    BIN=target/release/actorgraph
fi
GEN=$(dirname "$BIN")/examples/gen_dataset
[ -x "$GEN" ] || cargo build --quiet --example gen_dataset
[ -x "$GEN" ] || GEN=target/debug/examples/gen_dataset
mkdir -p "$DATA/mmp"
[ -d "$DATA/large" ] || "$GEN" --orgs 2000 --edges 20000 --files 10 --seed 1 --out "$DATA/large" >/dev/null
if [ -f ../shared/realdata/mmp-relationships.csv ]; then
    python3 bench/mmp_to_yaml.py ../shared/realdata/mmp-relationships.csv "$DATA/mmp/mmp.yaml"
fi

printf '| dataset | orgs | edges | HTML | JSON | HTML/JSON | export s | first frame ms (median of %s) | interactive ms | JS heap MB |\n' "$RUNS"
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for name in graphs mmp large; do
    case $name in graphs) src=graphs ;; *) src=$DATA/$name ;; esac
    [ -e "$src" ] || continue
    start=$(date +%s.%N)
    "$BIN" export "$src" -f html -o "$DATA/$name.html" 2>/dev/null
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    "$BIN" export "$src" -f json -o "$DATA/$name.json" 2>/dev/null
    counts=$(python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(len(d['organizations']), len(d['edges']))" "$DATA/$name.json")
    html=$(stat -c %s "$DATA/$name.html")
    json=$(stat -c %s "$DATA/$name.json")
    pages=()
    for _ in $(seq "$RUNS"); do pages+=("$DATA/$name.html"); done
    node tests/interop/check_html.mjs "$CHROMIUM" "${pages[@]}" > "$DATA/$name.reports"
    python3 - "$name" "$counts" "$html" "$json" "$secs" "$DATA/$name.reports" <<'PY'
import json, statistics, sys
name, counts, html, json_size, secs, reports = sys.argv[1:]
rs = [json.loads(l) for l in open(reports)]
frame = statistics.median(r["firstFrameMs"] for r in rs)
ready = statistics.median(r["readyMs"] for r in rs)
heap = statistics.median(r["jsHeapUsedMB"] for r in rs)
orgs, edges = counts.split()
mb = lambda b: f"{int(b) / 1e6:.2f} MB"
print(f"| {name} | {orgs} | {edges} | {mb(html)} | {mb(json_size)} | {int(html) / int(json_size):.2f} | {float(secs):.2f} | {frame:.0f} | {ready:.0f} | {heap} |")
PY
done
echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $("$CHROMIUM" --version 2>/dev/null | head -1)"
