//! The meeting's minutes in the sections' dialog: who attended (the chair, the secretary and
//! each member unit's representatives) and, at year-end, each voted award's count record (the
//! counting committee and the ballots). One row a person; a unit with no one named was absent.
//! Saving records it all at once through the session, checked as `thidua minutes` is; a
//! refusal puts the cursor on the row at fault.

use std::cell::Cell as Shared;

use crate::i18n::Msg;
use crate::model::minutes::{
    Attendance, BallotCount, Delegation, Minutes, MinutesError, Person, check_count, check_person,
};
use crate::model::{Covenant, Period};
use crate::tui::field::TextField;
use crate::tui::keymap::Action;
use crate::tui::status::Said;

/// What a row of the form records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Chair,
    Secretary,
    /// A representative of the member at this index.
    Unit(usize),
    /// A member of the counting committee of the n-th voted award.
    Committee(usize),
    /// The n-th voted award's ballots: issued, received, valid, invalid.
    Ballots(usize),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub part: Part,
    /// Name and post; or the four ballot figures.
    pub fields: Vec<TextField>,
}

/// Counting committees start with this many rows: a head and two members.
const COMMITTEE_ROWS: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct MinutesForm {
    pub rows: Vec<Row>,
    /// The focused row and field.
    pub row: usize,
    pub field: usize,
    /// The ids of the awards voted on, in the scheme's order (empty at mid-year).
    pub awards: Vec<String>,
    /// What is recorded: leaving saves only when the form says something else.
    recorded: Minutes,
    /// Why the last save was refused.
    pub error: Option<Said>,
    /// Leaving was refused once because the form could not be saved: Esc again leaves it
    /// unsaved.
    pub warned: bool,
    /// The first line shown, kept by the drawing.
    pub top: Shared<usize>,
}

impl MinutesForm {
    /// The form filled with what is recorded, a row for every unit and committee member.
    pub fn new(covenant: &Covenant, period: Period, recorded: Minutes) -> MinutesForm {
        let awards: Vec<String> = if period == Period::YearEnd {
            let voted = covenant.scheme.awards.iter().filter(|a| a.vote.is_some());
            voted.map(|a| a.id.clone()).collect()
        } else {
            Vec::new()
        };
        let person_row = |part: Part, p: Option<&Person>| Row {
            part,
            fields: vec![
                TextField::new(p.map_or("", |p| p.name.as_str())),
                TextField::new(p.map_or("", |p| p.post.as_str())),
            ],
        };
        let attendance = recorded.attendance.as_ref();
        let mut rows = vec![
            person_row(Part::Chair, attendance.map(|a| &a.chair)),
            person_row(Part::Secretary, attendance.map(|a| &a.secretary)),
        ];
        for (index, member) in covenant.bloc.members.iter().enumerate() {
            let people = attendance
                .and_then(|a| a.units.iter().find(|d| d.unit == member.id))
                .map_or(&[][..], |d| d.people.as_slice());
            if people.is_empty() {
                rows.push(person_row(Part::Unit(index), None));
            }
            rows.extend(
                people
                    .iter()
                    .map(|p| person_row(Part::Unit(index), Some(p))),
            );
        }
        for (n, award) in awards.iter().enumerate() {
            let count = recorded.counts.iter().find(|c| &c.award == award);
            let committee = count.map_or(&[][..], |c| c.committee.as_slice());
            rows.extend(
                committee
                    .iter()
                    .map(|p| person_row(Part::Committee(n), Some(p))),
            );
            for _ in committee.len()..COMMITTEE_ROWS {
                rows.push(person_row(Part::Committee(n), None));
            }
            let figure = |f: fn(&BallotCount) -> u32| {
                TextField::new(&count.map(|c| f(c).to_string()).unwrap_or_default())
            };
            rows.push(Row {
                part: Part::Ballots(n),
                fields: vec![
                    figure(|c| c.issued),
                    figure(|c| c.received),
                    figure(|c| c.valid),
                    figure(|c| c.invalid),
                ],
            });
        }
        MinutesForm {
            rows,
            row: 0,
            field: 0,
            awards,
            recorded,
            error: None,
            warned: false,
            top: Shared::new(0),
        }
    }

    /// A key other than saving and leaving.
    pub fn act(&mut self, action: &Action) {
        match action {
            Action::Up => self.go_row(self.row.saturating_sub(1)),
            Action::Down => self.go_row((self.row + 1).min(self.rows.len() - 1)),
            Action::NextColumn | Action::Confirm => {
                if self.field + 1 < self.rows[self.row].fields.len() {
                    self.field += 1;
                } else if self.row + 1 < self.rows.len() {
                    self.row += 1;
                    self.field = 0;
                }
            }
            Action::PrevColumn => {
                if self.field > 0 {
                    self.field -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.field = self.rows[self.row].fields.len() - 1;
                }
            }
            Action::NewLine => self.add_person(),
            other => {
                let row = &mut self.rows[self.row];
                if let Action::Input(typed) = other
                    && matches!(row.part, Part::Ballots(_))
                    && !typed.chars().all(|c| c.is_ascii_digit())
                {
                    // A ballot figure takes digits only.
                    return;
                }
                row.fields[self.field].act(other);
            }
        }
        self.error = None;
        self.warned = false;
    }

    fn go_row(&mut self, row: usize) {
        self.row = row;
        self.field = self.field.min(self.rows[row].fields.len() - 1);
    }

