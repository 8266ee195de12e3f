//! The self-score form (phiếu tự chấm): one workbook per unit with a single sheet. A header
//! names the bloc, year, review, unit and scheme (the cells the reader checks), then one row per
//! item scored in the review, with the answer, evidence and note cells the unit fills in. The
//! sheet is protected with only those three cells unlocked, and each answer cell only takes
//! what its item's scale accepts.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format,
    FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet,
};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Lang;
use crate::i18n::scale_lines;
use crate::model::layout::{Item, ItemKind, Layout, Rule};
use crate::model::scheme::{AdjustmentScale, Scale};
use crate::model::{Covenant, Period};
use crate::selfscore::words::SelfScoreMsg as M;

use super::{a1, level_choice};

/// Rows of the header: the title, then one label / key / name row for each thing the reader
/// checks, then a line of instructions.
pub const TITLE_ROW: u32 = 0;
pub const BLOC_ROW: u32 = 1;
pub const YEAR_ROW: u32 = 2;
pub const PERIOD_ROW: u32 = 3;
pub const UNIT_ROW: u32 = 4;
pub const SCHEME_ROW: u32 = 5;
pub const VERSION_ROW: u32 = 6;
pub const HELP_ROW: u32 = 7;
/// The column headings, then the items.
pub const HEADING_ROW: u32 = 9;
pub const FIRST_ITEM_ROW: u32 = 10;

/// Columns of the header: label, machine-readable key, name in words.
pub const LABEL_COL: u16 = 0;
pub const KEY_COL: u16 = 1;
pub const NAME_COL: u16 = 2;

/// Columns of the item rows.
pub const CODE_COL: u16 = 0;
pub const TITLE_COL: u16 = 1;
pub const GUIDANCE_COL: u16 = 2;
pub const SCALE_COL: u16 = 3;
pub const MAX_COL: u16 = 4;
pub const ANSWER_COL: u16 = 5;
pub const EVIDENCE_COL: u16 = 6;
pub const NOTE_COL: u16 = 7;

const WIDTHS: [f64; 8] = [10.0, 46.0, 46.0, 34.0, 9.0, 16.0, 32.0, 24.0];

/// Excel's limits on a validation's input title and message, in UTF-16 units.
const INPUT_TITLE_MAX: usize = 32;
const INPUT_MESSAGE_MAX: usize = 255;

/// A4 in Excel's paper numbering.
const PAPER_A4: u8 = 9;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TemplateError(pub String);

impl From<rust_xlsxwriter::XlsxError> for TemplateError {
    fn from(e: rust_xlsxwriter::XlsxError) -> TemplateError {
        TemplateError(e.to_string())
    }
}

/// One row of the form below the headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormRow {
    /// A group of criteria (nhóm tiêu chí), by group index: a heading, not answered.
    Group(usize),
    /// The heading of the bonus, penalty or veto items.
    Section(ItemKind),
    /// An item to answer, by item index.
    Item(usize),
}

/// The rows of the form for `period`: the criteria in tree order under their groups (only the
/// groups holding an item of the period), then the bonus, penalty and veto items each under a
/// heading. Only the items for which `applies` holds (those that apply to the form's unit).
pub fn form_rows(layout: &Layout, period: Period, applies: impl Fn(usize) -> bool) -> Vec<FormRow> {
    let mut rows = Vec::new();
    let mut shown = vec![false; layout.groups.len()];
    let scored = |kind: ItemKind| {
        layout
            .items
            .iter()
            .enumerate()
            .filter(move |(_, item)| item.kind == kind && item.is_scored_in(period))
            .map(|(i, _)| i)
            .filter(|&i| applies(i))
    };
    for i in scored(ItemKind::Criterion) {
        let mut chain = Vec::new();
        let mut group = layout.items[i].group;
        while let Some(g) = group {
            chain.push(g);
            group = layout.groups[g].parent;
        }
        for &g in chain.iter().rev() {
            if !shown[g] {
                shown[g] = true;
                rows.push(FormRow::Group(g));
            }
        }
        rows.push(FormRow::Item(i));
    }
    for kind in [ItemKind::Bonus, ItemKind::Penalty, ItemKind::Veto] {
        let items: Vec<usize> = scored(kind).collect();
        if !items.is_empty() {
            rows.push(FormRow::Section(kind));
            rows.extend(items.into_iter().map(FormRow::Item));
        }
    }
    rows
}

/// `khoi-8-2026-mid-year-tu-cham-thanh-dong.xlsx`.
pub fn file_name(bloc: &str, year: i32, period: Period, unit: &str) -> String {
    format!(
        "{}-{year}-{}-tu-cham-{}.xlsx",
        file_safe(bloc),
        period.slug(),
        file_safe(unit)
    )
}

