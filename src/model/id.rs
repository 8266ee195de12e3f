//! Ids of blocs, members, schemes and awards. An id becomes part of file and folder names
//! (`records/<bloc>/…`, `scoring/<scheme>.ron`, `summaries/<bloc>-…`, a unit's form), so it must
//! be a safe file name on every system a bloc head may use: lower-case ASCII letters, digits,
//! `.`, `_` and `-`, starting with a letter or digit, at most 64 characters, not ending in `.`
//! and not a name Windows reserves for a device.

/// The longest id.
pub const MAX_ID_LEN: usize = 64;

/// Why a text is not an id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdError {
    Empty,
    TooLong,
    /// A character other than `a-z`, `0-9`, `.`, `_`, `-` (the first one found).
    Character(char),
    /// Starts with `.`, `_` or `-`.
    BadStart,
    /// Ends with `.` (Windows drops it).
    EndsWithDot,
    /// `con`, `nul`, `com1`… (with or without an extension).
    Reserved,
}

/// Names Windows reserves for devices, in any folder and with any extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks that `id` is a safe id.
pub fn check(id: &str) -> Result<(), IdError> {
    let first = id.chars().next().ok_or(IdError::Empty)?;
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')))
    {
        return Err(IdError::Character(c));
    }
    if id.len() > MAX_ID_LEN {
        return Err(IdError::TooLong);
    }
    if !first.is_ascii_alphanumeric() {
        return Err(IdError::BadStart);
    }
    if id.ends_with('.') {
        return Err(IdError::EndsWithDot);
    }
    let stem = id.split('.').next().unwrap_or(id);
    if RESERVED.contains(&stem) {
        return Err(IdError::Reserved);
    }
    Ok(())
}

/// Whether `id` is a safe id.
pub fn is_safe(id: &str) -> bool {
    check(id).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ids_pass() {
        for id in [
            "khoi-8",
            "thanh-dong",
            "u0",
            "khoi_phuong.2026",
            "a",
            &"a".repeat(64),
        ] {
            assert_eq!(check(id), Ok(()), "{id}");
        }
    }

    #[test]
    fn unsafe_ids_are_refused_with_their_reason() {
        let cases: [(&str, IdError); 13] = [
            ("", IdError::Empty),
            ("../../../escaped", IdError::Character('/')),
            ("/etc/passwd", IdError::Character('/')),
            ("C:\\x", IdError::Character('C')),
            ("khoi 8", IdError::Character(' ')),
            ("Khoi-8", IdError::Character('K')),
            ("khối-8", IdError::Character('ố')),
            (".hidden", IdError::BadStart),
            ("-rf", IdError::BadStart),
            ("khoi.", IdError::EndsWithDot),
            ("con", IdError::Reserved),
            ("nul.txt", IdError::Reserved),
            ("com1", IdError::Reserved),
        ];
        for (id, expected) in cases {
            assert_eq!(check(id), Err(expected), "{id:?}");
        }
        assert_eq!(check(&"a".repeat(65)), Err(IdError::TooLong));
        assert!(
            is_safe("console"),
            "only the exact device names are reserved"
        );
    }
}
