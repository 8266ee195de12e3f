//! The year in view: each unit's mid-year total, band and rank beside the year-end ones with
//! the change, then a chart of both periods for every unit on one scale. Units come in the
//! year-end order; the selected one is the session's selected unit.
//!
//! The chart gives each unit two rows (mid-year above year-end) when the window is tall enough,
//! else one row with the mid-year in the upper half of the cells and the year-end in the lower
//! half, so that every unit stays in sight at 80×24.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

use crate::i18n::compare::{CompareMsg, CompareText, places, signed};
use crate::i18n::{Label, Lang};
use crate::model::Period;
use crate::score::compare::{Comparison, Row, Standing, compare};
use crate::tui::app::App;
use crate::tui::compare::MidYear;
use crate::tui::display::fit;

use super::ranking::bar;

/// The two periods' colours, in the chart, its legend and the table's headings.
const MID: Color = Color::Magenta;
const END: Color = Color::Green;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let mid = match &app.compare.mid_year {
        MidYear::Loaded(results) => results,
        other => return draw_unavailable(app, other, frame, area),
    };
    let cmp = compare(&app.covenant, mid, app.results());
    let n = cmp.rows.len();
    let height = area.height as usize;
    let selected = cmp
        .rows
        .iter()
        .position(|r| r.unit == app.unit)
        .unwrap_or(0);
    let mut y = area.y;
    if cmp.mid_year.empty() {
        let notice = sentence(&CompareMsg::MidYearEmpty { year: app.year }.text(app.lang));
        frame.buffer_mut().set_stringn(
            area.x,
            y,
            notice,
            area.width as usize,
            Style::new().fg(Color::Yellow),
        );
        y += 1;
    }
    let incomplete = cmp
        .rows
        .iter()
        .flat_map(|r| [&r.mid_year, &r.year_end])
        .any(|s| s.as_ref().is_some_and(|s| !s.complete()));
    let used = (y - area.y) as usize + usize::from(incomplete);
    // The whole table if it leaves the chart its legend and two rows; else it scrolls.
    let table_rows = n.min(height.saturating_sub(used + 2 + 4)).max(1);
    let columns = Columns::new(app, &cmp, area.width as usize);
    let table = Rect::new(area.x, y, area.width, (2 + table_rows) as u16);
    draw_table(app, &cmp, &columns, selected, frame.buffer_mut(), table);
    y += table.height;
    if incomplete {
        frame.buffer_mut().set_stringn(
            area.x,
            y,
            CompareText::IncompleteNote.text(app.lang),
            area.width as usize,
            Style::new().add_modifier(Modifier::DIM),
        );
        y += 1;
    }
    let rest = (area.y + area.height).saturating_sub(y);
    // A blank line before the chart, unless the chart needs it: one row per unit more, or two.
    let fits = |rows: u16| match rows as usize {
        r if r >= 2 * n => 2,
        r if r >= n => 1,
        _ => 0,
    };
    let gap = u16::from(fits(rest.saturating_sub(2)) == fits(rest.saturating_sub(1)));
    if rest >= gap + 2 {
        let chart = Rect::new(area.x, y + gap, area.width, rest - gap);
        draw_chart(app, &cmp, &columns, selected, frame.buffer_mut(), chart);
    }
}

/// The first of `total` units to show in `rows` rows, the chosen one in sight; the first unit
/// whenever they all fit (a window made larger shows them all again).
fn in_sight(top: &std::cell::Cell<usize>, selected: usize, rows: usize, total: usize) -> usize {
    if rows >= total {
        top.set(0);
    }
    crate::tui::widgets::keep_in_sight(top, selected, rows)
}

/// "chưa có…" → "Chưa có…": messages start low for the command line, a screen's text starts
/// with a capital.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn draw_unavailable(app: &App, mid_year: &MidYear, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let year = app.year;
    let message = match mid_year {
        MidYear::Missing(dir) => CompareMsg::MidYearMissing {
            year,
            path: dir.display().to_string(),
        }
        .text(lang),
        MidYear::Unavailable(e) => CompareMsg::MidYearUnavailable {
            year,
            reason: e.msg(lang),
        }
        .text(lang),
        MidYear::Uncomputable(o) => CompareMsg::MidYearUnavailable {
            year,
            reason: lang.msg(&crate::i18n::Msg::overflow(&app.covenant, o)),
        }
        .text(lang),
        MidYear::NotRead | MidYear::Loaded(_) => CompareMsg::NoEarlierPeriod.text(lang),
    };
    let text = vec![
        Line::from(Span::styled(
            CompareText::Screen.text(lang),
            Style::new().add_modifier(Modifier::BOLD),
        )),
        Line::default(),
        Line::from(Span::styled(
            sentence(&message),
            Style::new().fg(Color::Yellow),
        )),
    ];
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// Widths of the table's columns, shrunk to the window: the band names first, then the units'.
struct Columns {
    name: usize,
    total: usize,
    /// Totals are shown with their share of the period's maximum, where the window has room.
    shares: bool,
    band: usize,
    rank: usize,
    change_total: usize,
    change_rank: usize,
}