/// An id as a part of a file name: runs of anything but letters, digits, `_` and `.` become
/// one `-`, and the name cannot start with a dot or a dash.
fn file_safe(id: &str) -> String {
    let mut safe = String::new();
    for c in id.chars() {
        if c.is_alphanumeric() || matches!(c, '_' | '.') {
            safe.push(c);
        } else if !safe.ends_with('-') {
            safe.push('-');
        }
    }
    safe.trim_matches(|c| c == '-' || c == '.').to_string()
}

/// Writes the form of member `unit` to bytes.
pub fn workbook(
    covenant: &Covenant,
    year: i32,
    period: Period,
    unit: usize,
    lang: Lang,
) -> Result<Vec<u8>, TemplateError> {
    let formats = Formats::new();
    let member = &covenant.bloc.members[unit];
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{} – {} – {} {year}",
                M::FormTitle.text(lang),
                member.name,
                lang.period(period)
            ))
            .set_subject(covenant.bloc.name.clone())
            .set_company(covenant.bloc.parent_body.clone()),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(M::SheetName.text(lang))?;
    for (col, width) in (0u16..).zip(WIDTHS) {
        sheet.set_column_width(col, width)?;
    }
    header(sheet, &formats, covenant, year, period, unit, lang)?;
    headings(sheet, &formats, lang)?;
    // An item that does not apply to the unit has no row: there is nothing to score.
    let applies = |i| covenant.applies(unit, i);
    for (row, form_row) in (FIRST_ITEM_ROW..).zip(form_rows(&covenant.layout, period, applies)) {
        match form_row {
            FormRow::Group(g) => {
                let group = &covenant.layout.groups[g];
                heading_row(sheet, &formats, row, &group.code, &group.title)?;
            }
            FormRow::Section(kind) => {
                heading_row(sheet, &formats, row, "", &section_title(kind).text(lang))?;
            }
            FormRow::Item(i) => {
                item_row(sheet, &formats, covenant, unit, i, row, lang)?;
            }
        }
    }
    sheet.set_landscape();
    sheet.set_paper_size(PAPER_A4);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(HEADING_ROW, HEADING_ROW)?;
    // Resizing rows and columns helps reading long titles; nothing else may change.
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    });
    Ok(book.save_to_buffer()?)
}

/// The heading of the adjustments and vetoes; criteria are headed by their groups instead.
fn section_title(kind: ItemKind) -> M {
    match kind {
        ItemKind::Bonus => M::SectionBonus,
        ItemKind::Penalty => M::SectionPenalty,
        ItemKind::Veto => M::SectionVeto,
        ItemKind::Criterion => M::ColTitle,
    }
}

struct Formats {
    title: Format,
    label: Format,
    key: Format,
    help: Format,
    heading: Format,
    group: Format,
    text: Format,
    number: Format,
    answer: Format,
    answer_text: Format,
}

impl Formats {
    fn new() -> Formats {
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        let fill_in = cell
            .clone()
            .set_unlocked()
            .set_background_color(Color::RGB(0x00FF_F2CC));
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            label: Format::new().set_bold(),
            key: Format::new().set_align(FormatAlign::Left),
            help: Format::new().set_italic(),
            heading: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(0x00DD_EBF7)),
            group: cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0x00F2_F2F2)),
            number: cell.clone().set_align(FormatAlign::Center),
            text: cell,
            answer: fill_in.clone().set_align(FormatAlign::Center),
            answer_text: fill_in,
        }
    }
}

fn header(
    sheet: &mut Worksheet,
    f: &Formats,
    covenant: &Covenant,
    year: i32,
    period: Period,
    unit: usize,
    lang: Lang,
) -> Result<(), TemplateError> {
    let bloc = &covenant.bloc;
    let scheme = &covenant.scheme;
    let member = &bloc.members[unit];
    sheet.write_string_with_format(TITLE_ROW, 0, M::FormTitle.text(lang), &f.title)?;
    sheet.set_row_height(TITLE_ROW, 21)?;
    let keyed: [(u32, M, &str, &str); 5] = [
        (BLOC_ROW, M::LabelBloc, &bloc.id, &bloc.name),
        (
            PERIOD_ROW,
            M::LabelPeriod,
            period.slug(),
            lang.period(period),
        ),
        (UNIT_ROW, M::LabelUnit, &member.id, &member.name),
        (SCHEME_ROW, M::LabelScheme, &scheme.id, &scheme.title),
        (VERSION_ROW, M::LabelVersion, &scheme.version, ""),
    ];
    for (row, label, key, name) in keyed {
        sheet.write_string_with_format(row, LABEL_COL, label.text(lang), &f.label)?;
        sheet.write_string_with_format(row, KEY_COL, key, &f.key)?;
        if !name.is_empty() {
            sheet.write_string(row, NAME_COL, name)?;
        }
    }
    sheet.write_string_with_format(YEAR_ROW, LABEL_COL, M::LabelYear.text(lang), &f.label)?;
    sheet.write_number_with_format(YEAR_ROW, KEY_COL, year, &f.key)?;
    sheet.write_string_with_format(HELP_ROW, 0, M::FormHelp.text(lang), &f.help)?;
    Ok(())
}

