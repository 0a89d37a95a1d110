//! Rows to records: each edge row becomes (or joins) an edge between two organizations,
//! citing a source; rows that cannot be mapped are reported at their cell and left out.
//! Organizations are collected under an identity (a node id, MMP's group id, or the
//! comparison key of the name) and get their ids at the end, in a sorted order, so ids
//! never depend on row order alone.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

mod finish;
mod rows;
mod tables;

use crate::diagnostic::{Code, Diagnostic, Files, Location};
use crate::import::dates::{self, Slashes};
use crate::import::ids;
use crate::import::map::{self, Field, Preset};
use crate::import::read::{self, Row, Table};
use crate::import::repairs::Damage;
use crate::import::{Built, Counts, DraftCitation, DraftOrg, DraftSource, DraftType};
use crate::import::{ImportError, Options};
use crate::model::{Dataset, Date};
use crate::validate::is_id;

/// The source MMP rows cite.
const MMP_SOURCE: (&str, &str) = ("mmp", "Mapping Militant Organizations");

pub(super) fn build(
    inputs: &[PathBuf],
    options: &Options,
    existing: Option<&Dataset>,
) -> Result<Built, ImportError> {
    let mut b = Builder::new(options, existing);
    if let Some(nodes) = &options.nodes
        && let Some(table) = b.read_nodes(nodes)
    {
        b.nodes(&table, false);
    }
    for input in inputs {
        if let Some([edges, orgs, sources, types]) = read::export_directory(input) {
            b.exact = true;
            for (path, kind) in [(types, 0), (sources, 1), (orgs, 2)] {
                if path.exists()
                    && let Some(table) = b.read(&path)
                {
                    match kind {
                        0 => b.edge_types(&table),
                        1 => b.sources_table(&table),
                        _ => b.nodes(&table, true),
                    }
                }
            }
            if let Some(table) = b.read(&edges) {
                b.edges(&table, Some(Preset::Actorgraph))?;
            }
        } else if let Some(table) = b.read(input) {
            let preset = options.preset.or_else(|| {
                let has = |h: &str| table.headers.iter().any(|x| map::normalize(x) == h);
                (has("citations") && has("relation")).then_some(Preset::Actorgraph)
            });
            b.exact |= preset == Some(Preset::Actorgraph);
            b.edges(&table, preset)?;
        }
    }
    Ok(b.finish())
}

#[derive(Default)]
struct OrgAcc {
    /// Name variants: text, rows seen, order first seen.
    names: Vec<(String, usize)>,
    explicit_id: Option<String>,
    fields: DraftOrg,
    given_aliases: Vec<String>,
    group: Option<String>,
    first: Option<Location>,
    /// Set for organizations of the dataset imported into: never written.
    existing: Option<String>,
}

struct EdgeAcc {
    id: Option<String>,
    from: usize,
    to: usize,
    edge_type: String,
    date: Option<String>,
    start: Option<String>,
    end: Option<String>,
    confidence: Option<String>,
    sources: Vec<DraftCitation>,
    disputed_by: Vec<DraftCitation>,
    notes: Option<String>,
    first: Location,
}

type EdgeKey = (
    usize,
    usize,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

struct Builder<'a> {
    options: &'a Options,
    existing: Option<&'a Dataset>,
    /// The export layout: values exact, ids kept.
    exact: bool,
    files: Files,
    diags: Vec<Diagnostic>,
    orgs: Vec<OrgAcc>,
    /// Identity → organization.
    org_keys: HashMap<String, usize>,
    /// Node id or name key → organization, for edge endpoints when a node table was read.
    node_lookup: Option<HashMap<String, usize>>,
    types: BTreeMap<String, DraftType>,
    sources: BTreeMap<String, (DraftSource, bool)>,
    edges: Vec<EdgeAcc>,
    edge_keys: HashMap<EdgeKey, usize>,
    /// Edge id → edge, for the ids kept.
    edge_ids: HashMap<String, usize>,
    /// Damaged texts (kind, text as read) → the first cell holding each, and how many do.
    damaged: BTreeMap<(Damage, String), (Location, usize)>,
    default_source_id: Option<String>,
    counts: Counts,
}

