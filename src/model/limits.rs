//! The sizes thidua supports, and every limit on a figure derived from them and from the
//! engine's formulas, so that no sum, product or division of the engine can leave the range of
//! `Decimal` (about ±7.9 × 10^28). `docs/formats.md` ("Sizes and limits") states the same
//! figures with their derivation.
//!
//! The limits are checked wherever a figure enters: loading a scheme or bloc (`validate`),
//! every value typed, imported, replayed from the journal or read from a record
//! (`value::check`), and the members' tallies (`ballot::check`). The engine then also computes
//! with checked arithmetic, so that a figure that slipped past would end in an error, not a
//! panic.

use rust_decimal::Decimal;

/// Member units of one bloc.
pub const MAX_UNITS: usize = 200;
/// Items of one scheme: criteria, bonus and penalty items and veto conditions together.
pub const MAX_ITEMS: usize = 1_000;
/// Lines of one session's journal.
pub const MAX_JOURNAL_LINES: usize = 1_000_000;

/// Every point figure of a scheme (a maximum, a level's points, a step, a cap, points per
/// occurrence, a floor, a ceiling, a start, a band's bound, an award's minimum total) and every
/// free score lies within ±10^6.
pub const MAX_POINTS: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Achieved values and covenant targets lie within 0..=10^10. The target rules multiply a
/// maximum, an achieved value and a target: 10^6 × 10^10 × 10^10 = 10^26, twice that in the
/// widest formula, which leaves a factor of about 400 below `Decimal`'s range.
pub const MAX_ACHIEVED: Decimal = Decimal::from_parts(1_410_065_408, 2, 0, false, 0);
/// A count of occurrences is at most 10^6: 10^6 × 10^6 points = 10^12 per item before its
/// floor, ceiling or cap, and 10^15 for the 1,000 items of the largest scheme.
pub const MAX_COUNT: u32 = 1_000_000;
/// Figures are written with at most 4 decimal places, so that the products of the target rules
/// stay exact (4 + 4 + 4 places of mantissas below 10^28).
pub const MAX_DECIMALS: u32 = 4;
/// A bloc, scheme or self-score RON file: at most 16 MiB. The largest scheme with long
/// guidance, or a bloc's targets for 200 units × 1,000 items, is a few MiB.
pub const MAX_RON_FILE_BYTES: u64 = 16 << 20;
/// A scoresheet or self-score CSV: at most 64 MiB, room for every cell of the largest bloc
/// (200,000 rows) with notes.
pub const MAX_CSV_BYTES: u64 = 64 << 20;
/// Rows of a CSV: one per cell of the largest bloc, and a header.
pub const MAX_CSV_ROWS: usize = MAX_UNITS * MAX_ITEMS + 1;
/// Problems listed one by one when a file is refused; the rest are counted.
pub const MAX_PROBLEMS_SHOWN: usize = 50;

/// Texts kept with a value or an event (a note, a reason, evidence): at most 10,000 characters,
/// a few pages; a journal line stays far below `MAX_LINE_BYTES`.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// A written section of the report: at most 20,000 characters, about eight printed pages.
pub const MAX_SECTION_CHARS: usize = 20_000;

/// A figure that is out of the supported range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureError {
    /// Beyond ±`limit`.
    TooLarge { limit: Decimal },
    /// More than `MAX_DECIMALS` decimal places.
    TooPrecise,
}

/// Checks a point figure: within ±`MAX_POINTS`, at most `MAX_DECIMALS` places.
pub fn points(value: Decimal) -> Result<(), FigureError> {
    figure(value, MAX_POINTS)
}

/// Checks an achieved value or a target: within `MAX_ACHIEVED`, at most `MAX_DECIMALS` places.
pub fn achieved(value: Decimal) -> Result<(), FigureError> {
    figure(value, MAX_ACHIEVED)
}

fn figure(value: Decimal, limit: Decimal) -> Result<(), FigureError> {
    if value.abs() > limit {
        return Err(FigureError::TooLarge { limit });
    }
    if value.normalize().scale() > MAX_DECIMALS {
        return Err(FigureError::TooPrecise);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_constants_are_the_figures_they_name() {
        assert_eq!(MAX_POINTS, Decimal::from(1_000_000));
        assert_eq!(MAX_ACHIEVED, Decimal::from(10_000_000_000_i64));
    }

    #[test]
    fn the_widest_product_of_the_target_rules_fits_with_room() {
        // half × t × over + half × (a − t) × base, every factor at its limit.
        let widest = MAX_POINTS * MAX_ACHIEVED * MAX_ACHIEVED * Decimal::TWO;
        assert!(widest.checked_mul(Decimal::ONE_HUNDRED).is_some());
    }

    #[test]
    fn figures_at_and_beyond_their_limits() {
        assert_eq!(points(MAX_POINTS), Ok(()));
        assert_eq!(points(-MAX_POINTS), Ok(()));
        assert!(points(MAX_POINTS + Decimal::new(1, 4)).is_err());
        assert_eq!(points(Decimal::new(12345, 4)), Ok(()));
        assert_eq!(
            points(Decimal::new(123450, 5)),
            Ok(()),
            "a trailing zero is no place"
        );
        assert_eq!(points(Decimal::new(12345, 5)), Err(FigureError::TooPrecise));
        assert_eq!(achieved(MAX_ACHIEVED), Ok(()));
        assert!(achieved(MAX_ACHIEVED + Decimal::ONE).is_err());
    }
}
