//! Output safety, run against the real binary: `-o` never overwrites an input, a run
//! killed while writing leaves the old file whole, devices are written in place and never
//! replaced, and every write error (full disk, unwritable directory, a parent that is a
//! file) is one clear line on standard error and exit status 2, with no stray files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use crate::child;

use child::{Limits, run, run_with};

/// A small valid dataset.
const DATASET: &str = "organizations:\n  - {id: a, name: A}\n  - {id: b, name: B}\n\
                       sources: [{id: s, title: S}]\n\
                       edges: [{from: a, to: b, type: rivalry, date: 2001, sources: [s]}]\n";

/// Names of the entries of `dir`, sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("d.yaml"), DATASET).expect("write");
    dir
}

/// The single line a failed write leaves on standard error.
fn assert_write_error(r: &child::Run, target: &str, reason: &str) {
    assert_eq!(r.code, 2, "{}", r.stderr);
    let stderr = r.stderr.trim_end();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!("error: cannot write `{target}`: ")),
        "{stderr}"
    );
    assert!(
        stderr.to_lowercase().contains(reason),
        "expected {reason:?}: {stderr}"
    );
}

#[cfg(unix)]
fn is_char_device(path: &str) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_char_device())
}

#[cfg(unix)]
#[test]
fn full_disk_is_exit_2_and_the_device_stays() {
    let dir = workspace();
    let r = run(
        dir.path(),
        &["export", "d.yaml", "-f", "json", "-o", "/dev/full"],
    );
    assert_write_error(&r, "/dev/full", "no space left on device");
    assert!(is_char_device("/dev/full"), "/dev/full was replaced");
    assert_eq!(entries(dir.path()), ["d.yaml"]);
}

