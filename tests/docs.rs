//! `docs/diagnostics.md` stays in step with the code list: one `## <code>` heading per
//! code, in `Code::ALL` order, no heading for an unknown code, the right severity, and a
//! first YAML example that really triggers the code.

use std::path::PathBuf;

use actorgraph::diagnostic::{Code, Severity};
use actorgraph::pipeline;

/// What the examples assume the rest of the dataset declares (the reference says so). The
/// file sorts last, so an example's own records own their ids.
const CONTEXT: &str = "organizations:
  - id: imu
    name: Islamic Movement of Uzbekistan
  - id: iju
    name: Islamic Jihad Union
sources:
  - id: s
    title: A source
  - id: t
    title: Another source
";

/// Codes whose failing input cannot be written as YAML text (they are about paths and bytes).
const NO_YAML_EXAMPLE: &[&str] = &[
    "no-yaml-files",
    "io-error",
    "invalid-utf8",
    // Import codes are about tables; their examples are CSV, run by tests/import.rs.
    "unreadable-table",
    "missing-column",
    "empty-cell",
    "unknown-node",
    "unmapped-relation",
    "decoded-encoding",
    "unused-column",
    "duplicate-row",
    "merged-rows",
    "repaired-mojibake",
    "probable-match",
];

struct Section {
    heading: String,
    body: String,
}

/// The `## ` sections of the reference, ignoring lines inside code fences.
fn sections() -> Vec<Section> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md");
    let text = std::fs::read_to_string(path).expect("docs/diagnostics.md");
    let mut sections: Vec<Section> = Vec::new();
    let mut in_fence = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_fence = !in_fence;
        }
        if let Some(heading) = line.strip_prefix("## ").filter(|_| !in_fence) {
            sections.push(Section {
                heading: heading.trim().to_owned(),
                body: String::new(),
            });
        } else if let Some(section) = sections.last_mut() {
            section.body.push_str(line);
            section.body.push('\n');
        }
    }
    sections
}

/// The first `yaml` code block of a section.
fn first_yaml(body: &str) -> Option<String> {
    let start = body.find("```yaml\n")? + "```yaml\n".len();
    let len = body[start..].find("```")?;
    Some(body[start..start + len].to_owned())
}

fn code_named(name: &str) -> Option<Code> {
    Code::ALL.iter().copied().find(|c| c.as_str() == name)
}

#[test]
fn every_code_has_a_heading_in_order_and_no_heading_is_unknown() {
    let headings: Vec<String> = sections().into_iter().map(|s| s.heading).collect();
    for h in &headings {
        assert!(
            code_named(h).is_some(),
            "docs/diagnostics.md has a heading `## {h}` for no known code"
        );
    }
    for code in Code::ALL {
        assert!(
            headings.iter().any(|h| h == code.as_str()),
            "docs/diagnostics.md has no `## {code}` heading"
        );
    }
    let expected: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        headings, expected,
        "headings must follow Code::ALL, once each"
    );
}

#[test]
fn every_section_states_the_severity() {
    for s in sections() {
        let Some(code) = code_named(&s.heading) else {
            continue;
        };
        let word = match code.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        assert!(
            s.body.contains(&format!("**Severity:** {word}")),
            "`## {}` must say **Severity:** {word}",
            s.heading
        );
        assert!(
            s.body.contains("**Fix:**"),
            "`## {}` has no **Fix:**",
            s.heading
        );
    }
}

#[test]
fn every_yaml_example_triggers_its_code() {
    let dir = tempfile::tempdir().expect("temp dir");
    let context = dir.path().join("zz-context.yaml");
    std::fs::write(&context, CONTEXT).expect("write context");
    for s in sections() {
        let Some(code) = code_named(&s.heading) else {
            continue;
        };
        let example = first_yaml(&s.body);
        if NO_YAML_EXAMPLE.contains(&code.as_str()) {
            assert!(
                example.is_none(),
                "`## {code}` is listed as having no YAML example"
            );
            continue;
        }
        let example = example.unwrap_or_else(|| panic!("`## {code}` has no ```yaml example"));
        let path: PathBuf = dir.path().join(format!("{code}.yaml"));
        std::fs::write(&path, &example).expect("write example");
        let checked = pipeline::check(&[path.clone(), context.clone()]);
        std::fs::remove_file(&path).expect("remove example");
        let found: Vec<&str> = checked
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(
            found.contains(&code.as_str()),
            "the example under `## {code}` does not trigger it; it gives {found:?}:\n{example}"
        );
    }
}
