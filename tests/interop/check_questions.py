"""networkx's answers against `actorgraph stats` and `actorgraph path` on one dataset
(tests/it/interop/questions.rs).

Arguments: SCHEMA_DIR EXPORT.json STATS.json PATH.json...

- The JSON outputs validate against schema/actorgraph-{stats,path}-1.schema.json.
- Betweenness: networkx's betweenness_centrality(G) with default arguments, on the
  undirected simple graph of the export's edges with every organization a node, equals
  actorgraph's within 1e-9 for every organization.
- Weak components: the same partition of the organizations, sizes largest first.
- Paths: the length of every answer equals networkx's shortest path length (on the
  undirected graph, or with --directed on the directed graph where directed types go
  from -> to and undirected types both ways), None when networkx finds no path, or none
  within --max-length; every path listed is a shortest path that networkx also lists; with
  --all the number listed is networkx's count (at most the cap, `capped` saying when more).
"""

import json
import sys

import jsonschema
import networkx as nx


def validate(doc, schema_dir, name):
    with open(f"{schema_dir}/actorgraph-{name}-1.schema.json") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(doc, schema, cls=jsonschema.Draft202012Validator)


def graphs(export):
    undirected = nx.Graph()
    directed = nx.DiGraph()
    for o in export["organizations"]:
        undirected.add_node(o["id"])
        directed.add_node(o["id"])
    for e in export["edges"]:
        undirected.add_edge(e["from"], e["to"])
        directed.add_edge(e["from"], e["to"])
        if not e["directed"]:
            directed.add_edge(e["to"], e["from"])
    return undirected, directed


def check_stats(stats, g):
    ours = {o["id"]: o["betweenness"] for o in stats["organizations"]}
    theirs = nx.betweenness_centrality(g)
    assert set(ours) == set(theirs), "different organizations"
    worst = max((abs(ours[n] - theirs[n]), n) for n in theirs) if theirs else (0, None)
    assert worst[0] <= 1e-9, f"betweenness of {worst[1]}: {ours[worst[1]]} vs {theirs[worst[1]]}"
    parts = {}
    for o in stats["organizations"]:
        parts.setdefault(o["component"], set()).add(o["id"])
    ours_parts = sorted(map(sorted, parts.values()))
    theirs_parts = sorted(map(sorted, nx.connected_components(g)))
    assert ours_parts == theirs_parts, "components differ"
    sizes = sorted((len(p) for p in theirs_parts), reverse=True)
    assert stats["components"]["sizes"] == sizes, "component sizes"
    assert stats["size"]["linked_pairs"] == g.number_of_edges()
    return worst[0]


def check_path(answer, g):
    source, target = answer["from"]["id"], answer["to"]["id"]
    try:
        length = nx.shortest_path_length(g, source, target)
    except nx.NetworkXNoPath:
        length = None
    limit = answer["max_length"]
    if length is not None and limit is not None and length > limit:
        length = None
    assert answer["length"] == length, f"{source}->{target}: {answer['length']} vs {length}"
    assert answer["found"] == (length is not None)
    if length is None:
        assert answer["paths"] == []
        return
    every = sorted(nx.all_shortest_paths(g, source, target))
    listed = [p["organizations"] for p in answer["paths"]]
    assert listed == sorted(listed), "paths not in id order"
    assert listed[0] == every[0], "the first path is not the first in id order"
    assert all(p in every for p in listed), "a listed path is not shortest"
    if answer["all"]:
        expected = min(len(every), answer["cap"])
        assert len(listed) == expected, f"{len(listed)} paths of {len(every)}"
        assert answer["capped"] == (len(every) > answer["cap"])
    for p in answer["paths"]:
        for step in p["steps"]:
            assert g.has_edge(step["from"], step["to"]), "a step with no edge"


def main(schema_dir, export_path, stats_path, *paths):
    export = json.load(open(export_path))
    undirected, directed = graphs(export)
    stats = json.load(open(stats_path))
    validate(stats, schema_dir, "stats")
    worst = check_stats(stats, undirected)
    found = 0
    for path in paths:
        answer = json.load(open(path))
        validate(answer, schema_dir, "path")
        check_path(answer, directed if answer["directed"] else undirected)
        found += answer["found"]
    print(
        f"{undirected.number_of_nodes()} nodes, {undirected.number_of_edges()} pairs: "
        f"betweenness within {worst:.1e}; {found} of {len(paths)} path queries found a path"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
