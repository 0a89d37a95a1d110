//! A dataset directory from a stranger, and `-o` targets that are not plain files. Nothing
//! outside the directory searched is read or quoted (links out of it are reported, links
//! inside it still work), special files are refused without hanging, a report quotes only
//! bytes it parsed and only text, and `-o` writes where the user pointed without
//! truncating descriptors, replacing links, overflowing file names, copying set-user-ID
//! bits, or naming its temporary file. Each case runs the real binary under the time and
//! memory limits of `tests/child/mod.rs` (a hang is a failure, not a stuck test).

#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};

use actorgraph::diagnostic::{SourceCache, Summary, render_human};
use actorgraph::pipeline;

use crate::child;

use child::{Limits, Run, run, run_with};

/// A valid dataset: two organizations, one source, one edge.
const DATASET: &str = "organizations:\n  - {id: a, name: A}\n  - {id: b, name: B}\n\
                       sources: [{id: s, title: S}]\n\
                       edges: [{from: a, to: b, type: rivalry, date: 2001, sources: [s]}]\n";

/// A file outside the dataset, as an attacker would like to read it: each line would be an
/// `unknown-key` error quoting that line.
const SECRET: &str = "root_password_hash_SECRET: x\nSECRET_TOKEN: y\n";

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

/// No report line may carry the secret, in any report format.
fn assert_no_secret(r: &Run) {
    assert!(
        !r.stdout.contains("SECRET") && !r.stderr.contains("SECRET"),
        "the secret reached the report:\n{}{}",
        r.stdout,
        r.stderr
    );
}

// ---------------------------------------------------------------------------------------
// Links and special files in a dataset directory.

#[test]
fn a_link_to_a_file_outside_the_dataset_is_not_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("secret.yaml"), SECRET).expect("write");
    fs::create_dir(dir.path().join("d")).expect("mkdir");
    fs::write(dir.path().join("d/ok.yaml"), DATASET).expect("write");
    symlink("../secret.yaml", dir.path().join("d/env.yaml")).expect("symlink");
    symlink("/proc/self/environ", dir.path().join("d/environ.yaml")).expect("symlink");
    for format in ["human", "json", "github"] {
        let r = run(dir.path(), &["validate", "--format", format, "d"]);
        assert_eq!(r.code, 2, "{format}: {}", r.stdout);
        assert_no_secret(&r);
        for link in ["d/env.yaml", "d/environ.yaml"] {
            assert!(
                r.stdout.contains(&format!(
                    "not following `{link}`: the symbolic link leads outside the dataset directory `d`"
                )),
                "{format}: {}",
                r.stdout
            );
        }
        assert!(r.stdout.contains("link-outside-dataset"), "{}", r.stdout);
    }
    // `export` refuses it too, and writes nothing.
    let r = run(dir.path(), &["export", "-f", "json", "-o", "out.json", "d"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_no_secret(&r);
    assert!(!dir.path().join("out.json").exists());
}

#[test]
fn a_directory_link_to_the_root_is_not_walked() {
    // Before, `r -> /` walked the whole file system until the time or memory ran out.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("ok.yaml"), DATASET).expect("write");
    symlink("/", dir.path().join("r")).expect("symlink");
    symlink("..", dir.path().join("up")).expect("symlink");
    let r = run(dir.path(), &["validate", "."]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    let lines: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("error"))
        .collect();
    assert_eq!(
        lines,
        [
            "error[link-outside-dataset]: not following `./r`: the symbolic link leads outside the dataset directory `.`",
            "error[link-outside-dataset]: not following `./up`: the symbolic link leads outside the dataset directory `.`",
        ],
        "{}",
        r.stdout
    );
    assert!(r.stdout.ends_with("2 errors, 0 warnings in 1 file\n"));
}

#[test]
fn links_inside_the_dataset_are_followed_and_loops_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path().join("d");
    fs::create_dir_all(d.join(".store/edges")).expect("mkdir");
    fs::write(
        d.join(".store/orgs.yaml"),
        "organizations:\n  - {id: a, name: A}\n  - {id: b, name: B}\n",
    )
    .expect("write");
    fs::write(
        d.join(".store/edges/e.yaml"),
        "sources: [{id: s, title: S}]\n\
         edges: [{from: a, to: b, type: rivalry, date: 2001, sources: [s]}]\n",
    )
    .expect("write");
    // Hidden entries are skipped, so the files are read only through the links.
    symlink(".store/orgs.yaml", d.join("orgs.yaml")).expect("symlink");
    symlink(".store/edges", d.join("edges")).expect("symlink");
    symlink(".", d.join(".store/edges/back")).expect("symlink");
    symlink(".", d.join("self")).expect("symlink");
    // The dataset named through a link of its own, from outside.
    symlink("d", dir.path().join("alias")).expect("symlink");
    for root in ["d", "alias", "./d/../d"] {
        let r = run(dir.path(), &["validate", root]);
        assert_eq!(r.code, 0, "{root}: {}", r.stdout);
        assert_eq!(r.stdout, "0 errors, 0 warnings in 2 files\n", "{root}");
    }
}

