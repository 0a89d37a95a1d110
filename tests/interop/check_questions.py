"""networkx's answers against `actorgraph stats` and `actorgraph path` on one dataset
(tests/it/interop/questions.rs).

Arguments: SCHEMA_DIR EXPORT.json EXPORT-B3.json STATS.json PATH.json...
(EXPORT-B3.json: `export -f json --min-reliability B --min-credibility 3`)

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
- Graded evidence: `evidence.grades` (citations per grade, supporting and disputing, by
  their source's reliability and their own credibility; edges per best supporting grade;
  graded citations; weak and ungraded edges) equals what is recounted here from the
  export's `reliability` on sources and `credibility` on citations; and the weak and
  ungraded edges are exactly those the B3 export leaves out.
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


LETTERS = "ABCDEF"
DIGITS = "123456"


def per_grade():
    return {
        "reliability": {k: 0 for k in [*LETTERS, "none"]},
        "credibility": {k: 0 for k in [*DIGITS, "none"]},
    }


def add(per, reliability, credibility):
    per["reliability"][reliability or "none"] += 1
    per["credibility"][str(credibility) if credibility is not None else "none"] += 1


def strong(reliability, credibility):
    """A citation graded B3 or better on both scales."""
    return reliability in ("A", "B") and credibility in (1, 2, 3)


def grades(export):
    """`evidence.grades` recounted from the export alone."""
    reliability = {s["id"]: s.get("reliability") for s in export["sources"]}
    out = {
        "graded_citations": 0,
        "supporting_citations": per_grade(),
        "disputing_citations": per_grade(),
        "edges_by_best_grade": per_grade(),
        "weak_edges": [],
        "ungraded_edges": [],
    }
    for e in export["edges"]:
        for key, field in (("supporting_citations", "sources"), ("disputing_citations", "disputed_by")):
            for c in e[field]:
                r, cr = reliability[c["ref"]], c.get("credibility")
                add(out[key], r, cr)
                out["graded_citations"] += r is not None or cr is not None
        graded = [(reliability[c["ref"]], c.get("credibility")) for c in e["sources"]]
        best_r = min((r for r, _ in graded if r is not None), default=None)
        best_c = min((cr for _, cr in graded if cr is not None), default=None)
        add(out["edges_by_best_grade"], best_r, best_c)
        if best_r is None and best_c is None:
            out["ungraded_edges"].append(e["id"])
        elif not any(strong(r, cr) for r, cr in graded):
            out["weak_edges"].append(e["id"])
    return out


def check_grades(stats, export, b3):
    ours = stats["evidence"]["grades"]
    theirs = grades(export)
    assert ours["weak_threshold"] == "B3"
    for key in ("graded_citations", "supporting_citations", "disputing_citations", "edges_by_best_grade"):
        assert ours[key] == theirs[key], f"{key}: {ours[key]} vs {theirs[key]}"
    for key in ("weak_edges", "ungraded_edges"):
        assert len(set(ours[key])) == len(ours[key]), f"{key} repeats an edge"
        assert set(ours[key]) == set(theirs[key]), f"{key}: {sorted(set(ours[key]) ^ set(theirs[key]))}"
    dropped = {e["id"] for e in export["edges"]} - {e["id"] for e in b3["edges"]}
    assert {e["id"] for e in b3["edges"]} <= {e["id"] for e in export["edges"]}
    weak_or_ungraded = set(ours["weak_edges"]) | set(ours["ungraded_edges"])
    assert dropped == weak_or_ungraded, f"B3 drops {sorted(dropped ^ weak_or_ungraded)} differently"
    return theirs


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


def main(schema_dir, export_path, b3_path, stats_path, *paths):
    export = json.load(open(export_path))
    undirected, directed = graphs(export)
    stats = json.load(open(stats_path))
    validate(stats, schema_dir, "stats")
    worst = check_stats(stats, undirected)
    graded = check_grades(stats, export, json.load(open(b3_path)))
    found = 0
    for path in paths:
        answer = json.load(open(path))
        validate(answer, schema_dir, "path")
        check_path(answer, directed if answer["directed"] else undirected)
        found += answer["found"]
    print(
        f"{undirected.number_of_nodes()} nodes, {undirected.number_of_edges()} pairs: "
        f"betweenness within {worst:.1e}; {found} of {len(paths)} path queries found a path; "
        f"{graded['graded_citations']} graded citations, {len(graded['weak_edges'])} weak and "
        f"{len(graded['ungraded_edges'])} ungraded of {len(export['edges'])} edges"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
