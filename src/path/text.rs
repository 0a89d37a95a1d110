//! `path --format text`: each path as numbered steps, each step with every edge that
//! joins its two organizations, the relation in words, its facts and each citation with
//! its grades (worded as `show` words them: [`crate::show::citation_line`]) and quote.
//! Every line goes through the shared [`printable`] display, and no value from the
//! dataset starts a line.

use std::io::{self, Write};

use super::{Found, MAX_PATHS, Query, facts, headline, sentence, steps};
use crate::model::{Citation, Dataset, Organization};
use crate::printable::printable;

/// `Name (SHORT) [id]`.
fn name(o: &Organization) -> String {
    format!("{} [{}]", o.display_name(), o.id)
}

fn line(out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}", printable(text))
}

/// Writes the paths `found` for `q`, or that there is none.
pub(crate) fn write(
    dataset: &Dataset,
    q: &Query,
    found: &Found,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(first) = found.paths.first() else {
        line(out, &format!("No path {}.", headline(dataset, q, name)))?;
        return caption(dataset, out);
    };
    let steps_word = if first.len() == 2 { "step" } else { "steps" };
    line(
        out,
        &format!(
            "Shortest path {}: {} {steps_word}.",
            headline(dataset, q, name),
            first.len() - 1
        ),
    )?;
    caption(dataset, out)?;
    if q.all {
        let count = found.paths.len();
        let more = if found.capped {
            format!(" (the first {MAX_PATHS}: there are more)")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{count} shortest path{}{more}.",
            if count == 1 { "" } else { "s" }
        )?;
    }
    for (n, path) in found.paths.iter().enumerate() {
        write_path(dataset, q, n, path, out)?;
    }
    Ok(())
}

fn caption(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    match &dataset.caption {
        Some(c) => line(out, c),
        None => Ok(()),
    }
}

fn write_path(
    dataset: &Dataset,
    q: &Query,
    n: usize,
    path: &[usize],
    out: &mut dyn Write,
) -> io::Result<()> {
    let ids: Vec<&str> = path
        .iter()
        .map(|&o| dataset.organizations[o].id.as_str())
        .collect();
    writeln!(out)?;
    line(out, &format!("Path {}: {}", n + 1, ids.join(" → ")))?;
    for (k, step) in steps(dataset, path, q.directed).iter().enumerate() {
        let (a, b) = (
            &dataset.organizations[step.from],
            &dataset.organizations[step.to],
        );
        line(
            out,
            &format!("  {}. {} → {}", k + 1, a.display_name(), b.display_name()),
        )?;
        for e in &step.edges {
            let facts = facts(dataset, e, step.from).join(", ");
            line(out, &format!("     - {}: {facts}", sentence(dataset, e)))?;
            let id = crate::export::text::edge_id(dataset, e);
            line(out, &format!("       edge: {id}"))?;
            for c in &e.sources {
                citation(dataset, "source", c, out)?;
            }
            for c in &e.disputed_by {
                citation(dataset, "disputed by", c, out)?;
            }
        }
    }
    Ok(())
}

fn citation(dataset: &Dataset, role: &str, c: &Citation, out: &mut dyn Write) -> io::Result<()> {
    line(
        out,
        &format!("       {}", crate::show::citation_line(dataset, role, c)),
    )?;
    match &c.quote {
        Some(quote) => line(out, &format!("         \"{}\"", quote.trim_end())),
        None => line(out, "         (no quote)"),
    }
}
