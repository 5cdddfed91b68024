//! Tokens with byte offsets: words, possessive `'s`, hyphens and other punctuation.

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
    /// Lower-case form (for word lists).
    pub lower: String,
    /// Normalised form (for the gazetteer).
    pub norm: String,
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
    let mut out = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let off = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut i = 0;
    let mut space_before = true;
    let mut newline_before = true;
    while i < n {
        let c = chars[i].1;
        if c.is_whitespace() {
            if c == '\n' {
                newline_before = true;
            }
            space_before = true;
            i += 1;
            continue;
        }
        let start_i = i;
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
                let len = if at(j + 1) == Some('.') {
                    1
                } else if at(j + 1).is_some_and(|c| c.is_alphabetic() && c.is_lowercase())
                    && at(j + 2) == Some('.')
                {
                    2
                } else {
                    break;
                };
                j += len + 1;
                segments += 1;
            }
            if segments >= 2 {
                i = j;
            } else {
                while i < n {
                    let c = chars[i].1;
                    if c.is_alphanumeric() {
                        i += 1;
                    } else if is_apostrophe(c) && at(i + 1).is_some_and(char::is_alphabetic) {
                        // Keep N'Djamena and Ma'arrat whole; split off the possessive 's.
                        let s_then_end = matches!(at(i + 1), Some('s') | Some('S'))
                            && !at(i + 2).is_some_and(char::is_alphanumeric);
                        // Contractions: I've, we're, they'll, she'd, I'm, don't.
                        let rest: String = chars[i + 1..n.min(i + 4)]
                            .iter()
                            .map(|&(_, c)| c.to_ascii_lowercase())
                            .take_while(|c| c.is_alphabetic())
                            .collect();
                        let contraction = matches!(rest.as_str(), "ve" | "re" | "ll" | "d" | "m" | "t");
                        if s_then_end || contraction {
                            break;
                        }
                        i += 1;
                    } else if (c == '.' || c == ',')
                        && at(i + 1).is_some_and(|c| c.is_ascii_digit())
                        && i > 0
                        && chars[i - 1].1.is_ascii_digit()
                    {
                        i += 1; // 3.6, 10,000
                    } else {
                        break;
                    }
                }
            }
            kind = TokenKind::Word;
        } else if is_apostrophe(c) {
            if matches!(at(i + 1), Some('s') | Some('S'))
                && !at(i + 2).is_some_and(char::is_alphanumeric)
                && i > 0
                && chars[i - 1].1.is_alphanumeric()
            {
                i += 2;
                kind = TokenKind::Possessive;
            } else if i > 0 && chars[i - 1].1 == 's' && !at(i + 1).is_some_and(char::is_alphanumeric) {
                i += 1;
                kind = TokenKind::Possessive;
            } else {
                i += 1;
                kind = TokenKind::Punct;
            }
        } else if (c == '-' || c == '\u{2013}' || c == '\u{2010}' || c == '\u{2011}')
            && !space_before
            && at(i + 1).is_some_and(char::is_alphanumeric)
        {
            i += 1;
            kind = TokenKind::Hyphen;
        } else {
            i += 1;
            kind = TokenKind::Punct;
        }
        let (s, e) = (off(start_i), off(i));
        let word = &text[s..e];
        let (lower, norm, cap) = if kind == TokenKind::Word {
            (
                word.to_lowercase(),
                crate::gazetteer::normalize(word),
                word.chars().next().is_some_and(char::is_uppercase),
            )
        } else {
            (word.to_owned(), String::new(), false)
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
