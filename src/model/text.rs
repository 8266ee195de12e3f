//! Text normalisation: everything that enters the program is turned into NFC, so that a name
//! typed with combining diacritics equals the same name precomposed.

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// The NFC form of `text`, borrowing when it already is NFC.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// The most characters of a file's text that a message quotes: a hostile file cannot make a
/// message as long as itself.
pub const QUOTE_CHARS: usize = 200;

/// At most `QUOTE_CHARS` characters of `text`, with "…" when it was longer.
pub fn clip(text: &str) -> String {
    clip_to(text, QUOTE_CHARS)
}

/// At most `max` characters of `text`, with "…" when it was longer.
pub fn clip_to(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        head + "…"
    } else {
        head
    }
}
