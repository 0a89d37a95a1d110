//! The validator against its fixtures.
//!
//! - `tests/fixtures/invalid/<code>.yaml` (or a directory `<code>/` when the defect needs
//!   several files) holds exactly one defect and must produce exactly one diagnostic, with
//!   that code; `<code>--<variant>.yaml` is another way to trigger the same code. The human
//!   report of each is pinned by an insta snapshot in `tests/it/snapshots/`.
//! - Codes that cannot be a committed text file (an unreadable path, an empty directory,
//!   bytes that are not UTF-8) are tested at run time, below.
//! - `tests/fixtures/valid/full/` uses every feature of the format and must validate clean.
//!
//! Paths are relative to the crate root so the snapshots are stable.

use std::path::{Path, PathBuf};

use actorgraph::diagnostic::{Code, Diagnostic, Severity, SourceCache, Summary, render_human};
use actorgraph::model::{Dataset, LineStyle, When};
use actorgraph::pipeline::{self, Checked};

const INVALID: &str = "tests/fixtures/invalid";
const VALID: &str = "tests/fixtures/valid/full";

/// The test of `actorgraph import`'s codes: their fixtures are tables, not YAML.
const IMPORT_FIXTURES: &str = "import::each_code_fixture_gives_exactly_its_code";

/// Codes tested at run time instead of by a committed fixture, with the test that does it.
const RUNTIME: &[(&str, &str)] = &[
    ("no-yaml-files", "runtime_no_yaml_files"),
    ("io-error", "runtime_io_error_for_a_missing_path"),
    ("not-a-regular-file", "runtime_not_a_regular_file"),
    ("link-outside-dataset", "runtime_link_outside_dataset"),
    ("invalid-utf8", "runtime_invalid_utf8"),
    // Import codes come from tables: tests/it/import.rs runs tests/fixtures/import/codes/.
    ("unreadable-table", IMPORT_FIXTURES),
    ("missing-column", IMPORT_FIXTURES),
    ("empty-cell", IMPORT_FIXTURES),
    ("unknown-node", IMPORT_FIXTURES),
    ("unmapped-relation", IMPORT_FIXTURES),
    ("decoded-encoding", IMPORT_FIXTURES),
    ("unused-column", IMPORT_FIXTURES),
    ("duplicate-row", IMPORT_FIXTURES),
    ("merged-rows", IMPORT_FIXTURES),
    ("repaired-mojibake", IMPORT_FIXTURES),
    ("probable-match", IMPORT_FIXTURES),
    ("suspected-escapes", IMPORT_FIXTURES),
    ("repaired-escapes", IMPORT_FIXTURES),
];

/// Runs the pipeline from the crate root, so relative fixture paths resolve.
fn check(paths: &[&str]) -> Checked {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("crate root");
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    pipeline::check(pipeline::Input::Paths(&paths), pipeline::Mode::Build)
}

/// The human report, exactly as `actorgraph validate` prints it.
fn human(checked: &Checked) -> String {
    let summary = Summary::of(&checked.diagnostics, checked.files.len());
    let mut cache = SourceCache::new(&checked.files);
    let mut out = Vec::new();
    render_human(&mut out, &checked.diagnostics, &summary, &mut cache).expect("render");
    String::from_utf8(out).expect("UTF-8 report")
}

fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn code_named(name: &str) -> Code {
    Code::ALL
        .iter()
        .copied()
        .find(|c| c.as_str() == name)
        .unwrap_or_else(|| panic!("`{name}` is not a diagnostic code"))
}

/// The fixture path of `name` (`code` or `code--variant`): a file, else a directory.
fn fixture_path(name: &str) -> String {
    let file = format!("{INVALID}/{name}.yaml");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if root.join(&file).is_file() {
        file
    } else {
        let dir = format!("{INVALID}/{name}");
        assert!(root.join(&dir).is_dir(), "no fixture {file} or {dir}/");
        dir
    }
}

