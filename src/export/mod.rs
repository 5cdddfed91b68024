//! Exports: GeoJSON of places and events, and briefing images.

pub mod briefing;
pub mod geojson;
