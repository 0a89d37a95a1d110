//! The closed list of diagnostic codes. Each code is a stable kebab-case name with a fixed
//! default severity and one heading in `docs/diagnostics.md` (a test keeps them in step).

use serde::Serialize;

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident;)*) => {
        /// A stable, documented diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $(#[doc = $name] $variant,)* }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity the code has unless `--strict` raises it.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }
        }
    };
}

codes! {
    // Reading files.
    NoYamlFiles = "no-yaml-files", Error;
    IoError = "io-error", Error;
    NotARegularFile = "not-a-regular-file", Error;
    LinkOutsideDataset = "link-outside-dataset", Error;
    InvalidUtf8 = "invalid-utf8", Error;
    // YAML structure.
    YamlSyntax = "yaml-syntax", Error;
    MultipleDocuments = "multiple-documents", Error;
    NestingTooDeep = "nesting-too-deep", Error;
    DuplicateKey = "duplicate-key", Error;
    UnsupportedTag = "unsupported-tag", Error;
    TagMismatch = "tag-mismatch", Error;
    NotAMapping = "not-a-mapping", Error;
    UnknownKey = "unknown-key", Error;
    MissingField = "missing-field", Error;
    WrongType = "wrong-type", Error;
    EmptyValue = "empty-value", Error;
    InvalidValue = "invalid-value", Error;
    ControlCharacter = "control-character", Error;
    // Records.
    InvalidId = "invalid-id", Error;
    DuplicateId = "duplicate-id", Error;
    InvalidUrl = "invalid-url", Error;
    InvalidWikidata = "invalid-wikidata", Error;
    InvalidReliability = "invalid-reliability", Error;
    InvalidCredibility = "invalid-credibility", Error;
    InvalidDate = "invalid-date", Error;
    // Edges.
    UnknownOrganization = "unknown-organization", Error;
    UnknownEdgeType = "unknown-edge-type", Error;
    BuiltinDirection = "builtin-direction", Error;
    SelfLoop = "self-loop", Error;
    DateWithInterval = "date-with-interval", Error;
    EndBeforeStart = "end-before-start", Error;
    MissingCitation = "missing-citation", Error;
    UnknownSource = "unknown-source", Error;
    DuplicateEdge = "duplicate-edge", Error;
    // Warnings.
    UndatedEdge = "undated-edge", Warning;
    DateOutsideLifespan = "date-outside-lifespan", Warning;
    SplinterBeforeParent = "splinter-before-parent", Warning;
    SelfDisputed = "self-disputed", Warning;
    UnusedSource = "unused-source", Warning;
    IsolatedOrganization = "isolated-organization", Warning;
    SuspectedMojibake = "suspected-mojibake", Warning;
    CommentInText = "comment-in-text", Warning;
    // Importing tables (`actorgraph import`).
    UnreadableTable = "unreadable-table", Error;
    MissingColumn = "missing-column", Error;
    EmptyCell = "empty-cell", Error;
    UnknownNode = "unknown-node", Error;
    UnmappedRelation = "unmapped-relation", Error;
    DecodedEncoding = "decoded-encoding", Warning;
    UnusedColumn = "unused-column", Warning;
    DuplicateRow = "duplicate-row", Warning;
    MergedRows = "merged-rows", Warning;
    RepairedMojibake = "repaired-mojibake", Warning;
    SuspectedEscapes = "suspected-escapes", Warning;
    RepairedEscapes = "repaired-escapes", Warning;
    ProbableMatch = "probable-match", Warning;
}

impl Code {
    /// Whether the problem is about reading the input at all (exit status 2, not 1).
    pub fn is_input_failure(self) -> bool {
        matches!(
            self,
            Code::NoYamlFiles
                | Code::IoError
                | Code::NotARegularFile
                | Code::LinkOutsideDataset
                | Code::UnreadableTable
        )
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
