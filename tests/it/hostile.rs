//! Hostile and odd input: every case gets a clear diagnostic and the right exit status,
//! never a panic, a hang or a memory blow-up. Each runs the real binary as a child process
//! with a time limit (it is killed when the limit passes) and a memory limit (an allocation
//! beyond it aborts the child, which fails the test), so every case proves a bound on
//! both. Inputs are written at test time, so the repository holds no binary or
//! huge files.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::child;

use child::{Limits, Run};

/// Time limit for ordinary inputs (the debug binary takes well under a second).
const LIMIT: Duration = child::TIME;

/// Runs the binary in `dir` under the default limits: killed (and the test failed) after
/// `limit`, and within 64 MiB of memory.
fn run_bounded(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let limits = Limits {
        time: limit,
        ..Limits::default()
    };
    child::run_with(dir, args, limits)
}

/// The JSON report for one file written with `bytes`.
struct Report {
    code: i32,
    diagnostics: Vec<Value>,
    summary: Value,
}

impl Report {
    fn codes(&self) -> Vec<&str> {
        self.diagnostics
            .iter()
            .map(|d| d["code"].as_str().expect("code"))
            .collect()
    }

    /// (line, column) of the first diagnostic with `code`.
    fn position(&self, code: &str) -> (u64, u64) {
        let d = self
            .diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {:?}", self.codes()));
        (
            d["line"].as_u64().expect("line"),
            d["column"].as_u64().expect("column"),
        )
    }
}

fn validate_bytes(name: &str, bytes: &[u8], limits: Limits) -> Report {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), bytes).expect("write input");
    let r = child::run_with(dir.path(), &["validate", "--format", "json", name], limits);
    let v: Value = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{e}: stdout is not JSON:\n{}", r.stdout));
    Report {
        code: r.code,
        diagnostics: v["diagnostics"].as_array().expect("array").clone(),
        summary: v["summary"].clone(),
    }
}

fn validate(name: &str, text: &str) -> Report {
    validate_bytes(name, text.as_bytes(), Limits::default())
}

/// A minimal valid dataset: two organizations, one source, one edge.
fn valid_dataset(notes: &str) -> String {
    format!(
        "organizations:\n  - id: imu\n    name: Islamic Movement of Uzbekistan\n    notes: {notes}\n  \
         - id: iju\n    name: Islamic Jihad Union\nsources:\n  - id: s\n    title: A source\n\
         edges:\n  - from: iju\n    to: imu\n    type: splinter\n    date: 2002\n    sources: [s]\n"
    )
}

#[test]
fn billion_laughs_alias_bomb() {
    // 9 levels of 9 aliases: 9^9 (387 million) strings if expanded. Aliases share nodes,
    // so this costs what its text costs.
    let mut text = String::from(
        "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for level in 1..=9 {
        let refs = vec![format!("*a{}", level - 1); 9].join(",");
        let _ = writeln!(text, "a{level}: &a{level} [{refs}]");
    }
    text.push_str("organizations: *a9\n");
    let r = validate("bomb.yaml", &text);
    assert_eq!(r.code, 1);
    let codes = r.codes();
    assert!(codes.contains(&"unknown-key"), "{codes:?}");
    assert!(codes.contains(&"wrong-type"), "{codes:?}");
    assert!(
        codes.len() <= 20,
        "diagnostics must not multiply: {}",
        codes.len()
    );
}

#[test]
fn alias_bomb_inside_a_record() {
    // The nine levels are items of `aliases`, and `notes` names the last one.
    let mut text = String::from("organizations:\n  - id: imu\n    name: x\n    aliases:\n");
    text.push_str("      - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..9 {
        let refs = vec![format!("*a{}", level - 1); 9].join(", ");
        let _ = writeln!(text, "      - &a{level} [{refs}]");
    }
    text.push_str("    notes: *a8\n");
    let r = validate("bomb.yaml", &text);
    assert_eq!(r.code, 1);
    let codes = r.codes();
    assert_eq!(
        codes.iter().filter(|c| **c == "wrong-type").count(),
        10,
        "{codes:?}"
    );
}

#[test]
fn recursive_alias() {
    let r = validate("recursive.yaml", "organizations: &a [*a]\n");
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["yaml-syntax"]);
    assert_eq!(r.position("yaml-syntax"), (1, 20));
    assert!(
        r.diagnostics[0]["message"]
            .as_str()
            .expect("message")
            .contains("alias")
    );
}

