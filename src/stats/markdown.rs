//! `stats --format markdown`: the tables of [`report`](super::report) as GitHub
//! Markdown, for pasting into a report or a job summary. Dataset text goes through
//! [`crate::markdown::text`] (names, titles) or [`crate::markdown::code_span`] (ids), so
//! nothing in the data becomes markup, a mention or a link.

use std::io::{self, Write};

use super::Stats;
use super::report::{self, Align, Cell, Table};
use crate::markdown::{code_span, text};

/// Writes `stats` as Markdown.
pub(crate) fn write(stats: &Stats<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Network statistics")?;
    if let Some(caption) = &stats.dataset.caption {
        writeln!(out, "\n{}", text(caption))?;
    }
    for table in report::tables(stats) {
        writeln!(out)?;
        write_table(&table, out)?;
    }
    Ok(())
}

/// A cell's Markdown. A code span cannot hold a `|` inside a table (it would still end
/// the cell), so an id with one is written as escaped prose instead.
pub(crate) fn cell(cell: &Cell) -> String {
    match cell {
        Cell::Word(t) | Cell::Data(t) => text(t),
        Cell::Id(t) if t.is_empty() => String::new(),
        Cell::Id(t) if t.contains('|') => text(t),
        Cell::Id(t) => code_span(t),
    }
}

fn write_table(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## {}\n", table.title)?;
    if table.rows.is_empty() {
        writeln!(out, "None.")?;
        return Ok(());
    }
    let head: Vec<String> = table.columns.iter().map(|(h, _)| cell(h)).collect();
    writeln!(out, "| {} |", head.join(" | "))?;
    let rule: Vec<&str> = table
        .columns
        .iter()
        .map(|(_, a)| match a {
            Align::Left => "---",
            Align::Right => "--:",
        })
        .collect();
    writeln!(out, "| {} |", rule.join(" | "))?;
    for row in &table.rows {
        let cells: Vec<String> = row.iter().map(cell).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    if let Some(note) = &table.note {
        writeln!(out, "\n{}", text(note))?;
    }
    Ok(())
}
