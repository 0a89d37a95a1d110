//! Graded evidence, the Admiralty code of NATO AJP-2.1: a source's reliability (`A`–`F`)
//! and a citation's credibility (`1`–`6`). The last grade of each scale, `F` and `6`,
//! says the grade *cannot be judged*, not that it is the worst: it is not below `E` or
//! `5`, so it never meets a minimum, and it counts as better than no grade at all only
//! when the best grade of several is asked for.

/// How far a source has proved trustworthy (`reliability:` on a source).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reliability {
    /// Completely reliable: no doubt of its authenticity, trustworthiness or competence;
    /// a history of complete reliability.
    A,
    /// Usually reliable: minor doubts; mostly valid information in the past.
    B,
    /// Fairly reliable: doubts; valid information in the past.
    C,
    /// Not usually reliable: significant doubts; valid information now and then.
    D,
    /// Unreliable: lacks authenticity, trustworthiness or competence; a history of
    /// invalid information.
    E,
    /// Reliability cannot be judged: no basis to evaluate the source.
    F,
}

/// How far a piece of information is borne out (`credibility:` on a citation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Credibility {
    /// Confirmed by other independent sources; logical in itself; agrees with what is
    /// known.
    Confirmed,
    /// Probably true: not confirmed; logical in itself; agrees with what is known.
    Probable,
    /// Possibly true: not confirmed; reasonably logical; agrees with some of what is
    /// known.
    Possible,
    /// Doubtful: not confirmed; possible but not logical; nothing else bears it out.
    Doubtful,
    /// Improbable: not confirmed; not logical; contradicted by what is known.
    Improbable,
    /// Truth cannot be judged: no basis to evaluate the information.
    CannotBeJudged,
}

impl Reliability {
    /// Every grade, best first.
    pub const ALL: [Reliability; 6] = [
        Reliability::A,
        Reliability::B,
        Reliability::C,
        Reliability::D,
        Reliability::E,
        Reliability::F,
    ];

    /// Parses the canonical letter (`A` … `F`, capital).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.letter() == s)
    }

    /// The letter.
    pub fn letter(self) -> &'static str {
        ["A", "B", "C", "D", "E", "F"][self as usize]
    }

    /// The grade in words, e.g. `usually reliable`.
    pub fn meaning(self) -> &'static str {
        [
            "completely reliable",
            "usually reliable",
            "fairly reliable",
            "not usually reliable",
            "unreliable",
            "reliability cannot be judged",
        ][self as usize]
    }

    /// Whether the grade is `min` or better. `F` (cannot be judged) meets no minimum and,
    /// as a minimum, is met by nothing.
    pub fn meets(self, min: Reliability) -> bool {
        self != Reliability::F && min != Reliability::F && self as u8 <= min as u8
    }

    /// The best of several grades: the best judged one, else `F` when any was given.
    pub fn best(grades: impl IntoIterator<Item = Reliability>) -> Option<Reliability> {
        grades.into_iter().min_by_key(|&r| r as u8)
    }
}

impl Credibility {
    /// Every grade, best first.
    pub const ALL: [Credibility; 6] = [
        Credibility::Confirmed,
        Credibility::Probable,
        Credibility::Possible,
        Credibility::Doubtful,
        Credibility::Improbable,
        Credibility::CannotBeJudged,
    ];

    /// The grade numbered `n` (1 … 6).
    pub fn from_number(n: u8) -> Option<Self> {
        Self::ALL.get(usize::from(n).checked_sub(1)?).copied()
    }

    /// Parses the canonical digit (`1` … `6`).
    pub fn parse(s: &str) -> Option<Self> {
        match s.as_bytes() {
            [d @ b'1'..=b'6'] => Self::from_number(d - b'0'),
            _ => None,
        }
    }

    /// The number, 1 … 6.
    pub fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The digit as text.
    pub fn digit(self) -> &'static str {
        ["1", "2", "3", "4", "5", "6"][self as usize]
    }

    /// The grade in words, e.g. `probably true`.
    pub fn meaning(self) -> &'static str {
        [
            "confirmed by other sources",
            "probably true",
            "possibly true",
            "doubtful",
            "improbable",
            "truth cannot be judged",
        ][self as usize]
    }

    /// Whether the grade is `min` or better. `6` (cannot be judged) meets no minimum and,
    /// as a minimum, is met by nothing.
    pub fn meets(self, min: Credibility) -> bool {
        self != Credibility::CannotBeJudged
            && min != Credibility::CannotBeJudged
            && self as u8 <= min as u8
    }

    /// The best of several grades: the best judged one, else `6` when any was given.
    pub fn best(grades: impl IntoIterator<Item = Credibility>) -> Option<Credibility> {
        grades.into_iter().min_by_key(|&c| c as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::{Credibility, Reliability};

    #[test]
    fn only_canonical_forms_parse() {
        assert_eq!(Reliability::parse("B"), Some(Reliability::B));
        for bad in ["b", "G", "", "AB", " A", "1"] {
            assert_eq!(Reliability::parse(bad), None, "{bad:?}");
        }
        assert_eq!(Credibility::parse("3"), Some(Credibility::Possible));
        for bad in ["0", "7", "03", "3.0", "", "C"] {
            assert_eq!(Credibility::parse(bad), None, "{bad:?}");
        }
        for c in Credibility::ALL {
            assert_eq!(Credibility::parse(c.digit()), Some(c));
            assert_eq!(Credibility::from_number(c.number()), Some(c));
        }
        for r in Reliability::ALL {
            assert_eq!(Reliability::parse(r.letter()), Some(r));
        }
    }

    #[test]
    fn cannot_be_judged_meets_no_minimum() {
        use Reliability::{A, B, C, E, F};
        assert!(A.meets(B) && B.meets(B) && !C.meets(B) && E.meets(E));
        assert!(!F.meets(E) && !F.meets(F) && !A.meets(F));
        let (two, six) = (Credibility::Probable, Credibility::CannotBeJudged);
        assert!(Credibility::Confirmed.meets(two) && two.meets(two));
        assert!(!Credibility::Possible.meets(two) && !six.meets(Credibility::Improbable));
        assert!(!six.meets(six));
    }

    #[test]
    fn best_prefers_a_judged_grade() {
        use Reliability::{C, E, F};
        assert_eq!(Reliability::best([F, E, C]), Some(C));
        assert_eq!(Reliability::best([F]), Some(F));
        assert_eq!(Reliability::best([]), None);
        let six = Credibility::CannotBeJudged;
        assert_eq!(
            Credibility::best([six, Credibility::Improbable]),
            Some(Credibility::Improbable)
        );
    }
}