#[cfg(unix)]
#[test]
fn devices_are_written_in_place_not_replaced() {
    let dir = workspace();
    let r = run(
        dir.path(),
        &["export", "d.yaml", "-f", "dot", "-o", "/dev/null"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(is_char_device("/dev/null"), "/dev/null was replaced");
    assert!(
        fs::read_dir("/dev").expect("read /dev").all(|e| !e
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .starts_with(".null.")),
        "a temporary file was left in /dev"
    );
}

#[cfg(unix)]
#[test]
fn a_device_beside_the_dataset_is_not_replaced() {
    // The bug this guards against: the temporary file was renamed over the target, so a
    // run as root replaced a device node with a regular file. A device node of our own
    // (a copy of /dev/null) shows it without risking the real /dev.
    let dir = workspace();
    let made = std::process::Command::new("mknod")
        .arg(dir.path().join("null"))
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!(
            "a_device_beside_the_dataset_is_not_replaced: skipped, mknod needs root; \
             devices_are_written_in_place_not_replaced covers /dev/null"
        );
        return;
    }
    let r = run(
        dir.path(),
        &["export", "d.yaml", "-f", "json", "-o", "null"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let null = dir.path().join("null");
    assert!(
        is_char_device(null.to_str().expect("UTF-8")),
        "the device was replaced"
    );
    assert_eq!(entries(dir.path()), ["d.yaml", "null"]);
}

#[cfg(unix)]
#[test]
fn standard_output_on_a_full_disk_is_exit_2() {
    for args in [
        &["export", "d.yaml", "-f", "graphml"][..],
        &["validate", "d.yaml"],
        &["validate", "--format", "json", "d.yaml"],
    ] {
        let dir = workspace();
        let child = child::command(dir.path(), args, Limits::default())
            .stdout(fs::File::create("/dev/full").expect("open /dev/full"))
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let r = child::finish(child, args, child::TIME);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        let stderr = r.stderr.trim_end();
        assert!(
            stderr.starts_with("error: cannot write to standard output: ")
                && stderr.to_lowercase().contains("no space left on device"),
            "{args:?}: {stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn parent_that_is_a_file_is_exit_2() {
    let dir = workspace();
    fs::write(dir.path().join("plain"), "x").expect("write");
    let r = run(
        dir.path(),
        &["export", "d.yaml", "-f", "json", "-o", "plain/out.json"],
    );
    assert_write_error(&r, "plain/out.json", "not a directory");
    assert_eq!(entries(dir.path()), ["d.yaml", "plain"]);
}

#[test]
fn directory_as_target_is_exit_2_and_leaves_no_temporary_file() {
    let dir = workspace();
    fs::create_dir(dir.path().join("out")).expect("mkdir");
    let r = run(dir.path(), &["export", "d.yaml", "-f", "json", "-o", "out"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.starts_with("error: cannot write `out`: "),
        "{}",
        r.stderr
    );
    assert_eq!(entries(dir.path()), ["d.yaml", "out"]);
    assert!(entries(&dir.path().join("out")).is_empty());
}

#[cfg(unix)]
#[test]
fn unwritable_directory_is_exit_2() {
    use std::os::unix::fs::PermissionsExt;
    if !child::can_run_unprivileged("unwritable_directory_is_exit_2") {
        return;
    }
    let dir = workspace();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).expect("mkdir");
    fs::write(locked.join("out.json"), "old\n").expect("write");
    for path in [dir.path(), &locked] {
        fs::set_permissions(path, fs::Permissions::from_mode(0o555)).expect("chmod");
    }
    // As root, file modes do not stop writes: the run drops to `nobody` (see child).
    let limits = Limits {
        unprivileged: true,
        ..Limits::default()
    };
    let r = run_with(
        dir.path(),
        &["export", "d.yaml", "-f", "json", "-o", "locked/out.json"],
        limits,
    );
    let r2 = run_with(
        dir.path(),
        &["export", "d.yaml", "-f", "json", "-o", "new.json"],
        limits,
    );
    for path in [dir.path(), &locked] {
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod back");
    }
    assert_write_error(&r, "locked/out.json", "permission denied");
    assert_write_error(&r2, "new.json", "permission denied");
    assert_eq!(
        fs::read_to_string(locked.join("out.json")).expect("read"),
        "old\n"
    );
    assert_eq!(entries(&locked), ["out.json"]);
    assert_eq!(entries(dir.path()), ["d.yaml", "locked"]);
}

#[cfg(unix)]
#[test]
fn inputs_are_never_overwritten_through_links() {
    let dir = workspace();
    let original = fs::read(dir.path().join("d.yaml")).expect("read");
    std::os::unix::fs::symlink("d.yaml", dir.path().join("link.json")).expect("symlink");
    fs::hard_link(dir.path().join("d.yaml"), dir.path().join("hard.json")).expect("link");
    for target in ["link.json", "hard.json", "./d.yaml"] {
        let r = run(
            dir.path(),
            &["export", "d.yaml", "-f", "json", "-o", target],
        );
        assert_eq!(r.code, 2, "{target}: {}", r.stderr);
        assert!(
            r.stderr.contains("refusing to overwrite") && r.stderr.contains("input file"),
            "{}",
            r.stderr
        );
        assert_eq!(fs::read(dir.path().join("d.yaml")).expect("read"), original);
    }
    assert_eq!(entries(dir.path()), ["d.yaml", "hard.json", "link.json"]);
}

#[cfg(unix)]
#[test]
fn a_link_as_target_replaces_the_file_it_points_to() {
    let dir = workspace();
    fs::create_dir(dir.path().join("out")).expect("mkdir");
    fs::write(dir.path().join("out/real.json"), "old\n").expect("write");
    std::os::unix::fs::symlink("out/real.json", dir.path().join("link.json")).expect("link");
    let r = run(
        dir.path(),
        &["export", "d.yaml", "-f", "json", "-o", "link.json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let meta = fs::symlink_metadata(dir.path().join("link.json")).expect("stat");
    assert!(meta.file_type().is_symlink(), "the link was replaced");
    let written = fs::read_to_string(dir.path().join("out/real.json")).expect("read");
    assert!(written.contains("\"organizations\""), "{written}");
    assert_eq!(entries(&dir.path().join("out")), ["real.json"]);
}

/// A dataset whose JSON export is several megabytes, so writing it takes a while.
fn large_dataset() -> String {
    let mut text = String::from("sources: [{id: s, title: S}]\norganizations:\n");
    let notes = "lorem ipsum dolor sit amet ".repeat(40);
    for i in 0..3000 {
        let _ = writeln!(
            text,
            "  - {{id: org-{i}, name: Organization {i}, notes: {notes}}}"
        );
    }
    text.push_str("edges:\n");
    for i in 1..3000 {
        let _ = writeln!(
            text,
            "  - {{from: org-{i}, to: org-{}, type: splinter, date: 2001, sources: [s]}}",
            i - 1
        );
    }
    text
}

/// The temporary file of an export to `out.json`, if one exists.
fn temporary(dir: &Path) -> Option<String> {
    entries(dir)
        .into_iter()
        .find(|n| n.starts_with(".out.json.") && Path::new(n).extension() == Some("tmp".as_ref()))
}

#[cfg(unix)]
#[test]
fn killed_while_writing_leaves_the_old_file_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("big.yaml"), large_dataset()).expect("write");
    let args = ["export", "big.yaml", "-f", "json", "-o", "out.json"];
    let limits = Limits {
        memory_mib: 512,
        ..Limits::default()
    };
    let r = run_with(dir.path(), &args, limits);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let new = fs::read(dir.path().join("out.json")).expect("read");
    assert!(new.len() > 3_000_000, "{} bytes", new.len());
    let old = b"the previous export\n".to_vec();

    let mut mid_write = 0;
    for attempt in 0..12u64 {
        fs::write(dir.path().join("out.json"), &old).expect("write old");
        let mut child = child::command(dir.path(), &args, limits)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let started = Instant::now();
        // Even attempts kill as soon as writing begins, plus a growing delay;
        // odd ones kill at fixed times from the start, whatever stage the run is in.
        loop {
            // Writing has begun when a temporary file appears, or (were the writes not
            // atomic) when out.json changes.
            let appeared = temporary(dir.path()).is_some()
                || fs::metadata(dir.path().join("out.json"))
                    .is_ok_and(|m| m.len() != old.len() as u64);
            let due = if attempt % 2 == 0 {
                appeared
            } else {
                started.elapsed() >= Duration::from_millis(40 * attempt)
            };
            if due || child.try_wait().expect("wait").is_some() {
                break;
            }
            assert!(started.elapsed() < child::TIME, "the export never finished");
            thread::sleep(Duration::from_micros(200));
        }
        if attempt % 2 == 0 {
            thread::sleep(Duration::from_millis(attempt));
        }
        let was_writing = temporary(dir.path()).is_some();
        let _ = child.kill();
        let status = child.wait().expect("wait");
        let after = fs::read(dir.path().join("out.json")).expect("read after kill");
        assert!(
            after == old || after == new,
            "attempt {attempt} ({status}): out.json has {} bytes, neither old nor new",
            after.len()
        );
        if was_writing && after == old {
            mid_write += 1;
        }
        if let Some(temp) = temporary(dir.path()) {
            fs::remove_file(dir.path().join(temp)).expect("remove temporary file");
        }
    }
    eprintln!("{mid_write} of 12 kills landed while the temporary file was being written");
    assert!(
        mid_write > 0,
        "no kill landed while the file was being written; the test proved nothing"
    );
}
