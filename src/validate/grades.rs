//! Checks of the Admiralty grades: a source's `reliability` (a capital letter `A`–`F`)
//! and a citation's `credibility` (a whole number 1–6, its YAML type already checked by
//! the decoder). Only the canonical forms are accepted; a near miss gets the grade it
//! probably meant.

use super::Checker;
use crate::diagnostic::Code;
use crate::load::raw::Text;
use crate::model::{Credibility, Reliability};

impl Checker<'_> {
    /// The grade of a `reliability:` value, or `None` after reporting it.
    pub(super) fn reliability(&mut self, text: &Text) -> Option<Reliability> {
        let parsed = Reliability::parse(&text.value);
        if parsed.is_none() {
            let d = self.at(
                Code::InvalidReliability,
                text.span,
                format!("unknown reliability `{}`", text.value),
            );
            d.help = Some(reliability_help(&text.value));
        }
        parsed
    }

    /// The grade of a `credibility:` value, or `None` after reporting it.
    pub(super) fn credibility(&mut self, text: &Text) -> Option<Credibility> {
        let parsed = Credibility::parse(&text.value);
        if parsed.is_none() {
            let d = self.at(
                Code::InvalidCredibility,
                text.span,
                format!("unknown credibility `{}`", text.value),
            );
            d.help = Some(credibility_help(&text.value));
        }
        parsed
    }
}

fn reliability_help(value: &str) -> String {
    let upper = value.trim().to_ascii_uppercase();
    if let Some(r) = Reliability::parse(&upper) {
        return format!("did you mean `{}`? Grades are capital letters", r.letter());
    }
    if Credibility::parse(value.trim()).is_some() {
        return "a number 1–6 is a citation's `credibility`; a source's reliability is a letter A–F".into();
    }
    let scale: Vec<String> = Reliability::ALL
        .iter()
        .map(|r| format!("{} ({})", r.letter(), r.meaning()))
        .collect();
    format!("use one of: {}", scale.join(", "))
}

fn credibility_help(value: &str) -> String {
    let digits = value.trim_start_matches(['+', '0']);
    if let Some(c) = Credibility::parse(digits) {
        return format!("did you mean `{}`?", c.digit());
    }
    let scale: Vec<String> = Credibility::ALL
        .iter()
        .map(|c| format!("{} ({})", c.digit(), c.meaning()))
        .collect();
    format!("use one of: {}", scale.join(", "))
}
