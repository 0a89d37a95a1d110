//! Writing an output file safely: the content goes to a temporary file in the target's
//! directory, which replaces the target by an atomic rename only once it is complete, so
//! a failed or killed run never leaves a partial or truncated file behind.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Why an output file could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// `-o` names one of the dataset's own files.
    WouldOverwriteInput(PathBuf),
    /// The file system refused.
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OutputError::WouldOverwriteInput(p) => write!(
                f,
                "refusing to overwrite `{}`: it is one of the dataset's input files",
                p.display()
            ),
            OutputError::Io(p, e) => write!(f, "cannot write `{}`: {e}", p.display()),
        }
    }
}

/// Refuses an output path that is one of the input files.
pub fn check_not_input(target: &Path, inputs: &[PathBuf]) -> Result<(), OutputError> {
    let Ok(target_real) = fs::canonicalize(target) else {
        return Ok(()); // Does not exist yet, so it is no input.
    };
    let clash = inputs
        .iter()
        .any(|input| fs::canonicalize(input).is_ok_and(|p| p == target_real));
    if clash {
        Err(OutputError::WouldOverwriteInput(target.to_path_buf()))
    } else {
        Ok(())
    }
}

/// Writes `target` atomically with the bytes `fill` produces.
pub fn write_atomically(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    let err = |e: io::Error| OutputError::Io(target.to_path_buf(), e);
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    let mut writer = BufWriter::new(temp);
    fill(&mut writer).map_err(err)?;
    let temp = writer.into_inner().map_err(|e| err(e.into_error()))?;
    temp.as_file().sync_all().map_err(err)?;
    keep_permissions(target, temp.path());
    temp.persist(target).map_err(|e| err(e.error))?;
    Ok(())
}

/// Gives the new file the permissions of the file it replaces, or, for a new file, the
/// usual `rw-r--r--` (temporary files are created private).
fn keep_permissions(target: &Path, temp: &Path) {
    if let Ok(meta) = fs::metadata(target) {
        let _ = fs::set_permissions(temp, meta.permissions());
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(temp, fs::Permissions::from_mode(0o644));
    }
}
