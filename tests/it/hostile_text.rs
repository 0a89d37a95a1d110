//! Hostile text and hostile revisions, run through the real binary: file names, dataset
//! strings and revision names that try to drive a terminal, forge a line of a report,
//! ping or link from a GitHub job summary, or impersonate a git revision; and revisions
//! whose blobs are too large to read. Git fixtures are made in temporary directories.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::child;
use crate::common::git;

use child::{Limits, Run};

/// Runs the binary in `dir` with the default time and memory limits.
fn run(dir: &Path, args: &[&str]) -> Run {
    child::run(dir, args)
}

/// A character that must never reach a terminal or a report raw: C0 controls but tab and
/// line feed (line feeds are checked by what the lines say), DEL, C1 controls, and the
/// bidirectional embeddings, overrides and isolates.
fn is_raw_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_no_raw_controls(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_raw_control(c)) {
        panic!("{what}: raw U+{:04X} in\n{text}", c as u32);
    }
}

/// An organization name that tries what validation lets through (it refuses C0 controls
/// but tab and line feed): a forged `id:` line, the 8-bit CSI (U+009B) that clears a
/// terminal, DEL, a right-to-left override and an isolate, as a YAML double-quoted string.
const FORGING_NAME: &str =
    r#""Real\n  id: forged\n\u009b2J del\u007f \u202Eevil\u202C \u2066iso\u2069""#;

/// How [`FORGING_NAME`] is shown.
const FORGING_SHOWN: &str =
    "Real␊  id: forged␊\u{fffd}2J del␡ \u{fffd}evil\u{fffd} \u{fffd}iso\u{fffd}";

/// The dataset with one organization named `name` (YAML text) and a partner, an edge
/// between them citing a source with `quote` (YAML text).
fn dataset(name: &str, quote: &str) -> String {
    format!(
        "organizations:\n  - id: a\n    name: {name}\n    notes: {name}\n  - {{id: b, name: Bravo}}\n\
         sources:\n  - {{id: s, title: {name}}}\n\
         edges:\n  - from: a\n    to: b\n    type: rivalry\n    date: 2001\n    notes: {name}\n\
         \x20   sources: [{{ref: s, quote: {quote}, locator: {name}}}]\n"
    )
}

fn write(dir: &Path, name: &str, text: &str) {
    fs::create_dir_all(dir).expect("mkdir");
    fs::write(dir.join(name), text).expect("write");
}

// ---------------------------------------------------------------------------------------
// Terminals and reports

