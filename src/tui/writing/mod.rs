//! F6: the report's written sections (highlights, shortcomings, direction), listed with what is
//! written, and each written in a multi-line editor that wraps. The meeting writes them while
//! the results are frozen; a signed final version locks them (`session::rules::words_open`).
//! Saving writes the whole section as one journal event; nothing typed is dropped on leaving.

pub mod draw;
pub mod election;
pub mod minutes;
mod minutes_draw;

use std::cell::Cell as Shared;

use crate::i18n::Msg;
use crate::model::sections::SectionSpec;

use super::dialog::{Ctx, Outcome};
use super::field::TextField;
use super::keymap::Action;
use super::status::{Said, Status};
use super::wrap;

#[derive(Debug, Clone, PartialEq)]
pub struct Writing {
    /// The selected section, in the period's list.
    pub selected: usize,
    /// The section being written, when the editor is open.
    pub draft: Option<Draft>,
    /// At year-end, the election of next year's head and deputy, when its form is open.
    pub election: Option<election::ElectionForm>,
    /// The minutes' attendance and count records, when their form is open.
    pub minutes: Option<Box<minutes::MinutesForm>>,
}

/// An entry of the list: a section (its index in the period's list), the election, the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Section(usize),
    Election,
    Minutes,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub id: String,
    pub field: TextField,
    /// The text as last saved: leaving saves only when it changed.
    pub saved: String,
    /// Why the last save was refused (the text stays in the editor).
    pub error: Option<Said>,
    /// The width and height of the text area when last drawn, and the first row shown: the
    /// drawing keeps them, the keys read them to move by rows.
    pub width: Shared<usize>,
    pub height: Shared<usize>,
    pub top: Shared<usize>,
}

/// Opens the list, or says why the sections cannot be written now.
pub fn open(cx: &Ctx) -> Result<Writing, Status> {
    crate::session::rules::words_open(cx.records())
        .map_err(|refused| Status::error(Said::from(refused)))?;
    if specs(cx).is_empty() {
        return Err(Status::info(Msg::NoSections));
    }
    Ok(Writing {
        selected: 0,
        draft: None,
        election: None,
        minutes: None,
    })
}

/// The list's entries: the sections, then at year-end the election, then the minutes.
pub fn entries(covenant: &crate::model::Covenant, period: crate::model::Period) -> Vec<Entry> {
    let sections = covenant.scheme.sections.of(period).len();
    let mut entries: Vec<Entry> = (0..sections).map(Entry::Section).collect();
    if period == crate::model::Period::YearEnd {
        entries.push(Entry::Election);
    }
    entries.push(Entry::Minutes);
    entries
}

fn specs<'a>(cx: &'a Ctx) -> &'a [SectionSpec] {
    cx.covenant().scheme.sections.of(cx.period())
}

pub fn update(mut dialog: Writing, action: Action, cx: &mut Ctx) -> Outcome<Writing> {
    if let Some(draft) = dialog.draft.take() {
        return edit(dialog, draft, action, cx);
    }
    if let Some(form) = dialog.election.take() {
        return elect(dialog, form, action, cx);
    }
    if let Some(form) = dialog.minutes.take() {
        return record_minutes(dialog, form, action, cx);
    }
    let listed = entries(cx.covenant(), cx.period());
    match (action, listed.get(dialog.selected)) {
        (Action::Cancel, _) => return Outcome::Close,
        (Action::Up, _) => dialog.selected = dialog.selected.saturating_sub(1),
        (Action::Down, _) => {
            dialog.selected = (dialog.selected + 1).min(listed.len().saturating_sub(1))
        }
        (Action::Confirm, Some(Entry::Election)) => {
            let bloc = &cx.covenant().bloc;
            dialog.election = Some(election::ElectionForm::new(
                &bloc.members,
                bloc.deputy.as_deref(),
                cx.session.election(),
            ));
        }
        (Action::Confirm, Some(Entry::Minutes)) => {
            dialog.minutes = Some(Box::new(minutes::MinutesForm::new(
                cx.covenant(),
                cx.period(),
                recorded_minutes(cx),
            )));
        }
        (Action::Confirm, Some(&Entry::Section(index))) => {
            let id = specs(cx)[index].id.clone();
            let text = cx.session.section(&id).to_string();
            let mut field = TextField::multiline(&text);
            field.end_of_text();
            dialog.draft = Some(Draft {
                id,
                field,
                saved: text,
                error: None,
                width: Shared::new(60),
                height: Shared::new(10),
                top: Shared::new(0),
            });
        }
        _ => {}
    }
    Outcome::Stay(dialog)
}

