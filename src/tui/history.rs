//! A cell's history (h) and the session's change log (j), filtered by unit and criterion and
//! exported to CSV.

use super::app::App;
use super::keymap::Action;

#[derive(Debug, Clone, PartialEq)]
pub struct LogView {}

pub fn open_cell(_app: &mut App) {}

pub fn open_log(_app: &mut App) {}

pub fn update(_app: &mut App, _view: LogView, _action: Action) {}
