//! The words of the ward's side, in Vietnamese and English.

use crate::i18n::Lang;
use crate::model::Period;

use super::check::{Outcome, Refusal};
use super::status::Standing;

fn period(lang: Lang, p: Period) -> &'static str {
    match (lang, p) {
        (Lang::Vi, Period::MidYear) => "sơ kết",
        (Lang::Vi, Period::YearEnd) => "tổng kết",
        (Lang::En, Period::MidYear) => "mid-year",
        (Lang::En, Period::YearEnd) => "year-end",
    }
}

pub fn refusal(lang: Lang, r: &Refusal) -> String {
    let vi = lang == Lang::Vi;
    match r {
        Refusal::NoSignature if vi => "không có chữ ký (.minisig) đi kèm".into(),
        Refusal::NoSignature => "no signature (.minisig) with it".into(),
        Refusal::NotRead if vi => "không phải tệp thường, hoặc quá lớn: không đọc".into(),
        Refusal::NotRead => "not a plain file, or too large: not read".into(),
        Refusal::UnknownBloc(b) if vi => format!("khối \"{b}\" không có trong danh sách khối"),
        Refusal::UnknownBloc(b) => format!("bloc \"{b}\" is not one the ward expects"),
        Refusal::NoKey(b) if vi => {
            format!("chưa có khóa nào của khối \"{b}\" (thidua ward trust {b} KHÓA)")
        }
        Refusal::NoKey(b) => {
            format!("no key trusted for bloc \"{b}\" yet (thidua ward trust {b} KEY)")
        }
        Refusal::UntrustedKey(b) if vi => {
            format!("ký bằng khóa không phải khóa đã tin cậy của khối \"{b}\"")
        }
        Refusal::UntrustedKey(b) => format!("signed with a key not trusted for bloc \"{b}\""),
        Refusal::RetiredKey(d) if vi => format!(
            "ký bằng khóa của khối trưởng cũ, sau khi phường thay khóa ngày {}",
            d.format("%d/%m/%Y")
        ),
        Refusal::RetiredKey(d) => format!(
            "signed with the former head's key after the ward replaced it on {}",
            d.format("%d/%m/%Y")
        ),
        Refusal::Tampered if vi => "tệp đã bị sửa sau khi ký".into(),
        Refusal::Tampered => "the file was changed after it was signed".into(),
        Refusal::NotARecord if vi => "bản ghi không đọc được hoặc khác với chữ ký".into(),
        Refusal::NotARecord => "the record does not read, or says other than its signature".into(),
        Refusal::OtherYear(y) if vi => format!("bản ghi của năm {y}, không phải năm đang nhận"),
        Refusal::OtherYear(y) => format!("a record of {y}, not of the year received"),
        Refusal::SchemeDiffers if vi => "thang điểm khác thang điểm đã ban hành cho khối".into(),
        Refusal::SchemeDiffers => "the scheme is not the one published for the bloc".into(),
        Refusal::CovenantDiffers if vi => {
            "thành viên, chỉ tiêu hoặc nội dung không áp dụng khác với khối đã ban hành".into()
        }
        Refusal::CovenantDiffers => {
            "its members, targets or items not applying differ from the published bloc".into()
        }
        Refusal::ResultsDiffer if vi => "kết quả ghi trong bản ghi không khớp khi tính lại".into(),
        Refusal::ResultsDiffer => "its results are not what its entries give".into(),
        Refusal::NoRecord if vi => "tài liệu đã ký nhưng không bản ghi nào nhận là của mình".into(),
        Refusal::NoRecord => "a signed document no accepted record names".into(),
        Refusal::BadArchive if vi => {
            "tệp nén không mở được, hoặc giải nén ra quá giới hạn: không đọc".into()
        }
        Refusal::BadArchive => {
            "a zip that does not open, or unpacks past the limits: not read".into()
        }
    }
}

/// A file's outcome in a line: what was accepted, or why not.
pub fn outcome(lang: Lang, o: &Outcome) -> String {
    match o {
        Outcome::Record(r) => {
            let status = match (lang, r.provisional) {
                (Lang::Vi, true) => "dự thảo",
                (Lang::Vi, false) => "chính thức",
                (Lang::En, true) => "draft",
                (Lang::En, false) => "final",
            };
            let v = if lang == Lang::Vi { "bản" } else { "version" };
            format!(
                "{} · {} · {v} {} · {status}",
                r.bloc,
                period(lang, r.period),
                r.version
            )
        }
        Outcome::Document(record) => match lang {
            Lang::Vi => format!("tài liệu của {record}"),
            Lang::En => format!("a document of {record}"),
        },
        Outcome::Signature(_) | Outcome::Archive => String::new(),
        Outcome::Refused { why, .. } => refusal(lang, why),
    }
}

