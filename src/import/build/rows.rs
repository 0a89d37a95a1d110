//! One edge row: its endpoints, relation, dates and citation, checked cell by cell, then
//! added as a new edge or merged into the edge it repeats.

use super::{Builder, EdgeAcc, EdgeKey, OrgAcc, RowResult, citations_cell, empty, invalid};
use crate::diagnostic::{Code, Diagnostic, Location};
use crate::import::dates::{self, Slashes};
use crate::import::ids;
use crate::import::map::{self, Columns, Field, Preset};
use crate::import::read::{Row, Table};
use crate::import::{DraftCitation, DraftType};
use crate::model::{Confidence, Date, EdgeType};
use crate::validate::{is_http_url, is_id};

/// An edge's endpoint before the row is known to be mapped.
pub(super) struct Endpoint {
    /// The identity it is collected under.
    key: String,
    name: String,
    loc: Location,
    /// The organization it already is, if any.
    found: Option<usize>,
    /// Whether its name counts as a spelling (not for a node table's lookup).
    counted: bool,
}

impl Endpoint {
    fn same_as(&self, other: &Endpoint) -> bool {
        match (self.found, other.found) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.key == other.key,
            _ => false,
        }
    }
}

/// An edge row's dates: `date`, `start`, `end`.
type Dates = (Option<String>, Option<String>, Option<String>);