#[test]
fn deep_block_nesting() {
    let text = format!("organizations:\n  - {}x\n", "- ".repeat(10_000));
    let r = validate("deep.yaml", &text);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["nesting-too-deep"]);
}

#[test]
fn deep_block_nesting_by_indentation() {
    // 3,000 levels, 47 times the cap: each level indents two more spaces, so 10,000 levels
    // would be a 100 MB file that tests the file size, not the nesting.
    let mut text = String::new();
    for i in 0..3_000 {
        let _ = writeln!(text, "{}k:", "  ".repeat(i));
    }
    let r = validate("deep.yaml", &text);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["nesting-too-deep"]);
}

#[test]
fn deep_flow_nesting() {
    for text in [
        format!(
            "organizations: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        ),
        format!("organizations: {}\n", "[".repeat(10_000)),
        format!("organizations: {}\n", "{a: ".repeat(10_000)),
        format!("organizations: {}{}\n", "[".repeat(100), "]".repeat(100)),
    ] {
        let r = validate("deep.yaml", &text);
        assert_eq!(r.code, 1);
        assert_eq!(r.codes(), ["nesting-too-deep"], "{}", &text[..40]);
    }
}

#[test]
fn fifty_megabyte_scalar_in_notes_is_valid() {
    let notes = "a".repeat(50 * 1024 * 1024);
    // The debug build scans a 50 MB plain scalar in about 10 s on one core; the limit
    // leaves room for a loaded machine while still catching anything quadratic. It needs
    // under 192 MiB of memory (the file, the parsed scalar and the record each hold a
    // copy); 256 MiB catches any further copy.
    let limits = Limits {
        time: Duration::from_secs(180),
        memory_mib: 256,
        unprivileged: false,
    };
    let r = validate_bytes("big.yaml", valid_dataset(&notes).as_bytes(), limits);
    assert_eq!(r.code, 0, "{:?}", r.codes());
    assert!(r.diagnostics.is_empty());
}

#[test]
fn file_over_the_size_limit_is_refused() {
    // A sparse file one byte over 128 MiB: refused by its size before it is read. (An
    // endless path such as `/dev/zero` is not a regular file, and is refused as such:
    // `tests/it/hostile_files.rs`.)
    let dir = tempfile::tempdir().expect("temp dir");
    let big = std::fs::File::create(dir.path().join("big.yaml")).expect("create");
    big.set_len(128 * 1024 * 1024 + 1).expect("sparse file");
    let r = run_bounded(dir.path(), &["validate", "big.yaml"], LIMIT);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout.starts_with(
            "error[io-error]: cannot read `big.yaml`: the file is larger than 128 MiB"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn invalid_utf8() {
    let mut bytes = valid_dataset("fine").into_bytes();
    // Turn the `A` of "A source" (line 9, column 12) into a lone Latin-1 byte.
    let at = find(&bytes, b"A source");
    bytes[at] = 0xE9;
    let r = validate_bytes("latin1.yaml", &bytes, Limits::default());
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["invalid-utf8"]);
    assert_eq!(r.position("invalid-utf8"), (9, 12));
}

#[test]
fn utf16_file() {
    let text = valid_dataset("fine");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let r = validate_bytes("utf16.yaml", &bytes, Limits::default());
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["invalid-utf8"]);
    assert_eq!(r.position("invalid-utf8"), (1, 1));
}

#[test]
fn nul_byte() {
    let mut bytes = valid_dataset("fine").into_bytes();
    let at = find(&bytes, b"fine") + 2;
    bytes[at] = 0;
    let r = validate_bytes("nul.yaml", &bytes, Limits::default());
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["control-character"]);
    assert_eq!(r.position("control-character"), (4, 14));
}

#[test]
fn nul_byte_file_is_not_quoted_in_human_output() {
    // A file with a NUL byte is not text (`/proc/self/environ` is NUL-separated): the report
    // points at the byte but quotes no line of it.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("nul.yaml"),
        b"organizations:\n  - id: \"a\x00\x1b[2J\"\n",
    )
    .expect("write");
    let r = run_bounded(dir.path(), &["validate", "nul.yaml"], LIMIT);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("--> nul.yaml:2:"), "{}", r.stdout);
    assert!(!r.stdout.contains("2 |"), "{}", r.stdout);
    assert!(
        !r.stdout.contains('\0') && !r.stdout.contains('\u{1b}'),
        "raw control characters reached the terminal"
    );
}

