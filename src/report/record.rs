//! The machine-readable record of a signed summary: everything needed to recompute the results
//! without any other file (the bloc, the scheme, every entry with its note and reason, the
//! members' votes), the units' self-scores, the results as signed, who signed and when, and the
//! hashes of the PDF and spreadsheet issued with it.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::model::{Ballot, Bloc, Covenant, Period, Scheme, Sheet, Signer, Value};
use crate::score::Results;

/// Bumped when the record's shape changes; `verify` refuses formats newer than it knows.
/// Format 2 added the votes, the reasons, the self-scores and the time of freezing; format 3 the
/// moves of the awards' cascade (a unit that came down from an earlier award's vote, and the
/// units it displaced); format 4 the report's written sections; format 5 the scheme's printed
/// numbers and maxima, fewer-is-better targets and the ranking by share, and the bloc's items
/// that do not apply, which a reader of format 4 would not know.
pub const RECORD_FORMAT: u32 = 5;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub format: u32,
    /// "thidua 0.1.0": the program that computed the results.
    pub software: String,
    pub year: i32,
    pub period: Period,
    pub version: u32,
    /// The issue this one replaces (version − 1), by its record's file name and SHA-256.
    #[serde(default)]
    pub replaces: Option<FileHash>,
    /// A draft of an incomplete session ("DỰ THẢO").
    pub provisional: bool,
    #[serde(default)]
    pub number: Option<String>,
    /// The date on the document.
    pub date: NaiveDate,
    /// "Kính gửi", as printed.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// When it was signed, Vietnam time.
    pub signed_at: DateTime<FixedOffset>,
    pub signer: Signer,
    /// The signer's minisign public key (base64).
    pub public_key: String,
    /// The source files the covenant was loaded from, by name and SHA-256, so that the ward can
    /// compare them with the published bloc and scheme.
    pub bloc_source: FileHash,
    pub scheme_source: FileHash,
    pub bloc: Bloc,
    pub scheme: Scheme,
    /// When the results were frozen; a draft may be signed before.
    #[serde(default)]
    pub frozen_at: Option<DateTime<FixedOffset>>,
    /// Every entered cell, in member then item order.
    pub entries: Vec<RecordEntry>,
    /// The units' self-scores, the note being the evidence.
    #[serde(default)]
    pub self_scores: Vec<RecordEntry>,
    /// The members' votes on the awards at year-end, the latest tally of each.
    #[serde(default)]
    pub votes: Vec<Ballot>,
    /// The report's written sections, every one of the period's in the scheme's order, as
    /// printed.
    #[serde(default)]
    pub sections: Vec<WrittenSection>,
    /// At year-end: next year's head and deputy, elected at the meeting.
    #[serde(default)]
    pub election: Option<crate::model::election::Election>,
    /// Who attended, as the minutes state it.
    #[serde(default)]
    pub attendance: Option<crate::model::minutes::Attendance>,
    /// The count record of each award's secret ballot.
    #[serde(default)]
    pub counts: Vec<crate::model::minutes::BallotCount>,
    pub results: Results,
    /// The PDF, the spreadsheet and the Word copy issued with this record, and the minutes
    /// (PDF and Word) where the attendance was recorded.
    pub documents: Vec<FileHash>,
}

/// A written section of the report as issued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrittenSection {
    pub id: String,
    /// The heading as printed.
    pub title: String,
    /// Empty when the head wrote nothing (allowed in a draft, or for a section not required).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileHash {
    pub file: String,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordEntry {
    /// Member id.
    pub unit: String,
    /// Item code.
    pub item: String,
    pub value: Value,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Why the bloc's score differs from the unit's self-score.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// What is wrong with a record's written sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SectionProblem {
    /// An id that is not a section of the period in the record's scheme.
    Unknown(String),
    Duplicate(String),
    /// The heading is not the one the scheme gives the section.
    TitleDiffers(String),
    /// A final version without this required section (its heading).
    Empty(String),
}