/// Room between the period groups.
const GAP: usize = 2;

impl Columns {
    fn new(app: &App, cmp: &Comparison, width: usize) -> Columns {
        let lang = app.lang;
        let w = |l: Label| lang.label(l).width();
        let standings = || {
            cmp.rows
                .iter()
                .flat_map(|r| [&r.mid_year, &r.year_end])
                .flatten()
        };
        let mut c = Columns {
            name: app
                .covenant
                .bloc
                .members
                .iter()
                .map(|m| m.short.width())
                .max()
                .unwrap_or(0)
                .max(w(Label::Unit)),
            // One more for the mark of an incomplete total.
            total: standings()
                .map(|s| total_text(lang, s, true).width() + 1)
                .max()
                .unwrap_or(0)
                .max(w(Label::Total) + 1),
            shares: true,
            band: app
                .covenant
                .scheme
                .bands
                .iter()
                .map(|b| b.label.width())
                .max()
                .unwrap_or(0)
                .max(w(Label::Band)),
            rank: standings()
                .map(|s| rank_text(s).width())
                .max()
                .unwrap_or(0)
                .max(w(Label::Rank)),
            change_total: cmp
                .rows
                .iter()
                .filter_map(|r| r.change)
                .map(|c| signed(lang, c.total).width())
                .max()
                .unwrap_or(0)
                .max(w(Label::Total)),
            change_rank: cmp
                .rows
                .iter()
                .filter_map(|r| r.change)
                .map(|c| places(c.places).width())
                .max()
                .unwrap_or(0)
                .max(w(Label::Rank)),
        };
        // The shares go first when the window is narrow: the points and the bands matter more.
        if c.width() > width {
            c.shares = false;
            c.total = standings()
                .map(|s| total_text(lang, s, false).width() + 1)
                .max()
                .unwrap_or(0)
                .max(w(Label::Total) + 1);
        }
        let over = c.width().saturating_sub(width);
        let band_cut = over.div_ceil(2).min(c.band.saturating_sub(4));
        c.band -= band_cut;
        let over = c.width().saturating_sub(width);
        c.name -= over.min(c.name.saturating_sub(6));
        c
    }

    fn group(&self) -> usize {
        self.total + 1 + self.band + 1 + self.rank
    }

    fn width(&self) -> usize {
        self.name
            + 1
            + self.group()
            + GAP
            + self.group()
            + GAP
            + self.change_total
            + 1
            + self.change_rank
    }

    /// Where each period's group of columns and the change's start.
    fn starts(&self) -> [usize; 3] {
        let mid = self.name + 1;
        let end = mid + self.group() + GAP;
        [mid, end, end + self.group() + GAP]
    }
}

fn rank_text(s: &Standing) -> String {
    format!("{}{}", s.rank, if s.tied { "=" } else { "" })
}

