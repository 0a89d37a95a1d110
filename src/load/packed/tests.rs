//! Packing must give back exactly the edges it was given, whatever their text and spans.

use proptest::prelude::*;

use super::*;

fn span(file: FileId) -> impl Strategy<Value = Span> {
    (any::<u32>(), any::<u32>(), any::<u32>()).prop_map(move |(line, column, len)| Span {
        file,
        line,
        column,
        len,
    })
}

/// Lines near each other, as in a real file, and anywhere at all.
fn text(file: FileId) -> impl Strategy<Value = Text> {
    (span(file), any::<String>()).prop_map(|(span, value)| Spanned {
        value: value.into(),
        span,
    })
}

fn citation(file: FileId) -> impl Strategy<Value = RawCitation> {
    (
        span(file),
        proptest::option::of(text(file)),
        proptest::option::of(text(file)),
        proptest::option::of(text(file)),
        proptest::option::of(text(file)),
    )
        .prop_map(|(span, source, quote, locator, credibility)| RawCitation {
            span,
            source,
            quote,
            locator,
            credibility,
        })
}

fn edge(file: FileId) -> impl Strategy<Value = RawEdge> {
    let t = move || proptest::option::of(text(file));
    let citations = move || proptest::collection::vec(citation(file), 0..4);
    (
        (span(file), t(), t(), t(), t(), t()),
        (t(), t(), t(), t()),
        proptest::option::of((span(file), citations())),
        citations(),
    )
        .prop_map(
            move |(
                (span, id, from, to, edge_type, date),
                (start, end, confidence, notes),
                sources,
                disputed_by,
            )| RawEdge {
                span,
                id,
                from,
                to,
                edge_type,
                date,
                start,
                end,
                confidence,
                sources: sources.map(|(span, value)| Spanned { value, span }),
                disputed_by,
                notes,
            },
        )
}

proptest! {
    #[test]
    fn unpacking_gives_back_what_was_packed(
        file in any::<u32>().prop_map(FileId),
        edges in proptest::collection::vec(edge(FileId(0)), 0..8),
    ) {
        let edges: Vec<RawEdge> = edges.into_iter().map(|e| in_file(e, file)).collect();
        let mut packed = PackedEdges::new(file);
        for e in &edges {
            packed.push(e);
        }
        prop_assert_eq!(packed.len(), edges.len());
        prop_assert_eq!(packed.into_iter().collect::<Vec<_>>(), edges);
    }
}

/// Moves every span of an edge to `file`.
fn in_file(mut e: RawEdge, file: FileId) -> RawEdge {
    let mv = |s: &mut Span| s.file = file;
    let texts = |t: &mut Option<Text>| {
        if let Some(t) = t {
            t.span.file = file;
        }
    };
    let cites = |list: &mut Vec<RawCitation>| {
        for c in list {
            c.span.file = file;
            for t in [
                &mut c.source,
                &mut c.quote,
                &mut c.locator,
                &mut c.credibility,
            ]
            .into_iter()
            .flatten()
            {
                t.span.file = file;
            }
        }
    };
    mv(&mut e.span);
    for t in [
        &mut e.id,
        &mut e.from,
        &mut e.to,
        &mut e.edge_type,
        &mut e.date,
        &mut e.start,
        &mut e.end,
        &mut e.confidence,
        &mut e.notes,
    ] {
        texts(t);
    }
    if let Some(s) = &mut e.sources {
        s.span.file = file;
        cites(&mut s.value);
    }
    cites(&mut e.disputed_by);
    e
}

/// A typical edge takes its text and a few bytes per field, not 40.
#[test]
fn an_edge_packs_into_little_more_than_its_text() {
    let file = FileId(3);
    let t = |line, column, value: &str| {
        Some(Spanned {
            value: value.into(),
            span: Span {
                file,
                line,
                column,
                len: value.chars().count() as u32,
            },
        })
    };
    let quote = "Rivals since the split of 2015, the two fronts fought over the border crossings.";
    let edge = RawEdge {
        span: Span {
            file,
            line: 1200,
            column: 3,
            len: 0,
        },
        from: t(1200, 9, "isis"),
        to: t(1201, 7, "al-qaeda"),
        edge_type: t(1202, 9, "rivalry"),
        start: t(1203, 10, "2014-02"),
        confidence: t(1204, 15, "high"),
        sources: Some(Spanned {
            value: vec![RawCitation {
                span: Span {
                    file,
                    line: 1206,
                    column: 5,
                    len: 0,
                },
                source: t(1206, 10, "lister-2015"),
                quote: t(1207, 12, quote),
                locator: t(1208, 14, "p. 12"),
                credibility: None,
            }],
            span: Span {
                file,
                line: 1206,
                column: 3,
                len: 0,
            },
        }),
        ..RawEdge::default()
    };
    let mut packed = PackedEdges::new(file);
    packed.push(&edge);
    let text = [
        "isis",
        "al-qaeda",
        "rivalry",
        "2014-02",
        "high",
        "lister-2015",
        quote,
        "p. 12",
    ];
    let text_bytes: usize = text.iter().map(|t| t.len()).sum();
    let spans = 11;
    assert!(
        packed.packed_bytes() <= text_bytes + 4 * spans + text.len() + 4,
        "{} bytes for {text_bytes} of text",
        packed.packed_bytes()
    );
    assert_eq!(packed.into_iter().next(), Some(edge));
}
