#!/usr/bin/env python3
"""Checks `actorgraph export -f stix` with the OASIS validator (`stix2-validator`) and
the `stix2` library, against the JSON export of the same dataset: no validation error;
objects per type; every relationship's confidence on STIX's None/Low/Med/High scale;
every supporting quote in the relationship's external references, every disputing
quote as the explanation of a `disagree` opinion by the disputing source; graded
evidence: an edge without `confidence` takes its best credibility on the Admiralty
Credibility scale (`stix2`'s `admiralty_credibility_to_value`), each disputing opinion
its citation's, and every grade is in `x_actorgraph_citations` as the JSON export has it.

Usage: check_stix.py BUNDLE.json DATASET.json
Prints the validator's warnings (one line each, counted); exits non-zero on any error
or mismatch.
"""

import collections
import json
import re
import sys

import stix2
from stix2.confidence.scales import admiralty_credibility_to_value, none_low_med_high_to_value
from stix2validator import ValidationOptions, validate_file


def fail(message):
    sys.exit(f"check_stix: {message}")


ADMIRALTY = {
    1: "1 - Confirmed by other sources",
    2: "2 - Probably True",
    3: "3 - Possibly True",
    4: "4 - Doubtful",
    5: "5 - Improbable",
    6: "6 - Truth cannot be judged",
}


def admiralty(credibility):
    """STIX's confidence for an Admiralty credibility; None for 6 (cannot be judged)."""
    if credibility is None:
        return None
    try:
        return admiralty_credibility_to_value(ADMIRALTY[credibility])
    except ValueError:
        return None


def check_grades(e, rel, reliability):
    """The relationship's grades agree with the JSON export's edge `e`."""
    graded = [c["credibility"] for c in e["sources"] if "credibility" in c]
    judged = [g for g in graded if g != 6]
    if e["confidence"] is None:
        expect = admiralty(min(judged)) if judged else None
        if rel.get("confidence") != expect:
            fail(f"edge {e['id']}: confidence {rel.get('confidence')}, expected {expect} from credibility {graded}")
    expect = [
        (side, c["ref"], c.get("credibility"), reliability.get(c["ref"]))
        for side, key in (("supporting", "sources"), ("disputing", "disputed_by"))
        for c in e[key]
    ]
    got = [(c["side"], c["source"], c.get("credibility"), c.get("reliability")) for c in rel.x_actorgraph_citations]
    if got != expect:
        fail(f"edge {e['id']}: citation grades {got}, expected {expect}")


def main():
    bundle_path, json_path = sys.argv[1], sys.argv[2]
    results = validate_file(bundle_path, ValidationOptions(version="2.1"))
    warnings = collections.Counter()
    errors = []
    for obj in results.object_results:
        errors.extend(f"{obj.object_id}: {e}" for e in obj.errors)
        for w in obj.warnings:
            # One line per kind of warning: ids, names and URLs replaced by placeholders.
            w = re.sub(r"[a-z0-9-]+--[0-9a-f-]{36}", "ID", str(w))
            w = re.sub(r"'[^']*'", "'…'", w)
            warnings[w] += 1
    if errors or not results.is_valid:
        fail("validator errors:\n" + "\n".join(errors[:20]))
    for w, n in sorted(warnings.items()):
        print(f"warning ({n}x): {w}")

    with open(bundle_path, encoding="utf-8") as f:
        bundle = stix2.parse(f.read(), allow_custom=True)
    with open(json_path, encoding="utf-8") as f:
        dataset = json.load(f)
    by_type = collections.defaultdict(list)
    for o in bundle.objects:
        by_type[o.type].append(o)
    disputes = sum(len(e["disputed_by"]) for e in dataset["edges"])
    want = {
        "threat-actor": len(dataset["organizations"]),
        "identity": len(dataset["sources"]),
        "relationship": len(dataset["edges"]),
        "opinion": disputes,
    }
    for ty, n in want.items():
        if len(by_type[ty]) != n:
            fail(f"{len(by_type[ty])} {ty} objects, expected {n}")
    names = sorted(o.name for o in by_type["threat-actor"])
    if names != sorted(o["name"] for o in dataset["organizations"]):
        fail("threat-actor names differ from the organizations' names")

    scale = {w: none_low_med_high_to_value(s) for w, s in (("low", "Low"), ("medium", "Med"), ("high", "High"))}
    relationships = {r.x_actorgraph_id: r for r in by_type["relationship"]}
    identities = {i.x_actorgraph_id: i.id for i in by_type["identity"]}
    reliability = {s["id"]: s["reliability"] for s in dataset["sources"] if "reliability" in s}
    reported = {r.x_actorgraph_id: r.get("x_actorgraph_reliability") for r in by_type["report"]}
    if reported != {s["id"]: reliability.get(s["id"]) for s in dataset["sources"]}:
        fail(f"reports' reliability {reported}, expected {reliability}")
    opinions = collections.defaultdict(list)
    for o in by_type["opinion"]:
        if o.opinion != "disagree":
            fail(f"{o.id}: opinion {o.opinion}")
        opinions[o.object_refs[0]].append((o.created_by_ref, o.get("explanation"), o.get("confidence")))
    by_key = collections.defaultdict(list)
    for r in relationships.values():
        by_key[(r.x_actorgraph_relation, r.x_actorgraph_citations[0]["source"] if r.x_actorgraph_citations else None)].append(r)
    for e in dataset["edges"]:
        matches = [
            r for r in relationships.values()
            if (e["id"] is None or r.x_actorgraph_id == e["id"])
            and r.x_actorgraph_relation == e["relation"]
            and [c["quote"] for c in r.x_actorgraph_citations if c["side"] == "supporting"]
            == [c.get("quote") for c in e["sources"]]
        ] if e["id"] is not None else None
        if matches is not None and len(matches) != 1:
            fail(f"edge {e['id']}: {len(matches)} matching relationships")
        rel = matches[0] if matches else None
        if rel is None:
            continue
        if e["confidence"] is not None and rel.confidence != scale[e["confidence"]]:
            fail(f"edge {e['id']}: confidence {rel.confidence}, expected {scale[e['confidence']]}")
        check_grades(e, rel, reliability)
        described = [r.get("description") for r in rel.external_references]
        for c in e["sources"]:
            if c.get("quote") is not None and c["quote"] not in described:
                fail(f"edge {e['id']}: quote {c['quote']!r} not in the external references")
        got = sorted(opinions[rel.id], key=repr)
        expect = sorted(
            ((identities[c["ref"]], c.get("quote"), admiralty(c.get("credibility"))) for c in e["disputed_by"]),
            key=repr,
        )
        if got != expect:
            fail(f"edge {e['id']}: opinions {got}, expected {expect}")
    # Every quote, wherever it is, is somewhere in the parsed bundle.
    quotes = collections.Counter()
    for r in by_type["relationship"]:
        quotes.update(x.get("description") for x in r.external_references)
    quotes.update(o.get("explanation") for o in by_type["opinion"])
    for e in dataset["edges"]:
        for c in e["sources"] + e["disputed_by"]:
            if c.get("quote") is not None and quotes[c["quote"]] == 0:
                fail(f"quote {c['quote']!r} is nowhere in the bundle")
    print(
        f"ok: {len(bundle.objects)} objects: "
        + ", ".join(f"{len(v)} {k}" for k, v in sorted(by_type.items()))
        + f"; {sum(warnings.values())} warnings"
    )


if __name__ == "__main__":
    main()
