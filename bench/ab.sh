#!/usr/bin/env bash
# Before/after comparison of two actorgraph binaries, run alternately on the same data so
# a busy machine slows both alike: median wall time, CPU time (user + system) and peak
# RSS of validate and each batched export, per dataset.
#
#   bench/ab.sh OLD_BINARY NEW_BINARY            # datasets of bench/run.sh under DATA
#   RUNS=9 SIZES="medium" bench/ab.sh old new
#
# The datasets must exist: bench/run.sh generates them (DATA, default /tmp/bench-data).
set -euo pipefail

DATA=${DATA:-/tmp/bench-data}
RUNS=${RUNS:-5}
SIZES=${SIZES:-medium errors}
old=$1 new=$2
log=$(mktemp)
trap 'rm -f "$log" "$log.t"' EXIT

for size in $SIZES; do
    for cmd in "validate" "export --format graphml" "export --format dot" "export --format json"; do
        for _ in $(seq "$RUNS"); do
            for side in old new; do
                # shellcheck disable=SC2086
                /usr/bin/time -f "%e %U %S %M" -o "$log.t" "${!side}" $cmd "$DATA/$size" \
                    >/dev/null 2>&1 || true
                echo "$size|$cmd|$side $(tail -n 1 "$log.t")" >>"$log"
            done
        done
    done
done

python3 - "$log" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    key, wall, user, system, kb = line.rsplit(" ", 4)
    runs[key].append((float(wall), float(user) + float(system), int(kb)))
print("| dataset | command | side | wall s | CPU s | peak MB |")
print("|---|---|---|---|---|---|")
for key, v in runs.items():
    size, cmd, side = key.split("|")
    med = lambda i: statistics.median(x[i] for x in v)
    print(f"| {size} | {cmd} | {side} | {med(0):.2f} | {med(1):.2f} | {med(2) / 1024:.0f} |")
PY
