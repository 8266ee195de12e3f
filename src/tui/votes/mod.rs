//! The members' vote on the awards at year-end (F7): for each award, its candidates, the
//! members present and each candidate's votes, recorded as one tally.

pub mod draw;

use std::cell::Cell;
use std::collections::BTreeMap;

use crate::i18n::{Label, Lang, Msg, Ui};
use crate::model::ballot::BallotError;
use crate::model::{Ballot, Period, Tally};
use crate::score::{AwardResult, Nomination, Results, candidates};

use super::dialog::{Ctx, Outcome};
use super::keymap::Action;
use super::status::{Said, Status};

/// Enough digits for any bloc; more could only be a slip of the finger.
const MAX_DIGITS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct VoteForm {
    /// The selected award (index into the scheme's awards).
    pub award: usize,
    /// The selected field: 0 is the members present, n ≥ 1 the n-th unit put to the vote.
    pub field: usize,
    /// Members present, as typed: one meeting, so one count for every award.
    pub present: String,
    /// Votes as typed, by award and unit, kept while the user moves between awards.
    pub votes: BTreeMap<(usize, usize), String>,
    /// The selection has just come to the field: the next digit replaces its text, as in a
    /// spreadsheet, rather than adding to it.
    pub fresh: bool,
    /// Why the last tally was refused, in the user's language.
    pub error: Option<Said>,
    /// First unit row shown, kept by the view so that the selected field stays in sight.
    pub top: Cell<usize>,
}

/// Where an award stands, for the dialog's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwardState {
    /// No unit awaits a vote and none was voted on.
    NotNeeded,
    Awaiting,
    Decided,
    /// Equal votes across the edge of the quota.
    Tied,
    /// The recorded tally was for other candidates.
    Stale,
}

impl AwardState {
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            AwardState::NotNeeded => lang.ui(Ui::VotesNotNeeded),
            AwardState::Awaiting => lang.label(Label::AwaitingVote),
            AwardState::Decided => lang.ui(Ui::VotesDecided),
            AwardState::Tied => lang.ui(Ui::VotesTied),
            AwardState::Stale => lang.ui(Ui::VotesStale),
        }
    }
}

/// The result of award `award` (scheme index), if computed (year-end only).
pub fn award_result(results: &Results, award: usize) -> Option<&AwardResult> {
    results.awards.iter().find(|a| a.award == award)
}

/// The units a tally on `award` is taken on (see `score::candidates`), in ranking order.
pub fn ballot_units(results: &Results, award: usize) -> Vec<usize> {
    let Some(result) = award_result(results, award) else {
        return Vec::new();
    };
    let running = candidates(result);
    results
        .order
        .iter()
        .copied()
        .filter(|u| running.contains(u))
        .collect()
}

pub fn state(results: &Results, award: usize) -> AwardState {
    let Some(result) = award_result(results, award) else {
        return AwardState::NotNeeded;
    };
    match &result.vote {
        Some(vote) if vote.stale => AwardState::Stale,
        Some(_) => {
            if result
                .statuses
                .iter()
                .any(|s| matches!(s, Nomination::TiedOnVotes { .. }))
            {
                AwardState::Tied
            } else {
                AwardState::Decided
            }
        }
        None if candidates(result).is_empty() => AwardState::NotNeeded,
        None => AwardState::Awaiting,
    }
}

/// Opens the dialog at year-end on the first award awaiting a vote, with the tallies in force
/// filled in; at mid-year says why there is none.
pub fn open(cx: &Ctx) -> Result<VoteForm, Status> {
    if cx.period() != Period::YearEnd {
        return Err(Status::info(Msg::VotesAtYearEndOnly));
    }
    let covenant = cx.covenant();
    let results = cx.session.results();
    let awards = covenant.scheme.awards.len();
    if awards == 0 {
        return Err(Status::info(Ui::VotesNoAwards));
    }
    let ballots = cx.records().ballots();
    let mut votes = BTreeMap::new();
    for a in 0..awards {
        let id = &covenant.scheme.awards[a].id;
        let counted = award_result(results, a)
            .and_then(|r| r.vote.as_ref())
            .is_some_and(|v| !v.stale);
        if let (true, Some(ballot)) = (counted, ballots.iter().find(|b| &b.award == id)) {
            for u in ballot_units(results, a) {
                if let Some(v) = ballot.votes_of(&covenant.bloc.members[u].id) {
                    votes.insert((a, u), v.to_string());
                }
            }
        }
    }
    // The meeting's attendance, as last counted; before any vote, every member.
    let present = ballots
        .last()
        .map_or(covenant.bloc.members.len() as u32, |b| b.present);
    let award = (0..awards)
        .find(|&a| matches!(state(results, a), AwardState::Awaiting | AwardState::Stale))
        .unwrap_or(0);
    let mut form = VoteForm {
        award,
        field: 0,
        present: present.to_string(),
        votes,
        fresh: true,
        error: None,
        top: Cell::new(0),
    };
    form.field = first_field(results, &form);
    Ok(form)
}

