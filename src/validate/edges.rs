//! Checks on edges: endpoints, type, dates, citations and duplicates. Each edge that
//! passes is resolved to indices, ready for the model.

use std::collections::HashMap;

use super::Checker;
use super::records::{OrgTable, SourceTable, TypeTable};
use super::usage::Used;
use crate::diagnostic::{Code, Related, Span};
use crate::load::raw::{Chunks, RawCitation, RawDataset, RawEdge, Text};
use crate::model::{Confidence, When};
use crate::suggest;
use compact_str::CompactString;

/// How many unknown references get a fuzzy "did you mean"; past this only exact
/// (case-insensitive) name matches are suggested, so 10,000 typos stay fast.
const FUZZY_SUGGESTIONS: usize = 200;

/// An edge whose references all resolved (indices into the raw records).
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The record's position, for the duplicate check.
    pub span: Span,
    pub from: usize,
    pub to: usize,
    pub edge_type: usize,
    pub when: When,
    pub confidence: Option<Confidence>,
}

struct Lookups<'a, 'r> {
    types: &'a TypeTable,
    orgs: &'a OrgTable<'r>,
    sources: &'a SourceTable<'r>,
    /// Marked with every reference that resolves, valid edge or not.
    used: &'a Used,
}

/// What makes two edges duplicates: endpoints (in key order), type, and dates as
/// written; the edge's index rides along.
type DuplicateKey<'r> = (usize, usize, usize, usize, &'r When);

/// An unknown reference waiting for its fuzzy "did you mean". The search runs after the
/// parallel checks, in edge order, so the first [`FUZZY_SUGGESTIONS`] references get one
/// whatever the threads did.
struct Guess {
    /// Index of its diagnostic.
    diagnostic: usize,
    word: CompactString,
    of: Target,
}

enum Target {
    Organization,
    Source,
}

