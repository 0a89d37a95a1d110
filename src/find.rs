//! Finding records by what people call them: `find`'s ranked search over the ids,
//! names, short names and aliases of organizations (and the ids and titles of sources),
//! and [`resolve`], which turns whatever names an organization on the command line
//! (`show ID`, `--focus ID`) into its index, or an error with a suggestion.
//!
//! Names are compared by the import's matching key ([`match_key`]), so case, spaces,
//! punctuation and accents do not count: a key equal to the query's comes first, then a
//! key containing it, then a key within a few edits of it.

use crate::import::ids::match_key;
use crate::model::Dataset;
use crate::suggest;

/// What a name given on the command line was expected to name, and did not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownOrganization {
    /// The name given.
    pub id: String,
    /// The organization it probably meant.
    pub suggestion: Option<String>,
    /// The organizations it names, when it names more than one (by id).
    pub ambiguous: Vec<String>,
}

impl std::fmt::Display for UnknownOrganization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.ambiguous.is_empty() {
            return write_ambiguous(f, &self.id, &self.ambiguous);
        }
        write!(f, "unknown organization `{}`", self.id)?;
        match &self.suggestion {
            Some(k) => write!(f, "; did you mean `{k}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownOrganization {}

/// The message for a name several organizations share (`ids`).
pub(crate) fn write_ambiguous(
    f: &mut std::fmt::Formatter<'_>,
    name: &str,
    ids: &[String],
) -> std::fmt::Result {
    let ids: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    write!(
        f,
        "`{name}` names {} organizations ({}); give one of their ids",
        ids.len(),
        ids.join(", ")
    )
}

/// The index of the organization `name` names: its id, else the one organization whose
/// name, short name or alias has the same key. A name several organizations share is an
/// error listing their ids; an unknown one, an error suggesting the closest id, or the
/// organization with the closest name.
pub(crate) fn resolve(dataset: &Dataset, name: &str) -> Result<usize, UnknownOrganization> {
    let orgs = &dataset.organizations;
    if let Ok(i) = orgs.binary_search_by(|o| o.id.as_str().cmp(name)) {
        return Ok(i);
    }
    let key = match_key(name);
    let named: Vec<usize> = if key.is_empty() {
        Vec::new()
    } else {
        (0..orgs.len())
            .filter(|&i| org_names(&orgs[i]).any(|n| match_key(n) == key))
            .collect()
    };
    match named[..] {
        [i] => return Ok(i),
        [] => {}
        _ => {
            return Err(UnknownOrganization {
                id: name.to_owned(),
                suggestion: None,
                ambiguous: named.iter().map(|&i| orgs[i].id.to_string()).collect(),
            });
        }
    }
    let hint = suggest::closest(name, orgs.iter().map(|o| o.id.as_str())).or_else(|| {
        search(dataset, name)
            .into_iter()
            .find(|h| h.kind == Kind::Organization && h.how == How::Fuzzy)
            .map(|h| orgs[h.index].id.as_str())
    });
    Err(UnknownOrganization {
        id: name.to_owned(),
        suggestion: hint.map(str::to_owned),
        ambiguous: Vec::new(),
    })
}

/// What a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    /// An organization (index into `dataset.organizations`).
    Organization,
    /// A source (index into `dataset.sources`).
    Source,
}

impl Kind {
    /// `organization` or `source`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Source => "source",
        }
    }
}

/// How a hit matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum How {
    /// Same key as the query.
    Exact,
    /// Its key contains the query's.
    Substring,
    /// Its key is a few edits away from the query's.
    Fuzzy,
}

impl How {
    /// `exact`, `substring` or `fuzzy`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            How::Exact => "exact",
            How::Substring => "substring",
            How::Fuzzy => "fuzzy",
        }
    }
}

/// One record found, with its best-matching field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit<'d> {
    pub kind: Kind,
    pub index: usize,
    pub how: How,
    /// Edit distance for a fuzzy hit, else 0.
    pub distance: usize,
    /// `id`, `name`, `short`, `alias` or `title`.
    pub field: &'static str,
    /// The text of that field.
    pub text: &'d str,
}

/// Every record matching `query`, ranked: exact before substring before fuzzy (fewer
/// edits first), organizations before sources, then by id. Nothing for a query with an
/// empty key (only spaces or punctuation).
pub(crate) fn search<'d>(dataset: &'d Dataset, query: &str) -> Vec<Hit<'d>> {
    let key = match_key(query);
    if key.is_empty() {
        return Vec::new();
    }
    let orgs = dataset.organizations.iter().enumerate().map(|(i, o)| {
        let fields = [("id", o.id.as_str()), ("name", o.name.as_str())]
            .into_iter()
            .chain(o.short.iter().map(|s| ("short", s.as_str())))
            .chain(o.aliases.iter().map(|a| ("alias", a.as_str())));
        best(&key, Kind::Organization, i, fields)
    });
    let sources = dataset.sources.iter().enumerate().map(|(i, s)| {
        let fields = [("id", s.id.as_str()), ("title", s.title.as_str())];
        best(&key, Kind::Source, i, fields.into_iter())
    });
    let mut hits: Vec<Hit<'d>> = orgs.chain(sources).flatten().collect();
    hits.sort_by_key(|h| (h.how, h.distance, h.kind, h.index));
    hits
}

/// The best match of `key` among one record's fields (the first field on a tie).
fn best<'d>(
    key: &str,
    kind: Kind,
    index: usize,
    fields: impl Iterator<Item = (&'static str, &'d str)>,
) -> Option<Hit<'d>> {
    fields
        .filter_map(|(field, text)| {
            let (how, distance) = compare(key, &match_key(text))?;
            Some(Hit {
                kind,
                index,
                how,
                distance,
                field,
                text,
            })
        })
        .min_by_key(|h| (h.how, h.distance))
}

/// How `key` matches `other`: equal, contained, or within a third of the longer
/// length in edits (at least 1), as [`suggest::closest`] allows for typos.
fn compare(key: &str, other: &str) -> Option<(How, usize)> {
    if other == key {
        return Some((How::Exact, 0));
    }
    if other.contains(key) {
        return Some((How::Substring, 0));
    }
    let (a, b) = (key.chars().count(), other.chars().count());
    let limit = (a.max(b) / 3).max(1);
    if a.abs_diff(b) > limit {
        return None;
    }
    let d = strsim::osa_distance(key, other);
    (d <= limit).then_some((How::Fuzzy, d))
}

fn org_names(o: &crate::model::Organization) -> impl Iterator<Item = &str> {
    std::iter::once(o.name.as_str())
        .chain(o.short.as_deref())
        .chain(o.aliases.iter().map(compact_str::CompactString::as_str))
}

#[cfg(test)]
mod tests {
    use super::{How, compare};

    #[test]
    fn exact_then_substring_then_fuzzy() {
        assert_eq!(compare("imu", "imu"), Some((How::Exact, 0)));
        assert_eq!(compare("nusra", "jabhatalnusra"), Some((How::Substring, 0)));
        assert_eq!(compare("talban", "taliban"), Some((How::Fuzzy, 1)));
        assert_eq!(compare("isis", "taliban"), None);
    }
}
