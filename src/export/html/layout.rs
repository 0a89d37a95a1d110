//! Node positions for the HTML view: a Fruchterman–Reingold force layout with a fixed
//! number of steps and starting points derived from the organization ids, so the same
//! dataset always gives the same picture. Repulsion is exact for small graphs and cut
//! off at a few ideal lengths (with a grid to find neighbours) for large ones. Only
//! `+ - * /` and `sqrt` are used (IEEE 754 rounds them exactly), never the platform's
//! `sin` or `cos`, so the coordinates are the same on every machine.

/// The ideal distance between linked organizations, in page units.
const IDEAL: f64 = 1.0;
/// The page units per [`IDEAL`] length in the output.
const SCALE: f64 = 90.0;
/// The pull towards the centre, per unit of distance.
const GRAVITY: f64 = 0.02;
/// Above this many organizations, repulsion is cut off and found through a grid.
const EXACT_LIMIT: usize = 400;
/// Repulsion reaches this many ideal lengths in the grid variant.
const CUTOFF: f64 = 3.0;

/// Positions (x, y), in page units, for `n` organizations named `ids` joined by `links`
/// (indices; direction, repeats and loops do not matter).
pub fn layout(ids: &[&str], links: &[(usize, usize)]) -> Vec<(i64, i64)> {
    let n = ids.len();
    let mut pairs: Vec<(usize, usize)> = links
        .iter()
        .filter(|(a, b)| a != b)
        .map(|&(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let side = count(n).sqrt() * IDEAL * 2.0;
    let mut pos: Vec<(f64, f64)> = ids.iter().map(|id| start(id, side)).collect();
    let steps: u32 = match n {
        0..=300 => 600,
        301..=3000 => 300,
        _ => 120,
    };
    let mut disp = vec![(0.0, 0.0); n];
    for step in 0..steps {
        disp.fill((0.0, 0.0));
        if n <= EXACT_LIMIT {
            repel_all(&pos, &mut disp);
        } else {
            repel_near(&pos, &mut disp);
        }
        attract(&pos, &pairs, &mut disp);
        gravity(&pos, &mut disp);
        let heat = side / 10.0 * (1.0 - f64::from(step) / f64::from(steps)) + IDEAL / 100.0;
        for (p, d) in pos.iter_mut().zip(&disp) {
            let len = (d.0 * d.0 + d.1 * d.1).sqrt();
            if len > 0.0 {
                let k = len.min(heat) / len;
                p.0 += d.0 * k;
                p.1 += d.1 * k;
            }
        }
    }
    centred(&pos)
}

/// A count as a float: exact, since no dataset has 2^52 records.
#[allow(clippy::cast_precision_loss)]
fn count(n: usize) -> f64 {
    n as f64
}

/// A starting point in the square of `side` from a hash of the id (FNV-1a, then
/// splitmix64): the same id always starts at the same place.
fn start(id: &str, side: f64) -> (f64, f64) {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut z = h.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^= z >> 31;
    let unit = |bits: u64| f64::from((bits & 0xff_ffff) as u32) / f64::from(0x100_0000) - 0.5;
    (unit(z) * side, unit(z >> 32) * side)
}

/// The push between two points `d` apart (`dx`, `dy`), `IDEAL² / d` along the line;
/// coincident points are pushed apart along a direction fixed by their indices.
fn push(dx: f64, dy: f64, i: usize, j: usize) -> (f64, f64) {
    let d2 = dx * dx + dy * dy;
    if d2 < 1e-12 {
        let s = if i < j { 0.01 } else { -0.01 };
        return (s, s * 0.5);
    }
    let f = IDEAL * IDEAL / d2;
    (dx * f, dy * f)
}

fn repel_all(pos: &[(f64, f64)], disp: &mut [(f64, f64)]) {
    for i in 0..pos.len() {
        for j in i + 1..pos.len() {
            let (fx, fy) = push(pos[i].0 - pos[j].0, pos[i].1 - pos[j].1, i, j);
            disp[i].0 += fx;
            disp[i].1 += fy;
            disp[j].0 -= fx;
            disp[j].1 -= fy;
        }
    }
}

/// Repulsion from the points within [`CUTOFF`] ideal lengths, found through a grid of
/// cells that size, kept as a sorted list (so the order of the sums never varies).
fn repel_near(pos: &[(f64, f64)], disp: &mut [(f64, f64)]) {
    let cell = |p: &(f64, f64)| {
        (
            (p.0 / (CUTOFF * IDEAL)).floor() as i64,
            (p.1 / (CUTOFF * IDEAL)).floor() as i64,
        )
    };
    let mut grid: Vec<((i64, i64), usize)> =
        pos.iter().enumerate().map(|(i, p)| (cell(p), i)).collect();
    grid.sort_unstable();
    let reach = CUTOFF * IDEAL * CUTOFF * IDEAL;
    for (i, p) in pos.iter().enumerate() {
        let (cx, cy) = cell(p);
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                let from = grid.partition_point(|(c, _)| *c < (gx, gy));
                for &(c, j) in &grid[from..] {
                    if c != (gx, gy) {
                        break;
                    }
                    let (dx, dy) = (p.0 - pos[j].0, p.1 - pos[j].1);
                    if j != i && dx * dx + dy * dy < reach {
                        let (fx, fy) = push(dx, dy, i, j);
                        disp[i].0 += fx;
                        disp[i].1 += fy;
                    }
                }
            }
        }
    }
}

