//! Strict decoding of one file's tree into raw records: known keys only (with a
//! did-you-mean for the rest), the right YAML type for every value, required fields
//! present, and text free of characters the exports cannot carry.

use super::chars::{self, Suspect};
use super::raw::{
    PackedEdges, RawCitation, RawEdge, RawEdgeType, RawFile, RawOrganization, RawSource, Spanned,
    Text,
};
use super::yaml::{NodeId, ScalarKind, Tree, Value, scalar_kind};
use compact_str::CompactString;

use crate::diagnostic::{Code, Diagnostic, FileId, Files, Span};
use crate::model::{Credibility, Reliability};
use crate::suggest;

const TOP_KEYS: &[&str] = &["edge_types", "organizations", "sources", "edges"];
const EDGE_TYPE_KEYS: &[&str] = &["name", "directed", "label", "color", "style"];
const ORG_KEYS: &[&str] = &[
    "id",
    "name",
    "short",
    "aliases",
    "kind",
    "region",
    "founded",
    "dissolved",
    "wikidata",
    "notes",
];
const SOURCE_KEYS: &[&str] = &[
    "id",
    "title",
    "author",
    "publisher",
    "published",
    "url",
    "accessed",
    "notes",
    "reliability",
];
const EDGE_KEYS: &[&str] = &[
    "id",
    "from",
    "to",
    "type",
    "date",
    "start",
    "end",
    "confidence",
    "sources",
    "disputed_by",
    "notes",
];
const CITATION_KEYS: &[&str] = &["ref", "quote", "locator", "credibility"];

/// Keys that belong to another kind of record, with where they go.
const MISPLACED: &[(&str, &str)] = &[
    (
        "reliability",
        "`reliability` grades a source: write it on the source's record under `sources:`",
    ),
    (
        "credibility",
        "`credibility` grades one citation: write `- ref: source-id` with `credibility:` under the edge's `sources:` or `disputed_by:`",
    ),
];

/// The fields of prose, where a ` #` is more likely text than a comment.
const TEXT_KEYS: &[&str] = &[
    "name",
    "short",
    "aliases",
    "title",
    "quote",
    "locator",
    "notes",
    "publisher",
    "author",
];

/// The keys each kind of record accepts, for the test that keeps the JSON Schema in step.
#[cfg(test)]
pub(crate) const RECORD_KEYS: &[(&str, &[&str])] = &[
    ("top level", TOP_KEYS),
    ("edge type", EDGE_TYPE_KEYS),
    ("organization", ORG_KEYS),
    ("source", SOURCE_KEYS),
    ("edge", EDGE_KEYS),
    ("citation", CITATION_KEYS),
];

/// Words people reach for that the format spells differently.
const SYNONYMS: &[(&str, &str)] = &[
    ("type", "kind"),
    ("relation", "type"),
    ("citations", "sources"),
    ("disputed", "disputed_by"),
    ("source", "ref"),
    ("colour", "color"),
    ("directional", "directed"),
    ("founded_on", "founded"),
    ("link", "url"),
];

/// Decodes one file. Problems are returned as diagnostics; every record that could be
/// read at all is kept, even with missing fields, so later checks see it.
pub fn decode_file(tree: &Tree, id: FileId, files: &Files) -> (RawFile, Vec<Diagnostic>) {
    let mut d = Decoder {
        tree,
        files,
        diagnostics: Vec::new(),
        out: RawFile {
            edges: PackedEdges::new(id),
            ..RawFile::default()
        },
    };
    if let Some(root) = tree.root {
        d.top(root);
    }
    (d.out, d.diagnostics)
}

/// The known entries of one mapping, by key.
struct Record {
    span: Span,
    entries: Vec<(&'static str, NodeId)>,
}

impl Record {
    fn get(&self, key: &str) -> Option<NodeId> {
        self.entries.iter().find(|(k, _)| *k == key).map(|e| e.1)
    }
}

struct Decoder<'t, 'f> {
    tree: &'t Tree,
    files: &'f Files,
    diagnostics: Vec<Diagnostic>,
    out: RawFile,
}

impl Decoder<'_, '_> {
    fn report(&mut self, code: Code, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let location = self.files.locate(span);
        self.diagnostics
            .push(Diagnostic::new(code, Some(location), message));
        let last = self.diagnostics.len() - 1;
        &mut self.diagnostics[last]
    }

