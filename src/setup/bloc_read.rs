//! `thidua import-bloc`: reads a bloc's workbook (`bloc_book`'s shape) into a bloc, and checks it
//! against its scheme with the bloc's own checks, every problem at its sheet and cell.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::model::path::{Path, Seg};
use crate::model::scheme::Scheme;
use crate::model::value::parse_decimal;
use crate::model::{Bloc, Member, Signer, limits, validate};
use crate::selfscore::Place;
use crate::store::workbook::{Bounds, Content};

use super::bloc_shape::{self as shape, NOT_APPLICABLE_WORDS, TARGET_HEADING_ROWS};
use super::reader::{At, Problem, Reader};
use super::shape::SheetShape;
use super::words::SetupMsg;

/// How much of a bloc's workbook is read at most.
pub const BOUNDS: Bounds = Bounds {
    bytes: 8 << 20,
    inflated: 48 << 20,
    parts: 256,
    rows: limits::MAX_UNITS as u32 + 100,
    cols: limits::MAX_ITEMS as u16 + 10,
};

/// Reads the bloc of a workbook, or every problem found. `scheme` gives the checks against the
/// scheme the bloc names, once it is found (`None`: the bloc is checked on its own).
pub fn read(
    bytes: &[u8],
    scheme: impl FnOnce(&str) -> Option<Scheme>,
) -> Result<(Bloc, Option<Scheme>), Vec<Problem>> {
    let mut book = super::reader::open(bytes, BOUNDS)?;
    let mut reader = Reader::new(BOUNDS);
    reader.load(&mut book, &shape::INFO, true)?;
    reader.load(&mut book, &shape::MEMBERS, true)?;
    reader.load(&mut book, &shape::TARGETS, false)?;
    reader.load(&mut book, &shape::NOT_APPLICABLE, false)?;
    let bloc = reader.bloc();
    if !reader.problems.is_empty() {
        return Err(reader.problems);
    }
    let Some(bloc) = bloc else {
        return Err(reader.problems);
    };
    let Some(scheme) = scheme(&bloc.scheme) else {
        return Ok((bloc, None));
    };
    let issues = validate::bloc(&bloc, &scheme);
    if issues.is_empty() {
        Ok((bloc, Some(scheme)))
    } else {
        Err(issues
            .into_iter()
            .map(|i| Problem {
                place: reader.place_of(&i.path, column_of, shape::INFO.name),
                what: SetupMsg::Issue(i.kind),
            })
            .collect())
    }
}

/// The column of a problem below a row's own path: a member's fields in their order; the value
/// of a "Thông tin khối" row.
fn column_of(sheet: &SheetShape, rest: &[Seg]) -> Option<u16> {
    if sheet.name == shape::MEMBERS.name {
        return match rest.first() {
            Some(Seg::Field("name")) => Some(1),
            Some(Seg::Field("short")) => Some(2),
            _ => Some(0),
        };
    }
    Some(1)
}

