//! Fuzz target 3: the date parser. It must never panic, and a date it accepts must be
//! what was written, span real calendar days in order, and parse again to itself.

#![no_main]

use actorgraph::model::{Date, Day};
use libfuzzer_sys::fuzz_target;

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
    day.year <= 9999 && (1..=days).contains(&day.day)
}

fuzz_target!(|text: &str| {
    let Ok(date) = Date::parse(text) else {
        return;
    };
    assert_eq!(date.text(), text);
    assert!(date.earliest() <= date.latest(), "{text}: {date:?}");
    assert!(
        is_real(date.earliest()),
        "{text}: earliest {}",
        date.earliest()
    );
    assert!(is_real(date.latest()), "{text}: latest {}", date.latest());
    assert_eq!(Date::parse(date.text()).as_ref(), Ok(&date));
    let shown = date.to_string();
    assert_eq!(shown, text);
});
