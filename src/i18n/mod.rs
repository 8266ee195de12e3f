//! The catalogs of user-visible text, one per language. Each catalog matches every message
//! exhaustively, so a message added in one language and forgotten in the other does not build.

pub mod compare;
mod scale;
pub mod ward;
pub use scale::scale_lines;
mod en;
mod msg;
mod ui;
mod vi;
pub use msg::Msg;
pub use ui::{Label, Ui};

use rust_decimal::Decimal;

use crate::model::validate::IssueKind;
use crate::model::value::ValueError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn msg(self, m: &Msg) -> String {
        match self {
            Lang::Vi => vi::msg(m),
            Lang::En => en::msg(m),
        }
    }

    /// What a nomination says, with the votes once counted; `None` for a unit out of the
    /// running (ineligible, or beyond the quota).
    pub fn nomination(self, n: &crate::score::Nomination) -> Option<String> {
        use crate::score::Nomination as N;
        let label = match n {
            N::Proposed => Label::Proposed,
            N::AwaitingVote => Label::AwaitingVote,
            N::TiedAtQuota => Label::TiedAtQuota,
            N::Elected { .. } => Label::Elected,
            N::NotElected { .. } => Label::NotElected,
            N::OutvotedAtQuota { .. } => Label::OutvotedAtQuota,
            N::TiedOnVotes { .. } => Label::TiedOnVotes,
            N::BeyondQuota | N::Ineligible(_) => return None,
        };
        Some(match n.votes() {
            Some(v) => format!("{} ({v} {})", self.label(label), self.label(Label::Votes)),
            None => self.label(label).to_string(),
        })
    }

    /// Why a unit's place in an award is not what the ranking alone gives (`score::Move`): it
    /// came down from an earlier award's vote, or such a unit pushed it out. `None` when the
    /// award's places followed the ranking for this unit.
    pub fn move_note(
        self,
        covenant: &crate::model::Covenant,
        award: &crate::score::AwardResult,
        unit: usize,
    ) -> Option<String> {
        use crate::score::Move;
        let short = |u: &usize| covenant.bloc.members[*u].short.clone();
        award.moves.iter().find_map(|m| match m {
            Move::CameDown { unit: u, from } if *u == unit => {
                let title = &covenant.scheme.awards[*from].title;
                Some(match self {
                    Lang::Vi => format!("sau biểu quyết {title}"),
                    Lang::En => format!("after the vote on {title}"),
                })
            }
            Move::Displaced { unit: u, by } if *u == unit => {
                let by = list(&by.iter().map(short).collect::<Vec<_>>());
                Some(match self {
                    Lang::Vi => format!("ngoài chỉ tiêu do {by} chuyển xuống"),
                    Lang::En => format!("beyond the quota: {by} came down"),
                })
            }
            _ => None,
        })
    }

    /// An award's vote threshold in words: "more than 50 % of the members present".
    pub fn vote_rule(self, rule: &crate::model::scheme::VoteRule) -> String {
        let percent = (rule.share * Decimal::ONE_HUNDRED).normalize();
        let present = rule.of == crate::model::scheme::VoteBase::Present;
        match self {
            Lang::Vi => format!(
                "{} {}% {}",
                if rule.inclusive {
                    "ít nhất"
                } else {
                    "trên"
                },
                percent.to_string().replace('.', ","),
                if present {
                    "số thành viên có mặt"
                } else {
                    "tổng số thành viên của Khối"
                }
            ),
            Lang::En => format!(
                "{} {percent}% of {}",
                if rule.inclusive {
                    "at least"
                } else {
                    "more than"
                },
                if present {
                    "the members present"
                } else {
                    "all the bloc's members"
                }
            ),
        }
    }

    pub fn label(self, l: Label) -> &'static str {
        match self {
            Lang::Vi => vi::label(l),
            Lang::En => en::label(l),
        }
    }

    pub fn ui(self, u: Ui) -> &'static str {
        match self {
            Lang::Vi => vi::ui(u),
            Lang::En => en::ui(u),
        }
    }

    /// The other language (the screen's language switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    pub fn issue(self, k: &IssueKind) -> String {
        match self {
            Lang::Vi => vi::issue(k),
            Lang::En => en::issue(k),
        }
    }

    /// "Sơ kết 6 tháng" / "Mid-year review".
    pub fn period(self, p: crate::model::Period) -> &'static str {
        self.label(period_label(p))
    }

    /// Why a vote cannot be recorded.
    pub fn ballot_error(self, e: &crate::model::ballot::BallotError) -> String {
        match self {
            Lang::Vi => vi::ballot_error(e),
            Lang::En => en::ballot_error(e),
        }
    }

    pub fn value_error(self, e: &ValueError) -> String {
        match self {
            Lang::Vi => vi::value_error(e),
            Lang::En => en::value_error(e),
        }
    }

    pub fn syntax(self, e: &ron::Error) -> String {
        match self {
            Lang::Vi => vi::syntax(e),
            Lang::En => en::syntax(e),
        }
    }

    /// A decimal as the user reads it: a comma in Vietnamese (89,75), a dot in English.
    pub fn dec(self, d: Decimal) -> String {
        let s = d.normalize().to_string();
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// Like `dec`, always with two decimal places (for totals in tables).
    pub fn dec2(self, d: Decimal) -> String {
        let rounded =
            d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let s = format!("{rounded:.2}");
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

fn period_label(p: crate::model::Period) -> Label {
    match p {
        crate::model::Period::MidYear => Label::MidYear,
        crate::model::Period::YearEnd => Label::YearEnd,
    }
}

pub use crate::model::text::clip;

/// A character as a message shows it: itself, or escaped when it would not show.
fn shown_char(c: char) -> String {
    if c.is_control() || (c.is_whitespace() && c != ' ') {
        c.escape_default().to_string()
    } else {
        c.to_string()
    }
}

/// Joins a list of names for a message.
fn list(items: &[String]) -> String {
    items.join(", ")
}
