//! Pieces of drawing that the views and the dialogs share: a box over the screen, a list kept
//! in sight, the height of wrapped lines, and the keys of a context for a help.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use super::keymap::{self, Context};

/// A `width` × `height` box in the middle of `area`, cleared, for an overlay.
pub fn overlay(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(ratatui::layout::Flex::Center)
        .areas(popup);
    frame.render_widget(ratatui::widgets::Clear, popup);
    popup
}

/// The first of `rows` rows to show so that `selected` stays in sight, moving the view as
/// little as possible from where it was; remembered for the next frame.
pub fn keep_in_sight(top: &std::cell::Cell<usize>, selected: usize, rows: usize) -> usize {
    let rows = rows.max(1);
    let first = top
        .get()
        .min(selected)
        .max((selected + 1).saturating_sub(rows));
    top.set(first);
    first
}

/// Rows the lines take once wrapped to `width` columns.
pub fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|l| l.width().max(1).div_ceil(width) as u16)
        .sum()
}

/// The lines of the help for a context: keys and description, those matching `filter`.
pub fn entries(lang: crate::i18n::Lang, context: Context, filter: &str) -> Vec<(String, String)> {
    let filter = filter.to_lowercase();
    keymap::bindings(context)
        .into_iter()
        .map(|b| (keymap::keys_label(b, lang), lang.ui(b.describe).to_string()))
        .filter(|(k, d)| {
            filter.is_empty()
                || k.to_lowercase().contains(&filter)
                || d.to_lowercase().contains(&filter)
        })
        .collect()
}