    fn top(&mut self, root: NodeId) {
        let node = self.tree.node(root);
        if let Value::Scalar(text, style) = &node.value
            && scalar_kind(text, *style) == ScalarKind::Null
        {
            return;
        }
        let Some(record) = self.record(root, "the top level of a dataset file", TOP_KEYS) else {
            return;
        };
        for (key, value) in record.entries {
            match key {
                "edge_types" => self.list(value, key, Self::edge_type),
                "organizations" => self.list(value, key, Self::organization),
                "sources" => self.list(value, key, Self::source),
                _ => self.list(value, key, Self::edge),
            }
        }
    }

    fn list(&mut self, node: NodeId, key: &str, mut each: impl FnMut(&mut Self, NodeId)) {
        let tree = self.tree;
        let n = tree.node(node);
        match &n.value {
            Value::Seq(items) => tree.items(*items).iter().for_each(|&item| each(self, item)),
            Value::Scalar(t, s) if scalar_kind(t, *s) == ScalarKind::Null => {}
            _ => {
                let found = describe(&n.value);
                self.report(
                    Code::WrongType,
                    n.span,
                    format!("`{key}` must be a list, found {found}"),
                )
                .help = Some(format!(
                    "write each entry on its own line starting with `- ` under `{key}:`"
                ));
            }
        }
    }

    /// Reads a mapping, reporting unknown keys; `None` when the node is not a mapping.
    fn record(&mut self, node: NodeId, what: &str, known: &[&'static str]) -> Option<Record> {
        let tree = self.tree;
        let n = tree.node(node);
        let Value::Map(entries) = &n.value else {
            let code = if what.starts_with("the top level") {
                Code::NotAMapping
            } else {
                Code::WrongType
            };
            let found = describe(&n.value);
            self.report(
                code,
                n.span,
                format!("{what} must be a mapping, found {found}"),
            )
            .help = Some(format!("expected keys: {}", known.join(", ")));
            return None;
        };
        let entries = tree.pairs(*entries);
        let mut record = Record {
            span: n.span,
            entries: Vec::with_capacity(entries.len()),
        };
        for (key, value) in entries {
            let key_node = tree.node(key);
            let Value::Scalar(name, _) = &key_node.value else {
                self.report(Code::WrongType, key_node.span, "keys must be plain words");
                continue;
            };
            match known.iter().find(|k| **k == *name) {
                Some(k) => record.entries.push((k, value)),
                None => self.unknown_key(name, key_node.span, what, known),
            }
        }
        Some(record)
    }

    fn unknown_key(&mut self, name: &str, span: Span, what: &str, known: &[&str]) {
        let synonym = SYNONYMS
            .iter()
            .find(|(from, to)| *from == name && known.contains(to))
            .map(|(_, to)| *to);
        let misplaced = MISPLACED.iter().find(|(k, _)| *k == name).map(|(_, h)| *h);
        let help = match (synonym, misplaced) {
            (Some(k), _) => format!("did you mean `{k}`?"),
            (None, Some(h)) => h.to_owned(),
            (None, None) => match suggest::closest(name, known.iter().copied()) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("known keys: {}", known.join(", ")),
            },
        };
        let d = self.report(
            Code::UnknownKey,
            span,
            format!("unknown key `{name}` in {what}"),
        );
        d.help = Some(help);
    }

    fn edge_type(&mut self, node: NodeId) {
        let Some(r) = self.record(node, "an edge type", EDGE_TYPE_KEYS) else {
            return;
        };
        let raw = RawEdgeType {
            span: r.span,
            name: self.required(&r, "name", "edge type"),
            directed: self.required_bool(&r, "directed", "edge type"),
            label: self.optional(&r, "label"),
            color: self.optional(&r, "color"),
            style: self.optional(&r, "style"),
        };
        self.out.edge_types.push(raw);
    }

