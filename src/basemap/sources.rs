//! Which basemap to show: the offline one, OpenStreetMap over HTTP, or a local PMTiles
//! archive; and the walkers tile source for each.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use egui::{Context, Rect, pos2};
use walkers::sources::{Attribution, OpenStreetMap};
use walkers::{
    HeaderValue, HttpOptions, HttpTiles, MaxParallelDownloads, PmTiles, Stats, TileId, TilePiece,
    Tiles,
};

use super::error::BasemapError;
use super::tiles::{OfflineTiles, ancestor_uv};

/// The basemap the user asked for (`--basemap offline|osm|FILE.pmtiles`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum BasemapChoice {
    /// Natural Earth, drawn on this machine: no network.
    #[default]
    Offline,
    /// OpenStreetMap's standard tiles, downloaded and cached on disk.
    Osm,
    /// A raster PMTiles archive on disk.
    PmTiles(PathBuf),
}

impl FromStr for BasemapChoice {
    type Err = BasemapError;

    /// `offline`, `osm` (any case) or a path ending in `.pmtiles`.
    ///
    /// ```
    /// use newsmap::basemap::BasemapChoice;
    /// assert_eq!("osm".parse::<BasemapChoice>().ok(), Some(BasemapChoice::Osm));
    /// assert!("google".parse::<BasemapChoice>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        match trimmed.to_ascii_lowercase().as_str() {
            "offline" => Ok(Self::Offline),
            "osm" | "openstreetmap" => Ok(Self::Osm),
            lower if lower.ends_with(".pmtiles") && lower.len() > ".pmtiles".len() => {
                Ok(Self::PmTiles(PathBuf::from(trimmed)))
            }
            _ => Err(BasemapError::UnknownChoice(s.to_string())),
        }
    }
}

/// A user agent for the tile servers, as their usage policies ask.
const USER_AGENT: &str = concat!("newsmap/", env!("CARGO_PKG_VERSION"));

/// The chosen basemap as one walkers tile source.
pub enum BasemapSource {
    /// Drawn here from Natural Earth.
    Offline(OfflineTiles),
    /// OpenStreetMap over HTTP, with a disk cache.
    Osm(HttpTiles),
    /// A local raster PMTiles archive.
    PmTiles(OverzoomPmTiles),
}

impl BasemapSource {
    /// Build the source for `choice`. `offline` is called only for
    /// [`BasemapChoice::Offline`]: it makes the offline tiles (the caller knows where the
    /// data comes from).
    ///
    /// # Errors
    /// For a PMTiles archive that is missing or is not a raster PMTiles v3 file, the
    /// [`BasemapError`] from [`OverzoomPmTiles::open`]; the caller shows it and falls back
    /// to the offline basemap.
    pub fn open(
        choice: &BasemapChoice,
        ctx: &Context,
        offline: impl FnOnce() -> OfflineTiles,
    ) -> Result<Self, BasemapError> {
        Ok(match choice {
            BasemapChoice::Offline => Self::Offline(offline()),
            BasemapChoice::Osm => Self::Osm(osm_tiles(ctx)),
            BasemapChoice::PmTiles(path) => Self::PmTiles(OverzoomPmTiles::open(path, ctx)?),
        })
    }

    fn tiles(&self) -> &dyn Tiles {
        match self {
            Self::Offline(t) => t,
            Self::Osm(t) => t,
            Self::PmTiles(t) => t,
        }
    }

    fn tiles_mut(&mut self) -> &mut dyn Tiles {
        match self {
            Self::Offline(t) => t,
            Self::Osm(t) => t,
            Self::PmTiles(t) => t,
        }
    }
}

impl Tiles for BasemapSource {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        self.tiles_mut().at(tile_id)
    }

    fn attribution(&self) -> Attribution {
        self.tiles().attribution()
    }

    fn tile_size(&self) -> u32 {
        self.tiles().tile_size()
    }

    fn stats(&self) -> Stats {
        self.tiles().stats()
    }
}

