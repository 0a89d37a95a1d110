//! A STIX 2.1 bundle for threat-intelligence platforms (OpenCTI, MISP): organizations as
//! `threat-actor`, each source as an `identity` (its author, who can hold an opinion)
//! and a `report` (the document, referring to the relationships it supports), edges as
//! `relationship` objects with their citations as `external_references`, and every
//! disputing citation as an `opinion` (`disagree`) by the disputing source. Ids are
//! UUIDv5 from a fixed namespace and the record's id; `created`/`modified` are one fixed
//! value, so the same dataset always gives the same bytes. Keys are sorted (serde_json's
//! map), one object per line.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde_json::{Map, Value, json};
use uuid::Uuid;

use super::text;
use crate::model::{
    Citation, CompactString, Confidence, Credibility, Dataset, Date, Day, Edge, Organization,
    Reliability, Source, When,
};

/// The namespace of every id this export makes (a random UUID, fixed forever: changing
/// it would change every id).
const NAMESPACE: Uuid = Uuid::from_u128(0x4074_1ce4_9e70_4edb_bfac_b17d_edcd_ae97);

/// `created` and `modified` of every object: the data has no record of when it was
/// written, and the clock would make two runs differ.
pub const TIMESTAMP: &str = "1970-01-01T00:00:00.000Z";

/// The STIX id of the record `kind:id` (`kind` keeps an organization and a source with
/// the same id apart).
fn stix_id(ty: &str, kind: &str, id: &str) -> String {
    format!(
        "{ty}--{}",
        Uuid::new_v5(&NAMESPACE, format!("{kind}:{id}").as_bytes())
    )
}

fn identity_id(s: &Source) -> String {
    stix_id("identity", "source-author", &s.id)
}

/// STIX's value for the words High/Medium/Low (STIX 2.1, appendix A, "None/Low/Med/High"
/// scale).
pub fn confidence(c: Confidence) -> u8 {
    match c {
        Confidence::Low => 15,
        Confidence::Medium => 50,
        Confidence::High => 85,
    }
}

/// STIX's value for an Admiralty credibility (STIX 2.1, appendix A, "Admiralty
/// Credibility" scale): 1 → 90, 2 → 70, 3 → 50, 4 → 30, 5 → 10; 6 (truth cannot be
/// judged) has none, so the property is left out.
pub fn credibility_confidence(c: Credibility) -> Option<u8> {
    match c {
        Credibility::CannotBeJudged => None,
        c => Some(110 - 20 * c.number()),
    }
}

/// A custom `relationship_type`: the edge type's name with `.` and `_` as `-` (the spec
/// allows lower-case ASCII letters, digits and hyphens).
pub fn relationship_type(name: &str) -> String {
    name.chars()
        .map(|c| if c == '.' || c == '_' { '-' } else { c })
        .collect()
}

/// A day as a STIX timestamp at its first (`end == false`) or last second. STIX
/// timestamps start at year 1, so year 0 gives none.
fn timestamp(day: Day, end: bool) -> Option<String> {
    (day.year > 0).then(|| {
        let time = if end { "23:59:59.999" } else { "00:00:00.000" };
        format!("{day}T{time}Z")
    })
}

/// The date as EDTF: a point as written, an interval as `start/end` with `..` for an
/// open side (EDTF level 1).
fn edtf(when: &When) -> Option<String> {
    match when {
        When::Undated => None,
        When::Point(d) => Some(d.text().to_owned()),
        When::Interval { start, end } => {
            let side = |d: &Option<Date>| d.as_ref().map_or("..", Date::text).to_owned();
            Some(format!("{}/{}", side(start), side(end)))
        }
    }
}

fn common(ty: &str, id: String) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".into(), ty.into());
    m.insert("spec_version".into(), "2.1".into());
    m.insert("id".into(), id.into());
    m.insert("created".into(), TIMESTAMP.into());
    m.insert("modified".into(), TIMESTAMP.into());
    m
}

fn put(m: &mut Map<String, Value>, key: &str, v: Option<impl Into<Value>>) {
    if let Some(v) = v {
        m.insert(key.to_owned(), v.into());
    }
}

