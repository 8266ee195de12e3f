//! The history and change log overlay: the journal's lines newest first, one row each, with
//! the reason, the note and the source file below it, over the body of the screen.

use chrono::{DateTime, FixedOffset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Stylize;
use ratatui::text::{Line as Text, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Label, Lang, Msg, Ui};
use crate::report::changelog::{self, Filter};
use crate::store::records::{Cell, Layer, Line, Origin};
use crate::tui::dialog::Seen;
use crate::tui::display::{self, fit};
use crate::tui::history::LogView;
use crate::tui::keymap::Context;
use crate::tui::status::Status;

/// One journal line as the overlay shows it.
struct Shown {
    at: String,
    what: String,
    event: bool,
    unit: String,
    item: String,
    change: String,
    by: String,
    /// What is said below the row: the reason, the note, the source file, a vote's tally.
    details: Vec<(Option<Label>, String)>,
}

fn time(at: DateTime<FixedOffset>, wide: bool) -> String {
    at.format(if wide {
        "%d/%m/%Y %H:%M:%S"
    } else {
        "%d/%m %H:%M"
    })
    .to_string()
}

fn one_line(text: &str) -> String {
    text.trim().replace('\n', " / ")
}

fn shown(app: &Seen, line: &Line, wide: bool, long_values: bool) -> Shown {
    let lang = app.lang;
    // The words the command line and the CSV use: what happened, a reopening's reason, a tally.
    let row = changelog::rows(
        lang,
        app.covenant,
        std::slice::from_ref(line),
        &Filter::default(),
    )
    .remove(0);
    let at = time(line.at(), wide);
    let by = row.by;
    match line {
        Line::Change(e) => {
            let layout = &app.covenant.layout;
            let item = layout.index_of(&e.item).map(|i| &layout.items[i]);
            let value = |c: &Cell| match (&c.value, item) {
                (None, _) => "—".to_string(),
                (Some(v), Some(it)) if long_values => display::value_long(lang, it, v),
                (Some(v), Some(it)) => display::value_text(lang, it, v),
                (Some(v), None) => v.to_text(),
            };
            let same_value = e.old.value == e.new.value;
            let note_changed = e.old.note != e.new.note;
            // Writing a note is stored as an entry of the same value: say what it was.
            let what = if same_value
                && note_changed
                && e.origin == Origin::Entry
                && e.layer == Layer::Bloc
            {
                lang.ui(Ui::LogNoteEdited).to_string()
            } else {
                row.what
            };
            let change = if same_value {
                value(&e.new)
            } else {
                format!("{} → {}", value(&e.old), value(&e.new))
            };
            let mut details = Vec::new();
            // A note and a reason travel with every later value of the cell: said when they
            // change, not on every line.
            if !e.new.reason.is_empty() && (e.new.reason != e.old.reason || !same_value) {
                details.push((Some(Label::LogReason), one_line(&e.new.reason)));
            }
            if note_changed {
                let note = one_line(&e.new.note);
                details.push((
                    Some(Label::LogNote),
                    if note.is_empty() { "—".into() } else { note },
                ));
            }
            if !e.source.is_empty() {
                details.push((Some(Label::LogSource), e.source.clone()));
            }
            Shown {
                at,
                what,
                event: false,
                unit: app
                    .covenant
                    .unit_index(&e.unit)
                    .map_or(e.unit.clone(), |u| app.unit_name(u)),
                item: e.item.clone(),
                change,
                by,
                details,
            }
        }
        Line::Event(_) => {
            let mut details = Vec::new();
            if !row.reason.is_empty() {
                details.push((Some(Label::LogReason), one_line(&row.reason)));
            }
            if !row.new.is_empty() {
                details.push((None, row.new));
            }
            Shown {
                at,
                what: row.what,
                event: true,
                unit: String::new(),
                item: String::new(),
                change: String::new(),
                by,
                details,
            }
        }
    }
}

/// The widths of the columns, the same for every line so that they do not move while
/// scrolling. A column the filter fixes is left out.
struct Columns {
    at: usize,
    what: usize,
    unit: Option<usize>,
    item: Option<usize>,
    change: usize,
    by: usize,
}

impl Columns {
    fn new(app: &Seen, view: &LogView, lines: &[&Line], width: usize, wide: bool) -> Columns {
        let lang = app.lang;
        let filter = view.filter(app.covenant);
        let words = [
            Label::LogWhat,
            Label::LogEntry,
            Label::LogImport,
            Label::LogUndo,
            Label::LogRedo,
            Label::LogAccept,
            Label::LogSelfScore,
            Label::LogFreeze,
            Label::LogReopen,
            Label::LogVotes,
        ];
        let what = words
            .iter()
            .map(|l| lang.label(*l).width())
            .chain([lang.ui(Ui::LogNoteEdited).width()])
            .max()
            .unwrap_or(8);
        let unit = filter.unit.is_none().then(|| {
            app.covenant
                .bloc
                .members
                .iter()
                .map(|m| m.short.width())
                .chain([lang.label(Label::Unit).width()])
                .max()
                .unwrap_or(8)
                .min(if wide { 24 } else { 14 })
        });
        let item = filter.item.is_none().then(|| {
            app.covenant
                .layout
                .items
                .iter()
                .map(|i| i.label.width())
                .chain([lang.label(Label::LogItem).width()])
                .max()
                .unwrap_or(6)
                .min(10)
        });
        let at = if wide { 19 } else { 11 };
        let by = lines
            .iter()
            .map(|l| match l {
                Line::Change(e) => e.by.width(),
                Line::Event(e) => e.by.width(),
            })
            .max()
            .unwrap_or(0)
            .min(if wide { 12 } else { 8 })
            .max(lang.label(Label::LogBy).width());
        let fixed = at + what + unit.unwrap_or(0) + item.unwrap_or(0) + by;
        let gaps = 3 + usize::from(unit.is_some()) + usize::from(item.is_some());
        Columns {
            at,
            what,
            unit,
            item,
            change: width.saturating_sub(fixed + gaps).max(8),
            by,
        }
    }

    fn row(&self, cells: [&str; 6]) -> Vec<String> {
        let [at, what, unit, item, change, by] = cells;
        let mut out = vec![pad(at, self.at), pad(what, self.what)];
        if let Some(w) = self.unit {
            out.push(pad(unit, w));
        }
        if let Some(w) = self.item {
            out.push(pad(item, w));
        }
        out.push(pad(change, self.change));
        out.push(fit(by, self.by));
        out
    }
}

/// Cut to `width` with "…", then filled to it.
fn pad(text: &str, width: usize) -> String {
    let text = fit(text, width);
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

/// A line's rows: the columns, then each detail below, wrapped to at most `detail_rows` rows
/// and cut with "…" beyond.
fn entry_lines(
    columns: &Columns,
    s: &Shown,
    width: usize,
    detail_rows: usize,
    lang: Lang,
) -> Vec<Text<'static>> {
    let cells = columns.row([&s.at, &s.what, &s.unit, &s.item, &s.change, &s.by]);
    let mut spans = Vec::new();
    for (n, c) in cells.into_iter().enumerate() {
        if n > 0 {
            spans.push(Span::from(" "));
        }
        spans.push(if n == 1 && s.event {
            Span::from(c).bold()
        } else {
            Span::from(c)
        });
    }
    let mut lines = vec![Text::from(spans)];
    // The details start under "what", where the row's words start.
    let indent = columns.at + 1;
    for (label, text) in &s.details {
        let label = label
            .map(|l| format!("{}: ", lang.label(l)))
            .unwrap_or_default();
        let room = width.saturating_sub(indent + label.width());
        let mut rows = wrap(text, room);
        if rows.len() > detail_rows {
            rows.truncate(detail_rows);
            let last = rows.last_mut().expect("one row at least");
            *last = cut(last, room);
        }
        for (n, row) in rows.into_iter().enumerate() {
            let lead = if n == 0 {
                Span::from(label.clone()).italic()
            } else {
                Span::from(" ".repeat(label.width()))
            };
            lines.push(Text::from(vec![
                Span::from(" ".repeat(indent)),
                lead,
                Span::from(row),
            ]));
        }
    }
    lines
}

/// A row of text that goes on: whole words, then " …" (a single word too long is cut).
fn cut(row: &str, room: usize) -> String {
    let mut row = row.to_string();
    while row.width() + 2 > room {
        match row.rfind(' ') {
            Some(at) => row.truncate(at),
            None => return fit(&format!("{row}…"), room),
        }
    }
    row + " …"
}

/// Words wrapped to `width`; a word longer than a line (a path) is cut into pieces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let line = lines.last_mut().expect("one line at least");
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(String::new());
        }
        for g in word.graphemes(true) {
            let line = lines.last_mut().expect("one line at least");
            if line.width() + g.width() > width {
                lines.push(String::new());
            }
            lines.last_mut().expect("one line at least").push_str(g);
        }
    }
    lines
}