/// Where downloaded OpenStreetMap tiles are cached: `<platform cache dir>/tiles`, e.g.
/// `~/.cache/newsmap/tiles` on Linux; `None` if the platform has no home directory.
pub fn osm_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "newsmap").map(|dirs| dirs.cache_dir().join("tiles"))
}

/// OpenStreetMap's standard tiles, at most two downloads at a time, cached on disk and
/// following the server's cache headers, as the OSM tile usage policy asks.
pub fn osm_tiles(ctx: &Context) -> HttpTiles {
    let options = HttpOptions {
        cache: osm_cache_dir(),
        user_agent: Some(HeaderValue::from_static(USER_AGENT)),
        max_parallel_downloads: MaxParallelDownloads::value_manually_confirmed_with_provider_limits(
            2,
        ),
        ..HttpOptions::default()
    };
    HttpTiles::with_options(OsmWithCopyright, options, ctx.clone())
}

/// OpenStreetMap with the attribution text its licence asks for.
struct OsmWithCopyright;

impl walkers::sources::TileSource for OsmWithCopyright {
    fn tile_url(&self, tile_id: TileId) -> String {
        OpenStreetMap.tile_url(tile_id)
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: "© OpenStreetMap contributors",
            url: "https://www.openstreetmap.org/copyright",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn max_zoom(&self) -> u8 {
        OpenStreetMap.max_zoom()
    }
}

/// What [`validate_pmtiles`] learnt from an archive's header and metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct PmTilesInfo {
    /// The shallowest zoom the archive holds.
    pub min_zoom: u8,
    /// The deepest zoom the archive holds; deeper tiles are enlarged from it.
    pub max_zoom: u8,
    /// The archive's own attribution (metadata `attribution`), if it has one.
    pub attribution: Option<String>,
}

/// The fixed-size PMTiles v3 header.
const HEADER_LEN: usize = 127;

/// Check that `path` is a raster PMTiles v3 archive and read what the map needs from it.
///
/// # Errors
/// [`BasemapError::PmTilesRead`] if it cannot be opened or read,
/// [`BasemapError::PmTilesInvalid`] if it is not PMTiles v3, holds vector tiles (which this
/// build cannot draw) or has an impossible header.
pub fn validate_pmtiles(path: &Path) -> Result<PmTilesInfo, BasemapError> {
    let read_error = |source| BasemapError::PmTilesRead {
        path: path.to_path_buf(),
        source,
    };
    let invalid = |reason: &str| BasemapError::PmTilesInvalid {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    };
    let mut file = std::fs::File::open(path).map_err(read_error)?;
    let mut header = [0u8; HEADER_LEN];
    let mut filled = 0;
    while filled < HEADER_LEN {
        let n = file.read(&mut header[filled..]).map_err(read_error)?;
        if n == 0 {
            return Err(invalid("the file is shorter than a PMTiles header"));
        }
        filled += n;
    }
    if &header[..7] != b"PMTiles" {
        return Err(invalid("it does not start with the PMTiles magic bytes"));
    }
    if header[7] != 3 {
        return Err(invalid(&format!(
            "it is PMTiles version {}, only version 3 is supported",
            header[7]
        )));
    }
    let u64_at = |at: usize| {
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&header[at..at + 8]);
        u64::from_le_bytes(bytes)
    };
    let (metadata_offset, metadata_length) = (u64_at(24), u64_at(32));
    let internal_compression = header[97];
    let tile_type = header[99];
    let (min_zoom, max_zoom) = (header[100], header[101]);
    match tile_type {
        2..=4 => {}
        1 => {
            return Err(invalid(
                "it holds vector (MVT) tiles; only raster archives (PNG, JPEG, WebP) can be shown",
            ));
        }
        5 => return Err(invalid("it holds AVIF tiles, which cannot be decoded")),
        _ => return Err(invalid("its tile type is unknown")),
    }
    if min_zoom > max_zoom || max_zoom > 30 {
        return Err(invalid(&format!(
            "its zoom range {min_zoom}..={max_zoom} is impossible"
        )));
    }
    let file_len = file.metadata().map_err(read_error)?.len();
    let attribution = if metadata_length > 0
        && metadata_length <= 16 * 1024 * 1024
        && metadata_offset.saturating_add(metadata_length) <= file_len
    {
        file.seek(SeekFrom::Start(metadata_offset))
            .map_err(read_error)?;
        let mut raw = vec![0u8; metadata_length as usize];
        file.read_exact(&mut raw).map_err(read_error)?;
        metadata_attribution(&raw, internal_compression)
    } else {
        None
    };
    Ok(PmTilesInfo {
        min_zoom,
        max_zoom,
        attribution,
    })
}