    fn organization(&mut self, node: NodeId) {
        let Some(r) = self.record(node, "an organization", ORG_KEYS) else {
            return;
        };
        let raw = RawOrganization {
            span: r.span,
            id: self.required(&r, "id", "organization"),
            name: self.required(&r, "name", "organization"),
            short: self.optional(&r, "short"),
            aliases: r
                .get("aliases")
                .map_or_else(Vec::new, |n| self.text_list(n, "aliases")),
            kind: self.optional(&r, "kind"),
            region: self.optional(&r, "region"),
            founded: self.optional_date(&r, "founded"),
            dissolved: self.optional_date(&r, "dissolved"),
            wikidata: self.optional(&r, "wikidata"),
            notes: self.optional(&r, "notes"),
        };
        self.out.organizations.push(raw);
    }

    fn source(&mut self, node: NodeId) {
        let Some(r) = self.record(node, "a source", SOURCE_KEYS) else {
            return;
        };
        let raw = RawSource {
            span: r.span,
            id: self.required(&r, "id", "source"),
            title: self.required(&r, "title", "source"),
            author: self.optional(&r, "author"),
            publisher: self.optional(&r, "publisher"),
            published: self.optional_date(&r, "published"),
            url: self.optional(&r, "url"),
            accessed: self.optional_date(&r, "accessed"),
            notes: self.optional(&r, "notes"),
            reliability: self.optional(&r, "reliability"),
        };
        self.out.sources.push(raw);
    }

    fn edge(&mut self, node: NodeId) {
        let Some(r) = self.record(node, "an edge", EDGE_KEYS) else {
            return;
        };
        let sources = if let Some(n) = r.get("sources") {
            Some(Spanned {
                span: self.tree.node(n).span,
                value: self.citations(n, "sources"),
            })
        } else {
            self.report(Code::MissingCitation, r.span, "edge cites no source")
                .help = Some("add `sources:` with at least one source id".into());
            None
        };
        let raw = RawEdge {
            span: r.span,
            id: self.optional(&r, "id"),
            from: self.required(&r, "from", "edge"),
            to: self.required(&r, "to", "edge"),
            edge_type: self.required(&r, "type", "edge"),
            date: self.optional_date(&r, "date"),
            start: self.optional_date(&r, "start"),
            end: self.optional_date(&r, "end"),
            confidence: self.optional(&r, "confidence"),
            sources,
            disputed_by: r
                .get("disputed_by")
                .map_or_else(Vec::new, |n| self.citations(n, "disputed_by")),
            notes: self.optional(&r, "notes"),
        };
        self.out.edges.push(&raw);
    }

    fn citations(&mut self, node: NodeId, key: &str) -> Vec<RawCitation> {
        let tree = self.tree;
        let n = tree.node(node);
        let items: &[NodeId] = match &n.value {
            Value::Seq(items) => tree.items(*items),
            Value::Scalar(t, s) if scalar_kind(t, *s) == ScalarKind::Null => &[],
            other => {
                let found = describe(other);
                self.report(
                    Code::WrongType,
                    n.span,
                    format!("`{key}` must be a list of citations, found {found}"),
                )
                .help = Some(format!(
                    "write `{key}: [source-id]` or a list of `- ref: source-id` entries"
                ));
                return Vec::new();
            }
        };
        // Exact capacity: a growing vector would reserve room for four citations per edge.
        let mut out = Vec::with_capacity(items.len());
        for &item in items {
            let span = tree.node(item).span;
            if let Value::Scalar(..) = tree.node(item).value {
                let source = self.text(item, "citation");
                out.push(RawCitation {
                    span,
                    source,
                    ..RawCitation::default()
                });
            } else if let Some(r) = self.record(item, "a citation", CITATION_KEYS) {
                out.push(RawCitation {
                    span,
                    source: self.required(&r, "ref", "citation"),
                    quote: self.optional(&r, "quote"),
                    locator: self.optional(&r, "locator"),
                    credibility: r.get("credibility").and_then(|n| self.credibility(n)),
                });
            }
        }
        out
    }

