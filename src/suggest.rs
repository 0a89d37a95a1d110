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
        .filter_map(|c| {
            let c_len = c.chars().count();
            let limit = (len.max(c_len) / 3).max(1);
            // The distance is at least the difference in length; for ASCII candidates (ids
            // are) lowercasing keeps the length, so far-off lengths are skipped unmeasured.
            if c.is_ascii() && len.abs_diff(c_len) > limit {
                return None;
            }
            let distance = if c.bytes().any(|b| b.is_ascii_uppercase()) || !c.is_ascii() {
                strsim::osa_distance(&lower, &c.to_lowercase())
            } else {
                strsim::osa_distance(&lower, c)
            };
            // On a tie, prefer a candidate already in canonical lowercase form.
            (distance <= limit).then(|| (distance, c.chars().any(char::is_uppercase), c))
        })
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
