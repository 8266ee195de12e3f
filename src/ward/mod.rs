//! The receiving office's side: the ward (or city) council collects each bloc's signed report,
//! checks it against its own keyring and the bloc and scheme it published, and sees where every
//! bloc it expects stands. The folder and its files (`workspace`), the audit log (`audit`), the
//! checks of what arrived (`check`) and each bloc's standing (`status`).

pub mod audit;
pub mod check;
pub mod collect;
pub mod paper;
pub mod status;
pub mod table;
pub mod words;
pub mod workspace;

pub use check::{Checked, Outcome, Refusal};
pub use status::Standing;
pub use workspace::{WardError, Workspace};
