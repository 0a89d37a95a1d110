//! The side tables: a node table (`--nodes`, or `organizations.csv` of the CSV export),
//! and the export's `sources.csv` and `edge_types.csv`, read exactly.

use std::collections::HashMap;

use super::{Builder, RowResult, empty, invalid, list_cell};
use crate::diagnostic::{Code, Diagnostic};
use crate::import::dates::Slashes;
use crate::import::ids;
use crate::import::map::{self, Columns, NodeField, Preset};
use crate::import::read::{Row, Table};
use crate::import::{DraftOrg, DraftSource, DraftType};
use crate::model::{EdgeType, LineStyle, Reliability, edge_type::is_color};
use crate::validate::{is_http_url, is_id, is_wikidata};

impl Builder<'_> {
    pub(super) fn nodes(&mut self, table: &Table, exact: bool) {
        let c = map::node_columns(&table.headers);
        if c.get(NodeField::Name).is_none() && c.get(NodeField::Id).is_none() {
            self.missing_column(table, "the organizations' names (name, label)", "name");
            return;
        }
        self.node_lookup.get_or_insert_with(HashMap::new);
        if !exact {
            self.unused_columns(table, |i| c.is_taken(i));
        }
        for row in &table.rows {
            self.counts.rows += 1;
            match self.node_row(table, row, &c, exact) {
                Ok(()) => {}
                Err(d) => {
                    self.counts.refused += 1;
                    self.diags.push(d);
                }
            }
        }
    }

    fn node_row(
        &mut self,
        table: &Table,
        row: &Row,
        c: &Columns<NodeField>,
        exact: bool,
    ) -> RowResult<()> {
        let id = self.text(table, row, c.get(NodeField::Id))?;
        let name = self.text(table, row, c.get(NodeField::Name))?;
        let Some(name) = name.or_else(|| id.clone()) else {
            let col = c.get(NodeField::Name).unwrap_or(0);
            return Err(empty(self.at(table, row, col), "the organization's name"));
        };
        if exact && !id.as_deref().is_some_and(is_id) {
            return Err(Diagnostic::new(
                Code::InvalidId,
                Some(self.at(table, row, c.get(NodeField::Id).unwrap_or(0))),
                format!("`{}` is not a valid id", id.unwrap_or_default()),
            ));
        }
        let founded = self.date(table, row, c.get(NodeField::Founded), Slashes::Ambiguous)?;
        let dissolved = self.date(table, row, c.get(NodeField::Dissolved), Slashes::Ambiguous)?;
        let wikidata = self.text(table, row, c.get(NodeField::Wikidata))?;
        if let Some(w) = &wikidata
            && !is_wikidata(w)
        {
            return Err(Diagnostic::new(
                Code::InvalidWikidata,
                Some(self.at(table, row, c.get(NodeField::Wikidata).unwrap_or(0))),
                format!("`{w}` is not a Wikidata item id"),
            ));
        }
        let aliases = match self.text(table, row, c.get(NodeField::Aliases))? {
            Some(a) => list_cell(&a).map_err(|m| {
                invalid(
                    self.at(table, row, c.get(NodeField::Aliases).unwrap_or(0)),
                    m,
                )
            })?,
            None => Vec::new(),
        };
        let fields = DraftOrg {
            short: self.text(table, row, c.get(NodeField::Short))?,
            kind: self.text(table, row, c.get(NodeField::Kind))?,
            region: self.text(table, row, c.get(NodeField::Region))?,
            notes: self.text(table, row, c.get(NodeField::Notes))?,
            founded,
            dissolved,
            wikidata,
            ..DraftOrg::default()
        };
        let key = match &id {
            Some(id) => format!("node:{id}"),
            None => format!("n:{}", ids::match_key(&name)),
        };
        let loc = self.at(table, row, 0);
        let i = self.org(&key, &name, loc);
        let acc = &mut self.orgs[i];
        // A node table's own ids are kept when valid (Gephi's are row numbers: not kept).
        if exact || self.options.preset != Some(Preset::Gephi) {
            acc.explicit_id = id.clone().filter(|id| is_id(id));
        }
        if exact {
            acc.names = vec![(name.clone(), usize::MAX)];
        }
        acc.fields = fields;
        acc.given_aliases = aliases;
        let lookup = self.node_lookup.get_or_insert_with(HashMap::new);
        if let Some(id) = &id {
            lookup.insert(format!("id:{id}"), i);
        }
        let names = std::iter::once(&name)
            .chain(&self.orgs[i].fields.short)
            .chain(&self.orgs[i].given_aliases);
        for n in names {
            lookup
                .entry(format!("n:{}", ids::match_key(n)))
                .or_insert(i);
        }
        Ok(())
    }

    pub(super) fn sources_table(&mut self, table: &Table) {
        let col = |name: &str| table.headers.iter().position(|h| map::normalize(h) == name);
        for row in &table.rows {
            self.counts.rows += 1;
            let result = (|| -> RowResult<()> {
                let get = |b: &mut Self, name: &str| b.text(table, row, col(name));
                let id = get(self, "id")?.unwrap_or_default();
                if !is_id(&id) {
                    return Err(Diagnostic::new(
                        Code::InvalidId,
                        Some(self.at(table, row, col("id").unwrap_or(0))),
                        format!("`{id}` is not a valid id"),
                    ));
                }
                let url = get(self, "url")?;
                if let Some(u) = &url
                    && !is_http_url(u)
                {
                    return Err(Diagnostic::new(
                        Code::InvalidUrl,
                        Some(self.at(table, row, col("url").unwrap_or(0))),
                        format!("`{u}` is not an absolute http(s) URL"),
                    ));
                }
                let Some(title) = get(self, "title")? else {
                    return Err(empty(
                        self.at(table, row, col("title").unwrap_or(0)),
                        "the title",
                    ));
                };
                let source = DraftSource {
                    id: id.clone(),
                    title,
                    author: get(self, "author")?,
                    publisher: get(self, "publisher")?,
                    published: self.date(table, row, col("published"), Slashes::Ambiguous)?,
                    url,
                    accessed: self.date(table, row, col("accessed"), Slashes::Ambiguous)?,
                    notes: get(self, "notes")?,
                    reliability: self.reliability(table, row, col("reliability"))?,
                };
                self.sources.insert(id, (source, true));
                Ok(())
            })();
            if let Err(d) = result {
                self.counts.refused += 1;
                self.diags.push(d);
            }
        }
    }

    pub(super) fn edge_types(&mut self, table: &Table) {
        let col = |name: &str| table.headers.iter().position(|h| map::normalize(h) == name);
        for row in &table.rows {
            self.counts.rows += 1;
            let result = (|| -> RowResult<()> {
                let get = |b: &mut Self, name: &str| b.text(table, row, col(name));
                let name = get(self, "name")?.unwrap_or_default();
                if !is_id(&name) {
                    return Err(Diagnostic::new(
                        Code::InvalidId,
                        Some(self.at(table, row, col("name").unwrap_or(0))),
                        format!("`{name}` is not a valid edge type name"),
                    ));
                }
                let directed = get(self, "directed")?.as_deref().and_then(map::direction);
                let Some(directed) = directed else {
                    return Err(invalid(
                        self.at(table, row, col("directed").unwrap_or(0)),
                        "`directed` must be true or false".into(),
                    ));
                };
                let label = get(self, "label")?;
                let color = get(self, "color")?;
                let style = get(self, "style")?;
                if color.as_deref().is_some_and(|c| !is_color(c)) {
                    return Err(invalid(
                        self.at(table, row, col("color").unwrap_or(0)),
                        "not a colour".into(),
                    ));
                }
                if style
                    .as_deref()
                    .is_some_and(|s| LineStyle::parse(s).is_none())
                {
                    return Err(invalid(
                        self.at(table, row, col("style").unwrap_or(0)),
                        "not a line style".into(),
                    ));
                }
                let t = DraftType {
                    name: name.clone(),
                    directed,
                    why: None,
                    label,
                    color,
                    style,
                };
                // A built-in type is declared only to restyle it.
                if let Some(b) = EdgeType::builtin(&name) {
                    let same = t.label.as_deref() == Some(&b.label)
                        && t.color.as_deref() == Some(&b.color)
                        && t.style.as_deref() == Some(b.style.as_str());
                    if same {
                        return Ok(());
                    }
                }
                self.types.insert(name, t);
                Ok(())
            })();
            if let Err(d) = result {
                self.counts.refused += 1;
                self.diags.push(d);
            }
        }
    }

    /// A `reliability` cell: empty, or one of the Admiralty letters.
    fn reliability(
        &mut self,
        table: &Table,
        row: &Row,
        column: Option<usize>,
    ) -> RowResult<Option<String>> {
        let value = self.text(table, row, column)?;
        match (&value, column) {
            (Some(v), Some(column)) if Reliability::parse(v).is_none() => Err(Diagnostic::new(
                Code::InvalidReliability,
                Some(self.at(table, row, column)),
                format!("`{v}` is not a reliability grade (A to F)"),
            )),
            _ => Ok(value),
        }
    }
}