impl Builder<'_> {
    pub(super) fn edge_row(
        &mut self,
        table: &Table,
        row: &Row,
        c: &Columns<Field>,
        preset: Option<Preset>,
    ) -> RowResult<()> {
        let from = self.endpoint(table, row, c, Field::From, Field::FromKey)?;
        let to = self.endpoint(table, row, c, Field::To, Field::ToKey)?;
        let (type_name, directed, swap) = self.relation(table, row, c, preset)?;
        let (from, to) = if swap { (to, from) } else { (from, to) };
        if from.same_as(&to) {
            return Err(Diagnostic::new(
                Code::SelfLoop,
                Some(self.at(table, row, c.get(Field::To).unwrap_or(0))),
                "the row joins an organization to itself",
            )
            .with_help("check the two names; an edge needs two different organizations"));
        }
        let (date, start, end) = self.dates(table, row, c, preset, &type_name)?;
        let confidence = match self.text(table, row, c.get(Field::Confidence))? {
            Some(word) => {
                let lower = word.to_lowercase();
                if Confidence::parse(&lower).is_none() {
                    let at = self.at(table, row, c.get(Field::Confidence).unwrap_or(0));
                    return Err(invalid(
                        at,
                        format!("`{word}` is not a confidence (high, medium or low)"),
                    ));
                }
                Some(lower)
            }
            None => None,
        };
        let (sources, disputed_by) = self.citations(table, row, c, preset)?;
        let notes = self.text(table, row, c.get(Field::Notes))?;
        // Edge ids are kept, but not the `Id` of Gephi and Kumu (a row number or a
        // generated key, not a name worth keeping) unless `--map id=…` asks for it.
        let mapped = self.options.overrides.iter().any(|(f, _)| *f == Field::Id);
        let keep_id = mapped || !matches!(preset, Some(Preset::Gephi | Preset::Kumu));
        let id = if keep_id {
            match self.text(table, row, c.get(Field::Id))? {
                Some(id) if is_id(&id) => Some(id),
                // A table's own ids are made valid the way names are (`E 1` → `e-1`).
                Some(id) if !self.exact && !ids::slug(&id).is_empty() => Some(ids::slug(&id)),
                Some(id) => {
                    let at = self.at(table, row, c.get(Field::Id).unwrap_or(0));
                    return Err(Diagnostic::new(
                        Code::InvalidId,
                        Some(at),
                        format!("`{id}` is not a valid id"),
                    ));
                }
                None => None,
            }
        } else {
            None
        };
        // Only a row that is mapped makes organizations.
        let (from, to) = (self.resolve(from), self.resolve(to));
        let (a, b) = if directed || from <= to {
            (from, to)
        } else {
            (to, from)
        };
        let key: EdgeKey = (
            a,
            b,
            type_name.clone(),
            date.clone(),
            start.clone(),
            end.clone(),
        );
        let first = self.at(table, row, 0);
        let merged_into = self.edge_keys.get(&key).copied();
        if let Some(id) = &id {
            let id_at = || self.at(table, row, c.get(Field::Id).unwrap_or(0));
            let other = self.edge_ids.get(id).copied();
            if other.is_some_and(|o| Some(o) != merged_into) {
                return Err(Diagnostic::new(
                    Code::DuplicateId,
                    Some(id_at()),
                    format!("another edge already has the id `{id}`"),
                )
                .with_help("give each edge its own id, or leave the cell empty"));
            }
            if let Some(i) = merged_into
                && self.edges[i].id.as_ref().is_some_and(|old| old != id)
            {
                return Err(Diagnostic::new(
                    Code::DuplicateEdge,
                    Some(id_at()),
                    format!(
                        "the row is the same edge as row {}, which has another id",
                        self.edges[i].first.line
                    ),
                )
                .with_help("merge the two rows, or give them different dates"));
            }
        }
        if let Some(i) = merged_into {
            if let Some(id) = id {
                self.edge_ids.insert(id.clone(), i);
                self.edges[i].id = Some(id);
            }
            self.merge(i, sources, disputed_by, notes, confidence, &first);
            return Ok(());
        }
        if let Some(id) = &id {
            self.edge_ids.insert(id.clone(), self.edges.len());
        }
        self.edge_keys.insert(key, self.edges.len());
        self.edges.push(EdgeAcc {
            id,
            from,
            to,
            edge_type: type_name,
            date,
            start,
            end,
            confidence,
            sources,
            disputed_by,
            notes,
            first,
        });
        Ok(())
    }

    fn merge(
        &mut self,
        i: usize,
        sources: Vec<DraftCitation>,
        disputed_by: Vec<DraftCitation>,
        notes: Option<String>,
        confidence: Option<String>,
        at: &Location,
    ) {
        let e = &mut self.edges[i];
        for c in sources {
            if !e.sources.contains(&c) {
                e.sources.push(c);
            }
        }
        for c in disputed_by {
            if !e.disputed_by.contains(&c) {
                e.disputed_by.push(c);
            }
        }
        if let Some(n) = notes {
            match &mut e.notes {
                Some(old) if !old.split("\n\n").any(|p| p == n) => {
                    old.push_str("\n\n");
                    old.push_str(&n);
                }
                Some(_) => {}
                None => e.notes = Some(n),
            }
        }
        // Two confidences: keep the more cautious.
        let rank = |c: &Option<String>| c.as_deref().and_then(Confidence::parse);
        if confidence.is_some()
            && (e.confidence.is_none() || rank(&confidence) < rank(&e.confidence))
        {
            e.confidence = confidence;
        }
        let first = e.first.clone();
        let d = Diagnostic::new(
            Code::MergedRows,
            Some(at.clone()),
            format!(
                "row {} is the same edge as row {} (endpoints, relation and dates); its citation was added to that edge",
                at.line, first.line
            ),
        )
        .with_related(first, "edge first seen");
        self.diags.push(d);
    }

    /// The organization a row's `name` (and, for MMP, `key`) column names, not yet made.
    fn endpoint(
        &mut self,
        table: &Table,
        row: &Row,
        c: &Columns<Field>,
        name_field: Field,
        key_field: Field,
    ) -> RowResult<Endpoint> {
        let column = c.get(name_field).unwrap_or(0);
        let Some(name) = self.text(table, row, c.get(name_field))? else {
            return Err(empty(self.at(table, row, column), "an organization"));
        };
        let loc = self.at(table, row, column);
        if let Some(key) = self.text(table, row, c.get(key_field))? {
            return Ok(self.endpoint_of(format!("key:{key}"), name, loc));
        }
        if let Some(lookup) = &self.node_lookup {
            let found = lookup
                .get(&format!("id:{name}"))
                .or_else(|| lookup.get(&format!("n:{}", ids::match_key(&name))));
            return match found {
                Some(&i) => Ok(Endpoint {
                    key: String::new(),
                    name,
                    loc,
                    found: Some(i),
                    counted: false,
                }),
                None => Err(Diagnostic::new(
                    Code::UnknownNode,
                    Some(loc),
                    format!("`{name}` is in no row of the node table"),
                )
                .with_help("add the organization to the node table, or correct the name")),
            };
        }
        if self.exact && self.existing.is_none() {
            return Ok(self.endpoint_of(format!("node:{name}"), name, loc));
        }
        let key = format!("n:{}", ids::match_key(&name));
        Ok(self.endpoint_of(key, name, loc))
    }

    fn endpoint_of(&self, key: String, name: String, loc: Location) -> Endpoint {
        let found = self.org_keys.get(&key).copied().or_else(|| {
            let by_name = format!("n:{}", ids::match_key(&name));
            self.existing_by_name(&by_name).copied()
        });
        Endpoint {
            key,
            name,
            loc,
            found,
            counted: true,
        }
    }

    /// Makes (or finds) the organization of an endpoint, counting its spelling.
    fn resolve(&mut self, e: Endpoint) -> usize {
        if !e.counted {
            return e.found.unwrap_or_default();
        }
        self.org(&e.key, &e.name, e.loc)
    }

    /// The organization under `key`, made when new; `name` is counted as one spelling.
    pub(super) fn org(&mut self, key: &str, name: &str, loc: Location) -> usize {
        let found = self.org_keys.get(key).copied().or_else(|| {
            let by_name = format!("n:{}", ids::match_key(name));
            self.existing_by_name(&by_name).copied()
        });
        let i = found.unwrap_or_else(|| {
            self.orgs.push(OrgAcc {
                first: Some(loc),
                group: key.strip_prefix("key:").map(str::to_owned),
                ..OrgAcc::default()
            });
            self.orgs.len() - 1
        });
        self.org_keys.entry(key.to_owned()).or_insert(i);
        let acc = &mut self.orgs[i];
        if acc.existing.is_none() {
            match acc.names.iter_mut().find(|(n, _)| n == name) {
                Some((_, count)) => *count = count.saturating_add(1),
                None => acc.names.push((name.to_owned(), 1)),
            }
        }
        i
    }

    /// An organization of the dataset imported into with this name key.
    fn existing_by_name(&self, by_name: &str) -> Option<&usize> {
        self.org_keys
            .get(by_name)
            .filter(|&&i| self.orgs[i].existing.is_some())
    }

    /// The row's relation: type name, direction, and whether from and to swap.
    fn relation(
        &mut self,
        table: &Table,
        row: &Row,
        c: &Columns<Field>,
        preset: Option<Preset>,
    ) -> RowResult<(String, bool, bool)> {
        let direction = self
            .text(table, row, c.get(Field::Directed))?
            .as_deref()
            .and_then(map::direction);
        let column = c.get(Field::Type).unwrap_or(0);
        let written = match self.text(table, row, c.get(Field::Type))? {
            Some(w) => w,
            None if preset == Some(Preset::Gephi) => "related".to_owned(),
            None => return Err(empty(self.at(table, row, column), "the relation")),
        };
        if self.exact {
            if let Some(t) = self.types.get(&written) {
                return Ok((written.clone(), t.directed, false));
            }
            if let Some(b) = EdgeType::builtin(&written) {
                return Ok((written, b.directed, false));
            }
            if let Some(t) = self.existing_type(&written) {
                return Ok((written, t, false));
            }
            return Err(Diagnostic::new(
                Code::UnmappedRelation,
                Some(self.at(table, row, column)),
                format!("the relation `{written}` is neither built in nor in edge_types.csv"),
            ));
        }
        let Some(r) = map::relation(&written, preset) else {
            return Err(Diagnostic::new(
                Code::UnmappedRelation,
                Some(self.at(table, row, column)),
                format!("the relation `{written}` has no letter or digit to name a type by"),
            )
            .with_help("write the relation as a word, such as `alliance`"));
        };
        if let Some(directed) = self.existing_type(&r.name) {
            return Ok((r.name, directed, r.swap));
        }
        if r.why.is_none() {
            return Ok((r.name, r.directed, r.swap));
        }
        let entry = self.types.entry(r.name.clone()).or_insert_with(|| {
            let (directed, why) = match direction {
                Some(d) => (
                    d,
                    format!(
                        "{}: as the table's direction column says",
                        if d { "directed" } else { "undirected" }
                    ),
                ),
                None => (r.directed, r.why.unwrap_or_default().to_owned()),
            };
            DraftType {
                name: r.name.clone(),
                directed,
                why: Some(why),
                label: None,
                color: None,
                style: None,
            }
        });
        Ok((r.name, entry.directed, r.swap))
    }

    /// The direction of a type the dataset imported into declares.
    fn existing_type(&self, name: &str) -> Option<bool> {
        self.existing?
            .edge_types
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.directed)
    }

    fn dates(
        &mut self,
        table: &Table,
        row: &Row,
        c: &Columns<Field>,
        preset: Option<Preset>,
        type_name: &str,
    ) -> RowResult<Dates> {
        let slashes = if preset == Some(Preset::Mmp) {
            Slashes::MonthFirst
        } else {
            Slashes::Ambiguous
        };
        let mut date = self.date(table, row, c.get(Field::Date), slashes)?;
        let mut start = self.date(table, row, c.get(Field::Start), slashes)?;
        let mut end = self.date(table, row, c.get(Field::End), slashes)?;
        if let Some(cell) = self.text(table, row, c.get(Field::Interval))?
            && start.is_none()
            && end.is_none()
        {
            let column = c.get(Field::Interval).unwrap_or(0);
            let Some((a, b)) = dates::interval(&cell) else {
                return Err(self.invalid_date(
                    table,
                    row,
                    column,
                    format!("`{cell}` is not a time interval such as <[2001, 2005]>"),
                ));
            };
            let norm = |s: Option<String>| s.map(|s| dates::normalize(&s, slashes)).transpose();
            start = norm(a).map_err(|m| self.invalid_date(table, row, column, m))?;
            end = norm(b).map_err(|m| self.invalid_date(table, row, column, m))?;
        }
        // MMP dates a relationship by its start; splits and mergers are events.
        if preset == Some(Preset::Mmp)
            && !matches!(type_name, "splinter" | "merger")
            && start.is_none()
        {
            start = date.take();
        }
        if date.is_some() && (start.is_some() || end.is_some()) {
            return Err(Diagnostic::new(
                Code::DateWithInterval,
                Some(self.at(table, row, c.get(Field::Date).unwrap_or(0))),
                "the row has both a date and a start or end",
            )
            .with_help("keep `date` for an event, `start`/`end` for a relationship that lasted"));
        }
        if let (Some(s), Some(e)) = (&start, &end)
            && let (Ok(s), Ok(e)) = (Date::parse(s), Date::parse(e))
            && e.latest() < s.earliest()
        {
            return Err(Diagnostic::new(
                Code::EndBeforeStart,
                Some(self.at(
                    table,
                    row,
                    c.get(Field::End).or(c.get(Field::Interval)).unwrap_or(0),
                )),
                format!("the end `{}` is before the start `{}`", e.text(), s.text()),
            ));
        }
        Ok((date, start, end))
    }

    fn citations(
        &mut self,
        table: &Table,
        row: &Row,
        c: &Columns<Field>,
        preset: Option<Preset>,
    ) -> RowResult<(Vec<DraftCitation>, Vec<DraftCitation>)> {
        if preset == Some(Preset::Actorgraph) {
            let mut lists = [Vec::new(), Vec::new()];
            for (k, field) in [Field::Citations, Field::DisputedBy]
                .into_iter()
                .enumerate()
            {
                if let Some(cell) = self.text(table, row, c.get(field))? {
                    let at = self.at(table, row, c.get(field).unwrap_or(0));
                    lists[k] = citations_cell(&cell).map_err(|m| invalid(at.clone(), m))?;
                    if let Some(bad) = lists[k].iter().find(|c| !self.source_known(&c.source)) {
                        return Err(Diagnostic::new(
                            Code::UnknownSource,
                            Some(at),
                            format!("no source has the id `{}`", bad.source),
                        ));
                    }
                }
            }
            let [sources, disputed] = lists;
            if sources.is_empty() {
                let at = self.at(table, row, c.get(Field::Citations).unwrap_or(0));
                return Err(Diagnostic::new(
                    Code::MissingCitation,
                    Some(at),
                    "the edge cites no source",
                ));
            }
            return Ok((sources, disputed));
        }
        let quote = self.text(table, row, c.get(Field::Quote))?;
        let locator = match self.text(table, row, c.get(Field::Locator))? {
            Some(l) if preset == Some(Preset::Mmp) => Some(format!("unique_id {l}")),
            l => l,
        };
        let source = self.row_source(table, row, c)?;
        Ok((
            vec![DraftCitation {
                source,
                quote,
                locator,
                credibility: None,
            }],
            Vec::new(),
        ))
    }

    fn source_known(&self, id: &str) -> bool {
        self.sources.contains_key(id)
            || self
                .existing
                .is_some_and(|d| d.sources.iter().any(|s| s.id == id))
    }

    /// The source a row cites: its source id, its URL, or the table's default source.
    fn row_source(&mut self, table: &Table, row: &Row, c: &Columns<Field>) -> RowResult<String> {
        if let Some(id) = self.text(table, row, c.get(Field::Source))? {
            if !self.source_known(&id) {
                let at = self.at(table, row, c.get(Field::Source).unwrap_or(0));
                return Err(Diagnostic::new(
                    Code::UnknownSource,
                    Some(at),
                    format!("no source has the id `{id}`"),
                )
                .with_help(
                    "give the sources in the dataset named by `--into`, or leave the column out",
                ));
            }
            return Ok(id);
        }
        if let Some(url) = self.text(table, row, c.get(Field::Url))? {
            if !is_http_url(&url) {
                let at = self.at(table, row, c.get(Field::Url).unwrap_or(0));
                return Err(Diagnostic::new(
                    Code::InvalidUrl,
                    Some(at),
                    format!("`{url}` is not an absolute http(s) URL"),
                ));
            }
            return Ok(self.url_source(&url));
        }
        Ok(self.default_source_id.clone().unwrap_or_default())
    }

    /// The source for a URL: one per distinct URL, titled by it.
    fn url_source(&mut self, url: &str) -> String {
        if let Some(s) = self
            .existing
            .and_then(|d| d.sources.iter().find(|s| s.url.as_deref() == Some(url)))
        {
            return s.id.to_string();
        }
        if let Some((id, _)) = self
            .sources
            .iter()
            .find(|(_, (s, _))| s.url.as_deref() == Some(url))
        {
            return id.clone();
        }
        let bare = url.split_once("://").map_or(url, |(_, rest)| rest);
        let base = ids::slug(bare.strip_prefix("www.").unwrap_or(bare));
        let base = if base.is_empty() {
            "web".to_owned()
        } else {
            base
        };
        let mut id = base.clone();
        let mut n = 2;
        while self.source_known(&id) {
            id = format!(
                "{}-{n}",
                base.chars()
                    .take(58)
                    .collect::<String>()
                    .trim_end_matches('-')
            );
            n += 1;
        }
        let source = crate::import::DraftSource {
            id: id.clone(),
            title: url.to_owned(),
            url: Some(url.to_owned()),
            ..Default::default()
        };
        self.sources.insert(id.clone(), (source, false));
        id
    }
}
