//! The words for `thidua verify`'s findings: ✓ for what holds, ✗ for what fails.

use crate::i18n::Lang;
use crate::report::record::SectionProblem;
use crate::report::verify::{DiffKind, Finding, MAX_FILE_BYTES};

/// One finding of `thidua verify`, in the user's language.
pub fn finding(lang: Lang, f: &Finding) -> String {
    match lang {
        Lang::Vi => vi(lang, f),
        Lang::En => en(lang, f),
    }
}

fn vi(lang: Lang, f: &Finding) -> String {
    match f {
        Finding::Signed(c) => format!(
            "  ✓ chữ ký hợp lệ: {} năm {}, {}, phiên bản {}{}",
            c.bloc,
            c.year,
            lang.period(c.period),
            c.version,
            if c.provisional { ", DỰ THẢO" } else { "" }
        ),
        Finding::ForeignComment(line) => {
            format!("  ✗ chữ ký hợp lệ nhưng không phải báo cáo của thidua (ghi chú: {line})")
        }
        Finding::NoSignature(p) => format!("  ✗ không có tệp chữ ký {}", p.display()),
        Finding::SignatureUnreadable(p) => {
            format!("  ✗ {} không phải tệp chữ ký minisign", p.display())
        }
        Finding::OtherKey(id) => {
            format!("  ✗ được ký bằng khóa khác ({id}), không phải khóa đã cho")
        }
        Finding::SignatureInvalid => {
            "  ✗ chữ ký KHÔNG khớp: tệp (hoặc ghi chú của chữ ký) đã bị sửa sau khi ký".into()
        }
        Finding::NameDiffers { signed } => {
            format!("  ✗ chữ ký này là của tệp {signed}, không phải tệp này")
        }
        Finding::HashDiffers => "  ✗ mã SHA-256 trong chữ ký khác với tệp".into(),
        Finding::RecordUnreadable(e) => format!("  ✗ không đọc được bản ghi: {e}"),
        Finding::RecordFormat(n) => {
            format!("  ✗ bản ghi theo định dạng {n}, phiên bản thidua này không đọc được")
        }
        Finding::RecordDiffersFromComment => {
            "  ✗ khối, năm, kỳ hoặc phiên bản trong bản ghi khác với chữ ký".into()
        }
        Finding::RecordKeyDiffers => {
            "  ✗ khóa công khai ghi trong bản ghi khác với khóa dùng để kiểm tra".into()
        }
        Finding::CovenantInvalid(n) => {
            format!("  ✗ khối và thang điểm trong bản ghi không hợp lệ ({n} lỗi)")
        }
        Finding::EntriesInvalid(problems) => format!(
            "  ✗ {} giá trị chấm trong bản ghi không hợp lệ (đơn vị, tiêu chí hoặc giá trị sai)",
            problems.len()
        ),
        Finding::CannotCompute(m) => format!("  ✗ {}", lang.msg(m)),
        Finding::VotesInvalid(e) => {
            format!(
                "  ✗ một kết quả biểu quyết trong hồ sơ không thể có: {}",
                lang.ballot_error(e)
            )
        }
        Finding::ElectionInvalid(e) => format!(
            "  ✗ kết quả bầu Khối trưởng, Khối phó trong bản ghi không thể có: {}",
            lang.msg(&crate::i18n::Msg::ElectionRefused(e.clone()))
        ),
        Finding::MinutesInvalid(e) => format!(
            "  ✗ thành phần dự họp hoặc biên bản kiểm phiếu trong bản ghi không thể có: {}",
            lang.msg(&crate::i18n::Msg::MinutesRefused(e.clone()))
        ),
        Finding::ElectionMissing => {
            "  ✗ bản tổng kết chính thức thiếu kết quả bầu Khối trưởng, Khối phó năm sau".into()
        }
        Finding::SectionsInvalid(problems) => {
            let mut out = "  ✗ các mục viết của báo cáo trong bản ghi không đúng:".to_string();
            for p in problems {
                out.push_str(&match p {
                    SectionProblem::Unknown(id) => {
                        format!("\n      mục \"{id}\" không có trong thang điểm của kỳ này")
                    }
                    SectionProblem::Duplicate(id) => format!("\n      mục \"{id}\" ghi hai lần"),
                    SectionProblem::TitleDiffers(id) => {
                        format!("\n      tiêu đề mục \"{id}\" khác với thang điểm")
                    }
                    SectionProblem::Empty(title) => {
                        format!("\n      bản chính thức thiếu mục bắt buộc \"{title}\"")
                    }
                });
            }
            out
        }
        Finding::Recomputed { units, entries } => {
            format!("  ✓ tính lại từ {entries} giá trị chấm của {units} đơn vị: kết quả trùng khớp")
        }
        Finding::ResultsDiffer(diffs) => {
            let mut out = format!(
                "  ✗ kết quả ghi trong bản ghi KHÁC kết quả tính lại từ các giá trị chấm ({} chỗ):",
                diffs.len()
            );
            for d in diffs {
                let what = match d.what {
                    DiffKind::Total => "tổng điểm",
                    DiffKind::Band => "xếp loại",
                    DiffKind::Rank => "thứ hạng",
                    DiffKind::Subtotals => "điểm nhóm, thưởng hoặc trừ",
                    DiffKind::Points => "điểm theo tiêu chí",
                    DiffKind::Nominations => "đề nghị khen thưởng",
                    DiffKind::Counts => "số nội dung đã chấm",
                };
                let unit = if d.unit.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", d.unit)
                };
                if d.stored.is_empty() {
                    out.push_str(&format!("\n      {unit}{what} khác"));
                } else {
                    out.push_str(&format!(
                        "\n      {unit}{what} ghi {}, tính lại {}",
                        d.stored, d.computed
                    ));
                }
            }
            out
        }
        Finding::DocumentMatches(f) => format!("  ✓ {f} đúng là tệp bản ghi này nêu (SHA-256)"),
        Finding::DocumentDiffers(f) => {
            format!("  ✗ {f} KHÔNG phải tệp bản ghi này nêu (SHA-256 khác)")
        }
        Finding::DocumentAbsent(f) => format!("  · {f} không có bên cạnh, chưa đối chiếu"),
        Finding::ReplacesMatches(f) => format!("  ✓ thay thế {f}, đúng tệp đã nêu"),
        Finding::ReplacesDiffers(f) => {
            format!("  ✗ bản ghi thay thế {f}, nhưng tệp {f} bên cạnh đã khác")
        }
        Finding::DocumentNameUnsafe(f) => format!(
            "  ✗ bản ghi nêu \"{f}\", không phải một tên tệp đơn: không đọc gì ngoài thư mục của bản ghi"
        ),
        Finding::NotPlainFile(f) => format!(
            "  ✗ {f} bên cạnh bản ghi không phải là tệp thường (liên kết, ống, thiết bị): không đọc"
        ),
        Finding::TooLarge(f) => format!(
            "  ✗ {f} lớn hơn mọi tệp thidua ghi ({} MiB): không đọc",
            MAX_FILE_BYTES >> 20
        ),
        Finding::DocumentsNotChecked => {
            "  ✗ chữ ký của bản ghi không đúng: chưa đối chiếu các tài liệu nó nêu".into()
        }
        Finding::Issued(r) => {
            format!("  ✓ đã phát hành: bản ghi đã ký {r} nêu đúng tệp này")
        }
        Finding::NotIssued(r) => format!(
            "  ✗ CHƯA PHÁT HÀNH: không có bản ghi đã ký của phiên bản này ({r}) nêu tệp này; tệp đã được ghi nhưng chưa từng được phát hành"
        ),
    }
}

