#!/usr/bin/env bash
# Import benchmark: a ROWS-row MMP-shaped CSV (bench/gen_table.py), imported with
# `actorgraph import --preset mmp` (release build), side by side with pandas `read_csv` of
# the same file in the same run. Prints median wall time and peak RSS of RUNS runs each.
#
#   bench/import.sh                  # 100,000 rows, 3 runs
#   ROWS=20000 RUNS=5 bench/import.sh
#
# Needs python3 with pandas (pip install pandas). DATA (default /tmp/bench-import) holds
# the table and outputs; never the repository. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-100000}
RUNS=${RUNS:-3}
DATA=${DATA:-/tmp/bench-import}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
BIN=$CARGO_TARGET_DIR/release/actorgraph

cargo build --release --quiet --bin actorgraph
mkdir -p "$DATA"
TABLE=$DATA/table-$ROWS.csv
[ -f "$TABLE" ] || python3 bench/gen_table.py "$ROWS" "$TABLE"

# Runs "$@" RUNS times; prints "median-seconds median-peak-MB".
measure() {
    : >"$DATA/.runs"
    for _ in $(seq "$RUNS"); do
        rm -rf "$DATA/out"
        /usr/bin/time -f "%e %M" -o "$DATA/.time" "$@" >/dev/null 2>&1 || true
        tail -n 1 "$DATA/.time" >>"$DATA/.runs"
    done
    local t m
    t=$(cut -d' ' -f1 "$DATA/.runs" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    m=$(cut -d' ' -f2 "$DATA/.runs" | sort -n | awk '{ v[NR] = $1 } END { printf "%.0f", v[int((NR + 1) / 2)] / 1024 }')
    echo "$t $m"
}

size=$(du -m "$TABLE" | cut -f1)
echo "table: $TABLE ($ROWS rows, $size MB); $RUNS runs each; $(nproc) cores"
printf '%-44s %10s %12s\n' "command" "time (s)" "peak (MB)"
read -r t m < <(measure "$BIN" import "$TABLE" --preset mmp --out "$DATA/out")
printf '%-44s %10s %12s\n' "actorgraph import --preset mmp" "$t" "$m"
read -r t m < <(measure "$BIN" import "$TABLE" --preset mmp --out "$DATA/out" --format json)
printf '%-44s %10s %12s\n' "actorgraph import --preset mmp --format json" "$t" "$m"
read -r t m < <(measure python3 -c "import pandas, sys; df = pandas.read_csv(sys.argv[1]); print(len(df))" "$TABLE")
printf '%-44s %10s %12s\n' "pandas.read_csv" "$t" "$m"
read -r t m < <(measure python3 -c "pass")
printf '%-44s %10s %12s\n' "python3 -c pass (interpreter start)" "$t" "$m"
