//! Dates as tables write them, turned into the format's EDTF: ISO dates as they are,
//! `YYYY-00-00` and `YYYY-MM-00` (MMP's unknown month or day), `m/d/yy` and `m/d/yyyy`,
//! ISO date-times and spreadsheet years such as `2001.0` (Gephi).

use crate::model::Date;

/// Two-digit years up to this one are read as 20yy, later ones as 19yy.
pub const PIVOT: u16 = 30;

/// How slashed dates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slashes {
    /// Month first (`m/d/yy`), as MMP writes them.
    MonthFirst,
    /// Unknown: accepted only when one part cannot be a month.
    Ambiguous,
}

/// The EDTF text for `cell`, or a message saying why it is not a date.
pub fn normalize(cell: &str, slashes: Slashes) -> Result<String, String> {
    let text = cell.trim();
    if Date::parse(text).is_ok() {
        return Ok(text.to_owned());
    }
    let candidate = zero_parts(text)
        .or_else(|| slashed(text, slashes))
        .or_else(|| date_time(text))
        .or_else(|| float_year(text));
    match candidate {
        Some(Ok(c)) if Date::parse(&c).is_ok() => Ok(c),
        Some(Err(message)) => Err(message),
        _ => Err(format!(
            "`{text}` is not a date this import understands (YYYY, YYYY-MM, YYYY-MM-DD, m/d/yyyy, YYYY-00-00)"
        )),
    }
}

/// `2005-00-00` → `2005`, `2014-02-00` → `2014-02`.
fn zero_parts(text: &str) -> Option<Result<String, String>> {
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() != 3
        || parts[0].len() != 4
        || !text.bytes().all(|b| b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    match (parts[1], parts[2]) {
        ("00", "00") => Some(Ok(parts[0].to_owned())),
        ("00", _) => Some(Err(format!("`{text}` gives a day but no month"))),
        (m, "00") => Some(Ok(format!("{}-{m}", parts[0]))),
        _ => None,
    }
}

fn slashed(text: &str, slashes: Slashes) -> Option<Result<String, String>> {
    let parts: Vec<&str> = text.split('/').collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n = |s: &str| s.parse::<u16>().ok();
    let (a, b, y) = (n(parts[0])?, n(parts[1])?, parts[2]);
    let year = match y.len() {
        2 => {
            let yy = n(y)?;
            if yy <= PIVOT { 2000 + yy } else { 1900 + yy }
        }
        4 => n(y)?,
        _ => return Some(Err(format!("`{text}` has a year of {} digits", y.len()))),
    };
    let (month, day) = match slashes {
        Slashes::MonthFirst => (a, b),
        Slashes::Ambiguous if a > 12 => (b, a),
        Slashes::Ambiguous if b > 12 => (a, b),
        Slashes::Ambiguous if a == b => (a, b),
        Slashes::Ambiguous => {
            return Some(Err(format!(
                "`{text}` could be day/month or month/day; write it as YYYY-MM-DD"
            )));
        }
    };
    Some(Ok(format!("{year:04}-{month:02}-{day:02}")))
}

/// `2015-08-11T10:00:00` or `2015-08-11 10:00:00` → `2015-08-11`.
fn date_time(text: &str) -> Option<Result<String, String>> {
    let (day, rest) = text.split_once(['T', ' '])?;
    (rest.contains(':') && Date::parse(day).is_ok()).then(|| Ok(day.to_owned()))
}

/// `2001.0` → `2001` (Gephi writes years as numbers).
fn float_year(text: &str) -> Option<Result<String, String>> {
    let (int, frac) = text.split_once('.')?;
    (int.len() == 4 && int.bytes().all(|b| b.is_ascii_digit()) && frac.bytes().all(|b| b == b'0'))
        .then(|| Ok(int.to_owned()))
}

/// Gephi's time interval `<[2001.0, 2005.0]>` or `<[2001-01-01,2005-12-31];…>`: the first
/// interval's start and end (either may be `-inf`/`inf`, meaning open).
pub fn interval(cell: &str) -> Option<(Option<String>, Option<String>)> {
    let inner = cell.trim().strip_prefix('<')?.strip_suffix('>')?;
    let first = inner.split(';').next()?.trim();
    let body = first.strip_prefix(['[', '('])?.strip_suffix([']', ')'])?;
    let (a, b) = body.split_once(',')?;
    let open = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && !s.ends_with("inf") && !s.eq_ignore_ascii_case("infinity"))
            .then(|| s.to_owned())
    };
    Some((open(a), open(b)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_dates_become_edtf() {
        let ok = |s: &str, sl| normalize(s, sl).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(ok("2015", Slashes::Ambiguous), "2015");
        assert_eq!(ok(" 2015-08 ", Slashes::Ambiguous), "2015-08");
        assert_eq!(ok("2005-00-00", Slashes::MonthFirst), "2005");
        assert_eq!(ok("2014-02-00", Slashes::MonthFirst), "2014-02");
        assert_eq!(ok("2/18/10", Slashes::MonthFirst), "2010-02-18");
        assert_eq!(ok("12/1/98", Slashes::MonthFirst), "1998-12-01");
        assert_eq!(ok("25/12/2001", Slashes::Ambiguous), "2001-12-25");
        assert_eq!(ok("2015-08-11T00:00:00", Slashes::Ambiguous), "2015-08-11");
        assert_eq!(ok("2001.0", Slashes::Ambiguous), "2001");
        assert!(normalize("3/4/2001", Slashes::Ambiguous).is_err());
        assert!(normalize("2/30/10", Slashes::MonthFirst).is_err());
        assert!(normalize("soon", Slashes::MonthFirst).is_err());
        assert!(normalize("2005-00-12", Slashes::MonthFirst).is_err());
    }

    #[test]
    fn gephi_intervals() {
        assert_eq!(
            interval("<[2001.0, 2005.0]>"),
            Some((Some("2001.0".into()), Some("2005.0".into())))
        );
        assert_eq!(
            interval("<[2001-01-01, Infinity]>"),
            Some((Some("2001-01-01".into()), None))
        );
        assert_eq!(interval("2001"), None);
    }
}
