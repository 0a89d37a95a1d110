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
    "not-a-regular-file",
    "link-outside-dataset",
    "invalid-utf8",
    // Import codes are about tables; their examples are CSV, run by tests/it/import.rs.
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
    "suspected-escapes",
    "repaired-escapes",
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
        let checked = pipeline::check(
            pipeline::Input::Paths(&[path.clone(), context.clone()]),
            pipeline::Mode::Build,
        );
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

/// The modules `docs/architecture.md`'s module table names: the backticked names in its
/// first column, `a::{b, c}` standing for `a::b` and `a::c`.
fn documented_modules() -> std::collections::BTreeSet<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/architecture.md");
    let text = std::fs::read_to_string(path).expect("docs/architecture.md");
    let mut names = std::collections::BTreeSet::new();
    let rows = text
        .lines()
        .skip_while(|l| !l.starts_with("| module |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'));
    for row in rows {
        let first = row.split('|').nth(1).expect("a first column");
        for name in first.split('`').skip(1).step_by(2) {
            match name.split_once("::{") {
                Some((parent, rest)) => {
                    for child in rest.trim_end_matches('}').split(',') {
                        names.insert(format!("{parent}::{}", child.trim()));
                    }
                }
                None => {
                    names.insert(name.to_owned());
                }
            }
        }
    }
    names
}

/// The modules under `src/`: `a/b.rs` and `a/b/mod.rs` are `a::b`; `main.rs` is the
/// binary; `lib.rs` (the crate root) and `tests.rs` files (unit tests) are not modules
/// with a job of their own.
fn source_modules() -> std::collections::BTreeSet<String> {
    fn walk(
        dir: &std::path::Path,
        prefix: &[String],
        out: &mut std::collections::BTreeSet<String>,
    ) {
        for entry in std::fs::read_dir(dir).expect("src/ is readable") {
            let path = entry.expect("a directory entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 names");
            let mut module = prefix.to_vec();
            if path.is_dir() {
                module.push(name.to_owned());
                walk(&path, &module, out);
                continue;
            }
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            match (prefix.is_empty(), stem) {
                (true, "main") => {
                    out.insert("main.rs".to_owned());
                    continue;
                }
                (true, "lib") | (_, "tests") => continue,
                (_, "mod") => {}
                _ => module.push(stem.to_owned()),
            }
            out.insert(module.join("::"));
        }
    }
    let mut out = std::collections::BTreeSet::new();
    walk(
        &PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src")),
        &[],
        &mut out,
    );
    out
}

/// Every module under `src/` has a row in the architecture's module table, and every
/// module the table names exists.
#[test]
fn the_architecture_names_every_module() {
    let documented = documented_modules();
    let source = source_modules();
    let missing: Vec<&String> = source.difference(&documented).collect();
    let stale: Vec<&String> = documented.difference(&source).collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md's module table misses {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "docs/architecture.md's module table names modules that do not exist: {stale:?}"
    );
}

/// The README's first code block is the two commands a new user runs, and its sample
/// report is exactly what the tool prints for the typo it describes (issue 20).
#[test]
fn the_readme_shows_what_the_tool_prints() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let first = readme.split("```sh\n").nth(1).expect("a first code block");
    let first = first.split("```").next().expect("its end");
    let commands: Vec<&str> = first
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .collect();
    assert_eq!(commands, ["cargo run -- validate graphs", "cargo test"]);

    let sample = readme
        .split("```console\n$ actorgraph validate graphs --quiet\n")
        .nth(1)
        .expect("the sample report");
    let sample = sample.split("```").next().expect("its end");
    // The bundled dataset with the README's typo.
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&root.join("graphs"), &dir.path().join("graphs"));
    let edges = dir.path().join("graphs/central-asia/edges-allegiance.yaml");
    let text = std::fs::read_to_string(&edges).expect("edges");
    let typo = text.replacen("    to: al-qaeda\n", "    to: al-qaida\n", 1);
    assert_ne!(typo, text, "the typo's line is still in the dataset");
    std::fs::write(&edges, typo).expect("write");
    let r = crate::common::run_in(dir.path(), &["validate", "graphs", "--quiet"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, sample);
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

/// Every `actorgraph` line of the README's *Use* block that reads the bundled dataset
/// runs as written and succeeds (`--strict` aside), so a newcomer copying one never meets an error the
/// README did not promise. Lines that need something the bundled dataset lacks (another
/// directory, a table, a git history, an editor, a pipe to another program) are left out.
#[test]
fn the_readme_examples_on_the_bundled_dataset_work() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let block = readme
        .split("## Use\n\n```sh\n")
        .nth(1)
        .expect("the Use block");
    let block = block.split("```").next().expect("its end");
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(&root.join("graphs"), &dir.path().join("graphs"));
    let mut ran = 0;
    for line in block.lines() {
        let command = line.split(" # ").next().unwrap_or("").trim();
        let Some(args) = command.strip_prefix("actorgraph ").map(words) else {
            continue;
        };
        let needs_more = ["import", "init", "diff", "lsp", "completions", "man"];
        if needs_more.contains(&args[0].as_str())
            || command.contains(['|', '>', '&'])
            || args
                .iter()
                .any(|a| a == "data" || a == "." || a.ends_with('/'))
        {
            continue;
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // The bundled dataset has warnings, which `--strict` makes errors (exit 1).
        let expected = i32::from(args.contains(&"--strict"));
        let r = crate::common::run_in(dir.path(), &args);
        assert_eq!(r.code, expected, "`{command}`:\n{}", r.stderr);
        ran += 1;
    }
    assert!(ran >= 15, "only {ran} README lines ran");
}

/// A README line's words, with double quotes grouping (all the README uses).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => words.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
            _ => word.push(c),
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    words
}
