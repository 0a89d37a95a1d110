//! Borrowed serde views of the records the JSON outputs share (`export -f json`, the
//! HTML page's data, `show -f json`): an organization, a source, and what a citation says
//! beyond its source. A [`Shape`] says how dates and absent fields are written; a format
//! that needs more (positions, origins) flattens a view into its own struct.

use std::marker::PhantomData;

use serde::{Serialize, Serializer};

use crate::model::{Citation, CompactString, Date, Organization, Source};

/// How a view writes dates and absent optional fields.
pub(crate) trait Shape {
    /// A date as written.
    type Date<'a>: Serialize;
    /// The view of `d`.
    fn date(d: &Date) -> Self::Date<'_>;
    /// Whether an absent optional field is left out (rather than written as `null`).
    #[allow(clippy::ref_option)] // serde's `skip_serializing_if` passes `&field`.
    fn absent<T>(value: &Option<T>) -> bool;
}

/// Dates as written in the dataset; absent fields left out (the HTML page, `show`).
pub(crate) enum AsWritten {}

impl Shape for AsWritten {
    type Date<'a> = &'a str;

    fn date(d: &Date) -> &str {
        d.text()
    }

    fn absent<T>(value: &Option<T>) -> bool {
        value.is_none()
    }
}

/// Dates with their day bounds resolved; absent fields written as `null`
/// (`export -f json`, whose fields are all always there).
pub(crate) enum Resolved {}

/// A date with its day bounds, for [`Resolved`].
#[derive(Serialize)]
pub(crate) struct ResolvedDate<'a> {
    text: &'a str,
    earliest: String,
    latest: String,
    uncertain: bool,
    approximate: bool,
}

impl Shape for Resolved {
    type Date<'a> = ResolvedDate<'a>;

    fn date(d: &Date) -> ResolvedDate<'_> {
        ResolvedDate {
            text: d.text(),
            earliest: d.earliest().to_string(),
            latest: d.latest().to_string(),
            uncertain: d.is_uncertain(),
            approximate: d.is_approximate(),
        }
    }

    fn absent<T>(_: &Option<T>) -> bool {
        false
    }
}

/// The view of an optional date.
pub(crate) fn date<S: Shape>(d: Option<&Date>) -> Option<S::Date<'_>> {
    d.map(S::date)
}

/// An organization's own fields.
#[derive(Serialize)]
#[serde(bound = "")]
pub(crate) struct OrganizationRecord<'a, S: Shape> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "S::absent")]
    short: Option<&'a str>,
    #[serde(skip_serializing_if = "Aliases::left_out")]
    aliases: Aliases<'a>,
    #[serde(skip_serializing_if = "S::absent")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "S::absent")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "S::absent")]
    founded: Option<S::Date<'a>>,
    #[serde(skip_serializing_if = "S::absent")]
    dissolved: Option<S::Date<'a>>,
    #[serde(skip_serializing_if = "S::absent")]
    wikidata: Option<&'a str>,
    #[serde(skip_serializing_if = "S::absent")]
    notes: Option<&'a str>,
}

/// The aliases, written as a list; an empty list is left out unless kept.
struct Aliases<'a> {
    list: &'a [CompactString],
    keep_empty: bool,
}

impl Aliases<'_> {
    fn left_out(&self) -> bool {
        self.list.is_empty() && !self.keep_empty
    }
}

impl Serialize for Aliases<'_> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        self.list.serialize(serializer)
    }
}

impl<'a, S: Shape> From<&'a Organization> for OrganizationRecord<'a, S> {
    /// The view with `aliases` written even when empty (`[]`).
    fn from(o: &'a Organization) -> Self {
        OrganizationRecord {
            id: &o.id,
            name: &o.name,
            short: o.short.as_deref(),
            aliases: Aliases {
                list: &o.aliases,
                keep_empty: true,
            },
            kind: o.kind.as_deref(),
            region: o.region.as_deref(),
            founded: date::<S>(o.founded.as_ref()),
            dissolved: date::<S>(o.dissolved.as_ref()),
            wikidata: o.wikidata.as_deref(),
            notes: o.notes.as_deref(),
        }
    }
}

impl<S: Shape> OrganizationRecord<'_, S> {
    /// The same view with `aliases` left out when there are none (the HTML page).
    pub(crate) fn without_empty_aliases(mut self) -> Self {
        self.aliases.keep_empty = false;
        self
    }
}

/// A source's fields; `reliability` (the Admiralty letter) is left out when ungraded
/// in every shape, so an ungraded dataset exports as before grades existed.
#[derive(Serialize)]
#[serde(bound = "")]
pub(crate) struct SourceRecord<'a, S: Shape> {
    id: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "S::absent")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "S::absent")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "S::absent")]
    published: Option<S::Date<'a>>,
    #[serde(skip_serializing_if = "S::absent")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "S::absent")]
    accessed: Option<S::Date<'a>>,
    #[serde(skip_serializing_if = "S::absent")]
    notes: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reliability: Option<&'static str>,
}

impl<'a, S: Shape> From<&'a Source> for SourceRecord<'a, S> {
    fn from(s: &'a Source) -> Self {
        SourceRecord {
            id: &s.id,
            title: &s.title,
            author: s.author.as_deref(),
            publisher: s.publisher.as_deref(),
            published: date::<S>(s.published.as_ref()),
            url: s.url.as_deref(),
            accessed: date::<S>(s.accessed.as_ref()),
            notes: s.notes.as_deref(),
            reliability: s.reliability.map(crate::model::Reliability::letter),
        }
    }
}

/// What a citation says beyond its source: quote, locator and the Admiralty
/// credibility number (left out when ungraded, in every shape). Flattened after the
/// field that names the source, which each format names and points at its own way.
#[derive(Serialize)]
#[serde(bound = "")]
pub(crate) struct CitationRecord<'a, S: Shape> {
    #[serde(skip_serializing_if = "S::absent")]
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "S::absent")]
    locator: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credibility: Option<u8>,
    #[serde(skip)]
    shape: PhantomData<S>,
}

impl<'a, S: Shape> From<&'a Citation> for CitationRecord<'a, S> {
    fn from(c: &'a Citation) -> Self {
        CitationRecord {
            quote: c.quote.as_deref(),
            locator: c.locator.as_deref(),
            credibility: c.credibility.map(crate::model::Credibility::number),
            shape: PhantomData,
        }
    }
}
