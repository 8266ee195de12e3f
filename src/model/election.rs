//! The year-end meeting's election of next year's head and deputy of the bloc (khối trưởng,
//! khối phó, usually in rotation), with the vote where one was held, and the checks that it
//! can be true.

use serde::{Deserialize, Serialize};

use super::Bloc;

/// Next year's head and deputy, by member id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Election {
    pub head: String,
    pub deputy: String,
    /// The members' vote, where one was held (agreement by acclamation needs none).
    #[serde(default)]
    pub vote: Option<ElectionVote>,
}

/// Members present and the votes for the head and for the deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionVote {
    pub present: u32,
    pub head: u32,
    pub deputy: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ElectionError {
    #[error("unknown unit {0}")]
    UnknownUnit(String),
    #[error("the same unit as head and deputy")]
    SameUnit,
    #[error("{present} present, but the bloc has {members} members")]
    PresentOutOfRange { present: u32, members: usize },
    #[error("{votes} votes, more than the {present} present")]
    MoreVotesThanPresent { votes: u32, present: u32 },
}

/// Checks that the election names two different members and that its vote is possible.
pub fn check(bloc: &Bloc, election: &Election) -> Result<(), ElectionError> {
    for unit in [&election.head, &election.deputy] {
        if !bloc.members.iter().any(|m| &m.id == unit) {
            return Err(ElectionError::UnknownUnit(super::text::clip(unit)));
        }
    }
    if election.head == election.deputy {
        return Err(ElectionError::SameUnit);
    }
    if let Some(vote) = election.vote {
        let members = bloc.members.len();
        if vote.present == 0 || vote.present as usize > members {
            return Err(ElectionError::PresentOutOfRange {
                present: vote.present,
                members,
            });
        }
        for votes in [vote.head, vote.deputy] {
            if votes > vote.present {
                return Err(ElectionError::MoreVotesThanPresent {
                    votes,
                    present: vote.present,
                });
            }
        }
    }
    Ok(())
}