pub fn standing(lang: Lang, s: &Standing) -> String {
    let vi = lang == Lang::Vi;
    match s {
        Standing::Missing if vi => "chưa nhận".into(),
        Standing::Missing => "missing".into(),
        Standing::Draft(v) if vi => format!("mới có dự thảo (bản {v})"),
        Standing::Draft(v) => format!("draft only (version {v})"),
        Standing::Final(v) if vi => format!("chính thức, bản {v}"),
        Standing::Final(v) => format!("final, version {v}"),
        Standing::Forked(v) if vi => format!("hai bản cùng thay một bản (đến bản {v})"),
        Standing::Forked(v) => format!("forked: two versions replace the same one (up to {v})"),
        Standing::Gap(v) if vi => format!("bản {v} thay một bản chưa nhận được"),
        Standing::Gap(v) => format!("version {v} replaces one not received"),
        Standing::Refused(r) => match lang {
            Lang::Vi => format!("bị từ chối: {}", refusal(lang, r)),
            Lang::En => format!("refused: {}", refusal(lang, r)),
        },
    }
}

pub fn period_heading(lang: Lang, p: Period) -> String {
    let mut word = period(lang, p).to_string();
    if let Some(first) = word.get(..1) {
        word = first.to_uppercase() + &word[1..];
    }
    word
}

/// Why the ward's folder could not be used, in words.
pub fn ward_error(lang: Lang, e: &super::workspace::WardError) -> String {
    use super::workspace::WardError as E;
    let vi = lang == Lang::Vi;
    match e {
        E::Exists(p) if vi => format!("đã có {}: thư mục này đã là thư mục tiếp nhận", p.display()),
        E::Exists(p) => format!(
            "{} exists already: this is a ward folder already",
            p.display()
        ),
        E::NotAWard(p) if vi => format!(
            "{} không phải thư mục tiếp nhận (chưa có ward.ron); lập bằng thidua ward init",
            p.display()
        ),
        E::NotAWard(p) => format!(
            "{} is not a ward folder (no ward.ron); make one with thidua ward init",
            p.display()
        ),
        E::Io { path, error } if vi => {
            format!("không đọc hoặc ghi được {}: {error}", path.display())
        }
        E::Io { path, error } => format!("cannot read or write {}: {error}", path.display()),
        E::Unreadable(what) if vi => format!("không đọc được {what}"),
        E::Unreadable(what) => format!("cannot read {what}"),
        // Told by the command, in the words of `check`.
        E::Load(_) => String::new(),
        E::UnknownBloc(b) if vi => {
            format!("khối \"{b}\" chưa có trong danh sách (thidua ward add blocs/{b}.ron)")
        }
        E::UnknownBloc(b) => {
            format!("bloc \"{b}\" is not expected yet (thidua ward add blocs/{b}.ron)")
        }
        E::NotAKey(k) if vi => {
            format!("\"{k}\" không phải khóa công khai minisign (RW…) hay tệp .pub")
        }
        E::NotAKey(k) => format!("\"{k}\" is not a minisign public key (RW…) or a .pub file"),
        E::AlreadyExpected(b) if vi => format!("khối \"{b}\" đã có trong danh sách"),
        E::AlreadyExpected(b) => format!("bloc \"{b}\" is expected already"),
    }
}

pub fn paper_set(lang: Lang, bloc: &str, on: bool) -> String {
    match (lang, on) {
        (Lang::Vi, true) => {
            format!("khối {bloc}: báo cáo chỉ được nhận sau khi đối chiếu bản giấy")
        }
        (Lang::Vi, false) => format!("khối {bloc}: không đối chiếu bản giấy"),
        (Lang::En, true) => format!("bloc {bloc}: a report counts once its paper copy is compared"),
        (Lang::En, false) => format!("bloc {bloc}: no paper check"),
    }
}

/// A final report waiting for its paper check, and the command that settles it.
pub fn paper_due(lang: Lang, due: &super::collect::PaperDue) -> String {
    let r = &due.record;
    let [a, b] = due.asked;
    let (a, b) = (a + 1, b + 1);
    let slug = r.period.slug();
    match lang {
        Lang::Vi => format!(
            "{} {} bản {}: chờ đối chiếu bản giấy. Gõ nhóm số {a} và số {b} của mã đối chiếu in \
             cuối báo cáo: thidua ward confirm {} --period {slug} NHÓM{a} NHÓM{b}",
            r.bloc,
            period(lang, r.period),
            r.version,
            r.bloc
        ),
        Lang::En => format!(
            "{} {} version {}: paper check due. Type groups {a} and {b} of the digest printed at \
             the end of the report: thidua ward confirm {} --period {slug} GROUP{a} GROUP{b}",
            r.bloc,
            period(lang, r.period),
            r.version,
            r.bloc
        ),
    }
}

pub fn paper_prompt(lang: Lang, asked: [usize; 2]) -> String {
    let (a, b) = (asked[0] + 1, asked[1] + 1);
    match lang {
        Lang::Vi => format!("Nhóm số {a} và số {b} (Enter để để sau):"),
        Lang::En => format!("Groups {a} and {b} (Enter for later):"),
    }
}