    fn missing(&mut self, span: Span, key: &str, what: &str) -> &mut Diagnostic {
        self.report(Code::MissingField, span, format!("{what} has no `{key}`"))
    }

    fn required(&mut self, r: &Record, key: &str, what: &str) -> Option<Text> {
        let Some(node) = r.get(key) else {
            self.missing(r.span, key, what);
            return None;
        };
        let value = self.text(node, key);
        match &value {
            // Null is an empty field; any other miss was already reported as a wrong type.
            None if self.is_null(node) => {
                let span = self.tree.node(node).span;
                self.report(
                    Code::MissingField,
                    span,
                    format!("{what} has an empty `{key}`"),
                );
            }
            Some(t) if t.value.trim().is_empty() => {
                self.report(
                    Code::EmptyValue,
                    t.span,
                    format!("`{key}` must not be blank"),
                );
            }
            None | Some(_) => {}
        }
        value
    }

    fn required_bool(&mut self, r: &Record, key: &str, what: &str) -> Option<Spanned<bool>> {
        let Some(node) = r.get(key) else {
            self.missing(r.span, key, what).help =
                Some(format!("add `{key}: true` or `{key}: false`"));
            return None;
        };
        let n = self.tree.node(node);
        match &n.value {
            Value::Scalar(t, s) => {
                if let ScalarKind::Bool(b) = scalar_kind(t, *s) {
                    Some(Spanned {
                        value: b,
                        span: n.span,
                    })
                } else {
                    self.report(
                        Code::WrongType,
                        n.span,
                        format!("`{key}` must be true or false, found `{t}`"),
                    )
                    .help = Some(format!("write `{key}: true` or `{key}: false`, unquoted"));
                    None
                }
            }
            other => {
                let found = describe(other);
                self.report(
                    Code::WrongType,
                    n.span,
                    format!("`{key}` must be true or false, found {found}"),
                );
                None
            }
        }
    }

    /// `credibility`: a plain YAML integer, kept as its text (the validator checks the
    /// range). Quoted digits are refused like a quoted `true`, so files, the schema and
    /// the tool agree on one form.
    fn credibility(&mut self, node: NodeId) -> Option<Text> {
        let n = self.tree.node(node);
        let Value::Scalar(t, style) = &n.value else {
            let found = describe(&n.value);
            self.report(
                Code::WrongType,
                n.span,
                format!("`credibility` must be a number from 1 to 6, found {found}"),
            );
            return None;
        };
        let kind = scalar_kind(t, *style);
        if kind == ScalarKind::Int {
            return self.text(node, "credibility");
        }
        if kind == ScalarKind::Null {
            return None;
        }
        let found = match kind {
            ScalarKind::Str => format!("the text \"{t}\""),
            _ => describe(&n.value),
        };
        self.report(
            Code::WrongType,
            n.span,
            format!("`credibility` must be a number from 1 to 6, found {found}"),
        )
        .help = Some(credibility_help(t));
        None
    }

    fn is_null(&self, node: NodeId) -> bool {
        matches!(&self.tree.node(node).value, Value::Scalar(t, s) if scalar_kind(t, *s) == ScalarKind::Null)
    }

    fn optional(&mut self, r: &Record, key: &str) -> Option<Text> {
        r.get(key).and_then(|n| self.text(n, key))
    }

    /// Dates may be YAML integers (`2015`) or strings; both are kept as text.
    fn optional_date(&mut self, r: &Record, key: &str) -> Option<Text> {
        self.optional(r, key)
    }

    fn text_list(&mut self, node: NodeId, key: &str) -> Vec<Text> {
        let tree = self.tree;
        let n = tree.node(node);
        match &n.value {
            Value::Seq(items) => tree
                .items(*items)
                .iter()
                .filter_map(|&i| self.text(i, key))
                .collect(),
            Value::Scalar(t, s) if scalar_kind(t, *s) == ScalarKind::Null => Vec::new(),
            other => {
                let found = describe(other);
                self.report(
                    Code::WrongType,
                    n.span,
                    format!("`{key}` must be a list, found {found}"),
                )
                .help = Some(format!("write `{key}: [\"…\"]` even for a single value"));
                Vec::new()
            }
        }
    }

