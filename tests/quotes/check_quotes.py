#!/usr/bin/env python3
"""Check that every quote in a dataset is a verbatim excerpt of its seed document.

Usage:
    python3 tests/quotes/check_quotes.py --seeds DIR DATASET_DIR [DATASET_DIR ...]

For every edge in every *.yaml / *.yml file under DATASET_DIR (recursively, in sorted
order), each citation under `sources` and `disputed_by` must carry a `quote`, and that quote
must occur character for character (typographic quotes, no-break spaces, backticks and all)
in the seed document its `ref` maps to (SOURCE_DOCS below). The check is exact: no case
folding, no whitespace normalisation, and a quote may not span a line break the source lacks.

Prints each failure as `file: edge-id: quote not found in <doc>` and exits 1 if there is any;
otherwise prints "N quotes checked, all verbatim" and exits 0. Needs PyYAML; without it the
check is skipped (exit 0) with a message. Standard library otherwise.
"""

import argparse
import os
import sys

# Source id -> (seed file, part of it). The first document carries, after the article and its
# author's note, a reader's comment that the dataset treats as a source of its own:
#   "article": the text before the author's note ("*About the author: ...");
#   "comment": the text after the author's note and its "Source: ..." line;
#   "whole":   the whole file.
SOURCE_DOCS = {
    "botobekov-al-fath": ("000_088f3d29b7302388.txt", "article"),
    "botobekov-reader-comment": ("000_088f3d29b7302388.txt", "comment"),
    "imu-joins-is-2015": ("002_daa5b169520e5c10.txt", "whole"),
}

AUTHOR_NOTE = "*About the author:"
SOURCE_LINE = "Source:"


def split_article(text, name):
    """Return (article, comment) for a document with an author's note before a comment."""
    note = text.find("\n" + AUTHOR_NOTE)
    if note < 0:
        raise ValueError("%s: author's note %r not found" % (name, AUTHOR_NOTE))
    article = text[:note]
    # The author's note is its own line, optionally followed by a "Source: ..." line.
    pos = text.find("\n", note + 1)
    if pos >= 0 and text.startswith(SOURCE_LINE, pos + 1):
        pos = text.find("\n", pos + 1)
    comment = "" if pos < 0 else text[pos + 1:]
    if not comment.strip():
        raise ValueError("%s: no reader's comment after the author's note" % name)
    return article, comment


def load_documents(seeds):
    """Map each source id to (label, text)."""
    docs = {}
    for ref, (fname, part) in SOURCE_DOCS.items():
        path = os.path.join(seeds, fname)
        with open(path, encoding="utf-8", newline="") as fh:
            text = fh.read()
        if part == "whole":
            docs[ref] = (fname, text)
        else:
            article, comment = split_article(text, fname)
            if part == "article":
                docs[ref] = (fname + " (article)", article)
            elif part == "comment":
                docs[ref] = (fname + " (reader comment)", comment)
            else:
                raise ValueError("unknown part %r for %s" % (part, ref))
    return docs


def dataset_files(paths):
    files = []
    for top in paths:
        if os.path.isfile(top):
            files.append(top)
            continue
        for root, dirs, names in os.walk(top):
            dirs.sort()
            for n in names:
                if n.endswith((".yaml", ".yml")):
                    files.append(os.path.join(root, n))
    return sorted(set(files))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", required=True, help="directory holding the seed documents")
    ap.add_argument("dataset", nargs="+", help="dataset directory (or YAML file)")
    args = ap.parse_args(argv)

    try:
        import yaml
    except ImportError:
        print("skipped: PyYAML not installed")
        return 0

    try:
        docs = load_documents(args.seeds)
    except (OSError, ValueError) as exc:
        print("error: %s" % exc, file=sys.stderr)
        return 2

    files = dataset_files(args.dataset)
    if not files:
        print("error: no YAML files under %s" % ", ".join(args.dataset), file=sys.stderr)
        return 2

    failures = []
    checked = 0
    for path in files:
        with open(path, encoding="utf-8") as fh:
            try:
                data = yaml.safe_load(fh)
            except yaml.YAMLError as exc:
                failures.append("%s: YAML error: %s" % (path, exc))
                continue
        if not isinstance(data, dict):
            continue
        for i, edge in enumerate(data.get("edges") or []):
            if not isinstance(edge, dict):
                continue
            eid = edge.get("id") or "edges[%d]" % i
            for key in ("sources", "disputed_by"):
                for cite in edge.get(key) or []:
                    ref = cite.get("ref") if isinstance(cite, dict) else cite
                    quote = cite.get("quote") if isinstance(cite, dict) else None
                    if ref not in docs:
                        failures.append("%s: %s: unknown source %r in %s" % (path, eid, ref, key))
                        continue
                    label, text = docs[ref]
                    if not isinstance(quote, str) or not quote.strip():
                        failures.append("%s: %s: citation of %s in %s has no quote"
                                        % (path, eid, ref, key))
                        continue
                    checked += 1
                    if quote not in text:
                        failures.append("%s: %s: quote not found in %s\n    quote: %r"
                                        % (path, eid, label, quote))

    for f in failures:
        print(f)
    if failures:
        return 1
    print("%d quotes checked, all verbatim" % checked)
    return 0


if __name__ == "__main__":
    sys.exit(main())