/// A URL as a URI: every byte that RFC 3986 allows in no part of a URI (space, `"`,
/// `<`, `>`, `\\`, `^`, `` ` ``, `{`, `|`, `}`, control and non-ASCII) percent-encoded.
/// The dataset accepts such URLs as browsers do; STIX's `url` must be a URI, and the
/// encoded form names the same resource.
pub fn uri(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        let allowed = b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&b);
        if allowed {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn text(t: Option<&str>) -> Option<String> {
    t.map(str::to_owned)
}

fn threat_actor(org: &Organization) -> Value {
    let mut m = common(
        "threat-actor",
        stix_id("threat-actor", "organization", &org.id),
    );
    m.insert("name".into(), org.name.as_str().into());
    let aliases: Vec<&str> = org.aliases.iter().map(CompactString::as_str).collect();
    if !aliases.is_empty() {
        m.insert("aliases".into(), json!(aliases));
    }
    put(&mut m, "description", text(org.notes.as_deref()));
    let first = org
        .founded
        .as_ref()
        .and_then(|d| timestamp(d.earliest(), false));
    let last = org
        .dissolved
        .as_ref()
        .and_then(|d| timestamp(d.latest(), true));
    put(&mut m, "first_seen", first);
    put(&mut m, "last_seen", last);
    m.insert("x_actorgraph_id".into(), org.id.as_str().into());
    put(&mut m, "x_actorgraph_short", text(org.short.as_deref()));
    put(&mut m, "x_actorgraph_kind", text(org.kind.as_deref()));
    put(&mut m, "x_actorgraph_region", text(org.region.as_deref()));
    put(
        &mut m,
        "x_actorgraph_founded",
        org.founded.as_ref().map(|d| d.text().to_owned()),
    );
    put(
        &mut m,
        "x_actorgraph_dissolved",
        org.dissolved.as_ref().map(|d| d.text().to_owned()),
    );
    if let Some(q) = &org.wikidata {
        let r = json!({
            "source_name": "wikidata",
            "external_id": q.as_str(),
            "url": format!("https://www.wikidata.org/wiki/{q}"),
        });
        m.insert("external_references".into(), json!([r]));
    }
    Value::Object(m)
}

fn identity(s: &Source) -> Value {
    let mut m = common("identity", identity_id(s));
    let name = s
        .author
        .as_deref()
        .or(s.publisher.as_deref())
        .unwrap_or(&s.title);
    m.insert("name".into(), name.into());
    m.insert(
        "description".into(),
        format!("The author of the source “{}”.", s.title).into(),
    );
    m.insert("x_actorgraph_id".into(), s.id.as_str().into());
    Value::Object(m)
}

fn report(s: &Source, refs: &[String]) -> Value {
    let mut m = common("report", stix_id("report", "source", &s.id));
    m.insert("name".into(), s.title.as_str().into());
    m.insert("created_by_ref".into(), identity_id(s).into());
    let published = s
        .published
        .as_ref()
        .and_then(|d| timestamp(d.earliest(), false));
    m.insert(
        "published".into(),
        published.unwrap_or_else(|| TIMESTAMP.to_owned()).into(),
    );
    m.insert("object_refs".into(), json!(refs));
    put(&mut m, "description", text(s.notes.as_deref()));
    if let Some(url) = &s.url {
        let r = json!({"source_name": s.id.as_str(), "url": uri(url)});
        m.insert("external_references".into(), json!([r]));
    }
    m.insert("x_actorgraph_id".into(), s.id.as_str().into());
    put(&mut m, "x_actorgraph_author", text(s.author.as_deref()));
    put(
        &mut m,
        "x_actorgraph_publisher",
        text(s.publisher.as_deref()),
    );
    put(
        &mut m,
        "x_actorgraph_published",
        s.published.as_ref().map(|d| d.text().to_owned()),
    );
    put(
        &mut m,
        "x_actorgraph_accessed",
        s.accessed.as_ref().map(|d| d.text().to_owned()),
    );
    put(
        &mut m,
        "x_actorgraph_reliability",
        s.reliability.map(Reliability::letter),
    );
    Value::Object(m)
}

/// A citation as an external reference: the source's id as `source_name`, the quote as
/// `description`, the locator as `external_id`, the source's URL; the title stands in
/// when none of these three is there (STIX wants one).
fn reference(dataset: &Dataset, c: &Citation) -> Value {
    let s = &dataset.sources[c.source];
    let mut m = Map::new();
    m.insert("source_name".into(), s.id.as_str().into());
    put(&mut m, "description", text(c.quote.as_deref()));
    put(&mut m, "external_id", text(c.locator.as_deref()));
    put(&mut m, "url", s.url.as_deref().map(uri));
    if m.len() == 1 {
        m.insert("description".into(), s.title.as_str().into());
    }
    Value::Object(m)
}

/// Every citation exactly, with its side, in a custom property.
fn citations(dataset: &Dataset, edge: &Edge) -> Value {
    let sides = [
        ("supporting", &edge.sources),
        ("disputing", &edge.disputed_by),
    ];
    let list: Vec<Value> = sides
        .into_iter()
        .flat_map(|(side, list)| list.iter().map(move |c| (side, c)))
        .map(|(side, c)| {
            let mut v = json!({
                "side": side,
                "source": dataset.sources[c.source].id.as_str(),
                "quote": c.quote.as_deref(),
                "locator": c.locator.as_deref(),
            });
            // Grades only where given, so an ungraded dataset's bundle is unchanged.
            if let Value::Object(m) = &mut v {
                put(m, "credibility", c.credibility.map(Credibility::number));
                put(
                    m,
                    "reliability",
                    dataset.reliability(c).map(Reliability::letter),
                );
            }
            v
        })
        .collect();
    Value::Array(list)
}

fn relationship(dataset: &Dataset, edge: &Edge, id: &str) -> Value {
    let (from, to) = dataset.endpoints(edge);
    let ty = dataset.edge_type(edge);
    let mut m = common("relationship", stix_id("relationship", "edge", id));
    m.insert(
        "relationship_type".into(),
        relationship_type(&ty.name).into(),
    );
    m.insert(
        "source_ref".into(),
        stix_id("threat-actor", "organization", &from.id).into(),
    );
    m.insert(
        "target_ref".into(),
        stix_id("threat-actor", "organization", &to.id).into(),
    );
    put(&mut m, "description", text(edge.notes.as_deref()));
    let start = edge
        .when
        .first()
        .and_then(|d| timestamp(d.earliest(), false));
    let stop = edge.when.last().and_then(|d| timestamp(d.latest(), true));
    put(&mut m, "start_time", start);
    put(&mut m, "stop_time", stop);
    let (best_reliability, best_credibility) = dataset.best_grades(edge);
    let graded = best_credibility.and_then(credibility_confidence);
    put(
        &mut m,
        "confidence",
        edge.confidence.map(confidence).or(graded),
    );
    put(
        &mut m,
        "x_actorgraph_reliability",
        best_reliability.map(Reliability::letter),
    );
    put(
        &mut m,
        "x_actorgraph_credibility",
        best_credibility.map(Credibility::number),
    );
    let refs: Vec<Value> = edge.sources.iter().map(|c| reference(dataset, c)).collect();
    m.insert("external_references".into(), Value::Array(refs));
    m.insert("x_actorgraph_id".into(), id.into());
    m.insert("x_actorgraph_relation".into(), ty.name.as_str().into());
    m.insert("x_actorgraph_label".into(), ty.label.as_str().into());
    m.insert("x_actorgraph_directed".into(), ty.directed.into());
    m.insert("x_actorgraph_disputed".into(), edge.is_disputed().into());
    m.insert(
        "x_actorgraph_possibly_active".into(),
        edge.possibly_active.into(),
    );
    put(&mut m, "x_actorgraph_date", edtf(&edge.when));
    m.insert("x_actorgraph_citations".into(), citations(dataset, edge));
    Value::Object(m)
}

fn opinion(dataset: &Dataset, edge_id: &str, n: usize, c: &Citation) -> Value {
    let s = &dataset.sources[c.source];
    let mut m = common(
        "opinion",
        stix_id("opinion", "dispute", &format!("{edge_id}#{n}")),
    );
    m.insert("opinion".into(), "disagree".into());
    m.insert("created_by_ref".into(), identity_id(s).into());
    m.insert(
        "object_refs".into(),
        json!([stix_id("relationship", "edge", edge_id)]),
    );
    put(&mut m, "explanation", text(c.quote.as_deref()));
    put(
        &mut m,
        "confidence",
        c.credibility.and_then(credibility_confidence),
    );
    m.insert("external_references".into(), json!([reference(dataset, c)]));
    Value::Object(m)
}

/// Writes the bundle.
pub fn write(dataset: &Dataset, out: &mut dyn Write) -> io::Result<()> {
    let ids: Vec<_> = dataset
        .edges
        .iter()
        .map(|e| text::edge_id(dataset, e))
        .collect();
    // What each source's report refers to: the relationships it supports and the
    // opinions it holds, in edge order.
    let mut refs: Vec<Vec<String>> = vec![Vec::new(); dataset.sources.len()];
    for (edge, id) in dataset.edges.iter().zip(&ids) {
        for c in &edge.sources {
            let r = stix_id("relationship", "edge", id);
            if refs[c.source].last() != Some(&r) {
                refs[c.source].push(r);
            }
        }
        for (n, c) in edge.disputed_by.iter().enumerate() {
            refs[c.source].push(stix_id("opinion", "dispute", &format!("{id}#{n}")));
        }
    }
    let bundle_id = stix_id("bundle", "bundle", &bundle_key(dataset, &ids));
    write!(
        out,
        "{{\"type\":\"bundle\",\"id\":\"{bundle_id}\",\"objects\":["
    )?;
    let mut first = true;
    let mut emit = |out: &mut dyn Write, v: &Value| -> io::Result<()> {
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut *out, v).map_err(io::Error::other)
    };
    for s in &dataset.sources {
        emit(out, &identity(s))?;
    }
    for (s, r) in dataset.sources.iter().zip(refs) {
        if !r.is_empty() {
            emit(out, &report(s, &r))?;
        }
    }
    for org in &dataset.organizations {
        emit(out, &threat_actor(org))?;
    }
    // Relationships and opinions, most of a big bundle, rendered on all cores in edge
    // order (`export::batches`). An edge's endpoints were written before it, so every
    // one of these objects follows another.
    let pairs: Vec<(&Edge, &Cow<str>)> = dataset.edges.iter().zip(&ids).collect();
    let to_buf = |buf: &mut Vec<u8>, v: &Value| -> io::Result<()> {
        buf.extend_from_slice(b",\n");
        serde_json::to_writer(&mut *buf, v).map_err(io::Error::other)
    };
    super::batches::write_in_order(&pairs, out, |_, (edge, id), buf| {
        to_buf(buf, &relationship(dataset, edge, id))
    })?;
    super::batches::write_in_order(&pairs, out, |_, (edge, id), buf| {
        for (n, c) in edge.disputed_by.iter().enumerate() {
            to_buf(buf, &opinion(dataset, id, n, c))?;
        }
        Ok(())
    })?;
    out.write_all(b"\n]}\n")
}

