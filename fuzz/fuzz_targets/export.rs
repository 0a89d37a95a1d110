//! Fuzz target 2: an arbitrary dataset, written as YAML with arbitrary Unicode in every
//! text field, arbitrary dates, declared edge types, disputes and filters. Whatever the
//! validator accepts must export in every format to output a strict reader accepts, with
//! every organization, edge and name intact.

#![no_main]

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};

use actorgraph::export::{ClusterBy, Options};
use actorgraph::filter::Filter;
use actorgraph::model::{Confidence, Credibility, Date, Reliability};
use actorgraph::pipeline;
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    orgs: Vec<Org>,
    edges: Vec<EdgeIn>,
    sources: Vec<Src>,
    types: Vec<EdgeTypeIn>,
    legend: bool,
    cluster_by: u8,
    per_edge_direction: bool,
    filter: Option<FilterIn>,
}

#[derive(Arbitrary, Debug)]
struct Org {
    id: Vec<u8>,
    name: String,
    short: Option<String>,
    aliases: Vec<String>,
    kind: Option<String>,
    region: Option<String>,
    founded: Option<DateIn>,
    dissolved: Option<DateIn>,
    wikidata: Option<u32>,
    notes: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct Src {
    id: Vec<u8>,
    title: String,
    author: Option<String>,
    published: Option<DateIn>,
    url: Option<String>,
    notes: Option<String>,
    reliability: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct EdgeTypeIn {
    name: u8,
    directed: bool,
    label: Option<String>,
    color: u8,
    style: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct EdgeIn {
    id: Option<Vec<u8>>,
    from: u8,
    to: u8,
    ty: u8,
    when: WhenIn,
    confidence: Option<u8>,
    sources: Vec<Cite>,
    disputed_by: Vec<Cite>,
    notes: Option<String>,
}

#[derive(Arbitrary, Debug)]
enum WhenIn {
    Undated,
    Point(DateIn),
    Interval(Option<DateIn>, Option<DateIn>),
}

#[derive(Arbitrary, Debug)]
struct Cite {
    source: u8,
    quote: Option<String>,
    locator: Option<String>,
    credibility: Option<u8>,
}

#[derive(Arbitrary, Debug)]
struct DateIn {
    year: u16,
    unknown_digits: u8,
    month: Option<u8>,
    day: Option<u8>,
    qualifier: u8,
}

#[derive(Arbitrary, Debug)]
struct FilterIn {
    as_of: Option<DateIn>,
    focus: Option<u8>,
    depth: u8,
    exclude_disputed: bool,
    drop_isolated: bool,
    types: Vec<u8>,
    min_confidence: Option<u8>,
    min_reliability: Option<u8>,
    min_credibility: Option<u8>,
}

const BUILTIN: [(&str, bool); 4] = [
    ("allegiance", true),
    ("rivalry", false),
    ("splinter", true),
    ("hosting", true),
];
const COLORS: [&str; 6] = [
    "#1b9e77",
    "#D95F02",
    "red",
    "forestgreen",
    "black",
    "#000000",
];
const STYLES: [&str; 4] = ["solid", "dashed", "dotted", "bold"];

/// Text the validator accepts: no forbidden control characters, not blank, trimmed.
fn clean(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| !((c < ' ' && c != '\t' && c != '\n') || c == '\u{fffe}' || c == '\u{ffff}'))
        .collect();
    let trimmed = kept.trim();
    if trimmed.is_empty() {
        "x".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `s` as a double-quoted YAML scalar that reads back exactly as `s`.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() || c == '\u{feff}' || ('\u{2028}'..='\u{2029}').contains(&c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An id: `prefix` and the index, so ids are unique, then a tail from the id alphabet.
fn id(prefix: &str, i: usize, tail: &[u8]) -> String {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789._-";
    let mut s = format!("{prefix}{i}");
    for b in tail.iter().take(20) {
        s.push(char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]));
    }
    s
}

/// Years for organization lifetimes and edges, in separate eras so that most generated
/// datasets are consistent (edges inside lifetimes) and reach the exports.
const FOUNDED: (u16, u16) = (1800, 150);
const DISSOLVED: (u16, u16) = (2051, 150);
const EVENTS: (u16, u16) = (1951, 100);
const ANY_YEAR: (u16, u16) = (0, 10_000);

fn date(d: &DateIn, (first, span): (u16, u16)) -> String {
    let mut s = format!("{:04}", first + d.year % span);
    let unknown = usize::from(d.unknown_digits % 4).min(3);
    if d.unknown_digits >= 4 {
        s.replace_range(4 - unknown.., &"X".repeat(unknown));
    }
    if let Some(m) = d.month {
        if m >= 250 {
            s.push_str("-XX");
        } else {
            let _ = write!(s, "-{:02}", 1 + m % 12);
            if let Some(day) = d.day {
                let _ = write!(s, "-{:02}", 1 + day % 31);
            }
        }
    }
    s.push_str(["", "?", "~", "%"][usize::from(d.qualifier % 4)]);
    if s.bytes().all(|b| b.is_ascii_digit()) && !s.starts_with('0') {
        s // A YAML integer.
    } else {
        quoted(&s)
    }
}

fn opt_text(yaml: &mut String, indent: &str, key: &str, value: Option<&String>) {
    if let Some(v) = value {
        let _ = writeln!(yaml, "{indent}{key}: {}", quoted(&clean(v)));
    }
}

fn opt_date(yaml: &mut String, indent: &str, key: &str, value: Option<&DateIn>, era: (u16, u16)) {
    if let Some(d) = value {
        let _ = writeln!(yaml, "{indent}{key}: {}", date(d, era));
    }
}

struct Built {
    yaml: String,
    names: BTreeMap<String, String>,
    org_ids: Vec<String>,
    type_names: Vec<String>,
}

fn build(input: &Input) -> Built {
    let orgs = &input.orgs[..input.orgs.len().min(12)];
    let mut yaml = String::from("organizations:\n");
    let mut names = BTreeMap::new();
    let mut org_ids = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        let oid = id("o", i, &o.id);
        let name = clean(&o.name);
        let _ = writeln!(yaml, "  - id: {oid}\n    name: {}", quoted(&name));
        opt_text(&mut yaml, "    ", "short", o.short.as_ref());
        if !o.aliases.is_empty() {
            yaml.push_str("    aliases:\n");
            for a in o.aliases.iter().take(4) {
                let _ = writeln!(yaml, "      - {}", quoted(&clean(a)));
            }
        }
        opt_text(&mut yaml, "    ", "kind", o.kind.as_ref());
        opt_text(&mut yaml, "    ", "region", o.region.as_ref());
        opt_date(&mut yaml, "    ", "founded", o.founded.as_ref(), FOUNDED);
        opt_date(
            &mut yaml,
            "    ",
            "dissolved",
            o.dissolved.as_ref(),
            DISSOLVED,
        );
        if let Some(q) = o.wikidata {
            let _ = writeln!(yaml, "    wikidata: Q{}", q % 100_000_000 + 1);
        }
        opt_text(&mut yaml, "    ", "notes", o.notes.as_ref());
        names.insert(oid.clone(), name);
        org_ids.push(oid);
    }
    // Two plain organizations at least, so that edges have somewhere to go.
    for i in org_ids.len()..2 {
        let oid = format!("p{i}");
        let _ = writeln!(yaml, "  - id: {oid}\n    name: Plain {i}");
        names.insert(oid.clone(), format!("Plain {i}"));
        org_ids.push(oid);
    }
    yaml.push_str("sources:\n");
    let sources = &input.sources[..input.sources.len().min(6)];
    let mut source_ids = Vec::new();
    for (i, s) in sources.iter().enumerate() {
        let sid = id("s", i, &s.id);
        let _ = writeln!(
            yaml,
            "  - id: {sid}\n    title: {}",
            quoted(&clean(&s.title))
        );
        opt_text(&mut yaml, "    ", "author", s.author.as_ref());
        if let Some(r) = s.reliability {
            let _ = writeln!(
                yaml,
                "    reliability: {}",
                Reliability::ALL[usize::from(r) % 6].letter()
            );
        }
        opt_date(
            &mut yaml,
            "    ",
            "published",
            s.published.as_ref(),
            ANY_YEAR,
        );
        if let Some(url) = &s.url {
            let path: String = url
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || "/-._~".contains(*c))
                .collect();
            let _ = writeln!(
                yaml,
                "    url: {}",
                quoted(&format!("https://example.org/{path}"))
            );
        }
        opt_text(&mut yaml, "    ", "notes", s.notes.as_ref());
        source_ids.push(sid);
    }
    if source_ids.is_empty() {
        yaml.push_str("  - id: s\n    title: S\n");
        source_ids.push("s".to_owned());
    }
    let mut type_names: Vec<String> = BUILTIN.iter().map(|t| t.0.to_owned()).collect();
    yaml.push_str("edge_types:\n");
    for (i, t) in input.types.iter().take(4).enumerate() {
        let (name, directed) = match BUILTIN.get(usize::from(t.name % 8)) {
            Some(&(builtin, directed)) if !type_names[4..].iter().any(|n| n == builtin) => {
                type_names.push(builtin.to_owned());
                (builtin.to_owned(), directed)
            }
            _ => {
                let name = format!("t{i}");
                type_names.push(name.clone());
                (name, t.directed)
            }
        };
        let _ = writeln!(yaml, "  - name: {name}\n    directed: {directed}");
        opt_text(&mut yaml, "    ", "label", t.label.as_ref());
        let _ = writeln!(
            yaml,
            "    color: \"{}\"",
            COLORS[usize::from(t.color) % COLORS.len()]
        );
        if let Some(style) = t.style {
            let _ = writeln!(yaml, "    style: {}", STYLES[usize::from(style) % 4]);
        }
    }
    yaml.push_str("edges:\n");
    if org_ids.len() > 1 {
        let mut seen = std::collections::BTreeSet::new();
        for (i, e) in input.edges.iter().take(24).enumerate() {
            // No self-loops or repeated pairs: both are errors that would hide the rest.
            let n = org_ids.len();
            let from = usize::from(e.from) % n;
            let mut to = usize::from(e.to) % n;
            if to == from {
                to = (from + 1) % n;
            }
            let ty = usize::from(e.ty) % type_names.len();
            if seen.insert((from.min(to), from.max(to), ty)) {
                let ends = (org_ids[from].as_str(), org_ids[to].as_str());
                write_edge(&mut yaml, i, e, ends, &source_ids, &type_names[ty]);
            }
        }
    }
    Built {
        yaml,
        names,
        org_ids,
        type_names,
    }
}

fn write_edge(
    yaml: &mut String,
    i: usize,
    e: &EdgeIn,
    (from, to): (&str, &str),
    sources: &[String],
    ty: &str,
) {
    let pick = |list: &[String], n: u8| list[usize::from(n) % list.len()].clone();
    yaml.push_str("  - ");
    if let Some(tail) = &e.id {
        let _ = write!(yaml, "id: {}\n    ", id("e", i, tail));
    }
    let _ = writeln!(yaml, "from: {from}\n    to: {to}\n    type: {ty}");
    match &e.when {
        WhenIn::Undated => {}
        WhenIn::Point(d) => opt_date(yaml, "    ", "date", Some(d), EVENTS),
        WhenIn::Interval(start, end) => {
            opt_date(yaml, "    ", "start", start.as_ref(), EVENTS);
            opt_date(yaml, "    ", "end", end.as_ref(), EVENTS);
        }
    }
    if let Some(c) = e.confidence {
        let _ = writeln!(
            yaml,
            "    confidence: {}",
            Confidence::NAMES[usize::from(c) % 3]
        );
    }
    let cites = |yaml: &mut String, key: &str, list: &[Cite]| {
        let _ = writeln!(yaml, "    {key}:");
        for c in list.iter().take(3) {
            let _ = writeln!(yaml, "      - ref: {}", pick(sources, c.source));
            opt_text(yaml, "        ", "quote", c.quote.as_ref());
            opt_text(yaml, "        ", "locator", c.locator.as_ref());
            if let Some(g) = c.credibility {
                let _ = writeln!(yaml, "        credibility: {}", 1 + g % 6);
            }
        }
    };
    if e.sources.is_empty() {
        let _ = writeln!(yaml, "    sources: [{}]", sources[0]);
    } else {
        cites(yaml, "sources", &e.sources);
    }
    // A source cannot both support and dispute an edge.
    let cited: Vec<String> = if e.sources.is_empty() {
        vec![sources[0].clone()]
    } else {
        e.sources
            .iter()
            .take(3)
            .map(|c| pick(sources, c.source))
            .collect()
    };
    let disputing: Vec<&Cite> = e
        .disputed_by
        .iter()
        .filter(|c| !cited.contains(&pick(sources, c.source)))
        .collect();
    if !disputing.is_empty() {
        let _ = writeln!(yaml, "    disputed_by:");
        for c in disputing.iter().take(3) {
            let _ = writeln!(yaml, "      - ref: {}", pick(sources, c.source));
            opt_text(yaml, "        ", "quote", c.quote.as_ref());
            opt_text(yaml, "        ", "locator", c.locator.as_ref());
            if let Some(g) = c.credibility {
                let _ = writeln!(yaml, "        credibility: {}", 1 + g % 6);
            }
        }
    }
    opt_text(yaml, "    ", "notes", e.notes.as_ref());
}

fn filter(f: &FilterIn, built: &Built) -> Filter {
    let pick = |list: &[String], n: u8| list[usize::from(n) % list.len()].clone();
    Filter {
        as_of: f
            .as_of
            .as_ref()
            .and_then(|d| Date::parse(date(d, EVENTS).trim_matches('"')).ok()),
        focus: f
            .focus
            .filter(|_| !built.org_ids.is_empty())
            .map(|n| pick(&built.org_ids, n)),
        depth: usize::from(f.depth % 4),
        exclude_disputed: f.exclude_disputed,
        drop_isolated: f.drop_isolated,
        types: f
            .types
            .iter()
            .take(3)
            .map(|&n| pick(&built.type_names, n))
            .collect(),
        min_confidence: f
            .min_confidence
            .and_then(|c| Confidence::parse(Confidence::NAMES[usize::from(c) % 3])),
        min_reliability: f
            .min_reliability
            .map(|r| Reliability::ALL[usize::from(r) % 5]),
        min_credibility: f
            .min_credibility
            .map(|c| Credibility::ALL[usize::from(c) % 5]),
        ..Filter::default()
    }
}

static RUNS: AtomicUsize = AtomicUsize::new(0);
static VALID: AtomicUsize = AtomicUsize::new(0);
static WITH_EDGES: AtomicUsize = AtomicUsize::new(0);

fuzz_target!(|input: Input| {
    let built = build(&input);
    let path = common::write_scratch("dataset.yaml", built.yaml.as_bytes());
    let checked = pipeline::check(pipeline::Input::Paths(&[path]), pipeline::Mode::Build);
    assert!(!checked.input_failed(), "{:?}", checked.diagnostics);
    let runs = RUNS.fetch_add(1, Ordering::Relaxed) + 1;
    let Some(dataset) = &checked.dataset else {
        return;
    };
    let valid = VALID.fetch_add(1, Ordering::Relaxed) + 1;
    let with_edges =
        WITH_EDGES.fetch_add(usize::from(!dataset.edges.is_empty()), Ordering::Relaxed);
    if runs.is_power_of_two() && runs >= 1024 {
        eprintln!(
            "export target: {valid} of {runs} generated datasets were valid, {with_edges} with edges"
        );
    }
    let options = Options {
        legend: input.legend,
        cluster_by: [None, Some(ClusterBy::Region), Some(ClusterBy::Kind)]
            [usize::from(input.cluster_by % 3)],
        per_edge_direction: input.per_edge_direction,
        ..Options::default()
    };
    assert_eq!(dataset.organizations.len(), built.org_ids.len());
    common::check_exports(dataset, &options, Some(&built.names));
    if let Some(f) = &input.filter
        && let Ok(filtered) = filter(f, &built).apply(dataset)
    {
        common::check_exports(&filtered, &options, Some(&built.names));
    }
});
