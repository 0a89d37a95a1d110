//! Writing an output file safely: the content goes to a temporary file in the target's
//! directory, which replaces the target by an atomic rename only once it is complete and
//! synced, so a failed or killed run never leaves a partial or truncated file behind.
//! A target that is not a regular file (`/dev/stdout`, a pipe from `>(command)`) is
//! written in place instead: renaming over it would replace the device or pipe itself.

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

/// Refuses an output path that is one of the input files: the same path after links are
/// resolved or, on Unix, the same file under another name (a hard link).
pub fn check_not_input(target: &Path, inputs: &[PathBuf]) -> Result<(), OutputError> {
    let Ok(target_real) = fs::canonicalize(target) else {
        return Ok(()); // Does not exist yet, so it is no input.
    };
    let target_id = file_id(&target_real);
    let clash = inputs.iter().any(|input| {
        fs::canonicalize(input)
            .is_ok_and(|p| p == target_real || (target_id.is_some() && file_id(&p) == target_id))
    });
    if clash {
        Err(OutputError::WouldOverwriteInput(target.to_path_buf()))
    } else {
        Ok(())
    }
}

/// The device and inode of a file, which name it whatever path reaches it.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_: &Path) -> Option<(u64, u64)> {
    None
}

/// Output written but not yet in place: [`Staged::commit`] syncs it and renames it over
/// the target. Between the two the caller may free what it wrote from, while the disk
/// catches up.
#[must_use = "the output is only in place once committed"]
pub struct Staged {
    target: PathBuf,
    /// The temporary file and the path it replaces; `None` when written in place.
    temp: Option<(tempfile::NamedTempFile, PathBuf)>,
}

/// Writes the bytes `fill` produces to a temporary file beside `target` (or in place,
/// for a device or pipe); [`Staged::commit`] then puts it in place atomically. A symbolic
/// link is followed, so the file it points to is replaced and the link kept.
pub fn stage(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Staged, OutputError> {
    let err = |e: io::Error| OutputError::Io(target.to_path_buf(), e);
    if fs::metadata(target).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        write_in_place(target, fill).map_err(err)?;
        return Ok(Staged {
            target: target.to_path_buf(),
            temp: None,
        });
    }
    let resolved = resolve_link(target);
    let dest = resolved.as_deref().unwrap_or(target);
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    let mut writer = BufWriter::new(temp);
    fill(&mut writer).map_err(err)?;
    let temp = writer.into_inner().map_err(|e| err(e.into_error()))?;
    Ok(Staged {
        target: target.to_path_buf(),
        temp: Some((temp, dest.to_path_buf())),
    })
}

impl Staged {
    /// Syncs the staged file and renames it over the target.
    pub fn commit(self) -> Result<(), OutputError> {
        let Some((temp, dest)) = self.temp else {
            return Ok(());
        };
        let err = |e: io::Error| OutputError::Io(self.target.clone(), e);
        temp.as_file().sync_all().map_err(err)?;
        keep_permissions(&dest, temp.path());
        temp.persist(&dest).map_err(|e| err(e.error))?;
        // Make the rename itself durable; a file system that cannot sync a directory has
        // nothing more to offer, so that failure is not an error.
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// Where a symbolic link `target` leads, when it is one and leads somewhere.
fn resolve_link(target: &Path) -> Option<PathBuf> {
    let meta = fs::symlink_metadata(target).ok()?;
    if meta.file_type().is_symlink() {
        fs::canonicalize(target).ok()
    } else {
        None
    }
}

/// Writes straight into a device or pipe, which has no content to protect.
fn write_in_place(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = fs::OpenOptions::new().write(true).open(target)?;
    let mut writer = BufWriter::new(file);
    fill(&mut writer)?;
    writer.flush()
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
