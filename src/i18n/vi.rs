//! Tiếng Việt: the default catalog.

use crate::model::id::IdError;
use crate::model::numbering::{DetailError, MAX_NUMBER_CHARS, MAX_RECIPIENT_CHARS, MAX_RECIPIENTS};
use crate::model::sections::TextError;
use crate::model::validate::IssueKind;
use crate::model::value::ValueError;

use super::{Label, Msg, Ui, clip, list, shown_char};

fn d(x: &rust_decimal::Decimal) -> String {
    super::Lang::Vi.dec(*x)
}

fn field(name: &str) -> &str {
    match name {
        "id" => "mã (id)",
        "code" => "mã",
        "title" => "tên",
        "name" => "tên",
        "version" => "phiên bản",
        "short" => "tên ngắn",
        "members" => "danh sách thành viên",
        "parent_body" => "cơ quan cấp trên",
        "place" => "địa danh",
        other => other,
    }
}

pub fn msg(m: &Msg) -> String {
    match m {
        Msg::SchemeNotFound { id, looked } => {
            format!("không tìm thấy thang điểm \"{id}\" (đã tìm tệp {looked})")
        }
        Msg::SchemeBookWritten(path) => format!(
            "đã ghi bảng tính thang điểm {path}: sửa các trang rồi nhập bằng `thidua import-scheme {path}`"
        ),
        Msg::FileExists(path) => {
            format!("đã có tệp {path}; không ghi đè. Hãy chọn tên khác (--out) hoặc chuyển tệp cũ đi")
        }
        Msg::SchemeImported {
            path,
            criteria,
            groups,
            max,
        } => format!(
            "đã ghi thang điểm {path}: {criteria} tiêu chí trong {groups} nhóm, tối đa {} điểm",
            d(max)
        ),
        Msg::SchemeUnchanged(path) => format!("{path} đã đúng như bảng tính, không cần ghi lại"),
        Msg::SchemeFileDiffers(path) => format!(
            "đã có {path} với nội dung khác; không ghi đè. Chưa khối nào chấm theo nó thì thêm --replace để thay; nếu không, hãy đổi \"Mã thang điểm\" (ví dụ thêm năm) ở trang \"Thông tin\""
        ),
        Msg::BlocBookWritten(path) => format!(
            "đã ghi bảng tính khối {path}: điền thành viên, chỉ tiêu rồi nhập bằng `thidua import-bloc {path}`"
        ),
        Msg::BlocImported {
            path,
            units,
            year,
            scheme,
        } => format!("đã ghi khối {path}: năm {year}, {units} đơn vị, thang điểm {scheme}"),
        Msg::FileInUse { path, bloc } => format!(
            "không thay {path}: khối \"{bloc}\" đã có điểm chấm theo tệp này. Hãy lập tệp mới với mã khác (thang điểm) hoặc cho năm khác (khối)"
        ),
        Msg::BlocUnchanged(path) => format!("{path} đã đúng như bảng tính, không cần ghi lại"),
        Msg::BlocFileDiffers(path) => format!(
            "đã có {path} với nội dung khác; không ghi đè. Chưa có điểm của năm ấy thì thêm --replace để thay"
        ),
        Msg::BlocSchemeMissing { scheme, looked } => format!(
            "chưa có thang điểm \"{scheme}\" (đã tìm {looked}); hãy nhập thang điểm trước bằng `thidua import-scheme`"
        ),
        Msg::NewYearNotLater { year, current } => {
            format!("năm mới ({year}) phải sau năm giao ước của khối ({current})")
        }
        Msg::NewYearScheme(path) => format!("đã chép thang điểm cho năm mới: {path}"),
        Msg::NewYearBook { path, year } => format!(
            "đã ghi bảng tính khối năm {year}: {path} (thành viên, khối trưởng, khối phó đã chép sang)"
        ),
        Msg::NewYearTargets(path) => format!(
            "hãy điền chỉ tiêu giao ước năm mới ở trang \"Chỉ tiêu\" (và người ký, nếu khối trưởng mới) rồi nhập bằng `thidua import-bloc {path}`; tệp và số liệu năm cũ giữ nguyên"
        ),
        Msg::WorkbookProblems(n) => format!("bảng tính có {n} lỗi; chưa ghi gì"),
        Msg::CheckedScheme {
            criteria,
            groups,
            max,
        } => format!(
            "hợp lệ: thang điểm, {criteria} tiêu chí trong {groups} nhóm, tối đa {} điểm",
            d(max)
        ),
        Msg::CheckedBloc {
            units,
            scheme,
            criteria,
        } => format!(
            "hợp lệ: khối thi đua, {units} đơn vị, chấm theo thang điểm \"{scheme}\" ({criteria} tiêu chí)"
        ),
        Msg::ProblemsFound(n) => format!("tìm thấy {n} lỗi"),
        Msg::CannotRead { path, error } => format!("không đọc được {path}: {error}"),
        Msg::UnknownPeriod(p) => {
            format!("kỳ \"{p}\" không hợp lệ: dùng mid-year (so-ket) hoặc year-end (tong-ket)")
        }
        Msg::BlocNotFound(b) => format!("không tìm thấy khối \"{b}\" (tệp blocs/{b}.ron)"),
        Msg::CsvRow { line, problem } => format!("dòng {line}: {}", msg(problem)),
        Msg::CsvSyntax(e) => format!("tệp CSV không đọc được: {e}"),
        Msg::BadValue { unit, item, error } => {
            format!("{unit} / {item}: {}", value_error(error))
        }
        Msg::CsvUnknownUnit(u) => format!("không có đơn vị \"{u}\" trong khối"),
        Msg::CsvUnknownItem(c) => format!("không có tiêu chí hay mục \"{c}\" trong thang điểm"),
        Msg::CsvNotThisPeriod(c) => format!("mục \"{c}\" không được chấm trong kỳ này"),
        Msg::CsvTooManyRows(n) => format!(
            "tệp có hơn {n} dòng, nhiều hơn số ô của khối lớn nhất thidua hỗ trợ: không đọc tiếp"
        ),
        Msg::CsvDecimalComma { value } => format!(
            "\"{value}\" là số thập phân viết bằng dấu phẩy nhưng không có ngoặc kép, nên bị tách thành hai cột: hãy viết \"{value}\" trong ngoặc kép hoặc dùng dấu chấm"
        ),
        Msg::CsvBadHeader => {
            "dòng tiêu đề phải là: unit,criterion,value[,note] (đơn vị, tiêu chí, giá trị, ghi chú)"
                .into()
        }
        Msg::CsvColumns(n) => format!("cần từ 3 đến 5 cột (đơn vị, tiêu chí, giá trị, ghi chú, lý do), có {n}"),
        Msg::CsvDuplicate { unit, item, first } => {
            format!("\"{unit}\" / \"{item}\" đã có ở dòng {first}")
        }
        Msg::ImportRefused(n) => {
            format!("không nhập tệp: {n} dòng có lỗi, chưa lưu giá trị nào")
        }
        Msg::Imported { rows, path } => format!("đã nhập {rows} giá trị vào {path}"),
        Msg::Locked { path, holder } => {
            format!("dữ liệu {path} đang được mở ở nơi khác:\n  {holder}\nhãy đóng phiên đó trước")
        }
        Msg::JournalTorn { line } => format!(
            "dòng {line} cuối nhật ký bị ghi dở (máy tắt đột ngột?): đã bỏ qua, mọi giá trị đã lưu trước đó vẫn còn"
        ),
        Msg::JournalCorrupt { line, error } => {
            format!("nhật ký hỏng ở dòng {line}: {error}; không mở để tránh mất dữ liệu")
        }
        Msg::BatchUndone {
            line,
            written,
            size,
        } => format!(
            "một lần nhập bị ngắt giữa chừng (từ dòng {line} nhật ký, {written}/{size} giá trị): đã hủy cả lần nhập đó; hãy nhập lại tệp"
        ),
        Msg::SnapshotRebuilt => {
            "bản chụp dữ liệu (snapshot.json) không khớp với nhật ký: đã bỏ qua và dựng lại từ nhật ký"
                .into()
        }
        Msg::JournalAltered { line } => format!(
            "dòng {line} của nhật ký đã bị sửa ngoài thidua (không khớp chuỗi băm với các dòng trước); các giá trị vẫn được đọc như nhật ký ghi, hãy kiểm tra dòng đó"
        ),
        Msg::ValuesSetAside {
            count,
            unit,
            item,
            error,
        } => format!(
            "{count} giá trị trong nhật ký không còn hợp với thang điểm nên không được tính (đầu tiên: {} / {}: {}); chúng vẫn được giữ trong nhật ký",
            clip(unit),
            clip(item),
            value_error(error)
        ),
        Msg::VoteSetAside { award, error } => format!(
            "một kết quả biểu quyết trong nhật ký (danh hiệu \"{award}\") không thể đúng nên không được tính: {}",
            ballot_error(error)
        ),
        Msg::NotPlainFile { path } => format!(
            "{path} không phải là tệp thường (liên kết, thư mục hay ống): thidua không mở dữ liệu bên cạnh nó; hãy chuyển nó ra khỏi thư mục"
        ),
        Msg::FileTooLarge { path, limit } => format!(
            "{path} lớn hơn {} MiB, cỡ lớn nhất của loại tệp này mà thidua hỗ trợ: không đọc",
            limit >> 20
        ),
        Msg::PasswordFileOpen(path) => format!(
            "cảnh báo: người khác cũng đọc được tệp mật khẩu {path}; hãy để chỉ tài khoản của bạn đọc được (chmod 600 {path})"
        ),
        Msg::MoreProblems(n) => format!("… và {n} lỗi khác nữa"),
        Msg::UnsafeName(name) => format!(
            "\"{}\" không dùng được làm tên tệp hay thư mục",
            clip(name)
        ),
        Msg::NoSections => "Thang điểm không đặt mục viết nào cho báo cáo kỳ này.".into(),
        Msg::SectionSaved { title } => format!("đã lưu mục “{title}”"),
        Msg::WritingChars(n) => format!("{n} ký tự"),
        Msg::WritingCount { chars, limit } => format!("{chars}/{limit} ký tự"),
        Msg::Detail(e) => match e {
            DetailError::Number(n) => format!(
                "số văn bản \"{n}\" không hợp lệ: chỉ gồm chữ, số, dấu - hoặc dấu chấm, tối đa {MAX_NUMBER_CHARS} ký tự, ví dụ 12 (để trống cho văn thư ghi số)"
            ),
            DetailError::Date(d) => format!(
                "ngày \"{d}\" không hợp lệ: hãy viết NGÀY/THÁNG/NĂM, ví dụ 05/7/2026"
            ),
            DetailError::TooManyRecipients(n) => format!(
                "{n} nơi nhận, nhiều hơn {MAX_RECIPIENTS} nơi một báo cáo ghi được"
            ),
            DetailError::RecipientTooLong(r) => format!(
                "nơi nhận \"{r}\" dài quá {MAX_RECIPIENT_CHARS} ký tự"
            ),
        },
        Msg::TextNeedsSection => {
            "Hãy cho biết mục cần ghi: --section MÃ_MỤC (xem các mục bằng: thidua text KHỐI --period KỲ)"
                .into()
        }
        Msg::SectionWritten { title, chars } => {
            format!("Đã ghi mục \"{title}\" ({chars} ký tự) vào nhật ký phiên.")
        }
        Msg::SectionsHead => "Mã mục|Tiêu đề|Bắt buộc|Đã viết".into(),
        Msg::SectionRequired => "bắt buộc".into(),
        Msg::TextNotUtf8 { path } => format!(
            "{path}: không phải văn bản UTF-8. Hãy lưu lại dạng văn bản thuần, mã UTF-8 (Notepad: Lưu thành… → Mã hóa UTF-8)."
        ),
        Msg::LineTooLong { bytes, limit } => format!(
            "nội dung quá lớn để ghi vào nhật ký ({bytes} byte, tối đa {limit}); hãy rút gọn (ví dụ bớt người hoặc chức vụ dài). Không có gì được ghi."
        ),
        Msg::UnknownSection(id) => format!(
            "Báo cáo kỳ này không có mục \"{id}\"; xem các mục bằng: thidua text KHỐI --period KỲ"
        ),
        Msg::SectionText { id, error } => match error {
            TextError::TooLong { chars, limit } => {
                format!("Mục \"{id}\" dài {chars} ký tự, quá giới hạn {limit} ký tự")
            }
            TextError::Control { line } => format!(
                "Mục \"{id}\", dòng {line}: có ký tự điều khiển; hãy lưu tệp dạng văn bản thuần (UTF-8)"
            ),
        },
        Msg::TextTooLong {
            unit,
            item,
            chars,
            limit,
        } => format!(
            "{unit} / {item}: ghi chú hoặc lý do dài {chars} ký tự, quá giới hạn {limit} ký tự"
        ),
        Msg::ChangeOpenElsewhere { holder, key } => format!(
            "phiên này đang mở ở nơi khác:\n  {holder}\n{}",
            match key {
                Some(key) => format!(
                    "hãy làm việc này trên màn hình đó (phím {key}),\nhoặc đóng màn hình đó rồi chạy lại lệnh"
                ),
                None => "hãy đóng màn hình đó rồi chạy lại lệnh".to_string(),
            }
        ),
        Msg::ReadOnly => "dữ liệu được mở chỉ để đọc: không ghi được".into(),
        Msg::OpenElsewhere { holder } => format!(
            "phiên đang mở ở nơi khác ({holder}): đây là kết quả đến lần lưu gần nhất"
        ),
        Msg::SignedFinal { version } => format!(
            "phiên bản {version} đã được ký chính thức: muốn thay đổi phải mở lại kết quả kèm lý do (F8, hoặc thidua reopen), rồi ký phiên bản mới"
        ),
        Msg::JournalFull { limit } => format!(
            "nhật ký của phiên đã có {limit} dòng, giới hạn thidua hỗ trợ: không ghi thêm được; giá trị chưa được lưu"
        ),
        Msg::Overflow { unit, item } => format!(
            "không tính được điểm của {unit}{}: các con số vượt quá phạm vi tính chính xác; hãy kiểm tra giá trị đã nhập",
            item.as_ref().map(|i| format!(", mục {i}")).unwrap_or_default()
        ),
        Msg::WriteFailed { path, error } => {
            format!("không ghi được vào {path}: {error}; giá trị chưa được lưu")
        }
        Msg::StoreRefused {
            unit,
            item,
            problem,
        } => format!("không lưu {unit} / {item}: {problem}"),
        Msg::SessionFrozen { at } => format!(
            "kết quả đã chốt lúc {at}: không sửa được điểm; muốn sửa, hãy mở lại kết quả và ghi lý do"
        ),
        Msg::AlreadyFrozen => "kết quả đã được chốt rồi".into(),
        Msg::NotFrozen => "kết quả chưa chốt nên không cần mở lại".into(),
        Msg::ReasonRequired { unit, item } => format!(
            "{unit} / {item}: điểm khối chấm khác điểm đơn vị tự chấm, cần ghi lý do"
        ),
        Msg::ReopenWithoutReason => "mở lại kết quả đã chốt cần ghi lý do".into(),
        Msg::VotesAtYearEndOnly => "chỉ biểu quyết đề nghị khen thưởng ở kỳ tổng kết năm".into(),
        Msg::MinutesRefused(e) => format!("không ghi được biên bản: {}", minutes_error(e)),
        Msg::MinutesSetAside(e) => format!(
            "thành phần dự họp ghi trong nhật ký không hợp lệ ({}), nên không được tính",
            minutes_error(e)
        ),
        Msg::MinutesRecorded { units, counts } => format!(
            "Đã ghi biên bản: {units} đơn vị dự họp, {counts} biên bản kiểm phiếu. Biên bản được lập và ký cùng báo cáo."
        ),
        Msg::MinutesReady { units, counts } => format!(
            "Biên bản hội nghị: đã ghi {units} đơn vị dự họp, {counts} biên bản kiểm phiếu; biên bản được lập và ký cùng báo cáo."
        ),
        Msg::MinutesNotYet => "Chưa ghi thành phần dự họp nên chưa lập biên bản. Nhấn Enter để ghi (hoặc từ tệp: thidua minutes KHỐI --period KỲ --template).".into(),
        Msg::MinutesUnits(n) => format!("{n} đơn vị dự họp"),
        Msg::MinutesPresent { present, members } => format!(
            "{present}/{members} đơn vị có mặt (đơn vị không ghi ai là vắng mặt)"
        ),
        Msg::MinutesCountTitle { award } => format!("Biên bản kiểm phiếu: {award}"),
        Msg::CountFiguresIncomplete => "ghi đủ bốn số phiếu bằng chữ số: phát ra, thu về, hợp lệ, không hợp lệ".into(),
        Msg::NoMinutes => "Chưa ghi thành phần dự họp và biên bản kiểm phiếu. Ghi bằng: thidua minutes KHỐI --period KỲ TỆP.ron (xem mẫu: --template)".into(),
        Msg::MinutesUnreadable(e) => format!("không đọc được tệp biên bản: {e}"),
        Msg::ElectionRefused(e) => format!("không ghi được kết quả bầu: {}", election_error(e)),
        Msg::ElectionSetAside(e) => format!(
            "một kết quả bầu Khối trưởng, Khối phó trong nhật ký không thể có ({}), nên không được tính",
            election_error(e)
        ),
        Msg::ElectFormIncomplete => "nếu có bỏ phiếu, hãy ghi đủ số có mặt và số phiếu bằng chữ số; không bỏ phiếu thì để trống cả ba".into(),
        Msg::ElectVoteIncomplete => "nếu có bỏ phiếu, hãy ghi đủ --present, --head-votes và --deputy-votes".into(),
        Msg::ElectNeedsBoth => "hãy ghi cả --head và --deputy (mã đơn vị; xem bằng thidua elect KHỐI --period tong-ket)".into(),
        Msg::NotElected { year } => format!("Chưa ghi kết quả bầu Khối trưởng, Khối phó năm {year}. Các đơn vị:"),
        Msg::ElectionAtYearEndOnly => {
            "chỉ bầu Khối trưởng, Khối phó năm sau ở kỳ tổng kết năm".into()
        }
        Msg::Elected { head, deputy, year } => format!(
            "Đã ghi kết quả bầu: {head} làm Khối trưởng, {deputy} làm Khối phó năm {year}."
        ),
        Msg::BallotRefused(e) => format!("không ghi được kết quả biểu quyết: {}", ballot_error(e)),
        Msg::Progress { entered, needed } => format!("đã chấm {entered}/{needed}"),
        Msg::SavedAt(t) => format!("đã lưu {t}"),
        Msg::TooSmall { width, height } => format!(
            "Cửa sổ quá nhỏ ({width}×{height}). Cần ít nhất 80×24: hãy phóng to cửa sổ hoặc thu nhỏ cỡ chữ. Nhấn q để thoát."
        ),
        Msg::Stored { unit, item, value } => format!("đã lưu {unit} / {item}: {value}"),
        Msg::Cleared { unit, item } => format!("đã xóa giá trị {unit} / {item}"),
        Msg::NoteSaved { unit, item } => format!("đã lưu ghi chú {unit} / {item}"),
        Msg::Undone { unit, item } => format!("đã hoàn tác {unit} / {item}"),
        Msg::Redone { unit, item } => format!("đã làm lại {unit} / {item}"),
        Msg::Crashed { dir } => format!(
            "thidua gặp lỗi và phải dừng. Mọi giá trị đã lưu vẫn còn trong {dir}; hãy mở lại chương trình."
        ),
        Msg::NeedsTerminal => {
            "màn hình chấm điểm cần một cửa sổ dòng lệnh (terminal); xem thidua --help".into()
        }
        Msg::UnitOf { n, total } => format!("đơn vị {n}/{total}"),
        Msg::KeyCreated { secret, public } => format!(
            "Đã tạo cặp khóa ký.\n\
             Khóa bí mật, đã mã hóa bằng mật khẩu, chỉ tài khoản này đọc được \
             (giữ kín, không gửi cho ai; quên mật khẩu thì không khôi phục được): {secret}\n\
             Khóa công khai: {public}\n\
             Gửi khóa công khai dưới đây kèm báo cáo để nơi nhận kiểm tra được chữ ký:"
        ),
        Msg::KeyExists(path) => format!(
            "đã có tệp {path}: thidua không bao giờ ghi đè khóa; muốn tạo khóa mới, hãy chọn chỗ khác bằng --key ĐƯỜNG_DẪN (hoặc tự chuyển khóa cũ đi nơi khác trước)"
        ),
        Msg::NoConfigDir => {
            "không xác định được thư mục cấu hình của người dùng (chưa đặt XDG_CONFIG_HOME hay HOME): hãy chỉ nơi lưu khóa bằng --key ĐƯỜNG_DẪN".into()
        }
        Msg::PassphrasePrompt => "Mật khẩu bảo vệ khóa bí mật: ".into(),
        Msg::PassphraseAgain => "Nhập lại mật khẩu: ".into(),
        Msg::PassphraseEmpty => "mật khẩu không được để trống".into(),
        Msg::PassphraseMismatch => "hai lần nhập mật khẩu không khớp nhau; chưa tạo khóa".into(),
        Msg::PassphraseNeedsTerminal => {
            "mật khẩu phải được gõ trên cửa sổ dòng lệnh (terminal), mà đầu vào hiện không phải terminal: hãy dùng --password-file TỆP".into()
        }
        Msg::PassphraseUnreadable(e) => format!("không đọc được mật khẩu: {e}"),
        Msg::KeyWriteFailed { path, error } => {
            format!("không ghi được {path}: {error}; chưa tạo khóa nào")
        }
        Msg::KeyGenFailed(e) => format!("không tạo được khóa: {e}"),
        Msg::WrongPassphrase(path) => {
            format!("sai mật khẩu của khóa bí mật {path} (hoặc tệp khóa đã bị hỏng)")
        }
        Msg::NotSecretKey(path) => format!("{path} không phải khóa bí mật minisign"),
        Msg::KeyUnprotected(path) => format!(
            "khóa bí mật {path} không có mật khẩu bảo vệ; báo cáo chỉ được ký bằng khóa có mật khẩu: hãy tạo khóa bằng thidua keygen (hoặc minisign -G, không dùng -W)"
        ),
        Msg::NotPublicKey(what) => format!(
            "\"{what}\" không phải khóa công khai minisign (một dòng base64 bắt đầu bằng RW, hoặc tệp .pub chứa dòng đó)"
        ),
        Msg::PassphraseFor(path) => format!("Mật khẩu của khóa bí mật {path}: "),
        Msg::SummaryIncomplete { count } => format!(
            "Chưa ký được báo cáo chính thức: còn {count} việc chưa xong (dưới đây). \
             Hãy hoàn tất rồi ký lại, hoặc ký bản dự thảo bằng --provisional (mọi tệp sẽ ghi \"DỰ THẢO\")."
        ),
        Msg::GapMissing { unit, item } => format!("- {unit}: chưa chấm {item}"),
        Msg::GapMore(n) => format!("- … và {n} nội dung chưa chấm khác"),
        Msg::GapTieForLead { units } => format!(
            "- {} đồng hạng nhất: Khối cần thống nhất đơn vị dẫn đầu",
            list(units)
        ),
        Msg::GapTieAtQuota { award, units } => format!(
            "- {award}: {} bằng điểm tại giới hạn số lượng, Khối cần xem xét",
            list(units)
        ),
        Msg::GapUnexplained { unit, item } => {
            format!("- {unit} / {item}: khác điểm tự chấm nhưng chưa ghi lý do")
        }
        Msg::GapAwaitingVote { award, units } => format!(
            "- {award}: chưa ghi kết quả biểu quyết đối với {}",
            list(units)
        ),
        Msg::GapStaleVote { award } => format!(
            "- {award}: kết quả biểu quyết đã ghi không còn khớp danh sách đơn vị đủ điều kiện, cần biểu quyết lại"
        ),
        Msg::GapTiedOnVotes { award, units } => format!(
            "- {award}: {} bằng phiếu tại giới hạn số lượng, cần biểu quyết lại",
            list(units)
        ),
        Msg::FrozenDone { at } => format!(
            "Đã chốt kết quả lúc {at}. Không sửa được điểm cho đến khi mở lại (thidua reopen … --reason \"…\")."
        ),
        Msg::ReopenedDone => "Đã mở lại kết quả để sửa; lý do đã ghi vào nhật ký.".into(),
        Msg::ReopenAfterSigned { version } => format!(
            "Lưu ý: báo cáo phiên bản {version} đã được ký. Sau khi sửa cần ký phiên bản mới; bản đã ký giữ nguyên."
        ),
        Msg::VoteUsage => "cần --present SỐ_CÓ_MẶT và số phiếu từng đơn vị, ví dụ: thidua vote khoi-8 --period year-end --award co --present 8 p-an-hoa=6 p-binh-minh=2".into(),
        Msg::BadTally(text) => format!(
            "\"{text}\" không đúng dạng MÃ_ĐƠN_VỊ=SỐ_PHIẾU, ví dụ p-an-hoa=6"
        ),
        Msg::TallyCandidates { award, expected } => {
            if expected.is_empty() {
                format!("{award}: hiện không có đơn vị nào cần biểu quyết")
            } else {
                format!(
                    "{award}: cần ghi số phiếu của đúng các đơn vị đưa ra biểu quyết: {}",
                    expected.join(", ")
                )
            }
        }
        Msg::VotesRecorded { award } => format!("Đã ghi kết quả biểu quyết {award}."),
        Msg::VoteCounted {
            present,
            base,
            needed,
            stale,
        } => {
            let mut s = format!("{present} thành viên có mặt");
            if let Some(n) = needed {
                s.push_str(&format!("; cần ít nhất {n}/{base} phiếu"));
            }
            if *stale {
                s.push_str("; danh sách đơn vị đã thay đổi, kết quả này không còn giá trị, cần biểu quyết lại");
            }
            s
        }
        Msg::VotesNeeded { needed, base } => format!("cần ít nhất {needed}/{base} phiếu"),
        Msg::VoteAwardRule { quota, rule } => match rule {
            Some(rule) => format!("Chỉ tiêu: {quota} đơn vị · Tỷ lệ phiếu: {rule}"),
            None => format!("Chỉ tiêu: {quota} đơn vị · không quy định tỷ lệ phiếu, biểu quyết để chọn giữa các đơn vị bằng điểm"),
        },
        Msg::PresentMissing => "chưa nhập số thành viên có mặt".into(),
        Msg::VotesMissing(unit) => format!("chưa nhập số phiếu của {unit}"),
        Msg::LogExported { rows, path } => format!("Đã ghi {rows} dòng nhật ký vào {path}"),
        Msg::NoSelfScores => "Chưa có điểm tự chấm của đơn vị nào (phím i để nhập phiếu).".into(),
        Msg::SelfImportedOnScreen { units, files, refused } => {
            let mut text = format!("Đã nhận điểm tự chấm của {units} đơn vị từ {files} tệp.");
            if *refused > 0 {
                text.push_str(&format!(" {refused} tệp bị từ chối, xem lý do bên dưới."));
            }
            text
        }
        Msg::NoFormsIn(path) => format!("Thư mục {path} không có phiếu tự chấm (.xlsx, .csv, .ron)."),
        Msg::NothingToAccept => "Không có ô nào để lấy điểm tự chấm.".into(),
        Msg::NotApplicable { unit, item } => format!(
            "{item} không áp dụng với {unit} theo giao ước: ô này không nhập điểm."
        ),
        Msg::Accepted { cells } => format!("Đã lấy điểm tự chấm cho {cells} ô."),
        Msg::FrozenOnScreen { at } => format!(
            "Đã chốt kết quả lúc {at}. Muốn sửa điểm: F8 để mở lại, có ghi lý do."
        ),
        Msg::ReasonAsk {
            unit,
            item,
            entered,
            own,
        } => format!(
            "{unit} / {item}: khối chấm {entered}, đơn vị tự chấm {own}. Ghi lý do (bắt buộc):"
        ),
        Msg::FreezeAsk {
            entered,
            needed,
            unexplained,
        } => {
            let mut s = format!("Đã chấm {entered}/{needed} nội dung.");
            if *unexplained > 0 {
                s.push_str(&format!(
                    " {unexplained} điểm khác điểm tự chấm chưa có lý do."
                ));
            }
            s.push_str(" Sau khi chốt, không sửa được điểm cho đến khi mở lại (có ghi lý do). Chốt kết quả?");
            s
        }
        Msg::ReopenAsk { at } => format!(
            "Kết quả đã chốt lúc {at}. Mở lại để sửa điểm; lý do sẽ ghi vào nhật ký (bắt buộc):"
        ),
        Msg::AcceptCell { item, value } => format!("Ô đang chọn ({item}): {value}"),
        Msg::AcceptUnit { unit, cells } => format!("Các ô chưa chấm của {unit} ({cells} ô)"),
        Msg::AcceptAll { cells } => format!("Mọi ô chưa chấm của mọi đơn vị ({cells} ô)"),
        Msg::LogPosition { first, last, total } => {
            format!("Dòng {first}–{last} / {total}, mới nhất ở trên")
        }
        Msg::LogOnlyUnit(unit) => format!("Chỉ đơn vị {unit}"),
        Msg::LogOnlyItem(item) => format!("Chỉ tiêu chí {item}"),
        Msg::LogExportFailed { path, error } => format!(
            "Không xuất được nhật ký ra {path}: {error}. Nhật ký và điểm đã chấm không bị ảnh hưởng."
        ),
        Msg::RoomNotStarted(e) => format!("không mở được trang theo dõi: {e} (chọn địa chỉ khác: --room-addr ĐỊA_CHỈ:CỔNG)"),
        Msg::WallFrozenAt(at) => format!("ĐÃ CHỐT lúc {at}"),
        Msg::WallNow { unit, item } => format!("Đang chấm: {unit} · {item}"),
        Msg::ClearAsk { unit, item, value } => format!("Xóa giá trị {value} của {unit}, mục {item}?"),
        Msg::GapNoAttendance => "- chưa ghi thành phần dự họp, nên chưa lập được biên bản hội nghị tổng kết (phím F6 trên màn hình chấm điểm, hoặc lệnh thidua minutes)".into(),
        Msg::GapNoCountRecord { award } => format!("- chưa ghi biên bản kiểm phiếu đề nghị {award} (phím F6, hoặc lệnh thidua minutes)"),
        Msg::GapNoElection => "- chưa ghi kết quả bầu Khối trưởng, Khối phó năm sau (phím F6 trên màn hình chấm điểm, hoặc lệnh thidua elect)".into(),
        Msg::GapSectionEmpty(title) => format!(
            "- mục \"{title}\" của báo cáo chưa viết (phím F6 trên màn hình chấm điểm, hoặc lệnh thidua text)"
        ),
        Msg::GapNotFrozen => {
            "- kết quả chưa được chốt (phím F8 trên màn hình chấm điểm, hoặc lệnh thidua freeze)"
                .into()
        }
        Msg::SummaryWritten {
            version,
            provisional,
        } => {
            if *provisional {
                format!("Đã ký bản DỰ THẢO, phiên bản {version}:")
            } else {
                format!("Đã ký báo cáo, phiên bản {version}:")
            }
        }
        Msg::SummaryReplaces(file) => format!("Phiên bản này thay thế {file} (ghi trong bản ghi)."),
        Msg::SignNoKey(path) => format!(
            "chưa có khóa ký {path}: hãy thoát và tạo khóa bằng lệnh thidua keygen"
        ),
        Msg::SignWorking { version, seconds } => {
            format!("Đang mở khóa và lập báo cáo phiên bản {version}… {seconds} giây")
        }
        Msg::SignWillWrite {
            version,
            provisional,
        } => {
            if *provisional {
                format!("Sẽ lập và ký BẢN DỰ THẢO phiên bản {version}: PDF, XLSX, bản Word và bản ghi RON.")
            } else {
                format!("Sẽ lập và ký báo cáo phiên bản {version}: PDF, XLSX, bản Word và bản ghi RON.")
            }
        }
        Msg::SignProgress {
            units,
            entered,
            needed,
        } => format!("{units} đơn vị · đã chấm {entered}/{needed}"),
        Msg::SignKey(path) => format!("Khóa ký: {path}"),
        Msg::SignOutDir(path) => format!("Lưu vào: {path}"),
        Msg::SummaryWriteFailed {
            path,
            error,
            set_aside,
        } => format!(
            "không ghi được {path}: {error}. Báo cáo chưa được phát hành{}; các tệp đã ký trước đó và \
             mọi điểm đã chấm vẫn nguyên vẹn",
            set_aside
                .as_ref()
                .map(|f| format!(" (các tệp đã ghi dở được chuyển vào {f})"))
                .unwrap_or_default()
        ),
        Msg::VersionSetAside { version, folder } => format!(
            "phiên bản {version} chưa từng được phát hành (hồ sơ chưa được ký): các tệp của nó đã được chuyển vào {folder}"
        ),
        Msg::SummaryFailed(e) => format!("không lập được báo cáo: {e}"),
        Msg::VerifyKey { id, from } => format!("Kiểm tra bằng khóa công khai {id} ({from})"),
        Msg::VerifyNoKey => {
            "cần khóa công khai của Khối trưởng: --pubkey KHÓA (dòng base64 bắt đầu bằng RW) hoặc --pubkey-file TỆP.pub".into()
        }
        Msg::VerifyReadFailed { path, error } => format!("không đọc được {path}: {error}"),
        Msg::VerifyFileOk(path) => format!("ĐẠT  {path}"),
        Msg::VerifyFileFailed(path) => format!("LỖI  {path}"),
        Msg::VerifyAllOk(n) => format!("Kết luận: cả {n} tệp đều đạt."),
        Msg::VerifySomeFailed { failed, files } => {
            format!("Kết luận: {failed}/{files} tệp KHÔNG đạt kiểm tra (xem các dòng ✗ ở trên).")
        }
    }
}

