//! Dates in the format's EDTF subset (ISO 8601-2 levels 0 and 1): `2015`, `2015-08`,
//! `2015-08-11`, unspecified trailing digits (`201X`, `2015-XX`) and the qualifiers `?`, `~`
//! and `%`. Each date resolves to the earliest and latest day it can mean; qualifiers do
//! not widen that span, they travel to the exports as flags.

use std::fmt;

/// A calendar day, ordered chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Year, 0 to 9999.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31.
    pub day: u8,
}

impl Day {
    /// The first day a date can mean.
    pub const MIN: Day = Day {
        year: 0,
        month: 1,
        day: 1,
    };
    /// The last day a date can mean.
    pub const MAX: Day = Day {
        year: 9999,
        month: 12,
        day: 31,
    };
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A parsed date: what was written, the span of days it can mean, and its hedges.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Date {
    text: Written,
    earliest: Day,
    latest: Day,
    uncertain: bool,
    approximate: bool,
}

/// A valid date as written, kept in place: at most `YYYY-MM-DD` and a qualifier, all
/// ASCII. Half a million edges carry two dates each, so 12 bytes rather than a 24-byte
/// string matter.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Written {
    bytes: [u8; Written::MAX],
    len: u8,
}

impl Written {
    const MAX: usize = 11;

    /// `None` when `text` is too long to be a valid date.
    fn new(text: &str) -> Option<Written> {
        let mut bytes = [0; Written::MAX];
        bytes
            .get_mut(..text.len())?
            .copy_from_slice(text.as_bytes());
        Some(Written {
            bytes,
            len: text.len() as u8,
        })
    }

    fn as_str(&self) -> &str {
        // Copied from a `str` and cut at its end, so always UTF-8.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl fmt::Debug for Written {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Why a date did not parse, with a hint at the usual fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What is wrong.
    pub message: String,
    /// How to write it instead.
    pub help: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.help)
    }
}

impl std::error::Error for DateError {}

const FORMS: &str = "write YYYY, YYYY-MM or YYYY-MM-DD, with X for unknown digits (201X, 2015-XX) and an optional ? (uncertain), ~ (approximate) or % (both)";

impl Date {
    /// Parses a date as written in a dataset.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        if let Some(help) = other_notation(text) {
            return Err(DateError {
                message: format!("`{text}` is not in the notation dates are written in"),
                help,
            });
        }
        let fail = |message: String| DateError {
            message,
            help: hint(text),
        };
        let (body, uncertain, approximate) = match text.as_bytes().last() {
            Some(b'?') => (&text[..text.len() - 1], true, false),
            Some(b'~') => (&text[..text.len() - 1], false, true),
            Some(b'%') => (&text[..text.len() - 1], true, true),
            _ => (text, false, false),
        };
        let parts: Vec<&str> = body.split('-').collect();
        if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
            return Err(fail(format!("`{text}` is not a date")));
        }
        let (y_lo, y_hi) =
            year(parts[0]).ok_or_else(|| fail(format!("`{text}` has no valid four-digit year")))?;
        let month = parts.get(1).map(|m| two_digits(m, 12));
        let day = parts.get(2).map(|d| two_digits(d, 31));
        let (m_lo, m_hi) = match month {
            None | Some(Some(Field::Unknown)) => (1, 12),
            Some(Some(Field::Known(m))) => (m, m),
            Some(None) => return Err(fail(format!("`{text}` has an invalid month"))),
        };
        let unknown_month = matches!(month, Some(Some(Field::Unknown)));
        let (d_lo, d_hi) = match day {
            None | Some(Some(Field::Unknown)) => (1, days_in_month(y_hi, m_hi)),
            Some(Some(Field::Known(_))) if unknown_month => {
                return Err(fail(format!("`{text}` gives a day of an unknown month")));
            }
            Some(Some(Field::Known(d))) if d <= max_days(y_lo, y_hi, m_lo) => (d, d),
            _ => return Err(fail(format!("`{text}` has no such day"))),
        };
        // `201X-02-29` can only mean a leap year of the decade: 2012 to 2016.
        let (y_lo, y_hi) = if (m_lo, d_lo) == (2, 29) {
            let mut leap = (y_lo..=y_hi).filter(|&y| is_leap(y));
            let first = leap.next().unwrap_or(y_lo);
            (first, leap.next_back().unwrap_or(first))
        } else {
            (y_lo, y_hi)
        };
        let written = Written::new(text).ok_or_else(|| fail(format!("`{text}` is not a date")))?;
        Ok(Date {
            text: written,
            earliest: Day {
                year: y_lo,
                month: m_lo,
                day: d_lo,
            },
            latest: Day {
                year: y_hi,
                month: m_hi,
                day: d_hi,
            },
            uncertain,
            approximate,
        })
    }

    /// The date exactly as written.
    pub fn text(&self) -> &str {
        self.text.as_str()
    }

    /// The first day the date can mean.
    pub fn earliest(&self) -> Day {
        self.earliest
    }

    /// The last day the date can mean.
    pub fn latest(&self) -> Day {
        self.latest
    }

    /// Marked `?` or `%`.
    pub fn is_uncertain(&self) -> bool {
        self.uncertain
    }

    /// Marked `~` or `%`.
    pub fn is_approximate(&self) -> bool {
        self.approximate
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text.as_str())
    }
}

