//! The Mermaid diagram of a diff, drawn by the Mermaid export's [`Diagram`]: the
//! organizations that changed or touch a changed edge, the added, removed and altered
//! edges highlighted, and the unchanged edges among those organizations for context. It
//! stays within what GitHub renders (500 edges, 50,000 characters): context goes first,
//! then changed edges past the limit, and a note under the diagram says what was left out.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::Diff;
use crate::export::mermaid::{Diagram, Highlight, MAX_EDGES, MAX_TEXT};
use crate::model::{Dataset, Edge};

/// One edge to draw: from which side, and how it changed (`None`: unchanged context).
struct Link<'d> {
    dataset: &'d Dataset,
    edge: &'d Edge,
    highlight: Option<Highlight>,
}

/// Writes the diagram as a fenced `mermaid` block, with a note if anything was cut.
pub fn write(diff: &Diff<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut links = changed_links(diff);
    let changed_count = links.len();
    let nodes = involved(diff, &links);
    links.extend(context_links(diff, &nodes));
    let context_count = links.len() - changed_count;
    let mut shown = links.len().min(MAX_EDGES);
    let mut text = render(diff, &links[..shown])?;
    while text.encode_utf16().count() > MAX_TEXT && shown > 0 {
        shown -= (shown / 10).max(1);
        text = render(diff, &links[..shown])?;
    }
    out.write_all(b"```mermaid\n")?;
    out.write_all(text.as_bytes())?;
    out.write_all(b"```\n\n")?;
    writeln!(
        out,
        "Changes are marked before the label and drawn thick: `+` added, `\u{2212}` removed, `~` changed (boxes also green, red and amber). A line's colour is its relation's, as in the export, never the change; thin lines are unchanged edges among these organizations."
    )?;
    let cut_changed = changed_count.saturating_sub(shown);
    let cut_context = context_count - shown.saturating_sub(changed_count).min(context_count);
    if shown < links.len() {
        writeln!(
            out,
            "Left out to stay within GitHub's Mermaid limits ({MAX_EDGES} edges, {MAX_TEXT} characters): {cut_changed} changed and {cut_context} unchanged edges; the lists above are complete."
        )?;
    }
    Ok(())
}

fn render(diff: &Diff<'_>, links: &[Link<'_>]) -> io::Result<String> {
    let mut diagram = Diagram::default();
    let orgs = &diff.organizations;
    for &j in &orgs.added {
        diagram.organization(&diff.new.organizations[j], Some(Highlight::Added));
    }
    for &i in &orgs.removed {
        diagram.organization(&diff.old.organizations[i], Some(Highlight::Removed));
    }
    for c in &orgs.changed {
        diagram.organization(&diff.new.organizations[c.new], Some(Highlight::Changed));
    }
    for link in links {
        diagram.edge(link.dataset, link.edge, link.highlight);
    }
    let mut text = Vec::new();
    diagram.write(&mut text)?;
    Ok(String::from_utf8_lossy(&text).into_owned())
}

fn changed_links<'d>(diff: &Diff<'d>) -> Vec<Link<'d>> {
    let link = |dataset: &'d Dataset, index: usize, highlight| Link {
        dataset,
        edge: &dataset.edges[index],
        highlight: Some(highlight),
    };
    let edges = &diff.edges;
    let added = edges
        .added
        .iter()
        .map(|&j| link(diff.new, j, Highlight::Added));
    let removed = edges
        .removed
        .iter()
        .map(|&i| link(diff.old, i, Highlight::Removed));
    let changed = edges
        .changed
        .iter()
        .map(|c| link(diff.new, c.new, Highlight::Changed));
    added.chain(removed).chain(changed).collect()
}

/// The ids of organizations that changed or touch a changed edge.
fn involved<'d>(diff: &Diff<'d>, links: &[Link<'d>]) -> BTreeSet<&'d str> {
    let orgs = &diff.organizations;
    let mut ids: BTreeSet<&str> = orgs
        .added
        .iter()
        .map(|&j| diff.new.organizations[j].id.as_str())
        .chain(
            orgs.removed
                .iter()
                .map(|&i| diff.old.organizations[i].id.as_str()),
        )
        .chain(
            orgs.changed
                .iter()
                .map(|c| diff.new.organizations[c.new].id.as_str()),
        )
        .collect();
    for link in links {
        let (from, to) = link.dataset.endpoints(link.edge);
        ids.insert(&from.id);
        ids.insert(&to.id);
    }
    ids
}

/// Unchanged edges of the new dataset between organizations already in the diagram.
fn context_links<'d>(diff: &Diff<'d>, nodes: &BTreeSet<&str>) -> Vec<Link<'d>> {
    let mut in_diff = vec![false; diff.new.edges.len()];
    for &j in &diff.edges.added {
        in_diff[j] = true;
    }
    for c in &diff.edges.changed {
        in_diff[c.new] = true;
    }
    diff.new
        .edges
        .iter()
        .zip(in_diff)
        .filter(|(edge, changed)| {
            let (from, to) = diff.new.endpoints(edge);
            !changed && nodes.contains(from.id.as_str()) && nodes.contains(to.id.as_str())
        })
        .map(|(edge, _)| Link {
            dataset: diff.new,
            edge,
            highlight: None,
        })
        .collect()
}