pub fn ui(u: Ui) -> &'static str {
    match u {
        Ui::ScreenGrid => "Bảng điểm",
        Ui::ScreenCard => "Thẻ đơn vị",
        Ui::ScreenRanking => "Xếp hạng",
        Ui::ScreenStart => "Chọn phiên chấm điểm",
        Ui::HelpTitle => "Phím tắt",
        Ui::HelpFilter => "Lọc",
        Ui::NoMatchingKeys => "Không có phím nào khớp",
        Ui::NotSavedYet => "chưa có thay đổi",
        Ui::SaveFailed => "CHƯA LƯU ĐƯỢC",
        Ui::Head => "khối trưởng",
        Ui::Deputy => "khối phó",
        Ui::MetShort => "Đạt",
        Ui::NotMetShort => "K.đạt",
        Ui::Yes => "Có",
        Ui::No => "Không",
        Ui::ScaleLevels => "Chọn mức",
        Ui::ScaleMetOrNot => "Đạt / Không đạt",
        Ui::ScaleFree => "Chấm điểm trực tiếp",
        Ui::ScalePerOccurrence => "Tính theo số lần",
        Ui::ScaleTarget => "Theo chỉ tiêu (nhập kết quả thực hiện)",
        Ui::RuleProportional => "điểm tỷ lệ với mức đạt chỉ tiêu",
        Ui::RuleHalfAtTarget => {
            "đạt chỉ tiêu được một nửa số điểm, đơn vị vượt cao nhất được tối đa"
        }
        Ui::Warning => "cảnh báo",
        Ui::StatedMax => "thang điểm ghi tối đa",
        Ui::LowerIsBetter => "càng ít càng tốt",
        Ui::UntargetedAgainstBest => {
            "đơn vị không giao chỉ tiêu chấm so với đơn vị cao nhất trong số đó"
        }
        Ui::UntargetedZero => "đơn vị không giao chỉ tiêu được 0 điểm",
        Ui::NotApplicableShort => "KAD",
        Ui::NotApplicable => "không áp dụng với đơn vị này",
        Ui::Max => "tối đa",
        Ui::Step => "bước",
        Ui::Floor => "thấp nhất",
        Ui::Ceiling => "cao nhất",
        Ui::StartsAt => "bắt đầu từ",
        Ui::PerTime => "mỗi lần",
        Ui::Once => "một lần",
        Ui::Cap => "trần",
        Ui::Target => "Chỉ tiêu",
        Ui::Achieved => "Thực hiện",
        Ui::NoTarget => "chưa giao chỉ tiêu: tính theo đơn vị cao nhất",
        Ui::Points => "Điểm",
        Ui::Note => "Ghi chú",
        Ui::NotScoredThisPeriod => "Không chấm trong kỳ này",
        Ui::Criteria => "Tiêu chí",
        Ui::BonusItems => "Điểm thưởng",
        Ui::PenaltyItems => "Điểm trừ",
        Ui::VetoItems => "Điều kiện",
        Ui::VetoMeaning => "Không đạt điều kiện thì bị hạ xếp loại",
        Ui::VetoShort => "ĐK",
        Ui::FailedVetoes => "Không đạt",
        Ui::Nomination => "Đề nghị",
        Ui::NothingToUndo => "không còn gì để hoàn tác",
        Ui::NothingToRedo => "không còn gì để làm lại",
        Ui::EditValue => "Nhập giá trị",
        Ui::EditNote => "Ghi chú",
        Ui::StartTitle => "Chọn khối thi đua, năm và kỳ chấm điểm",
        Ui::HasRecords => "đã có dữ liệu",
        Ui::NoRecords => "chưa chấm",
        Ui::Folded => "đã thu gọn",
        Ui::KeyMove => "di chuyển",
        Ui::KeyNextColumn => "sang cột sau",
        Ui::KeyPrevColumn => "về cột trước",
        Ui::KeyPageUp => "lên một trang",
        Ui::KeyPageDown => "xuống một trang",
        Ui::KeyHome => "về cột đầu",
        Ui::KeyEnd => "đến cột cuối",
        Ui::KeyEdit => "nhập",
        Ui::KeyEditWith => "nhập ngay bằng số",
        Ui::KeyClear => "xóa (hỏi trước)",
        Ui::KeyNote => "ghi chú",
        Ui::KeyUndo => "hoàn tác",
        Ui::KeyRedo => "làm lại",
        Ui::KeyShowGrid => "bảng điểm",
        Ui::KeyShowCard => "thẻ đơn vị",
        Ui::KeyShowRanking => "xếp hạng",
        Ui::KeyLang => "English",
        Ui::KeySessions => "chọn phiên khác",
        Ui::SignTitle => "Ký báo cáo",
        Ui::SignContinue => "Enter: nhập mật khẩu để ký · Esc: hủy",
        Ui::SignPassphrase => "Mật khẩu khóa ký: ",
        Ui::SignRetry => "Enter: ký · Esc: hủy",
        Ui::SignClose => "Nhấn phím bất kỳ để đóng.",
        Ui::SignDraftWhy => "Phiên chưa xong, mọi tệp sẽ ghi \"DỰ THẢO\":",
        Ui::VotesTitle => "Biểu quyết đề nghị khen thưởng",
        Ui::VotesPresent => "Số thành viên có mặt",
        Ui::VotesColumn => "Số phiếu",
        Ui::VotesOutcome => "Kết quả",
        Ui::VotesNoCandidates => "Không có đơn vị nào cần biểu quyết cho danh hiệu này.",
        Ui::VotesNoAwards => "thang điểm không có danh hiệu khen thưởng nào để biểu quyết",
        Ui::VotesDecided => "đã biểu quyết",
        Ui::VotesStale => "cần biểu quyết lại",
        Ui::VotesTied => "bằng phiếu, bỏ phiếu lại",
        Ui::VotesNotNeeded => "không cần biểu quyết",
        Ui::VotesRecordedAs => "Đã ghi",
        Ui::VotesStaleNote => {
            "Danh sách đơn vị đã đổi: kết quả đã ghi không còn giá trị, cần biểu quyết lại."
        }
        Ui::KeySign => "ký báo cáo",
        Ui::KeyFreeze => "chốt kết quả / mở lại",
        Ui::KeyPickChoice => "chọn theo số",
        Ui::ReasonTitle => "Lý do khác điểm tự chấm",
        Ui::FreezeTitle => "Chốt kết quả",
        Ui::FreezeConfirm => "Enter: chốt · Esc: thôi",
        Ui::ReopenTitle => "Mở lại kết quả đã chốt",
        Ui::AcceptTitle => "Lấy điểm tự chấm làm điểm khối chấm",
        Ui::AcceptNoCell => "Ô đang chọn: không phải ô chấm điểm",
        Ui::AcceptKeepsScores => {
            "Ô đã có điểm khối chấm giữ nguyên (trừ ô đang chọn). Enter hoặc 1–3: lấy · Esc: thôi"
        }
        Ui::Evidence => "Minh chứng",
        Ui::Frozen => "ĐÃ CHỐT",
        Ui::SelfScore => "Tự chấm",
        Ui::NoReason => "chưa ghi lý do",
        Ui::Reason => "Lý do",
        Ui::KeyVotes => "biểu quyết khen thưởng",
        Ui::KeyVoteField => "chọn ô",
        Ui::KeyVoteAward => "đổi danh hiệu",
        Ui::KeyVoteDigits => "gõ số phiếu, số có mặt",
        Ui::KeyVoteRecord => "ghi kết quả",
        Ui::KeyClose => "đóng",
        Ui::KeyAccept => "lấy điểm tự chấm",
        Ui::KeyHistory => "lịch sử ô",
        Ui::KeyImportSelf => "nhập phiếu tự chấm",
        Ui::KeyWriting => "viết các mục của báo cáo",
        Ui::KeyChooseUnit => "chọn đơn vị",
        Ui::KeyBack => "quay lại",
        Ui::ElectionEntry => "Bầu Khối trưởng, Khối phó năm",
        Ui::ElectionNone => "chưa bầu",
        Ui::ElectionHead => "Khối trưởng: ",
        Ui::ElectionDeputy => "Khối phó:    ",
        Ui::ElectionPresent => "Số thành viên có mặt: ",
        Ui::ElectionHeadVotes => "Số phiếu bầu Khối trưởng: ",
        Ui::ElectionDeputyVotes => "Số phiếu bầu Khối phó: ",
        Ui::ElectionNoVote => "Nếu hội nghị thống nhất không bỏ phiếu, để trống ba ô số phiếu.",
        Ui::KeyNextField => "ô tiếp theo",
        Ui::KeyPrevField => "ô trước",
        Ui::KeyNewRecipient => "thêm dòng nơi nhận",
        Ui::KeyAddPerson => "thêm một người",
        Ui::KeyNextMissing => "đến ô chưa chấm",
        Ui::KeyNextUnexplained => "ô lệch chưa lý do",
        Ui::KeyTogglePoints => "ô: điểm / giá trị",
        Ui::KeyRankPartial => "xếp hạng tạm",
        Ui::KeyOpenWithLetter => "mở danh sách mức",
        Ui::ShowingPoints => "Các ô hiện điểm (p: hiện giá trị đã nhập).",
        Ui::ShowingEntries => "Các ô hiện giá trị đã nhập (p: hiện điểm).",
        Ui::RankingPartial => "Xếp hạng tạm cả đơn vị chưa chấm đủ (t: chỉ xếp đơn vị đã chấm đủ).",
        Ui::RankingComplete => {
            "Chỉ xếp hạng đơn vị đã chấm đủ; đơn vị khác hiện tổng điểm tạm (t: xếp hạng tạm tất cả)."
        }
        Ui::PartialTotal => "tạm",
        Ui::NoMissingCell => "Đã chấm đủ mọi ô.",
        Ui::NoUnexplainedCell => "Không còn chênh lệch nào chưa giải trình.",
        Ui::ClearTitle => "Xóa giá trị",
        Ui::WallDraft => "DỰ THẢO",
        Ui::RoomStopped => "Đã dừng trang theo dõi; điện thoại không xem được nữa.",
        Ui::RoomTitle => "Trang theo dõi trên điện thoại",
        Ui::RoomHow => {
            "Quét mã hoặc gõ địa chỉ trên điện thoại nối cùng mạng Wi-Fi với máy này. Trang chỉ để xem: bảng xếp hạng, điểm từng phần, ô đang chấm; không có ghi chú, lý do hay minh chứng."
        }
        Ui::RoomNetwork => {
            "Wi-Fi khách chặn các máy thấy nhau: bật điểm phát Wi-Fi (Mobile hotspot) trên máy này. Windows hỏi tường lửa lần đầu: chọn cho phép mạng riêng (Private)."
        }
        Ui::RoomLoopback => {
            "Chưa thấy mạng nội bộ nào (Wi-Fi, điểm phát), nên chỉ máy này mở được trang. Nối mạng hoặc bật điểm phát Wi-Fi rồi mở lại (r, x, r), hoặc chọn địa chỉ: --room-addr."
        }
        Ui::KeyRoom => "trang theo dõi trên điện thoại",
        Ui::KeyStopRoom => "dừng trang",
        Ui::RoomWaiting => "Mất kết nối với máy của Khối trưởng; đang thử lại…",
        Ui::WallPaused => "Đang tạm dừng để hội nghị trao đổi (Dấu cách: tiếp tục)",
        Ui::KeyProjector => "màn hình trình chiếu",
        Ui::KeyProjectorOff => "thôi trình chiếu",
        Ui::KeyPause => "tạm dừng / tiếp tục",
        Ui::KeyWallTheme => "nền sáng / tối",
        Ui::ClearConfirm => "Enter: xóa · Esc: giữ nguyên. Xóa nhầm thì Ctrl-Z lấy lại.",
        Ui::MinutesEntry => "Biên bản hội nghị: thành phần dự họp, kiểm phiếu",
        Ui::MinutesIntro => "Mỗi dòng một người. Biên bản được lập và ký cùng báo cáo.",
        Ui::MinutesAttendance => "Thành phần dự họp",
        Ui::MinutesChair => "Chủ trì",
        Ui::MinutesSecretary => "Thư ký",
        Ui::MinutesName => "Họ và tên",
        Ui::MinutesPost => "Chức vụ",
        Ui::MinutesCommitteeHead => "Tổ trưởng",
        Ui::MinutesCommitteeMember => "Thành viên",
        Ui::MinutesBallots => "Số phiếu",
        Ui::MinutesIssued => "Phát ra",
        Ui::MinutesReceived => "Thu về",
        Ui::MinutesValid => "Hợp lệ",
        Ui::MinutesInvalid => "Không hợp lệ",
        Ui::MinutesLeaveUnsaved => "Nhấn Esc lần nữa để đóng mà không lưu.",
        Ui::MinutesNotRecorded => "chưa ghi",
        Ui::SignNumber => "Số văn bản: ",
        Ui::SignNumberBlank => "để trống: văn thư ghi số khi vào sổ",
        Ui::SignDate => "Ngày ghi trên báo cáo: ",
        Ui::SignRecipients => "Kính gửi (mỗi dòng một nơi; Ctrl-J thêm dòng):",
        Ui::KeyChooseSection => "chọn mục",
        Ui::KeyWriteSection => "viết mục đã chọn",
        Ui::KeyRows => "lên, xuống một dòng",
        Ui::KeySave => "lưu",
        Ui::KeySaveClose => "lưu và đóng",
        Ui::WritingTitle => "Các mục viết của báo cáo",
        Ui::WritingIntro => {
            "Phần lời của báo cáo: Khối trưởng viết, hội nghị thống nhất. Mục bắt buộc phải có trước khi ký bản chính thức."
        }
        Ui::WritingEmpty => "chưa viết",
        Ui::WritingRequired => "bắt buộc",
        Ui::WritingSaved => "đã lưu",
        Ui::WritingUnsaved => "chưa lưu (Ctrl-S lưu, Esc lưu và đóng)",
        Ui::KeyComplete => "gợi ý đường dẫn",
        Ui::ImportSelfTitle => "Nhập phiếu tự chấm của đơn vị",
        Ui::ImportSelfAsk => {
            "Tệp hoặc thư mục chứa phiếu (.xlsx, .csv, .ron). Tab gợi ý đường dẫn."
        }
        Ui::ImportSelfFits => "Khớp:",
        Ui::KeyLog => "nhật ký thay đổi",
        Ui::LogTitle => "Nhật ký thay đổi",
        Ui::CellHistoryTitle => "Lịch sử ô",
        Ui::LogEmpty => "Chưa có thay đổi nào.",
        Ui::LogNoMatch => "Không có thay đổi nào theo bộ lọc này.",
        Ui::CellNoHistory => "Ô này chưa có thay đổi nào.",
        Ui::HistoryOnSubtotal => {
            "Ô tổng không có lịch sử riêng: chọn một ô tiêu chí, hoặc nhấn j để xem nhật ký thay đổi."
        }
        Ui::LogNoItem => "Chưa chọn tiêu chí nào: nhật ký được mở từ một cột tổng.",
        Ui::LogNoteEdited => "sửa ghi chú",
        Ui::KeyScroll => "cuộn",
        Ui::KeyNewest => "về dòng mới nhất",
        Ui::KeyOldest => "đến dòng cũ nhất",
        Ui::KeyOnlyUnit => "chỉ đơn vị này",
        Ui::KeyOnlyItem => "chỉ tiêu chí này",
        Ui::KeyExport => "xuất CSV",
        Ui::IoReadOnly => "ổ đĩa chỉ cho đọc",
        Ui::IoDenied => "không có quyền ghi vào đó",
        Ui::IoDiskFull => "ổ đĩa đã đầy",
        Ui::IoInTheWay => "đã có một tệp hoặc thư mục trùng tên",
        Ui::KeyContinue => "tiếp tục",
        Ui::KeyHelp => "trợ giúp",
        Ui::KeyQuit => "thoát",
        Ui::KeyFold => "thu gọn / mở nhóm",
        Ui::KeyNextUnit => "đơn vị sau",
        Ui::KeyPrevUnit => "đơn vị trước",
        Ui::KeyMoveUnit => "chọn đơn vị",
        Ui::KeyOpenCard => "mở thẻ đơn vị",
        Ui::KeyPick => "chọn mức",
        Ui::KeyChoose => "chọn",
        Ui::KeyConfirm => "lưu",
        Ui::KeyCancel => "hủy",
        Ui::KeyMet => "chọn đạt (Enter ghi)",
        Ui::KeyNotMet => "chọn không đạt (Enter ghi)",
        Ui::KeyType => "gõ giá trị (dấu phẩy hay dấu chấm đều được)",
        Ui::KeyCursor => "di chuyển con trỏ",
        Ui::KeyLineStart => "đầu dòng",
        Ui::KeyLineEnd => "cuối dòng",
        Ui::KeyBackspace => "xóa ký tự trước",
        Ui::KeyDelete => "xóa ký tự sau",
        Ui::KeySaveNote => "lưu ghi chú",
        Ui::KeyNewLine => "xuống dòng",
        Ui::KeyFilter => "gõ để lọc",
        Ui::KeyCloseHelp => "đóng",
        Ui::KeyChooseSession => "chọn",
        Ui::KeyOpenSession => "mở",
        Ui::KeyNewSchemeBook => "bảng tính thang điểm mẫu",
        Ui::NewcomerHelp => {
            "Chưa có khối thi đua nào trong thư mục blocs/. Thiết lập khối từ bảng tính:\n\
            1. Nhấn n (hoặc chạy thidua template-scheme): ghi thang-diem.xlsx, sửa tiêu chí, thang điểm.\n\
            2. thidua import-scheme thang-diem.xlsx: ghi scoring/<mã thang điểm>.ron.\n\
            3. thidua template-bloc --scheme <mã thang điểm>: ghi khoi-moi.xlsx, điền thành viên, chỉ tiêu.\n\
            4. thidua import-bloc khoi-moi.xlsx: ghi blocs/<mã khối>.ron, rồi mở lại màn hình này.\n\
            Năm sau: thidua new-year <mã khối> --year <năm mới>."
        }
        Ui::SpaceKey => "Dấu cách",
        Ui::AnyTextKey => "chữ, số",
        Ui::Compare(t) => t.text(super::Lang::Vi),
        Ui::Ward(t) => t.text(super::Lang::Vi),
    }
}

