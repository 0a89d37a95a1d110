//! Which column holds which field: the usual header names recognised case-insensitively
//! (ignoring spaces, `_` and `-`), the presets' layouts (MMP, Gephi, Kumu, and the
//! tables `export -f csv` writes), and `--map field=column` over both.

/// A known table layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Stanford's Mapping Militant Organizations relationships CSV.
    Mmp,
    /// Gephi's Data Laboratory export (Source, Target, Type, Label, Start/End, Time Interval).
    Gephi,
    /// Kumu's export (From, To, Type, Direction; elements with Label).
    Kumu,
    /// The tables `actorgraph export -f csv` writes (read exactly, ids kept).
    Actorgraph,
}

impl Preset {
    /// Every preset, in the order `--help` lists them.
    pub const ALL: &'static [Preset] =
        &[Preset::Mmp, Preset::Gephi, Preset::Kumu, Preset::Actorgraph];

    /// The preset's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Mmp => "mmp",
            Preset::Gephi => "gephi",
            Preset::Kumu => "kumu",
            Preset::Actorgraph => "actorgraph",
        }
    }
}

/// A field of the edge table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The edge's own id.
    Id,
    /// The first organization (name, or node id when a node table is given).
    From,
    /// The second organization.
    To,
    /// An id standing for the first organization (MMP's group1_id).
    FromKey,
    /// An id standing for the second organization.
    ToKey,
    /// The relation.
    Type,
    /// Directed or undirected.
    Directed,
    /// A single date.
    Date,
    /// Start of an interval.
    Start,
    /// End of an interval.
    End,
    /// Gephi's time interval `<[start, end]>`.
    Interval,
    /// The quote of the row's citation.
    Quote,
    /// The locator of the row's citation.
    Locator,
    /// The URL of the row's source.
    Url,
    /// The id of the row's source.
    Source,
    /// Citations as JSON (the actorgraph layout).
    Citations,
    /// Disputing citations as JSON.
    DisputedBy,
    /// high, medium, low.
    Confidence,
    /// Free text.
    Notes,
}

/// A field of the node table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NodeField {
    /// The node's id in the table.
    Id,
    /// Its name.
    Name,
    /// Abbreviation.
    Short,
    /// Other names.
    Aliases,
    /// Kind.
    Kind,
    /// Region.
    Region,
    /// Founding date.
    Founded,
    /// Dissolution date.
    Dissolved,
    /// Wikidata item.
    Wikidata,
    /// Free text.
    Notes,
}

/// Edge fields and the header names that hold them, most specific first.
const EDGE_NAMES: &[(Field, &[&str])] = &[
    (Field::Id, &["id", "edgeid"]),
    (
        Field::From,
        &[
            "from",
            "source",
            "group1",
            "group1name",
            "fromname",
            "sourcename",
        ],
    ),
    (
        Field::To,
        &[
            "to",
            "target",
            "group2",
            "group2name",
            "toname",
            "targetname",
        ],
    ),
    (
        Field::Type,
        &[
            "relation",
            "relationship",
            "type",
            "label",
            "edgetype",
            "kind",
        ],
    ),
    (Field::Directed, &["directed", "direction"]),
    (Field::Date, &["date", "when"]),
    (Field::Start, &["start", "startdate", "begin", "since"]),
    (Field::End, &["end", "enddate", "until"]),
    (Field::Interval, &["timeinterval", "timeset", "interval"]),
    (
        Field::Quote,
        &["quote", "description", "evidence", "excerpt"],
    ),
    (Field::Locator, &["locator", "page"]),
    (Field::Url, &["url", "link", "sourceurl"]),
    (Field::Source, &["sourceid", "ref", "reference"]),
    (Field::Citations, &["citations"]),
    (Field::DisputedBy, &["disputedby"]),
    (Field::Confidence, &["confidence", "certainty"]),
    (Field::Notes, &["notes", "note", "comment", "comments"]),
];

const NODE_NAMES: &[(NodeField, &[&str])] = &[
    (NodeField::Id, &["id"]),
    (NodeField::Name, &["name", "label", "title"]),
    (
        NodeField::Short,
        &["short", "shortname", "abbreviation", "acronym"],
    ),
    (NodeField::Aliases, &["aliases", "alias", "othernames"]),
    (NodeField::Kind, &["kind", "type", "elementtype"]),
    (NodeField::Region, &["region", "country"]),
    (NodeField::Founded, &["founded", "start", "established"]),
    (NodeField::Dissolved, &["dissolved", "end"]),
    (NodeField::Wikidata, &["wikidata", "qid"]),
    (NodeField::Notes, &["notes", "description", "note"]),
];

/// Field names accepted by `--map` for edge tables, with their fields.
pub const MAP_NAMES: &[(&str, Field)] = &[
    ("id", Field::Id),
    ("from", Field::From),
    ("to", Field::To),
    ("from-key", Field::FromKey),
    ("to-key", Field::ToKey),
    ("type", Field::Type),
    ("directed", Field::Directed),
    ("date", Field::Date),
    ("start", Field::Start),
    ("end", Field::End),
    ("interval", Field::Interval),
    ("quote", Field::Quote),
    ("locator", Field::Locator),
    ("url", Field::Url),
    ("source", Field::Source),
    ("confidence", Field::Confidence),
    ("notes", Field::Notes),
];

