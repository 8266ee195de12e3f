//! The parts of a scheme besides its criteria: bonus and penalty items and their caps by group,
//! veto conditions, bands, tie-breakers, awards and written sections, each from its own sheet.

use std::collections::BTreeMap;

use super::{Path, Reader};
use crate::model::scheme::{
    Adjustment, AdjustmentScale, Adjustments, Award, Band, BandCondition, Bound, Quota, Rounding,
    TieBreaker, Veto, VoteBase, VoteRule,
};
use crate::model::sections::{SectionSpec, Sections};
use crate::setup::shape::{self, SheetShape, adjustment as col};

impl Reader {
    /// The bonus (`side` 0) or penalty (1) items, with the list's cap and caps by group.
    pub(crate) fn adjustments(
        &mut self,
        sheet: &'static SheetShape,
        field: &'static str,
        side: usize,
        cap: Option<rust_decimal::Decimal>,
    ) -> Adjustments {
        let mut items = Vec::new();
        for (i, at) in self.rows(sheet).into_iter().enumerate() {
            self.remember(Path::root().field(field).field("items").index(i), at);
            let scale = match self.choice(at, col::KIND, shape::ADJUSTMENTS) {
                Some(0) => AdjustmentScale::Once(self.required_decimal(at, col::POINTS)),
                Some(1) => AdjustmentScale::PerOccurrence(self.required_decimal(at, col::POINTS)),
                Some(_) => AdjustmentScale::Free {
                    step: self.required_decimal(at, col::STEP),
                },
                None => {
                    self.required(at, col::KIND);
                    continue;
                }
            };
            let printed = self.text(at, col::LABEL);
            let group = self.text(at, col::GROUP);
            items.push(Adjustment {
                code: self.required(at, col::CODE),
                label: (!printed.is_empty()).then_some(printed),
                title: self.required(at, col::TITLE),
                guidance: self.text(at, col::GUIDANCE),
                scale,
                cap: self.decimal(at, col::CAP),
                group: (!group.is_empty()).then_some(group),
                periods: self.periods(at, col::PERIODS),
            });
        }
        let mut group_caps = BTreeMap::new();
        for at in self.rows(&shape::GROUP_CAPS) {
            if self.choice(at, 0, shape::SIDES) != Some(side) {
                continue;
            }
            let group = self.required(at, 1);
            let path = Path::root().field(field).field("group_caps").key(&group);
            self.remember(path, at);
            let value = self.required_decimal(at, 2);
            group_caps.insert(group, value);
        }
        Adjustments {
            cap,
            group_caps,
            items,
        }
    }

    pub(crate) fn vetoes(&mut self) -> Vec<Veto> {
        let mut vetoes = Vec::new();
        for (i, at) in self.rows(&shape::VETOES).into_iter().enumerate() {
            self.remember(Path::root().field("vetoes").index(i), at);
            let printed = self.text(at, 0);
            let band_cap = self.text(at, 3);
            vetoes.push(Veto {
                label: (!printed.is_empty()).then_some(printed),
                code: self.required(at, 1),
                title: self.required(at, 2),
                band_cap: (!band_cap.is_empty()).then_some(band_cap),
                periods: self.periods(at, 4),
                guidance: self.text(at, 5),
            });
        }
        vetoes
    }

    /// The scheme's bands, and those of the mid-year and the year-end alone where given.
    pub(crate) fn bands(&mut self) -> (Vec<Band>, Option<Vec<Band>>, Option<Vec<Band>>) {
        let mut lists: [Option<Vec<Band>>; 3] = [None, None, None];
        let fields = [
            Path::root().field("bands"),
            Path::root().field("classification").field("mid_year_bands"),
            Path::root().field("classification").field("year_end_bands"),
        ];
        for at in self.rows(&shape::BANDS) {
            let list = self.choice(at, 0, shape::BAND_LISTS).unwrap_or(0);
            let bands = lists[list].get_or_insert_with(Vec::new);
            let index = bands.len();
            self.remember(fields[list].index(index), at);
            let min = self.decimal(at, 3).map(|points| Bound {
                points,
                inclusive: true,
            });
            let inclusive = self.yes(at, 4).unwrap_or(true);
            let mut conditions = Vec::new();
            if self.yes(at, 5) == Some(true) {
                conditions.push(BandCondition::NoFailedVeto);
            }
            if let Some(share) = self.decimal(at, 6) {
                conditions.push(BandCondition::PenaltyAtMostShareOfBonus(share));
            }
            let band = Band {
                id: self.required(at, 1),
                label: self.required(at, 2),
                min: min.map(|m| Bound { inclusive, ..m }),
                conditions,
            };
            if let Some(bands) = lists[list].as_mut() {
                bands.push(band);
            }
        }
        let [shared, mid_year, year_end] = lists;
        (shared.unwrap_or_default(), mid_year, year_end)
    }

