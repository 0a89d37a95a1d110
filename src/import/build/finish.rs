//! The end of an import: the report of damaged text, probable matches against the dataset
//! imported into, ids for the new organizations (in sorted order, collisions numbered),
//! and the draft with every record sorted.

use std::collections::BTreeSet;

use super::{Builder, OrgAcc};
use crate::diagnostic::{Code, Diagnostic};
use crate::import::ids;
use crate::import::map::Preset;
use crate::import::{Built, Draft, DraftEdge, DraftOrg};
use crate::validate::is_id;

impl Builder<'_> {
    pub(super) fn finish(mut self) -> Built {
        self.report_damage();
        self.report_probable_matches();
        let org_ids = self.assign_ids();
        let mut draft = Draft::default();
        for (i, acc) in self.orgs.iter().enumerate() {
            if acc.existing.is_none() {
                draft.organizations.push(organization(
                    acc,
                    org_ids[i].clone(),
                    self.options.preset,
                ));
            }
        }
        draft.organizations.sort_by(|a, b| a.id.cmp(&b.id));
        let existing_edges = self.existing_edge_keys();
        let existing_ids: BTreeSet<&str> = self
            .existing
            .map(|d| d.edges.iter().filter_map(|e| e.id.as_deref()).collect())
            .unwrap_or_default();
        let mut cited = BTreeSet::new();
        for e in &self.edges {
            let edge = DraftEdge {
                id: e.id.clone(),
                from: org_ids[e.from].clone(),
                to: org_ids[e.to].clone(),
                edge_type: e.edge_type.clone(),
                date: e.date.clone(),
                start: e.start.clone(),
                end: e.end.clone(),
                confidence: e.confidence.clone(),
                sources: e.sources.clone(),
                disputed_by: e.disputed_by.clone(),
                notes: e.notes.clone(),
            };
            if existing_edges.contains(&edge_key(&edge, self.directed(&edge.edge_type))) {
                continue;
            }
            if let Some(id) = edge.id.as_deref().filter(|id| existing_ids.contains(id)) {
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        Some(e.first.clone()),
                        format!("the dataset imported into already has an edge with the id `{id}`"),
                    )
                    .with_help("give the edge another id, or leave its id cell empty"),
                );
                self.counts.refused += 1;
                continue;
            }
            for c in edge.sources.iter().chain(&edge.disputed_by) {
                cited.insert(c.source.clone());
            }
            draft.edges.push(edge);
        }
        draft.edges.sort_by(|a, b| {
            (
                &a.from,
                &a.to,
                &a.edge_type,
                &a.date,
                &a.start,
                &a.end,
                &a.id,
            )
                .cmp(&(
                    &b.from,
                    &b.to,
                    &b.edge_type,
                    &b.date,
                    &b.start,
                    &b.end,
                    &b.id,
                ))
        });
        draft.sources = self
            .sources
            .values()
            .filter(|(s, always)| *always || cited.contains(&s.id))
            .map(|(s, _)| s.clone())
            .collect();
        let used: BTreeSet<&str> = draft.edges.iter().map(|e| e.edge_type.as_str()).collect();
        draft.edge_types = self
            .types
            .values()
            .filter(|t| self.exact || used.contains(t.name.as_str()))
            .cloned()
            .collect();
        self.counts.organizations = draft.organizations.len();
        self.counts.sources = draft.sources.len();
        self.counts.edges = draft.edges.len();
        Built {
            files: self.files,
            diagnostics: self.diags,
            draft,
            counts: self.counts,
        }
    }

    fn directed(&self, name: &str) -> bool {
        if let Some(t) = self.types.get(name) {
            return t.directed;
        }
        if let Some(b) = crate::model::EdgeType::builtin(name) {
            return b.directed;
        }
        self.existing
            .and_then(|d| d.edge_types.iter().find(|t| t.name == name))
            .is_none_or(|t| t.directed)
    }

    /// The duplicate-edge keys of the dataset imported into.
    fn existing_edge_keys(&self) -> BTreeSet<EdgeText> {
        let Some(d) = self.existing else {
            return BTreeSet::new();
        };
        d.edges
            .iter()
            .map(|e| {
                let (from, to) = d.endpoints(e);
                let t = d.edge_type(e);
                let (date, start, end) = match &e.when {
                    crate::model::When::Undated => (None, None, None),
                    crate::model::When::Point(p) => (Some(p.text().to_owned()), None, None),
                    crate::model::When::Interval { start, end } => (
                        None,
                        start.as_ref().map(|s| s.text().to_owned()),
                        end.as_ref().map(|s| s.text().to_owned()),
                    ),
                };
                let edge = DraftEdge {
                    from: from.id.to_string(),
                    to: to.id.to_string(),
                    edge_type: t.name.clone(),
                    date,
                    start,
                    end,
                    ..DraftEdge::default()
                };
                edge_key(&edge, t.directed)
            })
            .collect()
    }

    /// Every distinct damaged text (C1 characters, escapes): repaired (and listed) or
    /// reported.
    fn report_damage(&mut self) {
        for ((damage, text), (loc, count)) in std::mem::take(&mut self.damaged) {
            let (at, repaired) = (damage.first(&text), damage.repair(&text));
            let shown = visible(&excerpt(&text, at));
            let fixed = excerpt(&repaired, damage.first(&repaired).or(at));
            let times = if count == 1 {
                String::new()
            } else {
                format!(" ({count} cells)")
            };
            let (suspected, repaired) = damage.codes();
            let d = if self.options.repairs(damage) {
                let message = format!("repaired `{shown}` to `{fixed}`{times}");
                Diagnostic::new(repaired, Some(loc), message)
            } else {
                let message = format!("`{shown}` {}{times}", damage.holds());
                Diagnostic::new(suspected, Some(loc), message)
                    .with_help(format!("{} `{fixed}`", damage.cause()))
            };
            self.diags.push(d);
        }
    }

    /// New organizations whose name is close to, but not the same as, one in the dataset
    /// imported into: reported, never merged.
    fn report_probable_matches(&mut self) {
        let existing: Vec<(String, String)> = self
            .existing
            .map(|d| {
                d.organizations
                    .iter()
                    .flat_map(|o| {
                        std::iter::once(o.name.as_str())
                            .chain(o.short.as_deref())
                            .chain(o.aliases.iter().map(compact_str::CompactString::as_str))
                            .map(|n| (ids::match_key(n), o.id.to_string()))
                            .collect::<Vec<_>>()
                    })
                    .collect()
            })
            .unwrap_or_default();
        if existing.is_empty() {
            return;
        }
        for acc in self.orgs.iter().filter(|a| a.existing.is_none()) {
            let Some(name) = chosen_name(acc) else {
                continue;
            };
            let key = ids::match_key(&name);
            let best = existing
                .iter()
                .map(|(k, id)| (strsim::normalized_levenshtein(&key, k), id))
                .filter(|(score, _)| *score >= 0.75)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            if let (Some((_, id)), Some(loc)) = (best, &acc.first) {
                self.diags.push(
                    Diagnostic::new(
                        Code::ProbableMatch,
                        Some(loc.clone()),
                        format!("`{name}` may be the existing organization `{id}`; it was imported as a new one"),
                    )
                    .with_help(format!("if it is, add `{name}` to the aliases of `{id}` and import again")),
                );
            }
        }
    }

    /// Ids for every organization: kept ones first, then slugs in sorted order.
    fn assign_ids(&self) -> Vec<String> {
        let mut taken: BTreeSet<String> = self
            .existing
            .map(|d| d.organizations.iter().map(|o| o.id.to_string()).collect())
            .unwrap_or_default();
        let mut out = vec![String::new(); self.orgs.len()];
        for (i, acc) in self.orgs.iter().enumerate() {
            if let Some(id) = acc
                .existing
                .as_ref()
                .or(acc.explicit_id.as_ref().filter(|id| is_id(id)))
            {
                taken.insert(id.clone());
                out[i].clone_from(id);
            }
        }
        let mut wanted: Vec<(String, String, usize)> = self
            .orgs
            .iter()
            .enumerate()
            .filter(|(i, _)| out[*i].is_empty())
            .map(|(i, acc)| {
                let name = chosen_name(acc).unwrap_or_default();
                (ids::slug(&name), name, i)
            })
            .collect();
        wanted.sort();
        let slugs: Vec<String> = wanted.iter().map(|w| w.0.clone()).collect();
        for (id, (_, _, i)) in ids::assign(&slugs, &mut taken, "org")
            .into_iter()
            .zip(&wanted)
        {
            out[*i] = id;
        }
        out
    }
}

