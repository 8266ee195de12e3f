//! The bloc's signed reports: the head's signing key ([`keys`]), the report's wording
//! ([`document`]), its PDF ([`pdf`]) and spreadsheet ([`xlsx`]), the machine-readable record
//! ([`record`]), signatures ([`sign`]), issuing a summary ([`summary`]) and checking one
//! ([`verify`]).

pub mod changelog;
pub mod document;
pub mod docx;
pub mod findings;
mod fonts;
pub mod gaps;
pub mod issue;
pub mod keys;
pub mod measure;
pub mod pdf;
pub mod record;
pub mod sign;
pub mod summary;
pub mod verify;
pub mod xlsx;
