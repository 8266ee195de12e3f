//! The members' vote on nominations at year-end: thresholds at their boundaries, a tie at the
//! quota settled by a vote, a tie on votes, a tally that no longer matches the candidates, and
//! the checks on a tally.

mod common;

use thidua::model::ballot::{self, BallotError};
use thidua::model::scheme::{VoteBase, VoteRule};
use thidua::model::{Ballot, Covenant, Period, Sheet, Tally};
use thidua::score::{self, Nomination, Results, votes_needed};

use common::{SCHEME, bloc, covenant, enter, targets};

/// Five units at year-end: u1 and u2 tied on everything and "Tốt" (tied for the single flag),
/// u3 "Tốt" behind them, u4 failed a veto, u5 below "Khá". Bằng khen: 40 % of 5 = 2 places,
/// by vote, more than half of those present.
fn bloc_of_five(scheme: &str) -> (Covenant, Sheet) {
    let c = covenant(scheme, &bloc(5, &targets(5)));
    let mut s = c.empty_sheet();
    let rows = [
        (
            "u1",
            [
                "HTXS", "yes", "5", "0", "150", "100", "yes", "0", "0", "yes",
            ],
        ),
        (
            "u2",
            [
                "HTXS", "yes", "5", "0", "150", "100", "yes", "0", "0", "yes",
            ],
        ),
        (
            "u3",
            ["HTT", "yes", "5", "0", "150", "100", "yes", "0", "0", "yes"],
        ),
        (
            "u4",
            ["HTT", "yes", "10", "0", "100", "100", "no", "0", "0", "no"],
        ),
        (
            "u5",
            ["KHT", "no", "0", "10", "0", "0", "no", "0", "0", "yes"],
        ),
    ];
    let codes = ["1", "2", "3a", "3b", "4", "5", "T1", "T2", "K1", "DK1"];
    for (unit, values) in rows {
        for (code, v) in codes.iter().zip(values) {
            enter(&c, &mut s, unit, code, v);
        }
        enter(&c, &mut s, unit, "6", "5");
    }
    (c, s)
}

fn tally(award: &str, present: u32, votes: &[(&str, u32)]) -> Ballot {
    Ballot {
        award: award.into(),
        present,
        tally: votes
            .iter()
            .map(|(unit, votes)| Tally {
                unit: (*unit).into(),
                votes: *votes,
            })
            .collect(),
    }
}

fn status(c: &Covenant, r: &Results, award: usize, unit: &str) -> Nomination {
    r.awards[award].statuses[c.unit_index(unit).unwrap()].clone()
}

fn with_votes(c: &Covenant, s: &Sheet, ballots: &[Ballot]) -> Results {
    score::compute_with_votes(c, Period::YearEnd, s, ballots).expect("the engine computes")
}

#[test]
fn votes_needed_at_the_boundaries_of_each_rule() {
    let rule = |share: &str, inclusive, of| VoteRule {
        share: share.parse().unwrap(),
        inclusive,
        of,
    };
    // More than half of 4 present: 3; of 5 present: 3.
    assert_eq!(
        votes_needed(&rule("0.5", false, VoteBase::Present), 4, 9),
        3
    );
    assert_eq!(
        votes_needed(&rule("0.5", false, VoteBase::Present), 5, 9),
        3
    );
    // At least half of 4: 2 (exactly at the threshold passes).
    assert_eq!(votes_needed(&rule("0.5", true, VoteBase::Present), 4, 9), 2);
    // A share of all 9 members, however many are present: 0.6667 × 9 = 6.0003 needs 7,
    // 0.66 × 9 = 5.94 needs 6.
    assert_eq!(
        votes_needed(&rule("0.6667", true, VoteBase::AllMembers), 5, 9),
        7
    );
    assert_eq!(
        votes_needed(&rule("0.66", true, VoteBase::AllMembers), 5, 9),
        6
    );
    // At least 70 % of 7 present: 4.9 → 5.
    assert_eq!(votes_needed(&rule("0.7", true, VoteBase::Present), 7, 7), 5);
}

#[test]
fn without_a_tally_the_candidates_await_the_vote() {
    let (c, s) = bloc_of_five(SCHEME);
    let r = with_votes(&c, &s, &[]);
    assert_eq!(status(&c, &r, 0, "u1"), Nomination::TiedAtQuota);
    assert_eq!(status(&c, &r, 1, "u1"), Nomination::AwaitingVote);
    assert_eq!(status(&c, &r, 1, "u2"), Nomination::AwaitingVote);
    assert_eq!(r.awards[1].vote, None);
}

#[test]
fn exclusive_threshold_one_vote_either_side() {
    let (c, s) = bloc_of_five(SCHEME);
    // 4 present, more than half: 3 votes needed. 3 passes, 2 (exactly half) does not.
    let r = with_votes(&c, &s, &[tally("bk", 4, &[("u1", 3), ("u2", 2)])]);
    assert_eq!(status(&c, &r, 1, "u1"), Nomination::Elected { votes: 3 });
    assert_eq!(status(&c, &r, 1, "u2"), Nomination::NotElected { votes: 2 });
    let vote = r.awards[1].vote.clone().unwrap();
    assert_eq!((vote.present, vote.base, vote.needed), (4, 4, Some(3)));
    assert!(!vote.stale);
    assert!(r.awards[1].statuses[0].is_proposed());
}