/// The first unit's field when there is one to vote on.
fn first_field(results: &Results, form: &VoteForm) -> usize {
    usize::from(!ballot_units(results, form.award).is_empty())
}

/// A key in the dialog. A tally recorded keeps the dialog open and says so on the status line.
pub fn update(mut form: VoteForm, action: Action, cx: &mut Ctx) -> Outcome<VoteForm> {
    if action == Action::Cancel {
        return Outcome::Close;
    }
    let units = ballot_units(cx.session.results(), form.award);
    let last_award = cx.covenant().scheme.awards.len() - 1;
    let mut said = None;
    let field_before = form.field;
    let other_award = match action {
        Action::Left | Action::PageUp => Some(form.award.saturating_sub(1)),
        Action::Right | Action::PageDown => Some((form.award + 1).min(last_award)),
        Action::Up | Action::PrevColumn => {
            form.field = form.field.saturating_sub(1);
            None
        }
        Action::Down | Action::NextColumn => {
            form.field = (form.field + 1).min(units.len());
            None
        }
        Action::Input(text) => {
            let fresh = std::mem::take(&mut form.fresh);
            if let Some(field) = field_text(&mut form, &units) {
                if fresh {
                    field.clear();
                }
                for c in text.chars().filter(char::is_ascii_digit) {
                    if field.len() < MAX_DIGITS {
                        field.push(c);
                    }
                }
            }
            form.error = None;
            None
        }
        Action::Backspace => {
            form.fresh = false;
            if let Some(field) = field_text(&mut form, &units) {
                field.pop();
            }
            form.error = None;
            None
        }
        Action::Confirm => {
            said = record(cx, &mut form, &units);
            // Whether refused or recorded, what is typed next is a new count.
            form.fresh = true;
            None
        }
        _ => None,
    };
    if let Some(award) = other_award.filter(|a| *a != form.award) {
        form.award = award;
        form.error = None;
        form.top.set(0);
        form.field = first_field(cx.session.results(), &form);
    }
    // Recording can change the award's units; the selection stays on a field.
    form.field = form
        .field
        .min(ballot_units(cx.session.results(), form.award).len());
    if form.field != field_before || other_award.is_some() {
        form.fresh = true;
    }
    match said {
        Some(said) => Outcome::Say(form, said),
        None => Outcome::Stay(form),
    }
}

/// The text of the selected field; none when there is nothing to vote on.
fn field_text<'a>(form: &'a mut VoteForm, units: &[usize]) -> Option<&'a mut String> {
    if units.is_empty() {
        return None;
    }
    match form.field {
        0 => Some(&mut form.present),
        n => Some(form.votes.entry((form.award, units[n - 1])).or_default()),
    }
}

/// Checks the typed tally and records it; what the status line then says. A refusal stays in
/// the dialog, on the field at fault.
fn record(cx: &mut Ctx, form: &mut VoteForm, units: &[usize]) -> Option<Status> {
    match tally(cx, form, units) {
        Ok(ballot) => match cx.change(|s| s.vote(ballot)) {
            Ok(_) => {
                form.error = None;
                let title = cx.covenant().scheme.awards[form.award].title.clone();
                Some(Status::info(Msg::VotesRecorded { award: title }))
            }
            Err(refused) => {
                form.error = Some(refused.into());
                None
            }
        },
        Err((field, message)) => {
            form.field = field;
            form.error = Some(message);
            None
        }
    }
}

/// The ballot the fields describe, or the field at fault and why.
fn tally(cx: &Ctx, form: &VoteForm, units: &[usize]) -> Result<Ballot, (usize, Said)> {
    let award = &cx.covenant().scheme.awards[form.award];
    if units.is_empty() {
        return Err((
            0,
            Said::Msg(Msg::TallyCandidates {
                award: award.title.clone(),
                expected: Vec::new(),
            }),
        ));
    }
    let members = &cx.covenant().bloc.members;
    let present: u32 = match form.present.parse() {
        Ok(p) => p,
        Err(_) => return Err((0, Said::Msg(Msg::PresentMissing))),
    };
    if present == 0 || present as usize > members.len() {
        return Err((
            0,
            Said::Msg(Msg::BallotRefused(BallotError::PresentOutOfRange {
                present,
                members: members.len(),
            })),
        ));
    }
    let mut lines = Vec::with_capacity(units.len());
    for (n, &u) in units.iter().enumerate() {
        let typed = form.votes.get(&(form.award, u)).map_or("", String::as_str);
        let Ok(votes) = typed.parse::<u32>() else {
            return Err((
                n + 1,
                Said::Msg(Msg::VotesMissing(members[u].short.clone())),
            ));
        };
        if votes > present {
            return Err((
                n + 1,
                Said::Msg(Msg::BallotRefused(BallotError::MoreVotesThanPresent {
                    unit: members[u].short.clone(),
                    votes,
                    present,
                })),
            ));
        }
        lines.push(Tally {
            unit: members[u].id.clone(),
            votes,
        });
    }
    Ok(Ballot {
        award: award.id.clone(),
        present,
        tally: lines,
    })
}
