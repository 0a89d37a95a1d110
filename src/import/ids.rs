//! Ids made from names: a lowercase ASCII slug (accents folded, apostrophes dropped,
//! anything else a `-`), and the comparison key names are matched by (case, spaces,
//! punctuation and accents ignored). Collisions are resolved by the caller in a sorted
//! order, so the same table always gives the same ids.

use crate::validate::is_id;

/// Longest id the format accepts.
const MAX_ID: usize = 64;

/// The ASCII letters a Latin letter with a diacritic stands for, or `None`.
fn fold(c: char) -> Option<&'static str> {
    let s = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ď'..='đ' | 'Ð' | 'ð' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŉ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'Ś'..='š' => "s",
        'ß' => "ss",
        'Ţ'..='ŧ' => "t",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź'..='ž' => "z",
        'Þ' | 'þ' => "th",
        _ => return None,
    };
    Some(s)
}

/// Whether `c` is an apostrophe, dropped rather than turned into a separator
/// (`Lashkar's` → `lashkars`); U+0092 is the Windows-1252 apostrophe seen as Latin-1.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{92}' | '\u{2bc}' | '`' | '\u{b4}'
    )
}

/// The slug of `name`: lowercase ASCII letters and digits separated by single `-`, at
/// most 64 characters (cut at a separator when possible). Empty when `name` has no Latin
/// letter or digit.
pub fn slug(name: &str) -> String {
    let mut out = words(name);
    if out.len() > MAX_ID {
        let cut = out[..MAX_ID].rfind('-').filter(|&i| i >= MAX_ID / 2);
        out.truncate(cut.unwrap_or(MAX_ID));
    }
    out
}

/// [`slug`] at any length.
fn words(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.chars() {
        if is_apostrophe(c) {
            continue;
        }
        let folded = if c.is_ascii_alphanumeric() {
            Some(c.to_ascii_lowercase().to_string())
        } else {
            fold(c).map(str::to_owned)
        };
        match folded {
            Some(s) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push_str(&s);
            }
            None => dash = true,
        }
    }
    out
}

/// The key names are compared by: [`slug`] without its separators and at any length, so
/// case, spaces, punctuation and accents do not count. Names with no Latin letter or digit compare by
/// their lowercase text without spaces.
pub fn match_key(name: &str) -> String {
    let s = words(name).replace('-', "");
    if s.is_empty() {
        name.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    } else {
        s
    }
}

/// Gives each wanted id a distinct valid one, in the order given: the first keeps its
/// slug, later ones get `-2`, `-3`… `taken` holds ids already used (by the dataset the
/// import goes into); `fallback` names a record whose name has no slug.
pub fn assign(
    wanted: &[String],
    taken: &mut std::collections::BTreeSet<String>,
    fallback: &str,
) -> Vec<String> {
    wanted
        .iter()
        .map(|w| {
            let base = if is_id(w) {
                w.clone()
            } else {
                fallback.to_owned()
            };
            let mut id = base.clone();
            let mut n = 2;
            while taken.contains(&id) || !is_id(&id) {
                let suffix = format!("-{n}");
                let mut stem = base.clone();
                stem.truncate(MAX_ID - suffix.len());
                id = format!("{}{suffix}", stem.trim_end_matches('-'));
                n += 1;
            }
            taken.insert(id.clone());
            id
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lowercase_ascii() {
        assert_eq!(slug("Al Shabaab"), "al-shabaab");
        assert_eq!(slug("  Hizbul Islam "), "hizbul-islam");
        assert_eq!(
            slug("Jaysh Rijal al-Tariqa al-Naqshbandia (JRTN) "),
            "jaysh-rijal-al-tariqa-al-naqshbandia-jrtn"
        );
        assert_eq!(slug("Lashkar-e-Taiba\u{92}s wing"), "lashkar-e-taibas-wing");
        assert_eq!(slug("Ansar Dine – Sahel"), "ansar-dine-sahel");
        assert_eq!(
            slug("Jund al-Khilafah fi Ard al-Jazā’ir"),
            "jund-al-khilafah-fi-ard-al-jazair"
        );
        assert_eq!(
            slug("O'zbekiston Islomiy Harakati"),
            "ozbekiston-islomiy-harakati"
        );
        assert_eq!(slug("حزب الله"), "");
        let long = slug(&"word ".repeat(30));
        assert!(long.len() <= 64 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn keys_ignore_case_space_and_accents() {
        assert_eq!(match_key("Al-Qaeda"), match_key("al qaeda"));
        assert_eq!(match_key("Jabhat al-Nuşra"), match_key("jabhat al nusra"));
        assert_eq!(match_key("Ansar Al-Islam"), match_key("ANSAR AL ISLAM "));
        assert_eq!(match_key("حزب الله"), "حزبالله");
        let long = "word ".repeat(30);
        assert_eq!(match_key(&long), "word".repeat(30));
    }

    #[test]
    fn collisions_get_numbers_in_order() {
        let mut taken = std::collections::BTreeSet::from(["imu".to_owned()]);
        let wanted = ["imu", "iju", "iju", ""].map(str::to_owned);
        assert_eq!(
            assign(&wanted, &mut taken, "org"),
            ["imu-2", "iju", "iju-2", "org"]
        );
    }
}