/// Checks one invalid fixture: exactly one diagnostic, with the code its name gives, at a
/// position inside the file; the dataset is built only when that code is a warning.
fn check_fixture(name: &str) {
    let code = code_named(name.split("--").next().unwrap_or(name));
    let checked = check(&[&fixture_path(name)]);
    assert_eq!(
        codes(&checked.diagnostics),
        [code.as_str()],
        "{name}: expected exactly one `{code}` diagnostic, got:\n{}",
        human(&checked)
    );
    let d = &checked.diagnostics[0];
    let loc = d
        .location
        .as_ref()
        .expect("fixture diagnostics have a location");
    assert!(loc.line >= 1 && loc.column >= 1, "{name}: {loc:?}");
    assert_eq!(d.severity, code.severity());
    assert_eq!(
        checked.dataset.is_some(),
        code.severity() == Severity::Warning,
        "{name}: a dataset is built exactly when there is no error"
    );
    insta::assert_snapshot!(name, human(&checked));
}

macro_rules! fixtures {
    ($($test:ident => $name:literal,)*) => {
        /// Every invalid fixture, by name; `every_fixture_file_is_tested` keeps it complete.
        const FIXTURES: &[&str] = &[$($name,)*];
        $(
            #[test]
            fn $test() {
                check_fixture($name);
            }
        )*
    };
}

fixtures! {
    yaml_syntax => "yaml-syntax",
    yaml_syntax_recursive_alias => "yaml-syntax--recursive-alias",
    yaml_syntax_skipped_checks => "yaml-syntax--skipped-checks",
    yaml_syntax_tab_indentation => "yaml-syntax--tab-indentation",
    yaml_syntax_unclosed_quote => "yaml-syntax--unclosed-quote",
    multiple_documents => "multiple-documents",
    nesting_too_deep => "nesting-too-deep",
    duplicate_key => "duplicate-key",
    unsupported_tag => "unsupported-tag",
    unsupported_tag_collection => "unsupported-tag--collection",
    tag_mismatch => "tag-mismatch",
    not_a_mapping => "not-a-mapping",
    unknown_key => "unknown-key",
    unknown_key_top_level => "unknown-key--top-level",
    unknown_key_reliabilty => "unknown-key--reliabilty",
    unknown_key_credibilty => "unknown-key--credibilty",
    unknown_key_misplaced_reliability => "unknown-key--misplaced-reliability",
    missing_field => "missing-field",
    missing_field_citation_ref => "missing-field--citation-ref",
    wrong_type => "wrong-type",
    wrong_type_directed => "wrong-type--directed",
    wrong_type_required_list => "wrong-type--required-list",
    wrong_type_quoted_credibility => "wrong-type--quoted-credibility",
    empty_value => "empty-value",
    invalid_value => "invalid-value",
    invalid_value_color => "invalid-value--color",
    invalid_value_style => "invalid-value--style",
    control_character => "control-character",
    invalid_id => "invalid-id",
    invalid_id_edge => "invalid-id--edge",
    duplicate_id => "duplicate-id",
    duplicate_id_edge => "duplicate-id--edge",
    duplicate_id_edge_type => "duplicate-id--edge-type",
    invalid_url => "invalid-url",
    invalid_url_javascript => "invalid-url--javascript",
    invalid_wikidata => "invalid-wikidata",
    invalid_reliability => "invalid-reliability",
    invalid_reliability_lowercase => "invalid-reliability--lowercase",
    invalid_credibility => "invalid-credibility",
    invalid_credibility_disputed_by => "invalid-credibility--disputed-by",
    invalid_date => "invalid-date",
    invalid_date_no_such_day => "invalid-date--no-such-day",
    invalid_date_month_name => "invalid-date--month-name",
    invalid_date_approximate => "invalid-date--approximate",
    invalid_date_range => "invalid-date--range",
    unknown_organization => "unknown-organization",
    unknown_organization_by_name => "unknown-organization--by-name",
    unknown_edge_type => "unknown-edge-type",
    builtin_direction => "builtin-direction",
    self_loop => "self-loop",
    date_with_interval => "date-with-interval",
    end_before_start => "end-before-start",
    end_before_start_dissolved => "end-before-start--dissolved",
    missing_citation => "missing-citation",
    missing_citation_absent => "missing-citation--absent",
    unknown_source => "unknown-source",
    unknown_source_disputed_by => "unknown-source--disputed-by",
    duplicate_edge => "duplicate-edge",
    undated_edge => "undated-edge",
    date_outside_lifespan => "date-outside-lifespan",
    date_outside_lifespan_before_founded => "date-outside-lifespan--before-founded",
    splinter_before_parent => "splinter-before-parent",
    self_disputed => "self-disputed",
    unused_source => "unused-source",
    isolated_organization => "isolated-organization",
    suspected_mojibake => "suspected-mojibake",
    comment_in_text => "comment-in-text",
}