/// A problem with one row: the diagnostic, and the row is left out.
type RowResult<T> = Result<T, Diagnostic>;

impl<'a> Builder<'a> {
    fn new(options: &'a Options, existing: Option<&'a Dataset>) -> Self {
        let mut b = Builder {
            options,
            existing,
            exact: false,
            files: Files::default(),
            diags: Vec::new(),
            orgs: Vec::new(),
            org_keys: HashMap::new(),
            node_lookup: None,
            types: BTreeMap::new(),
            sources: BTreeMap::new(),
            edges: Vec::new(),
            edge_keys: HashMap::new(),
            edge_ids: HashMap::new(),
            damaged: BTreeMap::new(),
            default_source_id: None,
            counts: Counts::default(),
        };
        if let Some(d) = existing {
            for (i, o) in d.organizations.iter().enumerate() {
                let acc = OrgAcc {
                    existing: Some(o.id.to_string()),
                    names: vec![(o.name.to_string(), 0)],
                    ..OrgAcc::default()
                };
                b.orgs.push(acc);
                let keys = std::iter::once(o.id.as_str())
                    .chain(std::iter::once(o.name.as_str()))
                    .chain(o.short.as_deref())
                    .chain(o.aliases.iter().map(compact_str::CompactString::as_str));
                for k in keys {
                    b.org_keys
                        .entry(format!("n:{}", ids::match_key(k)))
                        .or_insert(i);
                }
                b.org_keys.insert(format!("id:{}", o.id), i);
            }
        }
        b
    }

