//! Geoparsing: an article's text -> place mentions -> resolved places -> dated events.
//!
//! [`recognize`] finds the spans that name places (names, demonyms, borders, metonyms);
//! [`resolve`] ranks each span's gazetteer candidates in the article's context; [`geoparse`]
//! groups mentions by referent and hands the sentences to [`crate::events`].

pub mod borders;
pub mod recognize;
pub mod resolve;
pub mod tokens;
pub mod words;

use std::collections::HashMap;
use std::ops::Range;

use crate::article::Article;
use crate::document::{Alternative, Mention, ParsedArticle, Place};
use crate::events::time::TimeExpr;
use crate::gazetteer::Gazetteer;

/// One resolved mention, as the event builder needs it.
#[derive(Debug, Clone)]
pub struct PlacedMention {
    pub start: usize,
    pub end: usize,
    /// Index into the article's places.
    pub place: usize,
    pub demonym: bool,
    pub sentence: usize,
}

/// Texts up to this size are read as one piece (every news article is far smaller).
const ONE_PIECE_MAX: usize = 2 << 20;

/// Longer texts (dumps, concatenated feeds) are read in sections of about this size, cut at
/// paragraph breaks. Each section is recognised and resolved in its own context, which keeps
/// memory bounded by the section, not the text, and gives a cancel point every few milliseconds.
const SECTION_BYTES: usize = 1 << 20;

/// The byte ranges `text` is geoparsed in: the whole text, or sections of about
/// [`SECTION_BYTES`] cut after a blank line (else a line break, a sentence end, a space).
pub fn sections(text: &str) -> Vec<Range<usize>> {
    sections_with(text, ONE_PIECE_MAX, SECTION_BYTES)
}

/// [`sections`] with its two sizes as parameters (tests use small ones).
fn sections_with(text: &str, one_piece_max: usize, section_bytes: usize) -> Vec<Range<usize>> {
    if text.len() <= one_piece_max {
        return std::iter::once(0..text.len()).collect();
    }
    let section_bytes = section_bytes.max(1);
    let mut out = Vec::new();
    let mut pos = 0;
    while text.len() - pos > one_piece_max {
        let from = pos + section_bytes;
        let window = text
            .as_bytes()
            .get(from..(from + section_bytes).min(text.len()))
            .unwrap_or_default();
        let cut = [&b"\n\n"[..], b"\n", b". ", b" "]
            .iter()
            .find_map(|sep| memchr::memmem::find(window, sep).map(|i| from + i + sep.len()))
            .unwrap_or(from);
        let mut cut = cut.min(text.len());
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        out.push(pos..cut);
        pos = cut;
    }
    out.push(pos..text.len());
    out
}

/// Why a geoparse stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the geoparse was cancelled")]
pub struct Cancelled;

/// Places, mentions and sentence spans gathered over the sections of a text.
#[derive(Default)]
struct Gathered {
    places: Vec<Place>,
    index: HashMap<String, usize>,
    confidences: Vec<(f64, usize)>,
    placed: Vec<PlacedMention>,
    sentences: Vec<Range<usize>>,
}

impl Gathered {
    /// Add one section's resolved mentions; `offset` is the section's start in `text`.
    fn add(
        &mut self,
        text: &str,
        offset: usize,
        resolved: Vec<resolve::Resolved>,
        sentences: Vec<Range<usize>>,
        gaz: &Gazetteer,
    ) {
        let first_sentence = self.sentences.len();
        self.sentences.extend(
            sentences
                .into_iter()
                .map(|r| r.start + offset..r.end + offset),
        );
        for r in resolved {
            let Some((top, p)) = r.ranked.first() else {
                continue;
            };
            let m = &r.mention;
            let (start, end) = (m.start + offset, m.end + offset);
            let slot = match self.index.get(top.id.as_str()) {
                Some(&slot) => slot,
                None => {
                    self.places.push(Place {
                        id: top.id.clone(),
                        name: top.name.clone(),
                        kind: top.kind,
                        country: top.country.clone(),
                        lat: top.lat,
                        lon: top.lon,
                        geometry: gaz.geometry_value(&top.id),
                        confidence: 0.0,
                        mentions: Vec::new(),
                        alternatives: r
                            .ranked
                            .iter()
                            .skip(1)
                            .take(5)
                            .map(|(c, s)| Alternative::of(c, round3(*s)))
                            .collect(),
                    });
                    self.confidences.push((0.0, 0));
                    self.index.insert(top.id.clone(), self.places.len() - 1);
                    self.places.len() - 1
                }
            };
            self.confidences[slot].0 += *p;
            self.confidences[slot].1 += 1;
            self.places[slot].mentions.push(Mention {
                start,
                end,
                text: text.get(start..end).unwrap_or_default().to_owned(),
                demonym: m.demonym,
            });
            self.placed.push(PlacedMention {
                start,
                end,
                place: slot,
                demonym: m.demonym,
                sentence: m.sentence + first_sentence,
            });
        }
    }

    fn finish(mut self) -> (Vec<Place>, Vec<PlacedMention>, Vec<Range<usize>>) {
        for (place, (sum, n)) in self.places.iter_mut().zip(self.confidences) {
            place.confidence = round3(sum / (n.max(1) as f64));
        }
        (self.places, self.placed, self.sentences)
    }
}

/// Places and their mentions for a text, without events: the places (each with its mentions), every
/// resolved mention in text order, and the sentence spans.
pub fn places_in(
    text: &str,
    gaz: &Gazetteer,
) -> (Vec<Place>, Vec<PlacedMention>, Vec<Range<usize>>) {
    // Nothing asks to cancel, so this is always the full result.
    let (found, _) = read_sections(text, None, gaz, false, &|| false).unwrap_or_default();
    found
}