pub fn label(l: Label) -> &'static str {
    match l {
        Label::MidYear => "Sơ kết 6 tháng",
        Label::YearEnd => "Tổng kết năm",
        Label::Rank => "Hạng",
        Label::Unit => "Đơn vị",
        Label::Total => "Tổng",
        Label::Bonus => "Thưởng",
        Label::Penalty => "Trừ",
        Label::Band => "Xếp loại",
        Label::Vetoes => "Điều kiện",
        Label::Missing => "Còn thiếu",
        Label::Tied => "đồng hạng",
        Label::Proposed => "đề nghị",
        Label::AwaitingVote => "chờ biểu quyết",
        Label::TiedAtQuota => "đồng hạng ở ngưỡng chỉ tiêu",
        Label::Elected => "đạt tỷ lệ phiếu, đề nghị",
        Label::NotElected => "không đạt tỷ lệ phiếu",
        Label::OutvotedAtQuota => "đã đủ chỉ tiêu bởi đơn vị nhiều phiếu hơn",
        Label::TiedOnVotes => "bằng phiếu ở ngưỡng chỉ tiêu, bỏ phiếu lại",
        Label::Votes => "phiếu",
        Label::Present => "có mặt",
        Label::NoCandidate => "không có đơn vị đủ điều kiện",
        Label::NoThreshold => "không quy định tỷ lệ phiếu",
        Label::LogSeq => "STT",
        Label::LogTime => "Thời gian",
        Label::LogBy => "Người ghi",
        Label::LogWhat => "Nội dung",
        Label::LogItem => "Tiêu chí",
        Label::LogOld => "Cũ",
        Label::LogNew => "Mới",
        Label::LogReason => "Lý do",
        Label::LogNote => "Ghi chú",
        Label::LogSource => "Tệp nguồn",
        Label::LogEntry => "chấm điểm",
        Label::LogImport => "nhập từ tệp",
        Label::LogUndo => "hoàn tác",
        Label::LogRedo => "làm lại",
        Label::LogAccept => "lấy điểm tự chấm",
        Label::LogSelfScore => "điểm tự chấm",
        Label::LogFreeze => "chốt kết quả",
        Label::LogReopen => "mở lại kết quả",
        Label::LogVotes => "biểu quyết",
        Label::LogSection => "viết mục",
        Label::LogElection => "bầu khối trưởng",
        Label::LogAttendance => "thành phần dự họp",
        Label::LogCount => "kiểm phiếu",
        Label::LogIssued => "ký báo cáo chính thức",
        Label::LogIssuedDraft => "ký bản dự thảo",
        Label::Entered => "Đã chấm",
        Label::Nominations => "Đề nghị khen thưởng",
        Label::Quota => "chỉ tiêu",
    }
}

