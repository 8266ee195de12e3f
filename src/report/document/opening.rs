//! The body's sentences, as an official would write them: the plan and covenant the report
//! answers, cited briefly; who leads; how many units in each band and which; who failed which
//! condition and what that caps.

use crate::model::scheme::Basis;
use crate::model::{Covenant, Period};
use crate::score::Results;

use super::words::{dec, join_vi, span};
use super::{Block, Edition, paragraph};

/// The documents of the legal basis that the opening sentence names: the plans and the
/// covenant ("Kế hoạch …", "Giao ước …"), each without its subject ("về …"). The laws, decrees
/// and directives stay in the scheme, which the annex names; the seeds cite the plan alone.
pub fn cited(legal_basis: &str) -> Vec<String> {
    legal_basis
        .split(';')
        .map(|part| part.trim().trim_end_matches('.').trim())
        .filter(|part| {
            let lower = part.to_lowercase();
            lower.starts_with("kế hoạch") || lower.starts_with("giao ước")
        })
        .map(|part| match part.find(" về ") {
            Some(at) => part[..at].trim().to_string(),
            None => part.to_string(),
        })
        .collect()
}

/// "Thực hiện Kế hoạch số 24/KH-UBND … và Giao ước thi đua năm 2026 …, Khối thi đua số 8 báo
/// cáo kết quả … như sau:".
pub fn opening(covenant: &Covenant, edition: &Edition) -> Block {
    let bloc = &covenant.bloc;
    let cited = cited(&covenant.scheme.legal_basis);
    let cited: Vec<&str> = cited.iter().map(String::as_str).collect();
    let what = match edition.period {
        Period::MidYear => format!(
            "sơ kết kết quả thực hiện giao ước thi đua {} và phương hướng, nhiệm vụ 6 tháng \
             cuối năm",
            span(edition.period, edition.year)
        ),
        Period::YearEnd => format!(
            "tổng kết kết quả thực hiện giao ước thi đua năm {} và phương hướng, nhiệm vụ năm {}",
            edition.year,
            edition.year + 1
        ),
    };
    let lead = if cited.is_empty() {
        String::new()
    } else {
        format!("Thực hiện {}, ", join_vi(&cited))
    };
    paragraph(format!("{lead}{} báo cáo {what} như sau:", bloc.name))
}

/// Who leads and who follows: "Ủy ban nhân dân phường Thành Đông dẫn đầu Khối với 84,11
/// điểm; tiếp theo là Hải Dương (81,69 điểm) và Tứ Minh (76,62 điểm)."
pub fn leaders(covenant: &Covenant, results: &Results) -> Option<String> {
    let members = &covenant.bloc.members;
    let &first = results.order.first()?;
    let top = &results.units[first];
    let tied: Vec<&str> = results
        .order
        .iter()
        .filter(|&&u| results.units[u].rank == 1)
        .map(|&u| members[u].short.as_str())
        .collect();
    let mut sentence = if tied.len() > 1 {
        format!(
            "Các đơn vị {} đồng dẫn đầu Khối với {} điểm",
            join_vi(&tied),
            dec(top.total)
        )
    } else {
        format!(
            "{} dẫn đầu Khối với {} điểm",
            members[first].name,
            dec(top.total)
        )
    };
    let next: Vec<String> = results
        .order
        .iter()
        .skip(tied.len())
        .take(2)
        .map(|&u| {
            format!(
                "{} ({} điểm)",
                members[u].short,
                dec(results.units[u].total)
            )
        })
        .collect();
    if !next.is_empty() {
        let next: Vec<&str> = next.iter().map(String::as_str).collect();
        sentence.push_str(&format!("; tiếp theo là {}", join_vi(&next)));
    }
    Some(sentence + ".")
}

/// "Về xếp loại (…): 2 đơn vị xếp loại Xuất sắc (Thành Đông, Hải Dương); 3 đơn vị xếp loại
/// Tốt (…)."; nothing where the period is not classified.
pub fn classification(covenant: &Covenant, results: &Results, period: Period) -> Option<String> {
    let scheme = &covenant.scheme;
    let bands: Vec<String> = scheme
        .bands_of(period)
        .iter()
        .enumerate()
        .filter_map(|(b, band)| {
            let names: Vec<&str> = results
                .order
                .iter()
                .filter(|&&u| results.units[u].band == Some(b))
                .map(|&u| covenant.bloc.members[u].short.as_str())
                .collect();
            (!names.is_empty()).then(|| {
                format!(
                    "{} đơn vị xếp loại {} ({})",
                    names.len(),
                    band.label,
                    names.join(", ")
                )
            })
        })
        .collect();
    // Where the period's bands are shares of its maximum, the reader is told so: the bounds
    // printed in the scheme are then percentages, not points.
    let basis = match scheme.classification.of(period) {
        Basis::Points => String::new(),
        Basis::ShareOfMaximum if covenant.bloc.not_applicable.is_empty() => format!(
            " (xếp loại theo tỷ lệ tổng điểm so với {} điểm tối đa của kỳ)",
            dec(covenant.layout.max_total(Some(period)))
        ),
        Basis::ShareOfMaximum => " (xếp loại theo tỷ lệ tổng điểm so với điểm tối đa của kỳ \
             tính trên các nội dung áp dụng với từng đơn vị)"
            .to_string(),
        // The scheme does not classify this period: nothing is said of bands.
        Basis::Off => return None,
    };
    Some(format!("Về xếp loại{basis}: {}.", bands.join("; ")))
}

/// "Hội nghị đã bầu Ủy ban nhân dân phường Hải Dương làm Khối trưởng (7/8 thành viên có mặt
/// tán thành) và … làm Khối phó Khối thi đua số 8 năm 2027."
pub fn election(covenant: &Covenant, edition: &Edition) -> String {
    let bloc = &covenant.bloc;
    let Some(e) = &edition.election else {
        return "Hội nghị chưa bầu Khối trưởng, Khối phó năm sau.".to_string();
    };
    let name = |id: &str| {
        bloc.members
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| id.to_string(), |m| m.name.clone())
    };
    let votes = |n: u32| match e.vote {
        Some(v) => format!(" ({n}/{} thành viên có mặt tán thành)", v.present),
        None => String::new(),
    };
    format!(
        "Hội nghị đã bầu {} làm Khối trưởng{} và {} làm Khối phó{} {} năm {}.",
        name(&e.head),
        votes(e.vote.map_or(0, |v| v.head)),
        name(&e.deputy),
        votes(e.vote.map_or(0, |v| v.deputy)),
        bloc.name,
        edition.year + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_and_the_covenant_are_cited_without_their_subjects() {
        let basis = "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022; Chỉ thị số \
                     41-CT/TW; Kế hoạch số 24/KH-UBND ngày 26/01/2026 của Ủy ban nhân dân thành \
                     phố về triển khai công tác thi đua; Giao ước thi đua năm 2026 của Khối thi \
                     đua số 8.";
        assert_eq!(
            cited(basis),
            [
                "Kế hoạch số 24/KH-UBND ngày 26/01/2026 của Ủy ban nhân dân thành phố",
                "Giao ước thi đua năm 2026 của Khối thi đua số 8"
            ]
        );
        assert!(cited("Luật Thi đua, khen thưởng").is_empty());
    }
}
