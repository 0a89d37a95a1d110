//! Opening a dataset file safely: only regular files are read, opened without blocking
//! (a named pipe or a device swapped in cannot hang the run), and only if the file is still
//! the one the directory search vetted. What was read is summed up in a [`Fingerprint`], so
//! the report can later re-read a file and be sure it sees exactly the bytes that were
//! parsed, or show no source line at all.

use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// The largest file read, in bytes. Memory grows about four times a file's size.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Which file a path led to: device and inode on Unix (elsewhere every file looks alike,
/// and only the length and the hash of its bytes tell files apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    dev: u64,
    ino: u64,
}

impl Identity {
    /// The identity of the file `meta` describes.
    #[cfg(unix)]
    pub fn of(meta: &fs::Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity {
            dev: meta.dev(),
            ino: meta.ino(),
        }
    }

    /// The identity of the file `meta` describes.
    #[cfg(not(unix))]
    pub fn of(_: &fs::Metadata) -> Identity {
        Identity { dev: 0, ino: 0 }
    }
}

/// What was read from a file that decoded as text: enough to recognise the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// The file read.
    pub identity: Identity,
    /// Its length in bytes.
    pub len: u64,
    /// [`hash`] of its bytes.
    pub hash: u64,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum OpenError {
    /// The operating system refused (or the file is too big).
    Io(io::Error),
    /// The path leads to something other than a regular file: what it is.
    Special(&'static str),
    /// The path now leads to another file than the one found when the directory was searched.
    Replaced,
}

/// What a non-regular file is, in words, or `None` for a regular file.
pub fn special_kind(meta: &fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a named pipe");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// Opens `path` for reading if it is a regular file (and, when `expected` is given, that
/// very file), without blocking: the kind is checked before opening, so no device or pipe is
/// ever opened by name, and again on the open handle, in case the path changed in between.
pub fn open_regular(
    path: &Path,
    expected: Option<Identity>,
) -> Result<(fs::File, fs::Metadata), OpenError> {
    let before = fs::metadata(path).map_err(OpenError::Io)?;
    if let Some(kind) = special_kind(&before) {
        return Err(OpenError::Special(kind));
    }
    let file = options().open(path).map_err(OpenError::Io)?;
    let meta = file.metadata().map_err(OpenError::Io)?;
    if let Some(kind) = special_kind(&meta) {
        return Err(OpenError::Special(kind));
    }
    let seen = Identity::of(&meta);
    if Identity::of(&before) != seen || expected.is_some_and(|e| e != seen) {
        return Err(OpenError::Replaced);
    }
    Ok((file, meta))
}

/// Read-only, and on Unix non-blocking and never becoming the controlling terminal.
fn options() -> fs::OpenOptions {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options
}

/// Why a file larger than [`MAX_FILE_BYTES`] is not read.
pub fn too_large() -> String {
    format!(
        "the file is larger than {} MiB",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Reads the whole regular file `path` into `bytes`, refusing one larger than
/// [`MAX_FILE_BYTES`] or one that is not the file `expected` names.
pub fn read_bounded(
    path: &Path,
    expected: Option<Identity>,
    bytes: &mut Vec<u8>,
) -> Result<Identity, OpenError> {
    let (file, meta) = open_regular(path, expected)?;
    let too_big = || OpenError::Io(io::Error::other(too_large()));
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    // The size may be wrong (a file in /proc says 0) or grow while being read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(OpenError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        bytes.clear();
        bytes.shrink_to_fit();
        return Err(too_big());
    }
    Ok(Identity::of(&meta))
}

/// Reads `path` again and returns its bytes only if they are exactly the ones `print`
/// describes: the same file, length and hash. Anything else (the file replaced, edited,
/// turned into a pipe, gone) gives `None`.
pub fn reread(path: &Path, print: &Fingerprint) -> Option<Vec<u8>> {
    let (file, _) = open_regular(path, Some(print.identity)).ok()?;
    let mut bytes = Vec::with_capacity(usize::try_from(print.len).ok()?);
    file.take(print.len.checked_add(1)?)
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 == print.len && hash(&bytes) == print.hash).then_some(bytes)
}

/// A fast 64-bit hash of `bytes`, to notice that a file changed between being parsed and
/// being quoted in a report. It is not cryptographic and needs not be: the file must also
/// be the same inode, so the worst a writer racing the run can do is have its own text
/// quoted; it cannot make the report show another file's content.
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let word = |w: &[u8]| {
        let mut a = [0; 8];
        a.copy_from_slice(w);
        u64::from_le_bytes(a)
    };
    let mut lanes = [1_u64, 2, 3, 4];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, w) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = (*lane ^ word(w)).wrapping_mul(K).rotate_left(31);
        }
    }
    let mut h = bytes.len() as u64;
    for lane in lanes {
        h = (h ^ lane).wrapping_mul(K).rotate_left(27);
    }
    for &b in blocks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(K).rotate_left(23);
    }
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_sees_every_byte() {
        let base: Vec<u8> = (0..100_u8).collect();
        let h = hash(&base);
        for i in 0..base.len() {
            let mut changed = base.clone();
            changed[i] ^= 1;
            assert_ne!(hash(&changed), h, "a change at byte {i} went unseen");
        }
        assert_ne!(hash(&base[..99]), h);
        assert_ne!(hash(b""), hash(b"\0"));
    }

    #[test]
    fn a_reread_returns_only_the_same_bytes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("a.yaml");
        fs::write(&path, "name: one\n").expect("write");
        let mut bytes = Vec::new();
        let identity = read_bounded(&path, None, &mut bytes).expect("read");
        let print = Fingerprint {
            identity,
            len: bytes.len() as u64,
            hash: hash(&bytes),
        };
        assert_eq!(reread(&path, &print).as_deref(), Some(&bytes[..]));
        // Edited in place, same length.
        fs::write(&path, "name: two\n").expect("write");
        assert_eq!(reread(&path, &print), None);
        // Replaced by another file with the original bytes (made first, so that it
        // cannot reuse the inode).
        let other = dir.path().join("b.yaml");
        fs::write(&other, "name: one\n").expect("write");
        fs::remove_file(&path).expect("remove");
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&other, &path).expect("symlink");
            assert_eq!(reread(&path, &print), None);
        }
    }
}
