use super::*;
use proptest::prelude::*;

const SAMPLE: &str = include_str!("../../assets/idlib-2020-03-03.txt");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn the_sample_keeps_its_bytes_and_finds_title_date_captions_and_credit() {
    let a = from_bytes("idlib.txt", SAMPLE.as_bytes()).unwrap();
    assert_eq!(a.text, SAMPLE);
    assert_eq!(a.format, Format::Text);
    assert_eq!(
        a.title.as_deref(),
        Some(
            "Russia hopes to minimize risk of a clash with Turkey in Syria as Ankara ramps up strikes"
        )
    );
    assert_eq!(a.published, Some(date(2020, 3, 3)));
    assert_eq!(
        a.slice(a.dateline_span.as_ref().unwrap()),
        "Updated 20:29, 03-Mar-2020"
    );
    assert_eq!(a.captions.len(), 2);
    assert!(a.slice(&a.captions[0]).ends_with("/AFP Photo"));
    assert_eq!(a.credits.len(), 1);
    assert_eq!(a.slice(&a.credits[0]), "(With input from Reuters)");
    assert!(a.warnings.is_empty());
}

#[test]
fn datelines_in_common_formats_are_understood() {
    for line in [
        "March 3, 2020",
        "3 March 2020",
        "Mar. 3, 2020",
        "2020-03-03",
        "Published 2020-03-03T08:15:00Z",
        "Tuesday, March 3rd, 2020 at 10:00",
        "Updated 20:29, 03-Mar-2020",
    ] {
        assert_eq!(parse_dateline_date(line), Some(date(2020, 3, 3)), "{line}");
    }
    assert_eq!(parse_dateline_date("03/03/2020"), None);
    assert_eq!(parse_dateline_date("February 31, 2020"), None);
}

#[test]
fn a_utf8_bom_is_dropped_and_offsets_start_after_it() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(b"Headline here\nBody.");
    let a = from_bytes("a.txt", &bytes).unwrap();
    assert_eq!(a.text, "Headline here\nBody.");
    assert_eq!(a.bom_len, 3);
    assert!(a.warnings.is_empty());
}

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let a = from_bytes("a.txt", b"Caf\xe9 au lait").unwrap();
    assert!(a.text.contains('\u{fffd}'));
    assert_eq!(a.warnings.len(), 1);
}

#[test]
fn utf16_with_a_bom_is_decoded_with_a_warning() {
    let mut bytes = vec![0xff, 0xfe];
    for u in "Héllo Idlib".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let a = from_bytes("a.txt", &bytes).unwrap();
    assert_eq!(a.text, "Héllo Idlib");
    assert_eq!(a.warnings.len(), 1);
}

#[test]
fn binary_files_are_refused_naming_what_they_look_like() {
    let cases: [(&[u8], &str); 4] = [
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"%PDF-1.7\n", "PDF"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"some\x00binary", "NUL"),
    ];
    for (bytes, what) in cases {
        match from_bytes("x.txt", bytes) {
            Err(ArticleError::NotText { what: w, .. }) => assert!(w.contains(what), "{w}"),
            other => panic!("{what}: {other:?}"),
        }
    }
}

#[test]
fn html_gives_visible_text_title_and_published_date() {
    let html = r#"<!DOCTYPE html><html><head><title>Site | Story</title>
        <meta property="og:title" content="OG story">
        <meta property="article:published_time" content="2020-03-03T10:00:00Z">
        <style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
        <body><h1>Clash &amp; talks</h1><p>First   para
        graph.</p><noscript>hidden</noscript><div>Second<br>line</div>
        <figure><img src=x><figcaption>A convoy /AFP Photo</figcaption></figure>
        <template><p>tpl</p></template></body></html>"#;
    let a = from_bytes("a.html", html.as_bytes()).unwrap();
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.title.as_deref(), Some("Clash & talks"));
    assert_eq!(a.slice(a.title_span.as_ref().unwrap()), "Clash & talks");
    assert_eq!(a.published, Some(date(2020, 3, 3)));
    assert!(a.text.contains("First para graph."), "{:?}", a.text);
    assert!(a.text.contains("Second\nline"), "{:?}", a.text);
    for hidden in ["color", "var x", "hidden", "tpl", "Site |"] {
        assert!(!a.text.contains(hidden), "{hidden} in {:?}", a.text);
    }
    assert_eq!(a.captions.len(), 1);
    assert_eq!(a.slice(&a.captions[0]), "A convoy /AFP Photo");
}

#[test]
fn html_without_metadata_takes_the_date_from_a_time_element() {
    let html = "<html><body><p>Story</p><time datetime=\"2019-12-01\">Sunday</time></body></html>";
    let a = from_bytes("page", html.as_bytes()).unwrap();
    assert_eq!(a.format, Format::Html);
    assert_eq!(a.published, Some(date(2019, 12, 1)));
}

