//! A small spanned YAML tree, built from the fast path's events ([`super::fast_yaml`]) or,
//! when it gives up, from saphyr-parser's event stream.
//!
//! The tree keeps every node's position and each scalar's type ([`Typing`]: decided by
//! its style, or by a core-schema tag, see [`super::tags`]), detects duplicate keys and
//! refuses documents nested deeper than the format can use. Aliases point at the anchored
//! node instead of copying it, so an alias bomb costs no more memory than the text that
//! spells it.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};

use super::fast_yaml::{self, Events};
use super::saphyr_text::SaphyrText;
use super::syntax_help;
use super::tags;
use crate::diagnostic::{Code, Diagnostic, FileId, Files, Span};

/// Deepest nesting accepted; the format needs five levels.
pub const MAX_DEPTH: usize = 64;

/// Mappings up to this many entries are checked for duplicate keys without a hash map.
const SMALL_MAPPING: usize = 16;

/// The message saphyr-parser's scanner gives when flow collections nest past its limit.
const SCANNER_DEPTH_LIMIT: &str = "recursion limit exceeded";

/// Index of a node in its [`Tree`].
pub type NodeId = u32;

/// What a node holds.
#[derive(Debug, Clone, Copy)]
pub enum Value<'t> {
    /// A scalar and how its type is decided.
    Scalar(&'t str, Typing),
    /// A sequence of nodes ([`Tree::items`]).
    Seq(Children),
    /// A mapping, in document order ([`Tree::pairs`]).
    Map(Children),
}

/// Where a sequence's items, or a mapping's keys and values (alternating), lie in
/// [`Tree`]'s one vector of children: no vector per mapping or sequence.
#[derive(Debug, Clone, Copy)]
pub struct Children {
    start: u32,
    len: u32,
}

/// One node and where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Node<'t> {
    /// Its value.
    pub value: Value<'t>,
    /// Its position.
    pub span: Span,
}

/// A node as stored: a scalar's text lies in [`Tree`]'s one string of scalars.
#[derive(Debug)]
enum Stored {
    Scalar {
        start: u32,
        len: u32,
        typing: Typing,
    },
    Seq(Children),
    Map(Children),
}

#[derive(Debug)]
struct StoredNode {
    value: Stored,
    span: Span,
}

/// The nodes of one document; `root` is `None` for an empty file.
///
/// Each loading thread reuses one tree for all its files ([`Tree::clear`]), so the node
/// vector is allocated once per thread rather than grown and freed per file, which would
/// leave the allocator's heap fragmented under the long-lived records.
#[derive(Debug, Default)]
pub struct Tree {
    nodes: Vec<StoredNode>,
    /// The text of every scalar, one after the other: no allocation per scalar.
    scalars: String,
    /// The children of every sequence and mapping, each one's contiguous.
    children: Vec<NodeId>,
    /// The plain scalars a comment follows one blank after them, in increasing order.
    commented: Vec<NodeId>,
    /// The top-level node.
    pub root: Option<NodeId>,
}

impl Tree {
    /// A node by id.
    pub fn node(&self, id: NodeId) -> Node<'_> {
        let stored = &self.nodes[id as usize];
        let value = match stored.value {
            Stored::Scalar { start, len, typing } => {
                Value::Scalar(&self.scalars[start as usize..][..len as usize], typing)
            }
            Stored::Seq(c) => Value::Seq(c),
            Stored::Map(c) => Value::Map(c),
        };
        Node {
            value,
            span: stored.span,
        }
    }

    /// A sequence's items.
    pub fn items(&self, c: Children) -> &[NodeId] {
        &self.children[c.start as usize..][..c.len as usize]
    }

    /// A mapping's entries, as (key, value).
    pub fn pairs(&self, c: Children) -> impl ExactSizeIterator<Item = (NodeId, NodeId)> + '_ {
        self.items(c).chunks_exact(2).map(|kv| (kv[0], kv[1]))
    }

    /// Whether `id` is a plain scalar followed, one blank after it, by a comment: what the
    /// writer may have meant as part of the text (`title: Issue #12`) was cut off.
    pub fn is_commented(&self, id: NodeId) -> bool {
        self.commented.binary_search(&id).is_ok()
    }

    /// Empties the tree, keeping its capacity.
    pub fn clear(&mut self) {
        self.commented.clear();
        self.nodes.clear();
        self.scalars.clear();
        self.children.clear();
        self.root = None;
    }
}

