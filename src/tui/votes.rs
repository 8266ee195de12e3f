//! The members' vote on the awards at year-end (F7): for each award, its candidates, the
//! members present and each candidate's votes, recorded as one tally.

use super::app::App;
use super::keymap::Action;

#[derive(Debug, Clone, PartialEq)]
pub struct VoteForm {}

pub fn open(_app: &mut App) {}

pub fn update(_app: &mut App, _form: VoteForm, _action: Action) {}
