//! Tokens with byte offsets: words, possessive `'s`, hyphens and other punctuation.

use compact_str::CompactString;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits (with internal apostrophes, and dotted abbreviations such as U.S.).
    Word,
    /// A possessive `'s` / `’s` (or a bare `'` after a plural).
    Possessive,
    /// `-` or an en dash joining two words without spaces.
    Hyphen,
    /// Any other punctuation character.
    Punct,
}

/// One token. `start..end` is a byte range into the text.
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// The first character is upper case.
    pub cap: bool,
    /// Lower-case form (for word lists). Short strings are stored inline, without allocating.
    pub lower: CompactString,
    /// Normalised form (for the gazetteer).
    pub norm: CompactString,
    /// Whitespace (or the start of text) precedes the token.
    pub space_before: bool,
    /// A line break precedes the token.
    pub newline_before: bool,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Split `text` into tokens, in order, in time linear in its length.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 6);
    let n = text.len();
    // Positions are byte offsets on char boundaries; `at(i)` is the char starting at `i`.
    let at = |i: usize| text.get(i..).and_then(|r| r.chars().next());
    let next = |i: usize| i + at(i).map_or(1, char::len_utf8);
    let before = |i: usize| text.get(..i).and_then(|r| r.chars().next_back());
    let mut i = 0;
    let mut space_before = true;
    let mut newline_before = true;
    let bytes = text.as_bytes();
    while i < n {
        // ASCII fast path for the spaces between words.
        if bytes[i] == b' ' {
            space_before = true;
            i += 1;
            continue;
        }
        let Some(c) = at(i) else { break };
        if c.is_whitespace() {
            if c == '\n' {
                newline_before = true;
            }
            space_before = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind;
        if c.is_alphanumeric() {
            // Dotted abbreviations: U.S., U.N., D.C., W.Va. (segments of one or two letters,
            // each starting upper case, each followed by a full stop).
            let mut j = i;
            let mut segments = 0;
            loop {
                let upper = at(j).is_some_and(|c| c.is_alphabetic() && c.is_uppercase());
                if !upper {
                    break;
                }
                let j1 = next(j);
                let len = if at(j1) == Some('.') {
                    j1 + 1
                } else if at(j1).is_some_and(|c| c.is_alphabetic() && c.is_lowercase())
                    && at(next(j1)) == Some('.')
                {
                    next(j1) + 1
                } else {
                    break;
                };
                j = len;
                segments += 1;
            }
            if segments >= 2 {
                i = j;
            } else {
                while i < n {
                    // ASCII fast path for the letters of a word.
                    if bytes[i].is_ascii_alphanumeric() {
                        i += 1;
                        continue;
                    }
                    let Some(c) = at(i) else { break };
                    if c.is_alphanumeric() {
                        i += c.len_utf8();
                    } else if is_apostrophe(c) && at(next(i)).is_some_and(char::is_alphabetic) {
                        // Keep N'Djamena and Ma'arrat whole; split off the possessive 's.
                        let i1 = next(i);
                        let s_then_end = matches!(at(i1), Some('s') | Some('S'))
                            && !at(next(i1)).is_some_and(char::is_alphanumeric);
                        // Contractions: I've, we're, they'll, she'd, I'm, don't.
                        let mut rest = [0u8; 3];
                        let mut len = 0;
                        for ch in text[i1..].chars().take(3) {
                            if !ch.is_ascii_alphabetic() {
                                break;
                            }
                            rest[len] = ch.to_ascii_lowercase() as u8;
                            len += 1;
                        }
                        let contraction =
                            matches!(&rest[..len], b"ve" | b"re" | b"ll" | b"d" | b"m" | b"t");
                        if s_then_end || contraction {
                            break;
                        }
                        i += c.len_utf8();
                    } else if (c == '.' || c == ',')
                        && at(i + 1).is_some_and(|c| c.is_ascii_digit())
                        && before(i).is_some_and(|c| c.is_ascii_digit())
                    {
                        i += 1; // 3.6, 10,000
                    } else {
                        break;
                    }
                }
            }
            kind = TokenKind::Word;
        } else if is_apostrophe(c) {
            let i1 = next(i);
            let prev = before(i);
            if matches!(at(i1), Some('s') | Some('S'))
                && !at(i1 + 1).is_some_and(char::is_alphanumeric)
                && prev.is_some_and(char::is_alphanumeric)
            {
                i = i1 + 1;
                kind = TokenKind::Possessive;
            } else if prev == Some('s') && !at(i1).is_some_and(char::is_alphanumeric) {
                i = i1;
                kind = TokenKind::Possessive;
            } else {
                i = i1;
                kind = TokenKind::Punct;
            }
        } else if (c == '-' || c == '\u{2013}' || c == '\u{2010}' || c == '\u{2011}')
            && !space_before
            && at(next(i)).is_some_and(char::is_alphanumeric)
        {
            i = next(i);
            kind = TokenKind::Hyphen;
        } else {
            i = next(i);
            kind = TokenKind::Punct;
        }
        let (s, e) = (start, i);
        let word = &text[s..e];
        let (lower, norm, cap) = if kind == TokenKind::Word {
            let cap = word.chars().next().is_some_and(char::is_uppercase);
            if word.bytes().all(|b| b.is_ascii_alphanumeric()) {
                // The common case: the normalised form is the lower-case form.
                let mut lower = CompactString::from(word);
                lower.make_ascii_lowercase();
                let norm = lower.clone();
                (lower, norm, cap)
            } else {
                (
                    CompactString::from(word.to_lowercase()),
                    CompactString::from(crate::gazetteer::normalize(word)),
                    cap,
                )
            }
        } else {
            (CompactString::from(word), CompactString::default(), false)
        };
        out.push(Token {
            start: s,
            end: e,
            kind,
            cap,
            lower,
            norm,
            space_before,
            newline_before,
        });
        space_before = false;
        newline_before = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (&text[t.start..t.end], t.kind))
            .collect()
    }

    #[test]
    fn possessives_split_off_and_abbreviations_stay_whole() {
        let w = words("Turkey's U.S. N'Djamena Ras al-Ain 3.6 million W.Va. we're");
        assert_eq!(w[0], ("Turkey", TokenKind::Word));
        assert_eq!(w[1], ("'s", TokenKind::Possessive));
        assert_eq!(w[2], ("U.S.", TokenKind::Word));
        assert_eq!(w[3], ("N'Djamena", TokenKind::Word));
        assert_eq!(w[6], ("-", TokenKind::Hyphen));
        assert_eq!(w[8], ("3.6", TokenKind::Word));
        assert_eq!(w[10], ("W.Va.", TokenKind::Word));
        assert_eq!(w[11], ("we", TokenKind::Word));
    }

    #[test]
    fn offsets_are_char_boundaries_in_any_script() {
        let text = "Sarāqib — إدلب’s, “Moskva”";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }
}
