//! What can go wrong while loading the basemap or opening a tile source.

use std::path::PathBuf;

/// An error of the basemap: its layers, its tile sources or the user's choice of one.
///
/// Each variant says what was being done and with which file, so the message can be shown
/// to the user as it is.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    /// A layer file could not be read.
    #[error("cannot read basemap layer {path}: {source}")]
    ReadLayer {
        /// The file that was being read.
        path: PathBuf,
        /// Why reading failed.
        source: std::io::Error,
    },

    /// A layer is not a GeoJSON FeatureCollection we understand.
    #[error("basemap layer `{layer}` is not valid GeoJSON: {source}")]
    ParseLayer {
        /// The layer's name, e.g. `land_hi`.
        layer: String,
        /// What the JSON parser said.
        source: serde_json::Error,
    },

    /// The text given for `--basemap` names no known source.
    #[error("unknown basemap `{0}`: expected `offline`, `osm` or the path of a `.pmtiles` file")]
    UnknownChoice(String),

    /// A PMTiles archive could not be opened or read.
    #[error("cannot open PMTiles archive {path}: {source}")]
    PmTilesRead {
        /// The archive.
        path: PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },

    /// A file was read but is not a PMTiles v3 archive we can show.
    #[error("{path} is not a usable PMTiles archive: {reason}")]
    PmTilesInvalid {
        /// The archive.
        path: PathBuf,
        /// What is wrong with it, in words.
        reason: String,
    },

    /// An image could not be encoded (only when writing PNG files, e.g. screenshots).
    #[error("cannot encode the tile as PNG: {0}")]
    Encode(String),
}