/// A key in the editor. Enter is a new line; Ctrl-S saves; Esc saves and goes back to the list.
fn edit(mut dialog: Writing, mut draft: Draft, action: Action, cx: &mut Ctx) -> Outcome<Writing> {
    match action {
        Action::Confirm | Action::NewLine => draft.field.insert("\n"),
        Action::Up | Action::Down | Action::PageUp | Action::PageDown => {
            let page = draft.height.get().max(1);
            let rows = match action {
                Action::Up => -1,
                Action::Down => 1,
                Action::PageUp => -(page as isize),
                _ => page as isize,
            };
            move_rows(&mut draft, rows);
        }
        Action::Save | Action::Cancel => {
            let leaving = action == Action::Cancel;
            if draft.field.text() != draft.saved {
                let text = draft.field.text().to_string();
                match cx.change(|s| s.write_section(&draft.id, &text)) {
                    Ok(_) => {
                        draft.saved = cx.session.section(&draft.id).to_string();
                        draft.error = None;
                    }
                    Err(refused) => {
                        // Not saved: the editor stays open with the text and says why.
                        draft.error = Some(refused.into());
                        dialog.draft = Some(draft);
                        return Outcome::Stay(dialog);
                    }
                }
                let said = Status::info(Msg::SectionSaved {
                    title: title(cx, &draft.id),
                });
                if !leaving {
                    dialog.draft = Some(draft);
                }
                return Outcome::Say(dialog, said);
            }
            if !leaving {
                dialog.draft = Some(draft);
            }
            return Outcome::Stay(dialog);
        }
        other => {
            draft.field.act(&other);
        }
    }
    dialog.draft = Some(draft);
    Outcome::Stay(dialog)
}

/// A key in the election form: Enter records it, Esc goes back to the list.
fn elect(
    mut dialog: Writing,
    mut form: election::ElectionForm,
    action: Action,
    cx: &mut Ctx,
) -> Outcome<Writing> {
    let members = cx.covenant().bloc.members.clone();
    match action {
        Action::Cancel => return Outcome::Stay(dialog),
        Action::Confirm => {
            let chosen = form.election(&members);
            match chosen
                .map_err(Said::from)
                .and_then(|e| cx.change(|s| s.elect(e)).map_err(Said::from))
            {
                Ok(_) => {
                    let e = cx.session.election().expect("just recorded");
                    let short = |id: &str| {
                        members
                            .iter()
                            .find(|m| m.id == id)
                            .map_or_else(String::new, |m| m.short.clone())
                    };
                    let said = Status::info(Msg::Elected {
                        head: short(&e.head),
                        deputy: short(&e.deputy),
                        year: cx.year + 1,
                    });
                    return Outcome::Say(dialog, said);
                }
                Err(said) => form.error = Some(said),
            }
        }
        other => {
            form.act(&other, members.len());
            form.error = None;
        }
    }
    dialog.election = Some(form);
    Outcome::Stay(dialog)
}

/// What the session holds of the minutes.
fn recorded_minutes(cx: &Ctx) -> crate::model::minutes::Minutes {
    crate::model::minutes::Minutes {
        attendance: cx.records().attendance().cloned(),
        counts: cx.records().counts(),
    }
}

/// A key in the minutes' form: Ctrl-S records it; Esc records it and goes back to the list, or,
/// when it cannot be recorded, says why and leaves it unsaved on a second Esc.
fn record_minutes(
    mut dialog: Writing,
    mut form: Box<minutes::MinutesForm>,
    action: Action,
    cx: &mut Ctx,
) -> Outcome<Writing> {
    if !matches!(action, Action::Save | Action::Cancel) {
        form.act(&action);
        dialog.minutes = Some(form);
        return Outcome::Stay(dialog);
    }
    let leaving = action == Action::Cancel;
    if !form.changed(cx.covenant()) || (leaving && form.warned) {
        if !leaving {
            dialog.minutes = Some(form);
        }
        return Outcome::Stay(dialog);
    }
    let checked = form.minutes(cx.covenant()).and_then(|m| {
        let ballots = cx.records().ballots();
        let recorded = cx.records().attendance();
        form.check_counts(cx.covenant(), &m, &ballots, recorded)?;
        Ok(m)
    });
    let refused: Said = match checked {
        Err((row, msg)) => {
            form.row = row;
            form.field = 0;
            msg.into()
        }
        Ok(m) => {
            let units = m.attendance.as_ref().map_or(0, |a| a.units.len());
            let counts = m.counts.len();
            match cx.change(|s| s.record_minutes(m)) {
                Ok(_) => {
                    form.saved(recorded_minutes(cx));
                    let said = Status::info(Msg::MinutesRecorded { units, counts });
                    if !leaving {
                        dialog.minutes = Some(form);
                    }
                    return Outcome::Say(dialog, said);
                }
                Err(refused) => refused.into(),
            }
        }
    };
    // Not recorded: the form stays open with what was typed and says why.
    form.error = Some(refused);
    form.warned = leaving;
    dialog.minutes = Some(form);
    Outcome::Stay(dialog)
}

/// The section's heading in this session's report.
fn title(cx: &Ctx, id: &str) -> String {
    cx.covenant()
        .scheme
        .sections
        .find(cx.period(), id)
        .map(|(_, spec)| spec.title_in(cx.year))
        .unwrap_or_default()
}

/// Moves the cursor `by` wrapped rows, keeping its column.
fn move_rows(draft: &mut Draft, by: isize) {
    let text = draft.field.text();
    let rows = wrap::rows(text, draft.width.get());
    let (row, column) = wrap::locate(text, &rows, draft.field.cursor());
    let target = (row as isize + by).clamp(0, rows.len() as isize - 1) as usize;
    if target == row {
        if by < 0 {
            draft.field.set_cursor(0);
        } else {
            draft.field.set_cursor(text.len());
        }
        return;
    }
    let at = wrap::offset_at(text, &rows, target, column);
    draft.field.set_cursor(at);
}
