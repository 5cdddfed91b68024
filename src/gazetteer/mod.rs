//! The built-in offline gazetteer: GeoNames populated places, Natural Earth countries and admin-1
//! regions, land borders between neighbours, and a small curated list of seas, islands,
//! macro-regions, crossings and rivers (see `geodata/README.md`).
//!
//! The data is embedded in the binary. Its name index (an FST of normalised names) is built at
//! compile time by `build.rs`, so loading only indexes line starts: a few milliseconds.

pub mod index;
pub mod normalize;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use fst::automaton::Automaton;
use fst::{IntoStreamer, Streamer};
use serde::{Deserialize, Serialize};

use index::{FLAG_DEMONYM, FLAG_MAIN, ROW_MASK};
pub use normalize::normalize;

/// What kind of place a gazetteer entry is. These exact words appear in every JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    City,
    Region,
    Country,
    Continent,
    Island,
    Sea,
    Border,
    Crossing,
    Zone,
    Landform,
    River,
}

impl PlaceKind {
    /// Parse the word used in the data files and JSON.
    pub fn from_word(word: &str) -> Option<PlaceKind> {
        Some(match word {
            "city" => PlaceKind::City,
            "region" => PlaceKind::Region,
            "country" => PlaceKind::Country,
            "continent" => PlaceKind::Continent,
            "island" => PlaceKind::Island,
            "sea" => PlaceKind::Sea,
            "border" => PlaceKind::Border,
            "crossing" => PlaceKind::Crossing,
            "zone" => PlaceKind::Zone,
            "landform" => PlaceKind::Landform,
            "river" => PlaceKind::River,
            _ => return None,
        })
    }

    /// The word used in the data files and JSON.
    pub fn word(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Region => "region",
            PlaceKind::Country => "country",
            PlaceKind::Continent => "continent",
            PlaceKind::Island => "island",
            PlaceKind::Sea => "sea",
            PlaceKind::Border => "border",
            PlaceKind::Crossing => "crossing",
            PlaceKind::Zone => "zone",
            PlaceKind::Landform => "landform",
            PlaceKind::River => "river",
        }
    }
}

/// Why the gazetteer could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// A data file could not be read.
    #[error("cannot read gazetteer file {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A data file is missing or malformed.
    #[error("gazetteer file {path} is corrupt: {reason}")]
    Corrupt { path: String, reason: String },
}

/// The data of one gazetteer entry. Parsed once per process and shared by every lookup that
/// finds it (see [`Candidate`]).
#[derive(Debug, PartialEq)]
pub struct PlaceRecord {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    /// GeoNames feature code (PPL, PPLA, PPLC, ADM1...), empty when unknown.
    pub feature_code: String,
    /// ISO 3166-1 alpha-2 or None.
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub population: u64,
    /// Degrees north.
    pub lat: f64,
    /// Degrees east.
    pub lon: f64,
    /// The alternate names as stored (`|`-separated); see [`PlaceRecord::alternate_names`].
    alternate_names: String,
    /// The demonyms as stored (`|`-separated); see [`PlaceRecord::demonyms`].
    demonyms: String,
    /// The importance before context (see [`index::prior_score`]).
    pub prior: f64,
}

impl PlaceRecord {
    /// Other names of the place (spelling variants, other languages), in the data's order.
    pub fn alternate_names(&self) -> impl Iterator<Item = &str> {
        self.alternate_names.split('|').filter(|x| !x.is_empty())
    }

    /// Demonyms and adjectives of the place ("Turkish" for Turkey).
    pub fn demonyms(&self) -> impl Iterator<Item = &str> {
        self.demonyms.split('|').filter(|x| !x.is_empty())
    }
}

/// One gazetteer entry as a lookup found it: the shared place data (fields reached through
/// `Deref`, so `c.name`, `c.lat` work) and how the looked-up name matched it. Cloning is cheap.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    record: Arc<PlaceRecord>,
    /// The looked-up name was a demonym or adjective of this place ("Turkish" for Turkey).
    pub via_demonym: bool,
    /// The looked-up name was this place's main name.
    pub via_main_name: bool,
}

impl std::ops::Deref for Candidate {
    type Target = PlaceRecord;
    fn deref(&self) -> &PlaceRecord {
        &self.record
    }
}

impl Candidate {
    fn new(record: Arc<PlaceRecord>) -> Candidate {
        Candidate {
            record,
            via_demonym: false,
            via_main_name: false,
        }
    }
}

