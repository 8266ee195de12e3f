//! The tally of the members' vote on an award's candidates at the year-end meeting (a secret
//! ballot, counted in the room and entered by the head), and the checks that a tally can be true.

use serde::{Deserialize, Serialize};

use super::Covenant;

/// One award's vote: who was present and how many votes each candidate received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    /// The award's id in the scheme.
    pub award: String,
    /// Members present and voting.
    pub present: u32,
    /// One line per candidate, in the order they were put to the vote.
    pub tally: Vec<Tally>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// The unit's id.
    pub unit: String,
    pub votes: u32,
}

/// Why a tally cannot be entered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotError {
    #[error("unknown award {0}")]
    UnknownAward(String),
    #[error("{present} present, but the bloc has {members} members")]
    PresentOutOfRange { present: u32, members: usize },
    #[error("unknown unit {0}")]
    UnknownUnit(String),
    #[error("{0} is listed twice")]
    DuplicateUnit(String),
    #[error("{unit} has {votes} votes, more than the {present} present")]
    MoreVotesThanPresent {
        unit: String,
        votes: u32,
        present: u32,
    },
    #[error("no candidate")]
    NoCandidate,
}

impl Ballot {
    pub fn votes_of(&self, unit: &str) -> Option<u32> {
        self.tally.iter().find(|t| t.unit == unit).map(|t| t.votes)
    }
}

/// Checks that a tally names a known award and units and that its counts are possible.
pub fn check(covenant: &Covenant, ballot: &Ballot) -> Result<(), BallotError> {
    if !covenant.scheme.awards.iter().any(|a| a.id == ballot.award) {
        return Err(BallotError::UnknownAward(ballot.award.clone()));
    }
    let members = covenant.bloc.members.len();
    if ballot.present == 0 || ballot.present as usize > members {
        return Err(BallotError::PresentOutOfRange {
            present: ballot.present,
            members,
        });
    }
    if ballot.tally.is_empty() {
        return Err(BallotError::NoCandidate);
    }
    for (n, line) in ballot.tally.iter().enumerate() {
        if covenant.unit_index(&line.unit).is_none() {
            return Err(BallotError::UnknownUnit(line.unit.clone()));
        }
        if ballot.tally[..n].iter().any(|t| t.unit == line.unit) {
            return Err(BallotError::DuplicateUnit(line.unit.clone()));
        }
        if line.votes > ballot.present {
            return Err(BallotError::MoreVotesThanPresent {
                unit: line.unit.clone(),
                votes: line.votes,
                present: ballot.present,
            });
        }
    }
    Ok(())
}
