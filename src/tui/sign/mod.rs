//! The signing dialog: what will be signed, the document's number, date and recipients, the
//! passphrase (masked), then the files written. The same issue as `thidua summary`, from the
//! open session without closing it.

pub mod details;

use std::fmt;
use std::rc::Rc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use crate::report::keys::Passphrase;
use crate::report::summary::{self, Gap, Issued, Request, SessionData, SummaryError};
use crate::store::records::now;

pub use super::dialog::Signing;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::dialog::Seen;
use super::dialog::{Ctx, Outcome};
use super::keymap::Action;
use super::status::Said;
use crate::i18n::{Label, Msg, Ui};
use crate::score::Nomination;

#[derive(Debug, Clone, PartialEq)]
pub struct SignDialog {
    pub stage: Stage,
    /// The version the issue will get.
    pub version: u32,
    /// What keeps the summary from being final; a draft when not empty.
    pub gaps: Vec<Gap>,
    pub error: Option<Said>,
    /// The number, date and recipients, once the form has them checked.
    pub chosen: Option<details::Chosen>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    Confirm,
    /// The document's number, date and recipients.
    Details(details::Details),
    Passphrase(Masked),
    /// The key being unlocked and the documents laid out on a worker; the screen keeps
    /// drawing.
    Working(Pending),
    /// The lines to show: what was written.
    Done(Vec<Said>),
}

/// The worker's answer, once it comes.
#[derive(Clone)]
pub struct Pending {
    answer: Rc<Receiver<Result<Issued, SummaryError>>>,
    pub started: Instant,
}

impl PartialEq for Pending {
    fn eq(&self, other: &Pending) -> bool {
        Rc::ptr_eq(&self.answer, &other.answer)
    }
}

impl fmt::Debug for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Pending({:?})", self.started.elapsed())
    }
}

/// Typed text shown as dots; its `Debug` hides it too.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Masked(String);

impl fmt::Debug for Masked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Masked(hidden)")
    }
}

impl Masked {
    pub fn dots(&self) -> String {
        "•".repeat(self.0.chars().count())
    }
}

/// Opens the dialog, or says why signing is not possible here.
pub fn open(cx: &Ctx) -> Option<SignDialog> {
    // Only a session opened from its files can sign (the screen's tests run without one).
    let signing = cx.signing?;
    let records = cx.records();
    let gaps = summary::gaps(
        cx.covenant(),
        cx.session.results(),
        &summary::SessionData::of(records, cx.year),
    );
    let version = crate::report::issue::next_version(
        &signing.out_dir,
        &cx.covenant().bloc.id,
        cx.year,
        cx.period(),
    )
    .map_or(1, |(v, _)| v);
    Some(SignDialog {
        stage: Stage::Confirm,
        version,
        gaps,
        error: None,
        chosen: None,
    })
}