    /// A text value: any scalar but null and booleans. `None` for null or a wrong type.
    fn text(&mut self, node: NodeId, key: &str) -> Option<Text> {
        let n = self.tree.node(node);
        let Value::Scalar(t, style) = &n.value else {
            let found = describe(&n.value);
            self.report(
                Code::WrongType,
                n.span,
                format!("`{key}` must be text, found {found}"),
            );
            return None;
        };
        match scalar_kind(t, *style) {
            ScalarKind::Null => return None,
            ScalarKind::Bool(_) => {
                self.report(
                    Code::WrongType,
                    n.span,
                    format!("`{key}` must be text, found the boolean `{t}`"),
                )
                .help = Some(format!("quote it if you mean the word: \"{t}\""));
                return None;
            }
            _ => {}
        }
        self.check_chars(t, n.span, key);
        if TEXT_KEYS.contains(&key) && self.tree.is_commented(node) {
            self.comment_in_text(t, n.span, key);
        }
        Some(Spanned {
            value: CompactString::from(*t),
            span: n.span,
        })
    }

    /// A comment one blank after a plain text value: YAML ends the value at ` #`, which
    /// in prose (`Issue #12`, `p. 4 #footnote 3`) is rarely what was meant.
    fn comment_in_text(&mut self, text: &str, span: Span, key: &str) {
        let d = self.report(
            Code::CommentInText,
            span,
            format!("`{key}` is cut at ` #`: YAML reads the rest of the line as a comment"),
        );
        d.label = Some("the value ends here".into());
        d.help = Some(format!(
            "quote the value to keep the `#`: `{key}: \"{} #…\"`; if it is a comment, set it off with two spaces",
            shortened(text)
        ));
    }

    fn check_chars(&mut self, text: &str, span: Span, key: &str) {
        match chars::scan(text) {
            None => {}
            Some(Suspect::Forbidden(c)) => {
                self.report(
                    Code::ControlCharacter,
                    span,
                    format!("`{key}` contains the control character U+{:04X}", c as u32),
                )
                .help = Some(
                    "XML exports cannot carry it; delete it (only tab and newline are allowed)"
                        .into(),
                );
            }
            Some(Suspect::Mojibake(c, meant)) => {
                let help = match meant {
                    Some(m) => format!(
                        "this is probably Windows-1252 text read as Latin-1: replace it with `{m}`"
                    ),
                    None => "this is probably Windows-1252 text read as Latin-1; delete it".into(),
                };
                self.report(
                    Code::SuspectedMojibake,
                    span,
                    format!(
                        "`{key}` contains the C1 control character U+{:04X}",
                        c as u32
                    ),
                )
                .help = Some(help);
            }
        }
    }
}

/// The help for a `credibility` that is not a YAML integer: the number unquoted, or
/// where a letter grade goes.
fn credibility_help(t: &str) -> String {
    let t = t.trim();
    if Credibility::parse(t).is_some() {
        format!("write the number unquoted: `credibility: {t}`")
    } else if Reliability::parse(&t.to_ascii_uppercase()).is_some() {
        "a letter A–F is a source's `reliability`; a citation's credibility is a number from 1 (confirmed) to 6 (cannot be judged)".to_owned()
    } else {
        "credibility is a whole number from 1 (confirmed by other sources) to 6 (truth cannot be judged)".to_owned()
    }
}

/// `text`, cut to 40 characters for a help line.
fn shortened(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]).into(),
        None => text.into(),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Seq(_) => "a list".into(),
        Value::Map(_) => "a mapping".into(),
        Value::Scalar(t, s) => match scalar_kind(t, *s) {
            ScalarKind::Null => "nothing".into(),
            ScalarKind::Bool(_) => format!("the boolean `{t}`"),
            ScalarKind::Int | ScalarKind::Float => format!("the number `{t}`"),
            ScalarKind::Str => "text".into(),
        },
    }
}