enum Field {
    Known(u8),
    Unknown,
}

/// A year of four characters: digits, then optionally `X`s for unknown trailing digits.
fn year(s: &str) -> Option<(u16, u16)> {
    let b = s.as_bytes();
    if b.len() != 4 {
        return None;
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !b[digits..].iter().all(|&c| c == b'X') {
        return None;
    }
    let lo: String = s[..digits]
        .chars()
        .chain(std::iter::repeat_n('0', 4 - digits))
        .collect();
    let hi: String = s[..digits]
        .chars()
        .chain(std::iter::repeat_n('9', 4 - digits))
        .collect();
    Some((lo.parse().ok()?, hi.parse().ok()?))
}

fn two_digits(s: &str, max: u8) -> Option<Field> {
    if s == "XX" {
        return Some(Field::Unknown);
    }
    if s.len() != 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = s.parse().ok()?;
    (1..=max).contains(&n).then_some(Field::Known(n))
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The most days `month` can have in any year of `lo..=hi`.
fn max_days(lo: u16, hi: u16, month: u8) -> u8 {
    if month == 2 && (lo..=hi).any(is_leap) {
        29
    } else {
        days_in_month(lo, month)
    }
}

/// The month names (and their first three letters) a date may be written with.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// How to write `text` when it is a date in another notation: a month name (`July
/// 2020`), an approximation before the year (`~2016`, `c. 2016`), or a range of years
/// (`2014-2016`).
fn other_notation(text: &str) -> Option<String> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    for prefix in ["circa", "ca.", "ca", "c.", "~"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = rest.trim_start();
            let glued = rest.len() == lower.len() - prefix.len();
            if (prefix == "ca" && glued) || rest.is_empty() {
                continue;
            }
            if Date::parse(rest).is_ok_and(|d| !d.is_approximate() && !d.is_uncertain()) {
                return Some(format!("an approximate date takes `~` after it: `{rest}~`"));
            }
        }
    }
    if let Some((a, b)) = t.split_once(['-', '\u{2013}']) {
        let (a, b) = (a.trim(), b.trim());
        if [a, b].iter().all(|y| y.len() == 4 && year(y).is_some()) {
            return Some(format!(
                "a span of years is two fields: `start: {a}` and `end: {b}`"
            ));
        }
    }
    month_name(&lower).map(|iso| format!("write it `{iso}`"))
}

/// `July 2020`, `Jul 2020`, `11 July 2020` or `July 11, 2020` as `2020-07(-11)`.
fn month_name(lower: &str) -> Option<String> {
    let words: Vec<&str> = lower
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.'))
        .collect();
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    let month = words.iter().find_map(|w| {
        MONTHS
            .iter()
            .position(|m| *w == *m || (w.len() == 3 && m.starts_with(w)))
    })?;
    let year = words
        .iter()
        .find(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?;
    let day = words
        .iter()
        .find(|w| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()));
    if words.len() == 3 && day.is_none() {
        return None;
    }
    let mut iso = format!("{year}-{:02}", month + 1);
    if let Some(day) = day {
        iso = format!("{iso}-{day:0>2}");
    }
    Date::parse(&iso).ok().map(|_| iso)
}