#[test]
fn every_code_has_a_fixture_or_a_runtime_test() {
    for code in Code::ALL {
        let name = code.as_str();
        let fixture = FIXTURES.contains(&name);
        let runtime = RUNTIME.iter().any(|(c, _)| *c == name);
        assert!(
            fixture || runtime,
            "`{name}` has no fixture in {INVALID}/ and no runtime test"
        );
        assert!(
            !(fixture && runtime),
            "`{name}` is listed both as a fixture and as a runtime test"
        );
    }
    for (name, _) in RUNTIME {
        code_named(name);
    }
}

#[test]
fn every_fixture_file_is_tested() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(INVALID);
    let mut on_disk: Vec<String> = std::fs::read_dir(&root)
        .expect("fixture directory")
        .map(|e| {
            let name = e.expect("entry").file_name().to_string_lossy().into_owned();
            name.strip_suffix(".yaml")
                .map_or(name.clone(), str::to_owned)
        })
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|s| (*s).to_owned()).collect();
    listed.sort();
    assert_eq!(
        on_disk, listed,
        "fixture files and the `fixtures!` list differ"
    );
    for name in FIXTURES {
        code_named(name.split("--").next().unwrap_or(name));
    }
}

#[test]
fn runtime_no_yaml_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("README.txt"), "not a dataset").expect("write");
    let checked = pipeline::check(
        pipeline::Input::Paths(&[dir.path().to_path_buf()]),
        pipeline::Mode::Build,
    );
    assert_eq!(codes(&checked.diagnostics), ["no-yaml-files"]);
    assert!(checked.diagnostics[0].location.is_none());
    assert!(checked.input_failed());
    assert!(checked.dataset.is_none());
}

#[test]
fn runtime_io_error_for_a_missing_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("no-such-file.yaml");
    let checked = pipeline::check(pipeline::Input::Paths(&[missing]), pipeline::Mode::Build);
    assert_eq!(codes(&checked.diagnostics), ["io-error"]);
    assert!(checked.diagnostics[0].message.contains("no-such-file.yaml"));
    assert!(checked.input_failed());
    assert!(checked.dataset.is_none());
}

#[cfg(unix)]
#[test]
fn runtime_not_a_regular_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pipe = dir.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&pipe).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let checked = pipeline::check(
        pipeline::Input::Paths(&[dir.path().to_path_buf()]),
        pipeline::Mode::Build,
    );
    assert_eq!(codes(&checked.diagnostics), ["not-a-regular-file"]);
    assert!(checked.input_failed());
    assert!(checked.dataset.is_none());
    let report = human(&checked).replace(&*dir.path().to_string_lossy(), "[DIR]");
    insta::assert_snapshot!("not-a-regular-file", report);
}