pub fn paper_result(lang: Lang, matched: bool) -> String {
    match (lang, matched) {
        (Lang::Vi, true) => "khớp với bản giấy: báo cáo được nhận".into(),
        (Lang::Vi, false) => {
            "không khớp với bản giấy: báo cáo chưa được nhận; đã ghi vào nhật ký. Hỏi lại khối \
             bản giấy đúng của báo cáo này."
                .into()
        }
        (Lang::En, true) => "matches the paper copy: the report counts".into(),
        (Lang::En, false) => {
            "does not match the paper copy: the report does not count; logged. Ask the bloc \
             for the paper copy of this report."
                .into()
        }
    }
}

pub fn nothing_due(lang: Lang, bloc: &str, standing: &Standing) -> String {
    match lang {
        Lang::Vi => format!(
            "khối {bloc} không có báo cáo chính thức nào chờ đối chiếu bản giấy ({})",
            self::standing(lang, standing)
        ),
        Lang::En => format!(
            "bloc {bloc} has no final report awaiting a paper check ({})",
            self::standing(lang, standing)
        ),
    }
}

pub fn other_year(lang: Lang, asked: i32, ward: i32) -> String {
    match lang {
        Lang::Vi => {
            format!("thư mục tiếp nhận này nhận báo cáo năm {ward}, không phải năm {asked}")
        }
        Lang::En => format!("this ward folder receives the reports of {ward}, not of {asked}"),
    }
}

pub fn table_written(
    lang: Lang,
    fin: bool,
    finals: usize,
    drafts: usize,
    missing: usize,
) -> String {
    match (lang, fin) {
        (Lang::Vi, true) => format!("đã lập và ký bảng tổng hợp chính thức ({finals} khối)"),
        (Lang::Vi, false) => format!(
            "đã lập và ký bảng tổng hợp DỰ THẢO: {finals} khối chính thức, {drafts} khối dự thảo \
             hoặc chưa đủ điều kiện, {missing} khối chưa có báo cáo"
        ),
        (Lang::En, true) => format!("wrote and signed the final city table ({})", blocs(finals)),
        (Lang::En, false) => format!(
            "wrote and signed a DRAFT city table: {} final, {drafts} draft or not yet settled, \
             {missing} without a report",
            blocs(finals)
        ),
    }
}

/// "1 bloc", "3 blocs".
fn blocs(n: usize) -> String {
    if n == 1 {
        "1 bloc".to_string()
    } else {
        format!("{n} blocs")
    }
}

pub fn table_failed(lang: Lang, e: &super::table::issue::TableError) -> String {
    use super::table::issue::TableError as E;
    match (lang, e) {
        (Lang::Vi, E::Write { path, error }) => format!(
            "không ghi được {}: {error}; bảng tổng hợp chưa được lập",
            path.display()
        ),
        (Lang::En, E::Write { path, error }) => format!(
            "cannot write {}: {error}; the city table was not issued",
            path.display()
        ),
        (Lang::Vi, E::Layout(why)) => format!("không dàn trang được bảng tổng hợp: {why}"),
        (Lang::En, E::Layout(why)) => format!("cannot lay out the city table: {why}"),
    }
}

/// A standing in a few words, for a table's cell.
pub fn standing_short(lang: Lang, s: &Standing) -> String {
    let vi = lang == Lang::Vi;
    match s {
        Standing::Missing if vi => "chưa nhận".into(),
        Standing::Missing => "missing".into(),
        Standing::Draft(v) if vi => format!("dự thảo, bản {v}"),
        Standing::Draft(v) => format!("draft, version {v}"),
        Standing::Final(v) if vi => format!("chính thức, bản {v}"),
        Standing::Final(v) => format!("final, version {v}"),
        Standing::Forked(_) if vi => "hai bản thay một bản".into(),
        Standing::Forked(_) => "forked".into(),
        Standing::Gap(v) if vi => format!("bản {v}, thiếu bản trước"),
        Standing::Gap(v) => format!("version {v}, one missing"),
        Standing::Refused(_) if vi => "bị từ chối".into(),
        Standing::Refused(_) => "refused".into(),
    }
}

/// Said after a standing whose paper copy is still to be compared.
pub fn paper_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => " · chờ giấy",
        Lang::En => " · paper due",
    }
}

/// What the clerk is asked in the paper check's field.
pub fn paper_ask(lang: Lang, due: &super::collect::PaperDue) -> String {
    let r = &due.record;
    let (a, b) = (due.asked[0] + 1, due.asked[1] + 1);
    match lang {
        Lang::Vi => format!(
            "{} {} bản {}: gõ nhóm số {a} và số {b} của mã đối chiếu in cuối bản giấy, cách \
             nhau một dấu cách.",
            r.bloc,
            period(lang, r.period),
            r.version
        ),
        Lang::En => format!(
            "{} {} version {}: type groups {a} and {b} of the digest printed at the end of the \
             paper copy, with a space between.",
            r.bloc,
            period(lang, r.period),
            r.version
        ),
    }
}