/// A hint tailored to the common ways dates go wrong.
fn hint(text: &str) -> String {
    if text.contains('/') {
        return format!("dates are year first with dashes (2015-08-11), not slashes; {FORMS}");
    }
    if text.contains("-00") {
        let trimmed = text.split("-00").next().unwrap_or(text);
        return format!("leave out unknown parts instead of writing 00: `{trimmed}`");
    }
    if text.split('-').skip(1).any(|p| p.len() == 1) {
        return format!("months and days have two digits (2015-08, not 2015-8); {FORMS}");
    }
    FORMS.to_owned()
}

/// When an edge holds: at a point, over an interval (either end may be open), or unknown.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum When {
    /// No date at all.
    Undated,
    /// A single event (`date`).
    Point(Date),
    /// An interval (`start` and/or `end`).
    Interval {
        /// When it began, if known.
        start: Option<Date>,
        /// When it ended, if it did.
        end: Option<Date>,
    },
}

impl When {
    /// The date the relationship began: `date`, else `start`.
    pub fn first(&self) -> Option<&Date> {
        match self {
            When::Undated => None,
            When::Point(d) => Some(d),
            When::Interval { start, .. } => start.as_ref(),
        }
    }

    /// The date the relationship was last seen: `date`, else `end`.
    pub fn last(&self) -> Option<&Date> {
        match self {
            When::Undated => None,
            When::Point(d) => Some(d),
            When::Interval { end, .. } => end.as_ref(),
        }
    }

    /// A compact label: `2002`, `2015-08–`, `1996–2001`, `–2016`, or empty when undated.
    pub fn label(&self) -> String {
        match self {
            When::Undated => String::new(),
            When::Point(d) => d.text().to_owned(),
            When::Interval { start, end } => format!(
                "{}–{}",
                start.as_ref().map_or("", Date::text),
                end.as_ref().map_or("", Date::text)
            ),
        }
    }

