//! The map underneath the events: an offline basemap rasterised from Natural Earth layers,
//! and the walkers tile sources the app can choose from (offline, OpenStreetMap, PMTiles).
//!
//! [`data`] parses and indexes the layers once (off the UI thread), [`render`] turns one
//! tile into RGBA pixels with no UI toolkit involved, and [`tiles`] / [`sources`] adapt that
//! to walkers' `Tiles` trait, the only place here that knows about egui.

pub mod data;
pub mod error;
pub mod render;
pub mod sources;
pub mod tiles;

mod clip;

pub use data::{BasemapData, LayerSources};
pub use error::BasemapError;
pub use render::{RgbaImage, Style, render_tile};
pub use sources::{BasemapChoice, BasemapSource, OverzoomPmTiles};
pub use tiles::OfflineTiles;
