//! Checks on edge types, organizations and sources, and the lookup tables the edge
//! checks resolve references against.

use std::collections::{BTreeMap, HashMap};

use super::{Checker, fields};
use crate::diagnostic::{Code, Span};
use crate::load::raw::{Chunks, RawEdgeType, RawOrganization, RawSource, Text};
use crate::model::edge_type::{self, BUILTINS};
use crate::model::{Date, EdgeType, LineStyle};
use crate::suggest;

/// The edge types in force, sorted by name.
pub struct TypeTable {
    pub list: Vec<EdgeType>,
    pub by_name: HashMap<String, usize>,
}

/// Organizations by id, with their parsed dates (indexed like the raw records).
pub struct OrgTable<'r> {
    pub by_id: HashMap<&'r str, usize>,
    pub dates: Vec<(Option<Date>, Option<Date>)>,
    /// Lowercased ids, names, short names and aliases, to the id they belong to: made
    /// when the first unknown reference needs it (a valid dataset never does; for 50,000
    /// organizations it is about 18 MB).
    names: std::sync::OnceLock<HashMap<String, &'r str>>,
    raw: &'r Chunks<RawOrganization>,
}

/// Sources by id, with their parsed dates.
pub struct SourceTable<'r> {
    pub by_id: HashMap<&'r str, usize>,
    pub dates: Vec<(Option<Date>, Option<Date>)>,
}

impl SourceTable<'_> {
    /// The parsed dates, letting go of the records the table borrows.
    pub fn into_dates(self) -> Vec<(Option<Date>, Option<Date>)> {
        self.dates
    }
}

impl<'r> OrgTable<'r> {
    /// The parsed dates, letting go of the records the table borrows.
    pub fn into_dates(self) -> Vec<(Option<Date>, Option<Date>)> {
        self.dates
    }

    /// The id an unknown reference most probably meant.
    pub fn suggest(&self, word: &str) -> Option<&'r str> {
        self.by_name(word)
            .or_else(|| suggest::closest(word, self.by_id.keys().copied()))
    }

    /// The id of the organization called `word` (any case) by its id, name, short name
    /// or an alias.
    pub fn by_name(&self, word: &str) -> Option<&'r str> {
        let names = self.names.get_or_init(|| {
            let mut names = HashMap::with_capacity(self.raw.len() * 2);
            for org in self.raw {
                let Some(id) = &org.id else { continue };
                let all = std::iter::once(id)
                    .chain(&org.name)
                    .chain(&org.short)
                    .chain(&org.aliases);
                for n in all {
                    names
                        .entry(n.value.trim().to_lowercase())
                        .or_insert(id.value.as_str());
                }
            }
            names
        });
        names.get(&word.trim().to_lowercase()).copied()
    }
}

