"""networkx's side of bench/questions.sh: the graph of actorgraph's JSON export (every
organization a node, every edge joining its two ends, direction and parallel edges
collapsed, as `stats` does), betweenness with K sampled sources, and the shortest path
between the two organizations `path` was asked about.

Prints one line: load-and-build seconds, betweenness seconds, shortest-path seconds, and
whether the path length equals actorgraph's ("same length" / "differs").
"""

import json
import sys
import time

import networkx as nx


def main(export, stats, path, k):
    start = time.perf_counter()
    data = json.load(open(export))
    graph = nx.Graph()
    graph.add_nodes_from(o["id"] for o in data["organizations"])
    graph.add_edges_from((e["from"], e["to"]) for e in data["edges"])
    loaded = time.perf_counter() - start

    start = time.perf_counter()
    nx.betweenness_centrality(graph, k=min(k, len(graph)), seed=1)
    between = time.perf_counter() - start

    ours = json.load(open(path))
    start = time.perf_counter()
    try:
        length = nx.shortest_path_length(graph, ours["from"]["id"], ours["to"]["id"])
    except nx.NetworkXNoPath:
        length = None
    shortest = time.perf_counter() - start
    agree = "same length" if length == ours["length"] else "differs"
    print(f"{loaded:.1f} {between:.1f} {shortest:.2f} {agree.replace(' ', '_')}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
