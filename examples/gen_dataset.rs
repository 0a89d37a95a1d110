//! Deterministic generator of synthetic datasets for the benchmarks.
//!
//! Writes a directory of YAML files in format v1, shaped like the datasets real users keep:
//! names with apostrophes, backticks, double quotes, accents, Cyrillic and Arabic script;
//! every scalar style (plain, single and double quoted, flow lists and mappings, folded and
//! literal block scalars, comments); the four built-in edge types in skewed proportions with
//! hub organizations; dates of mixed precision (points, open and closed intervals, 5%
//! undated); one to three citations per edge with quotes and locators, some disputes.
//!
//! Unlike a naive generator, edges are dated inside both endpoints' lifetimes and no two
//! edges repeat (same endpoints, type and dates), so the dataset is valid and exports; the
//! only warnings are the undated edges and the occasional unused record. With
//! `--inject-errors K` it plants K errors (unknown endpoint, unknown source, bad date, end
//! before start, no sources), spread evenly over the edges.
//!
//! Output is a pure function of the arguments: a hand-written SplitMix64 generator, no hash
//! ordering. Usage:
//!
//! ```text
//! cargo run --release --example gen_dataset -- --orgs 10000 --edges 100000 --files 50 \
//!     --seed 1 --out /tmp/bench-data/medium
//! ```

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