/// A header name reduced for comparison: lowercase, no spaces, `_` or `-`.
pub fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '\u{feff}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Where each field is: a column index per field.
#[derive(Debug, Clone)]
pub struct Columns<F> {
    found: Vec<(F, usize)>,
}

impl<F> Default for Columns<F> {
    fn default() -> Self {
        Columns { found: Vec::new() }
    }
}

impl<F: Copy + PartialEq> Columns<F> {
    /// The column of `field`.
    pub fn get(&self, field: F) -> Option<usize> {
        self.found
            .iter()
            .find(|(f, _)| *f == field)
            .map(|&(_, c)| c)
    }

    fn set(&mut self, field: F, column: usize) {
        self.found.retain(|(f, c)| *f != field && *c != column);
        self.found.push((field, column));
    }

    /// Whether some field is read from `column`.
    pub fn is_taken(&self, column: usize) -> bool {
        self.found.iter().any(|&(_, c)| c == column)
    }
}

/// Finds the edge fields in `headers` for `preset`, then applies `overrides`
/// (`(field, header)`); an override naming no column is returned as the error.
pub fn edge_columns(
    headers: &[String],
    preset: Option<Preset>,
    overrides: &[(Field, String)],
) -> Result<Columns<Field>, String> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut columns = Columns::default();
    for &(field, names) in preset_names(preset) {
        for name in names {
            let at = normalized
                .iter()
                .enumerate()
                .position(|(i, h)| h == name && !columns.is_taken(i));
            if let (Some(at), None) = (at, columns.get(field)) {
                columns.set(field, at);
            }
        }
    }
    // A `type` column left over beside a relation column holds the direction (Gephi).
    if columns.get(Field::Directed).is_none()
        && let Some(at) = normalized
            .iter()
            .enumerate()
            .position(|(i, h)| h == "type" && !columns.is_taken(i))
    {
        columns.set(Field::Directed, at);
    }
    for (field, header) in overrides {
        let wanted = normalize(header);
        let at = normalized
            .iter()
            .position(|h| *h == wanted)
            .ok_or_else(|| {
                format!(
                    "`--map` names the column `{header}`, which the table does not have (it has: {})",
                    headers.join(", ")
                )
            })?;
        columns.set(*field, at);
    }
    Ok(columns)
}

/// Finds the node fields in `headers`.
pub fn node_columns(headers: &[String]) -> Columns<NodeField> {
    let normalized: Vec<String> = headers.iter().map(|h| normalize(h)).collect();
    let mut columns = Columns::default();
    for &(field, names) in NODE_NAMES {
        for name in names {
            let at = normalized
                .iter()
                .enumerate()
                .position(|(i, h)| h == name && !columns.is_taken(i));
            if let (Some(at), None) = (at, columns.get(field)) {
                columns.set(field, at);
            }
        }
    }
    columns
}

const MMP_NAMES: &[(Field, &[&str])] = &[
    (Field::Locator, &["uniqueid"]),
    (Field::Type, &["type"]),
    (Field::FromKey, &["group1id"]),
    (Field::ToKey, &["group2id"]),
    (Field::Date, &["date"]),
    (Field::Quote, &["description"]),
    (Field::From, &["group1name"]),
    (Field::To, &["group2name"]),
];

const GEPHI_NAMES: &[(Field, &[&str])] = &[
    (Field::Id, &["id"]),
    (Field::From, &["source"]),
    (Field::To, &["target"]),
    (Field::Type, &["label", "relation"]),
    (Field::Directed, &["type"]),
    (Field::Start, &["start"]),
    (Field::End, &["end"]),
    (Field::Interval, &["timeinterval", "timeset"]),
    (Field::Quote, &["quote", "description"]),
    (Field::Url, &["url"]),
    (Field::Confidence, &["confidence"]),
    (Field::Notes, &["notes"]),
];

const KUMU_NAMES: &[(Field, &[&str])] = &[
    (Field::Id, &["id"]),
    (Field::From, &["from"]),
    (Field::To, &["to"]),
    (Field::Type, &["type", "label"]),
    (Field::Directed, &["direction"]),
    (Field::Date, &["date"]),
    (Field::Start, &["start", "startdate"]),
    (Field::End, &["end", "enddate"]),
    (Field::Quote, &["description", "quote"]),
    (Field::Url, &["url"]),
    (Field::Confidence, &["confidence"]),
    (Field::Notes, &["notes"]),
];

/// The columns `export -f csv` writes (`From` and `To` hold names, for Kumu).
const ACTORGRAPH_NAMES: &[(Field, &[&str])] = &[
    (Field::Id, &["id"]),
    (Field::From, &["source"]),
    (Field::To, &["target"]),
    (Field::Type, &["relation"]),
    (Field::Directed, &["direction"]),
    (Field::Date, &["date"]),
    (Field::Start, &["start"]),
    (Field::End, &["end"]),
    (Field::Confidence, &["confidence"]),
    (Field::Citations, &["citations"]),
    (Field::DisputedBy, &["disputedby"]),
    (Field::Notes, &["notes"]),
];

