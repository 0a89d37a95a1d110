//! How the exports write the Admiralty grades, so that every format says them alike: a
//! citation's grade pair in the code's usual notation (`B2`: its source's reliability,
//! then its credibility; `B` or `2` when only one is known), and the per-citation list
//! `source-id:B2` that GraphML, GEXF, the tooltips and the captions carry.

use crate::model::{Citation, Credibility, Dataset, Reliability};

/// A citation's grades in Admiralty notation: `B2`, `B`, `2`; `None` when ungraded.
pub fn code(dataset: &Dataset, citation: &Citation) -> Option<String> {
    pair(dataset.reliability(citation), citation.credibility)
}

/// A pair of grades in Admiralty notation: `B2`, `B`, `2`; `None` when neither is known.
pub fn pair(reliability: Option<Reliability>, credibility: Option<Credibility>) -> Option<String> {
    match (reliability, credibility) {
        (None, None) => None,
        (r, c) => Some(format!(
            "{}{}",
            r.map_or("", Reliability::letter),
            c.map_or("", Credibility::digit)
        )),
    }
}

/// A citation's grades with their meaning, `B2 (usually reliable; probably true)`, as
/// `show` and `path` print them; `None` when ungraded.
pub fn described(dataset: &Dataset, citation: &Citation) -> Option<String> {
    let code = code(dataset, citation)?;
    let words: Vec<&str> = [
        dataset.reliability(citation).map(Reliability::meaning),
        citation.credibility.map(Credibility::meaning),
    ]
    .into_iter()
    .flatten()
    .collect();
    Some(format!("{code} ({})", words.join("; ")))
}

/// `source-id:B2` for each graded citation of a list, in citation order; ungraded
/// citations are left out.
pub fn list(dataset: &Dataset, citations: &[Citation]) -> Vec<String> {
    citations
        .iter()
        .filter_map(|c| {
            let code = code(dataset, c)?;
            Some(format!("{}:{code}", dataset.sources[c.source].id))
        })
        .collect()
}
