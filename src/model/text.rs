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