/// The gazetteer: places, their geometries and the name index.
pub struct Gazetteer {
    places: Cow<'static, str>,
    /// Byte offset of each data row in `places` (header excluded), in id order.
    rows: Vec<u32>,
    names: fst::Map<Cow<'static, [u8]>>,
    postings: Cow<'static, [u8]>,
    geometries: Cow<'static, str>,
    /// (id, byte range of the GeoJSON) for each line of `geometries`, in id order.
    geometry_rows: Vec<(u32, u32, u32)>,
    /// Rows parsed so far, shared by every lookup (a geoparse meets the same names again and again).
    parsed: Vec<OnceLock<Arc<PlaceRecord>>>,
    /// Geometries parsed so far, one slot per line of `geometries`.
    parsed_geometries: Vec<OnceLock<Option<Arc<serde_json::Value>>>>,
    /// Land borders by country code, built on first use.
    borders: OnceLock<HashMap<String, Vec<Candidate>>>,
}

static EMBEDDED_PLACES: &str = include_str!(concat!(env!("OUT_DIR"), "/places.tsv"));
static EMBEDDED_GEOMETRIES: &str = include_str!(concat!(env!("OUT_DIR"), "/geometries.tsv"));
static EMBEDDED_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
static EMBEDDED_POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.post"));

static EMBEDDED: OnceLock<Result<Gazetteer, String>> = OnceLock::new();

fn embedded_error(reason: &str) -> GazetteerError {
    GazetteerError::Corrupt {
        path: "geodata/places.tsv (embedded)".to_owned(),
        reason: reason.to_owned(),
    }
}