#[test]
fn byte_order_mark_is_valid_and_does_not_shift_columns() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(valid_dataset("fine").as_bytes());
    let r = validate_bytes("bom.yaml", &bytes, Limits::default());
    assert_eq!(r.code, 0, "{:?}", r.codes());
    assert!(r.diagnostics.is_empty());

    let text = "\u{feff}organizations: [{id: imu, name: x, wikidata: bad}]\n";
    let r = validate("bom.yaml", text);
    assert_eq!(r.code, 1);
    // Columns count characters after the mark: `imu` is at 22, `bad` at 46.
    assert_eq!(r.position("isolated-organization"), (1, 22));
    assert_eq!(r.position("invalid-wikidata"), (1, 46));
}

#[test]
fn crlf_line_endings_are_valid_with_right_columns() {
    let text = valid_dataset("|\n      two\n      lines").replace('\n', "\r\n");
    let r = validate("crlf.yaml", &text);
    assert_eq!(r.code, 0, "{:?}", r.diagnostics);

    let text = "organizations:\r\n  - id: imu\r\n    name: \"folded\r\n      name\"\r\n    wikidata: bad\r\n";
    let r = validate("crlf.yaml", text);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["isolated-organization", "invalid-wikidata"]);
    assert_eq!(r.position("invalid-wikidata"), (5, 15));
}

#[test]
fn crlf_human_output_has_no_carriage_returns() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("crlf.yaml"),
        "organizations:\r\n  - id: IMU\r\n    name: x\r\n",
    )
    .expect("write");
    let r = run_bounded(dir.path(), &["validate", "crlf.yaml"], LIMIT);
    assert!(!r.stdout.contains('\r'));
    assert!(
        r.stdout
            .contains("2 |   - id: IMU\n  |         ^^^ ids are lowercase\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn multiple_documents() {
    let text = format!("{}---\norganizations: []\n", valid_dataset("x"));
    let r = validate("two.yaml", &text);
    assert_eq!(r.code, 1);
    assert_eq!(r.codes(), ["multiple-documents"]);
    assert_eq!(r.position("multiple-documents"), (16, 1));

    // An explicit start and end of one document is fine.
    let r = validate("one.yaml", &format!("---\n{}...\n", valid_dataset("x")));
    assert_eq!(r.code, 0, "{:?}", r.codes());
}

#[test]
fn empty_files_are_valid() {
    for text in ["", "\n\n", "# only a comment\n", "---\n", "~\n", "\u{feff}"] {
        let r = validate("empty.yaml", text);
        assert_eq!(r.code, 0, "{text:?}: {:?}", r.codes());
        assert!(r.diagnostics.is_empty(), "{text:?}");
        assert_eq!(r.summary["files"], 1);
    }
}

#[test]
fn directory_without_yaml() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("data.json"), "{}").expect("write");
    let r = run_bounded(dir.path(), &["validate", "."], LIMIT);
    assert_eq!(r.code, 2);
    assert!(r.stdout.starts_with("error[no-yaml-files]"), "{}", r.stdout);
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().expect("temp dir");
    let r = run_bounded(dir.path(), &["validate", "nothing-here"], LIMIT);
    assert_eq!(r.code, 2);
    assert!(r.stdout.starts_with("error[io-error]"), "{}", r.stdout);
}

/// Limits for a run as an unprivileged user (`nobody` when the tests run as root, since
/// root reads files whatever their mode).
fn unprivileged() -> Limits {
    Limits {
        unprivileged: true,
        ..Limits::default()
    }
}

/// A temporary directory that the unprivileged user can enter.
#[cfg(unix)]
fn shared_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    if !child::can_run_unprivileged("unreadable_file") {
        return;
    }
    let dir = shared_dir();
    let path = dir.path().join("secret.yaml");
    std::fs::write(&path, valid_dataset("x")).expect("write");
    std::fs::write(dir.path().join("ok.yaml"), "organizations: []\n").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let r = child::run_with(dir.path(), &["validate", "."], unprivileged());
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout
            .starts_with("error[io-error]: cannot read `./secret.yaml`: Permission denied"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with("in 2 files\n"), "{}", r.stdout);
}