type Found = (Vec<Place>, Vec<PlacedMention>, Vec<Range<usize>>);

/// Recognise, resolve and (when `with_times`) date-tag `text` section by section, asking
/// `cancelled` before each section. Each section's sentence spans serve both the recogniser and
/// the date tagger.
fn read_sections(
    text: &str,
    published: Option<chrono::NaiveDate>,
    gaz: &Gazetteer,
    with_times: bool,
    cancelled: &dyn Fn() -> bool,
) -> Result<(Found, Vec<TimeExpr>), Cancelled> {
    let mut gathered = Gathered::default();
    let mut times = Vec::new();
    for section in sections(text) {
        if cancelled() {
            return Err(Cancelled);
        }
        let piece = text.get(section.clone()).unwrap_or_default();
        let (raw, sentences) = recognize::recognize(piece, gaz);
        if with_times {
            let found = crate::events::time::find_times_in(piece, published, &sentences);
            times.extend(found.into_iter().map(|mut t| {
                t.start += section.start;
                t.end += section.start;
                t
            }));
        }
        gathered.add(text, section.start, resolve::resolve(raw), sentences, gaz);
    }
    Ok((gathered.finish(), times))
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Geoparse an article: places with mentions and alternatives, temporal expressions, and events.
pub fn geoparse(article: &Article, gaz: &Gazetteer) -> ParsedArticle {
    match geoparse_until(article, gaz, &|| false) {
        Ok(parsed) => parsed,
        // Never reached: nothing asks to cancel.
        Err(Cancelled) => ParsedArticle::empty(article),
    }
}

/// [`geoparse`] that stops early, returning [`Cancelled`], once `cancelled()` is true. It is asked
/// between sections of about a megabyte (a few tens of milliseconds of work apart).
pub fn geoparse_until(
    article: &Article,
    gaz: &Gazetteer,
    cancelled: &dyn Fn() -> bool,
) -> Result<ParsedArticle, Cancelled> {
    let text = article.text.as_str();
    let ((places, placed, sentences), times) =
        read_sections(text, article.published, gaz, true, cancelled)?;
    if cancelled() {
        return Err(Cancelled);
    }
    let events = crate::events::extract_events(article, &sentences, &places, &placed, &times);
    Ok(ParsedArticle {
        source: article.source.clone(),
        title: article.title.clone(),
        published: article.published,
        places,
        events,
        times,
        text: article.text.clone(),
        warnings: article.warnings.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long_text() -> String {
        let para = "Syrian forces entered Saraqeb on Monday, near Idlib and Aleppo. Turkish troops moved north.\n\n";
        para.repeat((5 << 20) / para.len())
    }

    #[test]
    fn short_texts_are_one_section_and_long_ones_are_cut_at_blank_lines() {
        assert_eq!(sections("Aleppo."), vec![0..7]);
        let text = long_text();
        let parts = sections(&text);
        assert!(parts.len() >= 3, "{} sections", parts.len());
        assert_eq!(parts.first().map(|r| r.start), Some(0));
        assert_eq!(parts.last().map(|r| r.end), Some(text.len()));
        for w in parts.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert!(text[..w[0].end].ends_with("\n\n"));
        }
        assert!(parts.iter().all(|r| r.len() <= 2 * SECTION_BYTES));
    }

    proptest::proptest! {
        #[test]
        fn sections_cover_the_text_in_order_on_char_boundaries(
            text in "[a-zΩé .\n]{0,400}",
            one_piece in 1usize..64,
            section in 1usize..32,
        ) {
            let one_piece = one_piece.max(section);
            let parts = sections_with(&text, one_piece, section);
            proptest::prop_assert_eq!(parts.first().map(|r| r.start), Some(0));
            proptest::prop_assert_eq!(parts.last().map(|r| r.end), Some(text.len()));
            for w in parts.windows(2) {
                proptest::prop_assert_eq!(w[0].end, w[1].start);
            }
            for r in &parts {
                proptest::prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
                // A cut falls within two section lengths (plus one character) of the previous one;
                // the last piece is at most `one_piece` long.
                proptest::prop_assert!(r.len() <= (2 * section + 3).max(one_piece));
            }
        }
    }

    #[test]
    fn a_long_line_without_breaks_is_still_cut_on_char_boundaries() {
        let text = "Ωmega Aleppo ".repeat((5 << 20) / 14);
        let parts = sections(&text);
        assert!(parts.len() >= 3);
        assert!(parts.iter().all(|r| text.is_char_boundary(r.start)));
    }

    #[test]
    fn mentions_in_later_sections_point_at_their_words() {
        let gaz = Gazetteer::embedded().expect("gazetteer");
        let text = long_text();
        let (places, placed, sentences) = places_in(&text, gaz);
        let last = placed.last().expect("mentions");
        assert!(last.start > 4 << 20, "mentions reach the last section");
        for m in placed.iter().step_by(997) {
            let words = &text[m.start..m.end];
            assert!(places[m.place].mentions.iter().any(|x| x.text == words));
            let s = &sentences[m.sentence];
            assert!(
                s.start <= m.start && m.end <= s.end,
                "sentence index is global"
            );
        }
    }

    #[test]
    fn a_cancelled_geoparse_stops_with_cancelled() {
        let gaz = Gazetteer::embedded().expect("gazetteer");
        let article = crate::article::from_bytes("long", long_text().as_bytes()).expect("reads");
        let asked = std::cell::Cell::new(0);
        let result = geoparse_until(&article, gaz, &|| {
            asked.set(asked.get() + 1);
            asked.get() > 2
        });
        assert_eq!(result.err(), Some(Cancelled));
        assert_eq!(
            asked.get(),
            3,
            "it stopped at the first check after the request"
        );
    }
}
