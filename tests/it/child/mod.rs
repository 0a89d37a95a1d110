//! Running the real binary as a bounded child process: a wall-clock limit after which it
//! is killed and the test fails, a data-segment limit (`ulimit -d` in a `sh` wrapper, since
//! the crate forbids the unsafe code `setrlimit` would need) that turns any memory blow-up
//! into an allocation failure and so a signal the test reports, and optionally an
//! unprivileged user, so permission checks hold when the tests run as root.
//!
//! The data limit (`RLIMIT_DATA`) counts the heap and other private writable memory, which
//! is what grows with the input. An address-space limit would also count glibc's 64 MiB
//! per-thread arena reservations, which are never touched, and so measure nothing useful.

#![allow(dead_code)]

use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// What one bounded run produced.
pub struct Run {
    /// The exit status (a run killed by a signal fails the test instead).
    pub code: i32,
    /// Standard output, which must be UTF-8.
    pub stdout: String,
    /// Standard error, which must be UTF-8.
    pub stderr: String,
}

/// How a child is bounded.
#[derive(Clone, Copy)]
pub struct Limits {
    /// Killed, and the test failed, after this long.
    pub time: Duration,
    /// Data limit in MiB: heap and private writable memory. Each core adds 4 MiB for the
    /// stack of a loading thread.
    pub memory_mib: u64,
    /// Run as `nobody` when the tests run as root.
    pub unprivileged: bool,
}

/// Time limit for ordinary inputs (the debug binary takes well under a second).
pub const TIME: Duration = Duration::from_secs(20);

/// Memory for ordinary inputs: the debug binary validates a small file in under 4 MiB of
/// data and 10,000 diagnostics in under 48 MiB, so 64 MiB leaves room without hiding a
/// blow-up.
pub const MEMORY_MIB: u64 = 64;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: TIME,
            memory_mib: MEMORY_MIB,
            unprivileged: false,
        }
    }
}

/// Whether this process runs as root (file modes do not stop root).
pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status").is_ok_and(|s| {
        s.lines()
            .find(|l| l.starts_with("Uid:"))
            .and_then(|l| l.split_whitespace().nth(2))
            == Some("0")
    })
}

/// Whether a run can be made without privileges: not root, or root with `setpriv` (from
/// util-linux) to drop to `nobody`. Tests that need it print why they skip otherwise.
pub fn can_run_unprivileged(test: &str) -> bool {
    let ok = !is_root()
        || Command::new("setpriv")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("{test}: skipped, running as root without setpriv to drop privileges");
    }
    ok
}

/// The command that runs the binary with `args` in `dir` under `limits`.
pub fn command(dir: &Path, args: &[&str], limits: Limits) -> Command {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get() as u64);
    let kib = (limits.memory_mib + 4 * cores) * 1024;
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -d \"$0\" && exec \"$@\"")
        .arg(kib.to_string())
        // A backtrace printed under memory pressure can deadlock std's out-of-memory
        // handler; users do not run with it, so neither do these runs.
        .env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    if limits.unprivileged && is_root() {
        cmd.args([
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            "--",
        ]);
    }
    cmd.arg(env!("CARGO_BIN_EXE_actorgraph"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null());
    cmd
}

/// Runs the binary in `dir` with the default limits.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    run_with(dir, args, Limits::default())
}

/// Runs the binary in `dir` under `limits`, capturing its output.
pub fn run_with(dir: &Path, args: &[&str], limits: Limits) -> Run {
    let child = command(dir, args, limits)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn actorgraph");
    finish(child, args, limits.time)
}

/// Waits for a spawned child with piped output, killing it after `limit`; fails the test
/// on a timeout, a signal, non-UTF-8 output or a panic message.
pub fn finish(mut child: Child, args: &[&str], limit: Duration) -> Run {
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("actorgraph {args:?} did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(5));
    };
    let text = |h: thread::JoinHandle<Vec<u8>>| {
        String::from_utf8(h.join().expect("reader")).expect("UTF-8 output")
    };
    let (stdout, stderr) = (text(stdout), text(stderr));
    let Some(code) = status.code() else {
        panic!("actorgraph {args:?} was killed by a signal ({status}); out of memory?\n{stderr}");
    };
    assert!(
        !stderr.contains("panicked") && !stderr.contains("memory allocation"),
        "actorgraph {args:?} crashed:\n{stderr}"
    );
    Run {
        code,
        stdout,
        stderr,
    }
}
