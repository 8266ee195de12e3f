//! What the room sees. While the scoring runs, a unit not fully scored has a partial total and
//! no rank (`standing`). The members follow the meeting on their phones through a read-only
//! page served from the scoring process itself (`server`): the ranking, each unit's subtotals,
//! bonus, penalty and total, and the cell being scored (`view`), never a note, a reason or a
//! unit's evidence.

pub mod address;
mod listener;
pub mod page;
pub mod server;
pub mod standing;
pub mod view;

pub use server::{Room, RoomError};
pub use view::RoomView;