pub fn update(mut dialog: SignDialog, action: Action, cx: &mut Ctx) -> Outcome<SignDialog> {
    match (&mut dialog.stage, action) {
        // Nothing stops the worker half-way: it issues all or nothing, then answers.
        (Stage::Working(pending), Action::Tick) => match pending.answer.try_recv() {
            Ok(Ok(issued)) => dialog.stage = Stage::Done(issued_lines(cx, &issued)),
            Ok(Err(e)) => {
                dialog.stage = Stage::Passphrase(Masked::default());
                dialog.error = Some(Said::Msg(e.msg()));
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => {
                dialog.stage = Stage::Passphrase(Masked::default());
                dialog.error = Some(Said::Msg(Msg::SummaryFailed(String::new())));
            }
        },
        (Stage::Working(_), _) => {}
        (Stage::Done(_), _) | (_, Action::Cancel) => return Outcome::Close,
        (Stage::Confirm, Action::Confirm) => match cx.signing.and_then(|s| s.key.clone()) {
            Some(key) if key.is_file() => {
                let form = details::Details::new(&cx.covenant().bloc, now().date_naive());
                dialog.stage = Stage::Details(form);
                dialog.error = None;
            }
            key => {
                dialog.error = Some(Said::Msg(Msg::SignNoKey(
                    key.map(|k| k.display().to_string()).unwrap_or_default(),
                )))
            }
        },
        (Stage::Details(form), Action::Confirm) => match form.chosen(&cx.covenant().bloc) {
            Ok(chosen) => {
                dialog.chosen = Some(chosen);
                dialog.stage = Stage::Passphrase(Masked::default());
                dialog.error = None;
            }
            Err(e) => dialog.error = Some(Said::Msg(Msg::Detail(e))),
        },
        (Stage::Details(form), other) => {
            form.act(&other);
            dialog.error = None;
        }
        (Stage::Passphrase(typed), Action::Input(text)) => typed.0.push_str(&text),
        (Stage::Passphrase(typed), Action::Backspace) => {
            typed.0.pop();
        }
        (Stage::Passphrase(typed), Action::Confirm) => {
            let typed = std::mem::take(&mut typed.0);
            match start(cx, typed, !dialog.gaps.is_empty(), dialog.chosen.as_ref()) {
                Ok(pending) => {
                    dialog.stage = Stage::Working(pending);
                    dialog.error = None;
                }
                Err(message) => dialog.error = Some(message),
            }
        }
        _ => {}
    }
    Outcome::Stay(dialog)
}

/// Starts the worker that unlocks the key and issues the summary, from the session as it is
/// now (the dialog holds the screen until the worker answers).
fn start(
    cx: &Ctx,
    typed: String,
    provisional: bool,
    chosen: Option<&details::Chosen>,
) -> Result<Pending, Said> {
    let Some(signing) = cx.signing else {
        return Err(Said::Plain(String::new()));
    };
    let passphrase = Passphrase::new(typed).map_err(|e| Said::Msg(e.msg()))?;
    let key = signing.key.clone().unwrap_or_default();
    let request = Request {
        year: cx.year,
        period: cx.period(),
        number: chosen.and_then(|c| c.number.clone()),
        date: chosen.map_or_else(|| now().date_naive(), |c| c.date),
        provisional,
        recipients: chosen.map(|c| c.recipients.clone()),
        out_dir: signing.out_dir.clone(),
    };
    let data = SessionData::of(cx.records(), cx.year);
    let loaded = signing.loaded.clone();
    let (tell, answer) = channel();
    std::thread::spawn(move || {
        let issued = summary::issue_unlocking(&loaded, data, &request, &key, passphrase, now());
        // The screen may have closed meanwhile: then nobody is told, and the files stand.
        let _ = tell.send(issued);
    });
    Ok(Pending {
        answer: Rc::new(answer),
        started: Instant::now(),
    })
}

/// Records the issue in the session (a final version locks it until reopened, the meeting's
/// order) and says what was written.
fn issued_lines(cx: &mut Ctx, issued: &Issued) -> Vec<Said> {
    let recorded =
        cx.change(|s| s.record_issued(issued.version, issued.provisional, &issued.record));
    let mut lines: Vec<Said> = issued
        .set_aside
        .iter()
        .map(|s| {
            Said::Msg(Msg::VersionSetAside {
                version: s.version,
                folder: s.folder.display().to_string(),
            })
        })
        .collect();
    lines.push(Said::Msg(Msg::SummaryWritten {
        version: issued.version,
        provisional: issued.provisional,
    }));
    lines.extend(
        issued
            .files
            .iter()
            .map(|f| Said::Plain(format!("  {}", f.display()))),
    );
    if let Some(old) = &issued.replaces {
        lines.push(Said::Msg(Msg::SummaryReplaces(old.file.clone())));
    }
    if let Err(refused) = recorded {
        lines.push(refused.into());
    }
    lines
}

// The drawing.

pub fn draw(app: &Seen, dialog: &SignDialog, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let mut lines: Vec<Line> = Vec::new();
    match &dialog.stage {
        Stage::Done(written) => {
            lines.extend(written.iter().map(|l| Line::from(l.text(lang))));
            lines.push(Line::default());
            lines.push(Line::from(lang.ui(Ui::SignClose)).italic());
        }
        stage => {
            let r = app.results();
            lines.push(
                Line::from(lang.msg(&Msg::SignWillWrite {
                    version: dialog.version,
                    provisional: !dialog.gaps.is_empty(),
                }))
                .bold(),
            );
            lines.push(Line::from(format!(
                "{} · {} {} · {}",
                app.covenant.bloc.name,
                lang.period(app.period),
                app.year,
                lang.msg(&Msg::SignProgress {
                    units: r.units.len(),
                    entered: r.entered,
                    needed: r.needed,
                })
            )));
            lines.push(Line::default());
            for &u in &r.order {
                let unit = &r.units[u];
                lines.push(Line::from(format!(
                    "{:>4}  {:<24} {:>7}  {}",
                    // As the ranking screen writes a shared rank: "2=".
                    format!("{}{}", unit.rank, if unit.tied { "=" } else { "" }),
                    app.covenant.bloc.members[u].short,
                    lang.dec2(unit.total),
                    app.covenant.scheme.band_label(r.period, unit.band)
                )));
            }
            for award in &r.awards {
                let names: Vec<String> = r
                    .order
                    .iter()
                    .filter(|&&u| {
                        award.statuses[u].is_proposed()
                            || award.statuses[u] == Nomination::AwaitingVote
                    })
                    .map(|&u| app.covenant.bloc.members[u].short.clone())
                    .collect();
                lines.push(Line::from(vec![
                    Span::from(format!(
                        "{} – {}: ",
                        lang.label(Label::Nominations),
                        app.covenant.scheme.awards[award.award].title
                    ))
                    .bold(),
                    Span::from(if names.is_empty() {
                        "—".to_string()
                    } else {
                        names.join(", ")
                    }),
                ]));
            }
            if !dialog.gaps.is_empty() {
                lines.push(Line::default());
                lines.push(Line::from(lang.ui(Ui::SignDraftWhy)).bold());
                // The first few: the full list is in the grid and the command's output.
                let gaps = crate::report::summary::gap_lines(lang, app.covenant, &dialog.gaps);
                lines.extend(gaps.into_iter().take(4).map(Line::from));
            }
            lines.push(Line::default());
            if let Some(signing) = &app.signing {
                if let Some(key) = &signing.key {
                    lines.push(Line::from(
                        lang.msg(&Msg::SignKey(key.display().to_string())),
                    ));
                }
                lines.push(Line::from(
                    lang.msg(&Msg::SignOutDir(signing.out_dir.display().to_string())),
                ));
            }
            if let Stage::Working(pending) = stage {
                let seconds = pending.started.elapsed().as_secs_f64();
                let spinner = ["◐", "◓", "◑", "◒"][(seconds * 8.0) as usize % 4];
                lines.push(
                    Line::from(format!(
                        "{spinner} {}",
                        lang.msg(&Msg::SignWorking {
                            version: dialog.version,
                            seconds: lang
                                .dec(rust_decimal::Decimal::new((seconds * 10.0) as i64, 1)),
                        })
                    ))
                    .bold(),
                );
            }
            if let Stage::Details(form) = stage {
                draw_details(app, form, &mut lines);
            }
            if let Stage::Passphrase(typed) = stage {
                lines.push(Line::from(vec![
                    Span::from(lang.ui(Ui::SignPassphrase)).bold(),
                    Span::from(typed.dots()),
                    Span::from("▏"),
                ]));
            }
            if let Some(error) = &dialog.error {
                lines.push(Line::from(error.text(lang)).red().bold());
            }
            let hint = match stage {
                Stage::Confirm => Some(Ui::SignContinue),
                Stage::Details(_) => None,
                // Nothing to press while the worker runs.
                Stage::Working(_) => None,
                _ => Some(Ui::SignRetry),
            };
            if let Some(hint) = hint {
                lines.push(Line::from(lang.ui(hint)).italic());
            }
        }
    }
    let width = area.width.saturating_sub(4).min(96);
    // Rows as wrapped, not lines: a long nomination takes two.
    let rows = crate::tui::widgets::wrapped_height(&lines, width.saturating_sub(2));
    let height = (rows + 2).min(area.height.saturating_sub(2));
    let popup = crate::tui::widgets::overlay(frame, area, width, height);
    let block = Block::bordered().title(Span::from(format!(" {} ", lang.ui(Ui::SignTitle))).bold());
    // When the ranking is longer than the dialog, the end (passphrase, hints) must stay in view.
    let inner_height = popup.height.saturating_sub(2);
    let skip = rows.saturating_sub(inner_height);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0)),
        popup,
    );
}