const ORG_PATTERNS: &[&str] = &[
    "Islamic Movement of {p}",
    "Jama'at {p}",
    "Katibat al-{p}",
    "Ansar al-Shari`a in {p}",
    "Front for the Liberation of {p}",
    "Brigade of {p}",
    "Tehrik-e {p}",
    "Jaish al-{p}",
    "Islamic State – {p} Province",
    "Hay'at al-Ansar ({p} sector)",
    "The \"Emirate\" of {p}",
    "{p} Mujahidin Shura Council",
    "{p} People's Defence Units",
    "{p} Tribal Levies",
    "Ministry of Interior of {p}",
    "{p} Border Guard",
    "Sons of {p}",
    "{p} Liberation Army",
    "Jamaat Ansarullah {p}",
    "Vilayat {p} of the Caucasus Emirate",
];
const ORG_FIXED: &[&str] = &[
    "الدولة الإسلامية",
    "جبهة النصرة",
    "أنصار الشريعة",
    "كتيبة الإمام البخاري",
    "Исламское движение Узбекистана",
    "Имарат Кавказ",
    "Türkistan İslam Partisi",
    "O'zbekiston Islomiy Harakati",
    "al-Qa`ida",
    "Tahrik-i Taliban Pakistan",
];
const PLACES: &[&str] = &[
    "Uzbekistan",
    "O'zbekiston",
    "Türkistan",
    "Khorasan",
    "Fergana",
    "Tajikistan",
    "Waziristan",
    "Idlib",
    "the Sahel",
    "the Caucasus",
    "Dagestan",
    "Kunduz",
    "Badakhshan",
    "Qaraqalpaqstan",
    "Kyrgyzstan",
    "Sinai",
    "Mosul",
    "Çeçenistan",
    "Ingushetia",
    "Osh",
    "Jalal-Abad",
    "Namangan",
    "Andijan",
    "Samarqand",
    "Khujand",
    "Bajaur",
    "Kunar",
    "Derna",
    "Ségou",
    "Mopti",
    "Gao",
    "Borno",
    "Puntland",
    "Mindanao",
    "Aceh",
    "Ghazni",
    "Khost",
    "Deir ez-Zor",
];
const FACTIONS: &[&str] = &[
    "",
    "",
    "",
    "",
    " (northern faction)",
    " – Eastern Sector",
    " (splinter)",
    " (1998–2003)",
    " (\"Old Guard\")",
    " / Youth Wing",
    " (Türkmen battalion)",
];
const KINDS: &[&str] = &[
    "militant-group",
    "militant-group",
    "militant-group",
    "political-party",
    "state",
    "state-agency",
    "tribe",
    "criminal-network",
    "coalition",
];
const REGIONS: &[&str] = &[
    "Central Asia",
    "South Asia",
    "Middle East",
    "North Africa",
    "Sahel",
    "North Caucasus",
    "Horn of Africa",
    "Southeast Asia",
    "Af-Pak border",
    "Levant",
];
const AUTHORS: &[&str] = &[
    "Nodira Karimova",
    "Aaron Whitfield",
    "Thomas Berglund",
    "Hassan Mahdi",
    "Elisabeth Varga",
    "Jean-Pierre Morel",
    "Ömer Yılmaz",
    "Zoé Lambert",
    "Кирилл Соколов",
    "حسن الكردي",
    "Séamus O'Neill",
    "Héni Mansour",
    "Mehmet Çelik",
    "J.R. Osterman",
    "Amira Haddad",
];
const PUBLISHERS: &[&str] = &[
    "Conflict Monitor",
    "Sentinel Quarterly",
    "RFE/RL",
    "The Frontier Review",
    "الجزيرة",
    "Journal of Strategic Studies",
    "Hürriyet",
    "Studies in Conflict & Terrorism",
    "Коммерсантъ",
    "UN Monitoring Team",
];
const TITLES: &[&str] = &[
    "The {o}: Origins, Ideology and Splits",
    "\"{w}\" and the Rise of the {o}",
    "Why the {o} Broke With al-Qa`ida",
    "From {p} to {p2}: The Travels of a Network",
    "Bay`ah and Its Discontents: Pledges in {p}",
    "Who Controls {p}? Rivalries Among Armed Groups",
    "Türkistan'dan {p}'a: ağlar",
    "{o} — a profile",
];
const URL_HOSTS: &[&str] = &[
    "https://example.org",
    "https://www.example.com",
    "http://example.net",
    "https://archive.example.org/web/2019",
];
const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "group",
    "its",
    "leaders",
    "pledged",
    "allegiance",
    "fighters",
    "were",
    "reportedly",
    "fled",
    "across",
    "border",
    "into",
    "where",
    "they",
    "received",
    "shelter",
    "from",
    "local",
    "commanders",
    "after",
    "split",
    "over",
    "strategy",
    "funding",
    "disputes",
    "between",
    "factions",
    "emerged",
    "spring",
    "when",
    "members",
    "left",
    "rival",
    "organisation",
    "operating",
    "since",
    "late",
    "protection",
    "elders",
    "although",
    "sources",
    "claim",
    "never",
    "confirmed",
    "statements",
    "released",
    "channels",
    "bay`ah",
    "al-Qa`ida",
    "O'zbekiston",
    "Türkistan",
    "mujāhidīn",
    "shura",
    "al-Amir's",
    "“caliphate”",
    "'Emirate'",
    "\"traitors\"",
    "بيعة",
    "джамаат",
    "émigrés",
    "—",
    "(sic)",
    "c.",
    "approx.",
    "50%",
    "#1",
    "2014:",
    "&",
    "e.g.",
    "\\",
    "[sic]",
];
const LOCATORS: &[&str] = &[
    "para 12",
    "p. 34",
    "pp. 12–14",
    "§3",
    "00:12:31",
    "fn. 7",
    "slide 4",
    "ch. 2",
];
const NOTES: &[&str] = &[
    "Date approximate; reported by a single outlet.",
    "See also the Monitoring Team's 2016 report.",
    "Name transliterated inconsistently: al-Qa`ida / al-Qaeda / القاعدة.",
    "Sometimes called the \"Tashkent group\".",
    "Relationship ended after the leader's death (2015).",
    "Contested: official media deny any 'hosting'.",
];
const EDGE_TYPES: &[&str] = &["allegiance", "rivalry", "hosting", "splinter"];
const EDGE_TYPE_CUM: &[u32] = &[40, 65, 85, 100];
const CONFIDENCES: &[&str] = &["high", "medium", "low"];
const CONFIDENCE_CUM: &[u32] = &[30, 80, 100];
const RESERVED: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
];
const BAD_DATES: &[&str] = &[
    "2015-13",
    "\"2015-02-30\"",
    "circa 2001",
    "2015/08",
    "20155",
];
/// Indentation styles: (item dash, field, nested dash, nested field, block body).
const STYLES: [[&str; 5]; 2] = [
    ["  - ", "    ", "      - ", "        ", "      "],
    ["- ", "  ", "  - ", "    ", "    "],
];

