//! The filter stage between the model and the exports: time slices, relation types,
//! disputes, confidence, sources and ego networks. Filters compose, and the result is
//! again a sorted [`Dataset`], so every export stays deterministic.

use std::borrow::Cow;
use std::collections::VecDeque;

use crate::model::{
    Confidence, Credibility, Dataset, Date, Day, Edge, Organization, Reliability, When,
};
use crate::suggest;

/// What to keep. The default keeps everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Keep what may have held on this date.
    pub as_of: Option<Date>,
    /// Keep edges that may have held at some point in this span; a missing bound is
    /// open (`2016..`, `..2016`).
    pub between: Option<(Option<Date>, Option<Date>)>,
    /// Keep only these relation types (empty: all).
    pub types: Vec<String>,
    /// Drop these relation types.
    pub exclude_types: Vec<String>,
    /// Keep the ego network of this organization: its id, or its name, short name or
    /// alias (case, spaces and accents ignored).
    pub focus: Option<String>,
    /// Steps from the focus (default 1).
    pub depth: usize,
    /// Drop disputed edges.
    pub exclude_disputed: bool,
    /// Drop edges below this confidence (edges with none are dropped too).
    pub min_confidence: Option<Confidence>,
    /// Keep an edge only if a supporting citation's source is this reliable or more
    /// (with [`Filter::min_credibility`], one citation must meet both).
    pub min_reliability: Option<Reliability>,
    /// Keep an edge only if a supporting citation is this credible or more.
    pub min_credibility: Option<Credibility>,
    /// Keep only edges these sources support (empty: all).
    pub according_to: Vec<String>,
    /// Drop organizations left without edges.
    pub drop_isolated: bool,
}

/// A filter that cannot apply: it names something the dataset does not have (an edge
/// type, an organization or a source, with the closest known name when one is close), or
/// its span ends before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    /// An unknown name.
    Unknown {
        /// `edge type`, `organization` or `source`.
        what: &'static str,
        /// The name given.
        name: String,
        /// The closest known name.
        suggestion: Option<String>,
    },
    /// A name (not an id) that several organizations share.
    Ambiguous {
        /// The name given.
        name: String,
        /// The ids of the organizations it names.
        ids: Vec<String>,
    },
    /// `--between FROM..TO` with TO before FROM.
    ReversedSpan {
        /// FROM as written.
        from: String,
        /// TO as written.
        to: String,
    },
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FilterError::Unknown {
                what,
                name,
                suggestion,
            } => {
                write!(f, "unknown {what} `{name}`")?;
                match suggestion {
                    Some(k) => write!(f, "; did you mean `{k}`?"),
                    None => Ok(()),
                }
            }
            FilterError::Ambiguous { name, ids } => crate::find::write_ambiguous(f, name, ids),
            FilterError::ReversedSpan { from, to } => write!(
                f,
                "the span `{from}..{to}` ends before it starts; write it as `{to}..{from}`"
            ),
        }
    }
}

impl std::error::Error for FilterError {}

fn unknown(what: &'static str, name: &str, known: &[&str]) -> FilterError {
    FilterError::Unknown {
        what,
        name: name.to_owned(),
        suggestion: suggest::closest(name, known.iter().copied()).map(str::to_owned),
    }
}

/// Checks that a span does not end before it starts: some day of `to` must be on or
/// after some day of `from` (`2016..2016-03` and `201X..2015` are fine).
pub fn check_span(from: Option<&Date>, to: Option<&Date>) -> Result<(), FilterError> {
    match (from, to) {
        (Some(a), Some(b)) if b.latest() < a.earliest() => Err(FilterError::ReversedSpan {
            from: a.text().to_owned(),
            to: b.text().to_owned(),
        }),
        _ => Ok(()),
    }
}

/// What a filter keeps, by index into the dataset's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Per organization: kept.
    pub organizations: Vec<bool>,
    /// Per edge: `None` when dropped, else whether it is only *possibly active* in the
    /// filter's time slice (always `false` without a time filter).
    pub edges: Vec<Option<bool>>,
}

