//! Detached minisign signatures (`FILE.minisig`) whose trusted comment names what was signed,
//! so that a signature moved onto another bloc's, year's or version's file is caught too.

use std::io::Cursor;

use minisign::{PublicKey, SecretKey, SignatureBox};

use crate::model::Period;

/// What a summary's signature says about the file, inside the signed trusted comment:
/// `thidua bloc=khoi-8 year=2026 period=mid-year version=1 status=final file=… sha256=…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustedComment {
    pub bloc: String,
    pub year: i32,
    pub period: Period,
    pub version: u32,
    pub provisional: bool,
    pub file: String,
    pub sha256: String,
}

const PREFIX: &str = "thidua";
/// Said in the comment of a draft, for the human reading `minisign -V`'s output.
const DRAFT_WORDS: &str = "(DỰ THẢO)";

impl TrustedComment {
    pub fn line(&self) -> String {
        let status = if self.provisional {
            format!("provisional {DRAFT_WORDS}")
        } else {
            "final".to_string()
        };
        format!(
            "{PREFIX} bloc={} year={} period={} version={} file={} sha256={} status={status}",
            self.bloc,
            self.year,
            self.period.slug(),
            self.version,
            self.file,
            self.sha256
        )
    }

    /// Reads a comment written by [`TrustedComment::line`]; `None` for anything else.
    pub fn parse(line: &str) -> Option<TrustedComment> {
        let mut words = line.split_whitespace();
        if words.next()? != PREFIX {
            return None;
        }
        let mut field = |key: &str| -> Option<String> {
            let word = words.next()?;
            word.strip_prefix(key)?
                .strip_prefix('=')
                .map(str::to_string)
        };
        let bloc = field("bloc")?;
        let year = field("year")?.parse().ok()?;
        let period = Period::parse(&field("period")?)?;
        let version = field("version")?.parse().ok()?;
        let file = field("file")?;
        let sha256 = field("sha256")?;
        let provisional = match field("status")?.as_str() {
            "final" => false,
            "provisional" => true,
            _ => return None,
        };
        Some(TrustedComment {
            bloc,
            year,
            period,
            version,
            provisional,
            file,
            sha256,
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("{0}")]
    Sign(String),
}

/// The `.minisig` text for `bytes`, signed with `secret` (already unlocked).
pub fn sign(
    secret: &SecretKey,
    public: &PublicKey,
    bytes: &[u8],
    comment: &TrustedComment,
) -> Result<String, SignError> {
    let untrusted = format!("signature from thidua: {}", comment.file);
    let signature = minisign::sign(
        Some(public),
        secret,
        Cursor::new(bytes),
        Some(&comment.line()),
        Some(&untrusted),
    )
    .map_err(|e| SignError::Sign(e.to_string()))?;
    Ok(signature.into_string())
}

/// Why a signature does not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureFailure {
    /// Not a minisign signature file at all.
    Unreadable,
    /// Made with another key (its key id, hexadecimal).
    OtherKey(String),
    /// The file or the comment was changed after signing.
    Invalid,
}

/// Checks `signature` (the `.minisig` text) over `bytes`; returns the trusted comment.
pub fn verify(
    public: &PublicKey,
    bytes: &[u8],
    signature: &str,
) -> Result<String, SignatureFailure> {
    let signature =
        SignatureBox::from_string(signature).map_err(|_| SignatureFailure::Unreadable)?;
    if signature.keynum() != public.keynum() {
        return Err(SignatureFailure::OtherKey(hex_id(signature.keynum())));
    }
    minisign::verify(public, &signature, Cursor::new(bytes), true, false, false)
        .map_err(|_| SignatureFailure::Invalid)?;
    signature
        .trusted_comment()
        .map_err(|_| SignatureFailure::Unreadable)
}

/// The key id minisign prints ("Key ID: 1234ABCD…"), in its byte order.
pub fn key_id(public: &PublicKey) -> String {
    hex_id(public.keynum())
}

fn hex_id(keynum: &[u8]) -> String {
    keynum.iter().rev().map(|b| format!("{b:02X}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(provisional: bool) -> TrustedComment {
        TrustedComment {
            bloc: "khoi-8".into(),
            year: 2026,
            period: Period::YearEnd,
            version: 2,
            provisional,
            file: "khoi-8-2026-year-end-v2.pdf".into(),
            sha256: "ab".repeat(32),
        }
    }

    #[test]
    fn comments_read_back() {
        for provisional in [false, true] {
            let c = comment(provisional);
            assert_eq!(TrustedComment::parse(&c.line()), Some(c));
        }
        assert!(comment(true).line().contains("DỰ THẢO"));
        assert_eq!(TrustedComment::parse("timestamp:123 file:x"), None);
    }
}
