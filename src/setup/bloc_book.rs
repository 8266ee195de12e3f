//! `thidua template-bloc`: a bloc as a workbook: its details and officers, its members, the
//! covenant targets as units × the scheme's target criteria, and what does not apply to each
//! unit. Written from a bloc (or from a scheme alone, for a new bloc), it reads back
//! (`bloc_read`) as the same bloc.

use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook, XlsxError,
};

use crate::model::layout::{Layout, Rule};
use crate::model::scheme::{Direction, Scale, Scheme};
use crate::model::{Bloc, Member, Signer};

use super::bloc_shape::{self as shape, TARGET_HEADING_ROWS};
use super::writer::{Out, n, opt, t, write_sheet};

/// A bloc to start from when there is none yet: the scheme's, with every field to fill in.
pub fn blank(scheme: &Scheme, year: i32) -> Bloc {
    Bloc {
        id: String::new(),
        name: String::new(),
        year,
        parent_body: String::new(),
        recipients: Vec::new(),
        place: String::new(),
        number_suffix: "BC-KTĐ".into(),
        scheme: scheme.id.clone(),
        members: vec![Member {
            id: String::new(),
            name: String::new(),
            short: String::new(),
        }],
        head: String::new(),
        deputy: None,
        signer: Signer {
            name: String::new(),
            post: String::new(),
        },
        targets: Default::default(),
        not_applicable: Default::default(),
    }
}

/// The workbook of `bloc`, its target columns those of `scheme`.
pub fn workbook(bloc: &Bloc, scheme: &Scheme) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    book.set_properties(&DocProperties::new().set_title(&bloc.name));
    let values = [
        t(&bloc.id),
        t(&bloc.name),
        n(bloc.year.into()),
        t(&bloc.parent_body),
        t(&bloc.place),
        t(&bloc.number_suffix),
        t(&bloc.scheme),
        t(&bloc.head),
        t(bloc.deputy.clone().unwrap_or_default()),
        t(&bloc.signer.name),
        t(&bloc.signer.post),
        t(bloc.recipients.join("\n")),
    ];
    let info: Vec<Vec<Out>> = shape::info::ALL
        .iter()
        .zip(values)
        .map(|(label, value)| vec![t(*label), value])
        .collect();
    write_sheet(book.add_worksheet(), &shape::INFO, &info)?;
    let members: Vec<Vec<Out>> = bloc
        .members
        .iter()
        .map(|m| vec![t(&m.id), t(&m.name), t(&m.short)])
        .collect();
    write_sheet(book.add_worksheet(), &shape::MEMBERS, &members)?;
    targets(book.add_worksheet(), bloc, scheme)?;
    let not_applicable: Vec<Vec<Out>> = bloc
        .not_applicable
        .iter()
        .map(|(unit, codes)| vec![t(unit), t(codes.join(", "))])
        .collect();
    write_sheet(
        book.add_worksheet(),
        &shape::NOT_APPLICABLE,
        &not_applicable,
    )?;
    book.save_to_buffer()
}

/// The target criteria of a scheme, in the tree's order: (key, heading under it).
pub fn target_criteria(scheme: &Scheme) -> Vec<(String, String)> {
    Layout::new(scheme)
        .items
        .into_iter()
        .filter_map(|item| match &item.rule {
            Rule::Criterion {
                scale: Scale::Target { better, .. },
                ..
            } => {
                let fewer = if *better == Direction::Lower {
                    " (càng ít càng tốt)"
                } else {
                    ""
                };
                Some((
                    item.code.clone(),
                    format!("{} {}{fewer}", item.label, item.title),
                ))
            }
            _ => None,
        })
        .collect()
}

fn targets(
    sheet: &mut rust_xlsxwriter::Worksheet,
    bloc: &Bloc,
    scheme: &Scheme,
) -> Result<(), XlsxError> {
    let criteria = target_criteria(scheme);
    let mut rows: Vec<Vec<Out>> = vec![
        std::iter::repeat_n(Out::Empty, 2)
            .chain(criteria.iter().map(|(_, title)| t(title)))
            .collect(),
    ];
    for m in &bloc.members {
        let mut row = vec![t(&m.id), t(&m.short)];
        row.extend(
            criteria
                .iter()
                .map(|(code, _)| opt(bloc.target(&m.id, code))),
        );
        rows.push(row);
    }
    write_sheet(sheet, &shape::TARGETS, &rows)?;
    let heading = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border(FormatBorder::Thin);
    for (i, (code, _)) in criteria.iter().enumerate() {
        let col = (i + 2) as u16;
        sheet.set_column_width(col, 18.0)?;
        sheet.write_string_with_format(0, col, code, &heading)?;
    }
    sheet.set_row_height(1, 60)?;
    sheet.set_freeze_panes(TARGET_HEADING_ROWS, 2)?;
    Ok(())
}
