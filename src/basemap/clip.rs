//! Clipping rings to rectangles (Sutherland–Hodgman), in whatever units the caller uses.
//!
//! Used twice: once at load time to cut large polygons into grid pieces, and once per tile
//! so the rasteriser only sees the edges near the tile.

/// A point `[x, y]`.
pub(crate) type Point = [f64; 2];

/// An axis-aligned rectangle `[min_x, min_y, max_x, max_y]`.
pub(crate) type Rect = [f64; 4];

/// The bounding box of `points`, or `None` when there are none.
pub(crate) fn bbox_of(points: &[Point]) -> Option<Rect> {
    let first = points.first()?;
    let mut b = [first[0], first[1], first[0], first[1]];
    for p in points {
        b[0] = b[0].min(p[0]);
        b[1] = b[1].min(p[1]);
        b[2] = b[2].max(p[0]);
        b[3] = b[3].max(p[1]);
    }
    Some(b)
}

/// Whether two rectangles overlap (touching counts).
pub(crate) fn intersects(a: &Rect, b: &Rect) -> bool {
    a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3]
}

/// Whether `inner` lies entirely within `outer`.
pub(crate) fn contains(outer: &Rect, inner: &Rect) -> bool {
    outer[0] <= inner[0] && outer[1] <= inner[1] && inner[2] <= outer[2] && inner[3] <= outer[3]
}

/// Twice the signed area of a ring (any orientation, closed or not).
pub(crate) fn doubled_area(ring: &[Point]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut sum = 0.0;
    for i in 0..n {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        sum += a[0] * b[1] - b[0] * a[1];
    }
    sum
}

/// Clip one polygon ring to `rect`, writing the result into `out` (cleared first).
///
/// `scratch` is reused between calls to avoid allocating. The result is the ring's interior
/// intersected with the rectangle; rings that cross the rectangle several times come out as
/// one ring with zero-width seams along the edge, which fill correctly with either rule.
pub(crate) fn clip_ring(
    ring: &[Point],
    rect: &Rect,
    out: &mut Vec<Point>,
    scratch: &mut Vec<Point>,
) {
    out.clear();
    out.extend_from_slice(ring);
    // Left, right, top, bottom: each pass keeps the points on the inner side of one edge.
    for edge in 0..4 {
        if out.len() < 3 {
            out.clear();
            return;
        }
        std::mem::swap(out, scratch);
        out.clear();
        let inside = |p: &Point| match edge {
            0 => p[0] >= rect[0],
            1 => p[0] <= rect[2],
            2 => p[1] >= rect[1],
            _ => p[1] <= rect[3],
        };
        let cross = |a: &Point, b: &Point| -> Point {
            match edge {
                0 | 1 => {
                    let x = if edge == 0 { rect[0] } else { rect[2] };
                    let t = (x - a[0]) / (b[0] - a[0]);
                    [x, a[1] + t * (b[1] - a[1])]
                }
                _ => {
                    let y = if edge == 2 { rect[1] } else { rect[3] };
                    let t = (y - a[1]) / (b[1] - a[1]);
                    [a[0] + t * (b[0] - a[0]), y]
                }
            }
        };
        let n = scratch.len();
        let mut prev = scratch[n - 1];
        let mut prev_in = inside(&prev);
        for &cur in scratch.iter() {
            let cur_in = inside(&cur);
            if cur_in {
                if !prev_in {
                    out.push(cross(&prev, &cur));
                }
                out.push(cur);
            } else if prev_in {
                out.push(cross(&prev, &cur));
            }
            prev = cur;
            prev_in = cur_in;
        }
    }
    if out.len() < 3 {
        out.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ring_around_the_rectangle_becomes_the_rectangle() {
        let ring = [[-1.0, -1.0], [2.0, -1.0], [2.0, 2.0], [-1.0, 2.0]];
        let (mut out, mut scratch) = (Vec::new(), Vec::new());
        clip_ring(&ring, &[0.0, 0.0, 1.0, 1.0], &mut out, &mut scratch);
        assert!((doubled_area(&out).abs() - 2.0).abs() < 1e-12);
    }

    #[test]
    fn a_ring_half_inside_keeps_half_its_area() {
        let ring = [[0.5, 0.0], [1.5, 0.0], [1.5, 1.0], [0.5, 1.0]];
        let (mut out, mut scratch) = (Vec::new(), Vec::new());
        clip_ring(&ring, &[0.0, 0.0, 1.0, 1.0], &mut out, &mut scratch);
        assert!((doubled_area(&out).abs() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn a_ring_far_away_disappears_or_has_no_area() {
        let ring = [[5.0, 5.0], [6.0, 5.0], [6.0, 6.0]];
        let (mut out, mut scratch) = (Vec::new(), Vec::new());
        clip_ring(&ring, &[0.0, 0.0, 1.0, 1.0], &mut out, &mut scratch);
        assert!(doubled_area(&out).abs() < 1e-12);
    }
}