/// How a plain scalar resolves under the YAML 1.2 core schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    /// `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// An integer.
    Int,
    /// A floating-point number.
    Float,
    /// Anything else, and every quoted or block scalar.
    Str,
}

/// How a scalar's type is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typing {
    /// By its text, as YAML 1.2's core schema resolves an untagged plain scalar.
    Implicit,
    /// Fixed: text for a quoted or block scalar, or what its core-schema tag says.
    Fixed(ScalarKind),
}

impl Typing {
    /// The typing of an untagged scalar written in `style`.
    pub fn of_style(style: ScalarStyle) -> Typing {
        if style == ScalarStyle::Plain {
            Typing::Implicit
        } else {
            Typing::Fixed(ScalarKind::Str)
        }
    }
}

/// Resolves a scalar's type the way YAML 1.2's core schema does.
pub fn scalar_kind(text: &str, typing: Typing) -> ScalarKind {
    if let Typing::Fixed(kind) = typing {
        return kind;
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => ScalarKind::Null,
        "true" | "True" | "TRUE" => ScalarKind::Bool(true),
        "false" | "False" | "FALSE" => ScalarKind::Bool(false),
        ".inf" | "-.inf" | "+.inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN" => {
            ScalarKind::Float
        }
        _ if is_int(text) => ScalarKind::Int,
        _ if is_float(text) => ScalarKind::Float,
        _ => ScalarKind::Str,
    }
}

fn is_int(t: &str) -> bool {
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if let Some(hex) = t.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    if let Some(oct) = t.strip_prefix("0o") {
        return !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b));
    }
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some())
}

/// Whether a comment starts one blank after byte `at` of `text`: text that reads on
/// (`Issue #12`). A comment set off by two blanks or more, as yamllint asks by default,
/// is meant as one.
pub(super) fn comment_follows(text: &str, at: usize) -> bool {
    let rest = text.get(at..).unwrap_or("");
    rest.len() > 1 && matches!(rest.as_bytes()[0], b' ' | b'\t') && rest.as_bytes()[1] == b'#'
}

/// Turns saphyr-parser's character indices into byte offsets; the indices asked for
/// mostly grow, so each is found from the last one.
#[derive(Default)]
pub(super) struct CharToByte {
    chars: usize,
    bytes: usize,
}

impl CharToByte {
    pub(super) fn byte(&mut self, text: &str, index: usize) -> usize {
        if index < self.chars {
            *self = CharToByte::default();
        }
        let rest = text.get(self.bytes..).unwrap_or("");
        let skip = index - self.chars;
        let bytes = rest.char_indices().nth(skip).map_or(rest.len(), |(i, _)| i);
        self.chars = index;
        self.bytes += bytes;
        self.bytes
    }
}

/// An open sequence or mapping: its anchor, span, and where its children start on the
/// builder's `open` stack (a mapping's alternate key, value).
enum Frame {
    Seq(usize, Span, usize),
    Map(usize, Span, usize),
}

struct Builder<'t, 'f> {
    tree: &'t mut Tree,
    stack: Vec<Frame>,
    /// The children of the open frames, innermost last.
    open: Vec<NodeId>,
    anchors: HashMap<usize, NodeId>,
    file: FileId,
    files: &'f Files,
    diagnostics: Vec<Diagnostic>,
}