/// What the bundle's id is made from: the ids of every record it holds, so two different
/// selections never share a bundle id and the same one always does.
fn bundle_key(dataset: &Dataset, ids: &[Cow<str>]) -> String {
    let orgs = dataset.organizations.iter().map(|o| o.id.as_str());
    let sources = dataset.sources.iter().map(|s| s.id.as_str());
    let edges = ids.iter().map(AsRef::as_ref);
    let all: Vec<&str> = orgs
        .chain(["|"])
        .chain(sources)
        .chain(["|"])
        .chain(edges)
        .collect();
    all.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuid_v5_of_the_namespace_and_record() {
        let id = stix_id("threat-actor", "organization", "imu");
        let uuid = Uuid::parse_str(id.trim_start_matches("threat-actor--")).expect("uuid");
        assert_eq!(uuid.get_version_num(), 5);
        assert_eq!(id, stix_id("threat-actor", "organization", "imu"));
        assert_ne!(id, stix_id("threat-actor", "organization", "iju"));
    }

    #[test]
    fn confidence_follows_the_spec_scale() {
        assert_eq!(confidence(Confidence::Low), 15);
        assert_eq!(confidence(Confidence::Medium), 50);
        assert_eq!(confidence(Confidence::High), 85);
        let stix: Vec<Option<u8>> = Credibility::ALL
            .into_iter()
            .map(credibility_confidence)
            .collect();
        assert_eq!(
            stix,
            [Some(90), Some(70), Some(50), Some(30), Some(10), None]
        );
    }

    #[test]
    fn intervals_are_edtf_intervals() {
        let d = |t: &str| Date::parse(t).ok();
        let when = When::Interval {
            start: None,
            end: d("2015~"),
        };
        assert_eq!(edtf(&when).as_deref(), Some("../2015~"));
        assert_eq!(relationship_type("a.b_c-d"), "a-b-c-d");
    }

    #[test]
    fn urls_become_uris() {
        assert_eq!(
            uri("https://x.org/a b?q={1}&é#f"),
            "https://x.org/a%20b?q=%7B1%7D&%C3%A9#f"
        );
    }
}