impl Filter {
    /// Applies the filter, or says which name in it is unknown.
    /// A filter that keeps everything borrows the dataset instead of copying it.
    pub fn apply<'d>(&self, dataset: &'d Dataset) -> Result<Cow<'d, Dataset>, FilterError> {
        self.check_names(dataset)?;
        if self.keeps_everything() {
            return Ok(Cow::Borrowed(dataset));
        }
        let selection = self.select_checked(dataset);
        let mut slice = subset(dataset, &selection);
        slice.caption = Some(self.caption());
        Ok(Cow::Owned(slice))
    }

    /// The filters in words, as the options that set them, for the caption of a sliced
    /// export: `Filters: --as-of 2015 --type rivalry --drop-isolated`. Always in this
    /// order, whatever the order on the command line.
    pub fn caption(&self) -> String {
        let mut parts = vec!["Filters:".to_owned()];
        let mut flag = |name: &str, value: Option<String>| {
            parts.push(match value {
                Some(v) => format!("--{name} {v}"),
                None => format!("--{name}"),
            });
        };
        if let Some(d) = &self.as_of {
            flag("as-of", Some(d.text().to_owned()));
        }
        if let Some((from, to)) = &self.between {
            let text = |d: &Option<Date>| d.as_ref().map_or("", Date::text).to_owned();
            flag("between", Some(format!("{}..{}", text(from), text(to))));
        }
        if !self.types.is_empty() {
            flag("type", Some(self.types.join(",")));
        }
        if !self.exclude_types.is_empty() {
            flag("exclude-type", Some(self.exclude_types.join(",")));
        }
        if let Some(focus) = &self.focus {
            flag("focus", Some(focus.clone()));
            flag("depth", Some(self.depth.max(1).to_string()));
        }
        if self.exclude_disputed {
            flag("exclude-disputed", None);
        }
        if let Some(c) = self.min_confidence {
            flag("min-confidence", Some(c.as_str().to_owned()));
        }
        if let Some(r) = self.min_reliability {
            flag("min-reliability", Some(r.letter().to_owned()));
        }
        if let Some(c) = self.min_credibility {
            flag("min-credibility", Some(c.digit().to_owned()));
        }
        if !self.according_to.is_empty() {
            flag("according-to", Some(self.according_to.join(",")));
        }
        if self.drop_isolated {
            flag("drop-isolated", None);
        }
        parts.join(" ")
    }

    /// What the filter keeps of `dataset`, by index, without copying anything: the
    /// same decisions [`Filter::apply`] makes. The HTML export asks this once per year
    /// of its time control.
    pub fn select(&self, dataset: &Dataset) -> Result<Selection, FilterError> {
        self.check_names(dataset)?;
        Ok(self.select_checked(dataset))
    }

    fn select_checked(&self, dataset: &Dataset) -> Selection {
        let mut keep_org: Vec<bool> = dataset
            .organizations
            .iter()
            .map(|o| self.org_alive(o))
            .collect();
        let mut keep_edge: Vec<bool> = dataset
            .edges
            .iter()
            .map(|e| keep_org[e.from] && keep_org[e.to] && self.edge_kept(dataset, e))
            .collect();
        if let Some(focus) = &self.focus {
            let start = crate::find::resolve(dataset, focus).ok();
            let within = ego(dataset, start, self.depth.max(1), &keep_edge);
            for (i, keep) in keep_org.iter_mut().enumerate() {
                *keep &= within[i];
            }
            for (e, keep) in dataset.edges.iter().zip(keep_edge.iter_mut()) {
                *keep &= within[e.from] && within[e.to];
            }
        }
        if self.drop_isolated {
            let mut linked = vec![false; keep_org.len()];
            for (e, _) in dataset.edges.iter().zip(&keep_edge).filter(|(_, k)| **k) {
                linked[e.from] = true;
                linked[e.to] = true;
            }
            for (keep, l) in keep_org.iter_mut().zip(linked) {
                *keep &= l;
            }
        }
        let window = self.window();
        let edges = dataset
            .edges
            .iter()
            .zip(&keep_edge)
            .map(|(e, &keep)| {
                (keep && keep_org[e.from] && keep_org[e.to])
                    .then(|| window.is_some_and(|(lo, hi)| !surely_holds(&e.when, lo, hi)))
            })
            .collect();
        Selection {
            organizations: keep_org,
            edges,
        }
    }

    /// Whether no option is set (`depth` matters only with `focus`).
    fn keeps_everything(&self) -> bool {
        self.as_of.is_none()
            && self.between.is_none()
            && self.types.is_empty()
            && self.exclude_types.is_empty()
            && self.focus.is_none()
            && !self.exclude_disputed
            && self.min_confidence.is_none()
            && self.min_reliability.is_none()
            && self.min_credibility.is_none()
            && self.according_to.is_empty()
            && !self.drop_isolated
    }

    fn check_names(&self, dataset: &Dataset) -> Result<(), FilterError> {
        if let Some((from, to)) = &self.between {
            check_span(from.as_ref(), to.as_ref())?;
        }
        let types: Vec<&str> = dataset.edge_types.iter().map(|t| t.name.as_str()).collect();
        for t in self.types.iter().chain(&self.exclude_types) {
            if !types.contains(&t.as_str()) {
                return Err(unknown("edge type", t, &types));
            }
        }
        let sources: Vec<&str> = dataset.sources.iter().map(|s| s.id.as_str()).collect();
        for s in &self.according_to {
            if !sources.contains(&s.as_str()) {
                return Err(unknown("source", s, &sources));
            }
        }
        if let Some(focus) = &self.focus {
            crate::find::resolve(dataset, focus).map_err(|e| {
                if e.ambiguous.is_empty() {
                    FilterError::Unknown {
                        what: "organization",
                        name: e.id,
                        suggestion: e.suggestion,
                    }
                } else {
                    FilterError::Ambiguous {
                        name: e.id,
                        ids: e.ambiguous,
                    }
                }
            })?;
        }
        Ok(())
    }

    /// An organization is dropped from a slice only when certainly not yet founded or
    /// certainly dissolved.
    fn org_alive(&self, org: &Organization) -> bool {
        let Some((lo, hi)) = self.window() else {
            return true;
        };
        let born_later = org.founded.as_ref().is_some_and(|f| f.earliest() > hi);
        let gone_before = org.dissolved.as_ref().is_some_and(|d| d.latest() < lo);
        !born_later && !gone_before
    }

    /// The span of days the time filters ask about.
    fn window(&self) -> Option<(Day, Day)> {
        match (&self.as_of, &self.between) {
            (Some(d), _) => Some((d.earliest(), d.latest())),
            (None, Some((from, to))) => Some((
                from.as_ref().map_or(Day::MIN, Date::earliest),
                to.as_ref().map_or(Day::MAX, Date::latest),
            )),
            (None, None) => None,
        }
    }

    fn edge_kept(&self, dataset: &Dataset, edge: &Edge) -> bool {
        let ty = &dataset.edge_type(edge).name;
        let type_ok =
            (self.types.is_empty() || self.types.contains(ty)) && !self.exclude_types.contains(ty);
        let dispute_ok = !(self.exclude_disputed && edge.is_disputed());
        let confidence_ok = self
            .min_confidence
            .is_none_or(|min| edge.confidence.is_some_and(|c| c >= min));
        let source_ok = self.according_to.is_empty()
            || edge.sources.iter().any(|c| {
                self.according_to
                    .iter()
                    .any(|s| *s == dataset.sources[c.source].id)
            });
        let time_ok = self
            .window()
            .is_none_or(|(lo, hi)| may_hold(&edge.when, lo, hi));
        type_ok
            && dispute_ok
            && confidence_ok
            && source_ok
            && time_ok
            && self.graded_ok(dataset, edge)
    }

    /// Whether a supporting citation meets both grade minimums (true when none is set).
    fn graded_ok(&self, dataset: &Dataset, edge: &Edge) -> bool {
        let (r, c) = (self.min_reliability, self.min_credibility);
        (r.is_none() && c.is_none())
            || edge
                .sources
                .iter()
                .any(|citation| dataset.citation_meets(citation, r, c))
    }
}