/// SplitMix64: small, fast, and the same numbers on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn r(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n).
    fn below(&mut self, n: usize) -> usize {
        (self.r() * n as f64) as usize
    }

    /// Uniform in [lo, hi].
    fn int(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1) as usize) as i32
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn weighted<'a>(&mut self, list: &[&'a str], cum: &[u32]) -> &'a str {
        let x = self.below(cum[cum.len() - 1] as usize) as u32;
        list[cum.iter().position(|&c| x < c).unwrap_or(0)]
    }
}

/// A skewed index picker: a permutation's head gets most picks (hub organizations).
struct Skewed {
    perm: Vec<usize>,
    exponent: f64,
}

impl Skewed {
    fn new(rng: &mut Rng, n: usize, exponent: f64) -> Self {
        let mut perm: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            perm.swap(i, rng.below(i + 1));
        }
        Skewed { perm, exponent }
    }

    fn pick(&self, rng: &mut Rng) -> usize {
        let n = self.perm.len();
        self.perm[((n as f64 * rng.r().powf(self.exponent)) as usize).min(n - 1)]
    }
}

struct Org {
    id: String,
    name: String,
    short: String,
    founded: Option<i32>,
    dissolved: Option<i32>,
}

struct Args {
    orgs: usize,
    edges: usize,
    sources: Option<usize>,
    files: usize,
    seed: u64,
    out: PathBuf,
    errors: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        orgs: 0,
        edges: 0,
        sources: None,
        files: 10,
        seed: 1,
        out: PathBuf::new(),
        errors: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let num = || value.parse::<usize>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--orgs" => a.orgs = num()?,
            "--edges" => a.edges = num()?,
            "--sources" => a.sources = Some(num()?),
            "--files" => a.files = num()?,
            "--seed" => a.seed = num()? as u64,
            "--inject-errors" => a.errors = num()?,
            "--out" => a.out = PathBuf::from(value),
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if a.orgs < 2 || a.files < 1 || a.out.as_os_str().is_empty() {
        return Err("usage: gen_dataset --orgs N (>= 2) --edges N --out DIR [--sources N] [--files N] [--seed N] [--inject-errors K]".into());
    }
    Ok(a)
}

/// ASCII letters and digits of `s`, lowercased, runs of others as one `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn fold_accent(c: char) -> char {
    match c {
        'ü' | 'ū' => 'u',
        'Ü' => 'U',
        'ö' => 'o',
        'Ö' => 'O',
        'ç' => 'c',
        'Ç' => 'C',
        'é' | 'è' => 'e',
        'ā' => 'a',
        'ī' | 'ı' => 'i',
        'İ' => 'I',
        'ğ' => 'g',
        'ş' => 's',
        c => c,
    }
}

/// Initials of the name's ASCII words (capitalized ones when there are many), at most six.
fn acronym(name: &str) -> String {
    let folded: String = name.chars().map(fold_accent).collect();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let initials: String = words
        .iter()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_ascii_uppercase() || words.len() < 3)
        .take(6)
        .collect();
    if initials.is_empty() {
        "org".into()
    } else {
        initials.to_ascii_lowercase()
    }
}

/// `base`, or `base-2`, `base-3`, … whichever is free.
fn unique(base: &str, used: &mut HashSet<String>) -> String {
    let mut k = 1;
    loop {
        let id = if k == 1 {
            base.to_owned()
        } else {
            format!("{base}-{k}")
        };
        if !used.contains(&id) && !RESERVED.contains(&id.as_str()) {
            used.insert(id.clone());
            return id;
        }
        k += 1;
    }
}

fn make_orgs(rng: &mut Rng, n: usize, used: &mut HashSet<String>) -> Vec<Org> {
    (0..n)
        .map(|_| {
            let name = if rng.r() < 0.03 {
                rng.pick(ORG_FIXED).to_owned()
            } else {
                let p = rng.pick(PLACES);
                rng.pick(ORG_PATTERNS).replace("{p}", p) + rng.pick(FACTIONS)
            };
            let base = acronym(&name);
            let founded = (rng.r() < 0.6).then(|| rng.int(1975, 2015));
            let dissolved = founded
                .filter(|_| rng.r() < 0.3)
                .map(|f| rng.int(f + 3, 2024));
            Org {
                id: unique(&base, used),
                short: base.to_ascii_uppercase(),
                name,
                founded,
                dissolved,
            }
        })
        .collect()
}

