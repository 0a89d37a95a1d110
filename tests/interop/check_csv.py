#!/usr/bin/env python3
"""Read an actorgraph CSV export (`export -f csv -o DIR`) as Gephi and Kumu would.

Usage: check_csv.py DIR NODES EDGES

With Python's csv module (the RFC 4180 dialect spreadsheets share) and networkx: every
file parses; organizations.csv has Gephi's `Id` and `Label` and Kumu's `Label`; edges.csv
has Gephi's `Source`, `Target` (node ids) and `Type` (Directed/Undirected), and Kumu's
`From`, `To` (node labels, which Kumu matches connections by) and `Direction`; list cells
are JSON; a networkx graph built from Source/Target has NODES nodes and EDGES edges.
Run by tests/it/interop.rs; exits non-zero with a message on any failure.
"""

import csv
import json
import os
import sys

import networkx


def fail(message):
    print(f"check_csv: {message}", file=sys.stderr)
    sys.exit(1)


def read(directory, name):
    with open(os.path.join(directory, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    directory, nodes, edges = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    orgs = read(directory, "organizations.csv")
    links = read(directory, "edges.csv")
    read(directory, "sources.csv")
    read(directory, "edge_types.csv")
    labels = {}
    for o in orgs:
        if not o["Id"] or not o["Label"]:
            fail(f"organization without Id or Label: {o}")
        labels[o["Id"]] = o["Label"]
        if o["aliases"] and not isinstance(json.loads(o["aliases"]), list):
            fail(f"aliases are not a JSON list: {o['aliases']!r}")
    graph = networkx.MultiDiGraph()
    graph.add_nodes_from(labels)
    for e in links:
        if e["Source"] not in labels or e["Target"] not in labels:
            fail(f"edge endpoint is no node Id: {e['Source']} -> {e['Target']}")
        if (e["From"], e["To"]) != (labels[e["Source"]], labels[e["Target"]]):
            fail(f"From/To are not the endpoints' labels: {e}")
        if e["Type"] not in ("Directed", "Undirected") or e["Direction"] not in ("directed", "undirected"):
            fail(f"bad Type/Direction: {e['Type']!r} {e['Direction']!r}")
        citations = json.loads(e["citations"])
        if not citations or not all(isinstance(c, (str, dict)) for c in citations):
            fail(f"citations are not a non-empty JSON list: {e['citations']!r}")
        graph.add_edge(e["Source"], e["Target"], relation=e["relation"])
    if graph.number_of_nodes() != nodes or graph.number_of_edges() != edges:
        fail(f"networkx sees {graph.number_of_nodes()} nodes and {graph.number_of_edges()} edges, "
             f"expected {nodes} and {edges}")


if __name__ == "__main__":
    main()