impl Gazetteer {
    /// The gazetteer embedded in the binary, loaded once per process.
    pub fn embedded() -> Result<&'static Gazetteer, GazetteerError> {
        let loaded = EMBEDDED.get_or_init(Gazetteer::load_embedded_parts);
        match loaded {
            Ok(g) => Ok(g),
            Err(reason) => Err(embedded_error(reason)),
        }
    }

    /// A fresh instance of the embedded gazetteer (for benchmarks; the app uses [`Gazetteer::embedded`]).
    pub fn load_embedded() -> Result<Gazetteer, GazetteerError> {
        Gazetteer::load_embedded_parts().map_err(|r| embedded_error(&r))
    }

    fn load_embedded_parts() -> Result<Gazetteer, String> {
        if EMBEDDED_PLACES.is_empty() {
            return Err("geodata/places.tsv was missing when newsmap was built".to_owned());
        }
        Gazetteer::from_parts(
            Cow::Borrowed(EMBEDDED_PLACES),
            Cow::Borrowed(EMBEDDED_GEOMETRIES),
            Cow::Borrowed(EMBEDDED_FST),
            Cow::Borrowed(EMBEDDED_POSTINGS),
        )
    }

    /// Load a gazetteer from `places.tsv` and `geometries.tsv` in `dir`, building the index in memory.
    pub fn from_dir(dir: &Path) -> Result<Gazetteer, GazetteerError> {
        let read = |name: &str| -> Result<String, GazetteerError> {
            let path = dir.join(name);
            let bytes = std::fs::read(&path).map_err(|source| GazetteerError::Io {
                path: path.display().to_string(),
                source,
            })?;
            String::from_utf8(bytes).map_err(|e| GazetteerError::Corrupt {
                path: path.display().to_string(),
                reason: format!("not UTF-8 ({e})"),
            })
        };
        let places = read("places.tsv")?;
        let geometries = read("geometries.tsv")?;
        let corrupt = |name: &str, reason: String| GazetteerError::Corrupt {
            path: dir.join(name).display().to_string(),
            reason,
        };
        let (fst, postings) = index::build_index(&places).map_err(|r| corrupt("places.tsv", r))?;
        Gazetteer::from_parts(
            Cow::Owned(places),
            Cow::Owned(geometries),
            Cow::Owned(fst),
            Cow::Owned(postings),
        )
        .map_err(|r| corrupt("places.tsv", r))
    }

    fn from_parts(
        places: Cow<'static, str>,
        geometries: Cow<'static, str>,
        fst_bytes: Cow<'static, [u8]>,
        postings: Cow<'static, [u8]>,
    ) -> Result<Gazetteer, String> {
        let header = places.lines().next().unwrap_or("");
        if !header.starts_with("id\tname\tkind") {
            return Err("the header line is not `id\tname\tkind...`".to_owned());
        }
        if places.len() > u32::MAX as usize || geometries.len() > u32::MAX as usize {
            return Err("file too large".to_owned());
        }
        let bytes = places.as_bytes();
        let mut rows = Vec::with_capacity(bytes.len() / 80);
        let mut pos = header.len() + 1;
        while pos < bytes.len() {
            let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |i| pos + i);
            if end > pos {
                rows.push(pos as u32);
            }
            pos = end + 1;
        }
        let names = fst::Map::new(fst_bytes).map_err(|e| format!("name index: {e}"))?;
        let mut geometry_rows = Vec::new();
        let gbytes = geometries.as_bytes();
        let mut pos = 0;
        while pos < gbytes.len() {
            let end = memchr::memchr(b'\n', &gbytes[pos..]).map_or(gbytes.len(), |i| pos + i);
            if let Some(tab) = memchr::memchr(b'\t', &gbytes[pos..end]) {
                geometry_rows.push((pos as u32, (pos + tab + 1) as u32, end as u32));
            }
            pos = end + 1;
        }
        let parsed = (0..rows.len()).map(|_| OnceLock::new()).collect();
        let parsed_geometries = (0..geometry_rows.len()).map(|_| OnceLock::new()).collect();
        let g = Gazetteer {
            places,
            parsed,
            parsed_geometries,
            borders: OnceLock::new(),
            rows,
            names,
            postings,
            geometries,
            geometry_rows,
        };
        // Validate the first row so a corrupt file is reported at load, not at the first lookup.
        if !g.rows.is_empty() && g.row(0).is_none() {
            return Err("the first data row is malformed".to_owned());
        }
        Ok(g)
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are no places.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn row_str(&self, row: usize) -> Option<&str> {
        let start = *self.rows.get(row)? as usize;
        let rest = self.places.get(start..)?;
        Some(rest.split('\n').next().unwrap_or(rest))
    }

    /// Parse one row of `places.tsv`.
    fn parse_row(&self, row: usize) -> Option<PlaceRecord> {
        let line = self.row_str(row)?;
        let mut c = [""; index::COLUMNS];
        let mut fields = line.split('\t');
        for slot in &mut c {
            *slot = fields.next()?;
        }
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        let population = c[7].parse().unwrap_or(0);
        Some(PlaceRecord {
            id: c[0].to_owned(),
            name: c[1].to_owned(),
            kind: PlaceKind::from_word(c[2])?,
            feature_code: c[3].to_owned(),
            country: opt(c[4]),
            admin1: opt(c[5]),
            admin2: opt(c[6]),
            population,
            lat: c[8].parse().ok()?,
            lon: c[9].parse().ok()?,
            alternate_names: c[10].to_owned(),
            demonyms: c[11].to_owned(),
            prior: index::prior_score(c[0], c[2], c[3], population),
        })
    }

    /// The place in `row`, parsed once and then shared.
    fn row(&self, row: usize) -> Option<Candidate> {
        let slot = self.parsed.get(row)?;
        if let Some(r) = slot.get() {
            return Some(Candidate::new(Arc::clone(r)));
        }
        let record = Arc::new(self.parse_row(row)?);
        Some(Candidate::new(Arc::clone(slot.get_or_init(|| record))))
    }

    /// The place in `row` without keeping it (for walks over many rows, which would otherwise fill
    /// the cache with places no lookup asked for).
    fn row_uncached(&self, row: usize) -> Option<Candidate> {
        match self.parsed.get(row)?.get() {
            Some(r) => Some(Candidate::new(Arc::clone(r))),
            None => Some(Candidate::new(Arc::new(self.parse_row(row)?))),
        }
    }

    fn candidates_for_value(&self, value: u64, limit: usize) -> Vec<Candidate> {
        let offset = (value >> 32) as usize;
        let count = (value & 0xffff_ffff) as usize;
        let mut out = Vec::with_capacity(count.min(limit));
        for i in offset..offset + count {
            if out.len() >= limit {
                break;
            }
            let Some(b) = self.postings.get(i * 4..i * 4 + 4) else {
                break;
            };
            let posting = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            if let Some(mut c) = self.row((posting & ROW_MASK) as usize) {
                c.via_demonym = posting & FLAG_DEMONYM != 0;
                c.via_main_name = posting & FLAG_MAIN != 0;
                out.push(c);
            }
        }
        out
    }

    /// The postings value stored for an already normalised key, if any.
    pub fn key_value(&self, key: &str) -> Option<u64> {
        self.names.get(key.as_bytes())
    }

    /// The candidates for an already normalised key, most important first, at most `limit`.
    pub fn lookup_key(&self, key: &str, limit: usize) -> Vec<Candidate> {
        match self.key_value(key) {
            Some(v) => self.candidates_for_value(v, limit),
            None => Vec::new(),
        }
    }

    /// Every place called `name` (any spelling variant, case and diacritics folded), most
    /// important first (population, kind), demonyms included ("Turkish" -> Turkey).
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        if name.len() > 256 {
            return Vec::new();
        }
        self.lookup_key(&normalize(name), 24)
    }

    /// Places whose name or alternate name starts with `prefix`, for a search box: exact matches
    /// first, then the most important, at most `limit`, one entry per place.
    pub fn search(&self, prefix: &str, limit: usize) -> Vec<Candidate> {
        let key = normalize(prefix);
        if key.is_empty() || limit == 0 || prefix.len() > 256 {
            return Vec::new();
        }
        let mut found: Vec<(bool, Candidate)> = Vec::new();
        let automaton = fst::automaton::Str::new(&key).starts_with();
        let mut stream = self.names.search(automaton).into_stream();
        // Bound the work per keystroke: a one-letter prefix matches a large part of the index.
        let mut visited = 0;
        while let Some((k, v)) = stream.next() {
            visited += 1;
            let exact = k == key.as_bytes();
            for c in self.candidates_for_value(v, 3) {
                if c.via_demonym {
                    continue;
                }
                found.push((exact, c));
            }
            if visited >= 600 {
                break;
            }
        }
        found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.prior.total_cmp(&a.1.prior)));
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .map(|(_, c)| c)
            .filter(|c| seen.insert(c.id.clone()))
            .take(limit)
            .collect()
    }

    /// The place with this id (`gn:170063`, `country:SY`, `cur:lesbos`...).
    pub fn get(&self, id: &str) -> Option<Candidate> {
        let idx = self
            .rows
            .binary_search_by(|&start| {
                let rest = &self.places[start as usize..];
                let row_id = rest.split('\t').next().unwrap_or("");
                row_id.as_bytes().cmp(id.as_bytes())
            })
            .ok()?;
        self.row(idx)
    }

    fn geometry_index(&self, id: &str) -> Option<usize> {
        let g = self.geometries.as_bytes();
        self.geometry_rows
            .binary_search_by(|&(s, v, _)| {
                g.get(s as usize..v as usize - 1)
                    .unwrap_or_default()
                    .cmp(id.as_bytes())
            })
            .ok()
    }

    /// The GeoJSON geometry of a place (polygon for countries and regions, line for borders), if any.
    pub fn geometry_json(&self, id: &str) -> Option<&str> {
        let (_, v, e) = self.geometry_rows[self.geometry_index(id)?];
        self.geometries.get(v as usize..e as usize)
    }

    /// The GeoJSON geometry of a place as parsed JSON, parsed once and then shared.
    pub fn geometry_value(&self, id: &str) -> Option<Arc<serde_json::Value>> {
        let i = self.geometry_index(id)?;
        self.parsed_geometries
            .get(i)?
            .get_or_init(|| {
                let (_, v, e) = self.geometry_rows[i];
                let json = self.geometries.get(v as usize..e as usize)?;
                serde_json::from_str(json).ok().map(Arc::new)
            })
            .clone()
    }

    /// The geometry of a place as a `geo` geometry.
    pub fn geometry(&self, id: &str) -> Option<geo::Geometry<f64>> {
        let json: serde_json::Value = serde_json::from_str(self.geometry_json(id)?).ok()?;
        geojson_to_geo(&json)
    }

    /// The FST of normalised names, for the recogniser's incremental matching.
    pub fn names_fst(&self) -> &fst::raw::Fst<Cow<'static, [u8]>> {
        self.names.as_fst()
    }

    /// Candidates for an FST output value found by walking [`Gazetteer::names_fst`].
    pub fn candidates_for_output(&self, value: u64, limit: usize) -> Vec<Candidate> {
        self.candidates_for_value(value, limit)
    }
}

