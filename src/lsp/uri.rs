//! `file:` URIs and paths. Only `file:` URIs on this machine name dataset files; every
//! other scheme, a host other than `localhost`, a relative path or a `..` step is refused
//! (`None`), so a request can never make the server read outside its workspace.

use std::fmt::Write;
use std::path::{Component, Path, PathBuf};

/// The absolute path a `file:` URI names, or `None` for anything else.
pub fn to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri
        .strip_prefix("file://")
        .or_else(|| uri.strip_prefix("FILE://"))?;
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') || rest.contains(['?', '#']) {
        return None;
    }
    let bytes = decode(rest)?;
    let path = path_from_bytes(bytes)?;
    let plain = path
        .components()
        .all(|c| matches!(c, Component::RootDir | Component::Normal(_)));
    plain.then_some(path)
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    if bytes.contains(&0) {
        return None;
    }
    Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> Option<PathBuf> {
    String::from_utf8(bytes).ok().map(PathBuf::from)
}

/// Percent-decoding; `None` for a malformed escape.
fn decode(text: &str) -> Option<Vec<u8>> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The `file:` URI of an absolute path, escaping every byte but unreserved ones and `/`.
pub fn from_path(path: &Path) -> String {
    let mut out = String::from("file://");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_round_trip() {
        let p = Path::new("/tmp/a b/é#?.yaml");
        let uri = from_path(p);
        assert_eq!(uri, "file:///tmp/a%20b/%C3%A9%23%3F.yaml");
        assert_eq!(to_path(&uri).as_deref(), Some(p));
        assert_eq!(
            to_path("file://localhost/x/y.yaml").as_deref(),
            Some(Path::new("/x/y.yaml"))
        );
    }

    #[test]
    fn other_uris_are_refused() {
        for uri in [
            "untitled:Untitled-1",
            "https://example.org/a.yaml",
            "file://server/share/a.yaml",
            "file:///a/../etc/passwd",
            "file:///a/%2E%2E/etc/passwd",
            "file:///a/%zz",
            "file:///a%00b",
            "file:relative.yaml",
        ] {
            assert_eq!(to_path(uri), None, "{uri}");
        }
    }
}
