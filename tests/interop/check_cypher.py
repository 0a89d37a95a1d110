#!/usr/bin/env python3
"""Loads `actorgraph export -f cypher` into an embedded engine, twice, and checks the
graph against the JSON export of the same dataset: node counts per label, relationship
counts per type, every citation's quote, locator and side, and that the second load
changed nothing.

Engines: `ladybug` (PyPI `ladybug`, in the Kùzu line; the script of `--dialect kuzu`,
run whole) and `falkordb` (PyPI `falkordblite`, Python 3.12 or later; the script of
`--dialect falkordb`, run statement by statement: a statement ends with a line ending
in `;`, which no row line does, and on the second run FalkorDB's "already indexed" for
the index statements is expected).

Usage: check_cypher.py ENGINE SCRIPT.cypher DATASET.json [--timing]
Exits non-zero with a message on the first mismatch.
"""

import json
import sys
import time



class Ladybug:
    rel_label = "label(e)"
    as_text = "CAST({} AS STRING)"

    def __init__(self):
        import ladybug

        self.conn = ladybug.Connection(ladybug.Database(":memory:"))

    def run_script(self, script):
        self.conn.execute(script)

    def rows(self, query):
        result = self.conn.execute(query)
        if isinstance(result, list):
            result = result[-1]
        out = []
        while result.has_next():
            out.append(tuple(result.get_next()))
        return out


class Falkor:
    rel_label = "type(e)"
    as_text = "toString({})"

    def __init__(self):
        import tempfile

        from redislite.falkordb_client import FalkorDB

        self.dir = tempfile.TemporaryDirectory()
        self.graph = FalkorDB(self.dir.name + "/g.db").select_graph("g")

    def run_script(self, script):
        statement = []
        for line in script.split("\n"):
            if line.startswith("//") or not line:
                continue
            statement.append(line)
            if line.endswith(";"):
                text = "\n".join(statement)[:-1]
                statement = []
                try:
                    self.graph.query(text)
                except Exception as e:  # noqa: BLE001 - the one expected failure
                    if not (text.startswith("CREATE INDEX") and "already indexed" in str(e)):
                        raise

    def rows(self, query):
        return [tuple(r) for r in self.graph.query(query).result_set]


ENGINES = {"ladybug": Ladybug, "falkordb": Falkor}


def rel_type(name):
    return name.replace("-", "_").replace(".", "_").upper()


def snapshot(db):
    """Everything the checks compare between the first and the second load."""
    earliest, latest = db.as_text.format("e.earliest"), db.as_text.format("e.latest")
    return {
        "orgs": sorted(db.rows("MATCH (o:Organization) RETURN o.id, o.name, o.aliases, o.notes")),
        "sources": sorted(db.rows("MATCH (s:Source) RETURN s.id, s.title, s.url"), key=repr),
        "edges": sorted(
            db.rows(
                "MATCH (a:Organization)-[e]->(b:Organization) "
                f"RETURN {db.rel_label}, e.id, a.id, b.id, e.relation, e.date, e.start, e.`end`, "
                f"{earliest}, {latest}, e.disputed, e.confidence, e.quotes",
            ),
            key=repr,
        ),
        "citations": sorted(
            db.rows(
                "MATCH (c:Citation)-[:CITES]->(s:Source) "
                "RETURN c.id, c.edge, c.side, c.position, s.id, c.quote, c.locator",
            ),
            key=repr,
        ),
    }


def expected(dataset):
    per_type = {}
    citations = []
    for e in dataset["edges"]:
        per_type[rel_type(e["relation"])] = per_type.get(rel_type(e["relation"]), 0) + 1
        for side, key in (("supporting", "sources"), ("disputing", "disputed_by")):
            for n, c in enumerate(e[key]):
                citations.append((side, str(n), c["ref"], c.get("quote"), c.get("locator")))
    return per_type, sorted(citations, key=repr)


def fail(message):
    sys.exit(f"check_cypher: {message}")


def check_grades(db, dataset):
    """A graded dataset's grades are on its :Source and :Citation nodes (an ungraded one's
    script declares no grade property, which Kùzu would refuse to query)."""
    reliability = {s["id"]: s.get("reliability") for s in dataset["sources"]}
    credibility = sorted(
        (
            (side, str(n), c["ref"], str(c["credibility"]) if "credibility" in c else None)
            for e in dataset["edges"]
            for side, key in (("supporting", "sources"), ("disputing", "disputed_by"))
            for n, c in enumerate(e[key])
        ),
        key=repr,
    )
    if all(r is None for r in reliability.values()) and all(c[3] is None for c in credibility):
        return
    got = dict(db.rows("MATCH (s:Source) RETURN s.id, s.reliability"))
    if got != reliability:
        fail(f"sources' reliability {got}, expected {reliability}")
    got = sorted(
        (
            tuple(r)
            for r in db.rows(
                "MATCH (c:Citation)-[:CITES]->(s:Source) RETURN c.side, c.position, s.id, c.credibility"
            )
        ),
        key=repr,
    )
    if got != credibility:
        fail(f"citations' credibility {got}, expected {credibility}")


def main():
    engine, script_path, json_path = sys.argv[1], sys.argv[2], sys.argv[3]
    timing = "--timing" in sys.argv
    with open(script_path, encoding="utf-8") as f:
        script = f.read()
    with open(json_path, encoding="utf-8") as f:
        dataset = json.load(f)
    db = ENGINES[engine]()
    started = time.perf_counter()
    db.run_script(script)
    elapsed = time.perf_counter() - started
    first = snapshot(db)

    if len(first["orgs"]) != len(dataset["organizations"]):
        fail(f"{len(first['orgs'])} organizations, expected {len(dataset['organizations'])}")
    names = {o["id"]: o["name"] for o in dataset["organizations"]}
    for oid, name, _aliases, _notes in first["orgs"]:
        if names.get(oid) != name:
            fail(f"organization {oid!r}: name {name!r}, expected {names.get(oid)!r}")
    if len(first["sources"]) != len(dataset["sources"]):
        fail(f"{len(first['sources'])} sources, expected {len(dataset['sources'])}")
    per_type, citations = expected(dataset)
    got_types = {}
    for row in first["edges"]:
        got_types[row[0]] = got_types.get(row[0], 0) + 1
    if got_types != per_type:
        fail(f"relationships per type {got_types}, expected {per_type}")
    ids = {row[1] for row in first["edges"]}
    if len(ids) != len(first["edges"]):
        fail("two relationships share an id")
    got_citations = sorted(((c[2], c[3], c[4], c[5], c[6]) for c in first["citations"]), key=repr)
    if got_citations != citations:
        missing = [c for c in citations if c not in got_citations][:3]
        fail(f"{len(got_citations)} citations, expected {len(citations)}; e.g. missing {missing}")
    for c in first["citations"]:
        if c[1] not in ids:
            fail(f"citation {c[0]!r} names edge {c[1]!r}, which is not a relationship id")

    check_grades(db, dataset)
    db.run_script(script)
    if snapshot(db) != first:
        fail("loading the script a second time changed the graph")
    print(
        f"ok ({engine}): {len(first['orgs'])} organizations, {len(first['sources'])} sources, "
        f"{len(first['edges'])} relationships, {len(first['citations'])} citations"
    )
    if timing:
        print(f"load time: {elapsed:.2f} s")


if __name__ == "__main__":
    main()