    /// The bytes of [`When::label`], without allocating it.
    pub(crate) fn label_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let (first, dash, second) = self.label_parts();
        first.bytes().chain(dash.bytes()).chain(second.bytes())
    }

    /// The three pieces [`When::label`] joins: first date, dash, second date.
    pub(crate) fn label_parts(&self) -> (&str, &'static str, &str) {
        match self {
            When::Undated => ("", "", ""),
            When::Point(d) => (d.text(), "", ""),
            When::Interval { start, end } => (
                start.as_ref().map_or("", Date::text),
                "–",
                end.as_ref().map_or("", Date::text),
            ),
        }
    }

    /// A key that sorts undated first, then by the earliest day, then by text.
    pub fn sort_key(&self) -> (Option<Day>, Option<Day>, String) {
        let first = self.first().map(Date::earliest);
        let last = self.last().map(Date::latest);
        (first, last, self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(text: &str) -> (String, String) {
        let d = Date::parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
        (d.earliest().to_string(), d.latest().to_string())
    }

    /// The longest dates keep their text; longer text is no date.
    #[test]
    fn the_longest_dates_are_kept_whole() {
        for text in ["2015-08-11%", "201X-XX-XX?", "1999-12-31~"] {
            let d = Date::parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
            assert_eq!(d.text(), text);
            assert_eq!(format!("{d:?}").matches(&format!("{text:?}")).count(), 1);
        }
        assert!(Date::parse("2015-08-11%%").is_err());
        assert!(Date::parse("02015-08-11").is_err());
    }

    #[test]
    fn label_bytes_spell_the_label() {
        let d = |t: &str| Date::parse(t).ok();
        let cases = [
            When::Undated,
            When::Point(Date::parse("2015-08~").unwrap_or_else(|e| panic!("{}", e.message))),
            When::Interval {
                start: d("1996"),
                end: d("2001-XX"),
            },
            When::Interval {
                start: None,
                end: d("2016"),
            },
            When::Interval {
                start: d("2015-08"),
                end: None,
            },
        ];
        for w in &cases {
            let bytes: Vec<u8> = w.label_bytes().collect();
            assert_eq!(bytes, w.label().into_bytes());
        }
    }

    #[test]
    fn precision_sets_the_span() {
        assert_eq!(bounds("2015"), ("2015-01-01".into(), "2015-12-31".into()));
        assert_eq!(
            bounds("2015-08"),
            ("2015-08-01".into(), "2015-08-31".into())
        );
        assert_eq!(
            bounds("2015-08-11"),
            ("2015-08-11".into(), "2015-08-11".into())
        );
        assert_eq!(
            bounds("2016-02"),
            ("2016-02-01".into(), "2016-02-29".into())
        );
        assert_eq!(
            bounds("2015-02"),
            ("2015-02-01".into(), "2015-02-28".into())
        );
    }

    #[test]
    fn unspecified_digits_widen_the_span() {
        assert_eq!(bounds("201X"), ("2010-01-01".into(), "2019-12-31".into()));
        assert_eq!(bounds("19XX"), ("1900-01-01".into(), "1999-12-31".into()));
        assert_eq!(
            bounds("2015-XX"),
            ("2015-01-01".into(), "2015-12-31".into())
        );
        assert_eq!(
            bounds("2015-08-XX"),
            ("2015-08-01".into(), "2015-08-31".into())
        );
        assert_eq!(
            bounds("2015-XX-XX"),
            ("2015-01-01".into(), "2015-12-31".into())
        );
    }

    #[test]
    fn qualifiers_flag_but_do_not_widen() {
        let d = Date::parse("2015~").expect("valid");
        assert!(d.is_approximate() && !d.is_uncertain());
        assert_eq!(d.earliest().to_string(), "2015-01-01");
        let d = Date::parse("2015-08?").expect("valid");
        assert!(d.is_uncertain() && !d.is_approximate());
        let d = Date::parse("2001%").expect("valid");
        assert!(d.is_uncertain() && d.is_approximate());
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "15",
            "2015-13",
            "2015-00",
            "2015-02-30",
            "2015-8",
            "8/11/2015",
            "2015-00-00",
            "20X5",
            "2015-XX-11",
            "2015-08-11-01",
            "2015??",
            "abcd",
            "+2015",
            "2015-",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad} should be rejected");
        }
        assert!(Date::parse("2016-02-29").is_ok());
        assert!(Date::parse("2015-02-29").is_err());
        assert!(Date::parse("201X-02-29").is_ok());
    }

    #[test]
    fn hints_name_the_usual_mistake() {
        assert!(
            Date::parse("8/11/2015")
                .unwrap_err()
                .help
                .contains("not slashes")
        );
        assert!(
            Date::parse("2005-00-00")
                .unwrap_err()
                .help
                .contains("`2005`")
        );
        assert!(
            Date::parse("2015-8")
                .unwrap_err()
                .help
                .contains("two digits")
        );
    }

    #[test]
    fn dates_in_other_notations_get_the_format_spelled_out() {
        let help = |text: &str| Date::parse(text).unwrap_err().help;
        assert!(
            help("July 2020").contains("`2020-07`"),
            "{}",
            help("July 2020")
        );
        assert!(help("jul 2020").contains("`2020-07`"));
        assert!(help("11 July 2020").contains("`2020-07-11`"));
        assert!(help("July 11, 2020").contains("`2020-07-11`"));
        for approx in [
            "~2016",
            "c. 2016",
            "ca. 2016",
            "circa 2016",
            "c.2016",
            "ca 2016",
        ] {
            assert!(
                help(approx).contains("`2016~`"),
                "{approx}: {}",
                help(approx)
            );
        }
        assert!(help("~2016-05").contains("`2016-05~`"));
        for range in ["2014-2016", "2014 - 2016", "2014\u{2013}2016"] {
            assert!(
                help(range).contains("`start: 2014` and `end: 2016`"),
                "{range}: {}",
                help(range)
            );
        }
        // Not dates in another notation: the usual help.
        assert!(help("July").contains("YYYY-MM"));
        assert!(help("30 February 2015").contains("YYYY-MM"));
        assert!(help("cabbage").contains("YYYY-MM"));
    }

    #[test]
    fn labels_are_compact() {
        let d = |t| Some(Date::parse(t).expect("valid"));
        assert_eq!(
            When::Point(Date::parse("2002").expect("valid")).label(),
            "2002"
        );
        assert_eq!(
            When::Interval {
                start: d("2015-08"),
                end: None
            }
            .label(),
            "2015-08–"
        );
        assert_eq!(
            When::Interval {
                start: d("1996"),
                end: d("2001")
            }
            .label(),
            "1996–2001"
        );
        assert_eq!(
            When::Interval {
                start: None,
                end: d("2016")
            }
            .label(),
            "–2016"
        );
    }
}