fn coords(v: &serde_json::Value) -> Option<Vec<geo::Coord<f64>>> {
    v.as_array()?
        .iter()
        .map(|p| {
            let p = p.as_array()?;
            Some(geo::coord! { x: p.first()?.as_f64()?, y: p.get(1)?.as_f64()? })
        })
        .collect()
}

fn polygon(v: &serde_json::Value) -> Option<geo::Polygon<f64>> {
    let rings = v.as_array()?;
    let mut it = rings.iter();
    let exterior = geo::LineString::new(coords(it.next()?)?);
    let interiors = it
        .filter_map(|r| coords(r).map(geo::LineString::new))
        .collect();
    Some(geo::Polygon::new(exterior, interiors))
}

/// Convert a GeoJSON geometry object (coordinates longitude first) to a `geo` geometry.
pub fn geojson_to_geo(json: &serde_json::Value) -> Option<geo::Geometry<f64>> {
    let c = json.get("coordinates")?;
    Some(match json.get("type")?.as_str()? {
        "Point" => {
            let p = c.as_array()?;
            geo::Geometry::Point(geo::Point::new(p.first()?.as_f64()?, p.get(1)?.as_f64()?))
        }
        "LineString" => geo::Geometry::LineString(geo::LineString::new(coords(c)?)),
        "MultiLineString" => geo::Geometry::MultiLineString(geo::MultiLineString::new(
            c.as_array()?
                .iter()
                .filter_map(|l| coords(l).map(geo::LineString::new))
                .collect(),
        )),
        "Polygon" => geo::Geometry::Polygon(polygon(c)?),
        "MultiPolygon" => geo::Geometry::MultiPolygon(geo::MultiPolygon::new(
            c.as_array()?.iter().filter_map(polygon).collect(),
        )),
        _ => return None,
    })
}

