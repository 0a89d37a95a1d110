//! Findings of the fuzz targets (fuzz/, see docs/reliability.md), each kept as a test
//! that fails if the bug comes back.

use actorgraph::model::{Date, Day};

fn is_real(day: Day) -> bool {
    let leap = (day.year.is_multiple_of(4) && !day.year.is_multiple_of(100))
        || day.year.is_multiple_of(400);
    let days = match day.month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day.day)
}

/// The date fuzz target's first finding: `201X-02-29` resolved to 2010-02-29 ..
/// 2019-02-29, two days that do not exist, which the JSON export then wrote out and a
/// consumer's date parser would reject. It means a leap day of the decade: 2012 to 2016.
#[test]
fn leap_day_of_an_unknown_year_spans_real_leap_days() {
    let cases = [
        ("201X-02-29", "2012-02-29", "2016-02-29"),
        ("19XX-02-29", "1904-02-29", "1996-02-29"),
        ("XXXX-02-29", "0000-02-29", "9996-02-29"),
        ("200X-02-29?", "2000-02-29", "2008-02-29"),
        ("2016-02-29", "2016-02-29", "2016-02-29"),
    ];
    for (text, earliest, latest) in cases {
        let date = Date::parse(text).unwrap_or_else(|e| panic!("{text}: {}", e.message));
        assert_eq!(date.earliest().to_string(), earliest, "{text}");
        assert_eq!(date.latest().to_string(), latest, "{text}");
    }
    assert!(Date::parse("2015-02-29").is_err());
    assert!(
        Date::parse("190X-02-29").is_ok(),
        "1904 and 1908 are leap years"
    );
    assert!(Date::parse("1900-02-29").is_err());
}

/// Every shape of date the grammar allows, over a spread of years: each accepted date
/// spans real days, in order, and reads back as written.
#[test]
fn every_accepted_date_shape_spans_real_days() {
    let years = [
        "0000", "0001", "1600", "1900", "1999", "2000", "2015", "2016", "9999", "201X", "190X",
        "19XX", "1XXX", "XXXX", "000X", "999X",
    ];
    let months: Vec<String> = (1..=12)
        .map(|m| format!("{m:02}"))
        .chain(["XX".to_owned()])
        .collect();
    let days: Vec<String> = (1..=31)
        .map(|d| format!("{d:02}"))
        .chain(["XX".to_owned()])
        .collect();
    let mut accepted = 0;
    for year in years {
        let mut texts = vec![year.to_owned()];
        for month in &months {
            texts.push(format!("{year}-{month}"));
            texts.extend(days.iter().map(|day| format!("{year}-{month}-{day}")));
        }
        for text in texts {
            for qualifier in ["", "?", "~", "%"] {
                let text = format!("{text}{qualifier}");
                let Ok(date) = Date::parse(&text) else {
                    continue;
                };
                accepted += 1;
                assert!(is_real(date.earliest()), "{text}: {}", date.earliest());
                assert!(is_real(date.latest()), "{text}: {}", date.latest());
                assert!(date.earliest() <= date.latest(), "{text}");
                assert_eq!(date.text(), text);
            }
        }
    }
    assert!(accepted > 20_000, "{accepted}");
}
