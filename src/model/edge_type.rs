//! Edge types: the four built in with fixed direction semantics, and the ones a dataset
//! declares. Styling defaults live here so every export draws a type the same way.

/// How an edge type is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LineStyle {
    /// A plain line.
    Solid,
    /// Dashes.
    Dashed,
    /// Dots.
    Dotted,
    /// A thick line.
    Bold,
}

impl LineStyle {
    /// Every style, for error messages.
    pub const NAMES: &'static [&'static str] = &["solid", "dashed", "dotted", "bold"];

    /// Parses a style word.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "solid" => Some(LineStyle::Solid),
            "dashed" => Some(LineStyle::Dashed),
            "dotted" => Some(LineStyle::Dotted),
            "bold" => Some(LineStyle::Bold),
            _ => None,
        }
    }

    /// The word, as Graphviz and the format spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            LineStyle::Solid => "solid",
            LineStyle::Dashed => "dashed",
            LineStyle::Dotted => "dotted",
            LineStyle::Bold => "bold",
        }
    }
}

/// A relation type, built in or declared.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct EdgeType {
    /// The name edges use in `type:`.
    pub name: String,
    /// Whether `from -> to` differs from `to -> from`.
    pub directed: bool,
    /// Human label (`pledged allegiance to`).
    pub label: String,
    /// `#rrggbb` or a Graphviz colour name.
    pub color: String,
    /// Line style.
    pub style: LineStyle,
    /// One of the four built-in types.
    pub builtin: bool,
}

/// The built-in types: name, directed, label, colour, style.
pub const BUILTINS: &[(&str, bool, &str, &str, LineStyle)] = &[
    (
        "allegiance",
        true,
        "pledged allegiance to",
        "#1f78b4",
        LineStyle::Solid,
    ),
    ("rivalry", false, "rival of", "#e31a1c", LineStyle::Solid),
    ("splinter", true, "split from", "#ff7f00", LineStyle::Bold),
    ("hosting", true, "hosts", "#33a02c", LineStyle::Solid),
];

/// Colour for a declared type that names none.
pub const DEFAULT_COLOR: &str = "#666666";

impl EdgeType {
    /// A built-in type, by name.
    pub(crate) fn builtin(name: &str) -> Option<EdgeType> {
        BUILTINS
            .iter()
            .find(|b| b.0 == name)
            .map(|&(name, directed, label, color, style)| EdgeType {
                name: name.to_owned(),
                directed,
                label: label.to_owned(),
                color: color.to_owned(),
                style,
                builtin: true,
            })
    }

    /// A type from its validated parts.
    pub(crate) fn new(
        name: String,
        directed: bool,
        label: Option<String>,
        color: Option<String>,
        style: Option<LineStyle>,
    ) -> EdgeType {
        let base = EdgeType::builtin(&name);
        EdgeType {
            label: label
                .or_else(|| base.as_ref().map(|b| b.label.clone()))
                .unwrap_or_else(|| name.replace(['-', '_'], " ")),
            color: color
                .or_else(|| base.as_ref().map(|b| b.color.clone()))
                .unwrap_or_else(|| DEFAULT_COLOR.to_owned()),
            style: style
                .or_else(|| base.as_ref().map(|b| b.style))
                .unwrap_or(LineStyle::Solid),
            builtin: base.is_some(),
            directed,
            name,
        }
    }
}

/// Whether `s` is a colour Graphviz knows: `#rrggbb` or one of its X11 colour names.
pub fn is_color(s: &str) -> bool {
    if let Some(hex) = s.strip_prefix('#') {
        return hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    }
    super::color_names::X11.binary_search(&s).is_ok()
}
