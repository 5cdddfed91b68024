//! Colours and marker shapes: one per event kind, one colour per article.

use egui::{Color32, Painter, Pos2, Shape, Stroke, pos2, vec2};

use crate::document::EventKind;

/// The shape drawn for an event kind, so kinds differ without colour too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerShape {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Star,
}

/// Colour of an event kind (the marker fill).
pub fn kind_color(kind: EventKind) -> Color32 {
    match kind {
        EventKind::Airstrike => Color32::from_rgb(0xd6, 0x27, 0x28),
        EventKind::Shelling => Color32::from_rgb(0xff, 0x7f, 0x0e),
        EventKind::Clash => Color32::from_rgb(0x8c, 0x1c, 0x13),
        EventKind::MilitaryMovement => Color32::from_rgb(0x55, 0x6b, 0x2f),
        EventKind::Casualties => Color32::from_rgb(0x40, 0x40, 0x40),
        EventKind::Diplomacy => Color32::from_rgb(0x1f, 0x77, 0xb4),
        EventKind::Statement => Color32::from_rgb(0x94, 0x67, 0xbd),
        EventKind::Displacement => Color32::from_rgb(0xe3, 0x77, 0xc2),
        EventKind::Migration => Color32::from_rgb(0x17, 0xbe, 0xcf),
        EventKind::MaritimeIncident => Color32::from_rgb(0x0b, 0x3d, 0x91),
        EventKind::Protest => Color32::from_rgb(0xbc, 0xbd, 0x22),
        EventKind::Other => Color32::from_rgb(0x7f, 0x7f, 0x7f),
    }
}

/// Shape of an event kind.
pub fn kind_shape(kind: EventKind) -> MarkerShape {
    match kind {
        EventKind::Airstrike | EventKind::Shelling => MarkerShape::Star,
        EventKind::Clash | EventKind::Casualties => MarkerShape::Diamond,
        EventKind::MilitaryMovement => MarkerShape::TriangleUp,
        EventKind::Diplomacy | EventKind::Statement => MarkerShape::Square,
        EventKind::Displacement | EventKind::Migration => MarkerShape::TriangleDown,
        EventKind::MaritimeIncident | EventKind::Protest | EventKind::Other => MarkerShape::Circle,
    }
}

/// The colour of the n-th open article (marker outline, timeline stripe).
pub fn article_color(n: usize) -> Color32 {
    const PALETTE: [Color32; 6] = [
        Color32::from_rgb(0x20, 0x20, 0x20),
        Color32::from_rgb(0x00, 0x72, 0xb2),
        Color32::from_rgb(0xcc, 0x79, 0xa7),
        Color32::from_rgb(0x00, 0x9e, 0x73),
        Color32::from_rgb(0xe6, 0x9f, 0x00),
        Color32::from_rgb(0x56, 0xb4, 0xe9),
    ];
    PALETTE[n % PALETTE.len()]
}

/// Highlight colour of a place mention by the resolver's confidence (0..1).
pub fn confidence_color(confidence: f64, dark: bool) -> Color32 {
    let a = if dark { 90 } else { 110 };
    if confidence >= 0.9 {
        Color32::from_rgba_unmultiplied(60, 170, 80, a)
    } else if confidence >= 0.6 {
        Color32::from_rgba_unmultiplied(230, 180, 30, a)
    } else {
        Color32::from_rgba_unmultiplied(230, 80, 60, a)
    }
}

/// Draw a marker of `shape` centred at `c` with radius `r`.
pub fn paint_marker(
    painter: &Painter,
    c: Pos2,
    r: f32,
    shape: MarkerShape,
    fill: Color32,
    stroke: Stroke,
) {
    let poly = |pts: Vec<Pos2>| Shape::convex_polygon(pts, fill, stroke);
    match shape {
        MarkerShape::Circle => {
            painter.circle(c, r, fill, stroke);
        }
        MarkerShape::Square => {
            let s = r * 0.85;
            painter.add(poly(vec![
                c + vec2(-s, -s),
                c + vec2(s, -s),
                c + vec2(s, s),
                c + vec2(-s, s),
            ]));
        }
        MarkerShape::Diamond => {
            painter.add(poly(vec![
                c + vec2(0.0, -r * 1.15),
                c + vec2(r * 1.15, 0.0),
                c + vec2(0.0, r * 1.15),
                c + vec2(-r * 1.15, 0.0),
            ]));
        }
        MarkerShape::TriangleUp => {
            painter.add(poly(vec![
                c + vec2(0.0, -r * 1.2),
                c + vec2(r * 1.1, r * 0.8),
                c + vec2(-r * 1.1, r * 0.8),
            ]));
        }
        MarkerShape::TriangleDown => {
            painter.add(poly(vec![
                c + vec2(-r * 1.1, -r * 0.8),
                c + vec2(r * 1.1, -r * 0.8),
                c + vec2(0.0, r * 1.2),
            ]));
        }
        MarkerShape::Star => {
            // A star is not convex: a filled circle with four points drawn as two convex quads.
            let l = r * 1.35;
            let w = r * 0.45;
            painter.add(Shape::convex_polygon(
                vec![
                    c + vec2(0.0, -l),
                    c + vec2(w, 0.0),
                    c + vec2(0.0, l),
                    c + vec2(-w, 0.0),
                ],
                fill,
                Stroke::NONE,
            ));
            painter.add(Shape::convex_polygon(
                vec![
                    c + vec2(-l, 0.0),
                    c + vec2(0.0, -w),
                    c + vec2(l, 0.0),
                    c + vec2(0.0, w),
                ],
                fill,
                Stroke::NONE,
            ));
            painter.circle(c, r * 0.75, fill, stroke);
        }
    }
}

/// A point at `(x, y)`; a helper to keep shape code short.
pub fn p(x: f32, y: f32) -> Pos2 {
    pos2(x, y)
}

/// DejaVu Sans (Bitstream Vera licence, `assets/fonts/LICENSE-DejaVu.txt`): Latin Extended, Greek,
/// Cyrillic, Arabic and Hebrew letters that egui's built-in fonts lack.
const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Add the embedded fallback font after egui's own fonts, in the window and in briefing images
/// alike, so place names such as "Ḩarastā" or "Çanakkale" draw the same on every machine,
/// whatever fonts it has installed.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        egui::FontData::from_static(FALLBACK_FONT),
        families,
    ));
}

#[cfg(test)]
mod font_tests {
    #[test]
    fn place_names_in_extended_latin_greek_cyrillic_and_arabic_have_glyphs() {
        let ctx = egui::Context::default();
        super::install_fonts(&ctx);
        let mut out = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label("Ḩarastā");
        });
        out.textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        for name in ["Ḩarastā", "Çanakkale", "Łódź", "Москва", "Αθήνα", "دمشق"]
        {
            assert!(
                ctx.fonts_mut(|f| f.has_glyphs(&font, name)),
                "no glyphs for {name}"
            );
        }
    }
}
