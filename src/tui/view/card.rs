//! The unit card: one unit, every item of the period as a row with its full title.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Label, Msg, Ui};
use crate::model::layout::ItemKind;
use crate::tui::app::{App, Column};
use crate::tui::display::fit;

use super::{detail, grid};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let [title, table, detail_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Percentage(55),
        Constraint::Min(6),
    ])
    .areas(area);
    draw_title(app, frame, title);
    draw_rows(app, frame, table);
    detail::draw(app, frame, detail_area);
}

fn draw_title(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let bloc = &app.covenant.bloc;
    let member = &bloc.members[app.unit];
    let role = if bloc.head == member.id {
        format!(" ({})", lang.ui(Ui::Head))
    } else if bloc.deputy.as_deref() == Some(member.id.as_str()) {
        format!(" ({})", lang.ui(Ui::Deputy))
    } else {
        String::new()
    };
    let places = crate::room::standing::places(app.results(), app.rank_partial);
    let shown = crate::room::standing::shown(
        lang,
        &app.covenant,
        app.period,
        app.results(),
        app.unit,
        places[app.unit],
    );
    let line = Line::from(vec![
        Span::from(format!("{}{role}", member.short)).bold(),
        Span::from(format!(
            " · {} · {} {} · {} {} · {}",
            lang.msg(&Msg::UnitOf {
                n: app.unit + 1,
                total: bloc.members.len()
            }),
            lang.label(Label::Total),
            shown.total,
            lang.label(Label::Rank),
            shown.rank,
            shown.band
        )),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_rows(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let items = app.card_items();
    let rows = area.height as usize;
    app.scroll.page.set(rows.max(1));
    let selected = app
        .selected_item()
        .and_then(|i| items.iter().position(|c| *c == i))
        .unwrap_or(0);
    let top = crate::tui::widgets::keep_in_sight(&app.scroll.card_top, selected, rows);
    let layout = &app.covenant.layout;
    let code_width = items
        .iter()
        .map(|i| layout.items[*i].label.width())
        .max()
        .unwrap_or(4)
        + 1;
    // Room for the self-score beside the bloc's ("HTXS≠HTT!*").
    let value_width = if app.records().has_self_scores() {
        14
    } else {
        10
    };
    let points_width = 8;
    let title_width =
        (area.width as usize).saturating_sub(code_width + value_width + points_width + 2);
    let buf = frame.buffer_mut();
    for (row, &i) in items.iter().enumerate().skip(top).take(rows) {
        let y = area.y + (row - top) as u16;
        let item = &layout.items[i];
        let (value, look) = grid::cell_text(app, app.unit, Column::Item(i));
        let points = match (item.kind, app.results().units[app.unit].points[i]) {
            (ItemKind::Veto, _) | (_, None) => String::new(),
            (ItemKind::Penalty, Some(p)) => format!("−{}", lang.dec(p)),
            (ItemKind::Bonus, Some(p)) => format!("+{}", lang.dec(p)),
            (ItemKind::Criterion, Some(p)) => lang.dec(p),
        };
        let base = if row == selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let mut x = area.x;
        buf.set_stringn(
            x,
            y,
            " ".repeat(area.width as usize),
            area.width as usize,
            base,
        );
        buf.set_stringn(
            x,
            y,
            &item.label,
            code_width,
            base.add_modifier(Modifier::BOLD),
        );
        x += code_width as u16;
        buf.set_stringn(x, y, fit(&item.title, title_width), title_width, base);
        x += title_width as u16 + 1;
        let value_style = if look == grid::Look::Plain {
            base.add_modifier(Modifier::BOLD)
        } else {
            base.patch(look.style())
        };
        buf.set_stringn(x, y, fit(&value, value_width), value_width, value_style);
        x += value_width as u16 + 1;
        buf.set_stringn(
            x,
            y,
            format!("{points:>w$}", w = points_width - 1),
            points_width,
            base,
        );
    }
}
