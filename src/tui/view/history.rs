//! The history and change log overlay.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::app::App;
use crate::tui::history::LogView;

pub fn draw(_app: &App, _view: &LogView, _frame: &mut Frame, _area: Rect) {}
