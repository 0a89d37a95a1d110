//! YAML mistakes a new user makes: one mistake gives one clear error, first in the report,
//! and nothing that the unreadable file's records could have satisfied is reported.

use std::path::{Path, PathBuf};

use actorgraph::diagnostic::{Code, Diagnostic};
use actorgraph::pipeline::{self, Checked, Input, Mode};

fn check_dir(files: &[(&str, &str)]) -> (tempfile::TempDir, Checked) {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let paths = [PathBuf::from(dir.path())];
    let checked = pipeline::check(Input::Paths(&paths), Mode::Build);
    (dir, checked)
}

fn file_of<'c>(checked: &'c Checked, d: &Diagnostic) -> &'c Path {
    let id = d.location.as_ref().expect("a location").file_id;
    checked.files.path(id)
}

fn codes(checked: &Checked) -> Vec<Code> {
    checked.diagnostics.iter().map(|d| d.code).collect()
}

/// The case: an unquoted colon in a source title gave 15 `unknown-source` errors
/// and the real one last.
const BROKEN_SOURCES: &str = "sources:
  - id: lister-2015
    title: The Syrian Jihad: Al-Qaeda, the Islamic State and the Evolution of an Insurgency
  - id: s
    title: Another source
";

const EDGES: &str = "organizations:
  - id: jn
    name: Jabhat al-Nusra
  - id: isi
    name: Islamic State of Iraq
  - id: lonely
    name: Nobody cites this one
edges:
  - from: jn
    to: isi
    type: splinter
    date: July 2013
    sources: [lister-2015]
  - from: jn
    to: isi
    type: rivalry
    start: 2014
    sources: [lister-2015, s]
";

#[test]
fn a_file_that_does_not_parse_is_reported_first_and_alone() {
    // `a.yaml` sorts before `b.yaml`, and has a real error of its own.
    let (_dir, checked) = check_dir(&[("a.yaml", EDGES), ("b.yaml", BROKEN_SOURCES)]);
    assert_eq!(
        codes(&checked),
        [Code::YamlSyntax, Code::InvalidDate],
        "{:#?}",
        checked.diagnostics
    );
    let first = &checked.diagnostics[0];
    assert!(file_of(&checked, first).ends_with("b.yaml"));
    let help = first.help.as_deref().expect("help");
    assert!(help.contains("quote"), "{help}");
    // Three unknown sources and one isolated organization were withheld.
    assert!(help.contains("4 checks"), "{help}");
    assert!(checked.dataset.is_none());
}

#[test]
fn once_the_file_parses_the_references_are_checked_again() {
    let fixed = BROKEN_SOURCES.replace(
        "title: The Syrian Jihad: Al-Qaeda",
        "title: The Syrian Jihad - Al-Qaeda",
    );
    let without = "sources:\n  - id: t\n    title: T\n";
    let (_dir, checked) = check_dir(&[("a.yaml", EDGES), ("b.yaml", without)]);
    let c = codes(&checked);
    assert!(c.contains(&Code::UnknownSource), "{c:?}");
    assert!(c.contains(&Code::IsolatedOrganization), "{c:?}");
    let (_dir, checked) = check_dir(&[("a.yaml", EDGES), ("b.yaml", &fixed)]);
    assert_eq!(
        codes(&checked),
        [Code::IsolatedOrganization, Code::InvalidDate]
    );
    assert!(
        checked
            .diagnostics
            .iter()
            .all(|d| d.help.as_deref().is_none_or(|h| !h.contains("skipped")))
    );
}

#[test]
fn one_tab_gives_one_error_at_the_tab_and_no_isolated_organizations() {
    let text = "organizations:
  - id: a
    name: A
  - id: b
    name: B
  - id: c
\tname: C
";
    let (_dir, checked) = check_dir(&[
        ("orgs.yaml", text),
        ("more.yaml", "organizations:\n  - id: d\n    name: D\n"),
    ]);
    assert_eq!(
        codes(&checked),
        [Code::YamlSyntax],
        "{:#?}",
        checked.diagnostics
    );
    let d = &checked.diagnostics[0];
    let at = d.location.as_ref().map(|l| (l.line, l.column));
    assert_eq!(at, Some((7, 1)));
    let help = d.help.as_deref().expect("help");
    assert!(help.starts_with("indent with spaces"), "{help}");
    assert!(help.contains("1 check that depends"), "{help}");
}

#[test]
fn a_file_that_is_not_text_withholds_the_same_checks() {
    let (_dir, checked) = check_dir(&[
        ("a.yaml", "organizations:\n  - id: d\n    name: D\n"),
        ("b.yaml", "organizations:\n  - id: e\n    name: \0E\n"),
    ]);
    assert_eq!(
        codes(&checked),
        [Code::ControlCharacter],
        "{:#?}",
        checked.diagnostics
    );
    let help = checked.diagnostics[0].help.as_deref().expect("help");
    assert!(help.contains("1 check that depends"), "{help}");
}