/// Whether an edge certainly held on at least one day of `lo..=hi`: some day of the
/// window lies between the latest day its start can mean and the earliest day its end
/// can mean. Undated edges are never certain.
pub fn surely_holds(when: &When, lo: Day, hi: Day) -> bool {
    match when {
        When::Undated => false,
        When::Point(d) => d.latest() <= hi,
        When::Interval { start, end } => {
            let from = start.as_ref().map_or(Day::MIN, Date::latest).max(lo);
            let to = end.as_ref().map_or(Day::MAX, Date::earliest).min(hi);
            (start.is_some() || end.is_some()) && from <= to
        }
    }
}

/// Whether an edge may have held at some day of `lo..=hi`. Point-dated edges (pledges,
/// splits) hold from their date on; undated edges may hold at any time.
pub fn may_hold(when: &When, lo: Day, hi: Day) -> bool {
    match when {
        When::Undated => true,
        When::Point(d) => d.earliest() <= hi,
        When::Interval { start, end } => {
            start.as_ref().is_none_or(|s| s.earliest() <= hi)
                && end.as_ref().is_none_or(|e| e.latest() >= lo)
        }
    }
}

/// Organizations within `depth` steps of organization `focus`, along kept edges in either direction.
fn ego(dataset: &Dataset, focus: Option<usize>, depth: usize, keep_edge: &[bool]) -> Vec<bool> {
    let n = dataset.organizations.len();
    let mut distance = vec![usize::MAX; n];
    let Some(start) = focus else {
        return vec![false; n];
    };
    distance[start] = 0;
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        if distance[at] == depth {
            continue;
        }
        for e in dataset.incident_edges(at) {
            if !keep_edge[e] {
                continue;
            }
            let edge = &dataset.edges[e];
            let other = if edge.from == at { edge.to } else { edge.from };
            if distance[other] == usize::MAX {
                distance[other] = distance[at] + 1;
                queue.push_back(other);
            }
        }
    }
    distance.iter().map(|&d| d != usize::MAX).collect()
}

