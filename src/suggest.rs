//! "Did you mean" suggestions: the closest candidate to a misspelt word, if close enough.

/// The candidate nearest to `word` by edit distance (transpositions count as one edit),
/// ignoring case, when it is close
/// enough to be a plausible typo (at most a third of the longer word's length, at least 1).
pub fn closest<'c, I>(word: &str, candidates: I) -> Option<&'c str>
where
    I: IntoIterator<Item = &'c str>,
{
    let lower = word.to_lowercase();
    let len = lower.chars().count();
    candidates
        .into_iter()
        .map(|c| {
            let distance = strsim::osa_distance(&lower, &c.to_lowercase());
            let limit = (len.max(c.chars().count()) / 3).max(1);
            // On a tie, prefer a candidate already in canonical lowercase form.
            (distance, c.chars().any(char::is_uppercase), c, limit)
        })
        .filter(|&(distance, _, _, limit)| distance <= limit)
        .map(|(distance, upper, c, _)| (distance, upper, c))
        .min()
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_typos_and_ignores_strangers() {
        let keys = ["name", "short", "aliases", "region"];
        assert_eq!(closest("nmae", keys), Some("name"));
        assert_eq!(closest("alias", keys), Some("aliases"));
        assert_eq!(closest("colour", keys), None);
        assert_eq!(closest("IMUU", ["imu", "iju"]), Some("imu"));
        assert_eq!(closest("imuu", ["IMU", "imu"]), Some("imu"));
    }
}
