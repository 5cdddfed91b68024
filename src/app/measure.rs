//! Measuring the great-circle distance between two ends: places picked in the viewer (a marker,
//! a name in the article or an excerpt, a search result) or points clicked on the map.
//!
//! Pure state and arithmetic: the panels show [`Measure::summary`], the map draws [`Measure::path`].

use geo::{Haversine, InterpolatePoint};
use walkers::Position;

/// One end of a measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureEnd {
    /// Where it is (x = longitude, y = latitude, degrees).
    pub position: Position,
    /// The place's name; None for a point clicked on the map.
    pub name: Option<String>,
}

impl MeasureEnd {
    /// A named place.
    pub fn place(name: impl Into<String>, position: Position) -> MeasureEnd {
        MeasureEnd {
            position,
            name: Some(name.into()),
        }
    }

    /// A point clicked on the map.
    pub fn point(position: Position) -> MeasureEnd {
        MeasureEnd {
            position,
            name: None,
        }
    }

    /// The place's name, or the point's coordinates.
    ///
    /// ```
    /// use newsmap::app::measure::MeasureEnd;
    /// use walkers::lat_lon;
    /// // (latitude 35.8645, longitude 36.8059), then (latitude -33.9, longitude -70.65)
    /// assert_eq!(MeasureEnd::point(lat_lon(35.8645, 36.8059)).label(), "35.86° N, 36.81° E");
    /// assert_eq!(MeasureEnd::point(lat_lon(-33.9, -70.65)).label(), "33.90° S, 70.65° W");
    /// ```
    pub fn label(&self) -> String {
        if let Some(name) = &self.name {
            return name.clone();
        }
        let (lat, lon) = (self.position.y(), self.position.x());
        format!(
            "{:.2}° {}, {:.2}° {}",
            lat.abs(),
            if lat < 0.0 { 'S' } else { 'N' },
            lon.abs(),
            if lon < 0.0 { 'W' } else { 'E' }
        )
    }
}

/// A measurement: no end yet, one end waiting for the second, or both.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measure {
    ends: Vec<MeasureEnd>,
}

impl Measure {
    /// A measurement starting at `end`, waiting for the second end.
    pub fn from(end: MeasureEnd) -> Measure {
        Measure { ends: vec![end] }
    }

    /// The ends picked so far (none, one or two).
    pub fn ends(&self) -> &[MeasureEnd] {
        &self.ends
    }

    /// Add an end: the second completes the measurement, a third starts a new one from it.
    /// The first end picked again is ignored.
    ///
    /// ```
    /// use newsmap::app::measure::{Measure, MeasureEnd};
    /// use walkers::lat_lon;
    /// let mut m = Measure::default();
    /// m.pick(MeasureEnd::place("A", lat_lon(0.0, 0.0)));
    /// m.pick(MeasureEnd::place("B", lat_lon(0.0, 1.0)));
    /// assert!(m.distance_km().is_some());
    /// m.pick(MeasureEnd::place("C", lat_lon(0.0, 2.0)));
    /// assert_eq!(m.ends().len(), 1);
    /// ```
    pub fn pick(&mut self, end: MeasureEnd) {
        // Picking the first end again (clicking its marker) does not measure it to itself.
        if self.ends.len() == 1 && self.ends[0] == end {
            return;
        }
        if self.ends.len() >= 2 {
            self.ends.clear();
        }
        self.ends.push(end);
    }

    /// The great-circle (haversine, mean Earth radius) distance between the two ends.
    ///
    /// # Units
    /// Kilometres; None until both ends are picked.
    ///
    /// ```
    /// use newsmap::app::measure::{Measure, MeasureEnd};
    /// use walkers::lat_lon;
    /// // One degree of longitude on the equator: (lat 0, lon 0) to (lat 0, lon 1), about 111.2 km.
    /// let mut m = Measure::from(MeasureEnd::point(lat_lon(0.0, 0.0)));
    /// m.pick(MeasureEnd::point(lat_lon(0.0, 1.0)));
    /// assert!((m.distance_km().unwrap() - 111.2).abs() < 0.1);
    /// ```
    pub fn distance_km(&self) -> Option<f64> {
        match self.ends.as_slice() {
            [a, b] => Some(super::distance_km(a.position, b.position)),
            _ => None,
        }
    }

    /// One line saying where the measurement stands, e.g. "Saraqib to Lesbos: 998.4 km".
    pub fn summary(&self) -> String {
        match (self.ends.as_slice(), self.distance_km()) {
            ([a, b], Some(km)) => format!("{} to {}: {km:.1} km", a.label(), b.label()),
            ([a], _) => format!("From {}: pick a second place or click the map", a.label()),
            _ => "Pick a place or click the map".to_owned(),
        }
    }

    /// The great circle between the two ends as `segments + 1` points (empty until both are
    /// picked), for drawing: on a Mercator map the shortest path is a curve, not a straight line.
    pub fn path(&self, segments: usize) -> Vec<Position> {
        let [a, b] = self.ends.as_slice() else {
            return Vec::new();
        };
        let n = segments.max(1);
        (0..=n)
            .map(|i| Haversine.point_at_ratio_between(a.position, b.position, i as f64 / n as f64))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use walkers::lat_lon;

    #[test]
    fn a_measurement_waits_for_its_second_end() {
        let m = Measure::from(MeasureEnd::place("Saraqib", lat_lon(35.86, 36.80)));
        assert_eq!(m.distance_km(), None);
        assert!(m.path(8).is_empty());
        assert_eq!(
            m.summary(),
            "From Saraqib: pick a second place or click the map"
        );
    }

    #[test]
    fn the_summary_names_both_places_and_the_distance() {
        // Saraqib (lat 35.86, lon 36.80) to Idlib (lat 35.93, lon 36.63).
        let mut m = Measure::from(MeasureEnd::place("Saraqib", lat_lon(35.86, 36.80)));
        m.pick(MeasureEnd::place("Idlib", lat_lon(35.93, 36.63)));
        let km = m.distance_km().unwrap();
        assert_eq!(m.summary(), format!("Saraqib to Idlib: {km:.1} km"));
        assert!((km - 17.0).abs() < 1.5, "{km}");
    }

    #[test]
    fn the_path_follows_the_great_circle_from_end_to_end() {
        // London (lat 51.5, lon -0.1) to New York (lat 40.7, lon -74.0): the great circle bows
        // north of both ends.
        let mut m = Measure::from(MeasureEnd::place("London", lat_lon(51.5, -0.1)));
        m.pick(MeasureEnd::place("New York", lat_lon(40.7, -74.0)));
        let path = m.path(32);
        assert_eq!(path.len(), 33);
        assert!((path[0].y() - 51.5).abs() < 1e-9 && (path[32].x() + 74.0).abs() < 1e-9);
        assert!(path.iter().any(|p| p.y() > 52.0));
    }

    #[test]
    fn a_point_without_a_name_is_labelled_by_its_coordinates() {
        let mut m = Measure::default();
        m.pick(MeasureEnd::point(lat_lon(10.0, 20.0)));
        assert_eq!(
            m.summary(),
            "From 10.00° N, 20.00° E: pick a second place or click the map"
        );
    }
}