fn right(text: &str, width: usize) -> String {
    let text = fit(text, width);
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

fn draw_table(
    app: &App,
    cmp: &Comparison,
    c: &Columns,
    selected: usize,
    buf: &mut Buffer,
    area: Rect,
) {
    let lang = app.lang;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let [mid_x, end_x, change_x] = c.starts().map(|s| area.x + s as u16);
    let group = c.group();
    let change_width = c.change_total + GAP + c.change_rank;
    for (x, label, width, style) in [
        (mid_x, lang.label(Label::MidYear), group, bold.fg(MID)),
        (end_x, lang.label(Label::YearEnd), group, bold.fg(END)),
        (change_x, CompareText::Change.text(lang), change_width, bold),
    ] {
        buf.set_stringn(x, area.y, fit(label, width), width, style);
    }
    let heading_y = area.y + 1;
    buf.set_stringn(
        area.x,
        heading_y,
        fit(lang.label(Label::Unit), c.name),
        c.name,
        bold,
    );
    for x in [mid_x, end_x] {
        let cells = [
            (0, right(lang.label(Label::Total), c.total - 1)),
            (c.total + 1, fit(lang.label(Label::Band), c.band)),
            (
                c.total + 1 + c.band + 1,
                fit(lang.label(Label::Rank), c.rank),
            ),
        ];
        for (dx, text) in cells {
            buf.set_string(x + dx as u16, heading_y, text, bold);
        }
    }
    buf.set_string(
        change_x,
        heading_y,
        right(lang.label(Label::Total), c.change_total),
        bold,
    );
    buf.set_string(
        change_x + (c.change_total + GAP) as u16,
        heading_y,
        fit(lang.label(Label::Rank), c.change_rank),
        bold,
    );

    let rows = (area.height as usize).saturating_sub(2);
    let top = in_sight(&app.compare.table_top, selected, rows, cmp.rows.len());
    for (pos, row) in cmp.rows.iter().enumerate().skip(top).take(rows) {
        let y = area.y + 2 + (pos - top) as u16;
        let base = if pos == selected {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        buf.set_stringn(area.x, y, " ".repeat(c.width()), c.width(), base);
        let name = &app.covenant.bloc.members[row.unit].short;
        buf.set_stringn(area.x, y, fit(name, c.name), c.name, base);
        let periods = [
            (Period::MidYear, &row.mid_year),
            (Period::YearEnd, &row.year_end),
        ];
        for ((period, standing), x) in periods.into_iter().zip([mid_x, end_x]) {
            draw_standing(app, c, period, standing.as_ref(), buf, x, y, base);
        }
        draw_change(lang, c, row, buf, change_x, y, base);
    }
}

#[allow(clippy::too_many_arguments)]
fn draw_standing(
    app: &App,
    c: &Columns,
    period: Period,
    standing: Option<&Standing>,
    buf: &mut Buffer,
    x: u16,
    y: u16,
    base: Style,
) {
    let lang = app.lang;
    let Some(s) = standing else {
        let width = c.total + 1 + c.band;
        let text = fit(CompareText::NotScored.text(lang), width);
        buf.set_stringn(x, y, text, width, base.add_modifier(Modifier::ITALIC));
        return;
    };
    let mark = if s.complete() { " " } else { "*" };
    let total = format!(
        "{}{mark}",
        right(&total_text(lang, s, c.shares), c.total - 1)
    );
    buf.set_string(x, y, total, base.add_modifier(Modifier::BOLD));
    let band = app.covenant.scheme.band_label(period, s.band);
    buf.set_stringn(x + (c.total + 1) as u16, y, fit(band, c.band), c.band, base);
    buf.set_stringn(
        x + (c.total + 1 + c.band + 1) as u16,
        y,
        rank_text(s),
        c.rank,
        base,
    );
}

fn draw_change(lang: Lang, c: &Columns, row: &Row, buf: &mut Buffer, x: u16, y: u16, base: Style) {
    let Some(change) = row.change else {
        buf.set_string(x, y, right("—", c.change_total), base);
        return;
    };
    let colour = |positive: bool, negative: bool| {
        if positive {
            base.fg(Color::Green)
        } else if negative {
            base.fg(Color::Red)
        } else {
            base
        }
    };
    let total = change.total;
    buf.set_string(
        x,
        y,
        right(&signed(lang, total), c.change_total),
        colour(total > Decimal::ZERO, total < Decimal::ZERO).add_modifier(Modifier::BOLD),
    );
    buf.set_string(
        x + (c.change_total + GAP) as u16,
        y,
        places(change.places),
        colour(change.places > 0, change.places < 0).add_modifier(Modifier::BOLD),
    );
}

/// The glyphs the chart draws each period with, as the legend shows them.
fn glyphs(two_rows: bool) -> (&'static str, &'static str) {
    if two_rows {
        ("██", "██")
    } else {
        ("▀▀", "▄▄")
    }
}

fn draw_chart(
    app: &App,
    cmp: &Comparison,
    c: &Columns,
    selected: usize,
    buf: &mut Buffer,
    area: Rect,
) {
    let lang = app.lang;
    let n = cmp.rows.len();
    let rows = (area.height as usize).saturating_sub(1);
    let two_rows = rows >= 2 * n;
    let (mid_glyph, end_glyph) = glyphs(two_rows);
    let out_of = |period, max| CompareMsg::PeriodOutOf { period, max }.text(lang);
    let legend = Line::from(vec![
        Span::styled(mid_glyph, Style::new().fg(MID)),
        Span::from(format!(" {}   ", out_of(Period::MidYear, cmp.mid_year.max))),
        Span::styled(end_glyph, Style::new().fg(END)),
        Span::from(format!(" {}", out_of(Period::YearEnd, cmp.year_end.max))),
    ]);
    buf.set_line(area.x, area.y, &legend, area.width);

    // One scale for both periods: the larger maximum, or a total above it (bonus points).
    let scale = [cmp.mid_year.max, cmp.year_end.max]
        .into_iter()
        .chain(
            cmp.rows
                .iter()
                .flat_map(|r| [&r.mid_year, &r.year_end])
                .flatten()
                .map(|s| s.total),
        )
        .max()
        .unwrap_or(Decimal::ONE)
        .max(Decimal::ONE);
    let scale: f64 = scale.try_into().unwrap_or(100.0);
    let fraction = |s: &Standing| f64::try_from(s.total).unwrap_or(0.0) / scale;

    let per_unit = if two_rows { 2 } else { 1 };
    let units = (rows / per_unit).max(1);
    let top = in_sight(&app.compare.chart_top, selected, units, n);
    let name_width = c.name;
    let values = if two_rows {
        cmp.rows
            .iter()
            .flat_map(|r| [&r.mid_year, &r.year_end])
            .flatten()
            .map(|s| lang.dec2(s.total).width())
            .max()
            .unwrap_or(0)
    } else {
        0
    };
    let not_scored = CompareText::NotScored.text(lang);
    // On one row, a period with nothing entered is named after the bars: room is kept for it.
    let notes = if two_rows {
        0
    } else {
        let note = not_scored.width() + 3;
        cmp.rows
            .iter()
            .map(|r| note * (usize::from(r.mid_year.is_none()) + usize::from(r.year_end.is_none())))
            .max()
            .unwrap_or(0)
    };
    let bar_x = area.x + (name_width + 1 + values + usize::from(two_rows)) as u16;
    let bar_width = ((area.x + area.width).saturating_sub(bar_x) as usize).saturating_sub(notes);
    for (pos, row) in cmp.rows.iter().enumerate().skip(top).take(units) {
        let y = area.y + 1 + ((pos - top) * per_unit) as u16;
        let name_style = if pos == selected {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        } else {
            Style::new()
        };
        let name = &app.covenant.bloc.members[row.unit].short;
        buf.set_stringn(area.x, y, fit(name, name_width), name_width, name_style);
        if two_rows {
            let value_x = area.x + (name_width + 1) as u16;
            for (dy, standing, colour) in [(0, &row.mid_year, MID), (1, &row.year_end, END)] {
                match standing {
                    Some(s) => {
                        buf.set_string(
                            value_x,
                            y + dy,
                            right(&lang.dec2(s.total), values),
                            Style::new(),
                        );
                        buf.set_stringn(
                            bar_x,
                            y + dy,
                            bar(fraction(s), bar_width),
                            bar_width,
                            Style::new().fg(colour),
                        );
                    }
                    None => {
                        buf.set_stringn(
                            bar_x,
                            y + dy,
                            not_scored,
                            bar_width,
                            Style::new().fg(colour).add_modifier(Modifier::ITALIC),
                        );
                    }
                }
            }
        } else {
            let bars = Rect::new(bar_x, y, (bar_width + notes) as u16, 1);
            draw_halves(row, &fraction, buf, bars, bar_width, not_scored);
        }
    }
}

/// Both periods on one row: the mid-year fills the upper half of each cell, the year-end the
/// lower half (a cell both reach shows each half in its period's colour). The bars take
/// `width` cells of `area`; a period with nothing entered is named after them.
fn draw_halves(
    row: &Row,
    fraction: &dyn Fn(&Standing) -> f64,
    buf: &mut Buffer,
    area: Rect,
    width: usize,
    not_scored: &str,
) {
    let (x, y) = (area.x, area.y);
    let cells = |s: &Option<Standing>| {
        s.as_ref()
            .map(|s| (fraction(s).clamp(0.0, 1.0) * width as f64).round() as usize)
    };
    let (mid, end) = (cells(&row.mid_year), cells(&row.year_end));
    let (m, e) = (mid.unwrap_or(0), end.unwrap_or(0));
    for i in 0..m.max(e) {
        let (symbol, style) = match (i < m, i < e) {
            (true, true) => ("▀", Style::new().fg(MID).bg(END)),
            (true, false) => ("▀", Style::new().fg(MID)),
            (false, _) => ("▄", Style::new().fg(END)),
        };
        buf.set_string(x + i as u16, y, symbol, style);
    }
    // Named with its half's glyph, as in the legend.
    let mut after = m.max(e) + 1;
    for (missing, glyph, colour) in [(mid.is_none(), "▀", MID), (end.is_none(), "▄", END)] {
        if !missing || after >= area.width as usize {
            continue;
        }
        let text = format!("{glyph} {not_scored}");
        let room = area.width as usize - after;
        buf.set_stringn(
            x + after as u16,
            y,
            &text,
            room,
            Style::new().fg(colour).add_modifier(Modifier::ITALIC),
        );
        after += text.width() + 2;
    }
}

/// "84,11 · 99%": the points and their share of the period's maximum, which is how a mid-year
/// out of 85 and a year out of 100 compare; the points alone without `shares`.
fn total_text(lang: Lang, s: &Standing, shares: bool) -> String {
    if shares {
        format!("{} · {}%", lang.dec2(s.total), lang.dec(s.share.round()))
    } else {
        lang.dec2(s.total)
    }
}
