//! What the meeting's minutes (biên bản hội nghị) hold beyond the results: who attended (each
//! member unit's representatives, the chair and the secretary) and, for each award voted by
//! secret ballot, its count record (biên bản kiểm phiếu): the counting committee and the
//! ballots issued, received, valid and invalid. The votes per candidate are the tally the
//! session records (`Ballot`); the checks here make the two agree.

use serde::{Deserialize, Serialize};

use super::ballot::Ballot;
use super::text::clip;
use super::{Bloc, Covenant};

/// The longest name or post kept: a full name with a long post.
pub const MAX_PERSON_CHARS: usize = 200;
/// The most people listed for one unit, or on one counting committee.
pub const MAX_PEOPLE: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    /// The post in the person's own agency ("Chủ tịch UBND phường Hải Dương").
    #[serde(default)]
    pub post: String,
}

/// A member unit's representatives at the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Delegation {
    /// Member id.
    pub unit: String,
    pub people: Vec<Person>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    pub chair: Person,
    pub secretary: Person,
    /// The units present, each with its representatives; a unit not listed was absent.
    pub units: Vec<Delegation>,
}

/// The count record of one award's secret ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BallotCount {
    /// The award's id in the scheme.
    pub award: String,
    /// The counting committee, its head first.
    pub committee: Vec<Person>,
    /// One ballot per member unit present.
    pub issued: u32,
    pub received: u32,
    pub valid: u32,
    pub invalid: u32,
}

/// The file `thidua minutes` reads: the attendance and the count records, either or both.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    #[serde(default)]
    pub attendance: Option<Attendance>,
    #[serde(default)]
    pub counts: Vec<BallotCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinutesError {
    #[error("a name is empty")]
    NoName,
    #[error("a name or post longer than {MAX_PERSON_CHARS} characters")]
    TooLong(String),
    #[error("more than {MAX_PEOPLE} people in one list")]
    TooMany,
    #[error("unknown unit {0}")]
    UnknownUnit(String),
    #[error("unit {0} listed twice")]
    DuplicateUnit(String),
    #[error("unknown award {0}")]
    UnknownAward(String),
    #[error("award {0} is not voted on")]
    NotVoted(String),
    #[error("no counting committee")]
    NoCommittee,
    /// Received above issued, valid and invalid not adding up to received, or issued above
    /// the members.
    #[error("the ballots do not add up")]
    BallotsDoNotAddUp,
    /// The ballots issued are not one per unit present.
    #[error("{issued} ballots issued for {present} units present")]
    IssuedNotPresent { issued: u32, present: u32 },
    /// A candidate with more votes than valid ballots.
    #[error("{unit}: {votes} votes, more than the {valid} valid ballots")]
    VotesAboveValid {
        unit: String,
        votes: u32,
        valid: u32,
    },
}

/// The name `thidua minutes --template` writes for the clerk to replace.
pub const PLACEHOLDER: &str = "Họ và tên";

/// Checks one person: a name given (not the template's), no control characters, not too long.
pub fn check_person(p: &Person) -> Result<(), MinutesError> {
    // A name left as the template wrote it is no name.
    if p.name.trim().is_empty() || p.name.trim() == PLACEHOLDER {
        return Err(MinutesError::NoName);
    }
    for text in [&p.name, &p.post] {
        if text.chars().count() > MAX_PERSON_CHARS || text.chars().any(char::is_control) {
            return Err(MinutesError::TooLong(clip(text)));
        }
    }
    Ok(())
}

/// Checks that the attendance names members once each, and people by name.
pub fn check_attendance(bloc: &Bloc, a: &Attendance) -> Result<(), MinutesError> {
    check_person(&a.chair)?;
    check_person(&a.secretary)?;
    let mut seen = std::collections::HashSet::new();
    for d in &a.units {
        if !bloc.members.iter().any(|m| m.id == d.unit) {
            return Err(MinutesError::UnknownUnit(clip(&d.unit)));
        }
        if !seen.insert(d.unit.as_str()) {
            return Err(MinutesError::DuplicateUnit(clip(&d.unit)));
        }
        if d.people.len() > MAX_PEOPLE {
            return Err(MinutesError::TooMany);
        }
        d.people.iter().try_for_each(check_person)?;
    }
    Ok(())
}

/// Checks a count record against the scheme, the attendance (one ballot per unit present) and
/// the tally of the same award (the same ballots; no candidate above the valid ones).
pub fn check_count(
    covenant: &Covenant,
    count: &BallotCount,
    attendance: Option<&Attendance>,
    ballot: Option<&Ballot>,
) -> Result<(), MinutesError> {
    let Some(award) = covenant.scheme.awards.iter().find(|a| a.id == count.award) else {
        return Err(MinutesError::UnknownAward(clip(&count.award)));
    };
    if award.vote.is_none() {
        return Err(MinutesError::NotVoted(clip(&count.award)));
    }
    if count.committee.is_empty() {
        return Err(MinutesError::NoCommittee);
    }
    if count.committee.len() > MAX_PEOPLE {
        return Err(MinutesError::TooMany);
    }
    count.committee.iter().try_for_each(check_person)?;
    let adds_up = count.received <= count.issued
        && count.valid.checked_add(count.invalid) == Some(count.received)
        && count.issued as usize <= covenant.bloc.members.len();
    if !adds_up {
        return Err(MinutesError::BallotsDoNotAddUp);
    }
    let present = attendance
        .map(|a| a.units.len() as u32)
        .or(ballot.map(|b| b.present));
    if let Some(present) = present
        && present != count.issued
    {
        return Err(MinutesError::IssuedNotPresent {
            issued: count.issued,
            present,
        });
    }
    if let Some(b) = ballot
        && let Some(t) = b.tally.iter().find(|t| t.votes > count.valid)
    {
        return Err(MinutesError::VotesAboveValid {
            unit: clip(&t.unit),
            votes: t.votes,
            valid: count.valid,
        });
    }
    Ok(())
}
