//! The checks on a list of bands: one at least, the last without a bound, bounds in order,
//! conditions within range; and, where a period reads them as shares, no bound above 100 %.

use std::collections::HashSet;

use rust_decimal::Decimal;

use super::super::path::Path;
use super::super::period::Period;
use super::super::scheme::{Band, BandCondition, Scheme};
use super::{IssueKind, SchemeCheck};

impl SchemeCheck {
    /// Where a period reads its bands as shares of its maximum, no bound is above 100 %.
    pub(super) fn shares(&mut self, path: Path, s: &Scheme) {
        use super::super::scheme::Basis;
        for (period, name) in [
            (Period::MidYear, "mid_year_bands"),
            (Period::YearEnd, "year_end_bands"),
        ] {
            if s.classification.of(period) != Basis::ShareOfMaximum {
                continue;
            }
            let path = match s.classification.bands_for(period) {
                Some(_) => Path::root().field("classification").field(name),
                None => path.clone(),
            };
            for (i, b) in s.bands_of(period).iter().enumerate() {
                if b.min.is_some_and(|m| m.points > Decimal::ONE_HUNDRED) {
                    let p = path.index(i).field("min").field("points");
                    self.push(p, IssueKind::BandShareAbove100(b.id.clone()));
                }
            }
        }
    }

    pub(super) fn bands(&mut self, path: Path, bands: &[Band]) {
        if bands.is_empty() {
            self.push(path.clone(), IssueKind::NoBands);
            return;
        }
        let mut ids = HashSet::new();
        let last = bands.len() - 1;
        let mut previous: Option<&Band> = None;
        for (i, b) in bands.iter().enumerate() {
            let p = path.index(i);
            if !ids.insert(b.id.as_str()) {
                self.push(p.field("id"), IssueKind::DuplicateBand(b.id.clone()));
            }
            if let Some(min) = &b.min
                && !self.figure(p.field("min").field("points"), min.points)
            {
                return;
            }
            match (&b.min, i == last) {
                (None, false) => self.push(p.clone(), IssueKind::BandWithoutBound(b.id.clone())),
                (Some(_), true) => {
                    self.push(p.field("min"), IssueKind::LastBandBound(b.id.clone()))
                }
                _ => {}
            }
            if let (Some(prev), Some(min)) = (previous, &b.min)
                && let Some(prev_min) = &prev.min
            {
                // A lower band must start strictly below the one above it: "≥ 90" then "> 90"
                // would leave nothing for the second; "> 90" then "≥ 90" is fine (exactly 90).
                let ordered = min.points < prev_min.points
                    || (min.points == prev_min.points && !prev_min.inclusive && min.inclusive);
                if !ordered {
                    self.push(
                        p.field("min"),
                        IssueKind::BandsOutOfOrder {
                            band: b.id.clone(),
                            previous: prev.id.clone(),
                        },
                    );
                }
            }
            for (j, c) in b.conditions.iter().enumerate() {
                if let BandCondition::PenaltyAtMostShareOfBonus(share) = c
                    && (*share < Decimal::ZERO || *share > Decimal::ONE)
                {
                    self.push(
                        p.field("conditions").index(j),
                        IssueKind::ShareOutOfRange(*share),
                    );
                }
            }
            previous = Some(b);
        }
    }
}
