//! The basemap choice and the tile source for it.

use std::path::PathBuf;

use walkers::{HttpTiles, PmTiles, Tiles, sources::OpenStreetMap};

/// Which basemap to draw under the events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basemap {
    /// Drawn with no network (a plain background until the offline renderer lands).
    Offline,
    /// OpenStreetMap's tile servers.
    Osm,
    /// A raster `.pmtiles` archive.
    PmTiles(PathBuf),
}

/// Why a basemap name was refused.
#[derive(Debug, thiserror::Error)]
pub enum BasemapError {
    #[error("unknown basemap `{0}`: use offline, osm or a path ending in .pmtiles")]
    Unknown(String),
    #[error("basemap file {0} does not exist")]
    Missing(String),
}

impl std::str::FromStr for Basemap {
    type Err = BasemapError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "offline" | "" => Ok(Basemap::Offline),
            "osm" => Ok(Basemap::Osm),
            p if p.ends_with(".pmtiles") => {
                let path = PathBuf::from(p);
                if path.is_file() {
                    Ok(Basemap::PmTiles(path))
                } else {
                    Err(BasemapError::Missing(p.to_owned()))
                }
            }
            other => Err(BasemapError::Unknown(other.to_owned())),
        }
    }
}

impl Basemap {
    /// The attribution line the map must show.
    pub fn attribution(&self) -> &'static str {
        match self {
            Basemap::Offline | Basemap::PmTiles(_) => "Natural Earth · GeoNames (CC BY 4.0)",
            Basemap::Osm => "© OpenStreetMap contributors · GeoNames (CC BY 4.0)",
        }
    }

    /// A tile source, or None when the map is drawn without tiles.
    pub fn tiles(&self, ctx: &egui::Context) -> Option<Box<dyn Tiles + Send>> {
        match self {
            Basemap::Offline => None,
            Basemap::Osm => Some(Box::new(HttpTiles::new(OpenStreetMap, ctx.clone()))),
            Basemap::PmTiles(p) => Some(Box::new(PmTiles::new(p, ctx.clone()))),
        }
    }
}
