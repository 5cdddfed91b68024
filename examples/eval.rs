//! Measure the geoparser on annotated corpora (LGL, GeoVirus; formats in `shared/eval/README.md`).
//!
//! `cargo run --release --example eval -- PATH/lgl.xml PATH/GeoVirus.xml`
//!
//! Reports recognition precision/recall/F1 (exact spans and overlapping spans), resolution on the
//! gold toponyms found (accuracy within 161 km, mean and median error, AUC) and end-to-end
//! accuracy@161 counting the misses. Demonym mentions ("Syrian") count as predictions unless
//! `EVAL_NO_DEMONYMS=1`.

use std::path::Path;

use geo::{Distance, Haversine};
use newsmap::gazetteer::Gazetteer;

struct Gold {
    start: usize,
    end: usize,
    coords: Option<(f64, f64)>, // (lat, lon)
}

struct Doc {
    text: String,
    gold: Vec<Gold>,
}

/// Byte offset of each char offset (plus the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn child_text<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.children()
        .find(|c| c.has_tag_name(name))
        .and_then(|c| c.text())
}

fn load(path: &Path) -> Result<(String, Vec<Doc>), String> {
    let xml = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = roxmltree::Document::parse(&xml).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    let mut kind = "LGL";
    for art in doc.descendants().filter(|n| n.has_tag_name("article")) {
        let text = child_text(art, "text").unwrap_or("").to_owned();
        let c2b = char_to_byte(&text);
        let span =
            |s: usize, e: usize| -> Option<(usize, usize)> { Some((*c2b.get(s)?, *c2b.get(e)?)) };
        let mut gold = Vec::new();
        if let Some(tops) = art.children().find(|c| c.has_tag_name("toponyms")) {
            for t in tops.children().filter(|c| c.has_tag_name("toponym")) {
                let s: usize = child_text(t, "start")
                    .and_then(|x| x.trim().parse().ok())
                    .unwrap_or(0);
                let e: usize = child_text(t, "end")
                    .and_then(|x| x.trim().parse().ok())
                    .unwrap_or(0);
                let coords = t
                    .children()
                    .find(|c| c.has_tag_name("gaztag"))
                    .and_then(|g| {
                        Some((
                            child_text(g, "lat")?.trim().parse().ok()?,
                            child_text(g, "lon")?.trim().parse().ok()?,
                        ))
                    });
                if let Some((bs, be)) = span(s, e) {
                    gold.push(Gold {
                        start: bs,
                        end: be,
                        coords,
                    });
                }
            }
        } else if let Some(locs) = art.children().find(|c| c.has_tag_name("locations")) {
            kind = "GeoVirus";
            for l in locs.children().filter(|c| c.has_tag_name("location")) {
                let name = child_text(l, "name").unwrap_or("");
                let s: usize = child_text(l, "start")
                    .and_then(|x| x.trim().parse().ok())
                    .unwrap_or(0);
                let e: usize = child_text(l, "end")
                    .and_then(|x| x.trim().parse().ok())
                    .unwrap_or(0);
                let coords = (|| {
                    Some((
                        child_text(l, "lat")?.trim().parse().ok()?,
                        child_text(l, "lon")?.trim().parse().ok()?,
                    ))
                })();
                // The README says offsets are shifted by one; take whichever reading matches the name.
                let cands = [(s.saturating_sub(1), e.saturating_sub(1)), (s, e)];
                let found = cands
                    .iter()
                    .filter_map(|&(a, b)| span(a, b))
                    .find(|&(a, b)| text.get(a..b) == Some(name))
                    .or_else(|| span(cands[0].0, cands[0].1));
                if let Some((bs, be)) = found {
                    gold.push(Gold {
                        start: bs,
                        end: be,
                        coords,
                    });
                }
            }
        }
        docs.push(Doc { text, gold });
    }
    Ok((kind.to_owned(), docs))
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    // (lat, lon) pairs; geo points are (x = longitude, y = latitude).
    Haversine.distance(geo::Point::new(a.1, a.0), geo::Point::new(b.1, b.0)) / 1000.0
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: eval CORPUS.xml...");
        std::process::exit(2);
    }
    let gaz = match Gazetteer::embedded() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("Error: {e}");
            std::process::exit(1);
        }
    };
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    // Demonyms ("Syrian") are mentions of their country in newsmap's output; LGL annotates them,
    // GeoVirus does not. EVAL_NO_DEMONYMS=1 leaves them out of the predictions.
    let demonyms = std::env::var_os("EVAL_NO_DEMONYMS").is_none_or(|v| v.is_empty());
    for p in paths {
        let (kind, docs) = match load(Path::new(&p)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("Error: {e}");
                std::process::exit(1);
            }
        };
        let (mut tp_exact, mut tp_overlap, mut n_pred, mut n_gold) =
            (0usize, 0usize, 0usize, 0usize);
        let mut errors: Vec<f64> = Vec::new();
        let mut gold_with_coords = 0usize;
        let started = std::time::Instant::now();
        let mut bytes = 0usize;
        for (di, d) in docs.iter().enumerate() {
            bytes += d.text.len();
            let (places, placed, _) = newsmap::geoparse::places_in(&d.text, gaz);
            let preds: Vec<(usize, usize, (f64, f64), usize)> = placed
                .iter()
                .filter(|m| demonyms || !m.demonym)
                .filter(|m| d.text[m.start..].starts_with(|c: char| c.is_uppercase()))
                .map(|m| {
                    let p = &places[m.place];
                    (m.start, m.end, (p.lat, p.lon), m.place)
                })
                .collect();
            n_pred += preds.len();
            n_gold += d.gold.len();
            for g in &d.gold {
                let exact = preds.iter().find(|p| p.0 == g.start && p.1 == g.end);
                let overlap = exact.or_else(|| preds.iter().find(|p| p.0 < g.end && g.start < p.1));
                if exact.is_some() {
                    tp_exact += 1;
                }
                if overlap.is_some() {
                    tp_overlap += 1;
                }
                if let Some(gc) = g.coords {
                    gold_with_coords += 1;
                    if let Some(p) = overlap {
                        errors.push(km(gc, p.2));
                    } else if verbose {
                        eprintln!("MISS {:?}", &d.text[g.start..g.end]);
                    }
                }
                if verbose && let (Some(gc), Some(p)) = (g.coords, overlap) {
                    let e = km(gc, p.2);
                    if e > 161.0 {
                        let chosen = &places[p.3];
                        eprintln!(
                            "WRONG {:?} by {:.0} km: chose {} {} ({}) at {:.2},{:.2}; gold {:.2},{:.2}; doc {}",
                            &d.text[g.start..g.end],
                            e,
                            chosen.id,
                            chosen.name,
                            chosen.country.as_deref().unwrap_or("-"),
                            chosen.lat,
                            chosen.lon,
                            gc.0,
                            gc.1,
                            di
                        );
                    }
                }
            }
            if verbose {
                for p in &preds {
                    if !d.gold.iter().any(|g| p.0 < g.end && g.start < p.1) {
                        eprintln!("FP {:?}", &d.text[p.0..p.1]);
                    }
                }
            }
        }
        let elapsed = started.elapsed().as_secs_f64();
        let prf = |tp: usize| {
            let pr = tp as f64 / n_pred.max(1) as f64;
            let re = tp as f64 / n_gold.max(1) as f64;
            let f = if pr + re > 0.0 {
                2.0 * pr * re / (pr + re)
            } else {
                0.0
            };
            (pr, re, f)
        };
        let (pe, re_, fe) = prf(tp_exact);
        let (po, ro, fo) = prf(tp_overlap);
        let within = errors.iter().filter(|&&e| e <= 161.0).count();
        let mut sorted = errors.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted.get(sorted.len() / 2).copied().unwrap_or(f64::NAN);
        let mean = errors.iter().sum::<f64>() / errors.len().max(1) as f64;
        let auc = errors
            .iter()
            .map(|e| (1.0 + e).ln() / 20039f64.ln())
            .sum::<f64>()
            / errors.len().max(1) as f64;
        println!(
            "{kind} ({p}): {} articles, {n_gold} gold toponyms, {n_pred} predicted",
            docs.len()
        );
        println!("  recognition exact:   P {pe:.3}  R {re_:.3}  F1 {fe:.3}");
        println!("  recognition overlap: P {po:.3}  R {ro:.3}  F1 {fo:.3}");
        println!(
            "  resolution on found: acc@161 {:.3}  mean {mean:.0} km  median {median:.1} km  AUC {auc:.3}  (n={})",
            within as f64 / errors.len().max(1) as f64,
            errors.len()
        );
        println!(
            "  end to end:          acc@161 {:.3}  (of {gold_with_coords} gold toponyms with coordinates)",
            within as f64 / gold_with_coords.max(1) as f64
        );
        println!(
            "  speed: {:.1} MB/s on one core ({bytes} bytes in {elapsed:.2} s)",
            bytes as f64 / 1e6 / elapsed
        );
    }
}
