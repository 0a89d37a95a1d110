//! A strict checker for the DOT that actorgraph writes, shared by the property tests and
//! the export fuzz target (which includes this file by path). It follows the grammar of
//! the Graphviz DOT language, and is stricter than Graphviz where our writer has no
//! business being loose: inside quoted strings it allows only the escapes `\"`, `\\` and
//! `\n` and no raw control characters but the tab (which the DOT language and its readers
//! take as written), and it refuses HTML strings and `+` concatenation.
//! It returns the nodes and edges with their attributes decoded, so tests can compare
//! what a reader sees with what the dataset says.

#![allow(dead_code)]

use std::fmt;

/// A parsed graph.
#[derive(Debug, Default)]
pub struct Dot {
    /// `digraph` (true) or `graph`.
    pub directed: bool,
    /// Node statements, in order, with their decoded attributes.
    pub nodes: Vec<Node>,
    /// Edges, in order (a chain `a -> b -> c` gives two).
    pub edges: Vec<Edge>,
    /// How many subgraphs were opened.
    pub subgraphs: usize,
}

/// A node statement.
#[derive(Debug)]
pub struct Node {
    /// The node id, decoded.
    pub id: String,
    /// Its attributes, decoded, in order.
    pub attrs: Vec<(String, String)>,
}

/// One edge of an edge statement.
#[derive(Debug)]
pub struct Edge {
    /// Tail id.
    pub from: String,
    /// Head id.
    pub to: String,
    /// The statement's attributes, decoded.
    pub attrs: Vec<(String, String)>,
}

impl Node {
    /// The value of attribute `key`.
    pub fn attr(&self, key: &str) -> Option<&str> {
        find(&self.attrs, key)
    }
}

impl Edge {
    /// The value of attribute `key`.
    pub fn attr(&self, key: &str) -> Option<&str> {
        find(&self.attrs, key)
    }
}

fn find<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Why a text is not acceptable DOT, and where (byte offset).
#[derive(Debug)]
pub struct Error {
    /// Byte offset of the problem.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.at, self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    /// An identifier or numeral (unquoted).
    Word(String),
    /// A quoted string, decoded.
    Quoted(String),
    Punct(char),
    /// `->` or `--`.
    EdgeOp(&'static str),
}

fn fail<T>(at: usize, message: impl Into<String>) -> Result<T, Error> {
    Err(Error {
        at,
        message: message.into(),
    })
}

fn tokenize(text: &str) -> Result<Vec<(usize, Tok)>, Error> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).map_or(text.len(), |c| c.0);
    while i < chars.len() {
        let (pos, c) = chars[i];
        let next = chars.get(i + 1).map(|c| c.1);
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            '/' if next == Some('/') => {
                while i < chars.len() && chars[i].1 != '\n' {
                    i += 1;
                }
            }
            '/' if next == Some('*') => {
                let rest = &text[pos + 2..];
                let Some(end) = rest.find("*/") else {
                    return fail(pos, "unterminated comment");
                };
                let stop = pos + 2 + end + 2;
                while i < chars.len() && chars[i].0 < stop {
                    i += 1;
                }
            }
            '{' | '}' | '[' | ']' | ';' | ',' | '=' | ':' => {
                toks.push((pos, Tok::Punct(c)));
                i += 1;
            }
            '-' if next == Some('>') => {
                toks.push((pos, Tok::EdgeOp("->")));
                i += 2;
            }
            '-' if next == Some('-') => {
                toks.push((pos, Tok::EdgeOp("--")));
                i += 2;
            }
            '"' => {
                let (s, end) = quoted(&chars, i + 1, text.len())?;
                toks.push((pos, Tok::Quoted(s)));
                i = end;
            }
            '<' => return fail(pos, "HTML strings are not expected"),
            '+' => return fail(pos, "string concatenation is not expected"),
            c if c.is_ascii_alphabetic() || c == '_' || !c.is_ascii() => {
                let start = i;
                while i < chars.len()
                    && (chars[i].1.is_ascii_alphanumeric()
                        || chars[i].1 == '_'
                        || !chars[i].1.is_ascii())
                {
                    i += 1;
                }
                toks.push((pos, Tok::Word(text[pos..at(i)].to_owned())));
                debug_assert!(i > start);
            }
            c if c.is_ascii_digit() || c == '.' || c == '-' => {
                let end = numeral(&chars, i).ok_or(Error {
                    at: pos,
                    message: "malformed numeral".into(),
                })?;
                if chars
                    .get(end)
                    .is_some_and(|c| c.1.is_ascii_alphabetic() || c.1 == '_')
                {
                    return fail(pos, "a numeral runs into a name");
                }
                toks.push((pos, Tok::Word(text[pos..at(end)].to_owned())));
                i = end;
            }
            c => return fail(pos, format!("unexpected character {c:?}")),
        }
    }
    Ok(toks)
}