pub fn issue(k: &IssueKind) -> String {
    match k {
        IssueKind::Empty(f) => format!("{} không được để trống", field(f)),
        IssueKind::DuplicateCode(c) => format!(
            "mã \"{c}\" bị trùng: mỗi nhóm, tiêu chí, mục thưởng, trừ, điều kiện cần một mã riêng"
        ),
        IssueKind::DuplicateMember(m) => format!("mã đơn vị \"{m}\" bị trùng"),
        IssueKind::DuplicateShortName(s) => format!("tên ngắn \"{s}\" bị trùng"),
        IssueKind::NoCriteria => "thang điểm không có tiêu chí nào".into(),
        IssueKind::EmptyGroup(g) => format!("nhóm \"{g}\" không có tiêu chí nào"),
        IssueKind::NoPeriods(c) => format!("\"{c}\" không được chấm ở kỳ nào (periods trống)"),
        IssueKind::NotPositive(x) => format!("giá trị phải lớn hơn 0 (đang là {})", d(x)),
        IssueKind::Negative(x) => format!("giá trị không được âm (đang là {})", d(x)),
        IssueKind::NoLevels => "thang mức không có mức nào".into(),
        IssueKind::DuplicateLevel(l) => format!("mức \"{l}\" bị trùng"),
        IssueKind::LevelAboveMax { points, max } => {
            format!(
                "điểm của mức ({}) vượt điểm tối đa của tiêu chí ({})",
                d(points),
                d(max)
            )
        }
        IssueKind::ZeroPerOccurrence => "điểm mỗi lần không được bằng 0".into(),
        IssueKind::CeilingAboveMax { ceiling, max } => {
            format!("mức trần {} vượt điểm tối đa {}", d(ceiling), d(max))
        }
        IssueKind::FloorAboveCeiling { floor, ceiling } => {
            format!("mức sàn {} cao hơn mức trần {}", d(floor), d(ceiling))
        }
        IssueKind::StartOutside {
            start,
            floor,
            ceiling,
        } => format!(
            "điểm khởi đầu {} nằm ngoài khoảng {}..{}",
            d(start),
            d(floor),
            d(ceiling)
        ),
        IssueKind::FreeAdjustmentWithoutCap => "mục chấm điểm tự do cần có mức trần (cap)".into(),
        IssueKind::UnknownGroup(g) => format!("không có nhóm tiêu chí \"{g}\""),
        IssueKind::UnknownCriterion(c) => format!("không có tiêu chí \"{c}\""),
        IssueKind::UnknownBand(b) => format!("không có mức xếp loại \"{b}\""),
        IssueKind::UnknownMember(m) => format!("không có đơn vị \"{m}\" trong khối"),
        IssueKind::NoBands => "chưa có mức xếp loại nào".into(),
        IssueKind::BandWithoutBound(b) => {
            format!("mức xếp loại \"{b}\" thiếu ngưỡng điểm (min): chỉ mức cuối cùng được để trống")
        }
        IssueKind::BandShareAbove100(b) => format!(
            "mức xếp loại \"{b}\" có ngưỡng trên 100, mà kỳ này xếp loại theo tỷ lệ % điểm tối đa của kỳ"
        ),
        IssueKind::LastBandBound(b) => {
            format!("mức xếp loại cuối \"{b}\" không được có ngưỡng: nó nhận mọi đơn vị còn lại")
        }
        IssueKind::BandsOutOfOrder { band, previous } => format!(
            "các mức xếp loại chồng lấn hoặc sai thứ tự: ngưỡng của \"{band}\" phải thấp hơn ngưỡng của \"{previous}\""
        ),
        IssueKind::ShareOutOfRange(x) => {
            format!("tỉ lệ phải nằm trong khoảng 0..1 (đang là {})", d(x))
        }
        IssueKind::DuplicateBand(b) => format!("mức xếp loại \"{b}\" bị trùng"),
        IssueKind::DuplicateSection(a) => format!("mục \"{a}\" của báo cáo bị trùng"),
        IssueKind::MinBandUnclassified(a) => format!(
            "danh hiệu \"{a}\" đòi hỏi xếp loại, nhưng kỳ tổng kết không xếp loại (classification: year_end: Off)"
        ),
        IssueKind::DuplicateAward(a) => format!("danh hiệu \"{a}\" bị trùng"),
        IssueKind::QuotaZero => "chỉ tiêu khen thưởng bằng 0: không đơn vị nào được đề nghị".into(),
        IssueKind::QuotaAboveMembers {
            award,
            quota,
            members,
        } => format!(
            "chỉ tiêu của danh hiệu \"{award}\" ({quota}) nhiều hơn số đơn vị của khối ({members})"
        ),
        IssueKind::QuotaRoundsToZero {
            award,
            percent,
            members,
        } => format!(
            "chỉ tiêu {}% của danh hiệu \"{award}\" trên {members} đơn vị làm tròn thành 0: không đơn vị nào được đề nghị",
            d(percent)
        ),
        IssueKind::VoteShareOutOfRange(x) => format!(
            "tỉ lệ biểu quyết phải lớn hơn 0 và không quá 1 (đang là {})",
            d(x)
        ),
        IssueKind::BadId { id, problem } => format!(
            "\"{}\" không dùng được làm mã: {}; mã chỉ gồm chữ thường a-z, chữ số, \".\", \"_\", \"-\", bắt đầu bằng chữ hoặc số, tối đa 64 ký tự (mã được dùng làm tên tệp và thư mục)",
            clip(id),
            id_problem(*problem)
        ),
        IssueKind::FigureTooLarge { value, limit } => format!(
            "số {} vượt giới hạn ±{} mà thidua hỗ trợ (xem docs/formats.md, mục \"Sizes and limits\")",
            clip(&d(value)),
            d(limit)
        ),
        IssueKind::FigureTooPrecise(value) => {
            format!("số {} có quá 4 chữ số thập phân", clip(&d(value)))
        }
        IssueKind::TooManyMembers { count, limit } => {
            format!("khối có {count} đơn vị, vượt giới hạn {limit} đơn vị mà thidua hỗ trợ")
        }
        IssueKind::TooManyItems { count, limit } => {
            format!("thang điểm có {count} mục chấm, vượt giới hạn {limit} mục mà thidua hỗ trợ")
        }
        IssueKind::PercentOutOfRange(p) => {
            format!(
                "tỉ lệ phần trăm phải trong khoảng (0, 100] (đang là {})",
                d(p)
            )
        }
        IssueKind::HeadNotMember(m) => format!("khối trưởng \"{m}\" không phải đơn vị thành viên"),
        IssueKind::DeputyNotMember(m) => format!("khối phó \"{m}\" không phải đơn vị thành viên"),
        IssueKind::DeputyIsHead(m) => {
            format!("\"{m}\" không thể vừa là khối trưởng vừa là khối phó")
        }
        IssueKind::SchemeMismatch { bloc, scheme } => {
            format!("khối dùng thang điểm \"{bloc}\" nhưng tệp thang điểm có mã \"{scheme}\"")
        }
        IssueKind::TargetNotTargetCriterion(c) => {
            format!("tiêu chí \"{c}\" không chấm theo chỉ tiêu, không cần chỉ tiêu giao ước")
        }
        IssueKind::TargetNotPositive(x) => {
            format!("chỉ tiêu giao ước phải lớn hơn 0 (đang là {})", d(x))
        }
        IssueKind::MissingTarget { member, criterion } => format!(
            "đơn vị \"{member}\" thiếu chỉ tiêu giao ước cho tiêu chí \"{criterion}\" (chấm theo tỉ lệ hoàn thành chỉ tiêu)"
        ),
        IssueKind::TieBreakerNotCriterion(c) => {
            format!("\"{c}\" không phải tiêu chí chấm điểm, không dùng để xét đồng hạng được")
        }
        IssueKind::AmbiguousCode { code, other } => format!(
            "mã \"{code}\" chỉ khác \"{other}\" ở chữ hoa, chữ thường: hãy đặt cho mỗi mục một mã riêng, số thứ tự in ra ghi ở `label`"
        ),
        IssueKind::NotApplicableNotCriterion(c) => format!(
            "\"{c}\" là mục cộng, trừ điểm hoặc điều kiện: chỉ tiêu chí và nhóm tiêu chí mới ghi là không áp dụng được"
        ),
        IssueKind::TargetOnNotApplicable { member, criterion } => format!(
            "đơn vị \"{member}\" có chỉ tiêu cho \"{criterion}\", nhưng mục này ghi là không áp dụng với đơn vị"
        ),
        IssueKind::NothingApplies { member, period } => format!(
            "không tiêu chí nào của {} áp dụng với đơn vị \"{member}\"",
            match period {
                crate::model::Period::MidYear => "kỳ sơ kết",
                crate::model::Period::YearEnd => "kỳ tổng kết",
            }
        ),
        IssueKind::StatedMaxDiffers {
            group,
            stated,
            allowed,
        } => format!(
            "nhóm \"{group}\" ghi tối đa {} điểm, nhưng các tiêu chí trong nhóm cho tối đa {}",
            d(stated),
            d(allowed)
        ),
    }
}

