//! The language server in a real editor, set up exactly as docs/editors.md says: Emacs
//! with eglot (Debian 12: `emacs-nox`, `elpa-eglot`, `elpa-yaml-mode`) opens a file of a
//! fixture workspace and must receive the server's diagnostics. The Emacs Lisp block is
//! read from the document itself, so the documented set-up is what is tried.

use std::path::Path;

use crate::common;

/// The first fenced block of `language` in docs/editors.md.
fn documented(language: &str) -> String {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editors.md"))
            .expect("docs/editors.md");
    let fence = format!("```{language}\n");
    let start = doc.find(&fence).expect("a documented block") + fence.len();
    doc[start..][..doc[start..].find("```").expect("closed block")].to_owned()
}

#[test]
#[ignore = "needs emacs-nox, elpa-eglot and elpa-yaml-mode (.ci/run installs them)"]
fn emacs_eglot_as_documented_shows_the_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lsp");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    // Eglot's workspace folder is the project: a git repository.
    common::git(dir.path(), &["init", "-q", "."]);
    let script = format!(
        r#"(package-initialize)
(require 'yaml-mode)
(require 'eglot)
{}
(find-file (expand-file-name "edges.yaml"))
;; Batch Emacs runs no command loop, so the hook's deferred start is run by hand.
(unless (eglot-current-server) (eglot-ensure) (run-hooks 'post-command-hook))
(let ((tries 0))
  (while (and (< tries 600) (< (length (flymake-diagnostics)) 3))
    (setq tries (1+ tries))
    (accept-process-output nil 0.1)))
(dolist (d (flymake-diagnostics))
  (princ (format "DIAG %s\n" (flymake-diagnostic-text d))))
(kill-emacs 0)
"#,
        documented("elisp")
    );
    let el = dir.path().join("check.el");
    std::fs::write(&el, script).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_actorgraph"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = super::command("emacs")
        .args(["--batch", "-l"])
        .arg(&el)
        .env("PATH", path)
        .current_dir(dir.path())
        .output()
        .expect("emacs (apt-get install emacs-nox elpa-eglot elpa-yaml-mode)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("DIAG actorgraph [unknown-source]: unknown source `botobekov-2019`"),
        "stdout: {stdout}\nstderr: {stderr}"
    );
    assert_eq!(stdout.matches("DIAG ").count(), 3, "{stdout}");
}