/// Parses one file's text into `tree` (which is cleared first). Problems become
/// diagnostics; on a fatal one (a syntax error, a second document, too deep nesting) the
/// result is `false` and the partial tree must not be used.
pub fn parse(text: &str, file: FileId, files: &Files, tree: &mut Tree) -> (bool, Vec<Diagnostic>) {
    tree.clear();
    let mut b = Builder {
        tree,
        stack: Vec::new(),
        open: Vec::new(),
        anchors: HashMap::new(),
        file,
        files,
        diagnostics: Vec::new(),
    };
    if fast_yaml::parse(text, file, &mut b).is_ok() {
        return (true, b.diagnostics);
    }
    b.reset();
    // saphyr-parser refuses a tab after a mapping's `:` (`key:<TAB>value`), which YAML 1.2
    // reads as separation (the YAML test suite's J3BT): each one it stops at becomes a
    // space, which changes no value and no position, and the text is read again.
    let mut spaced: Option<String> = None;
    let mut retries = 0;
    loop {
        let now = spaced.as_deref().unwrap_or(text);
        match b.parse_with_saphyr(now, retries < MAX_TAB_RETRIES) {
            Saphyr::Done(ok) => return (ok, b.diagnostics),
            Saphyr::TabAfterColon(at) => {
                spaced
                    .get_or_insert_with(|| text.to_owned())
                    .replace_range(at..=at, " ");
                retries += 1;
                b.reset();
            }
        }
    }
}

/// How many tabs after a colon one file may have: each costs a second reading.
const MAX_TAB_RETRIES: usize = 256;

/// How saphyr-parser's reading ended.
enum Saphyr {
    /// Whether the tree is complete (otherwise a diagnostic says why not).
    Done(bool),
    /// It stopped at a tab after a mapping's `:`, at this byte.
    TabAfterColon(usize),
}

impl Events for Builder<'_, '_> {
    fn scalar(&mut self, value: &str, style: ScalarStyle, span: Span) {
        let id = self.push_scalar(value, Typing::of_style(style), span);
        self.finish(id, 0);
    }

    fn seq_start(&mut self, span: Span) {
        self.stack.push(Frame::Seq(0, span, self.open.len()));
    }

    fn map_start(&mut self, span: Span) {
        self.stack.push(Frame::Map(0, span, self.open.len()));
    }

    fn end(&mut self) {
        self.close();
    }

    fn comment_after(&mut self) {
        self.mark_commented();
    }
}

impl Builder<'_, '_> {
    /// Forgets what the fast path built before it gave up.
    fn reset(&mut self) {
        self.tree.clear();
        self.stack.clear();
        self.open.clear();
        self.anchors.clear();
        self.diagnostics.clear();
    }