#[cfg(unix)]
#[test]
fn runtime_link_outside_dataset() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    std::fs::write(dir.path().join("secret.yaml"), "organizations: [{id: x}]\n").expect("write");
    std::os::unix::fs::symlink("../secret.yaml", data.join("shared.yaml")).expect("symlink");
    let checked = pipeline::check(
        pipeline::Input::Paths(std::slice::from_ref(&data)),
        pipeline::Mode::Build,
    );
    assert_eq!(codes(&checked.diagnostics), ["link-outside-dataset"]);
    assert!(checked.input_failed());
    assert!(checked.dataset.is_none());
    let report = human(&checked).replace(&*dir.path().to_string_lossy(), "[DIR]");
    insta::assert_snapshot!("link-outside-dataset", report);
}

#[test]
fn runtime_invalid_utf8() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("latin1.yaml");
    // "Ansar al-Islam’s" saved as Windows-1252: the apostrophe is the single byte 0x92.
    std::fs::write(
        &path,
        b"organizations:\n  - id: ansar\n    name: Ansar al-Islam\x92s wing\n",
    )
    .expect("write");
    let checked = pipeline::check(
        pipeline::Input::Paths(std::slice::from_ref(&path)),
        pipeline::Mode::Build,
    );
    assert_eq!(codes(&checked.diagnostics), ["invalid-utf8"]);
    assert!(
        !checked.input_failed(),
        "a bad file is invalid, not unreadable"
    );
    let report = human(&checked).replace(&*path.to_string_lossy(), "[FILE]");
    insta::assert_snapshot!("invalid-utf8", report);
}

#[test]
fn invalid_utf8_column_ignores_a_byte_order_mark() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bom.yaml");
    std::fs::write(&path, b"\xef\xbb\xbforganizations: [\xff]\n").expect("write");
    let checked = pipeline::check(
        pipeline::Input::Paths(std::slice::from_ref(&path)),
        pipeline::Mode::Build,
    );
    let loc = checked.diagnostics[0].location.as_ref().expect("location");
    assert_eq!((loc.line, loc.column), (1, 17));
}

#[test]
fn diagnostics_do_not_depend_on_argument_order() {
    let a = "tests/fixtures/invalid/duplicate-id/a.yaml";
    let b = "tests/fixtures/invalid/duplicate-id/b.yaml";
    let forward = human(&check(&[a, b]));
    assert_eq!(forward, human(&check(&[b, a])));
    assert_eq!(
        forward,
        human(&check(&["tests/fixtures/invalid/duplicate-id"]))
    );
    assert_eq!(
        forward,
        human(&check(&[b, a, b])),
        "a file named twice is read once"
    );
}

#[test]
fn all_invalid_fixtures_at_once() {
    // A mixed dataset of every defect: every file is read, nothing panics, no dataset.
    let checked = check(&[INVALID]);
    let files = walk_count(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(INVALID)
            .as_path(),
    );
    assert_eq!(checked.files.len(), files);
    assert!(checked.has_errors() && !checked.input_failed());
    assert!(checked.dataset.is_none());
}

fn walk_count(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| {
            let path = e.expect("entry").path();
            if path.is_dir() { walk_count(&path) } else { 1 }
        })
        .sum()
}

// The valid fixture.

fn valid() -> Dataset {
    let checked = check(&[VALID]);
    assert!(
        checked.diagnostics.is_empty(),
        "the valid fixture must have no diagnostics:\n{}",
        human(&checked)
    );
    assert_eq!(checked.files.len(), 3);
    checked.dataset.expect("a dataset")
}

#[test]
fn valid_fixture_has_no_diagnostics_and_the_expected_counts() {
    let d = valid();
    assert_eq!(d.organizations.len(), 4);
    assert_eq!(d.sources.len(), 3);
    assert_eq!(
        d.edge_types.len(),
        5,
        "four built-in types and `cooperation`"
    );
    assert_eq!(d.edges.len(), 5);
    // Each edge is incident to its two organizations.
    let incident: usize = (0..4).map(|o| d.incident_edges(o).count()).sum();
    assert_eq!(incident, 2 * 5);
    assert_eq!(d.edges.iter().filter(|e| e.is_disputed()).count(), 1);
    let ids: Vec<&str> = d.organizations.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(
        ids,
        ["alpha", "beta", "delta-9", "gamma.cell_2"],
        "sorted by id"
    );
    let ids: Vec<&str> = d.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["src-one", "src-three", "src-two"]);
    assert!((0..4).all(|i| d.has_edges(i)));
}

