//! The wire: messages framed by a `Content-Length` header, as the Language Server
//! Protocol sends them over standard input and output. Reading is bounded (a header line,
//! a message's length) and a message that is not JSON-RPC is skipped rather than ending
//! the session; the message text is never echoed, since it carries dataset text.

use std::io::{self, BufRead, Read, Write};

use lsp_server::Message;

/// The longest message read: a whole buffer of the largest file read (128 MiB), with
/// room for JSON escapes. A longer one is skipped without being held in memory.
pub const MAX_MESSAGE_BYTES: u64 = 256 * 1024 * 1024;

/// The longest header line read.
const MAX_HEADER_BYTES: u64 = 4096;

/// What one read from the client gave.
#[derive(Debug)]
pub enum Incoming {
    /// A message.
    Message(Message),
    /// A complete message that could not be used, and why (never its text).
    Malformed(String),
    /// The client closed the stream, or broke the framing so that nothing more can be
    /// read.
    End,
}

/// Reads the next message from `input`.
pub fn read(input: &mut dyn BufRead) -> Incoming {
    let Ok(Some(length)) = headers(input) else {
        return Incoming::End;
    };
    if length > MAX_MESSAGE_BYTES {
        return match io::copy(&mut input.take(length), &mut io::sink()) {
            Ok(n) if n == length => Incoming::Malformed(format!(
                "a message of {length} bytes is larger than the {MAX_MESSAGE_BYTES} read"
            )),
            _ => Incoming::End,
        };
    }
    let mut body = Vec::with_capacity(usize::try_from(length.min(1 << 20)).unwrap_or(0));
    match input.take(length).read_to_end(&mut body) {
        Ok(n) if n as u64 == length => {}
        _ => return Incoming::End,
    }
    match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Incoming::Message(message),
        Err(e) => Incoming::Malformed(format!(
            "not a JSON-RPC message ({} at line {}, column {})",
            category(&e),
            e.line(),
            e.column()
        )),
    }
}

fn category(e: &serde_json::Error) -> &'static str {
    match e.classify() {
        serde_json::error::Category::Io => "unreadable",
        serde_json::error::Category::Syntax => "invalid JSON",
        serde_json::error::Category::Data => "not a request, response or notification",
        serde_json::error::Category::Eof => "truncated JSON",
    }
}

/// Reads the header block; the content length, or `None` at the end of the stream.
fn headers(input: &mut dyn BufRead) -> io::Result<Option<u64>> {
    let mut length = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = input.take(MAX_HEADER_BYTES).read_until(b'\n', &mut line)?;
        if n == 0 || !line.ends_with(b"\n") {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            return Ok(length);
        }
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<u64>().ok();
            if length.is_none() {
                return Ok(None);
            }
        }
    }
}

/// Writes one message and flushes it.
pub fn write(output: &mut dyn Write, message: &Message) -> io::Result<()> {
    let mut buffered = Vec::new();
    message.write(&mut buffered)?;
    output.write_all(&buffered)?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn framed(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn messages_are_read_and_bad_ones_skipped() {
        let mut bytes = framed("{not json");
        bytes.extend(framed(r#"{"jsonrpc":"2.0","method":"exit"}"#));
        bytes.extend(b"Content-Length: 99\r\n\r\n{}");
        let mut input = &bytes[..];
        assert!(matches!(read(&mut input), Incoming::Malformed(_)));
        assert!(
            matches!(read(&mut input), Incoming::Message(Message::Notification(n)) if n.method == "exit")
        );
        // Cut off mid-message: the end.
        assert!(matches!(read(&mut input), Incoming::End));
    }

    #[test]
    fn a_huge_length_is_not_allocated() {
        let bytes = b"Content-Length: 99999999999999\r\n\r\n{}".to_vec();
        assert!(matches!(read(&mut &bytes[..]), Incoming::End));
        let bytes = b"Content-Length: x\r\n\r\n{}".to_vec();
        assert!(matches!(read(&mut &bytes[..]), Incoming::End));
    }
}