/// Why a record's entries cannot be put back on a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecordProblem {
    UnknownUnit(String),
    UnknownItem(String),
    Duplicate {
        unit: String,
        item: String,
    },
    /// The value does not fit the item's scale.
    BadValue {
        unit: String,
        item: String,
    },
}

pub use crate::store::sha256_hex;

/// The paper digest is printed in groups of this many hex digits, for a clerk to read aloud.
pub const PAPER_GROUP: usize = 4;

impl Record {
    /// The digest printed on the paper report: the SHA-256 of the record as written without its
    /// list of documents (which holds the PDF's own hash, unknown while the PDF is laid out).
    pub fn paper_digest(&self) -> String {
        let mut bare = self.clone();
        bare.documents.clear();
        sha256_hex(bare.to_ron().as_bytes())
    }

    /// [`Record::paper_digest`] in groups of four: "3f2a 9b1c …".
    pub fn paper_groups(&self) -> Vec<String> {
        let digest = self.paper_digest();
        digest
            .as_bytes()
            .chunks(PAPER_GROUP)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect()
    }

    /// The problems of the record's written sections: each must be one of the period's in its
    /// scheme, once, under its heading; a final version has every required one written.
    pub fn section_problems(&self) -> Vec<SectionProblem> {
        let specs = self.scheme.sections.of(self.period);
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for section in &self.sections {
            let clipped = crate::model::text::clip(&section.id);
            match specs.iter().find(|s| s.id == section.id) {
                None => problems.push(SectionProblem::Unknown(clipped)),
                Some(_) if !seen.insert(section.id.as_str()) => {
                    problems.push(SectionProblem::Duplicate(clipped))
                }
                Some(spec) if spec.title_in(self.year) != section.title => {
                    problems.push(SectionProblem::TitleDiffers(clipped))
                }
                Some(_) => {}
            }
        }
        if !self.provisional {
            for spec in specs.iter().filter(|s| s.required) {
                let written = self
                    .sections
                    .iter()
                    .any(|s| s.id == spec.id && !s.text.trim().is_empty());
                if !written {
                    problems.push(SectionProblem::Empty(spec.title_in(self.year)));
                }
            }
        }
        problems
    }

    /// The entries put back on a sheet of `covenant` (built from this record's bloc and scheme).
    pub fn sheet(&self, covenant: &Covenant) -> Result<Sheet, Vec<RecordProblem>> {
        let mut sheet = covenant.empty_sheet();
        let mut problems = Vec::new();
        for e in &self.entries {
            let Some(unit) = covenant.unit_index(&e.unit) else {
                problems.push(RecordProblem::UnknownUnit(e.unit.clone()));
                continue;
            };
            let Some(item) = covenant.layout.index_of(&e.item) else {
                problems.push(RecordProblem::UnknownItem(e.item.clone()));
                continue;
            };
            if sheet.get(unit, item).is_some() {
                problems.push(RecordProblem::Duplicate {
                    unit: e.unit.clone(),
                    item: e.item.clone(),
                });
                continue;
            }
            if crate::model::value::check(&covenant.layout.items[item], &e.value).is_err() {
                problems.push(RecordProblem::BadValue {
                    unit: e.unit.clone(),
                    item: e.item.clone(),
                });
                continue;
            }
            sheet.set(unit, item, Some(e.value.clone()));
        }
        if problems.is_empty() {
            Ok(sheet)
        } else {
            Err(problems)
        }
    }

    pub fn to_ron(&self) -> String {
        // The same extensions as the bloc and scheme files, so the copies read the same way.
        let config = crate::store::load::ron_pretty("  ");
        // Every field is plain data: serialising cannot fail.
        ron::ser::to_string_pretty(self, config).expect("a record serialises") + "\n"
    }

    pub fn from_ron(text: &str) -> Result<Record, ron::error::SpannedError> {
        crate::store::load::ron_options().from_str(text)
    }
}
