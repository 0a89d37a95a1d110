//! The fast path against saphyr-parser: on every document it does not give up on, both
//! must send the same scalars, styles, collections and spans.

use proptest::prelude::*;
use saphyr_parser::{Event, Parser};

use super::*;
use crate::load::saphyr_text::SaphyrText;
use crate::load::yaml::{CharToByte, comment_follows};

#[derive(Debug, PartialEq)]
enum Ev {
    Scalar(String, ScalarStyle, Span),
    Seq(Span),
    Map(Span),
    End,
    /// A comment one blank after the plain scalar before.
    Comment,
}

#[derive(Default)]
struct Recorder(Vec<Ev>);

impl Events for Recorder {
    fn scalar(&mut self, value: &str, style: ScalarStyle, span: Span) {
        self.0.push(Ev::Scalar(value.to_owned(), style, span));
    }
    fn seq_start(&mut self, span: Span) {
        self.0.push(Ev::Seq(span));
    }
    fn map_start(&mut self, span: Span) {
        self.0.push(Ev::Map(span));
    }
    fn end(&mut self) {
        self.0.push(Ev::End);
    }
    fn comment_after(&mut self) {
        self.0.push(Ev::Comment);
    }
}

fn fast(text: &str) -> Option<Vec<Ev>> {
    let mut r = Recorder::default();
    parse(text, FileId(0), &mut r).ok().map(|()| r.0)
}

/// saphyr-parser's events, or `None` for what the fast path never accepts: a syntax
/// error, anchors and aliases, tags, or more than one document. It reads the text as the
/// tree builder gives it to saphyr-parser ([`SaphyrText`]).
fn saphyr(text: &str) -> Option<Vec<Ev>> {
    let mut out = Vec::new();
    let mut documents = 0;
    let input = SaphyrText::new(text);
    let mut parser = Parser::new_from_str(&input.text);
    let mut ends = CharToByte::default();
    while let Some(next) = parser.next_event() {
        let (event, span) = next.ok()?;
        let end = ends.byte(&input.text, span.end.index());
        let span = input.span(FileId(0), span);
        match event {
            Event::Scalar(v, style, 0, None) => {
                out.push(Ev::Scalar(v.into_owned(), style, span));
                if style == ScalarStyle::Plain && comment_follows(&input.text, end) {
                    out.push(Ev::Comment);
                }
            }
            Event::SequenceStart(0, None) => out.push(Ev::Seq(span)),
            Event::MappingStart(0, None) => out.push(Ev::Map(span)),
            Event::SequenceEnd | Event::MappingEnd => out.push(Ev::End),
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
            _ => return None,
        }
    }
    Some(out)
}

/// The fast path either gives up or agrees with saphyr-parser exactly.
fn check(text: &str) -> Result<bool, String> {
    let Some(ours) = fast(text) else {
        return Ok(false);
    };
    match saphyr(text) {
        Some(theirs) if theirs == ours => Ok(true),
        Some(theirs) => Err(format!("{text:?}\nfast:   {ours:?}\nsaphyr: {theirs:?}")),
        None => Err(format!(
            "{text:?}: saphyr-parser rejects what the fast path accepted"
        )),
    }
}

/// Documents the fast path must take, and get exactly right.
const TAKEN: &[&str] = &[
    "a: 1\n",
    "a: 1",
    "# head\n\na: b  # tail\n# end\n",
    "organizations:\n- id: a\n  name: \"x\\ty\"\n  empty:\n  e2: ''\n- id: b\n",
    "organizations:\n  - id: a\n    name: b\n  - id: c\n",
    "a:\n- x\n- - y\n  - z\n-\n  w\nb: c\n",
    "a:\n  b:\n    c: d\n  e: f\ng: h\n",
    "key   : value   \n",
    "list: [a, 'b', \"c\"]\nmap: {ref: x, quote: \"q, r\"}\n",
    "d: [ a , 'b' ]  # tail\ne: {}\nf: []\n",
    "g: \"q\"   # c\nh: plain   # c\n",
    "title: Issue #12 of Dabiq\nlocator: p. 4 # c\nl:\n- x # y\n- z  # w\n",
    "- {ref: k-1, quote: 'It''s'}\n- [1, [2, 3], {a: b}]\n",
    "q: 'don''t'\nd: \"a\\\"b\\\\c\\/d\\n\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\0\\a\\b\\e\\f\\v\\r\\ \"\n",
    "u: Türkistan İslam Partisi\nar: الدولة الإسلامية\nquote: \"جبهة النصرة — «x»\"\n",
    "é: ü\nk: 'ş'  # ç\n",
    "url: http://example.org/a?b=c&d#frag\ntime: 00:12:31\nneg: -5\ndash: -x\n",
    "notes: |\n  line1\n  line2\nnext: x\n",
    "notes: |-\n  last\n",
    "notes: >-\n  folded\n  text\n\n  para\n\n# c\nnext: 1\n",
    "notes: >\n  a\n\n\n  b\n",
    "a: |\n  x\n",
    "a: |\n  x",
    "a: |\n  x\n\n\n",
    "- a: |\n    x\n  # c\n- b\n",
    "- notes: |\n    keep  spaces  \n      more indented\n    #not a comment\n  k: v\n",
    "edges:\n- from: a\n  to: b\n  sources:\n  - ref: s\n    quote: Some text.\n    locator: p. 4\n  disputed_by:\n  - ref: t\n",
    "a:\n  - b\n  - c\nd: e\n",
    "a: b\n\n\n\nc: d\n",
    "a: ~\nb: null\nc: true\nd: 2015-08\ne: 1.5\n",
    "a:\n  - x: 1\n    y: 2\n  - x: 3\n",
    "a: 'x' \nb: \"y\"  \n",
    // A last line of only indentation, without a line break, is nothing (not one more
    // line of the block scalar).
    "a: |\n  x\n  ",
    "a: |\n  x\n ",
    "a: |-\n  x\n  ",
    "a: >\n  x\n\n  ",
    "- |\n  x\n  y\n  ",
    "- a: |\n    x\n    ",
    "a: b\n  ",
];