#[test]
fn valid_fixture_uses_every_edge_type_feature() {
    let d = valid();
    let names: Vec<&str> = d.edge_types.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "allegiance",
            "cooperation",
            "hosting",
            "rivalry",
            "splinter"
        ]
    );
    let used: Vec<&str> = d
        .edges
        .iter()
        .map(|e| d.edge_type(e).name.as_str())
        .collect();
    for name in names {
        assert!(used.contains(&name), "no edge of type `{name}`");
    }
    let cooperation = &d.edge_types[1];
    assert!(!cooperation.directed && !cooperation.builtin);
    assert_eq!(cooperation.color, "#1b9e77");
    assert_eq!(cooperation.style, LineStyle::Dashed);
    assert_eq!(cooperation.label, "cooperates with <&> \"jointly\"");
    let rivalry = &d.edge_types[3];
    assert!(!rivalry.directed && rivalry.builtin, "redeclared built-in");
    assert_eq!(rivalry.color, "crimson");
    assert_eq!(rivalry.style, LineStyle::Dotted);
    assert_eq!(rivalry.label, "rival of (redeclared): {a} & {b}");
}

#[test]
fn valid_fixture_uses_every_date_form() {
    let d = valid();
    let whens: Vec<&When> = d.edges.iter().map(|e| &e.when).collect();
    assert!(whens.iter().any(|w| matches!(w, When::Point(_))));
    assert!(whens.iter().any(|w| matches!(
        w,
        When::Interval {
            start: Some(_),
            end: Some(_)
        }
    )));
    assert!(whens.iter().any(|w| matches!(
        w,
        When::Interval {
            start: Some(_),
            end: None
        }
    )));
    assert!(whens.iter().any(|w| matches!(
        w,
        When::Interval {
            start: None,
            end: Some(_)
        }
    )));
    assert!(!whens.iter().any(|w| matches!(w, When::Undated)));
    let dates: Vec<&actorgraph::model::Date> = d
        .edges
        .iter()
        .flat_map(|e| [e.when.first(), e.when.last()])
        .flatten()
        .chain(
            d.organizations
                .iter()
                .flat_map(|o| [&o.founded, &o.dissolved])
                .flatten(),
        )
        .chain(
            d.sources
                .iter()
                .flat_map(|s| [&s.published, &s.accessed])
                .flatten(),
        )
        .collect();
    let texts: Vec<&str> = dates.iter().map(|d| d.text()).collect();
    for needle in ["?", "~", "%", "X"] {
        assert!(
            texts.iter().any(|t| t.contains(needle)),
            "no date with {needle}: {texts:?}"
        );
    }
    assert!(
        dates
            .iter()
            .any(|d| d.is_uncertain() && !d.is_approximate())
    );
    assert!(
        dates
            .iter()
            .any(|d| d.is_approximate() && !d.is_uncertain())
    );
    assert!(dates.iter().any(|d| d.is_uncertain() && d.is_approximate()));
    for precision in [
        "1998",
        "2019-05",
        "2026-11-21",
        "19XX",
        "201X",
        "1991-XX",
        "2012-03-XX",
    ] {
        assert!(texts.contains(&precision), "no date written {precision}");
    }
}

