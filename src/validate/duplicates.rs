//! Duplicate edges: the same type between the same organizations (either way round for
//! an undirected type) with the same dates as written. Found by sorting one key per
//! resolved edge rather than hashing them.

use super::Checker;
use super::edges::Resolved;
use super::records::TypeTable;
use crate::diagnostic::{Code, Related, Span};
use compact_str::CompactString;

/// What makes two edges duplicates: endpoints (in key order), type, and dates as
/// written; the edge's index and position ride along.
pub struct DuplicateKey {
    ends: (u32, u32, u32),
    dates: CompactString,
    index: u32,
    span: Span,
}

impl DuplicateKey {
    pub fn new(r: &Resolved, index: usize, types: &TypeTable) -> DuplicateKey {
        let (a, b) = if types.list[r.edge_type].directed || r.from <= r.to {
            (r.from, r.to)
        } else {
            (r.to, r.from)
        };
        let n = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let (first, dash, second) = r.when.label_parts();
        let mut dates = CompactString::with_capacity(first.len() + dash.len() + second.len());
        for part in [first, dash, second] {
            dates.push_str(part);
        }
        DuplicateKey {
            ends: (n(a), n(b), n(r.edge_type)),
            dates,
            index: n(index),
            span: r.span,
        }
    }
}

impl Checker<'_> {
    /// Reports every resolved edge that repeats an earlier one: same type, same
    /// endpoints (either way round for an undirected type) and the same dates as written.
    /// Found by sorting the keys rather than hashing them.
    pub(super) fn duplicates(&mut self, mut keys: Vec<DuplicateKey>, types: &TypeTable) {
        keys.sort_unstable_by(|x, y| (x.ends, &x.dates, x.index).cmp(&(y.ends, &y.dates, y.index)));
        let same = |x: &DuplicateKey, y: &DuplicateKey| (x.ends, &x.dates) == (y.ends, &y.dates);
        for group in keys.chunk_by(same) {
            let (first, ty) = (&group[0], &types.list[group[0].ends.2 as usize].name);
            for dup in &group[1..] {
                self.duplicate_edge(first.span, dup.span, ty);
            }
        }
    }

    fn duplicate_edge(&mut self, first: Span, dup: Span, ty: &str) {
        let related = Related {
            location: self.locate(first),
            note: "first defined".into(),
        };
        let d = self.at(
            Code::DuplicateEdge,
            dup,
            format!("duplicate {ty} edge between the same organizations with the same dates"),
        );
        d.related = Some(Box::new(related));
        d.help = Some("merge the two records: put all citations under one edge".into());
    }
}
