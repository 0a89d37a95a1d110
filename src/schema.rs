//! The JSON Schema (draft 2020-12) of a dataset file, for editors: yaml-language-server
//! reads it to complete keys and flag mistakes as you type. It is built here, from the
//! same constants the validator uses (built-in types, styles, confidence words, the id
//! length), so it cannot drift from them; `schema/actorgraph-v1.schema.json` is its
//! committed copy, kept fresh by a test.
//!
//! The schema describes what the decoder accepts, no more and no less: text may be a
//! YAML number (the decoder reads `name: 1984` as text), optional fields may be left
//! empty (null), and dates may be integers (`2015`). Checks that need the whole dataset
//! (unknown ids, duplicates) or a calendar (`2015-02-30`) stay with `actorgraph validate`.

use serde_json::{Value, json};

use crate::model::color_names::X11;
use crate::model::{
    Confidence, Credibility, LineStyle, MAX_ID_LEN, Reliability, edge_type::BUILTINS,
};

/// The dataset's EDTF subset: a year with optional trailing `X`s, then an optional month
/// and day (`XX` when unknown; no known day in an unknown month), then `?`, `~` or `%`.
const DATE_PATTERN: &str = concat!(
    "^([0-9]{4}|[0-9]{3}X|[0-9]{2}XX|[0-9]XXX|XXXX)",
    "(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]|XX))?|-XX(-XX)?)?",
    "[?~%]?$"
);

/// The schema as a JSON value.
pub fn schema() -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "actorgraph dataset file, format version 1",
        "description": "One YAML file of an actorgraph dataset. Every key is optional and an empty file is valid. Ids must be unique across all files of the dataset, which only `actorgraph validate` can check.",
        "type": ["object", "null"],
        "additionalProperties": false,
        "properties": {
            "edge_types": list("Relation types this dataset declares or restyles.", "edge_type"),
            "organizations": list("Organizations: the nodes of the graph.", "organization"),
            "sources": list("Documents that edges cite.", "source"),
            "edges": list("Typed, dated, sourced relationships between organizations.", "edge"),
        },
        "$defs": {
            "id": id_def(),
            "text": {
                "description": "Text (a YAML number is read as text too).",
                "type": ["string", "number"],
            },
            "required_text": {
                "description": "Text that is not blank.",
                "type": ["string", "number"],
                "pattern": "\\S",
            },
            "date": date_def(),
            "citation": citation_def(),
            "edge_type": edge_type_def(),
            "organization": organization_def(),
            "source": source_def(),
            "edge": edge_def(),
        }
    })
}

/// The schema as pretty-printed JSON with a final newline.
pub fn to_string() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("a JSON value serializes");
    text.push('\n');
    text
}

fn def(name: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}") })
}

/// An optional field: the definition, or null (an empty value is no value).
fn optional(schema: Value) -> Value {
    Value::Object(
        [(
            "anyOf".to_owned(),
            Value::Array(vec![schema, json!({ "type": "null" })]),
        )]
        .into_iter()
        .collect(),
    )
}

fn list(description: &str, item: &str) -> Value {
    json!({
        "description": description,
        "type": ["array", "null"],
        "items": def(item),
    })
}

fn id_def() -> Value {
    json!({
        "description": format!("An id: lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most {MAX_ID_LEN} characters."),
        "anyOf": [
            {
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9._-]*$",
                "maxLength": MAX_ID_LEN,
            },
            { "type": "integer", "minimum": 0 },
        ]
    })
}

fn date_def() -> Value {
    json!({
        "description": "A date in the EDTF subset: 2015, 2015-08, 2015-08-11, unknown digits as X (201X, 2015-XX), and a final ? (uncertain), ~ (approximate) or % (both).",
        "anyOf": [
            { "type": "integer", "minimum": 1000, "maximum": 9999 },
            { "type": "string", "pattern": DATE_PATTERN },
        ]
    })
}

fn citation_def() -> Value {
    json!({
        "description": "A source id, or a mapping with `ref` and optionally a verbatim `quote`, a `locator` and a `credibility` grade.",
        "anyOf": [
            def("id"),
            {
                "type": "object",
                "additionalProperties": false,
                "required": ["ref"],
                "properties": {
                    "ref": def("id"),
                    "quote": optional(def("text")),
                    "locator": optional(def("text")),
                    "credibility": optional(credibility()),
                }
            }
        ]
    })
}

fn edge_type_def() -> Value {
    let styles: Vec<&str> = LineStyle::NAMES.to_vec();
    json!({
        "description": "A relation type. Redeclaring a built-in type may change its label, colour and style, not its direction.",
        "type": "object",
        "additionalProperties": false,
        "required": ["name", "directed"],
        "properties": {
            "name": def("id"),
            "directed": { "type": "boolean" },
            "label": optional(def("text")),
            "color": optional(json!({
                "description": "#rrggbb or a Graphviz (X11) colour name such as crimson.",
                "anyOf": [
                    { "type": "string", "pattern": "^#[0-9a-fA-F]{6}$" },
                    { "enum": X11 },
                ]
            })),
            "style": optional(json!({ "enum": styles })),
        }
    })
}