impl Gazetteer {
    /// Every place whose id starts with `prefix` (`border:`, `country:`...), in id order.
    pub fn with_id_prefix(&self, prefix: &str) -> Vec<Candidate> {
        self.with_id_prefix_where(prefix, |_, _| true)
    }

    /// Every place whose id starts with `prefix` and whose kind and population (people) pass
    /// `keep`, in id order. Rows that `keep` refuses are never decoded in full, so picking the
    /// few thousand large cities out of the quarter million `gn:` rows takes milliseconds
    /// where decoding every row and filtering afterwards takes a quarter of a second.
    pub fn with_id_prefix_where(
        &self,
        prefix: &str,
        keep: impl Fn(PlaceKind, u64) -> bool,
    ) -> Vec<Candidate> {
        let id_of = |start: u32| -> &str {
            let rest = &self.places[start as usize..];
            rest.split('\t').next().unwrap_or("")
        };
        let first = self
            .rows
            .partition_point(|&s| id_of(s).as_bytes() < prefix.as_bytes());
        let mut out = Vec::new();
        for row in first..self.rows.len() {
            // Columns: id, name, kind, feature code, country, admin1, admin2, population, ...
            // Every row has more columns after these, so the first eight end before the
            // line does and the (long) rest of the line need not be searched.
            let Some([id, _, kind, _, _, _, _, population]) = leading_fields(
                self.places
                    .get(self.rows[row] as usize..)
                    .unwrap_or_default(),
            ) else {
                continue;
            };
            if !id.starts_with(prefix) {
                break;
            }
            let kind = PlaceKind::from_word(kind);
            let population = population.parse().unwrap_or(0);
            if kind.is_some_and(|k| keep(k, population)) {
                out.extend(self.row_uncached(row));
            }
        }
        out
    }

    /// Every land border of the country with ISO code `iso` (lines with ids `border:AA-BB`).
    pub fn borders_of(&self, iso: &str) -> Vec<Candidate> {
        let all = self.borders.get_or_init(|| {
            let mut by_country: HashMap<String, Vec<Candidate>> = HashMap::new();
            for c in self.with_id_prefix("border:") {
                let pair = c.id.trim_start_matches("border:").to_owned();
                for side in pair.split('-') {
                    by_country
                        .entry(side.to_owned())
                        .or_default()
                        .push(c.clone());
                }
            }
            by_country
        });
        all.get(iso).cloned().unwrap_or_default()
    }
}

/// The first `N` tab-separated fields of `text` (a byte loop: these fields are short, and
/// a search call per field would cost more than the scan).
fn leading_fields<const N: usize>(text: &str) -> Option<[&str; N]> {
    let mut out = [""; N];
    let mut start = 0;
    let mut field = 0;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        if b == b'\t' || b == b'\n' {
            out[field] = text.get(start..i)?;
            field += 1;
            if field == N {
                return Some(out);
            }
            if b == b'\n' {
                return None;
            }
            start = i + 1;
        }
    }
    None
}
