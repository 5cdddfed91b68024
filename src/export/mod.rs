//! Exports: GeoJSON of places and events.

pub mod geojson;