fn make_sources(
    rng: &mut Rng,
    n: usize,
    used: &mut HashSet<String>,
) -> Vec<(String, &'static str, i32)> {
    (0..n)
        .map(|_| {
            let author = rng.pick(AUTHORS);
            let year = rng.int(1995, 2024);
            let surname = author.rsplit(' ').next().unwrap_or(author);
            let mut base = slug(surname);
            if base.is_empty() {
                base = "anon".into();
            }
            (unique(&format!("{base}-{year}"), used), author, year)
        })
        .collect()
}

fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    (first.is_alphabetic() || first == '(')
        && !s.contains([':', '#'])
        && !s.chars().any(char::is_control)
        && !s.ends_with(' ')
        && !RESERVED.contains(&s.to_lowercase().as_str())
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A string in block context: plain when safe, most of the time; otherwise quoted.
fn scalar(rng: &mut Rng, s: &str) -> String {
    let x = rng.r();
    if is_plain_safe(s) {
        if x < 0.65 {
            return s.to_owned();
        }
        return if x < 0.9 {
            double_quoted(s)
        } else {
            single_quoted(s)
        };
    }
    if x < 0.7 {
        double_quoted(s)
    } else {
        single_quoted(s)
    }
}

/// A string in flow context: always quoted.
fn quoted(rng: &mut Rng, s: &str) -> String {
    if rng.r() < 0.7 {
        double_quoted(s)
    } else {
        single_quoted(s)
    }
}

fn sentence(rng: &mut Rng, lo: i32, hi: i32) -> String {
    let n = rng.int(lo, hi);
    let words: Vec<&str> = (0..n).map(|_| rng.pick(WORDS)).collect();
    let s = words.join(" ");
    let mut chars = s.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().to_string())
        .unwrap_or_default();
    format!("{first}{}.", chars.as_str())
}

fn days_in(year: i32, month: i32) -> i32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A date of mixed precision in `year`, sometimes quoted.
fn date(rng: &mut Rng, year: i32) -> String {
    let r = rng.r();
    let text = if r < 0.4 {
        format!("{year:04}")
    } else if r < 0.75 {
        format!("{year:04}-{:02}", rng.int(1, 12))
    } else {
        let m = rng.int(1, 12);
        format!("{year:04}-{m:02}-{:02}", rng.int(1, days_in(year, m)))
    };
    if rng.r() < 0.1 {
        format!("\"{text}\"")
    } else {
        text
    }
}

fn render_org(rng: &mut Rng, org: &Org, style: usize, out: &mut String) {
    let [d, f, nd, ..] = STYLES[style];
    let _ = writeln!(
        out,
        "{d}id: {}\n{f}name: {}",
        org.id,
        scalar(rng, &org.name)
    );
    if rng.r() < 0.5 {
        let _ = writeln!(out, "{f}short: {}", scalar(rng, &org.short));
    }
    if rng.r() < 0.25 {
        let aliases: Vec<&str> = (0..rng.int(1, 3)).map(|_| rng.pick(ORG_FIXED)).collect();
        if rng.r() < 0.5 {
            let list: Vec<String> = aliases.iter().map(|a| quoted(rng, a)).collect();
            let _ = writeln!(out, "{f}aliases: [{}]", list.join(", "));
        } else {
            let _ = writeln!(out, "{f}aliases:");
            for a in aliases {
                let _ = writeln!(out, "{nd}{}", scalar(rng, a));
            }
        }
    }
    if rng.r() < 0.8 {
        let _ = writeln!(out, "{f}kind: {}", rng.pick(KINDS));
    }
    if rng.r() < 0.7 {
        let region = rng.pick(REGIONS);
        let _ = writeln!(out, "{f}region: {}", scalar(rng, region));
    }
    if let Some(y) = org.founded {
        let _ = writeln!(out, "{f}founded: {}", date(rng, y));
    }
    if let Some(y) = org.dissolved {
        let _ = writeln!(out, "{f}dissolved: {}", date(rng, y));
    }
    if rng.r() < 0.1 {
        let note = rng.pick(NOTES);
        let _ = writeln!(out, "{f}notes: {}", scalar(rng, note));
    }
}