    pub(crate) fn ties(&mut self) -> Vec<TieBreaker> {
        let mut ties = Vec::new();
        for (i, at) in self.rows(&shape::TIES).into_iter().enumerate() {
            self.remember(Path::root().field("tie_breakers").index(i), at);
            match self.choice(at, 0, shape::TIE_BREAKERS) {
                Some(0) => ties.push(TieBreaker::GroupSubtotal(self.required(at, 1))),
                Some(1) => ties.push(TieBreaker::CriterionPoints(self.required(at, 1))),
                Some(2) => ties.push(TieBreaker::FewerPenalty),
                Some(_) => ties.push(TieBreaker::MoreBonus),
                None => {
                    self.required(at, 0);
                }
            }
        }
        ties
    }

    pub(crate) fn awards(&mut self) -> Vec<Award> {
        let mut awards = Vec::new();
        for (i, at) in self.rows(&shape::AWARDS).into_iter().enumerate() {
            self.remember(Path::root().field("awards").index(i), at);
            let size = self.required_decimal(at, 2);
            let quota = match self.choice(at, 3, shape::QUOTA_KINDS) {
                Some(1) => Quota::Percent {
                    percent: size,
                    rounding: match self.choice(at, 4, shape::ROUNDINGS) {
                        Some(1) => Rounding::Up,
                        Some(2) => Rounding::Nearest,
                        _ => Rounding::Down,
                    },
                },
                _ => match u32::try_from(size.normalize().mantissa()) {
                    Ok(n) if size.normalize().scale() == 0 => Quota::Count(n),
                    _ => {
                        let what = crate::setup::words::SetupMsg::NotAWholeNumber(size.to_string());
                        self.problem(self.cell_place(at, 2), what);
                        Quota::Count(0)
                    }
                },
            };
            let vote = self.decimal(at, 8).map(|share| VoteRule {
                share,
                inclusive: true,
                of: VoteBase::Present,
            });
            let vote = vote.map(|v| VoteRule {
                inclusive: self.yes(at, 9).unwrap_or(true),
                of: match self.choice(at, 10, shape::VOTE_BASES) {
                    Some(1) => VoteBase::AllMembers,
                    _ => VoteBase::Present,
                },
                ..v
            });
            let min_band = self.text(at, 5);
            awards.push(Award {
                id: self.required(at, 0),
                title: self.required(at, 1),
                quota,
                min_band: (!min_band.is_empty()).then_some(min_band),
                min_total: self.decimal(at, 6),
                exclude_vetoed: self.yes(at, 7).unwrap_or(true),
                vote,
            });
        }
        awards
    }

    /// The written sections; the program's default sets where the sheet has none.
    pub(crate) fn sections(&mut self) -> Sections {
        let rows = self.rows(&shape::SECTIONS);
        if rows.is_empty() {
            return Sections::default();
        }
        let mut sections = Sections {
            mid_year: Vec::new(),
            year_end: Vec::new(),
        };
        for at in rows {
            let period = self.choice(at, 0, shape::SECTION_PERIODS);
            let (list, name) = match period {
                Some(0) => (&mut sections.mid_year, "mid_year"),
                Some(_) => (&mut sections.year_end, "year_end"),
                None => {
                    self.required(at, 0);
                    continue;
                }
            };
            let path = Path::root().field("sections").field(name).index(list.len());
            let spec = SectionSpec {
                id: self.required(at, 1),
                title: self.required(at, 2),
                guidance: self.text(at, 3),
                required: self.yes(at, 4).unwrap_or(false),
            };
            self.remember(path, at);
            let list = if period == Some(0) {
                &mut sections.mid_year
            } else {
                &mut sections.year_end
            };
            list.push(spec);
        }
        sections
    }
}
