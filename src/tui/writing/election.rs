//! The year-end election in the sections' dialog: next year's head and deputy chosen among the
//! members (← →), and the vote where one was held (members present, votes for each; left
//! blank when the meeting agreed without one).

use crate::i18n::Msg;
use crate::model::election::{Election, ElectionVote};
use crate::tui::field::TextField;
use crate::tui::keymap::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Head,
    Deputy,
    Present,
    HeadVotes,
    DeputyVotes,
}

const ORDER: [Field; 5] = [
    Field::Head,
    Field::Deputy,
    Field::Present,
    Field::HeadVotes,
    Field::DeputyVotes,
];

#[derive(Debug, Clone, PartialEq)]
pub struct ElectionForm {
    /// Member indices.
    pub head: usize,
    pub deputy: usize,
    pub present: TextField,
    pub head_votes: TextField,
    pub deputy_votes: TextField,
    pub focus: Field,
    /// Why the last save was refused.
    pub error: Option<crate::tui::status::Said>,
}

impl ElectionForm {
    /// The form from what is recorded, else the bloc's deputy as next head (rotation) and the
    /// member after it as deputy.
    pub fn new(
        members: &[crate::model::Member],
        deputy_now: Option<&str>,
        recorded: Option<&Election>,
    ) -> ElectionForm {
        let index = |id: &str| members.iter().position(|m| m.id == id);
        let count = members.len().max(1);
        let (head, deputy) = match recorded {
            Some(e) => (
                index(&e.head).unwrap_or(0),
                index(&e.deputy).unwrap_or(1 % count),
            ),
            None => {
                let head = deputy_now.and_then(index).unwrap_or(0);
                (head, (head + 1) % count)
            }
        };
        let figure = |f: fn(&ElectionVote) -> u32| {
            TextField::new(
                &recorded
                    .and_then(|e| e.vote.as_ref())
                    .map(|v| f(v).to_string())
                    .unwrap_or_default(),
            )
        };
        ElectionForm {
            head,
            deputy,
            present: figure(|v| v.present),
            head_votes: figure(|v| v.head),
            deputy_votes: figure(|v| v.deputy),
            focus: Field::Head,
            error: None,
        }
    }

    /// A key other than Enter and Esc.
    pub fn act(&mut self, action: &Action, members: usize) {
        let at = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0);
        let step = |i: usize, back: bool| {
            if back {
                (i + members - 1) % members.max(1)
            } else {
                (i + 1) % members.max(1)
            }
        };
        match (self.focus, action) {
            (_, Action::NextColumn | Action::Down) => self.focus = ORDER[(at + 1) % ORDER.len()],
            (_, Action::PrevColumn | Action::Up) => {
                self.focus = ORDER[(at + ORDER.len() - 1) % ORDER.len()]
            }
            (Field::Head, Action::Left | Action::Right) => {
                self.head = step(self.head, *action == Action::Left)
            }
            (Field::Deputy, Action::Left | Action::Right) => {
                self.deputy = step(self.deputy, *action == Action::Left)
            }
            (Field::Present, other) => self.present.act(other),
            (Field::HeadVotes, other) => self.head_votes.act(other),
            (Field::DeputyVotes, other) => self.deputy_votes.act(other),
            _ => {}
        }
    }

    /// The election as typed; the vote's figures are all given or all blank.
    pub fn election(&self, members: &[crate::model::Member]) -> Result<Election, Msg> {
        let figure = |f: &TextField| -> Result<Option<u32>, Msg> {
            let t = f.text().trim();
            if t.is_empty() {
                Ok(None)
            } else {
                t.parse().map(Some).map_err(|_| Msg::ElectFormIncomplete)
            }
        };
        let vote = match (
            figure(&self.present)?,
            figure(&self.head_votes)?,
            figure(&self.deputy_votes)?,
        ) {
            (None, None, None) => None,
            (Some(present), Some(head), Some(deputy)) => Some(ElectionVote {
                present,
                head,
                deputy,
            }),
            _ => return Err(Msg::ElectFormIncomplete),
        };
        Ok(Election {
            head: members[self.head].id.clone(),
            deputy: members[self.deputy].id.clone(),
            vote,
        })
    }
}