#[test]
fn a_file_name_cannot_drive_the_terminal_or_forge_a_report_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    // ESC, BEL, a line feed, a C1 CSI and an override in the name; the file has an error
    // (a missing name), so the report names it.
    let name = "esc\u{1b}[2J\u{7}\nerror[forged]: x\u{9b}1m\u{202e}.yaml";
    write(dir.path(), name, "organizations:\n  - id: a\n");
    let r = run(dir.path(), &["validate", "."]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_no_raw_controls("human report", &r.stdout);
    assert!(
        !r.stdout.lines().any(|l| l.starts_with("error[forged]")),
        "a forged line:\n{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("--> ./esc␛[2J␇␊error[forged]: x\u{fffd}1m\u{fffd}.yaml:2:5"),
        "{}",
        r.stdout
    );

    let r = run(dir.path(), &["validate", ".", "--format", "github"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_no_raw_controls("GitHub annotations", &r.stdout);
    let lines: Vec<&str> = r.stdout.lines().collect();
    // An error, a warning (the organization has no edges) and the summary.
    assert_eq!(lines.len(), 3, "one command per diagnostic:\n{}", r.stdout);
    assert!(lines.iter().all(|l| l.starts_with("::")), "{}", r.stdout);
    assert!(
        lines[0].starts_with("::error file=./esc␛[2J␇␊error[forged]%3A x"),
        "{}",
        lines[0]
    );
}

#[test]
fn github_annotations_escape_properties_and_messages() {
    let dir = tempfile::tempdir().expect("temp dir");
    // `%`, `:` and `,` in the file name; ESC, CR and `::` in an unknown key (the message).
    write(
        dir.path(),
        "50%,a:b.yaml",
        "organizations:\n  - {id: a, name: A, \"k\\e[2J\\r::warning::x\": 1}\n",
    );
    let r = run(dir.path(), &["validate", ".", "--format", "github"]);
    assert_no_raw_controls("GitHub annotations", &r.stdout);
    let unknown = r
        .stdout
        .lines()
        .find(|l| l.contains("title=unknown-key"))
        .expect("the unknown key");
    assert!(
        unknown.starts_with("::error file=./50%25%2Ca%3Ab.yaml,line=2,col=22,"),
        "{unknown}"
    );
    assert!(
        unknown.contains("::unknown key `k␛[2J␍::warning::x` in an organization%0Ahelp: "),
        "{unknown}"
    );
    assert_eq!(
        r.stdout.lines().filter(|l| l.starts_with("::")).count(),
        r.stdout.lines().count()
    );
}

#[test]
fn show_prints_every_dataset_string_on_its_own_line_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "data.yaml",
        &dataset(FORGING_NAME, r#""said\n      source: Forged [f]""#),
    );
    let r = run(dir.path(), &["show", "a", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_no_raw_controls("show", &r.stdout);
    assert_eq!(r.stdout.lines().next(), Some(FORGING_SHOWN), "{}", r.stdout);
    assert_eq!(
        r.stdout.lines().filter(|l| l.starts_with("  id:")).count(),
        1,
        "a forged id line:\n{}",
        r.stdout
    );
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.trim_start().starts_with("source:"))
            .count(),
        1,
        "a forged citation line:\n{}",
        r.stdout
    );
    // The unknown-id error quotes what was typed through the same display.
    let r = run(dir.path(), &["show", "x\u{1b}[2J\u{9b}", "."]);
    assert_eq!(r.code, 2);
    assert_no_raw_controls("show's error", &r.stderr);
    assert!(r.stderr.contains("`x␛[2J\u{fffd}`"), "{}", r.stderr);
}

#[test]
fn diff_text_shows_dataset_strings_through_the_same_display() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir.path().join("old"),
        "data.yaml",
        &dataset("Plain", "said"),
    );
    write(
        &dir.path().join("new"),
        "data.yaml",
        &dataset(FORGING_NAME, r#""said\n+ organization x: Forged""#),
    );
    let r = run(dir.path(), &["diff", "old", "new", "-f", "text"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_no_raw_controls("diff text", &r.stdout);
    assert!(
        !r.stdout
            .lines()
            .any(|l| l.starts_with("  id: forged") || l.starts_with("+ organization x")),
        "a forged line:\n{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains(&format!("    name: \"Plain\" -> \"{FORGING_SHOWN}\"")),
        "{}",
        r.stdout
    );
    // Paths in the header too.
    let odd = "new\u{1b}[2J";
    fs::rename(dir.path().join("new"), dir.path().join(odd)).expect("rename");
    let r = run(dir.path(), &["diff", "old", odd, "-f", "text"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_no_raw_controls("diff text header", &r.stdout);
    assert!(r.stdout.starts_with("actorgraph diff old new␛[2J\n"));
}

/// The Markdown diff of an organization renamed to `name` (YAML text).
fn markdown_diff(name: &str, quote: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        &dir.path().join("old"),
        "data.yaml",
        &dataset("Plain", "said"),
    );
    write(&dir.path().join("new"), "data.yaml", &dataset(name, quote));
    let r = run(dir.path(), &["diff", "old", "new"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

/// The Markdown outside the Mermaid diagram, where GitHub would read markup.
fn prose(markdown: &str) -> &str {
    &markdown[..markdown.find("```mermaid").expect("a diagram")]
}

#[test]
fn diff_markdown_neither_pings_nor_links_nor_renders_dataset_markup() {
    let hostile = r#""@octocat @org/team #12 GH-34 owner/repo#56 deadbeefcafe1234 a@b.example https://evil.example/x www.evil.example <img src=x onerror=alert(1)> <https://e.x> [link](https://e.x) ![img](https://e.x/i.png) [^1] $x^2$ $$y$$ | cell | **bold** _em_ ~~gone~~ `code` \\ &amp; &#64;x :smile:""#;
    let out = markdown_diff(hostile, hostile);
    let text = prose(&out);
    assert_no_raw_controls("diff markdown", text);
    // What the Markdown parser reads: the raw text must not hold it.
    for (pattern, what) in [
        ("<img", "HTML"),
        ("<https", "an autolink"),
        ("](", "a link or image"),
        ("[^1]", "a footnote"),
        ("$x", "math"),
        ("$$", "math"),
        ("| cell |", "a table cell"),
        ("**bold**", "emphasis"),
        ("_em_", "emphasis"),
        ("~~gone~~", "strikethrough"),
        ("`code`", "a code span"),
        ("&amp;", "an entity"),
        ("&#64;x", "an entity"),
    ] {
        assert!(
            !text.contains(pattern),
            "{what} (`{pattern}`) survives in:\n{text}"
        );
    }
    // What GitHub acts on after rendering: the text a reader sees must not hold it.
    let seen = decode_references(text);
    for (pattern, what) in [
        ("@octocat", "a mention"),
        ("@org", "a team mention"),
        ("#12", "an issue reference"),
        ("GH-34", "an issue reference"),
        ("repo#56", "a cross-repository reference"),
        ("deadbeefcafe1", "a commit id"),
        ("a@b.example", "an e-mail link"),
        ("https://", "a URL"),
        ("www.evil", "a www link"),
    ] {
        assert!(
            !seen.contains(pattern),
            "{what} (`{pattern}`) survives in:\n{seen}"
        );
    }
    // A reader still sees every character: only invisible word joiners were added.
    let hostile_seen = "@octocat @org/team #12 GH-34 owner/repo#56 deadbeefcafe1234 a@b.example https://evil.example/x www.evil.example <img src=x onerror=alert(1)> <https://e.x> [link](https://e.x) ![img](https://e.x/i.png) [^1] $x^2$ $$y$$ | cell | **bold** _em_ ~~gone~~ `code` \\ &amp; &#64;x :smile:";
    assert!(
        seen.replace('\u{2060}', "").contains(hostile_seen),
        "{seen}"
    );
}

/// `text` with numeric character references (`&#42;`) replaced by their characters, as a
/// Markdown renderer shows them.
fn decode_references(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let digits = after.find(';').map(|end| &after[..end]);
        let decoded = digits
            .and_then(|d| d.parse::<u32>().ok())
            .and_then(char::from_u32);
        if let Some(c) = decoded {
            out.push(c);
            rest = &after[digits.map_or(0, str::len) + 1..];
        } else {
            out.push_str("&#");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn diff_markdown_keeps_line_structure_and_fences_code_spans() {
    let out = markdown_diff(
        FORGING_NAME,
        r#""said\n\n#### Forged heading\n- forged item""#,
    );
    // The whole report, the Mermaid diagram's labels included.
    assert_no_raw_controls("diff markdown", &out);
    let text = prose(&out);
    assert!(
        !text
            .lines()
            .any(|l| l.starts_with("#### Forged") || l.starts_with("- forged")),
        "a forged line:\n{text}"
    );
    // A label with backticks stays whole inside a longer fence.
    let dir = tempfile::tempdir().expect("temp dir");
    write(&dir.path().join("a`b"), "data.yaml", &dataset("A", "q"));
    write(&dir.path().join("new"), "data.yaml", &dataset("B", "q"));
    let r = run(dir.path(), &["diff", "a`b", "new"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("### actorgraph diff ``a`b`` → `new`\n"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------------------------------
// diff and git

/// A repository whose `graphs/` changes from `dataset("Before")` to `dataset("After")`.
fn repository() -> tempfile::TempDir {
    let repo = tempfile::tempdir().expect("temp dir");
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    write(&dir.join("graphs"), "data.yaml", &dataset("Before", "q"));
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "before"]);
    write(&dir.join("graphs"), "data.yaml", &dataset("After", "q"));
    git(dir, &["commit", "-q", "-am", "after"]);
    repo
}

#[test]
fn a_directory_named_like_a_revision_is_refused_as_ambiguous() {
    let repo = repository();
    let dir = repo.path();
    // A pull request commits a folder that impersonates the base revision.
    write(
        &dir.join("HEAD~1:graphs"),
        "data.yaml",
        &dataset("After", "q"),
    );
    let r = run(dir, &["diff", "HEAD~1:graphs", "graphs"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout, "", "no report");
    assert!(
        r.stderr
            .contains("error: `HEAD~1:graphs` is both a path and a git revision"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("help: write `./HEAD~1:graphs` for the path"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("`--rev`"), "{}", r.stderr);
    // Either reading, said explicitly.
    let r = run(dir, &["diff", "./HEAD~1:graphs", "graphs", "-f", "text"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no differences"), "{}", r.stdout);
    let r = run(
        dir,
        &["diff", "--rev", "HEAD~1:graphs", "graphs", "-f", "text"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("actorgraph diff HEAD~1:graphs graphs\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("name: \"Before\" -> \"After\""),
        "{}",
        r.stdout
    );
    // A bare revision too: a directory named `HEAD`.
    write(&dir.join("HEAD"), "data.yaml", &dataset("After", "q"));
    let r = run(dir, &["diff", "HEAD", "graphs"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("`./HEAD`"), "{}", r.stderr);
    // A path that names no revision is still just a path.
    let r = run(dir, &["diff", "graphs", "graphs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn revisions_that_look_like_options_never_reach_git_as_options() {
    let repo = repository();
    let dir = repo.path();
    for spec in ["--output=/tmp/x", "-p", "--upload-pack=touch pwned:graphs"] {
        let r = run(dir, &["diff", "--", spec, "graphs"]);
        assert_eq!(r.code, 2, "{spec}: {}", r.stderr);
        assert!(r.stderr.starts_with("error: "), "{spec}: {}", r.stderr);
    }
    // A directory with such a name is a path, and is never asked of git either.
    write(&dir.join("--output=x"), "data.yaml", &dataset("After", "q"));
    let r = run(
        dir,
        &["diff", "--rev", "-f", "text", "--", "--output=x", "graphs"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("no differences"), "{}", r.stdout);
    assert!(!dir.join("pwned").exists() && !dir.join("x").exists());
}

#[test]
fn file_names_in_a_revision_are_shown_through_the_same_display() {
    let repo = repository();
    let dir = repo.path();
    let name = "bad\u{1b}[2J\nerror[forged]: \u{9b}.yaml";
    write(&dir.join("graphs"), name, "organizations:\n  - id: c\n");
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "bad"]);
    for format in ["human", "github"] {
        let r = run(dir, &["diff", "HEAD~1", "HEAD", "--diagnostics", format]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_no_raw_controls(format, &r.stderr);
        let name = if format == "human" {
            "--> HEAD:graphs/bad␛[2J␊error[forged]: \u{fffd}.yaml:2:5"
        } else {
            "file=HEAD%3Agraphs/bad␛[2J␊error[forged]%3A \u{fffd}.yaml,line=2,col=5,"
        };
        assert!(r.stderr.contains(name), "{format}: {}", r.stderr);
        assert!(!r.stderr.contains("/tmp"), "{format}: {}", r.stderr);
    }
}

/// Commits `graphs/big.yaml`, a YAML comment of `bytes` bytes (it compresses to almost
/// nothing in the repository).
fn commit_big_file(dir: &Path, bytes: usize) {
    let mut text = vec![b' '; bytes];
    text[0] = b'#';
    *text.last_mut().expect("bytes") = b'\n';
    fs::write(dir.join("graphs/big.yaml"), text).expect("write");
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "big"]);
    fs::remove_file(dir.join("graphs/big.yaml")).expect("remove");
}

#[test]
fn a_blob_over_the_size_limit_is_refused_before_it_is_read() {
    let repo = repository();
    let dir = repo.path();
    commit_big_file(dir, 129 * 1024 * 1024);
    // 64 MiB of memory: reading the blob would abort the run.
    let r = child::run_with(dir, &["diff", "HEAD", "graphs"], Limits::default());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stdout, "", "no report");
    assert!(
        r.stderr
            .contains("cannot read `HEAD:graphs/big.yaml`: the file is larger than 128 MiB"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("/tmp") && !r.stderr.contains("actorgraph-rev"),
        "{}",
        r.stderr
    );
}

#[test]
fn reading_a_revision_writes_no_temporary_files_even_when_interrupted() {
    let repo = repository();
    let dir = repo.path();
    // A valid file large enough that loading it takes a while.
    commit_big_file(dir, 40 * 1024 * 1024);
    let tmp = tempfile::tempdir().expect("temp dir");
    let limits = Limits {
        time: Duration::from_secs(120),
        memory_mib: 512,
        unprivileged: false,
    };
    let spawn = || {
        child::command(dir, &["diff", "HEAD", "graphs"], limits)
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn")
    };
    let empty = || fs::read_dir(tmp.path()).expect("read tmp").next().is_none();
    // A whole run, watched as it goes.
    let mut run = spawn();
    let start = Instant::now();
    while run.try_wait().expect("wait").is_none() {
        assert!(empty(), "a temporary file appeared");
        assert!(start.elapsed() < limits.time, "the run did not finish");
        std::thread::sleep(Duration::from_millis(2));
    }
    let r = child::finish(run, &["diff"], limits.time);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Runs interrupted by SIGINT and SIGTERM part-way through.
    for (signal, after) in [("INT", 150), ("TERM", 400)] {
        let mut run = spawn();
        std::thread::sleep(Duration::from_millis(after));
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), &run.id().to_string()])
            .status();
        let _ = run.wait();
        assert!(empty(), "SIGINT/SIGTERM left a temporary file behind");
    }
}

// ---------------------------------------------------------------------------------------
// GitHub's own Markdown parser (needs Python's `cmarkgfm`; run by `.ci/run`)

/// `markdown` rendered by cmark-gfm, GitHub's fork of cmark, with GitHub's extensions
/// (tables, autolinks, strikethrough, task lists, the tag filter) and raw HTML allowed,
/// so that any HTML that got through would show.
fn github_html(markdown: &str) -> String {
    let script = "import sys, cmarkgfm\n\
                  from cmarkgfm.cmark import Options\n\
                  text = sys.stdin.read()\n\
                  sys.stdout.write(cmarkgfm.github_flavored_markdown_to_html(text, options=Options.CMARK_OPT_UNSAFE))\n";
    let mut child = Command::new("python3")
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run python3");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), markdown.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("python3");
    assert!(
        out.status.success(),
        "cmarkgfm: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
#[ignore = "needs Python's cmarkgfm; run by .ci/run"]
fn github_markdown_shows_hostile_dataset_text_as_text() {
    let hostile = r#""@octocat #12 https://evil.example/x www.evil.example a@b.example <img src=x onerror=alert(1)> <script>x</script> <https://e.x> [link](https://e.x) ![img](https://e.x/i.png) [ref] [^1] | cell | **bold** _em_ ~~gone~~ `code` \\ &amp; &#64;x""#;
    let out = markdown_diff(hostile, hostile);
    let html = github_html(prose(&out));
    let plain = github_html(prose(&markdown_diff("\"Plain text\"", "\"Plain text\"")));
    // The hostile text adds no element at all: the same tags, as many times, as for a
    // plain name, so no link, image, HTML, emphasis, code or table cell came from it.
    let tags = |html: &str| {
        let mut tags: Vec<String> = html
            .split('<')
            .skip(1)
            .map(|t| t.split([' ', '>']).next().unwrap_or_default().to_owned())
            .collect();
        tags.sort();
        tags
    };
    assert_eq!(tags(&html), tags(&plain), "{html}");
    // And the reader sees the text itself (the word joiners aside).
    let seen = html.replace('\u{2060}', "");
    for text in [
        "@octocat #12 https://evil.example/x www.evil.example a@b.example",
        "&lt;img src=x onerror=alert(1)&gt; &lt;script&gt;x&lt;/script&gt;",
        "[link](https://e.x) ![img](https://e.x/i.png) [ref] [^1] | cell | **bold** _em_ ~~gone~~ `code` \\ &amp;amp; &amp;#64;x",
    ] {
        assert!(seen.contains(text), "`{text}` not shown in:\n{html}");
    }
}
