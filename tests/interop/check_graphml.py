#!/usr/bin/env python3
"""Load an actorgraph GraphML export with networkx and igraph and check what they see.

Usage: check_graphml.py FILE NODES EDGES

Asserts that both libraries read FILE, find NODES nodes and EDGES edges, and that every
edge carries `relation` (str), `directed` (bool) and `disputed` (bool), and every node
`name` (str), and grades, where given, well formed. Run by tests/it/interop.rs; exits non-zero with a message on any failure.
"""

import json
import re
import sys

import igraph
import networkx


def fail(message):
    print(f"check_graphml: {message}", file=sys.stderr)
    sys.exit(1)


def check_edge_attrs(library, attrs):
    if not isinstance(attrs.get("relation"), str) or not attrs["relation"]:
        fail(f"{library}: edge without a string `relation`: {attrs}")
    for key in ("directed", "disputed"):
        if not isinstance(attrs.get(key), bool):
            fail(f"{library}: edge `{key}` is not a bool: {attrs.get(key)!r} in {attrs}")
    if "type" in attrs:
        fail(f"{library}: edge has a `type` attribute: {attrs}")
    check_grades(library, attrs)


GRADE = re.compile(r"^[^:]+:(?:[A-F][1-6]?|[1-6])$")


def check_grades(library, attrs):
    """Grades, where present: a letter, a digit, and JSON lists of `source-id:B2`
    (igraph gives an absent string attribute as '')."""
    attrs = {k: v for k, v in attrs.items() if v not in ("", None)}
    if attrs.get("reliability") not in (None, "A", "B", "C", "D", "E", "F"):
        fail(f"{library}: edge `reliability` {attrs['reliability']!r}")
    if attrs.get("credibility") not in (None, "1", "2", "3", "4", "5", "6"):
        fail(f"{library}: edge `credibility` {attrs['credibility']!r}")
    for key in ("grades", "disputed_by_grades"):
        if attrs.get(key) is not None:
            items = json.loads(attrs[key])
            if not items or not all(isinstance(g, str) and GRADE.match(g) for g in items):
                fail(f"{library}: edge `{key}` {attrs[key]!r}")


def main():
    if len(sys.argv) != 4:
        fail(__doc__.strip().splitlines()[2])
    path, nodes, edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

    g = networkx.read_graphml(path)
    if not g.is_directed():
        fail("networkx: graph is not directed")
    if (g.number_of_nodes(), g.number_of_edges()) != (nodes, edges):
        fail(f"networkx: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges; "
             f"expected {nodes}, {edges}")
    for node, attrs in g.nodes(data=True):
        if not isinstance(attrs.get("name"), str):
            fail(f"networkx: node {node} without a string `name`: {attrs}")
    for _, _, attrs in g.edges(data=True):
        check_edge_attrs("networkx", attrs)

    h = igraph.Graph.Read_GraphML(path)
    if not h.is_directed():
        fail("igraph: graph is not directed")
    if (h.vcount(), h.ecount()) != (nodes, edges):
        fail(f"igraph: {h.vcount()} nodes, {h.ecount()} edges; expected {nodes}, {edges}")
    for v in h.vs:
        if not isinstance(v["name"], str):
            fail(f"igraph: node {v['id']} without a string `name`")
    for e in h.es:
        check_edge_attrs("igraph", e.attributes())

    nx_relations = sorted(a["relation"] for _, _, a in g.edges(data=True))
    ig_relations = sorted(e["relation"] for e in h.es)
    if nx_relations != ig_relations:
        fail(f"networkx and igraph disagree on relations: {nx_relations} vs {ig_relations}")
    print(f"check_graphml: {path}: {nodes} nodes, {edges} edges OK in networkx and igraph")


if __name__ == "__main__":
    main()
