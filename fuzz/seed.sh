#!/usr/bin/env bash
# Seeds the fuzz corpora from the repository's own fixtures (the corpora are not committed).
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/load corpus/date corpus/export
find ../tests/fixtures ../graphs -name '*.yaml' -print0 |
    while IFS= read -r -d '' f; do
        cp "$f" "corpus/load/$(echo "${f#../}" | tr / _)"
    done
i=0
for d in 2015 2015-08 2015-08-11 201X 19XX 2015-XX 2015? 2015-08~ 2015-08-11% 2016-02-29 201X-02-29 XXXX 0000 9999-12-31; do
    printf '%s' "$d" > "corpus/date/seed-$i"
    i=$((i + 1))
done