/// Documents the fast path must leave to saphyr-parser.
const LEFT: &[&str] = &[
    "",
    "# only a comment\n",
    "---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: &x 1\nb: *x\n",
    "a: !tag 1\n",
    "a:\tb\n",
    "a: b\rc: d\n",
    "a: b: c\n",
    "a: b\nc\n",
    "a: \"multi\n  line\"\n",
    "a: [1,\n  2]\n",
    "\"quoted key\": 1\n",
    "? complex\n: key\n",
    "a: |+\n  keep\n\n",
    "a: |2\n  x\n",
    "a: |\n\n  leading blank\n",
    "a: plain\n  continued\n",
    "a: b\n  c: d\n",
    "  a: 1\n",
    "- a\n b\n",
    "a: \"bad \\q escape\"\n",
    "a: [1, ]\n",
    "a: {b}\n",
    "a: {b:c}\n",
    "a: \"x\"y\n",
    "a: x #c\n b\n",
    "just a scalar\n",
    "a: b\u{2028}c\n",
    "a: b\u{85}c\n",
    "a: >\n  x\n    more indented\n",
    "a: {quote: x -}\n",
    "a: !!str true\n",
    "a: !!str\n",
    "a: !<tag:yaml.org,2002:str> x\n",
    "- !!int 1\n",
    "a: [!!str x]\n",
    "a: {k: !!null ''}\n",
    "a: !!map {}\n",
    "!!str a: b\n",
    "a: ! x\n",
    "a: |\n  x\n   ",
];

#[test]
fn takes_the_common_subset_and_agrees_with_saphyr() {
    for text in TAKEN {
        assert_eq!(check(text), Ok(true), "{text:?}");
        let crlf = text.replace('\n', "\r\n");
        assert_eq!(check(&crlf), Ok(true), "{crlf:?}");
    }
}

#[test]
fn leaves_the_rest_to_saphyr() {
    for text in LEFT {
        assert_eq!(check(text), Ok(false), "{text:?}");
    }
}

/// saphyr-parser refuses an implicit key whose `:` lies more than 1024 characters after its
/// start; the fast path accepted one of 1025. It measures in bytes: it takes exactly the
/// keys whose `:` is at most 1024 bytes on (and gives up early on long non-ASCII keys,
/// which is safe), in every place a key can be.
#[test]
fn keys_past_the_length_limit_are_left_to_saphyr() {
    for length in 1000..1050 {
        for tail in ["", " ", "  ", "é", "é "] {
            let key = format!("{}{tail}", "k".repeat(length));
            let taken = key.len() <= 1024;
            for text in [
                format!("{key}: v\n"),
                format!("- {key}: v\n"),
                format!("a:\n  {key}:\n"),
                format!("- a: 1\n  {key}: [x]\n"),
            ] {
                assert_eq!(check(&text), Ok(taken), "{length} {tail:?}: {text:.20}");
            }
        }
    }
}

#[test]
fn agrees_on_the_projects_own_files() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut taken = 0;
    for dir in ["graphs", "tests"] {
        for path in yaml_files(&root.join(dir)) {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            match check(text) {
                Ok(true) => taken += 1,
                Ok(false) => {
                    assert!(!path.starts_with(root.join("graphs")), "{}", path.display());
                }
                Err(e) => panic!("{}: {e}", path.display()),
            }
        }
    }
    assert!(taken > 20, "only {taken} files took the fast path");
}

