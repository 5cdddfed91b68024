//! Building the name index: every normalised name and demonym -> the rows of `places.tsv` it names,
//! most important first. Run by `build.rs` at compile time for the embedded data (so the binary
//! carries a ready index and loads in milliseconds) and at run time for data read from files.
//! This file is included by `build.rs`: it uses only `std`, `fst` and `unicode_normalization`.

use super::normalize::normalize;

/// Posting flag: the name matched was a demonym/adjective ("Turkish") of the place.
pub const FLAG_DEMONYM: u32 = 1 << 31;
/// Posting flag: the name matched was the place's main name (not an alternate).
pub const FLAG_MAIN: u32 = 1 << 30;
/// Mask of the row number in a posting.
pub const ROW_MASK: u32 = (1 << 30) - 1;

/// Number of tab-separated columns in `places.tsv`.
pub const COLUMNS: usize = 12;

/// The importance of a place before any context: larger is more likely to be meant.
/// Population dominates among towns; countries, seas and curated entries get a head start because
/// a news reader meets them far more often than their population says.
pub fn prior_score(id: &str, kind: &str, fcode: &str, population: u64) -> f64 {
    let pop = ((population as f64) + 10.0).log10();
    let kind_bonus = match kind {
        "country" => 4.5,
        "continent" => 4.5,
        "sea" => 3.5,
        "island" => 3.0,
        "border" | "crossing" | "zone" | "landform" | "river" => 2.5,
        // Regions carry the summed population of their towns: discount it so that a city keeps
        // its name against its own province (New York, Aleppo) while a state still beats a
        // village of the same name (California, Maryland).
        "region" => match fcode {
            "ADM1" => -0.5,
            "ADM2" => -1.5,
            _ => 2.5,
        },
        _ => match fcode {
            "PPLC" => 1.5,
            "PPLA" => 0.8,
            "PPLA2" => 0.3,
            "PPLX" => -0.6,
            "PPLH" | "PPLQ" | "PPLW" => -1.0,
            _ => 0.0,
        },
    };
    let curated = if id.starts_with("cur:") { 1.0 } else { 0.0 };
    pop + kind_bonus + curated
}

/// Build the FST of normalised names and the postings array (little-endian u32 rows with flags).
/// Each FST value is `offset << 32 | count` into the postings.
pub fn build_index(places_tsv: &str) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut keys: Vec<(String, u32, u32)> = Vec::new(); // (key, -score rank, posting)
    let mut scores: Vec<f64> = Vec::new();
    for (row, line) in places_tsv.lines().skip(1).enumerate() {
        if line.is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < COLUMNS {
            return Err(format!(
                "line {} has {} columns, expected {COLUMNS}",
                row + 2,
                cols.len()
            ));
        }
        let population = cols[7].parse::<u64>().unwrap_or(0);
        scores.push(prior_score(cols[0], cols[2], cols[3], population));
        let row = row as u32;
        let main = normalize(cols[1]);
        if !main.is_empty() {
            keys.push((main.clone(), row, row | FLAG_MAIN));
        }
        for alt in cols[10].split('|') {
            let k = normalize(alt);
            if !k.is_empty() && k != main {
                keys.push((k, row, row));
            }
        }
        for dem in cols[11].split('|') {
            let k = normalize(dem);
            if !k.is_empty() {
                keys.push((k, row, row | FLAG_DEMONYM));
            }
        }
    }
    let score_of = |row: u32, posting: u32| -> f64 {
        let base = scores.get(row as usize).copied().unwrap_or(0.0);
        if posting & FLAG_MAIN != 0 { base + 0.5 } else { base }
    };
    keys.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| score_of(b.1, b.2).total_cmp(&score_of(a.1, a.2)))
            .then_with(|| a.2.cmp(&b.2))
    });
    let mut builder = fst::MapBuilder::memory();
    let mut postings: Vec<u8> = Vec::with_capacity(keys.len() * 4);
    let mut i = 0;
    while i < keys.len() {
        let key = &keys[i].0;
        let offset = (postings.len() / 4) as u64;
        let mut seen_rows: Vec<u32> = Vec::new();
        let mut j = i;
        while j < keys.len() && keys[j].0 == *key {
            let (_, row, posting) = keys[j];
            if !seen_rows.contains(&row) {
                seen_rows.push(row);
                postings.extend_from_slice(&posting.to_le_bytes());
            }
            j += 1;
        }
        let count = seen_rows.len() as u64;
        builder
            .insert(key.as_bytes(), (offset << 32) | count)
            .map_err(|e| e.to_string())?;
        i = j;
    }
    let fst = builder.into_inner().map_err(|e| e.to_string())?;
    Ok((fst, postings))
}
