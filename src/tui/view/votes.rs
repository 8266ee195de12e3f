//! The vote dialog.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::app::App;
use crate::tui::votes::VoteForm;

pub fn draw(_app: &App, _form: &VoteForm, _frame: &mut Frame, _area: Rect) {}