#[test]
fn valid_fixture_uses_every_record_field() {
    let d = valid();
    let alpha = &d.organizations[0];
    assert_eq!(alpha.name, "Alpha \"Front\" <Lions> & Co.");
    assert_eq!(alpha.short.as_deref(), Some("A&L"));
    assert_eq!(alpha.aliases.len(), 3);
    assert_eq!(alpha.aliases[0], "Alpha: the \\ backslash");
    assert_eq!(alpha.kind.as_deref(), Some("militant-group"));
    assert_eq!(alpha.region.as_deref(), Some("Central Asia"));
    assert_eq!(alpha.wikidata.as_deref(), Some("Q1189217"));
    assert!(alpha.founded.is_some() && alpha.dissolved.is_some());
    assert_eq!(
        alpha.notes.as_deref(),
        Some("Two lines of notes,\nwith a\ttab and a trailing newline.\n")
    );
    assert_eq!(d.organizations[1].name, "حركة بيتا");
    assert!(
        d.organizations[1]
            .short
            .as_deref()
            .is_some_and(|s| s.contains('🦁'))
    );
    let src = &d.sources[0];
    assert!(src.author.is_some() && src.publisher.is_some() && src.notes.is_some());
    assert!(src.published.is_some() && src.accessed.is_some());
    assert_eq!(
        src.url.as_deref(),
        Some("https://example.org/a?b=1&c=2#frag")
    );
    assert_eq!(src.title, "\"Quoted\" & <Title>: {One} \\ back");
    let citations: Vec<_> = d
        .edges
        .iter()
        .flat_map(|e| e.sources.iter().chain(&e.disputed_by))
        .collect();
    assert!(
        citations
            .iter()
            .any(|c| c.quote.is_some() && c.locator.is_some())
    );
    assert!(
        citations
            .iter()
            .any(|c| c.quote.is_none() && c.locator.is_none()),
        "bare id"
    );
    assert!(
        citations
            .iter()
            .any(|c| c.quote.is_none() && c.locator.is_some())
    );
    assert!(d.edges.iter().any(|e| e.id.is_none()), "an edge without id");
    assert!(d.edges.iter().any(|e| e.notes.is_some()));
    let confidences: Vec<_> = d.edges.iter().filter_map(|e| e.confidence).collect();
    assert_eq!(confidences.len(), 3, "high, medium and low");
}

/// Duplicates are grouped by type, endpoints (either way round when undirected) and the
/// dates as written: every later copy points at the first, and near misses are not
/// duplicates.
#[test]
fn duplicate_edges_point_at_the_first_copy() {
    let dir = tempfile::tempdir().expect("temp dir");
    let edge = |from: &str, to: &str, ty: &str, date: &str| {
        format!("  - {{from: {from}, to: {to}, type: {ty}, {date} sources: [s]}}\n")
    };
    let mut yaml = String::from(
        "organizations:\n  - {id: a, name: A}\n  - {id: b, name: B}\nsources:\n  - {id: s, title: S}\nedges:\n",
    );
    let lines = [
        edge("a", "b", "rivalry", "date: 2001,"),    // line 7: first
        edge("a", "b", "allegiance", "date: 2001,"), // other type
        edge("b", "a", "rivalry", "date: 2001,"),    // undirected, reversed: duplicate
        edge("a", "b", "rivalry", "date: 2001-XX,"), // other dates as written
        edge("b", "a", "allegiance", "date: 2001,"), // directed, reversed: not one
        edge("a", "b", "rivalry", "date: 2001,"),    // line 12: duplicate
        edge("a", "b", "rivalry", ""),               // undated: first of its own
        edge("b", "a", "rivalry", ""),               // line 14: duplicate of the undated one
    ];
    for line in &lines {
        yaml.push_str(line);
    }
    let path = dir.path().join("d.yaml");
    std::fs::write(&path, yaml).expect("write");
    let checked = pipeline::check(pipeline::Input::Paths(&[path]), pipeline::Mode::Build);
    let found: Vec<(u32, u32)> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::DuplicateEdge)
        .map(|d| {
            let at = d.location.as_ref().expect("location").line;
            let first = d.related.as_ref().expect("related").location.line;
            (at, first)
        })
        .collect();
    assert_eq!(found, [(9, 7), (12, 7), (14, 13)]);
}