fn organization_def() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "name"],
        "properties": {
            "id": def("id"),
            "name": def("required_text"),
            "short": optional(def("text")),
            "aliases": {
                "type": ["array", "null"],
                "items": def("text"),
            },
            "kind": optional(def("text")),
            "region": optional(def("text")),
            "founded": optional(def("date")),
            "dissolved": optional(def("date")),
            "wikidata": optional(json!({
                "description": "A Wikidata item id: Q and digits.",
                "type": "string",
                "pattern": "^Q[1-9][0-9]*$",
            })),
            "notes": optional(def("text")),
        }
    })
}

fn source_def() -> Value {
    json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "title"],
        "properties": {
            "id": def("id"),
            "title": def("required_text"),
            "author": optional(def("text")),
            "publisher": optional(def("text")),
            "published": optional(def("date")),
            "url": optional(json!({
                "description": "An absolute http(s) URL.",
                "type": "string",
                "pattern": "^[hH][tT][tT][pP][sS]?://[^/?#\\s\"<>\\\\]+([/?#][^\\s\"<>\\\\]*)?$",
            })),
            "accessed": optional(def("date")),
            "notes": optional(def("text")),
            "reliability": optional(reliability()),
        }
    })
}

/// The Admiralty code's source reliability, `A`–`F`, with each grade's meaning.
fn reliability() -> Value {
    let scale: Vec<String> = Reliability::ALL
        .iter()
        .map(|r| format!("{} {}", r.letter(), r.meaning()))
        .collect();
    let letters: Vec<&str> = Reliability::ALL.iter().map(|r| r.letter()).collect();
    json!({
        "description": format!("How reliable the source is (Admiralty code, NATO AJP-2.1): {}.", scale.join(", ")),
        "enum": letters,
    })
}

/// The Admiralty code's information credibility, 1–6 unquoted, with each grade's meaning.
fn credibility() -> Value {
    let scale: Vec<String> = Credibility::ALL
        .iter()
        .map(|c| format!("{} {}", c.number(), c.meaning()))
        .collect();
    let first = Credibility::ALL[0].number();
    let last = Credibility::ALL[Credibility::ALL.len() - 1].number();
    json!({
        "description": format!("How credible the cited information is (Admiralty code, NATO AJP-2.1): {}.", scale.join(", ")),
        "type": "integer",
        "minimum": first,
        "maximum": last,
    })
}

fn edge_def() -> Value {
    let builtins: Vec<&str> = BUILTINS.iter().map(|b| b.0).collect();
    let confidence: Vec<&str> = Confidence::NAMES.to_vec();
    json!({
        "description": "A relationship. `date` (a point) excludes `start` and `end` (an interval).",
        "type": "object",
        "additionalProperties": false,
        "required": ["from", "to", "type", "sources"],
        "properties": {
            "id": optional(def("id")),
            "from": def("id"),
            "to": def("id"),
            "type": {
                "description": "A built-in type (allegiance, rivalry, splinter, hosting) or one declared under edge_types.",
                "anyOf": [{ "enum": builtins }, def("id")],
            },
            "date": optional(def("date")),
            "start": optional(def("date")),
            "end": optional(def("date")),
            "confidence": optional(json!({ "enum": confidence })),
            "sources": {
                "description": "At least one citation.",
                "type": "array",
                "minItems": 1,
                "items": def("citation"),
            },
            "disputed_by": {
                "description": "Citations that contest the edge; any makes it disputed.",
                "type": ["array", "null"],
                "items": def("citation"),
            },
            "notes": optional(def("text")),
        },
        "if": {
            "required": ["date"],
            "properties": { "date": { "not": { "type": "null" } } },
        },
        "then": {
            "properties": {
                "start": { "type": "null" },
                "end": { "type": "null" },
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::RECORD_KEYS;

    fn keys(object: &Value) -> Vec<String> {
        let mut keys: Vec<String> = object["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect();
        keys.sort();
        keys
    }

    #[test]
    fn every_record_kind_has_exactly_the_decoders_keys() {
        let s = schema();
        for &(kind, accepted) in RECORD_KEYS {
            let object = match kind {
                "top level" => &s,
                "citation" => &s["$defs"]["citation"]["anyOf"][1],
                other => &s["$defs"][other.replace(' ', "_")],
            };
            let mut expected: Vec<String> = accepted.iter().map(|k| (*k).to_owned()).collect();
            expected.sort();
            assert_eq!(keys(object), expected, "{kind}");
            assert_eq!(object["additionalProperties"], false, "{kind}");
            for required in object["required"].as_array().into_iter().flatten() {
                let required = required.as_str().expect("key");
                assert!(accepted.contains(&required), "{kind}: {required}");
            }
        }
        assert_eq!(
            RECORD_KEYS.len(),
            6,
            "a record kind was added; add it to the schema"
        );
    }

    #[test]
    fn output_is_deterministic_json() {
        let text = to_string();
        assert_eq!(text, to_string());
        let back: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, schema());
    }
}
