#!/usr/bin/env bash
# `actorgraph stats` (exact betweenness) and `actorgraph path` against networkx on the
# same generated graphs, in the same run: wall time and peak memory (/usr/bin/time) of
# each. networkx's exact betweenness on 50,000 nodes would take hours, so it runs with
# `k` sampled sources (`betweenness_centrality(G, k=K, seed=1)`) and the time for all n
# sources is extrapolated as time × n / K (Brandes' cost is linear in the sources). Needs
# python3 with networkx (see .ci/run). Not part of CI.
#
#   bench/questions.sh                       # medium and large, K=200
#   SIZES=large K=500 bench/questions.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-/tmp/bench-data}
SIZES=${SIZES:-"medium large"}
K=${K:-200}
if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet --bin actorgraph
    BIN=target/release/actorgraph
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# `timed NAME CMD…`: runs CMD, leaving "seconds peak-MiB" in $TMP/NAME.
timed() {
    local name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$TMP/$name.time" "$@"
    awk '{printf "%.1f %.0f", $1, $2 / 1024}' "$TMP/$name.time" >"$TMP/$name"
}
cell() { awk '{printf "%s s, %s MiB", $1, $2}' "$TMP/$1"; }

printf '| dataset | orgs / edges | actorgraph stats (exact) | actorgraph path | path --all | networkx load + build | networkx betweenness k=%s | networkx exact, extrapolated | networkx shortest path |\n' "$K"
printf '|---|---|---|---|---|---|---|---|---|\n'
for size in $SIZES; do
    dir=$DATA/$size
    [ -d "$dir" ] || { echo "no $dir (see docs/performance.md for how to generate it)" >&2; exit 2; }
    timed stats "$BIN" stats "$dir" -f json --quiet >"$TMP/stats.json"
    read -r from to n m < <(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
o = d["organizations"]
print(o[0]["id"], o[-1]["id"], len(o), d["size"]["edges"])' "$TMP/stats.json")
    timed path "$BIN" path "$from" "$to" "$dir" -f json --quiet >"$TMP/path.json" || true
    timed all "$BIN" path "$from" "$to" "$dir" --all -f json --quiet >"$TMP/all.json" || true
    "$BIN" export "$dir" -f json --quiet -o "$TMP/export.json"
    timed nx python3 bench/questions_nx.py "$TMP/export.json" "$TMP/stats.json" "$TMP/path.json" "$K" >"$TMP/nx.txt"
    read -r load bc path_s agree < "$TMP/nx.txt"
    agree=${agree//_/ }
    extrapolated=$(awk -v t="$bc" -v n="$n" -v k="$K" 'BEGIN {printf "%.0f", t * n / k}')
    printf '| %s | %s / %s | %s | %s | %s | %s s | %s s (peak of the script: %s) | ~%s s | %s s (%s) |\n' \
        "$size" "$n" "$m" "$(cell stats)" "$(cell path)" "$(cell all)" "$load" "$bc" \
        "$(awk '{print $2 " MiB"}' "$TMP/nx")" "$extrapolated" "$path_s" "$agree"
done
echo
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
