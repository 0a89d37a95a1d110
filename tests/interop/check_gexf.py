#!/usr/bin/env python3
"""Load an actorgraph GEXF export with networkx and compare it with the JSON export.

Usage: check_gexf.py GEXF JSON

Asserts that networkx reads GEXF as a dynamic directed graph with the same nodes
and edges as JSON (the same dataset exported with `-f json`), that every edge carries
`relation` (str), `directed` and `disputed` (bool) and never `type`, the same id as
in JSON (every edge has one), its disputing sources once each and their quotes
(`disputed_by`, `disputed_by_quotes`, JSON-encoded lists), and that each
node's and edge's time span is the widened EDTF bounds: start = earliest day of
`founded` / `date` / `start`, end = latest day of `dissolved` / `end`, open ends absent.
Run by tests/it/interop.rs; exits non-zero with a message on any failure.
"""

import json
import sys

import networkx


def fail(message):
    print(f"check_gexf: {message}", file=sys.stderr)
    sys.exit(1)


def bound(date, which):
    """The widened day of a JSON date object, clamped to year 1 as the export does."""
    if date is None:
        return None
    day = date[which]
    return "0001-01-01" if day < "0001-01-01" else day


def check_nodes(g, doc):
    orgs = {o["id"]: o for o in doc["organizations"]}
    if set(g.nodes) != set(orgs):
        fail(f"node ids differ: {sorted(set(g.nodes) ^ set(orgs))}")
    for node, attrs in g.nodes(data=True):
        org = orgs[node]
        if attrs.get("name") != org["name"]:
            fail(f"node {node}: name {attrs.get('name')!r}, expected {org['name']!r}")
        expected = (bound(org["founded"], "earliest"), bound(org["dissolved"], "latest"))
        if (attrs.get("start"), attrs.get("end")) != expected:
            fail(f"node {node}: span {attrs.get('start')}..{attrs.get('end')}, expected {expected}")


def check_edges(g, doc):
    edges = {}
    for e in doc["edges"]:
        if not isinstance(e["id"], str) or not e["id"]:
            fail(f"JSON edge without an id: {e}")
        edges[e["id"]] = e
    seen = set()
    for u, v, attrs in g.edges(data=True):
        key = attrs.get("id")
        e = edges.get(key)
        if e is None or (e["from"], e["to"]) != (u, v):
            fail(f"edge {key} {u}->{v} is not in the JSON export")
        seen.add(key)
        if attrs.get("relation") != e["relation"] or "type" in attrs:
            fail(f"edge {key}: relation {attrs.get('relation')!r}, expected {e['relation']!r}")
        for flag in ("directed", "disputed", "possibly_active"):
            if attrs.get(flag) is not e[flag]:
                fail(f"edge {key}: `{flag}` is {attrs.get(flag)!r}, expected {e[flag]!r}")
        check_disputes(key, attrs, e)
        start = bound(e["date"] or e["start"], "earliest")
        end = bound(e["end"], "latest")
        if (attrs.get("start"), attrs.get("end")) != (start, end):
            fail(f"edge {key}: span {attrs.get('start')}..{attrs.get('end')}, expected {start}..{end}")
    if seen != set(edges):
        fail(f"edges missing from the GEXF: {sorted(set(edges) - seen)}")


def check_disputes(key, attrs, e):
    """`disputed_by` names each disputing source once; `disputed_by_quotes` holds every
    disputing citation's quote, in order; both absent when empty."""
    refs = []
    for c in e["disputed_by"]:
        if c["ref"] not in refs:
            refs.append(c["ref"])
    quotes = [c["quote"] for c in e["disputed_by"] if c.get("quote")]
    for name, expected in (("disputed_by", refs), ("disputed_by_quotes", quotes)):
        got = json.loads(attrs[name]) if name in attrs else []
        if got != expected:
            fail(f"edge {key}: `{name}` is {got!r}, expected {expected!r}")


def main():
    if len(sys.argv) != 3:
        fail(__doc__.strip().splitlines()[2])
    g = networkx.read_gexf(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = json.load(f)
    if not g.is_directed():
        fail("networkx: not a directed graph")
    if g.graph.get("mode") != "dynamic":
        fail(f"networkx: graph mode {g.graph.get('mode')!r}, expected 'dynamic'")
    check_nodes(g, doc)
    check_edges(g, doc)
    print(f"check_gexf: {sys.argv[1]}: {g.number_of_nodes()} nodes, "
          f"{g.number_of_edges()} edges agree with the JSON export")


if __name__ == "__main__":
    main()