pub fn draw(app: &Seen, view: &LogView, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    // Over the body of the screen: the header stays in sight above, the status and the keys
    // below.
    let body = Rect {
        y: area.y + 2.min(area.height),
        height: area.height.saturating_sub(4),
        ..area
    };
    let width = area.width.saturating_sub(4).min(150);
    let inner = width.saturating_sub(2) as usize;
    let wide = inner >= 100;
    let cell = view.is_cell();
    let lines = view.shown(app.covenant);
    let columns = Columns::new(app, view, &lines, inner, wide);

    let filter = view.filter(app.covenant);
    let mut title = vec![
        lang.ui(if cell {
            Ui::CellHistoryTitle
        } else {
            Ui::LogTitle
        })
        .to_string(),
    ];
    if cell {
        title.push(app.unit_name(view.unit));
        title.extend(filter.item.clone());
    } else {
        if filter.unit.is_some() {
            title.push(lang.msg(&Msg::LogOnlyUnit(app.unit_name(view.unit))));
        }
        if let Some(item) = &filter.item {
            title.push(lang.msg(&Msg::LogOnlyItem(item.clone())));
        }
    }
    let title = fit(&title.join(" · "), (width as usize).saturating_sub(4));

    let mut head: Vec<Text> = Vec::new();
    if let (true, Some(i)) = (cell, view.item) {
        let it = &app.covenant.layout.items[i];
        head.push(Text::from(fit(&format!("{} · {}", it.label, it.title), inner)).bold());
    }
    let footer: Vec<Text> = match &view.message {
        Some(Status::Info(m)) => wrap(&m.text(app.lang), inner)
            .into_iter()
            .map(|l| Text::from(l).green())
            .collect(),
        Some(Status::Error(m)) => wrap(&m.text(app.lang), inner)
            .into_iter()
            .map(|l| Text::from(l).red().bold())
            .collect(),
        None => Vec::new(),
    };
    let room = (body.height as usize)
        .saturating_sub(2 + head.len() + footer.len())
        .max(1);

    let mut list: Vec<Text> = Vec::new();
    if view.keys {
        let keys = crate::tui::widgets::entries(lang, Context::Log, "");
        let key_width = keys.iter().map(|(k, _)| k.width()).max().unwrap_or(4) + 2;
        for (k, d) in keys {
            let fill = key_width.saturating_sub(k.width());
            list.push(Text::from(vec![
                Span::from(format!(" {k}{}", " ".repeat(fill))).bold(),
                Span::from(d),
            ]));
        }
    } else if let Err(e) = &view.lines {
        list.extend(
            wrap(&e.text(app.lang), inner)
                .into_iter()
                .map(|l| Text::from(l).red().bold()),
        );
    } else if lines.is_empty() {
        let empty = if cell {
            Ui::CellNoHistory
        } else if filter == Filter::default() {
            Ui::LogEmpty
        } else {
            Ui::LogNoMatch
        };
        list.push(Text::from(lang.ui(empty)).italic());
    } else {
        // The position and the column names take two rows.
        let rows = room.saturating_sub(2).max(1);
        // A cell's few lines spell levels out and wrap a long reason or note, if all of them
        // fit; the log keeps a line to a row or two.
        let long_values = cell
            && lines
                .iter()
                .all(|l| shown(app, l, wide, true).change.width() <= columns.change);
        let detail_rows = if cell { 3 } else { 1 };
        let make = |l: &Line| {
            entry_lines(
                &columns,
                &shown(app, l, wide, long_values),
                inner,
                detail_rows,
                lang,
            )
        };
        // The last line that can be first and still fill the view: the drawing stops there.
        let mut max_top = lines.len();
        let mut used = 0;
        while max_top > 0 {
            let h = make(lines[max_top - 1]).len();
            if used + h > rows {
                break;
            }
            used += h;
            max_top -= 1;
        }
        let top = view.top.get().min(max_top).min(lines.len() - 1);
        view.top.set(top);
        let mut body_lines = Vec::new();
        let mut count = 0;
        for l in &lines[top..] {
            let entry = make(l);
            if count > 0 && body_lines.len() + entry.len() > rows {
                break;
            }
            body_lines.extend(entry);
            count += 1;
        }
        view.page.set(count);
        list.push(
            Text::from(lang.msg(&Msg::LogPosition {
                first: top + 1,
                last: top + count,
                total: lines.len(),
            }))
            .italic(),
        );
        let header = columns.row([
            lang.label(Label::LogTime),
            lang.label(Label::LogWhat),
            lang.label(Label::Unit),
            lang.label(Label::LogItem),
            &format!(
                "{} → {}",
                lang.label(Label::LogOld),
                lang.label(Label::LogNew)
            ),
            lang.label(Label::LogBy),
        ]);
        list.push(Text::from(header.join(" ")).bold().underlined());
        list.extend(body_lines);
    }

    // As tall as the lines need, up to the body of the screen.
    let content = head.len() + list.len().min(room) + footer.len();
    let height = (content as u16 + 2).min(body.height);
    let popup = crate::tui::widgets::overlay(frame, body, width, height);
    let block = Block::bordered().title(Span::from(format!(" {title} ")).bold());
    let inside = block.inner(popup);
    frame.render_widget(block, popup);
    let [top_area, footer_area] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(footer.len() as u16)])
            .areas(inside);
    head.extend(list);
    frame.render_widget(Paragraph::new(head), top_area);
    frame.render_widget(Paragraph::new(footer), footer_area);
}
