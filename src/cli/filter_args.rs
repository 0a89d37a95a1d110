//! The filter flags shared by every command that writes a graph, and their parsing
//! into a [`Filter`].

use clap::Args;

use super::values;
use crate::filter::Filter;
use crate::model::{Confidence, Credibility, Date, Reliability};

#[derive(Debug, Args)]
#[command(next_help_heading = "Filters")]
pub(super) struct FilterArgs {
    /// The network as it may have stood on DATE (EDTF, e.g. 2001 or 2015-08).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Edges that may have held at some point in FROM..TO (open: `2016..`, `..2016`).
    #[arg(long, value_name = "FROM..TO", value_parser = parse_span, conflicts_with = "as_of")]
    between: Option<(Option<Date>, Option<Date>)>,
    /// Keep only these relation types.
    #[arg(long = "type", value_name = "T", value_delimiter = ',')]
    types: Vec<String>,
    /// Drop these relation types.
    #[arg(long, value_name = "T", value_delimiter = ',')]
    exclude_type: Vec<String>,
    /// Keep the organizations within --depth steps of ID, and the edges among them.
    #[arg(long, value_name = "ID")]
    focus: Option<String>,
    /// Steps from --focus.
    #[arg(long, default_value_t = 1, requires = "focus")]
    depth: usize,
    /// Drop disputed edges.
    #[arg(long)]
    exclude_disputed: bool,
    /// Drop edges below this confidence (and edges that state none).
    #[arg(long, value_name = "LEVEL", value_parser = parse_confidence)]
    min_confidence: Option<Confidence>,
    /// Keep an edge only if a supporting citation's source is graded this reliable or
    /// better (A best … E); ungraded sources do not count.
    #[arg(long, value_name = "A-E", value_parser = values::min_reliability)]
    min_reliability: Option<Reliability>,
    /// Keep an edge only if a supporting citation is graded this credible or better (1
    /// best … 5); with --min-reliability, one citation must meet both.
    #[arg(long, value_name = "1-5", value_parser = values::min_credibility)]
    min_credibility: Option<Credibility>,
    /// Keep only edges these sources support.
    #[arg(long, value_name = "SOURCE", value_delimiter = ',')]
    according_to: Vec<String>,
    /// Drop organizations left without edges.
    #[arg(long)]
    drop_isolated: bool,
}

impl FilterArgs {
    pub(super) fn to_filter(&self) -> Filter {
        Filter {
            as_of: self.as_of.clone(),
            between: self.between.clone(),
            types: self.types.clone(),
            exclude_types: self.exclude_type.clone(),
            focus: self.focus.clone(),
            depth: self.depth,
            exclude_disputed: self.exclude_disputed,
            min_confidence: self.min_confidence,
            min_reliability: self.min_reliability,
            min_credibility: self.min_credibility,
            according_to: self.according_to.clone(),
            drop_isolated: self.drop_isolated,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).map_err(|e| e.to_string())
}

/// `FROM..TO`, `FROM..` or `..TO`; a span that ends before it starts is refused here,
/// so the error comes with clap's usage line and exit status 2.
fn parse_span(s: &str) -> Result<(Option<Date>, Option<Date>), String> {
    let (from, to) = s.split_once("..").ok_or_else(|| {
        "write the span as FROM..TO, for example 1998..2001 (or 2016.. or ..2016)".to_owned()
    })?;
    let bound = |t: &str| (!t.is_empty()).then(|| parse_date(t)).transpose();
    let (from, to) = (bound(from)?, bound(to)?);
    if from.is_none() && to.is_none() {
        return Err("give at least one bound: FROM..TO, FROM.. or ..TO".to_owned());
    }
    crate::filter::check_span(from.as_ref(), to.as_ref()).map_err(|e| e.to_string())?;
    Ok((from, to))
}

fn parse_confidence(s: &str) -> Result<Confidence, String> {
    Confidence::parse(s).ok_or_else(|| format!("use one of: {}", Confidence::NAMES.join(", ")))
}
