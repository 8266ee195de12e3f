//! The vote dialog over the screen: the scheme's awards and where each stands; for the
//! selected one its quota and threshold, the members present, and the units in the running
//! with a votes field for each unit put to the vote and, once a tally counts, its outcome.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Label, Msg, Ui};
use crate::model::scheme::VoteBase;
use crate::score::votes_needed;
use crate::tui::dialog::Seen;
use crate::tui::display::fit;
use crate::tui::votes::{self, AwardState, VoteForm};

/// At most this many awards are listed at once; schemes have a handful.
const AWARD_ROWS: usize = 5;

pub fn draw(app: &Seen, form: &VoteForm, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let scheme = &app.covenant.scheme;
    let members = &app.covenant.bloc.members;
    let width = area.width.saturating_sub(2).min(110);
    let inner = width.saturating_sub(2) as usize;
    let award = &scheme.awards[form.award];
    let result = votes::award_result(app.results(), form.award);
    let units = votes::ballot_units(app.results(), form.award);

    // The awards, the selected one marked.
    let award_rows = scheme.awards.len().min(AWARD_ROWS);
    let first_award = form
        .award
        .saturating_sub(award_rows - 1)
        .min(scheme.awards.len() - award_rows);
    let listed = first_award..first_award + award_rows;
    // As much about each award as fits on every line: quota and threshold, the quota, or
    // the title alone (cut if need be).
    let detail = (0..2)
        .find(|&d| {
            listed
                .clone()
                .all(|a| award_text(app, a, d).width() <= title_room(app, a, inner))
        })
        .unwrap_or(2);
    let mut head: Vec<Line> = listed
        .map(|a| award_line(app, a, a == form.award, detail, inner))
        .collect();
    head.push(Line::from("─".repeat(inner)).dark_gray());
    head.push(Line::from(fit(&award.title, inner)).bold());
    let quota = result.map_or(0, |r| r.quota);
    let rule = lang.msg(&Msg::VoteAwardRule {
        quota,
        rule: award.vote.as_ref().map(|r| lang.vote_rule(r)),
    });
    head.extend(wrap(&rule, inner).into_iter().map(Line::from));

    // Everyone in the running for the award, in ranking order; fields for those voted on.
    let rows: Vec<usize> = app
        .results()
        .order
        .iter()
        .copied()
        .filter(|&u| {
            result.is_some_and(|r| lang.nomination(&r.statuses[u]).is_some()) || units.contains(&u)
        })
        .collect();
    if units.is_empty() {
        let text = if rows.is_empty() {
            lang.label(Label::NoCandidate)
        } else {
            lang.ui(Ui::VotesNoCandidates)
        };
        head.push(Line::from(text).italic());
    } else {
        let mut spans = vec![
            Span::from(format!("{}: ", lang.ui(Ui::VotesPresent))).bold(),
            field(&form.present, form.field == 0),
        ];
        let present = form.present.parse::<u32>().ok().filter(|p| *p > 0);
        if let (Some(rule), Some(present)) = (&award.vote, present) {
            let base = match rule.of {
                VoteBase::Present => present,
                VoteBase::AllMembers => members.len() as u32,
            };
            let needed = votes_needed(rule, present, members.len());
            spans.push(Span::from(format!(
                "  {}",
                lang.msg(&Msg::VotesNeeded { needed, base })
            )));
        }
        head.push(Line::from(spans));
    }

    let name_width = rows
        .iter()
        .map(|&u| members[u].short.width())
        .max()
        .unwrap_or(0)
        .max(lang.label(Label::Unit).width())
        .min(24);
    let total_width = lang.label(Label::Total).width().max(6);
    let votes_width = lang.ui(Ui::VotesColumn).width().max(5);
    let before_outcome = 4 + 2 + name_width + 2 + total_width + 2 + votes_width + 2;
    let outcome_width = inner.saturating_sub(before_outcome);
    let pad =
        |text: &str, w: usize| format!("{}{}", text, " ".repeat(w.saturating_sub(text.width())));
    let mut tail: Vec<Line> = Vec::new();
    if let Some(vote) = result.and_then(|r| r.vote.as_ref()) {
        let counted = lang.msg(&Msg::VoteCounted {
            present: vote.present,
            base: vote.base,
            needed: vote.needed,
            stale: false,
        });
        let text = format!("{}: {counted}", lang.ui(Ui::VotesRecordedAs));
        tail.extend(wrap(&text, inner).into_iter().map(Line::from));
        if vote.stale {
            tail.extend(
                wrap(lang.ui(Ui::VotesStaleNote), inner)
                    .into_iter()
                    .map(|l| Line::from(l).red()),
            );
        }
    }
    if let Some(error) = &form.error {
        tail.extend(
            wrap(&error.text(app.lang), inner)
                .into_iter()
                .map(|l| Line::from(l).red().bold()),
        );
    }

    let header = (!rows.is_empty()).then(|| {
        Line::from(format!(
            "{}  {}  {:>tw$}  {}  {}",
            pad(lang.label(Label::Rank), 4),
            pad(lang.label(Label::Unit), name_width),
            lang.label(Label::Total),
            pad(lang.ui(Ui::VotesColumn), votes_width),
            lang.ui(Ui::VotesOutcome),
            tw = total_width,
        ))
        .bold()
    });
    let fixed = head.len() + usize::from(header.is_some()) + tail.len();
    // Room for the status line below the dialog, which says what was recorded.
    let room = area.height.saturating_sub(4) as usize;
    let visible = rows.len().min(room.saturating_sub(fixed + 2)).max(1);
    let selected_row = match form.field {
        0 => 0,
        n => rows.iter().position(|&u| u == units[n - 1]).unwrap_or(0),
    };
    let top = crate::tui::widgets::keep_in_sight(&form.top, selected_row, visible);
    let mut lines = head;
    lines.extend(header);
    for &u in rows.iter().skip(top).take(visible) {
        let r = &app.results().units[u];
        let rank = format!("{}{}", r.rank, if r.tied { "=" } else { "" });
        let status = result.and_then(|res| lang.nomination(&res.statuses[u]));
        let mut spans = vec![Span::from(format!(
            "{}  {}  {:>tw$}  ",
            pad(&rank, 4),
            pad(&fit(&members[u].short, name_width), name_width),
            lang.dec2(r.total),
            tw = total_width,
        ))];
        let w = match units.iter().position(|&c| c == u) {
            Some(n) => {
                let typed = form.votes.get(&(form.award, u)).map_or("", String::as_str);
                spans.push(field(typed, form.field == n + 1));
                5
            }
            None => 0,
        };
        spans.push(Span::from(" ".repeat(votes_width - w + 2)));
        if let Some(status) = status {
            let colour = result.map_or(Color::Reset, |res| outcome_colour(&res.statuses[u]));
            spans.push(Span::from(fit(&status, outcome_width)).fg(colour));
        }
        lines.push(Line::from(spans));
    }
    if rows.len() > visible {
        // Say that the list goes on, on the last row's right.
        let more = format!("{}–{}/{}", top + 1, top + visible, rows.len());
        if let Some(last) = lines.last_mut() {
            let used: usize = last.spans.iter().map(|s| s.content.width()).sum();
            let gap = inner.saturating_sub(used + more.width());
            if gap > 0 {
                last.spans.push(Span::from(" ".repeat(gap)));
                last.spans.push(Span::from(more).dark_gray());
            }
        }
    }
    lines.extend(tail);

    let height = (lines.len() as u16 + 2).min(area.height.saturating_sub(4).max(3));
    // Under the tabs rather than centred, so that the dialog stays put while its length
    // changes from one award to the next.
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + 2,
        width,
        height,
    };
    frame.render_widget(ratatui::widgets::Clear, popup);
    let block =
        Block::bordered().title(Span::from(format!(" {} ", lang.ui(Ui::VotesTitle))).bold());
    frame.render_widget(Paragraph::new(lines).block(block), popup);
}

