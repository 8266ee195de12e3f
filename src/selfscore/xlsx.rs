//! Reads a filled self-score form (see `template`). The header must name the session's bloc,
//! year, review and scheme version and one of its units; the item rows are read only once the
//! header fits, since their codes mean nothing in another scheme. Merged cells, formulas, extra
//! sheets and values the scale refuses are reported at their cell.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, ExcelDateTime, Range, Reader, Xlsx};

use crate::i18n::selfscore::SelfScoreMsg as M;
use crate::model::Period;
use crate::model::layout::{Item, Rule};
use crate::model::scheme::{AdjustmentScale, Scale};
use crate::model::value::ValueError;

use super::template::{
    ANSWER_COL, BLOC_ROW, CODE_COL, EVIDENCE_COL, FIRST_ITEM_ROW, KEY_COL, NOTE_COL, PERIOD_ROW,
    SCHEME_ROW, UNIT_ROW, VERSION_ROW, YEAR_ROW,
};
use super::{
    Place, Problem, Score, Session, UnitScores, clean, number_text, parse_answer, scored_item,
};

/// Reads the one unit's self-scores of a filled form, or every problem found.
pub fn read(session: &Session, bytes: &[u8]) -> Result<Vec<UnitScores>, Vec<Problem>> {
    if bytes.is_empty() {
        return Err(vec![Problem::new(Place::File, M::EmptyFile)]);
    }
    let mut book = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| vec![Problem::new(Place::File, M::NotXlsx(e.to_string()))])?;
    let names = book.sheet_names();
    let Some(name) = names.first().cloned() else {
        return Err(vec![Problem::new(Place::File, M::NotAForm)]);
    };
    let unreadable = |e: calamine::XlsxError| {
        vec![Problem::new(
            Place::Sheet(name.clone()),
            M::NotXlsx(e.to_string()),
        )]
    };
    let cells = book.worksheet_range(&name).map_err(unreadable)?;
    let formulas = book.worksheet_formula(&name).map_err(unreadable)?;
    let merged = book.merge_cells_by_sheet_name(&name).map_err(unreadable)?;

    let mut form = Form {
        session,
        sheet: name.clone(),
        cells,
        formulas,
        problems: Vec::new(),
    };
    for extra in names.iter().skip(1) {
        form.problems.push(Problem::new(
            Place::Sheet(extra.clone()),
            M::ExtraSheet(extra.clone()),
        ));
    }
    for region in merged {
        let first = (region.start.0, col16(region.start.1));
        let last = (region.end.0, col16(region.end.1));
        form.problems.push(Problem::new(
            Place::Range {
                sheet: name.clone(),
                first,
                last,
            },
            M::MergedCells,
        ));
    }
    let unit = form.header();
    let scores = match unit {
        Some(unit) => form.items().map(|scores| UnitScores { unit, scores }),
        None => None,
    };
    match scores {
        Some(scores) if form.problems.is_empty() => Ok(vec![scores]),
        _ => Err(form.problems),
    }
}

fn col16(col: u32) -> u16 {
    u16::try_from(col).unwrap_or(u16::MAX)
}

struct Form<'a> {
    session: &'a Session<'a>,
    sheet: String,
    cells: Range<Data>,
    formulas: Range<String>,
    problems: Vec<Problem>,
}

/// A cell's content as text, or why it has none a reader can use.
enum Content {
    Empty,
    Text(String),
    /// A number, in its shortest exact text.
    Number(String),
    /// A date or time, as text: Excel turns "30/6" typed in a cell into one.
    Date(String),
    Error(String),
}