/// The number, date and recipients, the field with the focus marked and its cursor shown.
fn draw_details(app: &Seen, form: &details::Details, lines: &mut Vec<Line<'static>>) {
    use details::Field;
    let lang = app.lang;
    let shown = |field: &crate::tui::field::TextField, focused: bool| -> String {
        let (before, after) = field.text().split_at(field.cursor());
        if focused {
            format!("{before}▏{after}")
        } else {
            field.text().to_string()
        }
    };
    let mark = |f: Field| if form.focus == f { "▸ " } else { "  " };
    let suffix = &app.covenant.bloc.number_suffix;
    lines.push(Line::from(vec![
        Span::from(mark(Field::Number)),
        Span::from(lang.ui(Ui::SignNumber)).bold(),
        Span::from(format!(
            "[{}]/{suffix}",
            shown(&form.number, form.focus == Field::Number)
        )),
        Span::from(format!("  ({})", lang.ui(Ui::SignNumberBlank))).dark_gray(),
    ]));
    lines.push(Line::from(vec![
        Span::from(mark(Field::Date)),
        Span::from(lang.ui(Ui::SignDate)).bold(),
        Span::from(format!(
            "[{}]",
            shown(&form.date, form.focus == Field::Date)
        )),
    ]));
    lines.push(Line::from(vec![
        Span::from(mark(Field::Recipients)),
        Span::from(lang.ui(Ui::SignRecipients)).bold(),
    ]));
    let recipients = shown(&form.recipients, form.focus == Field::Recipients);
    for line in recipients.split('\n') {
        lines.push(Line::from(format!("    {line}")));
    }
}