fn render_source(
    rng: &mut Rng,
    src: &(String, &str, i32),
    orgs: &[Org],
    style: usize,
    out: &mut String,
) {
    let [d, f, ..] = STYLES[style];
    let (id, author, year) = src;
    let org = &orgs[rng.below(orgs.len())].name;
    let title = rng
        .pick(TITLES)
        .replace("{o}", org)
        .replace("{p}", rng.pick(PLACES))
        .replace("{p2}", rng.pick(PLACES))
        .replace("{w}", rng.pick(WORDS));
    let _ = writeln!(out, "{d}id: {id}\n{f}title: {}", scalar(rng, &title));
    if rng.r() < 0.9 {
        let _ = writeln!(out, "{f}author: {}", scalar(rng, author));
    }
    if rng.r() < 0.85 {
        let publisher = rng.pick(PUBLISHERS);
        let _ = writeln!(out, "{f}publisher: {}", scalar(rng, publisher));
    }
    if rng.r() < 0.9 {
        let _ = writeln!(out, "{f}published: {}", date(rng, *year));
    }
    if rng.r() < 0.8 {
        let mut url = format!(
            "{}/{}/{year}/{}",
            rng.pick(URL_HOSTS),
            slug(author),
            slug(&title)
        );
        if rng.r() < 0.2 {
            let _ = write!(
                url,
                "?id={}&lang=en#p{}",
                rng.int(1, 99_999),
                rng.int(1, 40)
            );
        }
        let _ = writeln!(out, "{f}url: {url}");
    }
}

fn render_refs(rng: &mut Rng, key: &str, refs: &[&str], style: usize, out: &mut String) {
    let [_, f, nd, nf, _] = STYLES[style];
    let _ = writeln!(out, "{f}{key}:");
    for r in refs {
        let quote = sentence(rng, 6, 40);
        let x = rng.r();
        if x < 0.05 {
            let _ = write!(out, "{nd}{{ref: {r}, quote: {}", quoted(rng, &quote));
            if rng.r() < 0.4 {
                let locator = rng.pick(LOCATORS);
                let _ = write!(out, ", locator: {}", quoted(rng, locator));
            }
            out.push_str("}\n");
            continue;
        }
        let _ = write!(out, "{nd}ref: {r}\n{nf}quote: ");
        if x < 0.08 {
            let more = sentence(rng, 6, 30);
            let _ = writeln!(out, ">-\n{nf}  {quote}\n{nf}  {more}");
        } else {
            let _ = writeln!(out, "{}", scalar(rng, &quote));
        }
        if rng.r() < 0.4 {
            let locator = rng.pick(LOCATORS);
            let _ = writeln!(out, "{nf}locator: {}", scalar(rng, locator));
        }
    }
}

/// The years an edge between `a` and `b` may be dated: inside both lifetimes, whole
/// years clear of the founding and dissolution years.
fn year_range(a: &Org, b: &Org) -> (i32, i32) {
    let lo = [a.founded, b.founded]
        .into_iter()
        .flatten()
        .map(|y| y + 1)
        .fold(1979, i32::max);
    let hi = [a.dissolved, b.dissolved]
        .into_iter()
        .flatten()
        .map(|y| y - 1)
        .fold(2022, i32::min);
    (lo, hi)
}

/// An injected error's kind, by its number.
const ERROR_KINDS: &[&str] = &[
    "unknown_endpoint",
    "unknown_source",
    "bad_date",
    "end_before_start",
    "no_sources",
];

struct Gen<'a> {
    rng: Rng,
    orgs: &'a [Org],
    sources: &'a [(String, &'static str, i32)],
    pick_org: Skewed,
    pick_src: Skewed,
    seen: HashSet<(usize, usize, usize, String)>,
}