    /// Another representative of the focused row's unit, or another member of its committee,
    /// on a new row below it.
    fn add_person(&mut self) {
        let part = self.rows[self.row].part;
        if !matches!(part, Part::Unit(_) | Part::Committee(_)) {
            return;
        }
        let people = self.rows.iter().filter(|r| r.part == part).count();
        if people >= crate::model::minutes::MAX_PEOPLE {
            return;
        }
        self.rows.insert(
            self.row + 1,
            Row {
                part,
                fields: vec![TextField::default(), TextField::default()],
            },
        );
        self.row += 1;
        self.field = 0;
    }

    /// The member units with someone named: those present.
    pub fn present(&self) -> usize {
        let mut units: Vec<usize> = self
            .rows
            .iter()
            .filter_map(|r| match r.part {
                Part::Unit(u) if !r.fields[0].text().trim().is_empty() => Some(u),
                _ => None,
            })
            .collect();
        units.dedup();
        units.len()
    }

    /// Whether the form says something other than what is recorded.
    pub fn changed(&self, covenant: &Covenant) -> bool {
        self.minutes(covenant).map_or(true, |m| m != self.recorded)
    }

    /// Takes what was just recorded as the form's saved state.
    pub fn saved(&mut self, recorded: Minutes) {
        self.recorded = recorded;
        self.error = None;
        self.warned = false;
    }

    /// The minutes as the form states them, each part checked where the model checks it; a
    /// problem comes with the row to put the cursor on. Blank rows are left out; a blank form
    /// part (no one named, no figure) records nothing.
    pub fn minutes(&self, covenant: &Covenant) -> Result<Minutes, (usize, Msg)> {
        let refused = |row: usize, e: MinutesError| (row, Msg::MinutesRefused(e));
        let people = |part: Part| -> Result<Vec<Person>, (usize, Msg)> {
            let mut people = Vec::new();
            for (at, row) in self.rows.iter().enumerate().filter(|(_, r)| r.part == part) {
                let [name, post] = [row.fields[0].text().trim(), row.fields[1].text().trim()];
                if name.is_empty() && post.is_empty() {
                    continue;
                }
                let person = Person {
                    name: name.to_string(),
                    post: post.to_string(),
                };
                check_person(&person).map_err(|e| refused(at, e))?;
                people.push(person);
            }
            Ok(people)
        };
        let first_row = |part: Part| self.rows.iter().position(|r| r.part == part).unwrap_or(0);

        let chair = people(Part::Chair)?;
        let secretary = people(Part::Secretary)?;
        let mut units = Vec::new();
        for (index, member) in covenant.bloc.members.iter().enumerate() {
            let named = people(Part::Unit(index))?;
            if !named.is_empty() {
                units.push(Delegation {
                    unit: member.id.clone(),
                    people: named,
                });
            }
        }
        let attendance = if chair.is_empty() && secretary.is_empty() && units.is_empty() {
            None
        } else {
            let one = |part: Part, mut named: Vec<Person>| match named.len() {
                0 => Err(refused(first_row(part), MinutesError::NoName)),
                _ => Ok(named.remove(0)),
            };
            Some(Attendance {
                chair: one(Part::Chair, chair)?,
                secretary: one(Part::Secretary, secretary)?,
                units,
            })
        };

        let mut counts = Vec::new();
        for (n, award) in self.awards.iter().enumerate() {
            let committee = people(Part::Committee(n))?;
            let ballots_row = first_row(Part::Ballots(n));
            let figures: Vec<&str> = self.rows[ballots_row]
                .fields
                .iter()
                .map(|f| f.text().trim())
                .collect();
            if committee.is_empty() && figures.iter().all(|f| f.is_empty()) {
                continue;
            }
            let parsed: Option<Vec<u32>> = figures.iter().map(|f| f.parse().ok()).collect();
            let Some([issued, received, valid, invalid]) =
                parsed.and_then(|p| <[u32; 4]>::try_from(p).ok())
            else {
                return Err((ballots_row, Msg::CountFiguresIncomplete));
            };
            let count = BallotCount {
                award: award.clone(),
                committee,
                issued,
                received,
                valid,
                invalid,
            };
            counts.push(count);
        }
        Ok(Minutes { attendance, counts })
    }

    /// The row at fault for a count the model refuses, with the recorded tallies: the committee
    /// for its people, the ballots for its figures.
    pub fn check_counts(
        &self,
        covenant: &Covenant,
        minutes: &Minutes,
        ballots: &[crate::model::ballot::Ballot],
        recorded_attendance: Option<&Attendance>,
    ) -> Result<(), (usize, Msg)> {
        let attendance = minutes.attendance.as_ref().or(recorded_attendance);
        for count in &minutes.counts {
            let n = self
                .awards
                .iter()
                .position(|a| a == &count.award)
                .unwrap_or(0);
            let ballot = ballots.iter().find(|b| b.award == count.award);
            if let Err(e) = check_count(covenant, count, attendance, ballot) {
                let part = match e {
                    MinutesError::NoCommittee | MinutesError::TooMany => Part::Committee(n),
                    _ => Part::Ballots(n),
                };
                let row = self.rows.iter().position(|r| r.part == part).unwrap_or(0);
                return Err((row, Msg::MinutesRefused(e)));
            }
        }
        Ok(())
    }
}