/// The YAML files under `dir`, found as the loader finds them.
fn yaml_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    crate::load::discover::discover(&[dir.to_path_buf()], &crate::load::Exclude::default())
        .0
        .into_iter()
        .map(|found| found.path)
        .collect()
}

/// Set `ACTORGRAPH_YAML_CORPUS` to a directory (a generated benchmark dataset, say) to
/// compare both parsers on every YAML file under it.
#[test]
#[ignore = "needs ACTORGRAPH_YAML_CORPUS"]
fn agrees_on_a_corpus() {
    let dir = std::env::var_os("ACTORGRAPH_YAML_CORPUS").expect("ACTORGRAPH_YAML_CORPUS");
    let (mut taken, mut left) = (0, 0);
    for path in yaml_files(std::path::Path::new(&dir)) {
        let text = std::fs::read_to_string(&path).expect("readable UTF-8");
        match check(&text) {
            Ok(true) => taken += 1,
            Ok(false) => left += 1,
            Err(e) => panic!("{}: {e}", path.display()),
        }
    }
    eprintln!("fast path: {taken} files, saphyr-parser: {left}");
}

/// Pieces of scalars, chosen to hit every boundary the fast path decides on.
const PIECES: &[&str] = &[
    "a",
    "b c",
    "x: y",
    ":",
    "::",
    "#",
    " #",
    " # c",
    "'",
    "''",
    "\"",
    "\\\"",
    "\\n",
    "\\x41",
    "\\u00e9",
    "\\q",
    "-",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "é",
    "جبهة",
    " ",
    "  ",
    "|",
    ">",
    "?",
    "&a",
    "*a",
    "!t",
    "%",
    "@",
    "~",
    "null",
    "1",
    "2015-08",
    "http://x/y#z",
    "\t",
    "!!str ",
    "!!int ",
    "!foo ",
    "!<tag:yaml.org,2002:str> ",
];

/// Tags, core and not, shorthand and verbatim: the fast path must give up on every one.
const TAGS: &[&str] = &[
    "!!str",
    "!!int",
    "!!bool",
    "!!null",
    "!!float",
    "!!map",
    "!!seq",
    "!!binary",
    "!foo",
    "!",
    "!<tag:yaml.org,2002:str>",
];

fn piece_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..5).prop_map(|p| p.concat())
}

/// A value as it might be written after `key:`, given the field indentation.
fn value() -> impl Strategy<Value = String> {
    let lines = prop::collection::vec(prop_oneof![piece_text(), Just(String::new())], 1..4);
    let untagged = prop_oneof![
        piece_text().prop_map(|t| format!(" {t}")),
        piece_text().prop_map(|t| format!(" \"{t}\"")),
        piece_text().prop_map(|t| format!(" '{t}'")),
        prop::collection::vec(piece_text(), 0..3).prop_map(|v| format!(" [{}]", v.join(", "))),
        (piece_text(), piece_text()).prop_map(|(a, b)| format!(" {{ref: {a}, quote: {b}}}")),
        (
            prop::sample::select(&["|", "|-", ">", ">-", "|+"][..]),
            lines
        )
            .prop_map(|(h, l)| format!(
                " {h}\n{}",
                l.iter().fold(String::new(), |acc, l| acc + "@@" + l + "\n")
            )),
        prop::collection::vec(piece_text(), 1..3)
            .prop_map(|v| v.iter().fold(String::new(), |acc, t| acc + "\n@@- " + t)),
        prop::collection::vec(piece_text(), 1..3)
            .prop_map(|v| v.iter().fold(String::new(), |acc, t| acc + "\n%%- " + t)),
        Just(String::new()),
    ];
    // A tag before any of them: one value in twenty, so that most documents have none.
    let tagged = (prop::sample::select(TAGS), untagged.clone())
        .prop_map(|(tag, value)| format!(" {tag}{value}"));
    prop_oneof![19 => untagged, 1 => tagged]
}

/// What may follow a field: nothing, a blank line, or a comment line.
const BETWEEN: &[&str] = &["", "", "\n", "@@# note\n", "# top\n", "%%   # deeper\n"];

/// A key: a short word, or one whose `:` lies near YAML's limit of 1024 characters
/// (perhaps after spaces, or with a two-byte character).
fn key() -> impl Strategy<Value = String> {
    let short = prop::sample::select(&["id", "name", "a b", "k-1", "é"][..]).prop_map(String::from);
    let long = (
        1016..1032_usize,
        prop::sample::select(&["", " ", "  ", "é"][..]),
    )
        .prop_map(|(n, tail)| format!("{}{tail}", "k".repeat(n)));
    prop_oneof![16 => short, 1 => long]
}

/// How the text ends: with its line break, without it, or with a last line of `n` spaces
/// (only indentation, no line break).
#[derive(Debug, Clone, Copy)]
enum Ending {
    Newline,
    Cut,
    Spaces(usize),
}