    fn parse_with_saphyr(&mut self, text: &str, space_tabs: bool) -> Saphyr {
        let b = self;
        let input = SaphyrText::new(text);
        let mut parser = Parser::new_from_str(&input.text);
        let mut documents = 0;
        let mut ends = CharToByte::default();
        loop {
            let Some(next) = parser.next_event() else {
                break Saphyr::Done(true);
            };
            let (event, span) = match next {
                Ok(pair) => pair,
                Err(e) => {
                    let (line, col) = (e.marker().line(), e.marker().col());
                    match syntax_help::tab_after_colon(e.info(), &input.text, line, col) {
                        Some(at) if space_tabs => break Saphyr::TabAfterColon(at),
                        _ => {
                            b.syntax_error(&e, &input);
                            break Saphyr::Done(false);
                        }
                    }
                }
            };
            let end = span.end.index();
            let span = input.span(b.file, span);
            match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        b.multiple_documents(span);
                        break Saphyr::Done(false);
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let typing = b.typing(&value, style, tag.as_deref(), span);
                    let id = b.push_scalar(&value, typing, span);
                    if style == ScalarStyle::Plain
                        && comment_follows(&input.text, ends.byte(&input.text, end))
                    {
                        b.mark_commented();
                    }
                    b.finish(id, anchor);
                }
                Event::SequenceStart(anchor, tag) => {
                    b.collection_tag(tag.as_deref(), false, span);
                    b.stack.push(Frame::Seq(anchor, span, b.open.len()));
                }
                Event::MappingStart(anchor, tag) => {
                    b.collection_tag(tag.as_deref(), true, span);
                    b.stack.push(Frame::Map(anchor, span, b.open.len()));
                }
                Event::SequenceEnd | Event::MappingEnd => b.close(),
                Event::Alias(anchor) => {
                    if !b.alias(anchor, span) {
                        break Saphyr::Done(false);
                    }
                }
                Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            }
            if b.stack.len() > MAX_DEPTH {
                b.too_deep(span);
                break Saphyr::Done(false);
            }
        }
    }

    /// Marks the scalar just pushed as followed by a comment on its line.
    fn mark_commented(&mut self) {
        let last = NodeId::try_from(self.tree.nodes.len().saturating_sub(1)).unwrap_or(NodeId::MAX);
        self.tree.commented.push(last);
    }

    fn push(&mut self, value: Stored, span: Span) -> NodeId {
        let id = NodeId::try_from(self.tree.nodes.len()).unwrap_or(NodeId::MAX);
        self.tree.nodes.push(StoredNode { value, span });
        id
    }

    fn push_scalar(&mut self, text: &str, typing: Typing, span: Span) -> NodeId {
        // Files are at most 128 MiB, so offsets fit; saturating keeps a bad one in bounds.
        let start = u32::try_from(self.tree.scalars.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(text.len()).unwrap_or(0);
        self.tree.scalars.push_str(text);
        self.push(Stored::Scalar { start, len, typing }, span)
    }

    /// A scalar's typing: its tag's, if it has one that fits. A refused tag is reported
    /// and the scalar keeps its untagged typing, so nothing else is reported twice; the
    /// error keeps the dataset from being exported.
    fn typing(
        &mut self,
        value: &str,
        style: ScalarStyle,
        tag: Option<&saphyr_parser::Tag>,
        span: Span,
    ) -> Typing {
        let Some(tag) = tag else {
            return Typing::of_style(style);
        };
        match tags::scalar_typing(tag, value, || self.files.locate(span)) {
            Ok(typing) => typing,
            Err(d) => {
                self.diagnostics.push(d);
                Typing::of_style(style)
            }
        }
    }

    /// Reports the tag of a mapping (`map`) or sequence unless it is `!!map` or `!!seq`.
    fn collection_tag(&mut self, tag: Option<&saphyr_parser::Tag>, map: bool, span: Span) {
        if let Some(d) =
            tag.and_then(|t| tags::check_collection(t, map, || self.files.locate(span)))
        {
            self.diagnostics.push(d);
        }
    }

    /// Records a completed node: registers its anchor and hands it to its parent.
    fn finish(&mut self, id: NodeId, anchor: usize) {
        if anchor > 0 {
            self.anchors.insert(anchor, id);
        }
        self.attach(id);
    }

    fn attach(&mut self, id: NodeId) {
        if self.stack.is_empty() {
            self.tree.root = Some(id);
        } else {
            self.open.push(id);
        }
    }

    fn close(&mut self) {
        let (anchor, span, start, is_map) = match self.stack.pop() {
            Some(Frame::Seq(anchor, span, start)) => (anchor, span, start, false),
            Some(Frame::Map(anchor, span, start)) => (anchor, span, start, true),
            None => return,
        };
        let children = Children {
            start: u32::try_from(self.tree.children.len()).unwrap_or(u32::MAX),
            len: u32::try_from(self.open.len() - start).unwrap_or(u32::MAX),
        };
        self.tree.children.extend(self.open.drain(start..));
        let value = if is_map {
            self.check_duplicate_keys(children);
            Stored::Map(children)
        } else {
            Stored::Seq(children)
        };
        let id = self.push(value, span);
        self.finish(id, anchor);
    }

    fn alias(&mut self, anchor: usize, span: Span) -> bool {
        if let Some(&target) = self.anchors.get(&anchor) {
            self.attach(target);
            return true;
        }
        self.diagnostics.push(
            Diagnostic::new(
                Code::YamlSyntax,
                Some(self.files.locate(span)),
                "alias refers to a node that contains it",
            )
            .with_help("recursive aliases cannot be expanded; repeat the value instead"),
        );
        false
    }

    fn check_duplicate_keys(&mut self, map: Children) {
        let entries = self.tree.items(map);
        let count = entries.len() / 2;
        if count < 2 {
            return;
        }
        let key_id = |i: usize| entries[2 * i];
        let tree = &*self.tree;
        let key = |i: usize| match tree.node(key_id(i)).value {
            Value::Scalar(text, _) => Some(text),
            _ => None,
        };
        // Records have a handful of keys: comparing each with those before it beats
        // building a hash map per mapping. Long mappings get the map. A repeat is reported
        // against the occurrence just before it.
        let mut repeats = Vec::new();
        if count <= SMALL_MAPPING {
            for i in 1..count {
                let Some(k) = key(i) else { continue };
                if let Some(first) = (0..i).rev().find(|&j| key(j) == Some(k)) {
                    repeats.push((i, first));
                }
            }
        } else {
            let mut seen: HashMap<&str, usize> = HashMap::with_capacity(count);
            for i in 0..count {
                let Some(k) = key(i) else { continue };
                if let Some(first) = seen.insert(k, i) {
                    repeats.push((i, first));
                }
            }
        }
        let repeats: Vec<(NodeId, NodeId)> = repeats
            .into_iter()
            .map(|(i, first)| (key_id(i), key_id(first)))
            .collect();
        for (key, first) in repeats {
            self.duplicate_key(key, first);
        }
    }

    fn duplicate_key(&mut self, key: NodeId, first: NodeId) {
        let node = self.tree.node(key);
        let first = self.tree.node(first).span;
        let Value::Scalar(text, _) = node.value else {
            return;
        };
        let d = Diagnostic::new(
            Code::DuplicateKey,
            Some(self.files.locate(node.span)),
            format!("duplicate key `{text}` in this mapping"),
        )
        .with_label("repeated here")
        .with_related(self.files.locate(first), "first used")
        .with_help("a mapping keeps only one value per key; remove or rename one");
        self.diagnostics.push(d);
    }

    fn syntax_error(&mut self, e: &ScanError, input: &SaphyrText<'_>) {
        let span = input.error_span(self.file, *e.marker());
        // The scanner reads ahead of the events, so a long run of `[` or `{` hits its own
        // flow-level limit before the tree sees the depth: that is too deep, not bad syntax.
        if e.info() == SCANNER_DEPTH_LIMIT {
            self.too_deep(span);
            return;
        }
        let (line, col) = (e.marker().line(), e.marker().col());
        let advice = syntax_help::advise(e.info(), &input.text, line, col);
        let span = match advice.at {
            Some((line, col)) => Span {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                column: u32::try_from(col + 1).unwrap_or(u32::MAX),
                ..span
            },
            None => span,
        };
        let mut d = Diagnostic::new(
            Code::YamlSyntax,
            Some(self.files.locate(span)),
            format!("invalid YAML: {}", e.info()),
        )
        .with_help_opt(advice.help);
        d.label = advice.label.map(str::to_owned);
        self.diagnostics.push(d);
    }

    fn multiple_documents(&mut self, span: Span) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::MultipleDocuments,
                Some(self.files.locate(span)),
                "a second YAML document starts here",
            )
            .with_help("each file holds one document; split it into two files or merge the lists"),
        );
    }

    fn too_deep(&mut self, span: Span) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::NestingTooDeep,
                Some(self.files.locate(span)),
                format!("nesting deeper than {MAX_DEPTH} levels"),
            )
            .with_help("the format never nests more than a few levels; this file is not a dataset"),
        );
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;

    #[test]
    fn core_schema_typing() {
        use ScalarKind::*;
        let plain = |t| scalar_kind(t, Typing::Implicit);
        assert_eq!(plain("2015"), Int);
        assert_eq!(plain("2015-08"), Str);
        assert_eq!(plain("1.5"), Float);
        assert_eq!(plain("1e3"), Float);
        assert_eq!(plain("."), Str);
        assert_eq!(plain("true"), Bool(true));
        assert_eq!(plain("yes"), Str);
        assert_eq!(plain("~"), Null);
        assert_eq!(plain(""), Null);
        assert_eq!(
            scalar_kind("true", Typing::of_style(ScalarStyle::DoubleQuoted)),
            Str
        );
        assert_eq!(scalar_kind("true", Typing::Fixed(Str)), Str);
    }

    #[test]
    fn deep_flow_nesting_is_too_deep_not_a_syntax_error() {
        let mut files = Files::default();
        let f = files.add("t.yaml".into());
        let text = format!("a: {}{}", "[".repeat(1000), "]".repeat(1000));
        let mut tree = Tree::default();
        let (ok, diags) = parse(&text, f, &files, &mut tree);
        assert!(!ok);
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::NestingTooDeep]);
    }

    #[test]
    fn repeated_keys_point_at_the_previous_occurrence() {
        // Short mappings are checked pairwise, long ones with a hash map: same reports.
        for filler in [0_u32, 20] {
            let mut files = Files::default();
            let f = files.add("t.yaml".into());
            let mut text: String = (0..filler).fold(String::new(), |mut t, i| {
                let _ = writeln!(t, "k{i}: 1");
                t
            });
            text.push_str("a: 1\na: 2\na: 3\n");
            let (ok, diags) = parse(&text, f, &files, &mut Tree::default());
            assert!(ok);
            let lines: Vec<(u32, u32)> = diags
                .iter()
                .map(|d| {
                    let at = d.location.as_ref().map_or(0, |l| l.line);
                    let first = d.related.as_ref().map_or(0, |r| r.location.line);
                    (at, first)
                })
                .collect();
            assert_eq!(lines, [(filler + 2, filler + 1), (filler + 3, filler + 2)]);
        }
    }

    /// The text and type of the scalar under top-level key `key` in `tree`.
    fn top_scalar<'t>(tree: &'t Tree, key: &str) -> Option<(&'t str, ScalarKind)> {
        let Value::Map(entries) = tree.node(tree.root?).value else {
            return None;
        };
        let (_, value) = tree
            .pairs(entries)
            .find(|&(k, _)| matches!(tree.node(k).value, Value::Scalar(t, _) if t == key))?;
        match tree.node(value).value {
            Value::Scalar(text, typing) => Some((text, scalar_kind(text, typing))),
            _ => None,
        }
    }

    #[test]
    fn a_blank_last_line_reads_alike_on_both_paths_and_errors_stay_in_the_file() {
        let mut files = Files::default();
        let f = files.add("t.yaml".into());
        let mut tree = Tree::default();
        // The anchor makes the fast path give up: saphyr-parser reads the second text.
        for (tail, value) in [("  ", "x\n"), ("\n  ", "x\n"), ("\r\n  ", "x\n")] {
            for head in ["", "b: &q 1\n"] {
                let text = format!("{head}a: |\n  x\n{tail}");
                let (ok, diags) = parse(&text, f, &files, &mut tree);
                assert!(ok && diags.is_empty(), "{text:?}");
                assert_eq!(
                    top_scalar(&tree, "a"),
                    Some((value, ScalarKind::Str)),
                    "{text:?}"
                );
            }
        }
        // An error at the end is reported where it is without the added line break.
        let (ok, diags) = parse("a: [x\n  ", f, &files, &mut tree);
        assert!(!ok);
        let at = diags[0].location.as_ref().map(|l| (l.line, l.column));
        assert_eq!(at, Some((3, 1)), "{diags:?}");
    }

    #[test]
    fn both_readers_see_a_comment_after_a_plain_scalar() {
        let mut files = Files::default();
        let f = files.add("t.yaml".into());
        let mut tree = Tree::default();
        let cases = [
            ("a: Issue #12 of Dabiq\n", true),
            ("a: p. 4 #footnote 3\n", true),
            ("a: IMU # required\n", true),
            ("a: IMU  # set off by two spaces\n", false),
            ("a: IMU\t\t# set off by two tabs\n", false),
            ("a: Issue#12\n", false),
            ("a: \"Issue\" # quoted\n", false),
            ("a: Issue\n# a comment line\n", false),
            ("a: Caf\u{e9} \u{2014} \u{fc}ber # \u{e9}\n", true),
            ("a: x\nb: [y] # c\n", false),
        ];
        for (text, commented) in cases {
            // The anchor makes the fast path give up: saphyr-parser reads the second text.
            for head in ["", "z: &q 1\n"] {
                let text = format!("{head}{text}");
                let (ok, _) = parse(&text, f, &files, &mut tree);
                assert!(ok, "{text:?}");
                let Some(Value::Map(entries)) = tree.root.map(|r| tree.node(r).value) else {
                    panic!("{text:?}");
                };
                let (_, value) = tree
                    .pairs(entries)
                    .find(|&(k, _)| matches!(tree.node(k).value, Value::Scalar("a", _)))
                    .expect("key a");
                assert_eq!(tree.is_commented(value), commented, "{text:?}");
            }
        }
    }

    #[test]
    fn a_tab_after_a_colon_separates_as_in_yaml_1_2() {
        let mut files = Files::default();
        let f = files.add("t.yaml".into());
        let mut tree = Tree::default();
        let text = "a:\tx y\nb:\t\t\"q\"\nc: \"k:\tv\"\nd:\t|\n  z\n";
        let (ok, diags) = parse(text, f, &files, &mut tree);
        assert!(ok && diags.is_empty(), "{diags:?}");
        assert_eq!(top_scalar(&tree, "a"), Some(("x y", ScalarKind::Str)));
        assert_eq!(top_scalar(&tree, "b"), Some(("q", ScalarKind::Str)));
        // A tab inside a quoted value stays a tab.
        assert_eq!(top_scalar(&tree, "c"), Some(("k:\tv", ScalarKind::Str)));
        assert_eq!(top_scalar(&tree, "d"), Some(("z\n", ScalarKind::Str)));
        // Positions do not move: the value is where the tab left it.
        let Some(Value::Map(entries)) = tree.root.map(|r| tree.node(r).value) else {
            panic!("a mapping");
        };
        let (_, a) = tree.pairs(entries).next().expect("a");
        assert_eq!((tree.node(a).span.line, tree.node(a).span.column), (1, 4));
        // Past the limit, the file is refused with the explanation.
        let many = (0..=MAX_TAB_RETRIES).fold(String::new(), |mut t, i| {
            let _ = writeln!(t, "k{i}:\tv");
            t
        });
        let (ok, diags) = parse(&many, f, &files, &mut tree);
        assert!(!ok);
        let help = diags[0].help.as_deref().unwrap_or("");
        assert!(help.contains("put a space after the colon"), "{help}");
        let at = diags[0].location.as_ref().map(|l| (l.line, l.column));
        assert_eq!(at, Some((257, 6)));
    }

    #[test]
    fn core_tags_type_scalars_and_other_tags_are_reported() {
        let mut files = Files::default();
        let f = files.add("t.yaml".into());
        let mut tree = Tree::default();
        let text = "a: !!str true\nb: !!int \"12\"\nc: !!str\nd: !foo x\ne: !!int x\n";
        let (ok, diags) = parse(text, f, &files, &mut tree);
        assert!(ok);
        let codes: Vec<Code> = diags.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::UnsupportedTag, Code::TagMismatch]);
        let kind = |key| top_scalar(&tree, key);
        assert_eq!(kind("a"), Some(("true", ScalarKind::Str)));
        assert_eq!(kind("b"), Some(("12", ScalarKind::Int)));
        assert_eq!(kind("c"), Some(("", ScalarKind::Str)));
        // Refused tags leave the value as if untagged (the error stops any export).
        assert_eq!(kind("d"), Some(("x", ScalarKind::Str)));
        assert_eq!(kind("e"), Some(("x", ScalarKind::Str)));
    }

    #[test]
    fn aliases_share_nodes() {
        let mut files = Files::default();
        let f = files.add("t.yaml".into());
        let text = "a: &x [1, 2]\nb: *x\nc: *x\n";
        let mut tree = Tree::default();
        let (ok, diags) = parse(text, f, &files, &mut tree);
        assert!(ok && diags.is_empty());
        // Two scalars, one sequence, three keys, one map: the aliases add no nodes.
        assert_eq!(tree.nodes.len(), 7);
    }
}
