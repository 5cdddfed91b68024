//! Name normalisation shared by the index builder (`build.rs`) and lookups.
//!
//! Folds case, diacritics (Sarāqib = Saraqib), apostrophes (N'Djamena = NDjamena), hyphens and dashes
//! (Ras al-Ain = Ras al Ain) and full stops (St. Louis = St Louis), so that the spellings a news
//! writer uses meet the spellings GeoNames stores. This file is included by `build.rs`, so it uses
//! only `std` and `unicode_normalization`.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The normalised key of a name: lower case, no diacritics, apostrophes and full stops dropped,
/// other punctuation as single spaces, trimmed.
///
/// ```
/// use newsmap::gazetteer::normalize::normalize;
/// assert_eq!(normalize("Sarāqib"), "saraqib");
/// assert_eq!(normalize("Ras al-Ain"), "ras al ain");
/// assert_eq!(normalize("Turkey’s"), "turkeys");
/// assert_eq!(normalize("  St. Louis "), "st louis");
/// ```
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    let push = |c: char, out: &mut String, pending_space: &mut bool| {
        if *pending_space && !out.is_empty() {
            out.push(' ');
        }
        *pending_space = false;
        out.push(c);
    };
    for c in name.chars() {
        if c.is_ascii() {
            match c {
                'A'..='Z' => push(c.to_ascii_lowercase(), &mut out, &mut pending_space),
                'a'..='z' | '0'..='9' => push(c, &mut out, &mut pending_space),
                '\'' | '.' | '`' => {}
                _ => pending_space = true,
            }
            continue;
        }
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{02BB}' | '\u{02BF}' | '\u{02BE}' | '\u{00B4}' => {
                continue;
            }
            'ß' => {
                push('s', &mut out, &mut pending_space);
                push('s', &mut out, &mut pending_space);
                continue;
            }
            'æ' | 'Æ' => {
                push('a', &mut out, &mut pending_space);
                push('e', &mut out, &mut pending_space);
                continue;
            }
            'œ' | 'Œ' => {
                push('o', &mut out, &mut pending_space);
                push('e', &mut out, &mut pending_space);
                continue;
            }
            'ø' | 'Ø' => {
                push('o', &mut out, &mut pending_space);
                continue;
            }
            'ł' | 'Ł' => {
                push('l', &mut out, &mut pending_space);
                continue;
            }
            'đ' | 'Đ' | 'ð' | 'Ð' => {
                push('d', &mut out, &mut pending_space);
                continue;
            }
            'ı' => {
                push('i', &mut out, &mut pending_space);
                continue;
            }
            'ħ' | 'Ħ' => {
                push('h', &mut out, &mut pending_space);
                continue;
            }
            'þ' | 'Þ' => {
                push('t', &mut out, &mut pending_space);
                push('h', &mut out, &mut pending_space);
                continue;
            }
            _ => {}
        }
        for d in std::iter::once(c).nfkd() {
            if is_combining_mark(d) {
                continue;
            }
            if d.is_alphanumeric() {
                for l in d.to_lowercase() {
                    push(l, &mut out, &mut pending_space);
                }
            } else if d.is_ascii() {
                match d {
                    'A'..='Z' | 'a'..='z' | '0'..='9' => {
                        push(d.to_ascii_lowercase(), &mut out, &mut pending_space)
                    }
                    '\'' | '.' => {}
                    _ => pending_space = true,
                }
            } else {
                pending_space = true;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn diacritics_case_and_hyphens_fold_away() {
        assert_eq!(normalize("Sarāqib"), normalize("SARAQIB"));
        assert_eq!(normalize("Kapıkule"), "kapikule");
        assert_eq!(normalize("Kastanies–Pazarkule"), "kastanies pazarkule");
        assert_eq!(normalize("Lésvos"), "lesvos");
        assert_eq!(normalize("Côte d’Ivoire"), "cote divoire");
    }

    #[test]
    fn non_latin_names_keep_their_letters() {
        assert_eq!(normalize("Москва"), "москва");
        assert_eq!(normalize("إدلب").is_empty(), false);
    }

    #[test]
    fn empty_and_punctuation_only_names_are_empty() {
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" -- '' .. "), "");
    }
}