#[cfg(unix)]
#[test]
fn unreadable_directory() {
    use std::os::unix::fs::PermissionsExt;
    if !child::can_run_unprivileged("unreadable_directory") {
        return;
    }
    let dir = shared_dir();
    std::fs::create_dir(dir.path().join("closed")).expect("mkdir");
    std::fs::write(dir.path().join("closed/hidden.yaml"), "organizations: []\n").expect("write");
    std::fs::write(dir.path().join("ok.yaml"), "organizations: []\n").expect("write");
    let closed = dir.path().join("closed");
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let r = child::run_with(dir.path(), &["validate", "."], unprivileged());
    std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout
            .starts_with("error[io-error]: cannot read `./closed`: Permission denied"),
        "{}",
        r.stdout
    );
}

#[cfg(unix)]
#[test]
fn link_to_itself() {
    // Found by the directory walk, then unreadable: a deterministic stand-in for a file
    // that disappears between being listed and being read.
    let dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink("self.yaml", dir.path().join("self.yaml")).expect("symlink");
    std::fs::write(dir.path().join("ok.yaml"), valid_dataset("x")).expect("write");
    let r = run_bounded(dir.path(), &["validate", "."], LIMIT);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout
            .starts_with("error[io-error]: cannot read `./self.yaml`: ")
            && r.stdout.contains("symbolic links"),
        "{}",
        r.stdout
    );
}

#[cfg(unix)]
#[test]
fn dangling_symlink() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink("gone.yaml", dir.path().join("link.yaml")).expect("symlink");
    std::fs::write(dir.path().join("ok.yaml"), valid_dataset("x")).expect("write");
    let r = run_bounded(dir.path(), &["validate", "."], LIMIT);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout
            .starts_with("error[io-error]: cannot read `./link.yaml`"),
        "{}",
        r.stdout
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_terminates() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("data")).expect("mkdir");
    std::fs::write(dir.path().join("data/ok.yaml"), valid_dataset("x")).expect("write");
    std::fs::create_dir(dir.path().join("data/sub")).expect("mkdir");
    std::os::unix::fs::symlink("..", dir.path().join("data/sub/up")).expect("symlink");
    std::os::unix::fs::symlink(".", dir.path().join("data/self")).expect("symlink");
    let r = run_bounded(dir.path(), &["validate", "data"], LIMIT);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 1 file\n");
}

#[cfg(unix)]
#[test]
fn named_pipe_in_a_dataset_directory_does_not_block() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("ok.yaml"), valid_dataset("x")).expect("write");
    let fifo = dir.path().join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("named_pipe_in_a_dataset_directory_does_not_block: no mkfifo, skipped");
        return;
    }
    let r = run_bounded(dir.path(), &["validate", "."], LIMIT);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stdout.starts_with(
            "error[not-a-regular-file]: not reading `./pipe.yaml`: it is a named pipe"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn ten_thousand_typos_stay_fast() {
    let mut text = String::from("organizations:\n");
    for i in 0..50 {
        let _ = writeln!(text, "  - {{id: org-{i}, name: Organization {i}}}");
    }
    text.push_str("sources: [{id: s, title: T}]\nedges:\n");
    for i in 0..10_000 {
        let _ = writeln!(
            text,
            "  - {{from: orgg-{i}, to: org-{}, type: rivalry, start: 2001, sources: [s]}}",
            i % 50
        );
    }
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("typos.yaml"), text).expect("write");
    let r = run_bounded(dir.path(), &["validate", "typos.yaml"], LIMIT);
    assert_eq!(r.code, 1);
    assert!(r.stdout.ends_with("10000 errors, 0 warnings in 1 file\n"));
}

#[test]
fn very_long_line_is_cut_around_the_caret() {
    let text = format!(
        "organizations: [{{id: imu, name: \"{}\", wikidata: bad}}]\n",
        "x".repeat(1_000_000)
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("long.yaml"), text).expect("write");
    let r = run_bounded(dir.path(), &["validate", "long.yaml"], LIMIT);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("--> long.yaml:1:1000047"),
        "{}",
        &r.stdout[..500]
    );
    assert!(
        r.stdout.lines().all(|l| l.chars().count() < 300),
        "a line was not cut"
    );
    assert!(r.stdout.contains("…xxxx"));
}

/// A temporary directory in memory when the system has one: creating many files on a
/// disk file system can take longer than the run being tested.
fn many_files_dir() -> tempfile::TempDir {
    tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .expect("temp dir")
}

