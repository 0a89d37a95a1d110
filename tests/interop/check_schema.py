"""Validates YAML files against actorgraph's JSON Schema with the `jsonschema` package.

Usage: check_schema.py SCHEMA FILE...

Checks the schema itself against the draft 2020-12 meta-schema (exit 1 if it fails), then
prints one JSON object mapping each FILE to the list of its schema errors (empty when the
file is valid), each as "path: message".

YAML is read the way yaml-language-server and actorgraph read it, by the YAML 1.2 core
schema: PyYAML's default (YAML 1.1) would turn `2002-08-11` into a date and `yes` into a
boolean, which neither tool does.
"""

import json
import re
import sys

import jsonschema
import yaml


class CoreLoader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), first)


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    return int(text, 0) if text[:2] in ("0x", "0o") else int(text, 10)


CoreLoader.add_constructor("tag:yaml.org,2002:int", construct_int)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"the schema is not a valid draft 2020-12 schema: {e.message}", file=sys.stderr)
        return 1
    validator = jsonschema.Draft202012Validator(schema)
    results = {}
    for path in sys.argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                document = yaml.load(f, Loader=CoreLoader)
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            results[path] = [f"not YAML the schema can check: {e}"]
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path)))
        results[path] = [
            "/".join(map(str, e.absolute_path)) + ": " + e.message for e in errors
        ]
    json.dump(results, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
