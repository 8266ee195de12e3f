//! Files: loading blocs and schemes with located errors, where every file lies, the session
//! journal and its snapshot, the lock, and the one way a whole file is written.

mod cells;
pub mod durable;
mod error;
pub mod input;
pub mod journal;
pub mod load;
pub mod lock;
pub mod paths;
pub mod records;
pub mod snapshot;
mod snapshot_cell;
pub mod span;
pub mod workbook;

pub use load::{LoadError, Loaded, Problem, Source, load_covenant};

pub use records::{
    Cell, Change, Entry, Event, EventKind, Frozen, Layer, Line, Origin, Records, StoreError,
};

/// The SHA-256 of `bytes`, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(bytes))
}

/// Bytes in lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
