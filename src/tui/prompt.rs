//! The small questions the meeting answers on the screen: why a score differs from the unit's
//! self-score, whether to freeze the results (and why to reopen them), and which cells take the
//! units' self-scores.

use crate::model::Value;
use crate::session::Changed;
use crate::store::records::{Records, differs};

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::dialog::Seen;
use super::dialog::{Ctx, Outcome};
use super::field::TextField;
use super::keymap::Action;
use super::status::{Said, Status};
use crate::i18n::{Msg, Ui};
use crate::tui::display::value_long;

#[derive(Debug, Clone, PartialEq)]
pub struct Prompt {
    pub ask: Ask,
    pub error: Option<Said>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ask {
    /// The value entered differs from the self-score: why.
    Reason {
        unit: usize,
        item: usize,
        value: Value,
        field: TextField,
    },
    /// Freeze the results now?
    Freeze,
    /// Why reopen the frozen results; the version already signed, if any.
    Reopen {
        field: TextField,
        signed: Option<u32>,
    },
    /// Which cells take the self-score: the selected cell, the unit's unscored cells, or every
    /// unscored cell.
    Accept { choice: AcceptScope },
    /// Clear this cell's value?
    Clear { unit: usize, item: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptScope {
    Cell,
    Unit,
    All,
}

impl AcceptScope {
    pub const ALL: [AcceptScope; 3] = [AcceptScope::Cell, AcceptScope::Unit, AcceptScope::All];
}

impl Prompt {
    /// Whether the prompt takes typed text.
    pub fn has_field(&self) -> bool {
        matches!(self.ask, Ask::Reason { .. } | Ask::Reopen { .. })
    }
}

fn prompt(ask: Ask) -> Prompt {
    Prompt { ask, error: None }
}

/// Asks why a value differs from the self-score, the cell's earlier reason filled in.
pub fn reason(cx: &Ctx, unit: usize, item: usize, value: Value) -> Prompt {
    let earlier = cx.cell(unit, item).reason;
    prompt(Ask::Reason {
        unit,
        item,
        value,
        field: TextField::new(&earlier),
    })
}

/// F8: freeze the results, or reopen frozen ones.
pub fn freeze_or_reopen(cx: &Ctx) -> Prompt {
    if cx.records().frozen().is_none() {
        return prompt(Ask::Freeze);
    }
    let signed = cx.signing.and_then(|s| {
        crate::report::issue::next_version(&s.out_dir, &cx.covenant().bloc.id, cx.year, cx.period())
            .ok()
            .and_then(|(next, _)| (next > 1).then_some(next - 1))
    });
    prompt(Ask::Reopen {
        field: TextField::new(""),
        signed,
    })
}

/// Delete: clear the selected cell, once confirmed.
pub fn clear(unit: usize, item: usize) -> Prompt {
    prompt(Ask::Clear { unit, item })
}

/// `a`: take the self-scores, once there are some.
pub fn accept(cx: &Ctx) -> Result<Prompt, Status> {
    if !cx.records().has_self_scores() {
        return Err(Status::info(Msg::NoSelfScores));
    }
    Ok(prompt(Ask::Accept {
        choice: AcceptScope::Cell,
    }))
}

/// The cells a scope would fill, with the self-score each takes: on the selected cell of
/// `unit`, that unit's unscored cells, or every unscored cell.
pub fn accepted_cells(
    records: &Records,
    card_items: &[usize],
    (unit, item): (usize, Option<usize>),
    scope: AcceptScope,
) -> Vec<(usize, usize)> {
    let units = records.covenant().bloc.members.len();
    let wanted = |u: usize, i: usize| {
        records.self_cell(u, i).value.is_some() && records.cell(u, i).value.is_none()
    };
    match scope {
        AcceptScope::Cell => match item {
            Some(i)
                if records.self_cell(unit, i).value.is_some()
                    && (records.cell(unit, i).value.is_none()
                        || differs(&records.cell(unit, i), &records.self_cell(unit, i))) =>
            {
                vec![(unit, i)]
            }
            _ => Vec::new(),
        },
        AcceptScope::Unit => card_items
            .iter()
            .filter(|&&i| wanted(unit, i))
            .map(|&i| (unit, i))
            .collect(),
        AcceptScope::All => (0..units)
            .flat_map(|u| card_items.iter().map(move |&i| (u, i)))
            .filter(|&(u, i)| wanted(u, i))
            .collect(),
    }
}

pub fn update(mut prompt: Prompt, action: Action, cx: &mut Ctx) -> Outcome<Prompt> {
    if action == Action::Cancel {
        return Outcome::Close;
    }
    let typed = match &mut prompt.ask {
        Ask::Reason { field, .. } | Ask::Reopen { field, .. } => Some(field),
        _ => None,
    };
    if let Some(field) = typed {
        field.act(&action);
    }
    if let Ask::Accept { choice } = &mut prompt.ask {
        let at = AcceptScope::ALL
            .iter()
            .position(|s| s == choice)
            .unwrap_or(0);
        match action {
            Action::Up => *choice = AcceptScope::ALL[at.saturating_sub(1)],
            Action::Down => *choice = AcceptScope::ALL[(at + 1).min(2)],
            Action::Pick(n) if (1..=3).contains(&n) => {
                *choice = AcceptScope::ALL[n - 1];
                return confirm(prompt, cx);
            }
            _ => {}
        }
    }
    if action == Action::Confirm {
        return confirm(prompt, cx);
    }
    Outcome::Stay(prompt)
}

fn confirm(mut prompt: Prompt, cx: &mut Ctx) -> Outcome<Prompt> {
    let done = match &prompt.ask {
        Ask::Reason {
            unit,
            item,
            value,
            field,
        } => {
            let entered = cx.enter(*unit, *item, value.clone(), field.text());
            return match entered {
                Ok(said) => Outcome::Entered(said),
                Err(refused) => {
                    prompt.error = Some(refused.into());
                    Outcome::Stay(prompt)
                }
            };
        }
        Ask::Freeze => cx.change(|s| s.freeze()).map(|changed| match changed {
            Changed::Frozen { at } => Status::info(Msg::FrozenOnScreen {
                at: at.format("%H:%M %d/%m/%Y").to_string(),
            }),
            _ => Status::info(Msg::ReopenedDone),
        }),
        Ask::Reopen { field, signed } => {
            let signed = *signed;
            cx.change(|s| s.reopen(field.text())).map(|_| {
                let mut said = vec![Msg::ReopenedDone];
                said.extend(signed.map(|version| Msg::ReopenAfterSigned { version }));
                Status::Info(Said::Msgs(said))
            })
        }
        Ask::Clear { unit, item } => {
            let (unit, item) = (*unit, *item);
            cx.change(|s| s.clear(unit, item)).map(|_| {
                Status::info(Msg::Cleared {
                    unit: cx.unit_name(unit),
                    item: cx.item_label(item),
                })
            })
        }
        Ask::Accept { choice } => {
            let cells = accepted_cells(cx.records(), cx.card_items, (cx.unit, cx.item), *choice);
            cx.change(|s| s.accept(&cells))
                .map(|changed| match changed {
                    Changed::Accepted { cells } => Status::info(Msg::Accepted { cells }),
                    _ => Status::info(Msg::Accepted { cells: 0 }),
                })
        }
    };
    match done {
        Ok(said) => Outcome::Done(said),
        Err(refused) => {
            prompt.error = Some(refused.into());
            Outcome::Stay(prompt)
        }
    }
}

// The drawing.

pub fn draw(app: &Seen, prompt: &Prompt, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    let title = match &prompt.ask {
        Ask::Reason {
            unit,
            item,
            value,
            field,
        } => {
            let spec = &app.covenant.layout.items[*item];
            let own = app
                .records()
                .self_cell(*unit, *item)
                .value
                .map(|v| value_long(lang, spec, &v))
                .unwrap_or_default();
            lines.push(Line::from(lang.msg(&Msg::ReasonAsk {
                unit: app.unit_name(*unit),
                item: spec.code.clone(),
                entered: value_long(lang, spec, value),
                own,
            })));
            let evidence = app.records().self_cell(*unit, *item).note;
            if !evidence.is_empty() {
                lines.push(Line::from(format!("{}: {evidence}", lang.ui(Ui::Evidence))).italic());
            }
            lines.push(field_line(field.text()));
            Ui::ReasonTitle
        }
        Ask::Freeze => {
            lines.push(Line::from(lang.msg(&Msg::FreezeAsk {
                entered: app.results().entered,
                needed: app.results().needed,
                unexplained: app.records().unexplained().len(),
            })));
            lines.push(Line::from(lang.ui(Ui::FreezeConfirm)).italic());
            Ui::FreezeTitle
        }
        Ask::Reopen { field, signed } => {
            let at = app
                .records()
                .frozen()
                .map(|f| f.at.format("%H:%M %d/%m/%Y").to_string())
                .unwrap_or_default();
            lines.push(Line::from(lang.msg(&Msg::ReopenAsk { at })));
            if let Some(version) = signed {
                lines.push(
                    Line::from(lang.msg(&Msg::ReopenAfterSigned { version: *version }))
                        .yellow()
                        .bold(),
                );
            }
            lines.push(field_line(field.text()));
            Ui::ReopenTitle
        }
        Ask::Clear { unit, item } => {
            let spec = &app.covenant.layout.items[*item];
            let value = app
                .records()
                .cell(*unit, *item)
                .value
                .map(|v| value_long(lang, spec, &v))
                .unwrap_or_default();
            lines.push(Line::from(lang.msg(&Msg::ClearAsk {
                unit: app.unit_name(*unit),
                item: spec.code.clone(),
                value,
            })));
            lines.push(Line::from(lang.ui(Ui::ClearConfirm)).italic());
            Ui::ClearTitle
        }
        Ask::Accept { choice } => {
            for (n, scope) in AcceptScope::ALL.iter().enumerate() {
                let cells = accepted_cells(
                    app.records(),
                    app.card_items(),
                    (app.unit, app.selected_item()),
                    *scope,
                )
                .len();
                let text = match scope {
                    AcceptScope::Cell => match app.selected_item() {
                        Some(i) => {
                            let spec = &app.covenant.layout.items[i];
                            lang.msg(&Msg::AcceptCell {
                                item: spec.code.clone(),
                                value: app
                                    .records()
                                    .self_cell(app.unit, i)
                                    .value
                                    .map(|v| value_long(lang, spec, &v))
                                    .unwrap_or_else(|| "—".into()),
                            })
                        }
                        None => lang.ui(Ui::AcceptNoCell).to_string(),
                    },
                    AcceptScope::Unit => lang.msg(&Msg::AcceptUnit {
                        unit: app.unit_name(app.unit),
                        cells,
                    }),
                    AcceptScope::All => lang.msg(&Msg::AcceptAll { cells }),
                };
                let line = Line::from(format!(" {} {text} ", n + 1));
                lines.push(if scope == choice {
                    line.reversed().bold()
                } else if cells == 0 {
                    line.dark_gray()
                } else {
                    line
                });
            }
            lines.push(Line::from(lang.ui(Ui::AcceptKeepsScores)).italic());
            Ui::AcceptTitle
        }
    };
    if let Some(error) = &prompt.error {
        lines.push(Line::from(error.text(app.lang)).red().bold());
    }
    let width = area.width.saturating_sub(4).min(84);
    let height =
        (crate::tui::widgets::wrapped_height(&lines, width.saturating_sub(2)) + 2).min(area.height);
    let popup = crate::tui::widgets::overlay(frame, area, width, height);
    let block = Block::bordered().title(Span::from(format!(" {} ", lang.ui(title))).bold());
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        popup,
    );
}

fn field_line(text: &str) -> Line<'static> {
    Line::from(vec![
        Span::from("> ").bold(),
        Span::from(text.to_string()),
        Span::from("▏"),
    ])
}