/// Linked points pull together with `d² / IDEAL`.
fn attract(pos: &[(f64, f64)], pairs: &[(usize, usize)], disp: &mut [(f64, f64)]) {
    for &(a, b) in pairs {
        let (dx, dy) = (pos[a].0 - pos[b].0, pos[a].1 - pos[b].1);
        let d = (dx * dx + dy * dy).sqrt();
        let f = d / IDEAL;
        disp[a].0 -= dx * f;
        disp[a].1 -= dy * f;
        disp[b].0 += dx * f;
        disp[b].1 += dy * f;
    }
}

/// A weak pull towards the origin keeps unlinked parts of the graph together.
fn gravity(pos: &[(f64, f64)], disp: &mut [(f64, f64)]) {
    for (p, d) in pos.iter().zip(disp.iter_mut()) {
        d.0 -= p.0 * GRAVITY;
        d.1 -= p.1 * GRAVITY;
    }
}

/// Moves the centre of the points to the origin and scales them to page units, rounded.
fn centred(pos: &[(f64, f64)]) -> Vec<(i64, i64)> {
    if pos.is_empty() {
        return Vec::new();
    }
    let (mut sx, mut sy) = (0.0, 0.0);
    for p in pos {
        sx += p.0;
        sy += p.1;
    }
    let n = count(pos.len());
    let (mx, my) = (sx / n, sy / n);
    pos.iter()
        .map(|p| {
            (
                ((p.0 - mx) * SCALE).round() as i64,
                ((p.1 - my) * SCALE).round() as i64,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_input_same_positions() {
        let ids = ["a", "b", "c", "d"];
        let links = [(0, 1), (1, 2), (2, 0), (2, 3)];
        assert_eq!(layout(&ids, &links), layout(&ids, &links));
    }

    #[test]
    fn linked_points_end_closer_than_unlinked() {
        let ids = ["a", "b", "c", "d", "e", "f"];
        let links = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (0, 3)];
        let p = layout(&ids, &links);
        let d = |a: usize, b: usize| {
            let (dx, dy) = (p[a].0 - p[b].0, p[a].1 - p[b].1);
            count(usize::try_from(dx * dx + dy * dy).unwrap_or(0)).sqrt()
        };
        assert!(d(1, 2) < d(1, 4), "{p:?}");
        assert!(d(0, 1) > 10.0, "points must not collapse: {p:?}");
    }

    #[test]
    fn large_graphs_use_the_grid_and_stay_apart() {
        let ids: Vec<String> = (0..600).map(|i| format!("org-{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let links: Vec<(usize, usize)> = (0..600).map(|i| (i, (i * 7 + 1) % 600)).collect();
        let p = layout(&ids, &links);
        let mut sorted = p.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert!(sorted.len() > 590, "points piled up");
    }
}
