//! Writing an output file safely: the content goes to a temporary file in the target's
//! directory, which replaces the target by an atomic rename only once it is complete and
//! synced, so a failed or killed run never leaves a partial or truncated file behind.
//! A target that is not a regular file (`/dev/stdout`, a pipe from `>(command)`) is
//! written in place instead, appending and never truncating: renaming over it would replace
//! the device or pipe itself, or, for `/dev/stdout` redirected to a file, that file.

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
/// for a device, pipe or descriptor); [`Staged::commit`] then puts it in place atomically.
/// A symbolic link is followed, so the file it points to is replaced (or, for a dangling
/// link, created) and the link kept.
pub fn stage(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Staged, OutputError> {
    let err = |e: io::Error| OutputError::Io(target.to_path_buf(), without_temp_path(e));
    let dest = match destination(target).map_err(err)? {
        Destination::InPlace => {
            write_in_place(target, fill).map_err(err)?;
            return Ok(Staged {
                target: target.to_path_buf(),
                temp: None,
            });
        }
        Destination::Replace(dest) => dest,
    };
    let dir = match dest.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(&temp_prefix(&dest))
        .rand_bytes(TEMP_RANDOM)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(err)?;
    write_syncing_ahead(temp.as_file(), fill).map_err(err)?;
    Ok(Staged {
        target: target.to_path_buf(),
        temp: Some((temp, dest)),
    })
}

/// How an output reaches its target.
enum Destination {
    /// Written into the target as it is: a device, a pipe, or a descriptor of this process
    /// (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`), which may be a file the shell opened
    /// for appending.
    InPlace,
    /// Written beside this path (the target with its links followed), then renamed over it.
    Replace(PathBuf),
}

/// The most links followed from a target, as Linux allows.
const MAX_LINKS: usize = 40;

/// Follows `target`'s symbolic links one at a time, to see where the output must go.
/// A link that leads nowhere leads to the file it names, which is then created; a link
/// into `/proc` (how `/dev/stdout` and `/dev/fd/N` work) or to anything but a regular file
/// or directory means writing in place.
fn destination(target: &Path) -> io::Result<Destination> {
    let mut path = target.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_descriptor(&path) {
            return Ok(Destination::InPlace);
        }
        let meta = match fs::symlink_metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Destination::Replace(path)),
            Err(e) => return Err(e),
        };
        if !meta.file_type().is_symlink() {
            return Ok(if meta.is_file() || meta.is_dir() {
                Destination::Replace(path)
            } else {
                Destination::InPlace
            });
        }
        let next = fs::read_link(&path)?;
        // Relative to the link's directory; an absolute target replaces the whole path.
        path = path
            .parent()
            .map_or_else(|| next.clone(), |dir| dir.join(&next));
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Whether `path` lies in `/proc` once its directory's links are resolved: a process's
/// descriptors, which must be written in place and never replaced.
fn is_descriptor(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::canonicalize(dir).is_ok_and(|real| real.starts_with("/proc"))
}

/// Random characters in a temporary file's name.
const TEMP_RANDOM: usize = 6;
/// How a temporary file's name ends.
const TEMP_SUFFIX: &str = ".tmp";
/// The longest file name most file systems allow, in bytes.
const NAME_MAX: usize = 255;

/// `.NAME.`, with NAME cut so that the whole temporary name (`.NAME.XXXXXX.tmp`) fits in
/// [`NAME_MAX`] bytes however long the target's name is.
fn temp_prefix(dest: &Path) -> String {
    let name = dest.file_name().unwrap_or_default().to_string_lossy();
    let mut end = name
        .len()
        .min(NAME_MAX - 2 - TEMP_RANDOM - TEMP_SUFFIX.len());
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}.", &name[..end])
}

/// `e` without the temporary file's path that `tempfile` adds to its errors: a message
/// names the target only.
fn without_temp_path(e: io::Error) -> io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    let text = e.to_string();
    match text.find(" at path ") {
        Some(at) => io::Error::new(e.kind(), text[..at].to_owned()),
        None => e,
    }
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
        let err = |e: io::Error| OutputError::Io(self.target.clone(), without_temp_path(e));
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

/// Writes straight into a device, pipe or descriptor, never truncating it: appending,
/// so that `-o /dev/stdout >> log` adds to the log as the shell asked.
fn write_in_place(
    target: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = fs::OpenOptions::new().append(true).open(target)?;
    let mut writer = BufWriter::new(file);
    fill(&mut writer)?;
    writer.flush()
}

/// Gives the new file the permission bits of the file it replaces, or, for a new file,
/// the usual `rw-r--r--` (temporary files are created private). Set-user-ID, set-group-ID
/// and sticky bits are not copied: an export is data, never a program to run as someone.
fn keep_permissions(target: &Path, temp: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(target).map_or(0o644, |m| m.permissions().mode() & 0o777);
        let _ = fs::set_permissions(temp, fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    if let Ok(meta) = fs::metadata(target) {
        let _ = fs::set_permissions(temp, meta.permissions());
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