fn en(lang: Lang, f: &Finding) -> String {
    match f {
        Finding::Signed(c) => format!(
            "  ✓ signature valid: {} {}, {}, version {}{}",
            c.bloc,
            c.year,
            lang.period(c.period),
            c.version,
            if c.provisional { ", DRAFT" } else { "" }
        ),
        Finding::ForeignComment(line) => {
            format!("  ✗ a valid signature, but not of a thidua report (comment: {line})")
        }
        Finding::NoSignature(p) => format!("  ✗ no signature file {}", p.display()),
        Finding::SignatureUnreadable(p) => {
            format!("  ✗ {} is not a minisign signature file", p.display())
        }
        Finding::OtherKey(id) => format!("  ✗ signed with another key ({id}), not the one given"),
        Finding::SignatureInvalid => {
            "  ✗ the signature does NOT match: the file (or the signature's comment) was changed after signing".into()
        }
        Finding::NameDiffers { signed } => {
            format!("  ✗ this signature is for the file {signed}, not this one")
        }
        Finding::HashDiffers => "  ✗ the SHA-256 in the signature is not the file's".into(),
        Finding::RecordUnreadable(e) => format!("  ✗ the record cannot be read: {e}"),
        Finding::RecordFormat(n) => {
            format!("  ✗ the record is in format {n}, which this thidua cannot read")
        }
        Finding::RecordDiffersFromComment => {
            "  ✗ the record's bloc, year, period or version differ from its signature".into()
        }
        Finding::RecordKeyDiffers => {
            "  ✗ the public key in the record is not the key used for checking".into()
        }
        Finding::CovenantInvalid(n) => {
            format!("  ✗ the bloc and scheme in the record are not valid ({n} problems)")
        }
        Finding::EntriesInvalid(problems) => format!(
            "  ✗ {} entries in the record are invalid (unknown unit or criterion, or a value off the scale)",
            problems.len()
        ),
        Finding::CannotCompute(m) => format!("  ✗ {}", lang.msg(m)),
        Finding::VotesInvalid(e) => {
            format!("  ✗ a vote in the record is impossible: {}", lang.ballot_error(e))
        }
        Finding::ElectionInvalid(e) => format!(
            "  ✗ the election of head and deputy in the record cannot be true: {}",
            lang.msg(&crate::i18n::Msg::ElectionRefused(e.clone()))
        ),
        Finding::MinutesInvalid(e) => format!(
            "  ✗ the attendance or a count record in the record cannot be true: {}",
            lang.msg(&crate::i18n::Msg::MinutesRefused(e.clone()))
        ),
        Finding::ElectionMissing => {
            "  ✗ a final year-end record without next year's head and deputy".into()
        }
        Finding::SectionsInvalid(problems) => {
            let mut out = "  ✗ the report's written sections in the record are not right:".to_string();
            for p in problems {
                out.push_str(&match p {
                    SectionProblem::Unknown(id) => {
                        format!("\n      section \"{id}\" is not one of the period's in the scheme")
                    }
                    SectionProblem::Duplicate(id) => format!("\n      section \"{id}\" appears twice"),
                    SectionProblem::TitleDiffers(id) => {
                        format!("\n      the heading of section \"{id}\" is not the scheme's")
                    }
                    SectionProblem::Empty(title) => {
                        format!("\n      a final version without the required section \"{title}\"")
                    }
                });
            }
            out
        }
        Finding::Recomputed { units, entries } => format!(
            "  ✓ recomputed from the {entries} entries of {units} units: the results match"
        ),
        Finding::ResultsDiffer(diffs) => {
            let mut out = format!(
                "  ✗ the results in the record DIFFER from those recomputed from its entries ({}):",
                diffs.len()
            );
            for d in diffs {
                let what = match d.what {
                    DiffKind::Total => "total",
                    DiffKind::Band => "band",
                    DiffKind::Rank => "rank",
                    DiffKind::Subtotals => "group subtotals, bonus or penalty",
                    DiffKind::Points => "points per criterion",
                    DiffKind::Nominations => "nominations",
                    DiffKind::Counts => "entry counts",
                };
                let unit = if d.unit.is_empty() {
                    String::new()
                } else {
                    format!("{}: ", d.unit)
                };
                if d.stored.is_empty() {
                    out.push_str(&format!("\n      {unit}{what} differ"));
                } else {
                    out.push_str(&format!(
                        "\n      {unit}{what} recorded {}, recomputed {}",
                        d.stored, d.computed
                    ));
                }
            }
            out
        }
        Finding::DocumentMatches(f) => format!("  ✓ {f} is the file this record names (SHA-256)"),
        Finding::DocumentDiffers(f) => {
            format!("  ✗ {f} is NOT the file this record names (different SHA-256)")
        }
        Finding::DocumentAbsent(f) => format!("  · {f} is not beside it, not compared"),
        Finding::ReplacesMatches(f) => format!("  ✓ replaces {f}, the very file named"),
        Finding::ReplacesDiffers(f) => {
            format!("  ✗ the record replaces {f}, but the {f} beside it has changed")
        }
        Finding::DocumentNameUnsafe(f) => format!(
            "  ✗ the record names \"{f}\", which is not a bare file name: nothing outside the record's folder is read"
        ),
        Finding::NotPlainFile(f) => {
            format!("  ✗ {f} beside the record is not a plain file (a link, a pipe, a device): not read")
        }
        Finding::TooLarge(f) => format!(
            "  ✗ {f} is larger than any file thidua writes ({} MiB): not read",
            MAX_FILE_BYTES >> 20
        ),
        Finding::DocumentsNotChecked => {
            "  ✗ the record's signature does not hold: the documents it names were not checked".into()
        }
        Finding::Issued(r) => format!("  ✓ issued: the signed record {r} names this very file"),
        Finding::NotIssued(r) => format!(
            "  ✗ NOT ISSUED: no signed record of its version ({r}) names this file; it was written but never issued"
        ),
    }
}
