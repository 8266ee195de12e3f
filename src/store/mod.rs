//! Files: loading blocs and schemes with located errors, the session journal, the lock.

pub mod load;
pub mod records;
pub mod span;

pub use load::{LoadError, Loaded, Problem, Source, load_covenant};

pub use records::{
    Cell, Change, Entry, Event, EventKind, Frozen, Layer, Line, Origin, Records, StoreError,
};