/// A quoted string starting after its opening quote at `i`: its decoded text and the
/// index after the closing quote.
fn quoted(chars: &[(usize, char)], mut i: usize, len: usize) -> Result<(String, usize), Error> {
    let mut s = String::new();
    loop {
        let Some(&(pos, c)) = chars.get(i) else {
            return fail(len, "unterminated string");
        };
        match c {
            '"' => return Ok((s, i + 1)),
            '\\' => {
                match chars.get(i + 1).map(|c| c.1) {
                    Some('"') => s.push('"'),
                    Some('\\') => s.push('\\'),
                    Some('n') => s.push('\n'),
                    Some(other) => return fail(pos, format!("unexpected escape \\{other:?}")),
                    None => return fail(pos, "unterminated string"),
                }
                i += 2;
            }
            c if c.is_control() && c != '\t' => {
                return fail(pos, format!("raw control character {c:?} in a string"));
            }
            c => {
                s.push(c);
                i += 1;
            }
        }
    }
}

/// The end of a numeral `[-]?(.[0-9]+|[0-9]+(.[0-9]*)?)` starting at `i`.
fn numeral(chars: &[(usize, char)], mut i: usize) -> Option<usize> {
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.1.is_ascii_digit());
    if chars.get(i).is_some_and(|c| c.1 == '-') {
        i += 1;
    }
    let start = i;
    while digit(i) {
        i += 1;
    }
    let whole = i > start;
    if chars.get(i).is_some_and(|c| c.1 == '.') {
        i += 1;
        let frac = i;
        while digit(i) {
            i += 1;
        }
        if !whole && i == frac {
            return None;
        }
    } else if !whole {
        return None;
    }
    Some(i)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    i: usize,
    end: usize,
    dot: Dot,
}

fn is_keyword(word: &str, keyword: &str) -> bool {
    word.eq_ignore_ascii_case(keyword)
}