    fn read(&mut self, path: &Path) -> Option<Table> {
        match read::read_table(path, &self.options.read, &mut self.files, &mut self.diags) {
            Ok(t) => Some(t),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    fn read_nodes(&mut self, path: &Path) -> Option<Table> {
        let options = read::ReadOptions {
            nodes: true,
            ..self.options.read.clone()
        };
        match read::read_table(path, &options, &mut self.files, &mut self.diags) {
            Ok(t) => Some(t),
            Err(d) => {
                self.diags.push(d);
                None
            }
        }
    }

    fn at(&self, table: &Table, row: &Row, column: usize) -> Location {
        self.files.locate(table.cell(row.line, column))
    }

    /// A cell's text, cleaned: `\r\n` made `\n`, trimmed (exact layout: as written),
    /// control characters refused, damage (C1 characters, escapes) repaired or noted. `None` when blank.
    fn text(
        &mut self,
        table: &Table,
        row: &Row,
        column: Option<usize>,
    ) -> RowResult<Option<String>> {
        let Some(column) = column else {
            return Ok(None);
        };
        let raw = row.cells.get(column).map_or("", String::as_str);
        let mut value = raw.replace("\r\n", "\n");
        if !self.exact {
            value = value.trim().to_owned();
        }
        if value.is_empty() {
            return Ok(None);
        }
        if self.exact && value == crate::export::csv::EMPTY_TEXT {
            return Ok(Some(String::new()));
        }
        if let Some(c) = value.chars().find(|&c| forbidden(c)) {
            return Err(Diagnostic::new(
                Code::ControlCharacter,
                Some(self.at(table, row, column)),
                format!("the cell contains the control character U+{:04X}", c as u32),
            )
            .with_help("delete it from the table; no dataset text may contain it"));
        }
        if !self.exact {
            for damage in Damage::ALL {
                if !damage.is_in(&value) {
                    continue;
                }
                let loc = self.at(table, row, column);
                let entry = self.damaged.entry((damage, value.clone()));
                entry.or_insert((loc, 0)).1 += 1;
                if self.options.repairs(damage) {
                    value = damage.repair(&value);
                }
            }
        }
        Ok(Some(value))
    }

    fn date(
        &mut self,
        table: &Table,
        row: &Row,
        column: Option<usize>,
        slashes: Slashes,
    ) -> RowResult<Option<String>> {
        let Some(text) = self.text(table, row, column)? else {
            return Ok(None);
        };
        let column = column.unwrap_or(0);
        if self.exact {
            return match Date::parse(&text) {
                Ok(_) => Ok(Some(text)),
                Err(e) => Err(self.invalid_date(table, row, column, e.message)),
            };
        }
        dates::normalize(&text, slashes)
            .map(Some)
            .map_err(|m| self.invalid_date(table, row, column, m))
    }

    fn invalid_date(&self, table: &Table, row: &Row, column: usize, message: String) -> Diagnostic {
        Diagnostic::new(
            Code::InvalidDate,
            Some(self.at(table, row, column)),
            message,
        )
        .with_help("write the date as YYYY, YYYY-MM or YYYY-MM-DD (X for unknown digits)")
    }

    /// Reports each named column no field is read from: its values are not imported.
    fn unused_columns(&mut self, table: &Table, taken: impl Fn(usize) -> bool) {
        for (i, header) in table.headers.iter().enumerate() {
            if taken(i) || header.trim().is_empty() {
                continue;
            }
            let d = Diagnostic::new(
                Code::UnusedColumn,
                Some(self.files.locate(table.cell(1, i))),
                format!("the column `{header}` is not imported"),
            )
            .with_help("`--map FIELD=COLUMN` reads it as a field, if it is one");
            self.diags.push(d);
        }
    }

    fn missing_column(&mut self, table: &Table, what: &str, map: &str) {
        let d = Diagnostic::new(
            Code::MissingColumn,
            Some(self.files.start_of(table.file)),
            format!(
                "no column holds {what}; the table has: {}",
                table.headers.join(", ")
            ),
        )
        .with_help(format!(
            "name the column with `--map {map}=COLUMN`, or choose a `--preset`"
        ));
        self.diags.push(d);
    }

    // ----- the edge table -----

    fn edges(&mut self, table: &Table, preset: Option<Preset>) -> Result<(), ImportError> {
        let c = map::edge_columns(&table.headers, preset, &self.options.overrides)
            .map_err(ImportError::Usage)?;
        let mut complete = true;
        for (field, what, name) in [
            (
                Field::From,
                "the first organization (from, source, group1)",
                "from",
            ),
            (
                Field::To,
                "the second organization (to, target, group2)",
                "to",
            ),
            (Field::Type, "the relation (type, relation, label)", "type"),
        ] {
            if c.get(field).is_none() && !(field == Field::Type && preset == Some(Preset::Gephi)) {
                self.missing_column(table, what, name);
                complete = false;
            }
        }
        if !complete {
            self.counts.rows += table.rows.len();
            self.counts.refused += table.rows.len();
            return Ok(());
        }
        if preset != Some(Preset::Actorgraph) {
            self.unused_columns(table, |i| c.is_taken(i));
        }
        if preset != Some(Preset::Actorgraph) && self.default_source(table, preset).is_none() {
            return Ok(());
        }
        // Rows are compared without the row's own id (MMP's unique_id), trimmed.
        let own_id = match preset {
            Some(Preset::Mmp) => c.get(Field::Locator),
            Some(Preset::Actorgraph) => None,
            _ => c.get(Field::Id),
        };
        let apart = own_id.map_or(String::new(), |i| {
            format!(
                " (apart from its `{}`)",
                table.headers.get(i).map_or("", String::as_str)
            )
        });
        let mut seen: HashMap<Vec<&str>, u32> = HashMap::new();
        for row in &table.rows {
            self.counts.rows += 1;
            let key: Vec<&str> = row
                .cells
                .iter()
                .enumerate()
                .map(|(i, cell)| if Some(i) == own_id { "" } else { cell.trim() })
                .collect();
            if let Some(&first) = seen.get(&key) {
                let d = Diagnostic::new(
                    Code::DuplicateRow,
                    Some(self.at(table, row, 0)),
                    format!(
                        "row {} repeats row {first}{apart}; it was left out",
                        row.line
                    ),
                )
                .with_related(self.files.locate(table.cell(first, 0)), "first written");
                self.diags.push(d);
                continue;
            }
            seen.insert(key, row.line);
            if let Err(d) = self.edge_row(table, row, &c, preset) {
                self.counts.refused += 1;
                self.diags.push(d);
            }
        }
        Ok(())
    }

    /// The source rows cite when they name none: `--source-id`, MMP, or the file itself.
    fn default_source(&mut self, table: &Table, preset: Option<Preset>) -> Option<String> {
        let path = self.files.path(table.file).to_path_buf();
        let file_name = path.file_name().map_or_else(
            || read::printable_path(&path),
            |n| n.to_string_lossy().into_owned(),
        );
        let (id, title) = match (&self.options.source_id, preset) {
            (Some(id), _) => (id.clone(), file_name),
            (None, Some(Preset::Mmp)) => (MMP_SOURCE.0.to_owned(), MMP_SOURCE.1.to_owned()),
            (None, _) => {
                let stem = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let slug = ids::slug(&stem);
                (
                    if slug.is_empty() {
                        "table".to_owned()
                    } else {
                        slug
                    },
                    file_name,
                )
            }
        };
        if !is_id(&id) {
            self.diags.push(Diagnostic::new(
                Code::InvalidId,
                None,
                format!("`--source-id {id}` is not a valid id"),
            ));
            return None;
        }
        let known = self
            .existing
            .is_some_and(|d| d.sources.iter().any(|s| s.id == id));
        if !known && !self.sources.contains_key(&id) {
            let mut source = DraftSource {
                id: id.clone(),
                title,
                ..DraftSource::default()
            };
            if preset == Some(Preset::Mmp) && self.options.source_id.is_none() {
                source.publisher = Some(
                    "Center for International Security and Cooperation, Stanford University".into(),
                );
                source.url = Some("https://cisac.fsi.stanford.edu/mappingmilitants".into());
                source.notes = Some("The relationships table of Mapping Militant Organizations; each citation's locator is the row's unique_id.".into());
            }
            self.sources.insert(id.clone(), (source, false));
        }
        self.default_source_id = Some(id.clone());
        Some(id)
    }
}

/// What no dataset text may contain (the validator's rule): C0 controls but tab and
/// newline, U+FFFE and U+FFFF.
fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

fn empty(loc: Location, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::EmptyCell,
        Some(loc),
        format!("the cell for {what} is empty"),
    )
    .with_help("fill it in, or delete the row")
}

fn invalid(loc: Location, message: String) -> Diagnostic {
    Diagnostic::new(Code::InvalidValue, Some(loc), message)
}

/// A list cell: a JSON array of strings, or values separated by `|` (Kumu's convention).
fn list_cell(cell: &str) -> Result<Vec<String>, String> {
    if cell.starts_with('[') {
        return serde_json::from_str(cell)
            .map_err(|e| format!("the list is not a JSON array of strings: {e}"));
    }
    Ok(cell
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect())
}

/// A citations cell: a JSON array whose elements are source ids or objects with `ref`,
/// `quote`, `locator` and `credibility` (a number, which validation checks).
fn citations_cell(cell: &str) -> Result<Vec<DraftCitation>, String> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum Cite {
        Bare(String),
        Full {
            #[serde(rename = "ref")]
            source: String,
            quote: Option<String>,
            locator: Option<String>,
            credibility: Option<u8>,
        },
    }
    let list: Vec<Cite> = serde_json::from_str(cell)
        .map_err(|e| format!("the citations are not a JSON array: {e}"))?;
    Ok(list
        .into_iter()
        .map(|c| match c {
            Cite::Bare(source) => DraftCitation {
                source,
                quote: None,
                locator: None,
                credibility: None,
            },
            Cite::Full {
                source,
                quote,
                locator,
                credibility,
            } => DraftCitation {
                source,
                quote,
                locator,
                credibility,
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_and_citation_cells() {
        assert_eq!(
            list_cell("a | b|"),
            Ok(vec!["a".to_owned(), "b".to_owned()])
        );
        assert_eq!(list_cell("[\"a|b\"]"), Ok(vec!["a|b".to_owned()]));
        let c = citations_cell("[\"s\", {\"ref\": \"t\", \"quote\": \"q\"}]").expect("citations");
        assert_eq!(
            c[0],
            DraftCitation {
                source: "s".into(),
                quote: None,
                locator: None,
                credibility: None
            }
        );
        assert_eq!(c[1].quote.as_deref(), Some("q"));
        assert!(citations_cell("s").is_err());
    }
}
