//! The fast path for the YAML datasets are written in: block mappings and sequences,
//! one-line plain and quoted scalars, one-line flow lists and mappings, literal and folded
//! block scalars, and comments. It scans the bytes once and hands the tree builder the
//! same structure, values and positions as saphyr-parser would, at several times its speed.
//!
//! Lines may end in `\n` or `\r\n`. Anything outside that subset (anchors, tags,
//! multi-line flow or quoted scalars, tabs, lone carriage returns, document markers,
//! quoted keys) and anything malformed makes it give up before it has reported a problem;
//! the file is then parsed by saphyr-parser, which also words every syntax error. The
//! tests run both on the same documents and require identical event streams whenever the
//! fast path does not give up.

use saphyr_parser::ScalarStyle;

use crate::diagnostic::{FileId, Span};

/// Receives a document's structure in order: the tree builder, or a test's recorder.
pub trait Events {
    /// A scalar, its style, and where it is.
    fn scalar(&mut self, value: &str, style: ScalarStyle, span: Span);
    /// A sequence starts.
    fn seq_start(&mut self, span: Span);
    /// A mapping starts; keys and values alternate until its end.
    fn map_start(&mut self, span: Span);
    /// The innermost open sequence or mapping ends.
    fn end(&mut self);
    /// The scalar just sent is plain and a comment follows it after one blank, so what
    /// may have been meant as text (`Issue #12`) was cut off it.
    fn comment_after(&mut self) {}
}

/// The text uses something left to saphyr-parser; whatever was sent so far is void.
#[derive(Debug, PartialEq, Eq)]
pub struct GiveUp;

type Step = Result<(), GiveUp>;

/// Nesting beyond this is left to saphyr-parser (and the tree's own limit).
const MAX_DEPTH: usize = 32;

/// YAML limits implicit keys to 1024 characters: saphyr-parser refuses a key whose `:`
/// lies more than 1024 characters after its start. The fast path measures in bytes, so
/// it gives up on every key saphyr-parser refuses (and on some long non-ASCII ones).
const MAX_KEY: usize = 1024;

/// Sends the structure of `text` (a whole file, without byte order mark) to `events`.
pub fn parse(text: &str, file: FileId, events: &mut impl Events) -> Step {
    if !only_plain_characters(text.as_bytes()) {
        return Err(GiveUp);
    }
    Scanner {
        b: text.as_bytes(),
        text,
        pos: 0,
        line: 1,
        line_start: 0,
        file,
        events,
        depth: 0,
        scratch: String::new(),
    }
    .document()
}

/// Whether the text avoids every character whose handling the fast path leaves to
/// saphyr-parser: control characters (tab included, carriage return but before a line
/// feed), DEL, C1 controls, the Unicode line and paragraph separators, and U+FEFF, U+FFFE,
/// U+FFFF.
fn only_plain_characters(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let bad = match c {
            b'\n' | 0x20..=0x7e | 0x80..=0xc1 | 0xc3..=0xe1 | 0xe3..=0xee | 0xf0..=0xff => false,
            b'\r' => b.get(i + 1) != Some(&b'\n'),
            0xc2 => b.get(i + 1).is_some_and(|&d| d < 0xa0),
            0xe2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)),
            0xef => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ),
            _ => true,
        };
        if bad {
            return false;
        }
        i += 1;
    }
    true
}

/// Characters in `bytes` (valid UTF-8): every byte that does not continue a character.
fn chars(bytes: &[u8]) -> u32 {
    let n = bytes.iter().filter(|&&c| c.cast_signed() >= -0x40).count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Scanner<'t, E> {
    b: &'t [u8],
    text: &'t str,
    /// The next byte to read.
    pos: usize,
    /// 1-based line of `pos`.
    line: u32,
    /// Where that line starts.
    line_start: usize,
    file: FileId,
    events: &'t mut E,
    depth: usize,
    /// Reused for scalars whose text is not a slice of the file (escapes, block scalars).
    scratch: String,
}