impl Form<'_> {
    fn place(&self, row: u32, col: u16) -> Place {
        Place::Cell {
            sheet: self.sheet.clone(),
            row,
            col,
        }
    }

    fn problem(&mut self, row: u32, col: u16, reason: M) {
        let place = self.place(row, col);
        self.problems.push(Problem::new(place, reason));
    }

    /// The content of a cell, reporting a formula in it: the value a formula last showed is
    /// not what the unit wrote, so it is refused rather than read.
    fn content(&mut self, row: u32, col: u16) -> Content {
        if let Some(formula) = self
            .formulas
            .get_value((row, u32::from(col)))
            .filter(|f| !f.is_empty())
        {
            let formula = formula.clone();
            self.problem(row, col, M::Formula(formula));
            return Content::Empty;
        }
        match self.cells.get_value((row, u32::from(col))) {
            None | Some(Data::Empty) => Content::Empty,
            Some(Data::String(s)) => {
                let s = clean(s);
                if s.is_empty() {
                    Content::Empty
                } else {
                    Content::Text(s)
                }
            }
            Some(Data::Float(f)) => Content::Number(number_text(*f)),
            Some(Data::Int(n)) => Content::Number(n.to_string()),
            Some(Data::Bool(b)) => Content::Text(if *b { "TRUE" } else { "FALSE" }.into()),
            Some(Data::DateTime(d)) => Content::Date(date_text(d)),
            Some(Data::DateTimeIso(s) | Data::DurationIso(s)) => Content::Date(s.clone()),
            Some(Data::Error(e)) => Content::Error(e.to_string()),
        }
    }

    /// A cell read as plain text (codes, header keys, evidence, notes).
    fn text(&mut self, row: u32, col: u16) -> String {
        match self.content(row, col) {
            Content::Text(s) | Content::Number(s) | Content::Date(s) => s,
            Content::Empty => String::new(),
            Content::Error(e) => {
                self.problem(row, col, M::CellError(e));
                String::new()
            }
        }
    }

    /// Checks the header against the session; the unit, when it fits.
    fn header(&mut self) -> Option<usize> {
        let session = self.session;
        let covenant = session.covenant;
        let bloc = self.text(BLOC_ROW, KEY_COL);
        let unit = self.text(UNIT_ROW, KEY_COL);
        if bloc.is_empty() && unit.is_empty() {
            self.problem(BLOC_ROW, KEY_COL, M::NotAForm);
            return None;
        }
        let before = self.problems.len();
        if bloc != covenant.bloc.id {
            self.problem(
                BLOC_ROW,
                KEY_COL,
                M::WrongBloc {
                    found: bloc,
                    expected: covenant.bloc.id.clone(),
                },
            );
        }
        let year = self.text(YEAR_ROW, KEY_COL);
        match year.parse::<i32>() {
            Ok(y) if y == session.year => {}
            Ok(y) => self.problem(
                YEAR_ROW,
                KEY_COL,
                M::WrongYear {
                    found: y,
                    expected: session.year,
                },
            ),
            Err(_) => self.problem(YEAR_ROW, KEY_COL, M::BadYear(year)),
        }
        let period = self.text(PERIOD_ROW, KEY_COL);
        match Period::parse(&period) {
            Some(p) if p == session.period => {}
            Some(p) => self.problem(
                PERIOD_ROW,
                KEY_COL,
                M::WrongPeriod {
                    found: p,
                    expected: session.period,
                },
            ),
            None => self.problem(PERIOD_ROW, KEY_COL, M::BadPeriod(period)),
        }
        let scheme = self.text(SCHEME_ROW, KEY_COL);
        let version = self.text(VERSION_ROW, KEY_COL);
        if scheme != covenant.scheme.id || version != covenant.scheme.version {
            let row = if scheme != covenant.scheme.id {
                SCHEME_ROW
            } else {
                VERSION_ROW
            };
            self.problem(
                row,
                KEY_COL,
                M::WrongScheme {
                    found: scheme,
                    found_version: version,
                    expected: covenant.scheme.id.clone(),
                    expected_version: covenant.scheme.version.clone(),
                },
            );
        }
        let unit = match covenant.unit_index(&unit) {
            Some(u) => Some(u),
            None if unit.is_empty() => {
                self.problem(UNIT_ROW, KEY_COL, M::NoUnit);
                None
            }
            None => {
                self.problem(UNIT_ROW, KEY_COL, M::UnknownUnit(unit));
                None
            }
        };
        if self.problems.len() > before {
            None
        } else {
            unit
        }
    }

    /// The answered items, or `None` when a row has a problem.
    fn items(&mut self) -> Option<Vec<Score>> {
        let before = self.problems.len();
        let last_row = self.cells.end().map_or(0, |(r, _)| r);
        let mut scores = Vec::new();
        // The first row of each item and whether it was filled: a second row for the same
        // item is refused when either holds something, since one of them would be lost.
        let mut first_seen: HashMap<usize, (u32, bool)> = HashMap::new();
        for row in FIRST_ITEM_ROW..=last_row {
            let code = self.text(row, CODE_COL);
            let answer = self.content(row, ANSWER_COL);
            let evidence = self.text(row, EVIDENCE_COL);
            let note = self.text(row, NOTE_COL);
            let filled =
                !matches!(answer, Content::Empty) || !evidence.is_empty() || !note.is_empty();
            if !filled {
                if let Some(item) = self.session.covenant.layout.index_of(&code) {
                    match first_seen.get(&item) {
                        Some(&(first, true)) => {
                            let first = self.place(first, CODE_COL);
                            self.problem(row, CODE_COL, M::DuplicateItem { item: code, first });
                        }
                        Some(_) => {}
                        None => {
                            first_seen.insert(item, (row, false));
                        }
                    }
                }
                continue;
            }
            if code.is_empty() {
                self.problem(row, CODE_COL, M::NoItemOnRow);
                continue;
            }
            let item = match scored_item(self.session, &code) {
                Ok(item) => item,
                Err(reason) => {
                    let is_group = self.session.covenant.layout.group_index(&code).is_some();
                    let reason = if is_group { M::GroupRow(code) } else { reason };
                    self.problem(row, CODE_COL, reason);
                    continue;
                }
            };
            if let Some(&(first, _)) = first_seen.get(&item) {
                let first = self.place(first, CODE_COL);
                self.problem(row, CODE_COL, M::DuplicateItem { item: code, first });
                continue;
            }
            first_seen.insert(item, (row, true));
            let spec = &self.session.covenant.layout.items[item];
            let value = match answer {
                Content::Empty => None,
                Content::Text(t) => match parse_answer(spec, &t) {
                    Ok(v) => Some(v),
                    Err(ValueError::NotANumber(_) | ValueError::NotACount(_))
                        if wants_number(spec) =>
                    {
                        self.problem(
                            row,
                            ANSWER_COL,
                            M::TextNotNumber {
                                item: code,
                                text: t,
                            },
                        );
                        continue;
                    }
                    Err(error) => {
                        self.problem(row, ANSWER_COL, M::BadValue { item: code, error });
                        continue;
                    }
                },
                Content::Number(n) => match parse_answer(spec, &n) {
                    Ok(v) => Some(v),
                    Err(error) => {
                        self.problem(row, ANSWER_COL, M::BadValue { item: code, error });
                        continue;
                    }
                },
                Content::Date(_) => {
                    self.problem(row, ANSWER_COL, M::DateNotValue { item: code });
                    continue;
                }
                Content::Error(e) => {
                    self.problem(row, ANSWER_COL, M::CellError(e));
                    continue;
                }
            };
            scores.push(Score {
                item,
                value,
                evidence,
                note,
            });
        }
        if self.problems.len() > before {
            return None;
        }
        scores.sort_by_key(|s| s.item);
        Some(scores)
    }
}

/// A date as Vietnamese documents write it, `30/06/2026`, with the time when it has one.
fn date_text(d: &ExcelDateTime) -> String {
    if d.is_duration() {
        return number_text(d.as_f64());
    }
    let (year, month, day, hour, minute, _, _) = d.to_ymd_hms_milli();
    if hour == 0 && minute == 0 {
        format!("{day:02}/{month:02}/{year}")
    } else {
        format!("{day:02}/{month:02}/{year} {hour:02}:{minute:02}")
    }
}

/// Whether the item's answer is a number (points, a count, an achieved value).
fn wants_number(item: &Item) -> bool {
    match &item.rule {
        Rule::Criterion { scale, .. } => matches!(
            scale,
            Scale::Free { .. } | Scale::PerOccurrence { .. } | Scale::Target { .. }
        ),
        Rule::Adjustment { scale, .. } => !matches!(scale, AdjustmentScale::Once(_)),
        Rule::Veto => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::a1;

    #[test]
    fn addresses_are_in_a1_style() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(13, 5), "F14");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(0, 26), "AA1");
        assert_eq!(a1(9, 701), "ZZ10");
        assert_eq!(a1(0, 702), "AAA1");
    }
}
