#!/usr/bin/env python3
"""Converts ../shared/realdata/mmp-relationships.csv (Stanford's Mapping Militant
Organizations relationships) into one actorgraph YAML file, for the HTML benchmark only
(bench/html.sh): a real network of MMP's size and shape. Not used by any test.

usage: bench/mmp_to_yaml.py CSV OUT.yaml
"""
import csv
import json
import re
import sys

TYPES = {  # MMP code -> (edge type, swap endpoints)
    "all": ("alliance", False),
    "aff": ("affiliation", False),
    "mer": ("merger", False),
    "riv": ("rivalry", False),
    "spl": ("splinter", True),  # MMP lists the parent first; splinter goes child -> parent
}
MOJIBAKE = {"\x92": "\u2019", "\x96": "\u2013", "\x93": "\u201c", "\x94": "\u201d", "\x97": "\u2014"}


def clean(s):
    for bad, good in MOJIBAKE.items():
        s = s.replace(bad, good)
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", s).strip()


def date(s):
    s = s.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        y, mo, d = m.groups()
        if mo == "00":
            return y
        return f"{y}-{mo}" if d == "00" else f"{y}-{mo}-{d}"
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2})", s)
    if m:
        mo, d, yy = (int(g) for g in m.groups())
        return f"{1900 + yy if yy > 30 else 2000 + yy}-{mo:02}-{d:02}"
    return None


def q(s):
    return json.dumps(s, ensure_ascii=False)


def main(src, out):
    orgs, edges, seen = {}, [], set()
    with open(src, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b = f"mmp-{row['group1_id'].strip()}", f"mmp-{row['group2_id'].strip()}"
            orgs.setdefault(a, clean(row["group1_name"]) or a)
            orgs.setdefault(b, clean(row["group2_name"]) or b)
            kind, swap = TYPES[row["type"].strip()]
            if swap:
                a, b = b, a
            when = date(row["date"])
            key = (a, b, kind, when) if swap else (min(a, b), max(a, b), kind, when)
            if a == b or key in seen:
                continue
            seen.add(key)
            edges.append((row["unique_id"].strip(), a, b, kind, when, clean(row["description"])))
    lines = [
        "edge_types:",
        "  - {name: alliance, directed: false, label: allied with, color: '#1b9e77'}",
        "  - {name: affiliation, directed: false, label: affiliated with, color: '#7570b3'}",
        "  - {name: merger, directed: false, label: merged with, color: '#e6ab02'}",
        "sources:",
        "  - id: mmp",
        "    title: Mapping Militant Organizations (Stanford University)",
        "    url: https://mappingmilitants.org/",
        "organizations:",
    ]
    for oid, name in sorted(orgs.items()):
        lines += [f"  - id: {oid}", f"    name: {q(name)}"]
    lines.append("edges:")
    for uid, a, b, kind, when, text in edges:
        lines += [f"  - id: mmp-rel-{uid}", f"    from: {a}", f"    to: {b}", f"    type: {kind}"]
        if when:
            lines.append(f"    date: {when}")
        lines += ["    sources:", "      - ref: mmp", f"        locator: {q(uid)}"]
        if text:
            lines.append(f"        quote: {q(text)}")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