#[test]
fn html_nested_a_hundred_thousand_levels_deep_is_read() {
    let depth = 100_000;
    let mut html = String::from("<html><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("deep text");
    for _ in 0..depth {
        html.push_str("</div>");
    }
    let a = from_bytes("deep.html", html.as_bytes()).unwrap();
    assert!(a.text.contains("deep text"));
}

#[test]
fn markdown_keeps_its_bytes_and_takes_the_first_heading_as_title() {
    let md = "Intro line without heading\n\n# The headline\n\nMarch 3, 2020\n\nBody *text*.";
    let a = from_bytes("a.md", md.as_bytes()).unwrap();
    assert_eq!(a.text, md);
    assert_eq!(a.title.as_deref(), Some("The headline"));
    assert_eq!(a.slice(a.title_span.as_ref().unwrap()), "The headline");
    assert_eq!(a.published, Some(date(2020, 3, 3)));
}

#[test]
fn a_first_line_ending_in_a_period_is_not_a_title() {
    let a = Article::from_text("x", "This is a sentence.\nAnother one.");
    assert_eq!(a.title, None);
}

#[test]
fn the_published_date_can_be_overridden() {
    let mut a = Article::from_text("x", SAMPLE);
    a.set_published(date(2020, 3, 4));
    assert_eq!(a.published, Some(date(2020, 3, 4)));
}

#[test]
fn a_huge_single_line_is_read() {
    let line = "word ".repeat(2_000_000);
    let a = from_bytes("big.txt", line.as_bytes()).unwrap();
    assert_eq!(a.title, None);
    assert_eq!(sentences(&a.text).len(), 1);
}

fn texts(text: &str) -> Vec<&str> {
    sentences(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn abbreviations_initials_and_decimals_do_not_end_sentences() {
    let t = "Mr. Smith met Dr. J. Smith in the U.S. capital at 3 p.m. on Jan. 5 with the U.N. envoy. \
             They spent 3.6 million, e.g. on food, i.e. bread. No. 10 agreed.";
    assert_eq!(
        texts(t),
        vec![
            "Mr. Smith met Dr. J. Smith in the U.S. capital at 3 p.m. on Jan. 5 with the U.N. envoy.",
            "They spent 3.6 million, e.g. on food, i.e. bread.",
            "No. 10 agreed."
        ]
    );
}

#[test]
fn quotes_end_sentences_only_when_the_next_starts() {
    let t = "\"We hope so,\" he said. \"Stop!\" she cried. He said \"Go. Now\" and left.";
    assert_eq!(
        texts(t),
        vec![
            "\"We hope so,\" he said.",
            "\"Stop!\" she cried.",
            "He said \"Go. Now\" and left."
        ]
    );
}

#[test]
fn headlines_captions_and_paragraphs_are_their_own_sentences() {
    let t = "A headline without a stop\nUpdated 20:29, 03-Mar-2020\nA convoy. /AFP Photo\n\nBody one. Body\ntwo is wrapped\nhere.";
    assert_eq!(
        texts(t),
        vec![
            "A headline without a stop",
            "Updated 20:29, 03-Mar-2020",
            "A convoy. /AFP Photo",
            "Body one.",
            "Body\ntwo is wrapped\nhere."
        ]
    );
}

#[test]
fn the_sample_splits_into_sensible_sentences() {
    let s = texts(SAMPLE);
    assert!(s.contains(&"Last week, 33 Turkish troops were killed in Syrian airstrikes in Idlib, prompting Turkey to launch a counteroffensive against Russia-backed Syrian government forces in the region."));
    assert!(s.contains(&"(With input from Reuters)"));
    assert!(
        s.iter()
            .any(|x| x.starts_with("Already hosting 3.6 million"))
    );
}

fn check_ranges(text: &str, ranges: &[Range<usize>]) {
    let mut last_end = 0;
    for r in ranges {
        assert!(r.start <= r.end && r.end <= text.len());
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        assert!(r.start >= last_end, "overlap or disorder");
        last_end = r.end;
    }
}

fn check_article(a: &Article) {
    for r in a
        .captions
        .iter()
        .chain(&a.credits)
        .chain(a.title_span.iter())
        .chain(a.dateline_span.iter())
    {
        assert!(
            r.end <= a.text.len()
                && a.text.is_char_boundary(r.start)
                && a.text.is_char_boundary(r.end)
        );
    }
    check_ranges(&a.text, &sentences(&a.text));
}

proptest! {
    #[test]
    fn reading_arbitrary_bytes_never_panics_and_ranges_are_valid(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for name in ["x.txt", "x.md", "x.html", "x"] {
            if let Ok(a) = from_bytes(name, &bytes) {
                check_article(&a);
            }
        }
    }

    #[test]
    fn reading_arbitrary_text_never_panics_and_sentences_are_ordered(text in "(?s)[a-zA-Z0-9 .!?\"“”'\n,:/()<>é-]{0,400}") {
        for name in ["x.txt", "x.md", "x.html"] {
            if let Ok(a) = from_bytes(name, text.as_bytes()) {
                check_article(&a);
            }
        }
        check_ranges(&text, &sentences(&text));
    }

    #[test]
    fn sentences_of_any_string_are_ordered_disjoint_and_on_boundaries(text in any::<String>()) {
        check_ranges(&text, &sentences(&text));
    }
}

#[test]
fn scripts_with_angle_brackets_do_not_confuse_the_depth_guard() {
    let html =
        "<html><body><script>if (a<b) { x = '</div>'; }</script><p>Kept text</p></body></html>";
    let a = from_bytes("a.html", html.as_bytes()).unwrap();
    assert_eq!(a.text.trim(), "Kept text");
    assert!(a.warnings.is_empty());
}

#[test]
fn an_empty_file_is_read_with_a_warning_that_says_so() {
    let a = from_bytes("a.txt", b"").unwrap();
    assert!(a.text.is_empty());
    assert_eq!(a.warnings, ["the file is empty"]);
}

#[test]
fn html_with_only_scripts_and_styles_warns_that_there_is_no_text() {
    let html = "<html><head><style>p{}</style></head><body><script>x()</script></body></html>";
    let a = from_bytes("a.html", html.as_bytes()).unwrap();
    assert_eq!(a.text.trim(), "");
    assert_eq!(a.warnings, ["no visible text to read"]);
}
