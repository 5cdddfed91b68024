//! Fitting the map view to a set of points: a pure function, so it is tested without a window.

/// A view: centre and walkers zoom level.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitView {
    /// Degrees north.
    pub lat: f64,
    /// Degrees east, in -180..=180.
    pub lon: f64,
    /// Slippy-map zoom (0 = the world in one 256 px tile).
    pub zoom: f64,
}

/// The zoom used for a single point (or points very close together).
pub const MAX_FIT_ZOOM: f64 = 10.0;

/// The latitude limit of Web Mercator, in degrees.
const MAX_LAT: f64 = 85.051_128;

fn mercator_y(lat: f64) -> f64 {
    // 0 at the top (85° N), 1 at the bottom.
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    (1.0 - lat.tan().asinh() / std::f64::consts::PI) / 2.0
}

fn inverse_mercator_y(y: f64) -> f64 {
    ((1.0 - 2.0 * y) * std::f64::consts::PI)
        .sinh()
        .atan()
        .to_degrees()
}

/// Normalise a longitude to -180..=180 degrees.
pub fn wrap_lon(lon: f64) -> f64 {
    let l = (lon + 180.0).rem_euclid(360.0) - 180.0;
    if l == -180.0 && lon > 0.0 { 180.0 } else { l }
}

/// The smallest longitude interval (west, east) holding every longitude; `east` may exceed 180 when the
/// interval crosses the antimeridian. Found by dropping the largest gap between sorted longitudes.
pub fn lon_span(lons: &[f64]) -> Option<(f64, f64)> {
    let mut l: Vec<f64> = lons.iter().map(|&x| wrap_lon(x)).collect();
    l.sort_by(f64::total_cmp);
    let (&first, &last) = (l.first()?, l.last()?);
    // The gap that wraps around from the last to the first longitude.
    let mut best_gap = first + 360.0 - last;
    let mut span = (first, last);
    for w in l.windows(2) {
        let gap = w[1] - w[0];
        if gap > best_gap {
            best_gap = gap;
            span = (w[1], w[0] + 360.0);
        }
    }
    Some(span)
}

/// The view showing every `(lat, lon)` point (degrees) in a `width` x `height` pixel map with `padding`
/// pixels kept free on each side. Antimeridian-safe: points at 179° E and 179° W are fitted across the
/// date line, not across the whole world. None when there are no points.
///
/// ```
/// use newsmap::app::fit::fit_view;
/// // Two points (lat, lon) 10 degrees apart around (0, 0).
/// let v = fit_view(&[(0.0, -5.0), (0.0, 5.0)], 1000.0, 500.0, 20.0).unwrap();
/// assert!(v.lon.abs() < 1e-9 && v.zoom > 6.0 && v.zoom < 8.0);
/// ```
pub fn fit_view(points: &[(f64, f64)], width: f64, height: f64, padding: f64) -> Option<FitView> {
    let lons: Vec<f64> = points.iter().map(|p| p.1).collect();
    let (west, east) = lon_span(&lons)?;
    let ys = points.iter().map(|p| mercator_y(p.0));
    let (top, bottom) = ys.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), y| {
        (a.min(y), b.max(y))
    });
    let free_w = (width - 2.0 * padding).max(1.0);
    let free_h = (height - 2.0 * padding).max(1.0);
    let fx = (east - west) / 360.0;
    let fy = bottom - top;
    let zx = if fx > 0.0 {
        (free_w / (256.0 * fx)).log2()
    } else {
        MAX_FIT_ZOOM
    };
    let zy = if fy > 0.0 {
        (free_h / (256.0 * fy)).log2()
    } else {
        MAX_FIT_ZOOM
    };
    let zoom = zx.min(zy).clamp(0.0, MAX_FIT_ZOOM);
    Some(FitView {
        lat: inverse_mercator_y((top + bottom) / 2.0),
        lon: wrap_lon((west + east) / 2.0),
        zoom,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_points_have_no_view() {
        assert_eq!(fit_view(&[], 800.0, 600.0, 10.0), None);
    }

    #[test]
    fn a_single_point_is_centred_at_the_closest_zoom() {
        let v = fit_view(&[(35.86, 36.8)], 800.0, 600.0, 10.0).unwrap();
        assert!((v.lat - 35.86).abs() < 1e-6 && (v.lon - 36.8).abs() < 1e-9);
        assert_eq!(v.zoom, MAX_FIT_ZOOM);
    }

    #[test]
    fn points_across_the_antimeridian_are_fitted_across_it() {
        // Fiji (lat -17, lon 178) and Samoa (lat -13.8, lon -172).
        let v = fit_view(&[(-17.0, 178.0), (-13.8, -172.0)], 800.0, 600.0, 20.0).unwrap();
        assert!(v.lon.abs() > 170.0, "centre {v:?}");
        assert!(v.zoom > 3.0, "zoomed out to the world: {v:?}");
    }

    #[test]
    fn the_fitted_span_fits_inside_the_padding() {
        let v = fit_view(&[(30.0, 20.0), (40.0, 40.0)], 1000.0, 800.0, 50.0).unwrap();
        let world = 256.0 * 2f64.powf(v.zoom);
        let w = 20.0 / 360.0 * world;
        let h = (mercator_y(30.0) - mercator_y(40.0)) * world;
        assert!(w <= 900.0 + 1e-6 && h <= 700.0 + 1e-6);
        assert!((w - 900.0).abs() < 1e-3 || (h - 700.0).abs() < 1e-3);
    }

    #[test]
    fn longitudes_wrap_into_range() {
        assert_eq!(wrap_lon(190.0), -170.0);
        assert_eq!(wrap_lon(180.0), 180.0);
        assert_eq!(wrap_lon(-190.0), 170.0);
    }
}