pub fn value_error(e: &ValueError) -> String {
    match e {
        ValueError::NotANumber(t) => format!("\"{t}\" không phải là số"),
        ValueError::NotACount(t) => format!("\"{t}\" không phải số lần (số nguyên không âm)"),
        ValueError::OutOfRange { value, min, max } => {
            format!("{} nằm ngoài khoảng {}..{}", d(value), d(min), d(max))
        }
        ValueError::OffStep { value, step } => {
            format!("{} không đúng bước điểm {}", d(value), d(step))
        }
        ValueError::UnknownLevel { given, known } => {
            format!("không có mức \"{given}\"; các mức: {}", list(known))
        }
        ValueError::NotYesNo(t) => format!("\"{t}\": cần đạt/không đạt (có/không)"),
        ValueError::Negative(x) => format!("giá trị đạt được không được âm ({})", d(x)),
        ValueError::WrongKind => "giá trị không đúng loại của tiêu chí này".into(),
        ValueError::Empty => "chưa nhập giá trị".into(),
        ValueError::TooLarge { value, limit } => format!(
            "{} vượt giới hạn {} mà thidua hỗ trợ",
            clip(value),
            d(limit)
        ),
        ValueError::TooPrecise(value) => {
            format!("{} có quá 4 chữ số thập phân", clip(value))
        }
    }
}

