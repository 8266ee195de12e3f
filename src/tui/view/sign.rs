//! The signing dialog over the screen: what will be signed (the ranking and, at year-end, the
//! nominations), the gaps that make it a draft, the masked passphrase, then the files written.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Stylize;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::i18n::{Label, Msg, Ui};
use crate::score::Nomination;
use crate::tui::app::App;
use crate::tui::sign::{SignDialog, Stage};

pub fn draw(app: &App, dialog: &SignDialog, frame: &mut Frame, area: Rect) {
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
                    app.covenant.scheme.bands[unit.band].label
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
                let gaps = crate::report::summary::gap_lines(lang, &app.covenant, &dialog.gaps);
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
    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(2));
    let popup = super::overlay(frame, area, width, height);
    let block = Block::bordered().title(Span::from(format!(" {} ", lang.ui(Ui::SignTitle))).bold());
    // When the ranking is longer than the dialog, the end (passphrase, hints) must stay in view.
    let inner_height = popup.height.saturating_sub(2) as usize;
    let skip = lines.len().saturating_sub(inner_height) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((skip, 0)),
        popup,
    );
}