fn ending() -> impl Strategy<Value = Ending> {
    prop_oneof![
        2 => Just(Ending::Newline),
        1 => Just(Ending::Cut),
        2 => (1..8_usize).prop_map(Ending::Spaces),
    ]
}

fn document() -> impl Strategy<Value = String> {
    let record = prop::collection::vec((key(), value(), prop::sample::select(BETWEEN)), 1..4);
    let shape = (
        prop::collection::vec(record, 1..4),
        0..3_usize,
        any::<bool>(),
        ending(),
    );
    shape.prop_map(|(records, style, crlf, ending)| {
        let (dash, field) = [("- ", "  "), ("  - ", "    "), ("-   ", "    ")][style];
        let mut out = String::from("edges:\n");
        for record in records {
            for (i, (key, value, between)) in record.iter().enumerate() {
                let lead = if i == 0 { dash } else { field };
                let body = format!("{field}  ");
                let value = value.replace("@@", &body).replace("%%", field);
                out.push_str(&[lead, key, ":", &value].concat());
                if !value.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&between.replace("@@", field).replace("%%", &body));
            }
        }
        match ending {
            Ending::Newline => {}
            Ending::Cut => {
                out.pop();
            }
            Ending::Spaces(n) => out.extend(std::iter::repeat_n(' ', n)),
        }
        if crlf {
            out = out.replace('\n', "\r\n");
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn generated_documents_agree(text in document()) {
        prop_assert_eq!(check(&text).map(|_| ()), Ok(()));
    }

    #[test]
    fn damaged_documents_agree(text in document(), at in any::<prop::sample::Index>(),
                               insert in prop::sample::select(PIECES)) {
        let mut cut = at.index(text.len() + 1);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let damaged = format!("{}{insert}{}", &text[..cut], &text[cut..]);
        prop_assert_eq!(check(&damaged).map(|_| ()), Ok(()));
    }
}

/// The property above is only worth something if many generated documents are taken,
/// among them some of each shape that once made the two disagree.
#[test]
fn generated_documents_often_take_the_fast_path() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut taken, mut long_keys, mut blank_tails) = (0, 0, 0);
    for _ in 0..1000 {
        let text = document()
            .new_tree(&mut runner)
            .expect("a document")
            .current();
        if check(&text) == Ok(true) {
            taken += 1;
            long_keys += usize::from(text.contains(&"k".repeat(1000)));
            blank_tails += usize::from(text.ends_with("  ") && !text.ends_with(": "));
        }
    }
    assert!(taken > 100, "only {taken} of 1000 took the fast path");
    assert!(long_keys > 0, "no taken document with a long key");
    assert!(
        blank_tails > 10,
        "only {blank_tails} taken documents ending in blanks"
    );
}

/// With `ACTORGRAPH_YAML_CORPUS` set, measures the fast path alone on one thread (its
/// events go to a sink that keeps nothing), for docs/performance.md. Times nothing it
/// asserts; run it with `--release`.
#[test]
#[ignore = "a measurement; needs ACTORGRAPH_YAML_CORPUS"]
fn fast_path_speed() {
    struct Sink;
    impl Events for Sink {
        fn scalar(&mut self, _: &str, _: ScalarStyle, _: Span) {}
        fn seq_start(&mut self, _: Span) {}
        fn map_start(&mut self, _: Span) {}
        fn end(&mut self) {}
    }
    let dir = std::env::var_os("ACTORGRAPH_YAML_CORPUS").expect("ACTORGRAPH_YAML_CORPUS");
    let texts: Vec<String> = yaml_files(std::path::Path::new(&dir))
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable UTF-8"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let started = std::time::Instant::now();
    let taken = texts
        .iter()
        .filter(|text| parse(text, FileId(0), &mut Sink).is_ok())
        .count();
    let seconds = started.elapsed().as_secs_f64();
    #[allow(clippy::cast_precision_loss)]
    let rate = bytes as f64 / seconds / 1e6;
    eprintln!(
        "fast path: {taken} of {} files, {bytes} bytes in {seconds:.2} s: {rate:.0} MB/s",
        texts.len()
    );
}

/// A comment one blank after a plain scalar is an event of both readers; one set off by
/// two blanks is not.
#[test]
fn comments_cutting_plain_scalars_are_seen_alike() {
    let text =
        "title: Issue #12 of Dabiq\nlocator: p. 4 # c\nl:\n- x # y\n- z  # w\nq: \"a\" # b\n";
    let comments = |events: Vec<Ev>| events.iter().filter(|e| **e == Ev::Comment).count();
    assert_eq!(fast(text).map(comments), Some(3));
    assert_eq!(saphyr(text).map(comments), Some(3));
}