fn headings(sheet: &mut Worksheet, f: &Formats, lang: Lang) -> Result<(), TemplateError> {
    let names = [
        M::ColCode,
        M::ColTitle,
        M::ColGuidance,
        M::ColScale,
        M::ColMax,
        M::ColAnswer,
        M::ColEvidence,
        M::ColNote,
    ];
    for (col, name) in (0u16..).zip(names) {
        sheet.write_string_with_format(HEADING_ROW, col, name.text(lang), &f.heading)?;
    }
    sheet.set_row_height(HEADING_ROW, 30)?;
    Ok(())
}

/// A group's or a section's heading: code and title, the other cells shaded and locked.
fn heading_row(
    sheet: &mut Worksheet,
    f: &Formats,
    row: u32,
    code: &str,
    title: &str,
) -> Result<(), TemplateError> {
    sheet.write_string_with_format(row, CODE_COL, code, &f.group)?;
    sheet.write_string_with_format(row, TITLE_COL, title, &f.group)?;
    for col in GUIDANCE_COL..=NOTE_COL {
        sheet.write_blank(row, col, &f.group)?;
    }
    sheet.set_row_height(row, row_height(&[(title, WIDTHS[TITLE_COL as usize])]))?;
    Ok(())
}

fn item_row(
    sheet: &mut Worksheet,
    f: &Formats,
    covenant: &Covenant,
    unit: usize,
    i: usize,
    row: u32,
    lang: Lang,
) -> Result<(), TemplateError> {
    let item = &covenant.layout.items[i];
    let mut scale = scale_lines(lang, item)
        .into_iter()
        .map(|l| l.trim().to_string())
        .collect::<Vec<_>>()
        .join("\n");
    if matches!(
        item.rule,
        Rule::Criterion {
            scale: Scale::Target { .. },
            ..
        }
    ) {
        let target = match covenant.target(unit, i) {
            Some(t) => M::TargetIs(t).text(lang),
            None => M::NoTarget.text(lang),
        };
        scale = format!("{scale}\n{target}");
    }
    sheet.write_string_with_format(row, CODE_COL, &item.code, &f.text)?;
    sheet.write_string_with_format(row, TITLE_COL, &item.title, &f.text)?;
    sheet.write_string_with_format(row, GUIDANCE_COL, &item.guidance, &f.text)?;
    sheet.write_string_with_format(row, SCALE_COL, &scale, &f.text)?;
    match most_points(item).and_then(|d| d.to_f64()) {
        Some(max) => sheet.write_number_with_format(row, MAX_COL, max, &f.number)?,
        None => sheet.write_blank(row, MAX_COL, &f.number)?,
    };
    sheet.write_blank(row, ANSWER_COL, &f.answer)?;
    sheet.write_blank(row, EVIDENCE_COL, &f.answer_text)?;
    sheet.write_blank(row, NOTE_COL, &f.answer_text)?;
    let validation = answer_validation(item, row, lang)?
        .set_input_title(fit_utf16(&M::ColAnswer.text(lang), INPUT_TITLE_MAX))?
        .set_input_message(fit_utf16(&scale, INPUT_MESSAGE_MAX))?
        .set_error_title(fit_utf16(&M::RefusedTitle.text(lang), INPUT_TITLE_MAX))?
        .set_error_style(DataValidationErrorStyle::Stop);
    sheet.add_data_validation(row, ANSWER_COL, row, ANSWER_COL, &validation)?;
    let height = row_height(&[
        (&item.title, WIDTHS[TITLE_COL as usize]),
        (&item.guidance, WIDTHS[GUIDANCE_COL as usize]),
        (&scale, WIDTHS[SCALE_COL as usize]),
    ]);
    sheet.set_row_height(row, height)?;
    Ok(())
}

