//! The library's enums as clap values. The library knows nothing of clap: each enum
//! lists its values (`ALL`) and names them (`name`), and here a wrapper per enum adds
//! the help text and implements [`ValueEnum`], so `--help` and the error for a bad value
//! read as with a derived one.

use clap::ValueEnum;
use clap::builder::PossibleValue;

use crate::export::cypher::Dialect;
use crate::export::{ClusterBy, Format};
use crate::import::Preset;
use crate::model::{Credibility, Reliability};
use crate::report::ReportFormat;

/// Declares `$name`, a clap value wrapping `$inner`, whose help is `$help`.
macro_rules! value_enum {
    ($(#[$doc:meta])* $name:ident($inner:ty), $help:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(super) struct $name(pub(super) $inner);

        impl ValueEnum for $name {
            fn value_variants<'a>() -> &'a [Self] {
                const N: usize = <$inner>::ALL.len();
                const ALL: [$name; N] = {
                    let mut all = [$name(<$inner>::ALL[0]); N];
                    let mut i = 1;
                    while i < N {
                        all[i] = $name(<$inner>::ALL[i]);
                        i += 1;
                    }
                    all
                };
                &ALL
            }

            fn to_possible_value(&self) -> Option<PossibleValue> {
                let help: fn($inner) -> &'static str = $help;
                Some(PossibleValue::new(self.0.name()).help(help(self.0)))
            }
        }
    };
}

value_enum!(
    /// `export --format`.
    FormatArg(Format),
    |f| match f {
        Format::Dot => "Graphviz DOT, for `dot -Tsvg`",
        Format::Graphml => "GraphML, for Gephi, yEd, networkx and igraph",
        Format::Json => "The whole dataset as one JSON document, for scripts",
        Format::Gexf => "GEXF 1.3, a dynamic graph for Gephi's timeline",
        Format::Mermaid => "A Mermaid flowchart, for Markdown (GitHub, GitLab)",
        Format::Html => "One self-contained HTML page to explore, search and replay in time, offline",
        Format::Csv => "CSV tables (organizations, edges, sources, edge types) into the directory `-o DIR`, for Gephi, Kumu and spreadsheets; `import` reads them back",
        Format::Cypher => "An openCypher script (UNWIND batches, MERGE on ids) for Neo4j, Memgraph and FalkorDB; `--dialect kuzu` for Kùzu and Ladybug",
        Format::Stix => "A STIX 2.1 bundle (threat actors, relationships, citations, disputes as opinions), for OpenCTI and MISP",
    }
);

value_enum!(
    /// `export --cluster-by`.
    ClusterByArg(ClusterBy),
    |c| match c {
        ClusterBy::Region => "By `region`",
        ClusterBy::Kind => "By `kind`",
    }
);

value_enum!(
    /// `export --dialect`.
    #[derive(Default)]
    DialectArg(Dialect),
    |d| match d {
        Dialect::Neo4j => "Neo4j 5 uniqueness constraints first (Memgraph: see docs/exports.md)",
        Dialect::Kuzu => "Kùzu and Ladybug: node and relationship tables declared first",
        Dialect::Falkordb => "FalkorDB: indexes on the ids first (a second run reports them as existing)",
    }
);

value_enum!(
    /// `--format` of `validate`, `--diagnostics` of the other commands.
    #[derive(Default)]
    ReportArg(ReportFormat),
    |r| match r {
        ReportFormat::Human => "rustc-style text with the source line and a caret",
        ReportFormat::Json => "One JSON object with `diagnostics` and `summary`",
        ReportFormat::Github => "GitHub Actions workflow commands (annotations)",
    }
);

value_enum!(
    /// `import --preset`.
    PresetArg(Preset),
    |p| match p {
        Preset::Mmp => "Stanford's Mapping Militant Organizations relationships CSV",
        Preset::Gephi => "Gephi's Data Laboratory edge table (Source, Target, Type, Label, Start/End)",
        Preset::Kumu => "Kumu's export (From, To, Type, Direction; elements with Label)",
        Preset::Actorgraph => "The tables `actorgraph export -f csv` writes (read exactly, ids kept)",
    }
);

/// `--min-reliability`: a letter `A`–`E` (either case). `F` says the reliability cannot
/// be judged, which is no level to reach, so it is refused with that reason.
pub(super) fn min_reliability(s: &str) -> Result<Reliability, String> {
    match Reliability::parse(&s.to_ascii_uppercase()) {
        Some(Reliability::F) => Err(
            "F means the reliability cannot be judged, which no source meets; the lowest minimum is E"
                .to_owned(),
        ),
        Some(r) => Ok(r),
        None => Err(
            "use a reliability grade from A (completely reliable) to E (unreliable)".to_owned(),
        ),
    }
}

/// `--min-credibility`: a number `1`–`5`. `6` says the truth cannot be judged, which is
/// no level to reach, so it is refused with that reason.
pub(super) fn min_credibility(s: &str) -> Result<Credibility, String> {
    match Credibility::parse(s) {
        Some(Credibility::CannotBeJudged) => Err(
            "6 means the truth cannot be judged, which no citation meets; the lowest minimum is 5"
                .to_owned(),
        ),
        Some(c) => Ok(c),
        None => Err(
            "use a credibility grade from 1 (confirmed by other sources) to 5 (improbable)"
                .to_owned(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value parses back from its name, so `ALL` and `name` agree.
    #[test]
    fn every_value_parses_from_its_name() {
        for v in FormatArg::value_variants() {
            assert_eq!(FormatArg::from_str(v.0.name(), false), Ok(*v));
        }
        for v in ClusterByArg::value_variants() {
            assert_eq!(ClusterByArg::from_str(v.0.name(), false), Ok(*v));
        }
        for v in DialectArg::value_variants() {
            assert_eq!(DialectArg::from_str(v.0.name(), false), Ok(*v));
        }
        for v in ReportArg::value_variants() {
            assert_eq!(ReportArg::from_str(v.0.name(), false), Ok(*v));
        }
    }

    #[test]
    fn grade_minimums_refuse_cannot_be_judged() {
        assert_eq!(min_reliability("b"), Ok(Reliability::B));
        assert_eq!(min_reliability("E"), Ok(Reliability::E));
        assert!(
            min_reliability("F")
                .unwrap_err()
                .contains("cannot be judged")
        );
        assert!(min_reliability("G").is_err());
        assert_eq!(min_credibility("3"), Ok(Credibility::Possible));
        assert!(
            min_credibility("6")
                .unwrap_err()
                .contains("cannot be judged")
        );
        assert!(min_credibility("0").is_err() && min_credibility("C").is_err());
    }
}