#[test]
fn a_file_named_on_the_command_line_may_be_a_link_anywhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("elsewhere")).expect("mkdir");
    fs::write(dir.path().join("elsewhere/data.yaml"), DATASET).expect("write");
    fs::create_dir(dir.path().join("d")).expect("mkdir");
    symlink("../elsewhere/data.yaml", dir.path().join("d/link.yaml")).expect("symlink");
    let r = run(dir.path(), &["validate", "d/link.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 1 file\n");
}

#[test]
fn a_named_pipe_named_on_the_command_line_is_refused_without_hanging() {
    // Before, the human report opened the pipe a second time to quote a line, and waited
    // for a writer forever.
    let dir = tempfile::tempdir().expect("temp dir");
    mkfifo(&dir.path().join("f.yaml"));
    for format in ["human", "json"] {
        let r = run(dir.path(), &["validate", "--format", format, "f.yaml"]);
        assert_eq!(r.code, 2, "{}", r.stdout);
        assert!(
            r.stdout
                .contains("not reading `f.yaml`: it is a named pipe, not a regular file"),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn devices_named_on_the_command_line_are_refused() {
    // `/dev/null` used to read as an empty, valid dataset, and `/dev/zero` as 128 MiB of
    // NUL bytes before the size limit stopped it.
    let dir = tempfile::tempdir().expect("temp dir");
    for device in ["/dev/null", "/dev/zero"] {
        let r = run(dir.path(), &["validate", device]);
        assert_eq!(r.code, 2, "{device}: {}", r.stdout);
        assert!(
            r.stdout.starts_with(&format!(
                "error[not-a-regular-file]: not reading `{device}`: it is a device, not a regular file"
            )),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn special_files_in_a_dataset_directory_are_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("ok.yaml"), DATASET).expect("write");
    mkfifo(&dir.path().join("pipe.yaml"));
    let _socket =
        std::os::unix::net::UnixListener::bind(dir.path().join("sock.yml")).expect("socket");
    symlink("/dev/zero", dir.path().join("zero.yaml")).expect("symlink");
    // Special files without a YAML name are none of the dataset's business.
    mkfifo(&dir.path().join("other-pipe"));
    let r = run(dir.path(), &["validate", "."]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    let lines: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("error"))
        .collect();
    assert_eq!(
        lines,
        [
            "error[not-a-regular-file]: not reading `./pipe.yaml`: it is a named pipe, not a regular file",
            "error[not-a-regular-file]: not reading `./sock.yml`: it is a socket, not a regular file",
            "error[link-outside-dataset]: not following `./zero.yaml`: the symbolic link leads outside the dataset directory `.`",
        ],
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------------------------------
// Source lines in reports.

/// Validates `path` in-process, lets `between` change the file system, then renders the
/// human report on a helper thread; a report that does not finish in 20 s fails the test.
fn report_after(path: &Path, between: impl FnOnce()) -> String {
    let checked = pipeline::check(
        pipeline::Input::Paths(&[path.to_path_buf()]),
        pipeline::Mode::Build,
    );
    between();
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let summary = Summary::of(&checked.diagnostics, checked.files.len());
        let mut cache = SourceCache::new(&checked.files);
        let mut out = Vec::new();
        render_human(&mut out, &checked.diagnostics, &summary, &mut cache).expect("render");
        let _ = done.send(String::from_utf8(out).expect("UTF-8 report"));
    });
    result
        .recv_timeout(child::TIME)
        .expect("the report hung (it reopened a named pipe?)")
}

#[test]
fn a_report_quotes_only_the_bytes_it_parsed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("d.yaml");
    let original = "organizations:\n  - {id: a, name: A, colour: red}\n";
    fs::write(&path, original).expect("write");
    let unchanged = report_after(&path, || {});
    assert!(
        unchanged.contains("2 |   - {id: a, name: A, colour: red}\n"),
        "{unchanged}"
    );

    // Edited in place after loading, to the same length.
    let edited = original.replace("colour: red", "SECRET: 123");
    let report = report_after(&path, || fs::write(&path, &edited).expect("write"));
    assert!(
        !report.contains("SECRET") && !report.contains(" | "),
        "{report}"
    );

    // Replaced by a link to another file with different bytes.
    fs::write(&path, original).expect("write");
    let secret = dir.path().join("secret");
    fs::write(&secret, edited.replace('{', "[")).expect("write");
    let report = report_after(&path, || {
        fs::remove_file(&path).expect("remove");
        symlink(&secret, &path).expect("symlink");
    });
    assert!(
        !report.contains("SECRET") && !report.contains(" | "),
        "{report}"
    );

    // Replaced by a named pipe: no hang, no line.
    fs::remove_file(&path).expect("remove");
    fs::write(&path, original).expect("write");
    let report = report_after(&path, || {
        fs::remove_file(&path).expect("remove");
        mkfifo(&path);
    });
    assert!(
        report.contains("--> ") && !report.contains(" | "),
        "{report}"
    );
}

#[test]
fn only_text_is_quoted() {
    // The invalid byte is reported at its place; no line of a file that is not UTF-8 text
    // is quoted (not even lossily), so a binary file cannot paint the terminal.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("latin1.yaml"),
        b"organizations:\n  - {id: a, name: \"caf\xe9 \x1b]0;owned\x07\"}\n",
    )
    .expect("write");
    let r = run(dir.path(), &["validate", "latin1.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("--> latin1.yaml:2:23"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("owned") && !r.stdout.contains(" | "),
        "{}",
        r.stdout
    );
}

#[test]
fn a_quote_is_one_line() {
    // YAML does not end lines at U+2028 and U+2029, but some viewers do: a quoted line
    // shows them as U+FFFD, with the caret still under the value.
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("d.yaml"),
        "organizations:\n  - {id: a, name: \"A\u{2028}forged\u{2029}\", bad: 1}\n",
    )
    .expect("write");
    let r = run(dir.path(), &["validate", "d.yaml"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let quote = "2 |   - {id: a, name: \"A\u{fffd}forged\u{fffd}\", bad: 1}\n";
    let caret = format!("  | {}^^^\n", " ".repeat(31));
    assert!(
        r.stdout.contains(&format!("{quote}{caret}")),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains(['\u{2028}', '\u{2029}']), "{}", r.stdout);
}

// ---------------------------------------------------------------------------------------
// `-o`.

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("d.yaml"), DATASET).expect("write");
    dir
}

/// Names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The JSON export of [`DATASET`], as standard output carries it.
fn expected_export(dir: &Path) -> String {
    let r = run(dir, &["export", "-f", "json", "d.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn dash_means_standard_output() {
    let dir = workspace();
    let r = run(dir.path(), &["export", "-f", "json", "-o", "-", "d.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, expected_export(dir.path()));
    assert_eq!(
        entries(dir.path()),
        ["d.yaml"],
        "a file named `-` was written"
    );
    // `./-` still names a file.
    let r = run(dir.path(), &["export", "-f", "json", "-o", "./-", "d.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(entries(dir.path()), ["-", "d.yaml"]);
}

#[test]
fn dev_stdout_redirected_for_appending_is_appended_to() {
    // `... -o /dev/stdout >> log.txt`: the shell opened the log for appending. Before, the
    // export replaced the log, whose old lines were lost.
    let dir = workspace();
    let expected = expected_export(dir.path());
    let log = dir.path().join("log.txt");
    fs::write(&log, "an earlier line\n").expect("write");
    for target in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
        let appending = fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .expect("open log");
        let before = fs::read_to_string(&log).expect("log");
        let args = ["export", "-f", "json", "-o", target, "d.yaml"];
        let child = child::command(dir.path(), &args, Limits::default())
            .stdout(Stdio::from(appending))
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let r = child::finish(child, &args, child::TIME);
        assert_eq!(r.code, 0, "{target}: {}", r.stderr);
        assert_eq!(
            fs::read_to_string(&log).expect("log"),
            format!("{before}{expected}"),
            "{target}"
        );
        assert_eq!(entries(dir.path()), ["d.yaml", "log.txt"], "{target}");
    }
}

#[test]
fn a_pipe_as_target_is_written_in_place() {
    let dir = workspace();
    let expected = expected_export(dir.path());
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).expect("read pipe"))
    };
    let r = run(
        dir.path(),
        &["export", "-f", "json", "-o", "out.fifo", "d.yaml"],
    );
    // Should the run have failed before opening the pipe, this releases the reader (and
    // fails at once, without a reader: nothing waits).
    let _ = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo)
    };
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(reader.join().expect("reader"), expected);
    assert!(
        fs::symlink_metadata(&fifo).is_ok_and(|m| !m.is_file()),
        "the pipe was replaced"
    );
}

#[test]
fn a_dangling_link_as_target_is_written_through() {
    let dir = workspace();
    fs::create_dir(dir.path().join("real")).expect("mkdir");
    symlink("real/out.json", dir.path().join("out.json")).expect("symlink");
    symlink("out.json", dir.path().join("chain.json")).expect("symlink");
    let r = run(
        dir.path(),
        &["export", "-f", "json", "-o", "chain.json", "d.yaml"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for link in ["out.json", "chain.json"] {
        let meta = fs::symlink_metadata(dir.path().join(link)).expect("link");
        assert!(
            meta.file_type().is_symlink(),
            "{link} was replaced by a file"
        );
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("real/out.json")).expect("created"),
        expected_export(dir.path())
    );
    assert_eq!(entries(&dir.path().join("real")), ["out.json"]);
}

#[test]
fn a_target_name_of_255_bytes_can_be_written() {
    let dir = workspace();
    for len in [251, 255] {
        let name = format!("{}.json", "n".repeat(len - 5));
        let r = run(dir.path(), &["export", "-f", "json", "-o", &name, "d.yaml"]);
        assert_eq!(r.code, 0, "{len}: {}", r.stderr);
        assert_eq!(
            fs::read_to_string(dir.path().join(&name)).expect("written"),
            expected_export(dir.path())
        );
    }
    // Multi-byte characters are not cut in half in the temporary name.
    let name = format!("{}.json", "é".repeat(125));
    let r = run(dir.path(), &["export", "-f", "json", "-o", &name, "d.yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(entries(dir.path()).len(), 4);
}

#[test]
fn replacing_a_file_drops_set_user_and_group_id_bits() {
    let dir = workspace();
    let target = dir.path().join("out.json");
    for mode in [0o4755, 0o2750, 0o6700] {
        fs::write(&target, "old").expect("write");
        fs::set_permissions(&target, fs::Permissions::from_mode(mode)).expect("chmod");
        let r = run(
            dir.path(),
            &["export", "-f", "json", "-o", "out.json", "d.yaml"],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let got = fs::metadata(&target).expect("written").permissions().mode() & 0o7777;
        assert_eq!(got, mode & 0o777, "mode {mode:o} became {got:o}");
    }
}

#[test]
fn a_failed_write_names_the_target_not_the_temporary_file() {
    let dir = workspace();
    fs::write(dir.path().join("plain"), "a file").expect("write");
    let check = |r: &Run, target: &str| {
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr
                .starts_with(&format!("error: cannot write `{target}`: ")),
            "{}",
            r.stderr
        );
        assert!(
            !r.stderr.contains(".tmp") && !r.stderr.contains("at path"),
            "the temporary file was named: {}",
            r.stderr
        );
    };
    let r = run(
        dir.path(),
        &["export", "-f", "json", "-o", "plain/out.json", "d.yaml"],
    );
    check(&r, "plain/out.json");
    if child::can_run_unprivileged("a_failed_write_names_the_target_not_the_temporary_file") {
        let shared = tempfile::tempdir_in("/tmp").expect("temp dir");
        fs::set_permissions(shared.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
        fs::write(shared.path().join("d.yaml"), DATASET).expect("write");
        fs::set_permissions(
            shared.path().join("d.yaml"),
            fs::Permissions::from_mode(0o644),
        )
        .expect("chmod");
        let limits = Limits {
            unprivileged: true,
            ..Limits::default()
        };
        let r = run_with(
            shared.path(),
            &["export", "-f", "json", "-o", "out.json", "d.yaml"],
            limits,
        );
        check(&r, "out.json");
        assert_eq!(entries(shared.path()), ["d.yaml"]);
    }
}
