//! Turning file bytes into text: refusing binary data, decoding UTF-16, replacing invalid UTF-8.

/// Text decoded from bytes, with what was done to it.
pub(crate) struct Decoded {
    pub text: String,
    /// Length of a dropped UTF-8 byte-order mark (0 or 3).
    pub bom_len: usize,
    pub warnings: Vec<String>,
}

/// Magic numbers of common binary formats, and the name to show the user.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "GZIP-compressed data"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BZh", "BZIP2-compressed data"),
    (b"\xfd7zXZ\x00", "XZ-compressed data"),
    (b"\x28\xb5\x2f\xfd", "Zstandard-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Office document",
    ),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
];

/// What the bytes look like when they are not text, or None when they may be text.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<String> {
    for (magic, what) in MAGIC {
        // "MZ" and "BZh" are short: only trust them with a NUL nearby or a non-text byte.
        if bytes.starts_with(magic) {
            let short = magic.len() < 4;
            if !short || has_nul(bytes) || *magic != b"MZ" && *magic != b"BZh" {
                return Some((*what).to_owned());
            }
        }
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" {
        return Some(match &bytes[8..12] {
            b"WEBP" => "a WebP image".to_owned(),
            b"WAVE" => "a WAV audio file".to_owned(),
            b"AVI " => "an AVI video".to_owned(),
            _ => "a RIFF media file".to_owned(),
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("an MP4/HEIF media file".to_owned());
    }
    if utf16_bom(bytes).is_some() {
        return None;
    }
    if has_nul(bytes) {
        return Some("binary data: NUL bytes".to_owned());
    }
    None
}

fn has_nul(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    memchr::memchr(0, head).is_some()
}

/// `Some(true)` for UTF-16 little-endian, `Some(false)` for big-endian, from a byte-order mark.
fn utf16_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.starts_with(b"\xff\xfe") && !bytes.starts_with(b"\xff\xfe\x00\x00") {
        Some(true)
    } else if bytes.starts_with(b"\xfe\xff") {
        Some(false)
    } else {
        None
    }
}

/// Decode bytes to text: UTF-8 as is (BOM dropped), UTF-16 with a BOM, anything else lossily.
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let mut warnings = Vec::new();
    if let Some(little) = utf16_bom(bytes) {
        let body = &bytes[2..];
        let units = body.chunks_exact(2).map(|pair| {
            if little {
                u16::from_le_bytes([pair[0], pair[1]])
            } else {
                u16::from_be_bytes([pair[0], pair[1]])
            }
        });
        let mut text = String::with_capacity(body.len());
        let mut bad = false;
        for unit in char::decode_utf16(units) {
            match unit {
                Ok(c) => text.push(c),
                Err(_) => {
                    bad = true;
                    text.push(char::REPLACEMENT_CHARACTER);
                }
            }
        }
        if body.len() % 2 == 1 {
            bad = true;
        }
        let endian = if little { "little" } else { "big" };
        warnings.push(format!(
            "decoded from UTF-16 ({endian}-endian): offsets are into the decoded UTF-8 text"
        ));
        if bad {
            warnings.push("invalid UTF-16 replaced with U+FFFD".to_owned());
        }
        return Decoded {
            text,
            bom_len: 0,
            warnings,
        };
    }
    let (bom_len, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    let text = match std::str::from_utf8(body) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            warnings.push(
                "invalid UTF-8 replaced with U+FFFD: offsets after the first bad byte differ from the file"
                    .to_owned(),
            );
            String::from_utf8_lossy(body).into_owned()
        }
    };
    Decoded {
        text,
        bom_len,
        warnings,
    }
}