/// The fuzzy "did you mean" goes to the first 200 unknown references in dataset order
/// (files in order, then lines), however the files' edges were spread over threads.
#[test]
fn fuzzy_suggestions_go_to_the_first_200_unknown_references() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a-records.yaml"),
        "organizations:\n  - {id: alpha, name: Alpha}\n  - {id: bravo, name: Bravo}\nsources:\n  - {id: report-2015, title: R}\n",
    )
    .expect("write");
    // 3 files × 35 edges × 2 unknown references (an endpoint and a source) = 210.
    for f in 0..3 {
        let mut yaml = String::from("edges:\n");
        for _ in 0..35 {
            yaml.push_str(
                "  - {from: alpha, to: bravx, type: rivalry, date: 2001, sources: [report-2016]}\n",
            );
        }
        std::fs::write(dir.path().join(format!("b-edges-{f}.yaml")), yaml).expect("write");
    }
    let checked = pipeline::check(
        pipeline::Input::Paths(&[dir.path().to_path_buf()]),
        pipeline::Mode::Build,
    );
    let helps: Vec<(Code, bool)> = checked
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code, Code::UnknownOrganization | Code::UnknownSource))
        .map(|d| {
            let help = d.help.as_deref().unwrap_or_default();
            (d.code, help.starts_with("did you mean"))
        })
        .collect();
    assert_eq!(helps.len(), 210);
    assert!(
        helps[..200].iter().all(|&(_, guessed)| guessed),
        "{helps:?}"
    );
    assert!(
        helps[200..].iter().all(|&(_, guessed)| !guessed),
        "{helps:?}"
    );
    assert_eq!(helps[0].0, Code::UnknownOrganization);
    assert_eq!(helps[1].0, Code::UnknownSource);
    let first = &checked
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownSource);
    assert_eq!(
        first.and_then(|d| d.help.as_deref()),
        Some("did you mean `report-2015`?")
    );
}

/// The model's edges are made while the edges are checked; an error found anywhere, in
/// the same pass (an unknown endpoint in the last file) or after it (a duplicate edge,
/// found once every file is checked), still leaves no dataset, and the same diagnostics.
#[test]
fn an_error_anywhere_leaves_no_dataset() {
    let extra = [
        (
            "unknown-endpoint",
            "edges:\n  - from: beta\n    to: nobody\n    type: rivalry\n    date: 2003\n    sources: [src-one]\n",
        ),
        (
            "duplicate-edge",
            "edges:\n  - from: beta\n    to: alpha\n    type: splinter\n    date: 2002\n    sources: [src-two]\n",
        ),
    ];
    for (code, text) in extra {
        let dir = tempfile::tempdir().expect("temp dir");
        for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(VALID))
            .expect("valid fixture")
        {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, dir.path().join(path.file_name().expect("name"))).expect("copy");
        }
        let clean = pipeline::check(
            pipeline::Input::Paths(&[dir.path().to_path_buf()]),
            pipeline::Mode::Build,
        );
        assert!(clean.dataset.is_some(), "{code}: the copy is valid");
        std::fs::write(dir.path().join("99-last.yaml"), text).expect("write");
        let checked = pipeline::check(
            pipeline::Input::Paths(&[dir.path().to_path_buf()]),
            pipeline::Mode::Build,
        );
        assert!(checked.dataset.is_none(), "{code}: no dataset");
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.code.as_str())
            .collect();
        let expected = if code == "unknown-endpoint" {
            "unknown-organization"
        } else {
            code
        };
        assert_eq!(errors, [expected], "{code}");
        let mut seen = 0;
        let mut report = |_: &_, d: &[Diagnostic]| seen = d.len();
        let paths = [dir.path().to_path_buf()];
        let mode = pipeline::Mode::BuildWhileReporting(&mut report);
        let reported = pipeline::check(pipeline::Input::Paths(&paths), mode);
        assert!(reported.dataset.is_none());
        assert_eq!(seen, checked.diagnostics.len());
    }
}