impl<E: Events> Scanner<'_, E> {
    /// The byte at `i`, or 0 past the end (the text holds no NUL); the `\r` of a `\r\n`
    /// reads as `\n`, so every line break looks the same.
    fn at(&self, i: usize) -> u8 {
        match self.b.get(i) {
            Some(b'\r') => b'\n',
            Some(&c) => c,
            None => 0,
        }
    }

    fn here(&self) -> u8 {
        self.at(self.pos)
    }

    fn at_eol(&self) -> bool {
        matches!(self.here(), b'\n' | 0)
    }

    fn skip_spaces(&mut self) {
        while self.here() == b' ' {
            self.pos += 1;
        }
    }

    fn skip_to_eol(&mut self) {
        self.pos = self.b[self.pos..]
            .iter()
            .position(|&c| c == b'\n' || c == b'\r')
            .map_or(self.b.len(), |i| self.pos + i);
    }

    /// Steps over the line break (`\n` or `\r\n`) at `pos`.
    fn newline(&mut self) {
        self.pos += if self.b[self.pos] == b'\r' { 2 } else { 1 };
        self.line += 1;
        self.line_start = self.pos;
    }

    /// A span from `start` to `end`, `start` lying on the current line.
    fn span(&self, start: usize, end: usize) -> Span {
        Span {
            file: self.file,
            line: self.line,
            column: chars(&self.b[self.line_start..start]) + 1,
            len: chars(&self.b[start..end]),
        }
    }

    fn enter(&mut self) -> Step {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(GiveUp);
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
        self.events.end();
    }

    /// After a value: spaces, perhaps a comment, then the end of the line, stepped over.
    fn finish_line(&mut self) -> Step {
        let before = self.pos;
        self.skip_spaces();
        if self.here() == b'#' {
            if self.pos == before {
                return Err(GiveUp);
            }
            self.skip_to_eol();
        }
        match self.here() {
            b'\n' => {
                self.newline();
                Ok(())
            }
            0 => Ok(()),
            _ => Err(GiveUp),
        }
    }

    /// From the start of a line, steps over blank and comment lines to the first
    /// character of the next line with content, and returns its indentation (`None` at
    /// the end of the text).
    fn next_content_line(&mut self) -> Result<Option<usize>, GiveUp> {
        loop {
            self.skip_spaces();
            match self.here() {
                0 => return Ok(None),
                b'\n' => self.newline(),
                b'#' => {
                    self.skip_to_eol();
                    if self.here() == b'\n' {
                        self.newline();
                    }
                }
                _ => {
                    let indent = self.pos - self.line_start;
                    if indent == 0 && self.document_marker() {
                        return Err(GiveUp);
                    }
                    return Ok(Some(indent));
                }
            }
        }
    }

    fn document_marker(&self) -> bool {
        let rest = &self.b[self.pos..];
        (rest.starts_with(b"---") || rest.starts_with(b"...") || rest.starts_with(b"%"))
            && matches!(self.at(self.pos + 3), b' ' | b'\n' | 0)
    }

    /// Indentation of the line `pos` starts the content of, `None` at the end.
    fn indent(&self) -> Option<usize> {
        (self.pos < self.b.len()).then(|| self.pos - self.line_start)
    }

    /// A `-` that starts a sequence entry.
    fn is_entry_dash(&self) -> bool {
        self.here() == b'-' && matches!(self.at(self.pos + 1), b' ' | b'\n' | 0)
    }

    fn document(&mut self) -> Step {
        if self.next_content_line()? != Some(0) {
            return Err(GiveUp);
        }
        if self.is_entry_dash() {
            self.block_seq(0, false)?;
        } else if self.key_colon().is_some() {
            self.block_map(0)?;
        } else {
            return Err(GiveUp);
        }
        match self.indent() {
            None => Ok(()),
            Some(_) => Err(GiveUp),
        }
    }

    /// If a plain implicit key starts at `pos`, where its `:` is.
    fn key_colon(&self) -> Option<usize> {
        if !self.plain_start(self.pos, false) {
            return None;
        }
        let mut i = self.pos;
        loop {
            // Checked before the `:` is recognised: a key of 1025 characters is too long.
            if i - self.pos > MAX_KEY {
                return None;
            }
            match self.at(i) {
                b'\n' | 0 | b'[' | b']' | b'{' | b'}' | b',' => return None,
                b':' if matches!(self.at(i + 1), b' ' | b'\n' | 0) => return Some(i),
                b'#' if self.at(i - 1) == b' ' => return None,
                _ => i += 1,
            }
        }
    }

    /// Whether a plain scalar may start at `i`; `-` only before a character that cannot
    /// make it an indicator, `?` and `:` never (left to saphyr-parser).
    fn plain_start(&self, i: usize, flow: bool) -> bool {
        match self.at(i) {
            b'-' => {
                let next = self.at(i + 1);
                !(matches!(next, b' ' | b'\n' | 0) || flow && b",[]{}".contains(&next))
            }
            b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|'
            | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' | 0 => false,
            _ => true,
        }
    }

    /// A node on a line of its own below its parent, which sits at column `parent`.
    fn nested_node(&mut self, column: usize, parent: usize) -> Step {
        if self.is_entry_dash() {
            self.block_seq(column, false)
        } else if self.key_colon().is_some() {
            self.block_map(column)
        } else if matches!(self.here(), b'|' | b'>') {
            Err(GiveUp)
        } else {
            self.inline_value(parent)
        }
    }

    fn block_map(&mut self, column: usize) -> Step {
        self.enter()?;
        self.events.map_start(self.span(self.pos, self.pos));
        loop {
            let colon = self.key_colon().ok_or(GiveUp)?;
            let start = self.pos;
            let end = start + self.b[start..colon].trim_ascii_end().len();
            let text = self.text;
            let span = self.span(start, end);
            self.events
                .scalar(&text[start..end], ScalarStyle::Plain, span);
            let empty = self.span(colon, colon);
            self.pos = colon + 1;
            self.skip_spaces();
            if self.at_eol() || self.here() == b'#' {
                self.finish_line()?;
                match self.next_content_line()? {
                    Some(n) if n > column => self.nested_node(n, column)?,
                    Some(n) if n == column && self.is_entry_dash() => {
                        self.block_seq(column, true)?;
                    }
                    _ => self.events.scalar("", ScalarStyle::Plain, empty),
                }
            } else {
                self.inline_value(column)?;
            }
            match self.indent() {
                Some(n) if n == column => {}
                Some(n) if n > column => return Err(GiveUp),
                _ => break,
            }
        }
        self.leave();
        Ok(())
    }

    /// A block sequence whose first `-` is at `pos`, in column `column`. An indentless
    /// one (a mapping's value, at the mapping's column) ends at the next key.
    fn block_seq(&mut self, column: usize, indentless: bool) -> Step {
        self.enter()?;
        // saphyr-parser places an indentless sequence at the token after its first dash.
        let mut at = self.pos;
        if indentless {
            at += 1;
            while self.at(at) == b' ' {
                at += 1;
            }
            if matches!(self.at(at), b'\n' | 0 | b'#') {
                return Err(GiveUp);
            }
        }
        self.events.seq_start(self.span(at, at));
        loop {
            self.entry(column)?;
            match self.indent() {
                Some(n) if n == column && self.is_entry_dash() => {}
                Some(n) if n < column => break,
                None => break,
                Some(n) if n == column && indentless => break,
                Some(_) => return Err(GiveUp),
            }
        }
        self.leave();
        Ok(())
    }

    /// One `- ` entry of a block sequence in column `column`.
    fn entry(&mut self, column: usize) -> Step {
        self.pos += 1;
        self.skip_spaces();
        if self.at_eol() || self.here() == b'#' {
            self.finish_line()?;
            return match self.next_content_line()? {
                Some(n) if n > column => self.nested_node(n, column),
                _ => Err(GiveUp),
            };
        }
        // Only spaces and dashes precede the entry's content: bytes are characters.
        let inner = self.pos - self.line_start;
        if self.is_entry_dash() {
            self.block_seq(inner, false)
        } else if self.key_colon().is_some() {
            self.block_map(inner)
        } else {
            self.inline_value(column)
        }
    }

    /// A value that starts on the current line, inside a block collection at column
    /// `parent`; afterwards `pos` is at the next line with content.
    fn inline_value(&mut self, parent: usize) -> Step {
        match self.here() {
            b'|' | b'>' => return self.block_scalar(parent),
            b'[' => self.flow_collection(b']')?,
            b'{' => self.flow_collection(b'}')?,
            b'"' => self.quoted_scalar(ScalarStyle::DoubleQuoted, true)?,
            b'\'' => self.quoted_scalar(ScalarStyle::SingleQuoted, true)?,
            _ => self.plain_in_block()?,
        }
        self.finish_line()?;
        match self.next_content_line()? {
            Some(n) if n > parent => Err(GiveUp),
            _ => Ok(()),
        }
    }

    /// A one-line plain scalar in block context.
    fn plain_in_block(&mut self) -> Step {
        let start = self.pos;
        if !self.plain_start(start, false) {
            return Err(GiveUp);
        }
        let mut end = start;
        let mut i = start;
        loop {
            match self.at(i) {
                b'\n' | 0 => break,
                b':' if matches!(self.at(i + 1), b' ' | b'\n' | 0) => return Err(GiveUp),
                b'#' if self.at(i - 1) == b' ' => break,
                b' ' => {}
                _ => end = i + 1,
            }
            i += 1;
        }
        self.plain(start, end);
        if self.at(i) == b'#' && i - end == 1 {
            self.events.comment_after();
        }
        Ok(())
    }

    /// A one-line plain scalar inside a flow collection.
    fn plain_in_flow(&mut self) -> Step {
        let start = self.pos;
        if !self.plain_start(start, true) {
            return Err(GiveUp);
        }
        let mut end = start;
        let mut i = start;
        loop {
            match self.at(i) {
                b'\n' | 0 => return Err(GiveUp),
                b',' | b'[' | b']' | b'{' | b'}' => break,
                b':' if matches!(self.at(i + 1), b' ' | b',' | b'[' | b']' | b'{' | b'}') => {
                    break;
                }
                b'#' if self.at(i - 1) == b' ' => return Err(GiveUp),
                // saphyr-parser refuses ` -` before a flow indicator inside a scalar.
                b'-' if self.at(i - 1) == b' ' && b",[]{}".contains(&self.at(i + 1)) => {
                    return Err(GiveUp);
                }
                b' ' => {}
                _ => end = i + 1,
            }
            i += 1;
        }
        self.plain(start, end);
        Ok(())
    }

    fn plain(&mut self, start: usize, end: usize) {
        let text = self.text;
        let span = self.span(start, end);
        self.events
            .scalar(&text[start..end], ScalarStyle::Plain, span);
        self.pos = end;
    }

    fn flow_node(&mut self) -> Step {
        match self.here() {
            b'[' => self.flow_collection(b']'),
            b'{' => self.flow_collection(b'}'),
            b'"' => self.quoted_scalar(ScalarStyle::DoubleQuoted, false),
            b'\'' => self.quoted_scalar(ScalarStyle::SingleQuoted, false),
            _ => self.plain_in_flow(),
        }
    }

    /// Steps over `[` or `{` and the spaces after it, which saphyr-parser's span covers.
    fn flow_open(&mut self) -> Result<Span, GiveUp> {
        self.enter()?;
        let start = self.pos;
        self.pos += 1;
        self.skip_spaces();
        Ok(self.span(start, self.pos))
    }

    /// A flow list (`close` is `]`) or mapping (`}`), on one line.
    fn flow_collection(&mut self, close: u8) -> Step {
        let span = self.flow_open()?;
        let map = close == b'}';
        if map {
            self.events.map_start(span);
        } else {
            self.events.seq_start(span);
        }
        if self.here() != close {
            loop {
                if map {
                    self.flow_key()?;
                }
                self.flow_node()?;
                self.skip_spaces();
                if !self.flow_separator(close)? {
                    break;
                }
            }
        }
        self.pos += 1;
        self.leave();
        Ok(())
    }

    /// A flow mapping's plain key and its `: `, up to where the value starts.
    fn flow_key(&mut self) -> Step {
        self.plain_in_flow()?;
        self.skip_spaces();
        if self.here() != b':' || self.at(self.pos + 1) != b' ' {
            return Err(GiveUp);
        }
        self.pos += 1;
        self.skip_spaces();
        if matches!(self.here(), b',' | b'}') {
            return Err(GiveUp);
        }
        Ok(())
    }

    /// After a flow entry: `,` and another entry (true), or the closing bracket (false).
    fn flow_separator(&mut self, close: u8) -> Result<bool, GiveUp> {
        match self.here() {
            b',' => {
                self.pos += 1;
                self.skip_spaces();
                if matches!(self.here(), b']' | b'}' | b',') {
                    return Err(GiveUp);
                }
                Ok(true)
            }
            c if c == close => Ok(false),
            _ => Err(GiveUp),
        }
    }

    /// A one-line single- or double-quoted scalar starting at `pos`.
    fn quoted_scalar(&mut self, style: ScalarStyle, block: bool) -> Step {
        let double = style == ScalarStyle::DoubleQuoted;
        let quote = if double { b'"' } else { b'\'' };
        let start = self.pos;
        let text = self.text;
        let mut value = std::mem::take(&mut self.scratch);
        value.clear();
        let mut escaped = false;
        let mut i = start + 1;
        let mut run = i;
        loop {
            match self.at(i) {
                b'\'' if !double && self.at(i + 1) == b'\'' => {
                    value.push_str(&text[run..=i]);
                    i += 2;
                }
                b'\\' if double => {
                    value.push_str(&text[run..i]);
                    i = self.escape(i, &mut value)?;
                }
                c if c == quote => break,
                b'\n' | 0 => return Err(GiveUp),
                _ => {
                    i += 1;
                    continue;
                }
            }
            run = i;
            escaped = true;
        }
        // Most quoted scalars have no escape: their text is sent as it lies in the file.
        let content = if escaped {
            value.push_str(&text[run..i]);
            value.as_str()
        } else {
            &text[run..i]
        };
        self.quoted(start, i + 1, content, style, block);
        self.scratch = value;
        Ok(())
    }

    /// Decodes the escape sequence at `i` (a backslash) onto `value`; returns where the
    /// text resumes.
    fn escape(&self, i: usize, value: &mut String) -> Result<usize, GiveUp> {
        let simple = match self.at(i + 1) {
            b'0' => '\0',
            b'a' => '\u{7}',
            b'b' => '\u{8}',
            b't' => '\t',
            b'n' => '\n',
            b'v' => '\u{b}',
            b'f' => '\u{c}',
            b'r' => '\r',
            b'e' => '\u{1b}',
            b' ' => ' ',
            b'"' => '"',
            b'/' => '/',
            b'\\' => '\\',
            b'N' => '\u{85}',
            b'_' => '\u{a0}',
            b'L' => '\u{2028}',
            b'P' => '\u{2029}',
            b'x' => return self.hex_escape(i, 2, value),
            b'u' => return self.hex_escape(i, 4, value),
            b'U' => return self.hex_escape(i, 8, value),
            _ => return Err(GiveUp),
        };
        value.push(simple);
        Ok(i + 2)
    }

    fn hex_escape(&self, i: usize, digits: usize, value: &mut String) -> Result<usize, GiveUp> {
        let hex = self.b.get(i + 2..i + 2 + digits).ok_or(GiveUp)?;
        if !hex.iter().all(u8::is_ascii_hexdigit) {
            return Err(GiveUp);
        }
        let hex = std::str::from_utf8(hex).map_err(|_| GiveUp)?;
        let code = u32::from_str_radix(hex, 16).map_err(|_| GiveUp)?;
        value.push(char::from_u32(code).ok_or(GiveUp)?);
        Ok(i + 2 + digits)
    }

    /// Sends a quoted scalar whose closing quote ends before `after`. saphyr-parser's span
    /// runs on to the next token: over spaces, and in block context over a comment.
    fn quoted(&mut self, start: usize, after: usize, value: &str, style: ScalarStyle, block: bool) {
        self.pos = after;
        self.skip_spaces();
        if block && self.here() == b'#' && self.pos > after {
            self.skip_to_eol();
        }
        let span = self.span(start, self.pos);
        self.events.scalar(value, style, span);
    }

    /// A literal (`|`) or folded (`>`) block scalar whose header is at `pos`, in a
    /// collection at column `parent`. Keeping (`+`) and explicit indentation are left to
    /// saphyr-parser, as are leading blank lines and more-indented folded lines.
    fn block_scalar(&mut self, parent: usize) -> Step {
        let style = if self.here() == b'|' {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        self.pos += 1;
        let strip = self.here() == b'-';
        if strip {
            self.pos += 1;
        }
        if !matches!(self.here(), b' ' | b'\n') {
            return Err(GiveUp);
        }
        self.finish_line()?;
        let indent = self.b[self.pos..]
            .iter()
            .take_while(|&&c| c == b' ')
            .count();
        if indent <= parent || matches!(self.at(self.pos + indent), b'\n' | 0) {
            return Err(GiveUp);
        }
        let start = self.pos + indent;
        let mut span = self.span(start, start);
        let mut value = std::mem::take(&mut self.scratch);
        value.clear();
        self.block_lines(indent, style == ScalarStyle::Literal, &mut value)?;
        if !strip {
            value.push('\n');
        }
        span.len = chars(&self.b[start..self.pos]);
        self.events.scalar(&value, style, span);
        self.scratch = value;
        // `pos` is at the first character of a less indented line, perhaps a comment.
        if self.here() != 0 {
            self.pos = self.line_start;
        }
        match self.next_content_line()? {
            Some(n) if n > parent => Err(GiveUp),
            _ => Ok(()),
        }
    }

    /// The lines of a block scalar indented by `indent`, from the first one, joined (kept
    /// or folded) without the last line break; `pos` ends at the first character of the
    /// line that ends it, or at the end of the text.
    fn block_lines(&mut self, indent: usize, literal: bool, value: &mut String) -> Step {
        let mut blank = 0;
        let mut first = true;
        loop {
            let spaces = self.b[self.pos..]
                .iter()
                .take_while(|&&c| c == b' ')
                .count();
            let content = self.pos + spaces;
            match self.at(content) {
                b'\n' | 0 if spaces > indent => return Err(GiveUp),
                0 => {
                    self.pos = content;
                    return Ok(());
                }
                b'\n' => {
                    blank += 1;
                    self.pos = content;
                    self.newline();
                    continue;
                }
                _ if spaces < indent => {
                    self.pos = content;
                    return Ok(());
                }
                _ if spaces > indent && !literal => return Err(GiveUp),
                _ => {}
            }
            if !first {
                let breaks = if literal { blank + 1 } else { blank };
                if breaks == 0 {
                    value.push(' ');
                }
                value.extend(std::iter::repeat_n('\n', breaks));
            }
            first = false;
            blank = 0;
            self.pos = self.line_start + indent;
            let from = self.pos;
            self.skip_to_eol();
            value.push_str(&self.text[from..self.pos]);
            if self.here() == 0 {
                return Ok(());
            }
            self.newline();
        }
    }
}

#[cfg(test)]
mod tests;