pub fn syntax(e: &ron::Error) -> String {
    use ron::Error as E;
    match e {
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "trường \"{found}\" không có ở đây; các trường hợp lệ: {}",
            expected.join(", ")
        ),
        E::MissingStructField { field, .. } => format!("thiếu trường bắt buộc \"{field}\""),
        E::DuplicateStructField { field, .. } => format!("trường \"{field}\" bị lặp lại"),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "\"{found}\" không hợp lệ ở đây; cần một trong: {}",
            expected.join(", ")
        ),
        E::ExpectedComma => "thiếu dấu phẩy".into(),
        E::ExpectedArrayEnd => "thiếu dấu đóng \"]\"".into(),
        E::ExpectedStructLikeEnd => "thiếu dấu đóng \")\"".into(),
        E::ExpectedMapEnd => "thiếu dấu đóng \"}\"".into(),
        E::ExpectedStringEnd => "chuỗi chưa được đóng bằng dấu \"".into(),
        E::Eof => "tệp kết thúc đột ngột (thiếu dấu đóng?)".into(),
        E::ExpectedString => "cần một chuỗi trong dấu \"…\"".into(),
        E::ExpectedInteger | E::ExpectedFloat => "cần một số".into(),
        E::ExpectedBoolean => "cần true hoặc false".into(),
        E::TrailingCharacters => "còn ký tự thừa sau khi kết thúc tệp".into(),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("cần \"{expected}\", gặp \"{found}\"")
        }
        E::InvalidValueForType { expected, found } => {
            format!("giá trị {found} không hợp lệ, cần {expected}")
        }
        E::SuggestRawIdentifier(id) | E::InvalidIdentifier(id)
            if id.chars().all(|c| c.is_ascii_digit()) =>
        {
            "số thập phân trong tệp viết bằng dấu chấm (3.5), không dùng dấu phẩy".into()
        }
        E::Message(m) if m.starts_with(crate::model::bloc::DUPLICATE_KEY) => format!(
            "\"{}\" được viết hai lần; mỗi đơn vị và mỗi chỉ tiêu chỉ được ghi một lần",
            crate::model::text::clip(&m[crate::model::bloc::DUPLICATE_KEY.len()..])
        ),
        E::Message(m) => format!(
            "giá trị không hợp lệ ({m}); ngày viết dạng \"YYYY-MM-DD\", số thập phân dùng dấu chấm"
        ),
        E::UnexpectedChar(c) => format!("ký tự không mong đợi \"{c}\""),
        other => format!("lỗi cú pháp RON: {other}"),
    }
}