const KEYWORDS: &[&str] = &["node", "edge", "graph", "digraph", "subgraph", "strict"];

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i).map(|t| &t.1)
    }

    fn pos(&self) -> usize {
        self.toks.get(self.i).map_or(self.end, |t| t.0)
    }

    fn bump(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.i).map(|t| t.1.clone());
        self.i += 1;
        t
    }

    fn punct(&mut self, c: char) -> Result<(), Error> {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.i += 1;
            Ok(())
        } else {
            fail(
                self.pos(),
                format!("expected `{c}`, found {:?}", self.peek()),
            )
        }
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Some(Tok::Word(w)) if is_keyword(w, keyword))
    }

    /// An ID: a name that is no keyword, a numeral, or a quoted string.
    fn id(&mut self) -> Result<String, Error> {
        let pos = self.pos();
        match self.bump() {
            Some(Tok::Quoted(s)) => Ok(s),
            Some(Tok::Word(w)) if !KEYWORDS.iter().any(|k| is_keyword(&w, k)) => Ok(w),
            other => fail(pos, format!("expected an ID, found {other:?}")),
        }
    }

    fn graph(&mut self) -> Result<(), Error> {
        if self.keyword("strict") {
            self.i += 1;
        }
        if self.keyword("digraph") {
            self.dot.directed = true;
        } else if !self.keyword("graph") {
            return fail(self.pos(), "expected `graph` or `digraph`");
        }
        self.i += 1;
        if !matches!(self.peek(), Some(Tok::Punct('{'))) {
            self.id()?;
        }
        self.punct('{')?;
        self.statements()?;
        self.punct('}')?;
        if self.i < self.toks.len() {
            return fail(self.pos(), "text after the graph");
        }
        Ok(())
    }

    fn statements(&mut self) -> Result<(), Error> {
        while !matches!(self.peek(), Some(Tok::Punct('}')) | None) {
            self.statement()?;
            self.eat(';');
        }
        Ok(())
    }

    fn statement(&mut self) -> Result<(), Error> {
        if self.keyword("graph") || self.keyword("node") || self.keyword("edge") {
            self.i += 1;
            if !matches!(self.peek(), Some(Tok::Punct('['))) {
                return fail(self.pos(), "an attribute statement needs `[`");
            }
            self.attr_lists()?;
            return Ok(());
        }
        if self.keyword("subgraph") || matches!(self.peek(), Some(Tok::Punct('{'))) {
            self.subgraph()?;
            if matches!(self.peek(), Some(Tok::EdgeOp(_))) {
                return fail(self.pos(), "edges from subgraphs are not expected");
            }
            return Ok(());
        }
        let first = self.id()?;
        if self.eat('=') {
            self.id()?;
            return Ok(());
        }
        if self.peek() == Some(&Tok::Punct(':')) {
            return fail(self.pos(), "ports are not expected");
        }
        let mut chain = vec![first];
        while let Some(Tok::EdgeOp(op)) = self.peek() {
            let want = if self.dot.directed { "->" } else { "--" };
            if *op != want {
                return fail(self.pos(), format!("`{op}` in a graph that needs `{want}`"));
            }
            self.i += 1;
            chain.push(self.id()?);
        }
        let attrs = if matches!(self.peek(), Some(Tok::Punct('['))) {
            self.attr_lists()?
        } else {
            Vec::new()
        };
        if chain.len() == 1 {
            let id = chain.pop().unwrap_or_default();
            self.dot.nodes.push(Node { id, attrs });
        } else {
            for pair in chain.windows(2) {
                self.dot.edges.push(Edge {
                    from: pair[0].clone(),
                    to: pair[1].clone(),
                    attrs: attrs.clone(),
                });
            }
        }
        Ok(())
    }

    fn subgraph(&mut self) -> Result<(), Error> {
        if self.keyword("subgraph") {
            self.i += 1;
            if !matches!(self.peek(), Some(Tok::Punct('{'))) {
                self.id()?;
            }
        }
        self.punct('{')?;
        self.dot.subgraphs += 1;
        self.statements()?;
        self.punct('}')
    }

    fn attr_lists(&mut self) -> Result<Vec<(String, String)>, Error> {
        let mut attrs = Vec::new();
        while self.eat('[') {
            while !self.eat(']') {
                let key = self.id()?;
                self.punct('=')?;
                let value = self.id()?;
                attrs.push((key, value));
                if !self.eat(',') {
                    self.eat(';');
                }
            }
        }
        Ok(attrs)
    }
}

/// Parses `text` as one DOT graph, strictly.
pub fn parse(text: &str) -> Result<Dot, Error> {
    let toks = tokenize(text)?;
    let mut parser = Parser {
        toks,
        i: 0,
        end: text.len(),
        dot: Dot::default(),
    };
    parser.graph()?;
    Ok(parser.dot)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn accepts_graphs_and_decodes_strings() {
        let dot = parse(
            "digraph \"g\" {\n  graph [rankdir=LR, fontsize=12];\n  node [shape=box];\n  \
             \"a\" [label=\"say \\\"hi\\\"\\n\\\\N\", width=-.5];\n  \"a\" -> \"b\" -> c [style=dashed];\n  \
             subgraph \"cluster_0\" { label=\"x\"; \"b\"; }\n}\n",
        )
        .expect("valid");
        assert!(dot.directed);
        assert_eq!(dot.nodes.len(), 2);
        assert_eq!(dot.nodes[0].attr("label"), Some("say \"hi\"\n\\N"));
        assert_eq!(dot.edges.len(), 2);
        assert_eq!(dot.edges[1].to, "c");
        assert_eq!(dot.subgraphs, 1);
        // A tab is allowed in a quoted string and read back as a tab.
        let tab = parse("digraph { a [label=\"tab\there\"] }").expect("a tab is valid");
        assert_eq!(tab.nodes[0].attr("label"), Some("tab\there"));
    }

    #[test]
    fn rejects_what_graphviz_or_our_writer_must_not_see() {
        for bad in [
            "digraph { a -> b",
            "digraph { a [label=\"open] }",
            "digraph { a -- b }",
            "graph { a -> b }",
            "digraph { a [label=\"bell\u{7}here\"] }",
            "digraph { a [label=\"\\x\"] }",
            "digraph { a [label=] }",
            "digraph { node }",
            "digraph { a [label=<b>x</b>] }",
            "digraph { 1a }",
            "digraph { edge -> b }",
            "digraph { a } b",
            "digraph { a [x=\"raw\nnewline\"] }",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }
}