impl Reader {
    fn bloc(&mut self) -> Option<Bloc> {
        use shape::info::*;
        let mut rows: BTreeMap<String, At> = BTreeMap::new();
        for at in self.rows(&shape::INFO) {
            let label = self.text(at, 0).to_lowercase();
            rows.entry(label).or_insert(at);
        }
        let value = |reader: &mut Reader, label: &'static str, path: Path| {
            let Some(&at) = rows.get(&label.to_lowercase()) else {
                if REQUIRED.contains(&label) {
                    let place = Place::Sheet(shape::INFO.name.to_string());
                    reader.problem(place, SetupMsg::MissingInfo(label));
                }
                return String::new();
            };
            reader.remember(path, at);
            if REQUIRED.contains(&label) {
                reader.required_row(at, label)
            } else {
                reader.text(at, 1)
            }
        };
        let id = value(self, ID, Path::root().field("id"));
        let name = value(self, NAME, Path::root().field("name"));
        let year_text = value(self, YEAR, Path::root().field("year"));
        let parent_body = value(self, PARENT_BODY, Path::root().field("parent_body"));
        let place = value(self, PLACE, Path::root().field("place"));
        let number_suffix = value(self, NUMBER_SUFFIX, Path::root().field("number_suffix"));
        let scheme = value(self, SCHEME, Path::root().field("scheme"));
        let head = value(self, HEAD, Path::root().field("head"));
        let deputy = value(self, DEPUTY, Path::root().field("deputy"));
        let signer_name = value(self, SIGNER, Path::root().field("signer").field("name"));
        let signer_post = value(
            self,
            SIGNER_POST,
            Path::root().field("signer").field("post"),
        );
        let recipients = value(self, RECIPIENTS, Path::root().field("recipients"));
        // A year that does not read is said, and the rest is read all the same.
        let year = match year_text.parse::<i32>() {
            Ok(y) if (1900..=9999).contains(&y) => Some(y),
            _ => {
                if !year_text.is_empty()
                    && let Some(&at) = rows.get(&YEAR.to_lowercase())
                {
                    let place = self.cell_place(at, 1);
                    self.problem(place, SetupMsg::NotAWholeNumber(year_text));
                }
                None
            }
        };
        let members = self.members();
        // Officers may be named by the unit's id or its short name.
        let by_short = |name: String| -> String {
            members
                .iter()
                .find(|m| m.short.to_lowercase() == name.to_lowercase())
                .map_or(name, |m| m.id.clone())
        };
        let mut bloc = Bloc {
            id,
            name,
            year: year.unwrap_or_default(),
            parent_body,
            recipients: recipients
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect(),
            place,
            number_suffix,
            scheme,
            head: by_short(head),
            deputy: (!deputy.is_empty()).then(|| by_short(deputy)),
            signer: Signer {
                name: signer_name,
                post: signer_post,
            },
            members,
            targets: BTreeMap::new(),
            not_applicable: BTreeMap::new(),
        };
        self.targets(&mut bloc);
        self.not_applicable(&mut bloc);
        year.map(|_| bloc)
    }

    fn members(&mut self) -> Vec<Member> {
        let mut members = Vec::new();
        for (i, at) in self.rows(&shape::MEMBERS).into_iter().enumerate() {
            self.remember(Path::root().field("members").index(i), at);
            members.push(Member {
                id: self.required(at, 0),
                name: self.required(at, 1),
                short: self.required(at, 2),
            });
        }
        members
    }

    /// The targets sheet: the codes in the first heading row, a unit on each row below the
    /// headings (by id, or by its short name), a target or "KAD" in each cell.
    fn targets(&mut self, bloc: &mut Bloc) {
        let Some(sheet) = self.sheets.get(shape::TARGETS.name) else {
            return;
        };
        let name = shape::TARGETS.name;
        let cols = self.bounds.cols;
        let text = |content: Content| match content {
            Content::Text(s) | Content::Number(s) | Content::Date(s) => s,
            _ => String::new(),
        };
        let codes: Vec<(u16, String)> = (2..cols)
            .map(|c| (c, text(sheet.cells.content(0, c))))
            .filter(|(_, code)| !code.is_empty())
            .collect();
        let last_row = sheet.cells.last_row;
        for row in TARGET_HEADING_ROWS..=last_row {
            let at = At { sheet: name, row };
            let mut unit = self.text(at, 0);
            let short = self.text(at, 1);
            if unit.is_empty() {
                match bloc.members.iter().find(|m| m.short == short) {
                    Some(m) => unit = m.id.clone(),
                    None => continue,
                }
            }
            for (col, code) in &codes {
                let place = Place::Cell {
                    sheet: name.to_string(),
                    row,
                    col: *col,
                };
                let content = self.sheets[name].cells.content(row, *col);
                let cell = match content {
                    Content::Empty => continue,
                    Content::Formula(f) => {
                        self.problem(place, SetupMsg::Formula(f));
                        continue;
                    }
                    Content::Error(e) => {
                        self.problem(place, SetupMsg::CellError(e));
                        continue;
                    }
                    other => text(other),
                };
                let path = Path::root().field("targets").key(&unit).key(code);
                if NOT_APPLICABLE_WORDS.contains(&cell.to_lowercase().as_str()) {
                    let list = bloc.not_applicable.entry(unit.clone()).or_default();
                    let path = Path::root().field("not_applicable").key(&unit);
                    self.remember_cell(path.index(list.len()), place);
                    list.push(code.clone());
                    continue;
                }
                let Some(value): Option<Decimal> = parse_decimal(&cell) else {
                    self.problem(place, SetupMsg::NotANumber(cell));
                    continue;
                };
                self.remember_cell(path, place.clone());
                self.remember_cell(Path::root().field("targets").key(&unit), place);
                bloc.targets
                    .entry(unit.clone())
                    .or_default()
                    .insert(code.clone(), value);
            }
        }
    }

    /// The codes that do not apply to each unit: a unit per row, its codes separated by commas,
    /// semicolons or lines.
    fn not_applicable(&mut self, bloc: &mut Bloc) {
        for at in self.rows(&shape::NOT_APPLICABLE) {
            let unit = self.required(at, 0);
            let codes = self.text(at, 1);
            let path = Path::root().field("not_applicable").key(&unit);
            self.remember(path, at);
            let list = bloc.not_applicable.entry(unit).or_default();
            list.extend(
                codes
                    .split([',', ';', '\n'])
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(String::from),
            );
        }
    }
}