pub fn ballot_error(e: &crate::model::ballot::BallotError) -> String {
    use crate::model::ballot::BallotError as E;
    match e {
        E::UnknownAward(a) => format!("không có danh hiệu {a} trong thang điểm"),
        E::PresentOutOfRange { present, members } => format!(
            "số thành viên có mặt là {present}, phải từ 1 đến {members} (số thành viên của khối)"
        ),
        E::UnknownUnit(u) => format!("không có đơn vị {u} trong khối"),
        E::DuplicateUnit(u) => format!("đơn vị {u} được ghi hai lần"),
        E::MoreVotesThanPresent {
            unit,
            votes,
            present,
        } => format!("{unit} được {votes} phiếu, nhiều hơn {present} thành viên có mặt"),
        E::NoCandidate => "chưa có đơn vị nào được đưa ra biểu quyết".into(),
    }
}

fn id_problem(problem: IdError) -> String {
    match problem {
        IdError::Empty => "mã trống".into(),
        IdError::TooLong => "dài quá 64 ký tự".into(),
        IdError::Character(c) => format!("có ký tự \"{}\"", shown_char(c)),
        IdError::BadStart => "bắt đầu bằng \".\", \"_\" hoặc \"-\"".into(),
        IdError::EndsWithDot => "kết thúc bằng dấu chấm".into(),
        IdError::Reserved => "là tên thiết bị mà Windows dành riêng".into(),
    }
}

