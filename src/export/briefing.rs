//! Briefing images: options from the command line and writing the PNG safely. The drawing itself is
//! in `app::offscreen`, shared with the window.

use std::path::Path;

/// The largest side of a briefing image, in pixels.
pub const MAX_SIDE: u32 = 8192;

/// Why a briefing option or file was refused.
#[derive(Debug, thiserror::Error)]
pub enum BriefingError {
    #[error("`{0}` is not a size: use WIDTHxHEIGHT, e.g. 1920x1080")]
    BadSize(String),
    #[error("size {0}x{1} is out of range: each side must be 1..={MAX_SIDE} pixels")]
    SizeOutOfRange(u32, u32),
    #[error("`{0}` is not a view: use fit or LAT,LON,ZOOM (e.g. 35.9,36.7,8)")]
    BadView(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Parse `WIDTHxHEIGHT` (pixels), refusing zero and sides over [`MAX_SIDE`].
///
/// ```
/// use newsmap::export::briefing::parse_size;
/// assert_eq!(parse_size("1920x1080").unwrap(), (1920, 1080));
/// assert!(parse_size("0x0").is_err());
/// ```
pub fn parse_size(s: &str) -> Result<(u32, u32), BriefingError> {
    let (w, h) = s
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| BriefingError::BadSize(s.to_owned()))?;
    let w: u32 = w
        .trim()
        .parse()
        .map_err(|_| BriefingError::BadSize(s.to_owned()))?;
    let h: u32 = h
        .trim()
        .parse()
        .map_err(|_| BriefingError::BadSize(s.to_owned()))?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(BriefingError::SizeOutOfRange(w, h));
    }
    Ok((w, h))
}

/// Parse `fit` (None) or `LAT,LON,ZOOM` (degrees north, degrees east, walkers zoom 0..=19).
///
/// ```
/// use newsmap::export::briefing::parse_view;
/// assert_eq!(parse_view("fit").unwrap(), None);
/// assert_eq!(parse_view("35.9,36.7,8").unwrap(), Some((35.9, 36.7, 8.0)));
/// ```
pub fn parse_view(s: &str) -> Result<Option<(f64, f64, f64)>, BriefingError> {
    if s == "fit" {
        return Ok(None);
    }
    let parts: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| BriefingError::BadView(s.to_owned()))?;
    match parts.as_slice() {
        [lat, lon, zoom]
            if (-90.0..=90.0).contains(lat)
                && (-180.0..=180.0).contains(lon)
                && (0.0..=19.0).contains(zoom) =>
        {
            Ok(Some((*lat, *lon, *zoom)))
        }
        _ => Err(BriefingError::BadView(s.to_owned())),
    }
}

/// Encode RGBA8 pixels as PNG bytes.
pub fn encode_png(rgba: &[u8], width: u32, height: u32) -> Result<Vec<u8>, std::io::Error> {
    let mut bytes = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut bytes, width, height);
        enc.set_color(png::ColorType::Rgba);
        enc.set_depth(png::BitDepth::Eight);
        let mut w = enc.write_header().map_err(std::io::Error::other)?;
        w.write_image_data(rgba).map_err(std::io::Error::other)?;
    }
    Ok(bytes)
}

/// Write a PNG atomically (temp file in the same folder, then rename): never a half-written file.
pub fn write_png(path: &Path, rgba: &[u8], width: u32, height: u32) -> Result<(), BriefingError> {
    let err = |source| BriefingError::Write {
        path: path.display().to_string(),
        source,
    };
    let bytes = encode_png(rgba, width, height).map_err(err)?;
    crate::session::write_atomic(path, &bytes, false).map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_over_the_limit_are_refused() {
        assert!(matches!(
            parse_size("8193x100"),
            Err(BriefingError::SizeOutOfRange(..))
        ));
        assert!(matches!(parse_size("axb"), Err(BriefingError::BadSize(_))));
    }

    #[test]
    fn a_view_needs_three_numbers_in_range() {
        assert!(parse_view("1,2").is_err());
        assert!(parse_view("95,0,3").is_err());
    }

    #[test]
    fn a_png_written_to_a_missing_folder_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nope").join("x.png");
        assert!(write_png(&path, &[0; 4], 1, 1).is_err());
        assert!(!path.exists());
    }
}
