//! Text shared by the exports: how an organization, a date and a citation read, so that
//! every format says the same thing in the same words.

use std::borrow::Cow;

use crate::model::{Dataset, Date, Edge, Organization, When};

/// The id an edge has in every export that names edges: its own `id`, or one made from
/// what identifies it, `E:from:type:to` and its dates as written (`E:imu:allegiance:
/// al-qaeda:2001`, `E:imu:rivalry:iju:2003..2016`, `E:a:rivalry:b:..2016`). Dataset ids
/// are lower case without `:`, so a made id never equals one; two edges with the same
/// endpoints, type and dates are a `duplicate-edge` error, so no two made ids are equal.
/// The id depends on the edge alone, never on which other edges a filter kept, so a
/// slice's edges keep the ids they have in the full export. Qualifiers are spelled
/// with letters so the id stays an XML name token: `?` as `_u`, `~` as `_a`, `%` as
/// `_ua` (`2015_a` for `2015~`).
pub fn edge_id<'a>(dataset: &Dataset, edge: &'a Edge) -> Cow<'a, str> {
    if let Some(id) = &edge.id {
        return Cow::Borrowed(id);
    }
    let (from, to) = dataset.endpoints(edge);
    let mut id = format!("E:{}:{}:{}", from.id, dataset.edge_type(edge).name, to.id);
    match &edge.when {
        When::Undated => {}
        When::Point(d) => {
            id.push(':');
            push_date(&mut id, Some(d));
        }
        When::Interval { start, end } => {
            id.push(':');
            push_date(&mut id, start.as_ref());
            id.push_str("..");
            push_date(&mut id, end.as_ref());
        }
    }
    Cow::Owned(id)
}

fn push_date(id: &mut String, date: Option<&Date>) {
    for c in date.map_or("", Date::text).chars() {
        match c {
            '?' => id.push_str("_u"),
            '~' => id.push_str("_a"),
            '%' => id.push_str("_ua"),
            c => id.push(c),
        }
    }
}

/// The organization's lifetime, `1998–2016~`, `1998–`, or empty when unknown.
pub fn lifetime(org: &Organization) -> String {
    match (&org.founded, &org.dissolved) {
        (None, None) => String::new(),
        (f, d) => format!(
            "{}–{}",
            f.as_ref().map_or("", |d| d.text()),
            d.as_ref().map_or("", |d| d.text())
        ),
    }
}

/// A one-paragraph description of an organization, for tooltips.
pub fn org_summary(org: &Organization) -> String {
    let mut parts = vec![org.display_name().into_owned()];
    if !org.aliases.is_empty() {
        parts.push(format!("also: {}", org.aliases.join(", ")));
    }
    let facts: Vec<&str> = [org.kind.as_deref(), org.region.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !facts.is_empty() {
        parts.push(facts.join(", "));
    }
    let life = lifetime(org);
    if !life.is_empty() {
        parts.push(life);
    }
    parts.join("\n")
}

/// The source ids an edge cites, in citation order, without repeats.
pub fn source_ids<'d>(dataset: &'d Dataset, edge: &Edge) -> Vec<&'d str> {
    let mut ids: Vec<&str> = Vec::new();
    for c in &edge.sources {
        let id = dataset.sources[c.source].id.as_str();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The ids of the sources that dispute an edge, in citation order, without repeats
/// (two citations of one source name it once, as for [`source_ids`]).
pub fn disputing_ids<'d>(dataset: &'d Dataset, edge: &Edge) -> Vec<&'d str> {
    let mut ids: Vec<&str> = Vec::new();
    for c in &edge.disputed_by {
        let id = dataset.sources[c.source].id.as_str();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The URLs of the sources an edge cites, in citation order, without repeats.
pub fn source_urls<'d>(dataset: &'d Dataset, edge: &Edge) -> Vec<&'d str> {
    let mut urls: Vec<&str> = Vec::new();
    for c in &edge.sources {
        if let Some(url) = dataset.sources[c.source].url.as_deref()
            && !urls.contains(&url)
        {
            urls.push(url);
        }
    }
    urls
}

/// The quotes of an edge's supporting citations.
pub fn quotes(edge: &Edge) -> Vec<&str> {
    edge.sources
        .iter()
        .filter_map(|c| c.quote.as_deref())
        .collect()
}

/// The quotes of an edge's disputing citations.
pub fn disputing_quotes(edge: &Edge) -> Vec<&str> {
    edge.disputed_by
        .iter()
        .filter_map(|c| c.quote.as_deref())
        .collect()
}

/// A sentence describing an edge: `IMU pledged allegiance to al-Qaeda (2015-08)`.
pub fn edge_sentence(dataset: &Dataset, edge: &Edge) -> String {
    let (from, to) = dataset.endpoints(edge);
    let ty = dataset.edge_type(edge);
    let from_name = from.short.as_deref().unwrap_or(&from.name);
    let to_name = to.short.as_deref().unwrap_or(&to.name);
    let mut s = format!("{from_name} {} {to_name}", ty.label);
    let when = edge.when.label();
    if !when.is_empty() {
        s = format!("{s} ({when})");
    }
    s
}

/// An edge's label on a drawing: the relation's label, `(disputed)`, `(possibly
/// active)`, and on a second line the dates, an interval written with ASCII `..`
/// (`2001..2003`, `2015..`): Graphviz lays labels out with metrics for ASCII only and
/// warns about an en dash the data never had.
pub fn edge_label(dataset: &Dataset, edge: &Edge) -> String {
    let mut label = dataset.edge_type(edge).label.clone();
    if edge.is_disputed() {
        label.push_str(" (disputed)");
    }
    if edge.possibly_active {
        label.push_str(" (possibly active)");
    }
    let (first, dash, second) = edge.when.label_parts();
    if !first.is_empty() || !second.is_empty() {
        label.push('\n');
        label.push_str(first);
        if !dash.is_empty() {
            label.push_str("..");
        }
        label.push_str(second);
    }
    label
}

/// Whether any of an edge's dates is marked uncertain (`?` or `%`).
pub fn is_uncertain(edge: &Edge) -> bool {
    dates(edge).any(crate::model::Date::is_uncertain)
}

/// Whether any of an edge's dates is marked approximate (`~` or `%`).
pub fn is_approximate(edge: &Edge) -> bool {
    dates(edge).any(crate::model::Date::is_approximate)
}

fn dates(edge: &Edge) -> impl Iterator<Item = &crate::model::Date> {
    use crate::model::When;
    let (a, b) = match &edge.when {
        When::Undated => (None, None),
        When::Point(d) => (Some(d), None),
        When::Interval { start, end } => (start.as_ref(), end.as_ref()),
    };
    a.into_iter().chain(b)
}

/// Encodes a list of strings as a JSON array, the convention for list-valued attributes
/// in formats that only have scalar attributes (GraphML, GEXF, CSV).
pub fn json_list(items: &[&str]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}
