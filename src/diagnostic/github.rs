//! GitHub Actions workflow commands (`::error file=…,line=…,col=…,endColumn=…::message`), so a pull
//! request shows each problem as an annotation on the exact line. Text from the dataset
//! goes through the shared [`printable`] display first (the log viewer would act on an
//! escape sequence), then through the workflow-command escaping, so no file name or
//! message can end the command early or start another one.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Diagnostic, Summary};
use crate::printable::printable;

/// Writes one workflow command per diagnostic and the summary as a notice.
pub fn render_github(
    out: &mut dyn Write,
    diagnostics: &[Diagnostic],
    summary: &Summary,
) -> io::Result<()> {
    for d in diagnostics {
        let mut props = Vec::new();
        if let Some(loc) = &d.location {
            props.push(format!("file={}", escape_property(&printable(&loc.path))));
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.column));
            if loc.len > 0 {
                // The last column of the value, counted like `col` (inclusive).
                props.push(format!("endColumn={}", loc.column + loc.len - 1));
            }
        }
        props.push(format!("title={}", escape_property(d.code.as_str())));
        let mut message = printable(&d.message).into_owned();
        if let Some(related) = &d.related {
            let loc = &related.location;
            let _ = write!(
                message,
                "\nnote: {} at {}:{}:{}",
                printable(&related.note),
                printable(&loc.path),
                loc.line,
                loc.column
            );
        }
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(&printable(help));
        }
        writeln!(
            out,
            "::{} {}::{}",
            d.severity.as_str(),
            props.join(","),
            escape_data(&message)
        )?;
    }
    writeln!(
        out,
        "::notice title=actorgraph::{}",
        escape_data(&summary.line())
    )
}

/// Escapes a command's message, as the Actions toolkit does.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value, which additionally may not contain `:` or `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