fn subset(dataset: &Dataset, selection: &Selection) -> Dataset {
    let keep_org = &selection.organizations;
    let mut index = vec![usize::MAX; keep_org.len()];
    let mut organizations = Vec::new();
    for (i, org) in dataset
        .organizations
        .iter()
        .enumerate()
        .filter(|(i, _)| keep_org[*i])
    {
        index[i] = organizations.len();
        organizations.push(org.clone());
    }
    let edges = dataset
        .edges
        .iter()
        .zip(&selection.edges)
        .filter_map(|(e, kept)| {
            kept.map(|possibly| {
                let mut e = e.clone();
                e.possibly_active = possibly;
                e.from = index[e.from];
                e.to = index[e.to];
                e
            })
        })
        .collect();
    Dataset::new(
        organizations,
        dataset.sources.clone(),
        dataset.edge_types.clone(),
        edges,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("valid date")
    }

    fn holds(when: &When, on: &str) -> bool {
        let on = d(on);
        may_hold(when, on.earliest(), on.latest())
    }

    #[test]
    fn uncertain_bounds_may_overlap() {
        let from_2015 = When::Interval {
            start: Some(d("2015")),
            end: None,
        };
        assert!(
            holds(&from_2015, "2015-03"),
            "start 2015 may precede March 2015"
        );
        assert!(!holds(&from_2015, "2014-12"));
        let until_201x = When::Interval {
            start: None,
            end: Some(d("201X")),
        };
        assert!(holds(&until_201x, "2019-06"));
        assert!(!holds(&until_201x, "2020"));
        let pledge = When::Point(d("2002~"));
        assert!(holds(&pledge, "2002-01") && holds(&pledge, "2030"));
        assert!(!holds(&pledge, "2001"));
        assert!(holds(&When::Undated, "1990"));
    }

    #[test]
    fn spans_may_be_open_but_not_reversed() {
        assert!(check_span(Some(&d("2018")), Some(&d("2016"))).is_err());
        assert!(check_span(Some(&d("2016-03")), Some(&d("2016"))).is_ok());
        assert!(check_span(Some(&d("201X")), Some(&d("2015"))).is_ok());
        assert!(check_span(None, Some(&d("2016"))).is_ok());
        let reversed = Filter {
            between: Some((Some(d("2018")), Some(d("2016")))),
            ..Filter::default()
        };
        let dataset = Dataset::new(Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let err = reversed.apply(&dataset).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("the span `2018..2016` ends before it starts; write it as `2016..2018`")
        );
        let open = Filter {
            between: Some((Some(d("2016")), None)),
            ..Filter::default()
        };
        assert_eq!(open.window(), Some((d("2016").earliest(), Day::MAX)));
        assert_eq!(open.caption(), "Filters: --between 2016..");
    }

    fn surely(when: &When, on: &str) -> bool {
        let on = d(on);
        surely_holds(when, on.earliest(), on.latest())
    }

    #[test]
    fn certain_overlap_needs_both_bounds_inside() {
        let from_2015 = When::Interval {
            start: Some(d("2015")),
            end: None,
        };
        assert!(!surely(&from_2015, "2015-03"), "start 2015 may be December");
        assert!(
            surely(&from_2015, "2015"),
            "some day of 2015 is after any start in 2015"
        );
        assert!(surely(&from_2015, "2016-01-01"));
        let exact = When::Interval {
            start: Some(d("2015-08-11")),
            end: Some(d("2016")),
        };
        assert!(surely(&exact, "2015-08"));
        assert!(surely(&exact, "2015-08-11"));
        assert!(!surely(&exact, "2016-06"), "end 2016 may be January");
        assert!(surely(&exact, "2016-01-01"));
        let decade = When::Interval {
            start: Some(d("199X")),
            end: Some(d("2001")),
        };
        assert!(!surely(&decade, "1995"), "199X may be 1999");
        assert!(surely(&decade, "2000"));
        let approximate = When::Point(d("2002~"));
        assert!(
            surely(&approximate, "2003"),
            "qualifiers flag, they do not widen"
        );
        assert!(!surely(&When::Point(d("200X")), "2005"));
        assert!(!surely(&When::Undated, "2005"));
        let open_both = When::Interval {
            start: None,
            end: None,
        };
        assert!(!surely(&open_both, "2005"));
    }
}