fn election_error(e: &crate::model::election::ElectionError) -> String {
    use crate::model::election::ElectionError as E;
    match e {
        E::UnknownUnit(u) => format!("không có đơn vị \"{u}\" trong khối"),
        E::SameUnit => "Khối trưởng và Khối phó phải là hai đơn vị khác nhau".into(),
        E::PresentOutOfRange { present, members } => {
            format!("{present} thành viên có mặt, trong khi khối có {members} thành viên")
        }
        E::MoreVotesThanPresent { votes, present } => {
            format!("{votes} phiếu, nhiều hơn {present} thành viên có mặt")
        }
    }
}

fn minutes_error(e: &crate::model::minutes::MinutesError) -> String {
    use crate::model::minutes::MinutesError as E;
    match e {
        E::NoName => "có người chưa ghi họ tên (hoặc còn để \"Họ và tên\" như tệp mẫu)".into(),
        E::TooLong(t) => format!("\"{t}\" dài quá hoặc có ký tự điều khiển"),
        E::TooMany => format!("một danh sách có quá {} người", crate::model::minutes::MAX_PEOPLE),
        E::UnknownUnit(u) => format!("không có đơn vị \"{u}\" trong khối"),
        E::DuplicateUnit(u) => format!("đơn vị \"{u}\" ghi hai lần"),
        E::UnknownAward(a) => format!("thang điểm không có danh hiệu \"{a}\""),
        E::NotVoted(a) => format!("danh hiệu \"{a}\" không biểu quyết, nên không có biên bản kiểm phiếu"),
        E::NoCommittee => "chưa ghi tổ kiểm phiếu".into(),
        E::BallotsDoNotAddUp => "số phiếu không khớp: phiếu thu về không quá số phát ra, phiếu hợp lệ cộng không hợp lệ phải bằng số thu về".into(),
        E::IssuedNotPresent { issued, present } => format!(
            "phát ra {issued} phiếu nhưng có {present} đơn vị dự họp (mỗi đơn vị một phiếu)"
        ),
        E::VotesAboveValid { unit, votes, valid } => format!(
            "{unit} được {votes} phiếu, nhiều hơn {valid} phiếu hợp lệ"
        ),
    }
}
