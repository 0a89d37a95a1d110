//! `path --format markdown`: the paths for pasting into a report. Each step is a list
//! item, each edge under it with its citations and their grades (worded as `show` words
//! them: [`crate::show::citation_head`]), each quote a block quote. Dataset text
//! goes through [`crate::markdown::text`] and ids through
//! [`crate::markdown::code_span`], so nothing in the data becomes markup.

use std::io::{self, Write};

use super::{Found, MAX_PATHS, Query, facts, headline, sentence, steps};
use crate::markdown::{code_span, text};
use crate::model::{Citation, Dataset, Organization};

/// Writes the paths `found` for `q`, or that there is none.
pub(crate) fn write(
    dataset: &Dataset,
    q: &Query,
    found: &Found,
    out: &mut dyn Write,
) -> io::Result<()> {
    let Some(first) = found.paths.first() else {
        writeln!(out, "No path {}.", headline(dataset, q, name))?;
        return caption(dataset, out);
    };
    writeln!(out, "## Shortest path {}\n", headline(dataset, q, name))?;
    caption(dataset, out)?;
    let more = if found.capped {
        format!(", the first {MAX_PATHS} listed: there are more")
    } else {
        String::new()
    };
    let count = if q.all {
        format!(", {} shortest paths{more}", found.paths.len())
    } else {
        String::new()
    };
    let steps = first.len() - 1;
    let word = if steps == 1 { "step" } else { "steps" };
    writeln!(out, "{steps} {word}{count}.")?;
    for (n, path) in found.paths.iter().enumerate() {
        write_path(dataset, q, n, path, out)?;
    }
    Ok(())
}

/// `Name (SHORT) `id``, made inert.
fn name(o: &Organization) -> String {
    format!("{} {}", text(&o.display_name()), code_span(&o.id))
}

fn caption(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    match &dataset.caption {
        Some(c) => writeln!(out, "{}\n", text(c)),
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
    let ids: Vec<String> = path
        .iter()
        .map(|&o| code_span(&dataset.organizations[o].id))
        .collect();
    writeln!(out, "\n### Path {}: {}\n", n + 1, ids.join(" → "))?;
    for (k, step) in steps(dataset, path, q.directed).iter().enumerate() {
        let (a, b) = (
            &dataset.organizations[step.from],
            &dataset.organizations[step.to],
        );
        writeln!(
            out,
            "{}. {} → {}",
            k + 1,
            text(&a.display_name()),
            text(&b.display_name())
        )?;
        for e in &step.edges {
            let facts = facts(dataset, e, step.from).join(", ");
            let id = crate::export::text::edge_id(dataset, e);
            writeln!(
                out,
                "   - {}: {} ({})",
                text(&sentence(dataset, e)),
                text(&facts),
                code_span(&id)
            )?;
            for c in &e.sources {
                citation(dataset, "Source", c, out)?;
            }
            for c in &e.disputed_by {
                citation(dataset, "Disputed by", c, out)?;
            }
        }
    }
    Ok(())
}

fn citation(dataset: &Dataset, role: &str, c: &Citation, out: &mut dyn Write) -> io::Result<()> {
    let head = crate::show::citation_head(dataset, role, c, text, code_span);
    writeln!(out, "     - {head}")?;
    if let Some(quote) = &c.quote {
        writeln!(out, "\n       > {}\n", text(quote.trim_end()))?;
    }
    Ok(())
}
