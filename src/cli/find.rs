//! `actorgraph find`: validate, then list the organizations and sources a query names,
//! best match first, one per line (`id`, name, kind, matching field) or as JSON. Exit
//! status 1 when nothing matches.

use std::io::{self, Write};

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::CommandError;
use super::dataset_args::{DatasetArgs, write_buffered};
use crate::find::{self, Hit, Kind};
use crate::model::Dataset;
use crate::printable::printable;
use crate::{EXIT_INVALID, EXIT_OK};

#[derive(Debug, Args)]
pub(super) struct FindArgs {
    /// Part of an id, name, short name, alias or source title (case, spaces, punctuation
    /// and accents ignored; near misses found too).
    query: String,
    /// How to write the matches.
    #[arg(long, short, value_enum, default_value_t)]
    format: FindFormat,
    #[command(flatten)]
    dataset: DatasetArgs,
}

/// `find`'s output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
enum FindFormat {
    /// `id<TAB>name<TAB>kind<TAB>field: text`, one match a line.
    #[default]
    Text,
    /// One JSON document (`actorgraph-find/1`), for scripts.
    Json,
}

pub(super) fn run(
    args: &FindArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, CommandError> {
    args.dataset.load_then(stderr, |loaded| {
        let dataset = &loaded.dataset;
        let hits = find::search(dataset, &args.query);
        write_buffered(stdout, |out| match args.format {
            FindFormat::Text => write_text(dataset, &hits, out),
            FindFormat::Json => write_json(dataset, &args.query, &hits, out),
        })?;
        Ok(if hits.is_empty() {
            EXIT_INVALID
        } else {
            EXIT_OK
        })
    })
}

/// The id and name of a hit's record.
fn record<'d>(dataset: &'d Dataset, hit: &Hit<'_>) -> (&'d str, std::borrow::Cow<'d, str>) {
    match hit.kind {
        Kind::Organization => {
            let o = &dataset.organizations[hit.index];
            (&o.id, o.display_name())
        }
        Kind::Source => {
            let s = &dataset.sources[hit.index];
            (&s.id, s.title.as_str().into())
        }
    }
}

fn write_text(dataset: &Dataset, hits: &[Hit<'_>], out: &mut dyn Write) -> io::Result<()> {
    for hit in hits {
        let (id, name) = record(dataset, hit);
        let line = [
            cell(id),
            cell(&name),
            hit.kind.name().to_owned(),
            format!("{}: {}", hit.field, cell(hit.text)),
        ];
        writeln!(out, "{}", line.join("\t"))?;
    }
    Ok(())
}

/// A column of the text output: [`printable`], with tabs (which it keeps) as spaces so
/// no value can forge a column.
fn cell(text: &str) -> String {
    printable(text).replace('\t', " ")
}

#[derive(Serialize)]
struct Found<'a> {
    format: &'static str,
    query: &'a str,
    matches: Vec<Match<'a>>,
}

#[derive(Serialize)]
struct Match<'a> {
    kind: &'static str,
    id: &'a str,
    name: String,
    #[serde(rename = "match")]
    how: &'static str,
    distance: usize,
    field: &'static str,
    text: &'a str,
}

fn write_json(
    dataset: &Dataset,
    query: &str,
    hits: &[Hit<'_>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let matches = hits
        .iter()
        .map(|hit| {
            let (id, name) = record(dataset, hit);
            Match {
                kind: hit.kind.name(),
                id,
                name: name.into_owned(),
                how: hit.how.name(),
                distance: hit.distance,
                field: hit.field,
                text: hit.text,
            }
        })
        .collect();
    let found = Found {
        format: "actorgraph-find/1",
        query,
        matches,
    };
    serde_json::to_writer_pretty(&mut *out, &found).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}