#[test]
fn inclusive_threshold_exactly_at_the_share_passes() {
    let scheme = SCHEME.replace("inclusive: false", "inclusive: true");
    let (c, s) = bloc_of_five(&scheme);
    // At least half of 4: 2 passes, 1 does not.
    let r = with_votes(&c, &s, &[tally("bk", 4, &[("u1", 2), ("u2", 1)])]);
    assert_eq!(status(&c, &r, 1, "u1"), Nomination::Elected { votes: 2 });
    assert_eq!(status(&c, &r, 1, "u2"), Nomination::NotElected { votes: 1 });
}

#[test]
fn a_share_of_all_members_counts_the_absent_too() {
    let scheme = SCHEME.replace("of: Present", "of: AllMembers");
    let (c, s) = bloc_of_five(&scheme);
    // More than half of 5 members: 3, even with only 3 present.
    let r = with_votes(&c, &s, &[tally("bk", 3, &[("u1", 3), ("u2", 2)])]);
    assert_eq!(status(&c, &r, 1, "u1"), Nomination::Elected { votes: 3 });
    assert_eq!(status(&c, &r, 1, "u2"), Nomination::NotElected { votes: 2 });
    let vote = r.awards[1].vote.clone().unwrap();
    assert_eq!((vote.present, vote.base, vote.needed), (3, 5, Some(3)));
}

#[test]
fn a_vote_settles_a_tie_at_the_quota_and_moves_the_next_award() {
    let (c, s) = bloc_of_five(SCHEME);
    // The flag has no threshold: the vote only decides between the tied units.
    let r = with_votes(&c, &s, &[tally("co", 5, &[("u1", 3), ("u2", 2)])]);
    assert_eq!(status(&c, &r, 0, "u1"), Nomination::Elected { votes: 3 });
    assert_eq!(
        status(&c, &r, 0, "u2"),
        Nomination::OutvotedAtQuota { votes: 2 }
    );
    assert_eq!(r.awards[0].vote.clone().unwrap().needed, None);
    // u1 has the flag; the two Bằng khen places now go to the vote between u2 and u3.
    assert!(matches!(status(&c, &r, 1, "u1"), Nomination::Ineligible(_)));
    assert_eq!(status(&c, &r, 1, "u2"), Nomination::AwaitingVote);
    assert_eq!(status(&c, &r, 1, "u3"), Nomination::AwaitingVote);
}

#[test]
fn equal_votes_across_the_edge_are_a_tie_to_vote_again() {
    let (c, s) = bloc_of_five(SCHEME);
    let r = with_votes(&c, &s, &[tally("co", 4, &[("u1", 2), ("u2", 2)])]);
    assert_eq!(
        status(&c, &r, 0, "u1"),
        Nomination::TiedOnVotes { votes: 2 }
    );
    assert_eq!(
        status(&c, &r, 0, "u2"),
        Nomination::TiedOnVotes { votes: 2 }
    );
    // A second tally for the same award replaces the first.
    let r = with_votes(
        &c,
        &s,
        &[
            tally("co", 4, &[("u1", 2), ("u2", 2)]),
            tally("co", 4, &[("u1", 1), ("u2", 3)]),
        ],
    );
    assert_eq!(status(&c, &r, 0, "u2"), Nomination::Elected { votes: 3 });
    assert_eq!(
        status(&c, &r, 0, "u1"),
        Nomination::OutvotedAtQuota { votes: 1 }
    );
}

#[test]
fn a_tally_for_other_candidates_no_longer_counts() {
    let (c, s) = bloc_of_five(SCHEME);
    // Bằng khen voted on u1 and u2; then the flag's vote gives u1 the flag, so the candidates
    // become u2 and u3 and the Bằng khen tally is stale.
    let bk = tally("bk", 5, &[("u1", 5), ("u2", 4)]);
    let r = with_votes(&c, &s, std::slice::from_ref(&bk));
    assert_eq!(status(&c, &r, 1, "u2"), Nomination::Elected { votes: 4 });
    let r = with_votes(&c, &s, &[bk, tally("co", 5, &[("u1", 4), ("u2", 1)])]);
    let vote = r.awards[1].vote.clone().unwrap();
    assert!(vote.stale);
    assert_eq!(status(&c, &r, 1, "u2"), Nomination::AwaitingVote);
    assert_eq!(status(&c, &r, 1, "u3"), Nomination::AwaitingVote);
}

#[test]
fn impossible_tallies_are_refused() {
    let (c, _) = bloc_of_five(SCHEME);
    let check = |b: Ballot| ballot::check(&c, &b);
    assert_eq!(check(tally("bk", 5, &[("u1", 5)])), Ok(()));
    assert_eq!(
        check(tally("xx", 5, &[("u1", 5)])),
        Err(BallotError::UnknownAward("xx".into()))
    );
    assert_eq!(
        check(tally("bk", 0, &[("u1", 0)])),
        Err(BallotError::PresentOutOfRange {
            present: 0,
            members: 5
        })
    );
    assert_eq!(
        check(tally("bk", 6, &[("u1", 5)])),
        Err(BallotError::PresentOutOfRange {
            present: 6,
            members: 5
        })
    );
    assert_eq!(
        check(tally("bk", 4, &[("u1", 5)])),
        Err(BallotError::MoreVotesThanPresent {
            unit: "u1".into(),
            votes: 5,
            present: 4
        })
    );
    assert_eq!(
        check(tally("bk", 4, &[("u9", 1)])),
        Err(BallotError::UnknownUnit("u9".into()))
    );
    assert_eq!(
        check(tally("bk", 4, &[("u1", 1), ("u1", 2)])),
        Err(BallotError::DuplicateUnit("u1".into()))
    );
    assert_eq!(check(tally("bk", 4, &[])), Err(BallotError::NoCandidate));
}
