//! `stats --format text`: the tables of [`report`](super::report) as aligned columns for
//! a terminal. Every cell goes through the shared [`printable`] display (tabs become
//! spaces, so no value shifts a column), and widths are display widths.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::Stats;
use super::report::{self, Align, Cell, Table};
use crate::printable::printable;

/// Writes `stats` as text.
pub(crate) fn write(stats: &Stats<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Network statistics")?;
    if let Some(caption) = &stats.dataset.caption {
        writeln!(out, "{}", shown(caption))?;
    }
    for table in report::tables(stats) {
        writeln!(out)?;
        write_table(&table, out)?;
    }
    Ok(())
}

/// Dataset text as it may be shown in a column.
fn shown(text: &str) -> String {
    printable(text).replace('\t', " ")
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Word(t) | Cell::Data(t) | Cell::Id(t) => shown(t),
    }
}

fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", table.title)?;
    if table.rows.is_empty() {
        writeln!(out, "  none")?;
        return Ok(());
    }
    let head: Vec<String> = table.columns.iter().map(|(h, _)| cell_text(h)).collect();
    let body: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for row in &body {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.width());
        }
    }
    let aligns: Vec<Align> = table.columns.iter().map(|(_, a)| *a).collect();
    for row in std::iter::once(&head).chain(&body) {
        write_row(row, &widths, &aligns, out)?;
    }
    if let Some(note) = &table.note {
        writeln!(out, "  {note}")?;
    }
    Ok(())
}

fn write_row(
    row: &[String],
    widths: &[usize],
    aligns: &[Align],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut line = String::from(" ");
    for ((cell, &width), align) in row.iter().zip(widths).zip(aligns) {
        let pad = " ".repeat(width - cell.width());
        line.push(' ');
        match align {
            Align::Left => {
                line.push_str(cell);
                line.push_str(&pad);
            }
            Align::Right => {
                line.push_str(&pad);
                line.push_str(cell);
            }
        }
        line.push(' ');
    }
    writeln!(out, "{}", line.trim_end())
}
