//! Workbooks (XLSX, XLSM, XLSB, XLS, ODS) through calamine: one sheet becomes a table of
//! text cells. Numbers keep the text a reader sees (`2015`, not `2015.0`), dates become
//! ISO dates, and locations name the sheet: `book.xlsx[Edges]:ROW:COLUMN`.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::read::{Row, Table, printable_path};
use crate::diagnostic::{Code, Diagnostic, Files};

/// Reads the sheet `sheet` of the workbook at `path` (when `None`: the only sheet, or the
/// one named like an edge table, or like a node table when `nodes`).
pub fn read(
    path: &Path,
    sheet: Option<&str>,
    nodes: bool,
    files: &mut Files,
) -> Result<Table, Diagnostic> {
    let shown = printable_path(path);
    let fail = |files: &mut Files, message: String| {
        let id = files.add_opaque(path.to_path_buf(), &shown);
        Diagnostic::new(Code::UnreadableTable, Some(files.start_of(id)), message)
    };
    let mut book = match open_workbook_auto(path) {
        Ok(book) => book,
        Err(e) => return Err(fail(files, format!("the workbook cannot be read: {e}"))),
    };
    let names = book.sheet_names();
    let name = match choose(&names, sheet, nodes) {
        Ok(name) => name,
        Err(message) => {
            return Err(fail(files, message).with_help(format!("sheets: {}", names.join(", "))));
        }
    };
    let range = match book.worksheet_range(&name) {
        Ok(range) => range,
        Err(e) => {
            return Err(fail(
                files,
                format!("the sheet `{name}` cannot be read: {e}"),
            ));
        }
    };
    let file = files.add_opaque(path.to_path_buf(), &format!("{shown}[{name}]"));
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let mut rows = range.rows().enumerate().map(|(i, cells)| {
        let mut texts: Vec<String> = (0..first_col).map(|_| String::new()).collect();
        texts.extend(cells.iter().map(text));
        Row {
            line: first_row + u32::try_from(i).unwrap_or(u32::MAX - first_row) + 1,
            cells: texts,
        }
    });
    let Some(header) = rows.next() else {
        let d = Diagnostic::new(
            Code::UnreadableTable,
            Some(files.start_of(file)),
            format!("the sheet `{name}` is empty: it has no header row"),
        );
        return Err(d);
    };
    Ok(Table {
        file,
        headers: header.cells,
        rows: rows
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()))
            .collect(),
    })
}

/// The sheet to read: the one asked for, the only one, or one named for edges.
fn choose(names: &[String], wanted: Option<&str>, nodes: bool) -> Result<String, String> {
    if let Some(w) = wanted {
        return names
            .iter()
            .find(|n| n.as_str() == w || n.eq_ignore_ascii_case(w))
            .cloned()
            .ok_or_else(|| format!("the workbook has no sheet `{w}`"));
    }
    if let [only] = names {
        return Ok(only.clone());
    }
    let usual: &[&str] = if nodes {
        &["organizations", "nodes", "elements", "groups"]
    } else {
        &["edges", "connections", "relationships", "links"]
    };
    names
        .iter()
        .find(|n| usual.contains(&n.to_lowercase().as_str()))
        .cloned()
        .ok_or_else(|| "the workbook has several sheets; choose one with `--sheet NAME`".to_owned())
}

/// A cell as the text a spreadsheet shows (numbers without a needless `.0`, dates ISO).
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        #[allow(clippy::float_cmp)]
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}
