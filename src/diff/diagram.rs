//! The Mermaid diagram of a diff: the organizations that changed or touch a changed
//! edge, the added (green, thick), removed (red, dashed) and altered (orange) edges, and
//! the unchanged edges among those organizations in grey for context. It stays within
//! what GitHub renders (500 edges, 50,000 characters): context goes first, then changed
//! edges past the limit, and a note under the diagram says what was left out.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::Diff;
use crate::model::{Dataset, Edge};

/// GitHub's Mermaid limits.
const MAX_EDGES: usize = 500;
const MAX_CHARS: usize = 50_000;
/// Room kept for the node lines and styles written after the edges are chosen.
const RESERVE_PER_NODE: usize = 160;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Status {
    Added,
    Removed,
    Changed,
    Context,
}

impl Status {
    fn color(self) -> &'static str {
        match self {
            Status::Added => "#2ca02c",
            Status::Removed => "#d62728",
            Status::Changed => "#ff7f0e",
            Status::Context => "#bbbbbb",
        }
    }
}

struct Link<'d> {
    dataset: &'d Dataset,
    edge: &'d Edge,
    status: Status,
}

/// Writes the diagram as a fenced `mermaid` block, with a note if anything was cut.
pub fn write(diff: &Diff<'_>, out: &mut dyn Write) -> io::Result<()> {
    let changed = changed_links(diff);
    let mut nodes = changed_nodes(diff, &changed);
    let context = context_links(diff, &nodes);
    let budget = MAX_CHARS.saturating_sub(nodes.len() * RESERVE_PER_NODE + 200);
    let (links, cut_changed, cut_context) = choose(changed, context, budget);
    for link in &links {
        for org in endpoints(link) {
            nodes.entry(org).or_insert(Status::Context);
        }
    }
    let ids: BTreeMap<&str, usize> = nodes.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut text = String::from("```mermaid\nflowchart LR\n");
    for (id, status) in &nodes {
        let label = label_of(diff, id);
        let _ = writeln!(text, "  n{}[\"{}\"]", ids[id], escape(&label));
        if *status != Status::Context {
            let _ = writeln!(
                text,
                "  style n{} stroke:{},stroke-width:3px",
                ids[id],
                status.color()
            );
        }
    }
    for (i, link) in links.iter().enumerate() {
        let _ = writeln!(text, "  {}", link_line(link, &ids));
        let width = if link.status == Status::Context { 1 } else { 3 };
        let _ = writeln!(
            text,
            "  linkStyle {i} stroke:{},stroke-width:{width}px,color:{}",
            link.status.color(),
            link.status.color()
        );
    }
    text.push_str("```\n");
    out.write_all(text.as_bytes())?;
    writeln!(out)?;
    writeln!(
        out,
        "Green: added, red: removed, orange: changed, grey: unchanged edges among these organizations."
    )?;
    if cut_changed > 0 || cut_context > 0 {
        writeln!(
            out,
            "Left out to stay within GitHub's Mermaid limits ({MAX_EDGES} edges, {MAX_CHARS} characters): {cut_changed} changed and {cut_context} unchanged edges; the lists above are complete."
        )?;
    }
    Ok(())
}

fn changed_links<'d>(diff: &Diff<'d>) -> Vec<Link<'d>> {
    let mut links = Vec::new();
    for &j in &diff.edges.added {
        links.push(link(diff.new, j, Status::Added));
    }
    for &i in &diff.edges.removed {
        links.push(link(diff.old, i, Status::Removed));
    }
    for c in &diff.edges.changed {
        links.push(link(diff.new, c.new, Status::Changed));
    }
    links
}

fn link(dataset: &Dataset, index: usize, status: Status) -> Link<'_> {
    Link {
        dataset,
        edge: &dataset.edges[index],
        status,
    }
}

fn endpoints<'d>(link: &Link<'d>) -> [&'d str; 2] {
    let (from, to) = link.dataset.endpoints(link.edge);
    [from.id.as_str(), to.id.as_str()]
}

/// Organizations added, removed or changed, with their status.
fn changed_nodes<'d>(diff: &Diff<'d>, links: &[Link<'d>]) -> BTreeMap<&'d str, Status> {
    let mut nodes = BTreeMap::new();
    let orgs = &diff.organizations;
    for &j in &orgs.added {
        nodes.insert(diff.new.organizations[j].id.as_str(), Status::Added);
    }
    for &i in &orgs.removed {
        nodes.insert(diff.old.organizations[i].id.as_str(), Status::Removed);
    }
    for c in &orgs.changed {
        nodes.insert(diff.new.organizations[c.new].id.as_str(), Status::Changed);
    }
    let mut touched = BTreeMap::new();
    for link in links {
        for org in endpoints(link) {
            touched.insert(org, Status::Context);
        }
    }
    touched.extend(nodes);
    touched
}

/// Unchanged edges of the new dataset between organizations already in the diagram.
fn context_links<'d>(diff: &Diff<'d>, nodes: &BTreeMap<&str, Status>) -> Vec<Link<'d>> {
    let mut in_diff = vec![false; diff.new.edges.len()];
    for &j in &diff.edges.added {
        in_diff[j] = true;
    }
    for c in &diff.edges.changed {
        in_diff[c.new] = true;
    }
    (0..diff.new.edges.len())
        .filter(|&j| !in_diff[j])
        .map(|j| link(diff.new, j, Status::Context))
        .filter(|l| endpoints(l).iter().all(|o| nodes.contains_key(o)))
        .collect()
}

/// Changed links first, then context, while both limits hold; returns what was cut.
fn choose<'d>(
    changed: Vec<Link<'d>>,
    context: Vec<Link<'d>>,
    budget: usize,
) -> (Vec<Link<'d>>, usize, usize) {
    let mut chosen = Vec::new();
    let mut used = 0;
    let (mut cut_changed, mut cut_context) = (0, 0);
    for link in changed.into_iter().chain(context) {
        let cost = link_cost(&link);
        if chosen.len() < MAX_EDGES && used + cost <= budget {
            used += cost;
            chosen.push(link);
        } else if link.status == Status::Context {
            cut_context += 1;
        } else {
            cut_changed += 1;
        }
    }
    (chosen, cut_changed, cut_context)
}

fn link_cost(link: &Link<'_>) -> usize {
    link.dataset.edge_type(link.edge).label.len() + 120
}

fn link_line(link: &Link<'_>, ids: &BTreeMap<&str, usize>) -> String {
    let [from, to] = endpoints(link);
    let ty = link.dataset.edge_type(link.edge);
    let arrow = match (link.status, ty.directed) {
        (Status::Removed, true) => "-.->",
        (Status::Removed, false) => "-.-",
        (Status::Added, true) => "==>",
        (Status::Added, false) => "===",
        (_, true) => "-->",
        (_, false) => "---",
    };
    let mut label = ty.label.clone();
    let when = link.edge.when.label();
    if !when.is_empty() {
        label = format!("{label} {when}");
    }
    format!(
        "n{} {arrow}|\"{}\"| n{}",
        ids[from],
        escape(&label),
        ids[to]
    )
}

/// An organization's name, from the new side when it still exists.
fn label_of(diff: &Diff<'_>, id: &str) -> String {
    for dataset in [diff.new, diff.old] {
        if let Ok(i) = dataset
            .organizations
            .binary_search_by(|o| o.id.as_str().cmp(id))
        {
            return dataset.organizations[i].display_name();
        }
    }
    id.to_owned()
}

/// Text for a quoted Mermaid label: characters Mermaid or HTML would read as syntax
/// become Mermaid entity codes (`#quot;`, `#35;`), line breaks become spaces.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}