impl Checker<'_> {
    pub(super) fn edges(
        &mut self,
        dataset: &RawDataset,
        types: &TypeTable,
        orgs: &OrgTable<'_>,
        sources: &SourceTable<'_>,
        used: &Used,
    ) -> Chunks<Option<Resolved>> {
        let look = Lookups {
            types,
            orgs,
            sources,
            used,
        };
        let files = self.files;
        let packed = dataset.edges.files();
        // Each file's edges are unpacked and checked on their own, on all cores; the
        // results are merged in file order.
        let checked = crate::parallel::map(packed.len(), |(): &mut (), i| {
            let mut cx = Checker {
                files,
                diagnostics: Vec::new(),
            };
            let mut guesses = Vec::new();
            let mut ids = Vec::new();
            let resolved: Vec<Option<Resolved>> = packed[i]
                .iter()
                .map(|edge| {
                    let r = cx.edge(&edge, &look, &mut guesses);
                    cx.edge_usage(&edge, r.as_ref(), &dataset.organizations, orgs);
                    ids.extend(edge.id);
                    r
                })
                .collect();
            (resolved, cx.diagnostics, guesses, ids)
        });
        // Kept in per-file vectors: merging them would briefly hold every resolved edge
        // twice.
        let mut out = Chunks::default();
        let mut guesses = Vec::new();
        let mut ids = Vec::new();
        for (resolved, diagnostics, part_guesses, part_ids) in checked {
            let offset = self.diagnostics.len();
            guesses.extend(part_guesses.into_iter().map(|g| Guess {
                diagnostic: g.diagnostic + offset,
                ..g
            }));
            self.diagnostics.extend(diagnostics);
            out.push(resolved);
            ids.extend(part_ids);
        }
        self.guess(&guesses, &look);
        self.edge_ids(&ids);
        self.duplicates(&out, types);
        out
    }

    /// Fills in the fuzzy "did you mean" of the first unknown references.
    /// Which ones get one is decided in edge order; each is measured against every known
    /// id, so they are worked out on all cores.
    fn guess(&mut self, guesses: &[Guess], look: &Lookups<'_, '_>) {
        let guesses = &guesses[..guesses.len().min(FUZZY_SUGGESTIONS)];
        let found = crate::parallel::map(guesses.len(), |(): &mut (), i| {
            let g = &guesses[i];
            match g.of {
                Target::Organization => look.orgs.suggest(&g.word),
                Target::Source => suggest::closest(&g.word, look.sources.by_id.keys().copied()),
            }
        });
        for (g, found) in guesses.iter().zip(found) {
            if let Some(id) = found {
                self.diagnostics[g.diagnostic].help = Some(format!("did you mean `{id}`?"));
            }
        }
    }

    /// Checks edge ids: their syntax, and that none repeats.
    fn edge_ids(&mut self, all: &[Text]) {
        let mut ids: HashMap<&str, Span> = HashMap::new();
        for id in all {
            self.check_id(id, "edge");
            if let Some(&first) = ids.get(id.value.as_str()) {
                self.duplicate_edge_id(id, first);
            } else {
                ids.insert(&id.value, id.span);
            }
        }
    }

    fn duplicate_edge_id(&mut self, id: &Text, first: Span) {
        let related = Related {
            location: self.locate(first),
            note: "first defined".into(),
        };
        let d = self.at(
            Code::DuplicateId,
            id.span,
            format!("duplicate edge id `{}`", id.value),
        );
        d.related = Some(Box::new(related));
        d.help = Some("edge ids are unique across all files; rename one".into());
    }

    fn edge(
        &mut self,
        edge: &RawEdge,
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> Option<Resolved> {
        let from = edge
            .from
            .as_ref()
            .and_then(|t| self.endpoint(t, look, guesses));
        let to = edge
            .to
            .as_ref()
            .and_then(|t| self.endpoint(t, look, guesses));
        let edge_type = edge
            .edge_type
            .as_ref()
            .and_then(|t| self.edge_type(t, look.types));
        if let (Some(f), Some(t)) = (&edge.from, &edge.to)
            && f.value == t.value
        {
            self.at(Code::SelfLoop, t.span, format!("edge from `{}` to itself", f.value))
                .help = Some("an organization cannot ally with, split from or host itself; check `from` and `to`".into());
        }
        let when = self.when(edge);
        let confidence = edge.confidence.as_ref().and_then(|c| self.confidence(c));
        let sources_ok = self.citations(edge, look, guesses);
        let disputes_ok = self.disputes(edge, look, guesses);
        let ok_conf = edge.confidence.is_none() || confidence.is_some();
        let from_ne_to = from != to;
        // Citations are checked here but not kept: `build` finds their sources by id,
        // which saves two vectors per edge for the whole of validation.
        match (from, to, edge_type, when) {
            (Some(from), Some(to), Some(edge_type), Some(when))
                if sources_ok && disputes_ok && ok_conf && from_ne_to =>
            {
                Some(Resolved {
                    span: edge.span,
                    from,
                    to,
                    edge_type,
                    when,
                    confidence,
                })
            }
            _ => None,
        }
    }

    fn endpoint(
        &mut self,
        name: &Text,
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> Option<usize> {
        if let Some(&i) = look.orgs.by_id.get(name.value.as_str()) {
            look.used.org(i);
            return Some(i);
        }
        let exact = look
            .orgs
            .names
            .get(&name.value.trim().to_lowercase())
            .copied();
        if exact.is_none() {
            guesses.push(Guess {
                diagnostic: self.diagnostics.len(),
                word: name.value.clone(),
                of: Target::Organization,
            });
        }
        let d = self.at(
            Code::UnknownOrganization,
            name.span,
            format!("unknown organization `{}`", name.value),
        );
        d.label = Some("no organization has this id".into());
        d.help = Some(match exact {
            Some(id) => format!("did you mean `{id}`?"),
            None => {
                "endpoints are organization ids; declare the organization under `organizations:`"
                    .into()
            }
        });
        None
    }

    fn edge_type(&mut self, name: &Text, types: &TypeTable) -> Option<usize> {
        if let Some(&i) = types.by_name.get(name.value.as_str()) {
            return Some(i);
        }
        let known: Vec<&str> = types.list.iter().map(|t| t.name.as_str()).collect();
        let help = match suggest::closest(&name.value, known.iter().copied()) {
            Some(k) => format!("did you mean `{k}`? Known types: {}", known.join(", ")),
            None => format!(
                "known types: {}; declare new ones under `edge_types:`",
                known.join(", ")
            ),
        };
        self.at(
            Code::UnknownEdgeType,
            name.span,
            format!("unknown edge type `{}`", name.value),
        )
        .help = Some(help);
        None
    }

    /// Parses the edge's dates; `None` when any is invalid or they contradict each other.
    fn when(&mut self, edge: &RawEdge) -> Option<When> {
        let date = self.date(edge.date.as_ref(), "date");
        let start = self.date(edge.start.as_ref(), "start");
        let end = self.date(edge.end.as_ref(), "end");
        let bad_date = edge.date.is_some() && date.is_none();
        let bad_interval =
            (edge.start.is_some() && start.is_none()) || (edge.end.is_some() && end.is_none());
        if let (Some(d), true) = (&edge.date, edge.start.is_some() || edge.end.is_some()) {
            self.at(
                Code::DateWithInterval,
                d.span,
                "`date` cannot be combined with `start` or `end`",
            )
            .help = Some(
                "use `date` for a single event, or `start`/`end` for a relationship that lasted"
                    .into(),
            );
            return None;
        }
        if bad_date || bad_interval {
            return None;
        }
        if let (Some(s), Some(e), Some(end_text)) = (&start, &end, &edge.end) {
            let before = e.latest() < s.earliest();
            self.check_order(s, e, end_text.span, "end", "start");
            if before {
                return None;
            }
        }
        Some(match (date, start, end) {
            (Some(d), _, _) => When::Point(d),
            (None, None, None) => When::Undated,
            (None, start, end) => When::Interval { start, end },
        })
    }

    fn confidence(&mut self, c: &Text) -> Option<Confidence> {
        let parsed = Confidence::parse(&c.value);
        if parsed.is_none() {
            self.at(
                Code::InvalidValue,
                c.span,
                format!("unknown confidence `{}`", c.value),
            )
            .help = Some(format!("use one of: {}", Confidence::NAMES.join(", ")));
        }
        parsed
    }

    /// Whether the edge has citations and every one names a known source.
    fn citations(
        &mut self,
        edge: &RawEdge,
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> bool {
        let Some(list) = edge.sources.as_ref() else {
            return false;
        };
        if list.value.is_empty() {
            self.at(Code::MissingCitation, list.span, "edge cites no source")
                .help =
                Some("every edge needs at least one citation: `sources: [source-id]`".into());
            return false;
        }
        self.resolve_all(&list.value, look, guesses)
    }

    /// Whether every disputing citation names a known source.
    fn disputes(
        &mut self,
        edge: &RawEdge,
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> bool {
        if edge.disputed_by.is_empty() {
            return true;
        }
        if !self.resolve_all(&edge.disputed_by, look, guesses) {
            return false;
        }
        let supporting: Vec<&str> = edge
            .sources
            .iter()
            .flat_map(|s| &s.value)
            .filter_map(|c| c.source.as_ref().map(|t| t.value.as_str()))
            .collect();
        for c in &edge.disputed_by {
            if let Some(src) = &c.source
                && supporting.contains(&src.value.as_str())
            {
                self.at(Code::SelfDisputed, src.span, format!("source `{}` both supports and disputes this edge", src.value))
                    .help = Some("a source that contradicts itself is worth a note; otherwise cite it on one side only".into());
            }
        }
        true
    }

    fn resolve_all(
        &mut self,
        list: &[RawCitation],
        look: &Lookups<'_, '_>,
        guesses: &mut Vec<Guess>,
    ) -> bool {
        let mut ok = true;
        for c in list {
            let Some(src) = &c.source else {
                ok = false;
                continue;
            };
            if let Some(&i) = look.sources.by_id.get(src.value.as_str()) {
                look.used.source(i);
                continue;
            }
            ok = false;
            guesses.push(Guess {
                diagnostic: self.diagnostics.len(),
                word: src.value.clone(),
                of: Target::Source,
            });
            let d = self.at(
                Code::UnknownSource,
                src.span,
                format!("unknown source `{}`", src.value),
            );
            d.help = Some("citations name a source id; declare the source under `sources:`".into());
        }
        ok
    }

    /// Reports every resolved edge that repeats an earlier one: same type, same
    /// endpoints (either way round for an undirected type) and the same dates as written.
    /// Found by sorting indices rather than hashing keys: 4 bytes per edge instead of a
    /// map entry and a label string.
    fn duplicates(&mut self, resolved: &Chunks<Option<Resolved>>, types: &TypeTable) {
        // One key per resolved edge: endpoints in key order, type, edge index, dates.
        let mut keys: Vec<DuplicateKey<'_>> = resolved
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                let r = r.as_ref()?;
                let (a, b) = if types.list[r.edge_type].directed || r.from <= r.to {
                    (r.from, r.to)
                } else {
                    (r.to, r.from)
                };
                Some((a, b, r.edge_type, i, &r.when))
            })
            .collect();
        keys.sort_unstable_by(|x, y| {
            (x.0, x.1, x.2)
                .cmp(&(y.0, y.1, y.2))
                .then_with(|| x.4.label_bytes().cmp(y.4.label_bytes()))
                .then(x.3.cmp(&y.3))
        });
        let same = |x: &DuplicateKey<'_>, y: &DuplicateKey<'_>| {
            (x.0, x.1, x.2) == (y.0, y.1, y.2) && x.4.label_bytes().eq(y.4.label_bytes())
        };
        for group in keys.chunk_by(same) {
            let (first, ty) = (group[0].3, &types.list[group[0].2].name);
            for dup in &group[1..] {
                self.duplicate_edge(resolved, first, dup.3, ty);
            }
        }
    }

    fn duplicate_edge(
        &mut self,
        resolved: &Chunks<Option<Resolved>>,
        first: usize,
        index: usize,
        ty: &str,
    ) {
        let span = |i: usize| resolved[i].as_ref().map_or_else(Span::default, |r| r.span);
        let related = Related {
            location: self.locate(span(first)),
            note: "first defined".into(),
        };
        let d = self.at(
            Code::DuplicateEdge,
            span(index),
            format!("duplicate {ty} edge between the same organizations with the same dates"),
        );
        d.related = Some(Box::new(related));
        d.help = Some("merge the two records: put all citations under one edge".into());
    }
}
