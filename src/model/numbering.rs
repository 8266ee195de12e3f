//! What the head gives a document when signing it: its number, its date and its recipients
//! ("Kính gửi"), each checked before anything is laid out. The number may be left blank on
//! purpose: the office clerk (văn thư) numbers documents when registering them.

use chrono::NaiveDate;

use super::text::{clip, nfc};

/// The longest document number: "125" or "12a-2026" in "Số: 125/BC-KTĐ".
pub const MAX_NUMBER_CHARS: usize = 12;
/// Recipients of one document, and the characters of one.
pub const MAX_RECIPIENTS: usize = 20;
pub const MAX_RECIPIENT_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailError {
    /// A number that is not letters, digits, `-` or `.`, or too long (as typed, clipped).
    Number(String),
    /// A date in neither `05/7/2026` nor `2026-07-05` form, or none that exists.
    Date(String),
    TooManyRecipients(usize),
    /// A recipient longer than `MAX_RECIPIENT_CHARS` (its first characters).
    RecipientTooLong(String),
}

/// The number as printed before the suffix, or `None` when left blank. A number typed with the
/// bloc's suffix ("12/BC-KTĐ") keeps only its own part.
pub fn number(text: &str, suffix: &str) -> Result<Option<String>, DetailError> {
    let text = nfc(text.trim()).into_owned();
    let text = text
        .strip_suffix(&format!("/{suffix}"))
        .unwrap_or(&text)
        .trim();
    if text.is_empty() {
        return Ok(None);
    }
    let fits = text.chars().count() <= MAX_NUMBER_CHARS
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if fits {
        Ok(Some(text.to_string()))
    } else {
        Err(DetailError::Number(clip(text)))
    }
}

/// A date as officials write it (`5/7/2026`, `05/07/2026`) or as ISO (`2026-07-05`).
pub fn date(text: &str) -> Result<NaiveDate, DetailError> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(text, "%Y-%m-%d"))
        .ok()
        .filter(|d| (2000..=2100).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| DetailError::Date(clip(text)))
}

/// The recipients, one a line: blank lines dropped, and the dash and semicolon the document
/// adds itself taken off ("- Ủy ban nhân dân phường;" is "Ủy ban nhân dân phường").
pub fn recipients(lines: &[String]) -> Result<Vec<String>, DetailError> {
    let cleaned: Vec<String> = lines
        .iter()
        .flat_map(|l| l.lines())
        .map(|l| {
            let l = nfc(l.trim()).into_owned();
            let l = l.strip_prefix('-').unwrap_or(&l).trim();
            l.trim_end_matches([';', '.', ',']).trim().to_string()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if cleaned.len() > MAX_RECIPIENTS {
        return Err(DetailError::TooManyRecipients(cleaned.len()));
    }
    if let Some(long) = cleaned
        .iter()
        .find(|l| l.chars().count() > MAX_RECIPIENT_CHARS)
    {
        return Err(DetailError::RecipientTooLong(clip(long)));
    }
    Ok(cleaned)
}

/// The date as the form shows it: "05/07/2026".
pub fn date_text(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_plain_and_may_be_blank() {
        assert_eq!(number("  ", "BC-KTĐ"), Ok(None));
        assert_eq!(number("12", "BC-KTĐ"), Ok(Some("12".into())));
        assert_eq!(number("12/BC-KTĐ", "BC-KTĐ"), Ok(Some("12".into())));
        assert_eq!(number("12a-2026", "BC-KTĐ"), Ok(Some("12a-2026".into())));
        for bad in ["12/BC", "1\n2", "#set", "1234567890123"] {
            assert!(number(bad, "BC-KTĐ").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn dates_as_officials_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 5).unwrap();
        for text in ["5/7/2026", "05/07/2026", " 2026-07-05 "] {
            assert_eq!(date(text), Ok(d), "{text}");
        }
        for bad in ["31/2/2026", "2026", "5/7/26", "5/7/9999"] {
            assert!(date(bad).is_err(), "{bad}");
        }
        assert_eq!(date_text(d), "05/07/2026");
    }

    #[test]
    fn recipients_lose_the_marks_the_document_adds() {
        let got = recipients(&[
            "- Ủy ban nhân dân thành phố;".into(),
            "".into(),
            "Ban Thi đua - Khen thưởng.".into(),
        ])
        .unwrap();
        assert_eq!(
            got,
            ["Ủy ban nhân dân thành phố", "Ban Thi đua - Khen thưởng"]
        );
        let many: Vec<String> = (0..21).map(|i| format!("Nơi {i}")).collect();
        assert_eq!(recipients(&many), Err(DetailError::TooManyRecipients(21)));
    }
}
