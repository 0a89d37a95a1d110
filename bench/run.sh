#!/usr/bin/env bash
# End-to-end benchmark: generate the datasets, then time the parse-only floor, `validate`
# and each export on each, printing one table (median wall time of RUNS runs, MB/s, peak
# RSS, peak RSS / size on disk, time / parse-only floor on 2 threads).
#
#   bench/run.sh                         # small medium large files1000 errors, 3 runs each
#   SIZES="small medium" RUNS=5 bench/run.sh
#   PY_BASELINE=../shared/bench/py_baseline.py PY_SIZES="medium large" bench/run.sh
#
# DATA (default /tmp/bench-data) holds the generated data; never the repository. With
# PY_BASELINE set, that script (load + validate + GraphML in Python) is timed once per
# size in PY_SIZES, in the same run. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

DATA=${DATA:-/tmp/bench-data}
RUNS=${RUNS:-3}
SIZES=${SIZES:-small medium large files1000 errors}
PY_SIZES=${PY_SIZES:-}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
BIN=$CARGO_TARGET_DIR/release

cargo build --release --quiet --bin actorgraph --example gen_dataset --example parse_only

# Arguments of the generator for each size (the shapes of gen_dataset.py's sizes).
gen_args() {
    case $1 in
        small) echo "--orgs 1000 --edges 5000 --files 10" ;;
        medium) echo "--orgs 10000 --edges 100000 --files 50" ;;
        large) echo "--orgs 50000 --edges 500000 --files 100" ;;
        files1000) echo "--orgs 10000 --edges 100000 --files 1000" ;;
        errors) echo "--orgs 10000 --edges 100000 --files 50 --inject-errors 10000" ;;
        *) echo "unknown size $1" >&2; exit 2 ;;
    esac
}

generate() {
    local dir=$DATA/$1 args
    args="$(gen_args "$1") --seed 1"
    if [ "$(cat "$dir/.args" 2>/dev/null)" != "$args" ]; then
        rm -rf "$dir"
        # shellcheck disable=SC2086
        "$BIN/examples/gen_dataset" $args --out "$dir" >/dev/null
        echo "$args" >"$dir/.args"
    fi
}

# Runs "$@" N times; prints "median-seconds median-peak-KB".
measure() {
    local n=$1; shift
    : >"$DATA/.runs"
    for _ in $(seq "$n"); do
        /usr/bin/time -f "%e %M" -o "$DATA/.time" "$@" >/dev/null 2>&1 || true
        tail -n 1 "$DATA/.time" >>"$DATA/.runs"
    done
    echo "$(median 1) $(median 2)"
}

median() { # column of $DATA/.runs
    cut -d' ' -f"$1" "$DATA/.runs" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

row() { # size bytes command-label floor seconds kb
    awk -v size="$1" -v bytes="$2" -v cmd="$3" -v floor="$4" -v s="$5" -v kb="$6" 'BEGIN {
        mb = bytes / 1e6
        printf "| %-9s | %7.1f | %-22s | %7.2f | %6.1f | %7.0f | %5.2f | %6s |\n",
            size, mb, cmd, s, mb / s, kb / 1024, kb * 1024 / bytes,
            (floor > 0 ? sprintf("%.2f", s / floor) : "-") }'
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); runs: $RUNS (medians)"
echo
echo "| dataset   |      MB | command                |  time s |   MB/s | peak MB | ×size | ×floor |"
echo "|-----------|---------|------------------------|---------|--------|---------|-------|--------|"
for size in $SIZES; do
    generate "$size"
    dir=$DATA/$size
    bytes=$(find "$dir" -name '*.y*ml' -printf '%s\n' | awk '{ s += $1 } END { print s }')
    read -r s1 kb1 < <(measure "$RUNS" "$BIN/examples/parse_only" --threads 1 "$dir")
    row "$size" "$bytes" "parse-only, 1 thread" 0 "$s1" "$kb1"
    read -r floor kb < <(measure "$RUNS" "$BIN/examples/parse_only" --threads 2 "$dir")
    row "$size" "$bytes" "parse-only, 2 threads" "$floor" "$floor" "$kb"
    read -r s kb < <(measure "$RUNS" "$BIN/actorgraph" validate "$dir")
    row "$size" "$bytes" "validate" "$floor" "$s" "$kb"
    for format in graphml dot json; do
        read -r s kb < <(measure "$RUNS" "$BIN/actorgraph" export "$dir" --format "$format" -o "$DATA/out.$format")
        row "$size" "$bytes" "export $format" "$floor" "$s" "$kb"
    done
    if [ -n "${PY_BASELINE:-}" ] && [[ " $PY_SIZES " == *" $size "* ]]; then
        read -r s kb < <(measure 1 python3 "$PY_BASELINE" "$dir" --stage graphml --out "$DATA/py")
        row "$size" "$bytes" "python baseline graphml" "$floor" "$s" "$kb"
    fi
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