/// An edge's identity under the format's duplicate rule.
type EdgeText = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn edge_key(e: &DraftEdge, directed: bool) -> EdgeText {
    let (a, b) = if directed || e.from <= e.to {
        (e.from.clone(), e.to.clone())
    } else {
        (e.to.clone(), e.from.clone())
    };
    (
        a,
        b,
        e.edge_type.clone(),
        e.date.clone(),
        e.start.clone(),
        e.end.clone(),
    )
}

/// The name most rows use (the first seen on a tie).
fn chosen_name(acc: &OrgAcc) -> Option<String> {
    let mut best: Option<&(String, usize)> = None;
    for n in &acc.names {
        if best.is_none_or(|b| n.1 > b.1) {
            best = Some(n);
        }
    }
    best.map(|b| b.0.clone())
}

fn organization(acc: &OrgAcc, id: String, preset: Option<Preset>) -> DraftOrg {
    let name = chosen_name(acc).unwrap_or_else(|| id.clone());
    let mut aliases = acc.given_aliases.clone();
    if acc.explicit_id.is_none() {
        let mut seen: Vec<String> = acc
            .names
            .iter()
            .map(|(n, _)| n.clone())
            .filter(|n| *n != name && !aliases.contains(n))
            .collect();
        seen.sort();
        seen.dedup();
        aliases.extend(seen);
    }
    let mut notes = acc.fields.notes.clone();
    if let Some(group) = &acc.group {
        let line = if preset == Some(Preset::Mmp) {
            format!("Mapping Militant Organizations group id {group}.")
        } else {
            format!("Group id {group} in the imported table.")
        };
        notes = Some(match notes {
            Some(n) => format!("{n}\n{line}"),
            None => line,
        });
    }
    DraftOrg {
        id,
        name,
        aliases,
        notes,
        ..acc.fields.clone()
    }
}

/// C1 characters shown as `U+0092`, so a report shows what the cell holds.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                format!("<U+{:04X}>", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// At most 60 characters of `text` around the character index `at` (the damage, see
/// [`Damage::first`](crate::import::repairs::Damage::first)), with `…` where it was cut.
fn excerpt(text: &str, at: Option<usize>) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 60 {
        return text.to_owned();
    }
    let at = at.unwrap_or(0);
    let start = at.saturating_sub(25);
    let end = (start + 60).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    if start > 0 {
        s.insert(0, '…');
    }
    if end < chars.len() {
        s.push('…');
    }
    s
}