/// The most points the item's row can show: the criterion's maximum, a once-only adjustment's
/// points, an adjustment's cap; nothing for a veto or an uncapped adjustment.
fn most_points(item: &Item) -> Option<Decimal> {
    match &item.rule {
        Rule::Criterion { max, .. } => Some(*max),
        Rule::Adjustment {
            scale: AdjustmentScale::Once(points),
            cap,
        } => Some(cap.map_or(*points, |c| c.min(*points))),
        Rule::Adjustment { cap, .. } => *cap,
        Rule::Veto => None,
    }
}

/// What the answer cell accepts, with the message Excel shows when it refuses an entry.
fn answer_validation(item: &Item, row: u32, lang: Lang) -> Result<DataValidation, TemplateError> {
    let cell = a1(row, ANSWER_COL);
    let met = [M::ChoiceMet.text(lang), M::ChoiceNotMet.text(lang)];
    let yes = [M::ChoiceYes.text(lang), M::ChoiceNo.text(lang)];
    let validation = match &item.rule {
        Rule::Criterion { scale, max } => match scale {
            Scale::Levels(levels) => {
                let long: Vec<String> = levels
                    .iter()
                    .map(|l| level_choice(&l.code, &l.label))
                    .collect();
                let codes: Vec<String> = levels.iter().map(|l| l.code.clone()).collect();
                // Excel holds at most 255 characters of choices: long labels give way to codes.
                let fitting = if choice_list(&long).is_some() {
                    long
                } else {
                    codes
                };
                list(&fitting, lang)?
            }
            Scale::MetOrNot => list(&met, lang)?,
            Scale::Free { step } => points(&cell, *step, Some(*max), lang)?,
            Scale::PerOccurrence { .. } => count(lang)?,
            Scale::Target { .. } => DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_error_message(M::EnterAchieved.text(lang))?,
        },
        Rule::Adjustment { scale, cap } => match scale {
            AdjustmentScale::Once(_) => list(&yes, lang)?,
            AdjustmentScale::PerOccurrence(_) => count(lang)?,
            AdjustmentScale::Free { step } => points(&cell, *step, *cap, lang)?,
        },
        Rule::Veto => list(&met, lang)?,
    };
    Ok(validation)
}

/// A drop-down list of `choices`, when Excel can hold it (at most 255 characters, no commas,
/// which would split a choice).
fn choice_list(choices: &[String]) -> Option<DataValidation> {
    if choices.iter().any(|c| c.contains(',')) {
        return None;
    }
    DataValidation::new().allow_list_strings(choices).ok()
}

fn list(choices: &[String], lang: Lang) -> Result<DataValidation, TemplateError> {
    Ok(choice_list(choices)
        .unwrap_or_else(DataValidation::new)
        .set_error_message(M::PickFromList.text(lang))?)
}

fn count(lang: Lang) -> Result<DataValidation, TemplateError> {
    Ok(DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_message(M::EnterCount.text(lang))?)
}

/// Points from zero to `max` (when there is one), on `step` or the maximum itself: one formula
/// holds them all, since a
/// cell takes a single validation. The quotient is rounded before the test so that a binary
/// fraction such as 0.1 × 3 does not fail it.
fn points(
    cell: &str,
    step: Decimal,
    max: Option<Decimal>,
    lang: Lang,
) -> Result<DataValidation, TemplateError> {
    let message = M::EnterPoints { max, step }.text(lang);
    let mut tests = vec![format!("ISNUMBER({cell})"), format!("{cell}>=0")];
    if let Some(max) = max {
        tests.push(format!("{cell}<={}", max.normalize()));
    }
    if !step.is_zero() {
        let on_step = format!("MOD(ROUND({cell}/{},9),1)=0", step.normalize());
        // The maximum is allowed when the step does not divide it.
        tests.push(match max {
            Some(max) if !(max % step).is_zero() => {
                format!("OR({on_step},{cell}={})", max.normalize())
            }
            _ => on_step,
        });
    }
    let formula = Formula::new(format!("=AND({})", tests.join(",")));
    Ok(DataValidation::new()
        .allow_custom(formula)
        .set_error_message(message)?)
}

/// `text` cut to `max` UTF-16 units, ending with "…" when cut.
fn fit_utf16(text: &str, max: usize) -> String {
    if text.encode_utf16().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        if used + c.len_utf16() + 1 > max {
            break;
        }
        out.push(c);
        used += c.len_utf16();
    }
    out.push('…');
    out
}

/// A row tall enough for its longest wrapped text: lines of about a column's width, 15 points
/// each, as Excel does not size rows of wrapped text by itself.
pub(crate) fn row_height(texts: &[(&str, f64)]) -> f64 {
    let lines = texts
        .iter()
        .map(|(text, width)| {
            text.split('\n')
                .map(|line| (line.width() as f64 / (width * 0.95)).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    15.0 * lines
}