/// An award's title with its quota and threshold (`detail` 0), its quota (1), or alone.
fn award_text(app: &Seen, award: usize, detail: usize) -> String {
    let lang = app.lang;
    let spec = &app.covenant.scheme.awards[award];
    let quota = votes::award_result(app.results(), award).map_or(0, |r| r.quota);
    let quota = format!(" · {} {quota}", lang.label(Label::Quota));
    let rule = spec.vote.as_ref().map_or_else(
        || lang.label(Label::NoThreshold).to_string(),
        |r| lang.vote_rule(r),
    );
    match detail {
        0 => format!("{}{quota} · {rule}", spec.title),
        1 => format!("{}{quota}", spec.title),
        _ => spec.title.clone(),
    }
}

/// Room for an award's text in the list: the line less its marker, number and state.
fn title_room(app: &Seen, award: usize, width: usize) -> usize {
    let state = votes::state(app.results(), award).text(app.lang);
    let number = format!("{}. ", award + 1);
    width.saturating_sub(2 + number.width() + state.width() + 2)
}

/// One award in the list: number, title (with as much `detail` as fits), its state.
fn award_line(
    app: &Seen,
    award: usize,
    selected: bool,
    detail: usize,
    width: usize,
) -> Line<'static> {
    let state = votes::state(app.results(), award);
    let state_text = state.text(app.lang);
    let marker = if selected { "▶ " } else { "  " };
    let number = format!("{}. ", award + 1);
    let title = fit(
        &award_text(app, award, detail),
        title_room(app, award, width),
    );
    let gap =
        width.saturating_sub(marker.width() + number.width() + title.width() + state_text.width());
    let colour = match state {
        AwardState::NotNeeded => Color::DarkGray,
        AwardState::Awaiting => Color::Yellow,
        AwardState::Decided => Color::Green,
        AwardState::Tied | AwardState::Stale => Color::Red,
    };
    let left = Span::from(format!("{marker}{number}{title}"));
    Line::from(vec![
        if selected { left.bold() } else { left },
        Span::from(" ".repeat(gap)),
        Span::from(state_text).fg(colour),
    ])
}

/// A number field: right-aligned digits in brackets, reversed when selected.
fn field(text: &str, selected: bool) -> Span<'static> {
    let span = Span::from(format!("[{text:>3}]"));
    if selected { span.reversed() } else { span }
}

fn outcome_colour(status: &crate::score::Nomination) -> Color {
    use crate::score::Nomination as N;
    match status {
        N::Proposed | N::Elected { .. } => Color::Green,
        N::NotElected { .. } | N::OutvotedAtQuota { .. } => Color::Reset,
        N::TiedOnVotes { .. } | N::TiedAtQuota => Color::Red,
        _ => Color::Yellow,
    }
}

/// Breaks text into lines of at most `width` cells at spaces (a longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.into_iter().map(|l| fit(&l, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_within_the_width() {
        assert_eq!(
            wrap("cần ít nhất 5/8 phiếu", 11),
            ["cần ít nhất", "5/8 phiếu"]
        );
        assert_eq!(wrap("một", 10), ["một"]);
    }
}