impl Checker<'_> {
    pub(super) fn edge_types(&mut self, raw: &Chunks<RawEdgeType>) -> TypeTable {
        let mut types: BTreeMap<String, EdgeType> = BUILTINS
            .iter()
            .filter_map(|b| EdgeType::builtin(b.0))
            .map(|t| (t.name.clone(), t))
            .collect();
        let mut declared: HashMap<&str, Span> = HashMap::new();
        for t in raw {
            let Some(name) = &t.name else { continue };
            self.check_id(name, "edge type");
            if let Some(&first) = declared.get(name.value.as_str()) {
                self.duplicate(name, first, "edge type");
                continue;
            }
            declared.insert(&name.value, name.span);
            let directed = self.type_direction(t, name);
            let color = t
                .color
                .as_ref()
                .filter(|c| self.check_color(c))
                .map(|c| c.value.to_string());
            let style = t.style.as_ref().and_then(|s| self.check_style(s));
            let label = t.label.as_ref().map(|l| l.value.to_string());
            let ty = EdgeType::new(name.value.to_string(), directed, label, color, style);
            types.insert(name.value.to_string(), ty);
        }
        let list: Vec<EdgeType> = types.into_values().collect();
        let by_name = list
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), i))
            .collect();
        TypeTable { list, by_name }
    }

    fn type_direction(&mut self, t: &RawEdgeType, name: &Text) -> bool {
        let builtin = EdgeType::builtin(&name.value);
        match (&t.directed, builtin) {
            (Some(d), Some(b)) if d.value != b.directed => {
                let msg = format!(
                    "built-in type `{}` is {}; it cannot be redeclared as {}",
                    b.name,
                    if b.directed { "directed" } else { "undirected" },
                    if d.value { "directed" } else { "undirected" },
                );
                self.at(Code::BuiltinDirection, d.span, msg).help = Some(
                    "redeclaring a built-in type may change its label, color or style only; declare a new type for other semantics"
                        .into(),
                );
                b.directed
            }
            (_, Some(b)) => b.directed,
            (Some(d), None) => d.value,
            (None, None) => false,
        }
    }

    fn check_color(&mut self, color: &Text) -> bool {
        if edge_type::is_color(&color.value) {
            return true;
        }
        self.at(
            Code::InvalidValue,
            color.span,
            format!("`{}` is not a colour Graphviz knows", color.value),
        )
        .help = Some(
            "use #rrggbb (like \"#1b9e77\", quoted) or an X11 colour name such as `darkgreen`"
                .into(),
        );
        false
    }

    fn check_style(&mut self, style: &Text) -> Option<LineStyle> {
        let parsed = LineStyle::parse(&style.value);
        if parsed.is_none() {
            self.at(
                Code::InvalidValue,
                style.span,
                format!("unknown style `{}`", style.value),
            )
            .help = Some(format!("use one of: {}", LineStyle::NAMES.join(", ")));
        }
        parsed
    }

    fn duplicate(&mut self, id: &Text, first: Span, what: &str) {
        let first = self.locate(first);
        let d = self.at(
            Code::DuplicateId,
            id.span,
            format!("duplicate {what} id `{}`", id.value),
        );
        d.label = Some("defined again here".into());
        d.help = Some(
            "ids are unique across all files of a dataset; rename one or merge the records".into(),
        );
        d.related = Some(Box::new(crate::diagnostic::Related {
            location: first,
            note: "first defined".into(),
        }));
    }

    pub(super) fn organizations<'r>(&mut self, raw: &'r Chunks<RawOrganization>) -> OrgTable<'r> {
        let mut table = OrgTable {
            by_id: HashMap::with_capacity(raw.len()),
            dates: Vec::with_capacity(raw.len()),
            names: std::sync::OnceLock::new(),
            raw,
        };
        for (i, org) in raw.iter().enumerate() {
            if let Some(id) = &org.id {
                self.register(
                    id,
                    i,
                    &mut table.by_id,
                    |i| raw[i].id.as_ref(),
                    "organization",
                );
            }
            if let Some(w) = &org.wikidata
                && !fields::is_wikidata(&w.value)
            {
                self.at(
                    Code::InvalidWikidata,
                    w.span,
                    format!("`{}` is not a Wikidata item id", w.value),
                )
                .help = Some("a Wikidata item id is Q followed by digits, like Q1189217".into());
            }
            let founded = self.date(org.founded.as_ref(), "founded");
            let dissolved = self.date(org.dissolved.as_ref(), "dissolved");
            if let (Some(f), Some(d), Some(span)) = (&founded, &dissolved, org.dissolved.as_ref()) {
                self.check_order(f, d, span.span, "dissolved", "founded");
            }
            table.dates.push((founded, dissolved));
        }
        table
    }

    /// Adds an id to a table, or reports it as a duplicate of the first record that had it.
    fn register<'r>(
        &mut self,
        id: &'r Text,
        index: usize,
        by_id: &mut HashMap<&'r str, usize>,
        id_of: impl Fn(usize) -> Option<&'r Text>,
        what: &str,
    ) {
        // An invalid id is still registered, so references to it do not cascade.
        self.check_id(id, what);
        match by_id.get(id.value.as_str()) {
            Some(&first) => {
                if let Some(first) = id_of(first) {
                    self.duplicate(id, first.span, what);
                }
            }
            None => {
                by_id.insert(&id.value, index);
            }
        }
    }

    /// Reports `later` when it is certainly before `earlier`.
    pub(super) fn check_order(
        &mut self,
        earlier: &Date,
        later: &Date,
        span: Span,
        later_key: &str,
        earlier_key: &str,
    ) {
        if later.latest() < earlier.earliest() {
            self.at(
                Code::EndBeforeStart,
                span,
                format!("`{later_key}` {later} is before `{earlier_key}` {earlier}"),
            )
            .help = Some(format!(
                "swap the dates; if one is a guess, widen it with X digits (for example `{}`): `~` and `?` flag a date but do not widen it",
                fields::widened(later.text())
            ));
        }
    }

    pub(super) fn sources<'r>(&mut self, raw: &'r Chunks<RawSource>) -> SourceTable<'r> {
        let mut table = SourceTable {
            by_id: HashMap::with_capacity(raw.len()),
            dates: Vec::with_capacity(raw.len()),
        };
        for (i, src) in raw.iter().enumerate() {
            if let Some(id) = &src.id {
                self.register(id, i, &mut table.by_id, |i| raw[i].id.as_ref(), "source");
            }
            if let Some(url) = &src.url
                && !fields::is_http_url(&url.value)
            {
                self.at(
                    Code::InvalidUrl,
                    url.span,
                    format!("`{}` is not an absolute http(s) URL", url.value),
                )
                .help = Some("write the full address, starting with https:// or http://".into());
            }
            if let Some(r) = &src.reliability {
                self.reliability(r);
            }
            let published = self.date(src.published.as_ref(), "published");
            let accessed = self.date(src.accessed.as_ref(), "accessed");
            table.dates.push((published, accessed));
        }
        table
    }
}
