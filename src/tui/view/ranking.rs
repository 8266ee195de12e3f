//! The live ranking: rank, unit, total, band, failed conditions, nominations, and a bar of
//! each total.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Label, Ui};
use crate::model::Period;
use crate::tui::app::App;
use crate::tui::display::fit;

/// One cell of a bar: eight steps per character.
const EIGHTHS: [&str; 9] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"];

pub fn bar(fraction: f64, width: usize) -> String {
    let eighths = (fraction.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = "█".repeat(eighths / 8);
    s.push_str(EIGHTHS[eighths % 8]);
    s
}

/// What a unit is proposed for at year-end, by award.
fn nominations(app: &App, unit: usize) -> String {
    let lang = app.lang;
    app.results()
        .awards
        .iter()
        .filter_map(|a| {
            let title = &app.covenant.scheme.awards[a.award].title;
            let note = lang.move_note(&app.covenant, a, unit);
            match (lang.nomination(&a.statuses[unit]), note) {
                (Some(status), Some(note)) => Some(format!("{status}: {title} ({note})")),
                (Some(status), None) => Some(format!("{status}: {title}")),
                (None, Some(note)) => Some(format!("{title}: {note}")),
                (None, None) => None,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let bloc = &app.covenant.bloc;
    let results = app.results();
    let name_width = bloc
        .members
        .iter()
        .map(|m| m.short.width())
        .max()
        .unwrap_or(8)
        .max(lang.label(Label::Unit).width());
    let band_width = app
        .covenant
        .scheme
        .bands
        .iter()
        .map(|b| b.label.width())
        .max()
        .unwrap_or(4)
        .max(lang.label(Label::Band).width());
    let veto_width = lang.label(Label::Vetoes).width().max(8);
    let year_end = app.period == Period::YearEnd;
    // The units' own totals beside the bloc's, once self-scores are in.
    let own = app.self_results();
    let own_width = if own.is_some() {
        lang.ui(Ui::SelfScore).width().max(7) + 1
    } else {
        0
    };
    // Totals as the room sees them: "45,20 tạm" while a unit has cells to enter.
    let places = crate::room::standing::places(results, app.rank_partial);
    let shown: Vec<_> = (0..results.units.len())
        .map(|u| {
            let place = places[u];
            crate::room::standing::shown(lang, &app.covenant, app.period, results, u, place)
        })
        .collect();
    let total_width = shown
        .iter()
        .map(|s| s.total.width())
        .max()
        .unwrap_or(6)
        .max(6)
        + 1;
    let before = 5 + name_width + 1 + total_width + own_width + band_width + 1 + veto_width + 1;
    let rest = (area.width as usize).saturating_sub(before + 1);
    // At year-end the nominations take most of what is left; the bars take the rest.
    let nomination_width = if year_end { rest * 3 / 5 } else { 0 };
    let fixed = before + nomination_width;
    let bar_width = rest - nomination_width;
    let max = app
        .covenant
        .layout
        .max_total(Some(app.period))
        // Bonus points can take a total past the criteria's maximum.
        .max(
            results
                .units
                .iter()
                .map(|u| u.total)
                .max()
                .unwrap_or_default(),
        )
        .max(rust_decimal::Decimal::ONE);
    let max: f64 = max.try_into().unwrap_or(100.0);

    let mut columns: Vec<(String, usize)> = vec![
        (lang.label(Label::Rank).into(), 5),
        (lang.label(Label::Unit).into(), name_width + 1),
        (lang.label(Label::Total).into(), total_width),
    ];
    if own.is_some() {
        columns.push((lang.ui(Ui::SelfScore).into(), own_width));
    }
    columns.extend([
        (lang.label(Label::Band).into(), band_width + 1),
        (lang.label(Label::Vetoes).into(), veto_width + 1),
    ]);
    if year_end {
        columns.push((lang.ui(Ui::Nomination).into(), nomination_width));
    }
    let buf = frame.buffer_mut();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut x = area.x;
    for (header, w) in &columns {
        buf.set_stringn(x, area.y, header, *w, bold);
        x += *w as u16;
    }
    // At year-end the selected unit's nominations, in full, below the table when there is
    // room: the column cuts them, and the reason a unit moved between awards must be read.
    let details = if year_end {
        selected_nominations(app)
    } else {
        Vec::new()
    };
    let wanted = results.order.len() + 1;
    let below = (area.height as usize).saturating_sub(wanted);
    let rows = if !details.is_empty() && below >= 3 {
        results.order.len()
    } else {
        (area.height as usize).saturating_sub(1)
    };
    let top = crate::tui::widgets::keep_in_sight(&app.scroll.ranking_top, app.ranking_row, rows);
    let order = app.ranking_order();
    for (pos, &unit) in order.iter().enumerate().skip(top).take(rows) {
        let y = area.y + 1 + (pos - top) as u16;
        let r = &results.units[unit];
        let style = if pos == app.ranking_row {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let vetoes = r
            .failed_vetoes
            .iter()
            .map(|i| app.covenant.layout.items[*i].label.clone())
            .collect::<Vec<_>>()
            .join(",");
        let mut cells = vec![
            shown[unit].rank.clone(),
            bloc.members[unit].short.clone(),
            shown[unit].total.clone(),
        ];
        if let Some(own) = own {
            // A unit that sent nothing has no self-scored total, not a total of zero.
            let sent_nothing = own.units[unit].missing >= app.card_items().len();
            cells.push(if sent_nothing {
                "—".to_string()
            } else {
                lang.dec2(own.units[unit].total)
            });
        }
        cells.extend([shown[unit].band.clone(), vetoes]);
        if year_end {
            cells.push(nominations(app, unit));
        }
        let mut x = area.x;
        buf.set_stringn(x, y, " ".repeat(fixed), fixed, style);
        for (n, (text, (_, w))) in cells.iter().zip(&columns).enumerate() {
            let cell_style = if n == 2 { style.patch(bold) } else { style };
            buf.set_stringn(x, y, fit(text, w - 1), w - 1, cell_style);
            x += *w as u16;
        }
        let total: f64 = r.total.try_into().unwrap_or(0.0);
        let colour = if r.failed_vetoes.is_empty() {
            Color::Green
        } else {
            Color::Red
        };
        buf.set_stringn(
            area.x + fixed as u16,
            y,
            bar(total / max, bar_width),
            bar_width,
            Style::new().fg(colour),
        );
    }
    if rows == results.order.len() && !details.is_empty() {
        let y = area.y + 1 + rows as u16 + 1;
        let space = Rect::new(area.x, y, area.width, area.bottom().saturating_sub(y));
        frame.render_widget(Paragraph::new(details).wrap(Wrap { trim: true }), space);
    }
}

/// The selected unit's place in each award it is in the running for, with the reason when an
/// earlier award's vote moved it or another unit.
fn selected_nominations(app: &App) -> Vec<Line<'static>> {
    let lang = app.lang;
    let Some(&unit) = app.ranking_order().get(app.ranking_row) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for a in &app.results().awards {
        let note = lang.move_note(&app.covenant, a, unit);
        let status = lang.nomination(&a.statuses[unit]);
        let said = match (status, note) {
            (Some(status), Some(note)) => format!("{status} ({note})"),
            (Some(status), None) => status,
            (None, Some(note)) => note,
            (None, None) => continue,
        };
        let title = &app.covenant.scheme.awards[a.award].title;
        lines.push(Line::from(vec![
            Span::raw(format!("• {title}: ")),
            Span::styled(said, Style::new().add_modifier(Modifier::BOLD)),
        ]));
    }
    if !lines.is_empty() {
        let name = app.covenant.bloc.members[unit].short.clone();
        lines.insert(
            0,
            Line::from(Span::styled(
                name,
                Style::new().add_modifier(Modifier::BOLD),
            )),
        );
    }
    lines
}