impl Gen<'_> {
    /// Endpoints, type and dates of a new edge that repeats no earlier one.
    fn endpoints(&mut self) -> (usize, usize, usize, Vec<(&'static str, String)>) {
        loop {
            let from = self.pick_org.pick(&mut self.rng);
            let to = self.pick_org.pick(&mut self.rng);
            let ty = EDGE_TYPES
                .iter()
                .position(|t| *t == self.rng.weighted(EDGE_TYPES, EDGE_TYPE_CUM))
                .unwrap_or(0);
            let (lo, hi) = year_range(&self.orgs[from], &self.orgs[to]);
            if from == to || lo > hi {
                continue;
            }
            let dates = self.dates(lo, hi);
            let label: Vec<&str> = dates.iter().map(|(_, v)| v.trim_matches('"')).collect();
            let (a, b) = if ty == 1 && to < from {
                (to, from)
            } else {
                (from, to)
            };
            if self.seen.insert((a, b, ty, label.join("/"))) {
                return (from, to, ty, dates);
            }
        }
    }

    /// Point date 45%, open interval 30%, closed interval 20%, none 5%.
    fn dates(&mut self, lo: i32, hi: i32) -> Vec<(&'static str, String)> {
        let x = self.rng.r();
        let year = self.rng.int(lo, hi);
        if x < 0.45 {
            vec![("date", date(&mut self.rng, year))]
        } else if x < 0.75 || year == hi {
            vec![("start", date(&mut self.rng, year))]
        } else if x < 0.95 {
            let end = self.rng.int(year + 1, hi.min(year + 8));
            vec![
                ("start", date(&mut self.rng, year)),
                ("end", date(&mut self.rng, end)),
            ]
        } else {
            Vec::new()
        }
    }

    fn edge(&mut self, style: usize, error: Option<usize>, out: &mut String) {
        let [d, f, ..] = STYLES[style];
        let (from, to, ty, mut dates) = self.endpoints();
        let kind = error.map(|j| ERROR_KINDS[j % ERROR_KINDS.len()]);
        let mut to_id = self.orgs[to].id.clone();
        match kind {
            Some("unknown_endpoint") => to_id = format!("missing-org-{}", error.unwrap_or(0)),
            Some("bad_date") => {
                dates = vec![(
                    "date",
                    BAD_DATES[error.unwrap_or(0) % BAD_DATES.len()].to_owned(),
                )];
            }
            Some("end_before_start") => {
                dates = vec![("start", "2010".into()), ("end", "2004-05".into())];
            }
            _ => {}
        }
        let _ = writeln!(
            out,
            "{d}from: {}\n{f}to: {to_id}\n{f}type: {}",
            self.orgs[from].id, EDGE_TYPES[ty]
        );
        for (key, value) in &dates {
            let _ = writeln!(out, "{f}{key}: {value}");
        }
        if self.rng.r() < 0.7 {
            let c = self.rng.weighted(CONFIDENCES, CONFIDENCE_CUM);
            let _ = writeln!(out, "{f}confidence: {c}");
        }
        self.citations(style, kind, error.unwrap_or(0), out);
        self.notes(style, out);
    }

    fn citations(&mut self, style: usize, kind: Option<&str>, error: usize, out: &mut String) {
        let f = STYLES[style][1];
        let y = self.rng.r();
        let k = (if y < 0.5 {
            1
        } else if y < 0.85 {
            2
        } else {
            3
        })
        .min(self.sources.len());
        let mut refs: Vec<&str> = Vec::with_capacity(k);
        while refs.len() < k {
            let id = self.sources[self.pick_src.pick(&mut self.rng)].0.as_str();
            if !refs.contains(&id) {
                refs.push(id);
            }
        }
        let missing = format!("missing-src-{error}");
        match kind {
            Some("no_sources") => {
                let _ = writeln!(out, "{f}sources: []");
            }
            Some("unknown_source") => {
                refs[0] = &missing;
                render_refs(&mut self.rng, "sources", &refs, style, out);
            }
            _ => render_refs(&mut self.rng, "sources", &refs, style, out),
        }
        if self.rng.r() < 0.08 && self.sources.len() > k {
            let disputing = loop {
                let id = self.sources[self.pick_src.pick(&mut self.rng)].0.as_str();
                if !refs.contains(&id) {
                    break id;
                }
            };
            render_refs(&mut self.rng, "disputed_by", &[disputing], style, out);
        }
    }

    fn notes(&mut self, style: usize, out: &mut String) {
        let [_, f, _, _, body] = STYLES[style];
        if self.rng.r() < 0.15 {
            let note = self.rng.pick(NOTES);
            if self.rng.r() < 0.2 {
                let more = sentence(&mut self.rng, 4, 16);
                let _ = writeln!(out, "{f}notes: |\n{body}{note}\n{body}{more}");
            } else {
                let _ = writeln!(out, "{f}notes: {}", scalar(&mut self.rng, note));
            }
        }
        if self.rng.r() < 0.01 {
            let indent = if style == 0 { "  " } else { "" };
            let _ = writeln!(out, "{indent}# TODO: check this against the primary source");
        }
    }
}