fn preset_names(preset: Option<Preset>) -> &'static [(Field, &'static [&'static str])] {
    match preset {
        Some(Preset::Mmp) => MMP_NAMES,
        Some(Preset::Gephi) => GEPHI_NAMES,
        Some(Preset::Kumu) => KUMU_NAMES,
        Some(Preset::Actorgraph) => ACTORGRAPH_NAMES,
        None => EDGE_NAMES,
    }
}

/// How a relation written in a table maps to an edge type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// The type's name.
    pub name: String,
    /// Whether it is directed, and why (the comment written beside a declared type).
    pub directed: bool,
    /// Why that direction; `None` for a built-in type.
    pub why: Option<&'static str>,
    /// Whether `from` and `to` must be swapped (MMP lists the parent of a splinter first).
    pub swap: bool,
}

/// Maps a relation as written to a built-in type where the meaning is the same, else to a
/// declared type named by its slug. `preset` gives MMP's codes their meaning.
pub fn relation(written: &str, preset: Option<Preset>) -> Option<Relation> {
    let key = normalize(written);
    let builtin = |name: &str| Relation {
        name: name.to_owned(),
        directed: name != "rivalry",
        why: None,
        swap: false,
    };
    let declared = |name: &str, directed: bool, why: &'static str| Relation {
        name: name.to_owned(),
        directed,
        why: Some(why),
        swap: false,
    };
    let mapped = match key.as_str() {
        "allegiance" | "pledgedallegiance" | "pledge" | "baya" | "bayah" | "bayat" => {
            builtin("allegiance")
        }
        "rivalry" | "rival" | "rivals" | "riv" | "enemies" => builtin("rivalry"),
        "splinter" | "split" | "splitfrom" | "splinterof" | "breakaway" => builtin("splinter"),
        "spl" if preset == Some(Preset::Mmp) => Relation {
            swap: true,
            ..builtin("splinter")
        },
        "hosting" | "hosts" | "host" | "shelters" => builtin("hosting"),
        "alliance" | "allies" | "ally" | "allied" | "all" => declared(
            "alliance",
            false,
            "undirected: allies are allies of each other",
        ),
        "affiliation" | "affiliate" | "affiliates" | "affiliated" | "aff" => declared(
            "affiliation",
            true,
            "directed: `from` is an affiliate of `to`",
        ),
        "merger" | "merged" | "merge" | "mer" => declared(
            "merger",
            false,
            "undirected: the table does not say which group absorbed the other",
        ),
        _ => {
            let name = super::ids::slug(written);
            if name.is_empty() {
                return None;
            }
            declared(
                &name,
                true,
                "directed: each row names a `from` and a `to`, and nothing says the order is meaningless",
            )
        }
    };
    Some(mapped)
}

/// Reads a direction cell: `Some(true)` for directed, `Some(false)` for undirected
/// (Kumu's `mutual` too), `None` when blank or unknown.
pub fn direction(cell: &str) -> Option<bool> {
    match normalize(cell).as_str() {
        "directed" | "true" | "yes" | "1" => Some(true),
        "undirected" | "mutual" | "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn usual_names_are_recognised_and_overridden() {
        let h = headers(&["Source", "Target", "Type", "Label", "Start Date", "Quote"]);
        let c = edge_columns(&h, None, &[]).expect("columns");
        assert_eq!(c.get(Field::From), Some(0));
        assert_eq!(c.get(Field::To), Some(1));
        assert_eq!(c.get(Field::Type), Some(2));
        assert_eq!(c.get(Field::Start), Some(4));
        let c = edge_columns(&h, Some(Preset::Gephi), &[]).expect("columns");
        assert_eq!(c.get(Field::Type), Some(3));
        assert_eq!(c.get(Field::Directed), Some(2));
        let c = edge_columns(&h, None, &[(Field::Type, "label".into())]).expect("columns");
        assert_eq!(c.get(Field::Type), Some(3));
        assert!(edge_columns(&h, None, &[(Field::Date, "nope".into())]).is_err());
    }

    #[test]
    fn relations_map_to_builtins_or_declared_types() {
        let r = relation("Rivals", None).expect("mapped");
        assert_eq!(
            (r.name.as_str(), r.directed, r.swap),
            ("rivalry", false, false)
        );
        let r = relation("spl", Some(Preset::Mmp)).expect("mapped");
        assert_eq!((r.name.as_str(), r.swap), ("splinter", true));
        let r = relation("all", Some(Preset::Mmp)).expect("mapped");
        assert_eq!((r.name.as_str(), r.directed), ("alliance", false));
        let r = relation("Funds Weapons", None).expect("mapped");
        assert_eq!((r.name.as_str(), r.directed), ("funds-weapons", true));
        assert_eq!(relation("???", None), None);
    }
}
