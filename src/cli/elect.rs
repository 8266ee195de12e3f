//! `thidua elect`: next year's head and deputy, elected at the year-end meeting. Without
//! `--head`, shows what is recorded and the members to choose from.

use crate::i18n::{Lang, Msg};
use crate::model::election::{Election, ElectionVote};
use crate::session::Session;

use super::session::with_session_of;
use super::{Access, SessionArgs, USAGE, refused};
use super::{errln, outln};

/// The election is recorded with F6 on the scoring screen.
const F6: Access = Access::Change { key: Some("F6") };

/// What `thidua elect` was given.
pub struct Choice<'a> {
    pub head: Option<&'a str>,
    pub deputy: Option<&'a str>,
    /// Present, votes for the head, votes for the deputy: all three or none.
    pub present: Option<u32>,
    pub head_votes: Option<u32>,
    pub deputy_votes: Option<u32>,
}

pub fn run(lang: Lang, session: &SessionArgs, choice: &Choice) -> u8 {
    let vote = match (choice.present, choice.head_votes, choice.deputy_votes) {
        (None, None, None) => None,
        (Some(present), Some(head), Some(deputy)) => Some(ElectionVote {
            present,
            head,
            deputy,
        }),
        _ => {
            errln!("{}", lang.msg(&Msg::ElectVoteIncomplete));
            return USAGE;
        }
    };
    let (head, deputy) = match (choice.head, choice.deputy) {
        (None, None) if vote.is_none() => {
            return with_session_of(lang, session, Access::Read, |year, s| show(lang, s, year));
        }
        (Some(h), Some(d)) => (h.to_string(), d.to_string()),
        _ => {
            errln!("{}", lang.msg(&Msg::ElectNeedsBoth));
            return USAGE;
        }
    };
    let election = Election { head, deputy, vote };
    with_session_of(lang, session, F6, |year, s| match s.elect(election) {
        Ok(_) => {
            let e = s.election().expect("just recorded");
            outln!(
                "{}",
                lang.msg(&Msg::Elected {
                    head: name(s, &e.head),
                    deputy: name(s, &e.deputy),
                    year: year + 1,
                })
            );
            0
        }
        Err(e) => refused(lang, &e),
    })
}

/// The election recorded, if any, and the members' ids.
fn show(lang: Lang, s: &Session, year: i32) -> u8 {
    match s.election() {
        Some(e) => outln!(
            "{}",
            lang.msg(&Msg::Elected {
                head: name(s, &e.head),
                deputy: name(s, &e.deputy),
                year: year + 1,
            })
        ),
        None => outln!("{}", lang.msg(&Msg::NotElected { year: year + 1 })),
    }
    for m in &s.covenant().bloc.members {
        outln!("  {:<16} {}", m.id, m.name);
    }
    0
}

fn name(s: &Session, id: &str) -> String {
    s.covenant()
        .bloc
        .members
        .iter()
        .find(|m| m.id == id)
        .map_or_else(|| id.to_string(), |m| m.short.clone())
}
