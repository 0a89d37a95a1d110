//! Reading one table (CSV, TSV or a workbook's sheet) into rows of text cells, each row
//! with the number a spreadsheet shows for it. Text files are decoded as UTF-8 (with or
//! without a byte order mark), UTF-16 with a byte order mark, or, when they are not valid
//! UTF-8, as Windows-1252, which is said in a diagnostic; nothing is ever decoded lossily.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, FileId, Files, Span};

/// One row of a table: its 1-based row number (the line it starts on in a text file, the
/// sheet row in a workbook) and its cells, in column order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based row number.
    pub line: u32,
    /// Cell texts.
    pub cells: Vec<String>,
}

/// A table: its header row and its data rows (blank rows left out).
#[derive(Debug, Clone)]
pub struct Table {
    /// The file (or sheet) diagnostics point into.
    pub file: FileId,
    /// The header row's cells.
    pub headers: Vec<String>,
    /// The data rows, in order.
    pub rows: Vec<Row>,
}

impl Table {
    /// The span of a cell: row number and 1-based column.
    pub fn cell(&self, line: u32, column: usize) -> Span {
        Span {
            file: self.file,
            line,
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
            len: 0,
        }
    }
}

/// How to read a table.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The field delimiter of a text table; detected from the header row when `None`.
    pub delimiter: Option<u8>,
    /// The sheet of a workbook (the edge table's; a node table's sheet is found by name).
    pub sheet: Option<String>,
    /// Whether this is a node table.
    pub nodes: bool,
}

/// The largest table file read, in bytes.
pub const MAX_TABLE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads the table at `path`, registering it in `files`. Problems that keep the whole
/// table from being read are returned as the error; notes about it (the encoding) are
/// pushed to `notes`.
pub fn read_table(
    path: &Path,
    options: &ReadOptions,
    files: &mut Files,
    notes: &mut Vec<Diagnostic>,
) -> Result<Table, Diagnostic> {
    if is_workbook(path) {
        let sheet = if options.nodes {
            None
        } else {
            options.sheet.as_deref()
        };
        return super::workbook::read(path, sheet, options.nodes, files);
    }
    let label = path.to_string_lossy().replace('\\', "/");
    let file = files.add_opaque(path.to_path_buf(), &label);
    let bytes = read_bounded(path).map_err(|e| {
        Diagnostic::new(
            Code::IoError,
            None,
            format!("cannot read `{}`: {e}", printable_path(path)),
        )
    })?;
    let (text, encoding) = decode(bytes).map_err(|message| {
        Diagnostic::new(Code::UnreadableTable, Some(files.start_of(file)), message)
            .with_help("save the table as UTF-8 CSV")
    })?;
    if let Some(encoding) = encoding {
        notes.push(
            Diagnostic::new(
                Code::DecodedEncoding,
                Some(files.start_of(file)),
                format!("the file is not UTF-8; it was read as {encoding}"),
            )
            .with_help("check a few names with accents or quotation marks; save the file as UTF-8 to silence this"),
        );
    }
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| detect_delimiter(path, &text));
    parse_text(&text, delimiter, file).map_err(|(line, message)| {
        let span = Span {
            file,
            line,
            column: 1,
            len: 0,
        };
        Diagnostic::new(Code::UnreadableTable, Some(files.locate(span)), message)
    })
}

/// Whether `path` names a workbook (by its extension).
pub fn is_workbook(path: &Path) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(
        ext.as_deref(),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
    )
}

/// A path as shown in a message.
pub fn printable_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_TABLE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        return Err(std::io::Error::other(format!(
            "the file is larger than {} MiB",
            MAX_TABLE_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

/// Decodes a text table: the text, and the name of the encoding when it was not UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<(String, Option<&'static str>), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8(rest.to_vec())
            .map(|t| (t, None))
            .map_err(|_| "the file starts as UTF-8 but is not valid UTF-8".to_owned());
    }
    for (bom, little) in [(b"\xFF\xFE", true), (b"\xFE\xFF", false)] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return utf16(rest, little).map(|t| (t, Some("UTF-16")));
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, None)),
        Err(e) => Ok((windows_1252(e.as_bytes()), Some("Windows-1252"))),
    }
}

fn utf16(bytes: &[u8], little: bool) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("the file is UTF-16 with an odd number of bytes".to_owned());
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|p| {
            if little {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
        .collect();
    String::from_utf16(&units).map_err(|_| "the file is not valid UTF-16".to_owned())
}

/// Windows-1252: ASCII, the 27 characters of 0x80–0x9F (the five unassigned bytes kept as
/// the C1 controls of the same value, as web browsers do), and Latin-1 above.
pub fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| {
            let c = char::from(b);
            crate::load::chars::windows_1252(c).unwrap_or(c)
        })
        .collect()
}

/// The delimiter of a text table: tab for `.tsv` and `.tab`, else whichever of `,`, `;`,
/// tab and `|` occurs most often in the header row outside quotes (`,` on a tie or none).
fn detect_delimiter(path: &Path, text: &str) -> u8 {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if matches!(ext.as_deref(), Some("tsv" | "tab")) {
        return b'\t';
    }
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|&c| c == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best = (0..4).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    candidates[best]
}

/// Splits decoded text into the header and data rows.
pub fn parse_text(text: &str, delimiter: u8, file: FileId) -> Result<Table, (u32, String)> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut headers = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = u32::try_from(reader.position().line()).unwrap_or(u32::MAX);
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err((line, format!("the table cannot be read: {e}"))),
        }
        let line = record
            .position()
            .map_or(line, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if headers.is_none() {
            headers = Some(cells);
        } else if cells.iter().any(|c| !c.trim().is_empty()) {
            rows.push(Row { line, cells });
        }
    }
    let headers = headers.ok_or((1, "the table is empty: it has no header row".to_owned()))?;
    Ok(Table {
        file,
        headers,
        rows,
    })
}

/// The node table beside an edge table, when `path` is a directory written by
/// `export -f csv`: its four files.
pub fn export_directory(path: &Path) -> Option<[PathBuf; 4]> {
    if !path.is_dir() {
        return None;
    }
    let names = [
        "edges.csv",
        "organizations.csv",
        "sources.csv",
        "edge_types.csv",
    ];
    Some(names.map(|n| path.join(n)))
}