#[test]
fn hundred_thousand_tiny_files() {
    // One directory of 100,000 files, one in a thousand with a record, the rest empty.
    // The debug binary takes about 2 s and under 32 MiB of memory.
    let dir = many_files_dir();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("mkdir");
    for i in 0..100_000 {
        let text = if i % 1000 == 0 {
            format!("organizations: [{{id: org-{i}, name: O}}]\n")
        } else {
            String::new()
        };
        std::fs::write(data.join(format!("f{i:06}.yaml")), text).expect("write");
    }
    let r = run_bounded(dir.path(), &["validate", "data"], LIMIT);
    assert_eq!(r.code, 0, "{}", &r.stdout[..r.stdout.len().min(2000)]);
    assert!(
        r.stdout
            .ends_with("0 errors, 100 warnings in 100000 files\n"),
        "{}",
        &r.stdout[r.stdout.len().saturating_sub(500)..]
    );
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let latin1 = OsStr::from_bytes(b"caf\xe9.yaml");
    std::fs::write(dir.path().join(latin1), valid_dataset("x")).expect("write");
    let r = run_bounded(dir.path(), &["validate", "."], LIMIT);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 1 file\n");

    // A problem in such a file names it, with U+FFFD for the byte, in every format.
    std::fs::write(
        dir.path().join(latin1),
        "organizations: [{id: IMU, name: x}]\n",
    )
    .expect("write");
    let r = run_bounded(dir.path(), &["validate", "."], LIMIT);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("--> ./caf\u{fffd}.yaml:1:22"),
        "{}",
        r.stdout
    );
    let r = run_bounded(dir.path(), &["validate", "--format", "json", "."], LIMIT);
    let v: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["diagnostics"][0]["file"], "./caf\u{fffd}.yaml");
    let r = run_bounded(dir.path(), &["validate", "--format", "github", "."], LIMIT);
    assert!(
        r.stdout.contains("file=./caf\u{fffd}.yaml,"),
        "{}",
        r.stdout
    );

    // An output file with such a name is written as named.
    std::fs::write(dir.path().join(latin1), valid_dataset("x")).expect("write");
    let out = OsStr::from_bytes(b"out-\xff.json");
    let status = child::command(
        dir.path(),
        &["export", "-f", "json", ".", "-o"],
        Limits::default(),
    )
    .arg(out)
    .status()
    .expect("run");
    assert_eq!(status.code(), Some(0));
    let written = std::fs::read_to_string(dir.path().join(out)).expect("read output");
    assert!(written.contains("Islamic Movement of Uzbekistan"));
}

#[test]
fn files_disappearing_while_loading() {
    // A second thread deletes the files while the binary walks and reads them. Each run
    // must end cleanly: success if it was quick, or exit 2 naming a file it could not read.
    let mut io_errors = 0;
    for delay_ms in [0, 5, 20] {
        let dir = many_files_dir();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("mkdir");
        for i in 0..2000 {
            let text = format!("organizations: [{{id: org-{i}, name: Organization {i}}}]\n");
            std::fs::write(data.join(format!("f{i:04}.yaml")), text).expect("write");
        }
        let child = child::command(
            dir.path(),
            &["validate", "--format", "json", "data"],
            Limits::default(),
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay_ms));
        for i in (0..2000).rev() {
            let _ = std::fs::remove_file(data.join(format!("f{i:04}.yaml")));
        }
        let r = child::finish(child, &["validate", "data"], LIMIT);
        let v: Value = serde_json::from_str(&r.stdout).expect("JSON report");
        let diagnostics = v["diagnostics"].as_array().expect("diagnostics");
        let failed: Vec<&str> = diagnostics
            .iter()
            .filter(|d| d["code"] == "io-error" || d["code"] == "no-yaml-files")
            .map(|d| d["message"].as_str().expect("message"))
            .collect();
        if failed.is_empty() {
            // Quick, or the listing came after some deletions: what was listed was read.
            assert_eq!(r.code, 0, "{}", r.stdout);
            let files = v["summary"]["files"].as_u64().expect("file count");
            assert!((1..=2000).contains(&files), "{}", r.stdout);
            continue;
        }
        assert_eq!(r.code, 2, "{}", r.stdout);
        io_errors += 1;
        for message in failed {
            assert!(
                message.starts_with("cannot read `data/f")
                    && message.contains("No such file or directory")
                    || message == "no YAML files in `data`",
                "{message}"
            );
        }
    }
    eprintln!("files_disappearing_while_loading: {io_errors} of 3 runs lost files mid-load");
}

fn find(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("needle")
}
