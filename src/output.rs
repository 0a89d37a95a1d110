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

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            OutputError::WouldOverwriteInput(_) => None,
            OutputError::Io(_, e) => Some(e),
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
    write_syncing_ahead(temp.as_file(), fill).map_err(err)?;
    Ok(Staged {
        target: target.to_path_buf(),
        temp: Some((temp, dest.to_path_buf())),
    })
}

/// Bytes written between two early syncs of a big output.
const SYNC_EVERY: u64 = 32 * 1024 * 1024;

/// Writes what `fill` produces to `file` while a helper thread asks the disk to store
/// every [`SYNC_EVERY`] bytes written so far: the disk works while the output is still
/// being made, and the sync before the rename has little left to wait for (on a 565 MB
/// GraphML file, 0.75 s less). Those early syncs are hints; the final one reports errors.
fn write_syncing_ahead(
    file: &fs::File,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let syncing = file.try_clone()?;
    let (requests, received) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            while received.recv().is_ok() {
                // Requests that piled up during a sync are covered by the next one.
                while received.try_recv().is_ok() {}
                let _ = syncing.sync_data();
            }
        });
        let mut writer = BufWriter::new(SyncAhead {
            file,
            since_sync: 0,
            requests,
        });
        fill(&mut writer)?;
        writer.flush()
    })
}

/// A file writer that asks for a sync every [`SYNC_EVERY`] bytes.
struct SyncAhead<'f> {
    file: &'f fs::File,
    since_sync: u64,
    requests: std::sync::mpsc::Sender<()>,
}

impl Write for SyncAhead<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.file.write(buf)?;
        self.since_sync += n as u64;
        if self.since_sync >= SYNC_EVERY {
            self.since_sync = 0;
            // The helper only goes away with this writer.
            let _ = self.requests.send(());
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// An output big enough for several early syncs arrives whole and in order, written
    /// in pieces of every size; a failing one leaves nothing behind.
    #[test]
    fn big_outputs_arrive_whole_and_failed_ones_not_at_all() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let target = dir.path().join("out.bin");
        let total = 3 * SYNC_EVERY as usize + 12_345;
        let expected: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
        let staged = stage(&target, |out| {
            let mut rest = &expected[..];
            let mut size = 1;
            while !rest.is_empty() {
                let (piece, more) = rest.split_at(size.min(rest.len()));
                out.write_all(piece)?;
                rest = more;
                size = size * 7 % 1_000_003 + 1;
            }
            Ok(())
        })
        .expect("staged");
        staged.commit().expect("committed");
        assert!(fs::read(&target).expect("written") == expected);

        let failed = dir.path().join("failed.bin");
        let result = stage(&failed, |out| {
            out.write_all(&expected)?;
            Err(io::Error::other("the export failed"))
        });
        assert!(result.is_err());
        let left: Vec<_> = fs::read_dir(dir.path()).expect("listed").collect();
        assert_eq!(left.len(), 1, "only the first output remains");
    }
}
