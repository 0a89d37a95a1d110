#!/usr/bin/env python3
"""Writes a relationships CSV for the import benchmark, shaped like MMP's table:
unique_id, type, group1_id, group2_id, date, description, group1_name, group2_name.

    python3 bench/gen_table.py ROWS OUT.csv [SEED]

Deterministic for a seed. Groups: ROWS / 20 of them, named from word lists (some with
accents and apostrophes); dates alternate m/d/yy and YYYY-MM-00; one row in 50 repeats an
earlier row (a new unique_id), one in 200 carries a Windows-1252 apostrophe (U+0092)."""

import csv
import random
import sys

WORDS = ["Islamic", "Army", "Front", "Brigade", "Movement", "Jamaat", "Ansar", "Liberation",
         "People's", "Mujahideen", "Shura", "Council", "Union", "Party", "Forces", "Al-Qa\u00efda",
         "Hizb", "Tahrir", "Lashkar", "Harakat", "S\u00e3o", "Jund", "Katiba", "Sahel", "Maghreb"]
TYPES = ["all", "aff", "mer", "riv", "spl"]


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    groups = max(10, rows // 20)
    names = {}
    for g in range(1, groups + 1):
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 4))) + f" {g}"
        if g % 200 == 0:
            name = name.replace("'", "\u0092")
        names[g] = name
    written = []
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["unique_id", "type", "group1_id", "group2_id", "date", "description",
                    "group1_name", "group2_name"])
        for i in range(rows):
            if written and i % 50 == 49:
                row = list(rng.choice(written))
                row[0] = str(100000 + i)
            else:
                a = rng.randint(1, groups)
                b = rng.randint(1, groups - 1)
                b = b + 1 if b >= a else b
                year = rng.randint(1970, 2020)
                date = (f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{year % 100:02d}" if i % 2
                        else f"{year}-{rng.randint(0, 12):02d}-00")
                desc = f"Row {i}: {names[a]} and {names[b]} " + " ".join(
                    rng.choice(WORDS) for _ in range(rng.randint(10, 30))) + "."
                row = [str(100000 + i), rng.choice(TYPES), str(a), str(b), date, desc,
                       names[a] + (" " if i % 7 == 0 else ""), names[b]]
                written.append(row)
            w.writerow(row)


if __name__ == "__main__":
    main()