/// Record `i` of `n` spread over `files` contiguous slices: the slice of file `fi`.
fn slice(n: usize, files: usize, fi: usize) -> std::ops::Range<usize> {
    fi * n / files..(fi + 1) * n / files
}

fn write_file(g: &mut Gen<'_>, a: &Args, fi: usize) -> std::io::Result<usize> {
    let style = fi % 2;
    let mut out = format!(
        "# Synthetic actorgraph data, part {} of {} (seed {})\n",
        fi + 1,
        a.files,
        a.seed
    );
    let orgs = slice(g.orgs.len(), a.files, fi);
    if !orgs.is_empty() {
        out.push_str("organizations:\n");
        for i in orgs {
            render_org(&mut g.rng, &g.orgs[i], style, &mut out);
        }
    }
    let sources = slice(g.sources.len(), a.files, fi);
    if !sources.is_empty() {
        out.push_str("\nsources:\n");
        for i in sources {
            render_source(&mut g.rng, &g.sources[i], g.orgs, style, &mut out);
        }
    }
    let edges = slice(a.edges, a.files, fi);
    if !edges.is_empty() {
        out.push_str("\nedges:\n");
    }
    let every = a
        .edges
        .checked_div(a.errors)
        .map_or(usize::MAX, |e| e.max(1));
    for i in edges {
        let error = (i % every == every / 2 && i / every < a.errors).then_some(i / every);
        g.edge(style, error, &mut out);
    }
    let ext = if fi % 7 == 6 { "yml" } else { "yaml" };
    std::fs::write(a.out.join(format!("part-{fi:04}.{ext}")), &out)?;
    Ok(out.len())
}

fn main() -> ExitCode {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_dataset: {e}");
            return ExitCode::from(2);
        }
    };
    let mut rng = Rng(a.seed);
    let mut used = HashSet::new();
    let orgs = make_orgs(&mut rng, a.orgs, &mut used);
    let sources = make_sources(&mut rng, a.sources.unwrap_or(a.orgs / 2).max(1), &mut used);
    let pick_org = Skewed::new(&mut rng, orgs.len(), 2.5);
    let pick_src = Skewed::new(&mut rng, sources.len(), 1.8);
    let mut g = Gen {
        rng,
        orgs: &orgs,
        sources: &sources,
        pick_org,
        pick_src,
        seen: HashSet::new(),
    };
    if let Err(e) = std::fs::create_dir_all(&a.out) {
        eprintln!("gen_dataset: {}: {e}", a.out.display());
        return ExitCode::from(2);
    }
    let mut bytes = 0;
    for fi in 0..a.files {
        match write_file(&mut g, &a, fi) {
            Ok(n) => bytes += n,
            Err(e) => {
                eprintln!("gen_dataset: {}: {e}", a.out.display());
                return ExitCode::from(2);
            }
        }
    }
    println!(
        "{{\"out\": \"{}\", \"files\": {}, \"bytes\": {bytes}, \"organizations\": {}, \"sources\": {}, \"edges\": {}, \"errors\": {}, \"seed\": {}}}",
        a.out.display(),
        a.files,
        orgs.len(),
        sources.len(),
        a.edges,
        a.errors.min(a.edges),
        a.seed
    );
    ExitCode::SUCCESS
}