/// The `attribution` field of PMTiles JSON metadata, uncompressing it first if needed.
fn metadata_attribution(raw: &[u8], compression: u8) -> Option<String> {
    let json = match compression {
        // Unknown (0) or none (1).
        0 | 1 => raw.to_vec(),
        2 => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(raw)
                .read_to_end(&mut out)
                .ok()?;
            out
        }
        // Brotli and zstd metadata are rare; the generic attribution will do.
        _ => return None,
    };
    let value: serde_json::Value = serde_json::from_slice(&json).ok()?;
    let text = value.get("attribution")?.as_str()?.trim();
    (!text.is_empty()).then(|| strip_tags(text))
}

/// Attributions are often HTML links; the map's attribution line shows plain text.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&copy;", "©")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

/// A raster PMTiles archive whose deepest zoom is enlarged beyond it, instead of the map
/// going blank there (walkers' own `PmTiles` assumes archives go to zoom 15).
pub struct OverzoomPmTiles {
    inner: PmTiles,
    max_zoom: u8,
    attribution: &'static str,
}

impl OverzoomPmTiles {
    /// Validate `path` (see [`validate_pmtiles`]) and open it.
    ///
    /// # Errors
    /// The [`BasemapError`] from [`validate_pmtiles`].
    pub fn open(path: &Path, ctx: &Context) -> Result<Self, BasemapError> {
        let info = validate_pmtiles(path)?;
        let text = info.attribution.unwrap_or_else(|| {
            format!(
                "PMTiles: {}",
                path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned()
                )
            )
        });
        Ok(Self {
            inner: PmTiles::with_style_and_tile_size(path, walkers::Style, 256, ctx.clone()),
            max_zoom: info.max_zoom,
            // walkers wants a `&'static str`; one short string per archive opened (a handful
            // per session at most) is a fair price.
            attribution: Box::leak(text.into_boxed_str()),
        })
    }

    /// The archive's deepest zoom.
    pub fn max_zoom(&self) -> u8 {
        self.max_zoom
    }
}

impl Tiles for OverzoomPmTiles {
    fn at(&mut self, tile_id: TileId) -> Option<TilePiece> {
        if tile_id.zoom <= self.max_zoom {
            return self.inner.at(tile_id);
        }
        let (deepest, uv) = ancestor_uv(tile_id, self.max_zoom);
        let piece = self.inner.at(deepest)?;
        // The inner piece may itself be a part of a shallower tile: take our part of it.
        let outer = piece.uv;
        let (w, h) = (outer.width(), outer.height());
        let uv = Rect::from_min_max(
            pos2(outer.min.x + uv.min.x * w, outer.min.y + uv.min.y * h),
            pos2(outer.min.x + uv.max.x * w, outer.min.y + uv.max.y * h),
        );
        Some(TilePiece::new(piece.tile, uv))
    }

    fn attribution(&self) -> Attribution {
        Attribution {
            text: self.attribution,
            url: "",
            logo_light: None,
            logo_dark: None,
        }
    }

    fn tile_size(&self) -> u32 {
        self.inner.tile_size()
    }

    fn stats(&self) -> Stats {
        self.inner.stats()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_attributions_become_plain_text() {
        assert_eq!(
            strip_tags("<a href=\"https://osm.org\">&copy; OpenStreetMap</a>"),
            "© OpenStreetMap"
        );
    }

    #[test]
    fn a_path_that_merely_mentions_pmtiles_is_not_an_archive() {
        assert!("pmtiles".parse::<BasemapChoice>().is_err());
        assert!(".pmtiles".parse::<BasemapChoice>().is_err());
    }
}
