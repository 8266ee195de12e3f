//! The command line: argument definitions and the commands that do not open the screen.

mod bloc_sheet;
mod check;
mod compare;
mod elect;
mod import;
mod import_self;
mod keygen;
mod minutes;
mod new_year;
mod output;
mod placing;
mod results;
mod scheme_sheet;
mod session;
mod summary;
pub mod table;
mod template;
mod text;
mod verify;
mod ward;
mod ward_table;

pub use crate::store::load::{problem_message, render_problem};
/// The CSV scoresheet reader behind `thidua import`, public so that it can be fuzzed and tested
/// on bytes without a session.
pub use import::read_csv;
pub use summary::summaries_dir;

pub(crate) use output::{errln, out, outln};
pub use output::{print_problems, report_load_error, write_err, write_out};

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::i18n::{Lang, Msg};
use crate::model::Period;
use crate::store::records::session_dir;
use crate::store::{Loaded, Records, StoreError, load_covenant};

#[derive(Debug, Parser)]
#[command(
    name = "thidua",
    version,
    about = "Chấm điểm, xếp hạng và báo cáo của khối thi đua / Scoring, ranking and reports of an emulation bloc"
)]
pub struct Cli {
    /// Ngôn ngữ / language
    #[arg(long, global = true, value_enum, default_value_t = Lang::Vi)]
    pub lang: Lang,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Kiểm tra tệp khối và thang điểm / check bloc and scheme files
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Nhập điểm từ tệp CSV / import scores from a CSV file
    Import {
        #[command(flatten)]
        session: SessionArgs,
        file: PathBuf,
    },
    /// Lập phiếu tự chấm (.xlsx) cho đơn vị / write the units' self-score forms (.xlsx)
    Template(template::TemplateArgs),
    /// Lập bảng tính thang điểm (.xlsx) để soạn thang điểm / write a scheme's workbook to edit
    TemplateScheme(scheme_sheet::TemplateSchemeArgs),
    /// Nhập thang điểm từ bảng tính (.xlsx) vào scoring/ / read a scheme's workbook into scoring/
    ImportScheme(scheme_sheet::ImportSchemeArgs),
    /// Lập bảng tính khối: thành viên, chỉ tiêu / write a bloc's workbook: members, targets
    TemplateBloc(bloc_sheet::TemplateBlocArgs),
    /// Nhập khối từ bảng tính (.xlsx) vào blocs/ / read a bloc's workbook into blocs/
    ImportBloc(bloc_sheet::ImportBlocArgs),
    /// Chuyển khối sang năm mới / set the bloc up for its next year
    NewYear(new_year::NewYearArgs),
    /// Phía phường: tiếp nhận, kiểm tra báo cáo của các khối / the ward's side: receive and check
    #[command(subcommand)]
    Ward(ward::WardCommand),
    /// Nhập phiếu tự chấm của đơn vị (.xlsx, .csv, .ron) / import units' self-scores
    ImportSelf {
        #[command(flatten)]
        session: SessionArgs,
        /// Tệp, hoặc thư mục chứa các tệp / files, or folders holding them
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Mở màn hình chấm điểm / open the scoring screen
    Score {
        #[command(flatten)]
        session: SessionArgs,
        /// Cho phép dùng chuột / let a click select a cell and the wheel scroll
        #[arg(long)]
        mouse: bool,
        /// Mở trang theo dõi cho điện thoại / serve the live page for phones
        #[arg(long)]
        room: bool,
        /// Địa chỉ và cổng của trang theo dõi / the live page's address and port (IP:PORT)
        #[arg(long, value_name = "IP:PORT")]
        room_addr: Option<std::net::SocketAddr>,
    },
    /// Kết quả chấm điểm / the results
    Results {
        #[command(flatten)]
        session: SessionArgs,
        #[arg(long, value_enum, default_value_t = results::Format::Table)]
        format: results::Format,
        /// So sánh với kỳ trước: --period year-end --compare mid-year / beside the earlier
        /// period: --period year-end --compare mid-year
        #[arg(long, value_name = "PERIOD", value_parser = parse_period)]
        compare: Option<Period>,
    },
    /// Tạo cặp khóa ký báo cáo / make the key pair that signs the reports
    Keygen {
        /// Tệp khóa bí mật (mặc định: thidua/thidua.key trong thư mục cấu hình); khóa công
        /// khai nằm cạnh, đuôi .pub / secret key file (default: thidua/thidua.key in the
        /// config folder); the public key goes beside it as .pub
        #[arg(long, value_name = "PATH")]
        key: Option<PathBuf>,
        /// Đọc mật khẩu từ dòng đầu của tệp, cho script / read the passphrase from the
        /// file's first line, for scripts
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
    /// Lập và ký báo cáo sơ kết/tổng kết (PDF, XLSX, Word, RON) / write and sign the mid-year or
    /// year-end summary (PDF, XLSX, Word, RON)
    Summary {
        #[command(flatten)]
        session: SessionArgs,
        /// Thư mục ghi báo cáo (mặc định: summaries/ cạnh thư mục dữ liệu) / output folder
        /// (default: summaries/ beside the data folder)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Khóa bí mật (mặc định như keygen) / secret key (default as for keygen)
        #[arg(long, value_name = "PATH")]
        key: Option<PathBuf>,
        /// Đọc mật khẩu từ dòng đầu của tệp / read the passphrase from the file's first line
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
        /// Số văn bản, ví dụ 12 trong "Số: 12/BC-KTĐ" (mặc định để trống cho văn thư) /
        /// document number (left blank for the clerk by default)
        #[arg(long, value_name = "N")]
        number: Option<String>,
        /// Ngày ghi trên báo cáo, NGÀY/THÁNG/NĂM hoặc NĂM-THÁNG-NGÀY (mặc định hôm nay, giờ
        /// Việt Nam) / the document's date, DD/MM/YYYY or YYYY-MM-DD (default: today, Vietnam
        /// time)
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// Nơi nhận "Kính gửi", mỗi lần một nơi (mặc định như trong tệp khối) / a recipient,
        /// once for each (default: the bloc file's)
        #[arg(long = "to", value_name = "TEXT")]
        to: Vec<String>,
        /// Ký bản dự thảo khi còn thiếu điểm (ghi "DỰ THẢO") / sign a draft of an incomplete
        /// session (marked "DỰ THẢO")
        #[arg(long)]
        provisional: bool,
    },
    /// Chốt kết quả khi hội nghị thống nhất / freeze the results when the meeting agrees
    Freeze {
        #[command(flatten)]
        session: SessionArgs,
    },
    /// Mở lại kết quả đã chốt để sửa, ghi lý do / reopen frozen results, with a reason
    Reopen {
        #[command(flatten)]
        session: SessionArgs,
        /// Lý do mở lại / why the results are reopened
        #[arg(long, required = true)]
        reason: String,
    },
    /// Các mục viết của báo cáo (kết quả nổi bật, tồn tại, phương hướng): xem danh sách, in
    /// một mục, hoặc ghi một mục từ tệp văn bản / the report's written sections: list them,
    /// print one, or write one from a plain text file
    Text {
        #[command(flatten)]
        session: SessionArgs,
        /// Mã mục, ví dụ ton-tai-han-che / the section's id
        #[arg(long)]
        section: Option<String>,
        /// Tệp văn bản UTF-8: đoạn cách nhau bằng dòng trống, dòng bắt đầu "- " là gạch đầu
        /// dòng / a UTF-8 text file: paragraphs split by blank lines, "- " lines as bullets
        file: Option<PathBuf>,
    },
    /// Bầu Khối trưởng, Khối phó năm sau (tổng kết năm); không có --head: xem kết quả đã ghi /
    /// next year's head and deputy (year-end); without --head: what is recorded
    Elect {
        #[command(flatten)]
        session: SessionArgs,
        /// Mã đơn vị làm Khối trưởng / the head's unit id
        #[arg(long)]
        head: Option<String>,
        /// Mã đơn vị làm Khối phó / the deputy's unit id
        #[arg(long)]
        deputy: Option<String>,
        /// Số thành viên có mặt, nếu bỏ phiếu / members present, where a vote was held
        #[arg(long)]
        present: Option<u32>,
        /// Số phiếu bầu Khối trưởng / votes for the head
        #[arg(long)]
        head_votes: Option<u32>,
        /// Số phiếu bầu Khối phó / votes for the deputy
        #[arg(long)]
        deputy_votes: Option<u32>,
    },
    /// Thành phần dự họp và biên bản kiểm phiếu cho biên bản hội nghị: ghi từ tệp, in mẫu
    /// (--template), hoặc xem đã ghi / the meeting's attendance and count records for its
    /// minutes: record them from a file, print one to fill in (--template), or show them
    Minutes {
        #[command(flatten)]
        session: SessionArgs,
        /// In tệp mẫu có sẵn các đơn vị / print a file to fill in, with the bloc's units
        #[arg(long)]
        template: bool,
        /// Tệp RON / the RON file
        file: Option<PathBuf>,
    },
    /// Biểu quyết đề nghị khen thưởng (tổng kết năm); không có --award: xem danh sách /
    /// the members' vote on an award (year-end); without --award: list the candidates
    Vote {
        #[command(flatten)]
        session: SessionArgs,
        /// Mã danh hiệu trong thang điểm, ví dụ co / the award's id in the scheme
        #[arg(long)]
        award: Option<String>,
        /// Số thành viên có mặt / members present
        #[arg(long)]
        present: Option<u32>,
        /// Số phiếu từng đơn vị: MÃ=SỐ / each unit's votes: UNIT=VOTES
        tally: Vec<String>,
    },
    /// Nhật ký thay đổi, lọc theo đơn vị và tiêu chí, xuất CSV / the change log, filtered
    /// by unit and criterion, or exported to CSV
    Log {
        #[command(flatten)]
        session: SessionArgs,
        /// Chỉ đơn vị này / only this unit
        #[arg(long)]
        unit: Option<String>,
        /// Chỉ tiêu chí này / only this criterion
        #[arg(long)]
        item: Option<String>,
        /// Xuất CSV ra tệp (- là màn hình) / export CSV to a file (- for standard output)
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
    /// Kiểm tra chữ ký và tính lại kết quả của báo cáo đã ký / check signed summaries and
    /// recompute their results
    Verify {
        /// Tệp báo cáo (.pdf, .xlsx, .ron) hoặc chữ ký (.minisig) / summary files or signatures
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Khóa công khai của Khối trưởng (dòng base64) / the bloc head's public key (base64)
        #[arg(long, value_name = "KEY", conflicts_with = "pubkey_file")]
        pubkey: Option<String>,
        /// Tệp khóa công khai (.pub) / public key file
        #[arg(long, value_name = "PATH")]
        pubkey_file: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct SessionArgs {
    /// Khối: mã (blocs/<mã>.ron) hoặc đường dẫn / bloc id or path
    pub bloc: String,
    /// mid-year (so-ket) | year-end (tong-ket)
    #[arg(long, value_parser = parse_period)]
    pub period: Period,
    /// Năm (mặc định: năm giao ước của khối) / year (default: the bloc's covenant year)
    #[arg(long)]
    pub year: Option<i32>,
    /// Thư mục dữ liệu (mặc định: records/ cạnh blocs/) / data folder
    #[arg(long)]
    pub data: Option<PathBuf>,
}

fn parse_period(text: &str) -> Result<Period, String> {
    Period::parse(text).ok_or_else(|| Lang::Vi.msg(&Msg::UnknownPeriod(text.to_string())))
}

pub use crate::exit::{INVALID, USAGE};

pub fn run(cli: Cli) -> ExitCode {
    let lang = cli.lang;
    let code = match cli.command {
        Some(Command::Check { files }) => check::run(lang, &files),
        Some(Command::Import { session, file }) => import::run(lang, &session, &file),
        Some(Command::Template(args)) => template::run(lang, &args),
        Some(Command::TemplateScheme(args)) => scheme_sheet::template(lang, &args),
        Some(Command::ImportScheme(args)) => scheme_sheet::import(lang, &args),
        Some(Command::TemplateBloc(args)) => bloc_sheet::template(lang, &args),
        Some(Command::ImportBloc(args)) => bloc_sheet::import(lang, &args),
        Some(Command::NewYear(args)) => new_year::run(lang, &args),
        Some(Command::Ward(command)) => ward::run(lang, &command),
        Some(Command::ImportSelf { session, files }) => import_self::run(lang, &session, &files),
        Some(Command::Results {
            session,
            format,
            compare: None,
        }) => results::run(lang, &session, format),
        Some(Command::Results {
            session,
            format,
            compare: Some(earlier),
        }) => compare::run(lang, &session, earlier, format),
        Some(Command::Keygen { key, password_file }) => {
            keygen::run(lang, key.as_deref(), password_file.as_deref())
        }
        Some(Command::Summary {
            session,
            out,
            key,
            password_file,
            number,
            date,
            to,
            provisional,
        }) => summary::run(
            lang,
            &session,
            &summary::Options {
                out: out.as_deref(),
                key: key.as_deref(),
                password_file: password_file.as_deref(),
                number,
                date: date.as_deref(),
                to,
                provisional,
            },
        ),
        Some(Command::Freeze { session }) => session::freeze(lang, &session),
        Some(Command::Minutes {
            session,
            template,
            file,
        }) => minutes::run(lang, &session, file.as_deref(), template),
        Some(Command::Elect {
            session,
            head,
            deputy,
            present,
            head_votes,
            deputy_votes,
        }) => elect::run(
            lang,
            &session,
            &elect::Choice {
                head: head.as_deref(),
                deputy: deputy.as_deref(),
                present,
                head_votes,
                deputy_votes,
            },
        ),
        Some(Command::Text {
            session,
            section,
            file,
        }) => text::run(lang, &session, section.as_deref(), file.as_deref()),
        Some(Command::Reopen { session, reason }) => session::reopen(lang, &session, &reason),
        Some(Command::Vote {
            session,
            award,
            present,
            tally,
        }) => session::vote(lang, &session, award.as_deref(), present, &tally),
        Some(Command::Log {
            session,
            unit,
            item,
            csv,
        }) => session::log(
            lang,
            &session,
            unit.as_deref(),
            item.as_deref(),
            csv.as_deref(),
        ),
        Some(Command::Verify {
            files,
            pubkey,
            pubkey_file,
        }) => verify::run(lang, &files, pubkey.as_deref(), pubkey_file.as_deref()),
        Some(Command::Score {
            session,
            mouse,
            room,
            room_addr,
        }) => {
            let bloc_file = bloc_path(&session.bloc);
            if !bloc_file.is_file() {
                errln!("{}", lang.msg(&Msg::BlocNotFound(session.bloc.clone())));
                USAGE
            } else {
                let target = crate::tui::SessionTarget {
                    bloc_file,
                    period: session.period,
                    year: session.year,
                    data: session.data,
                };
                let room = crate::tui::RoomLaunch {
                    // An address given is a page asked for.
                    serve: room || room_addr.is_some(),
                    addr: room_addr,
                };
                crate::tui::run(lang, crate::tui::Launch::Session(target), mouse, room)
            }
        }
        None => {
            let blocs = PathBuf::from("blocs");
            // With no bloc yet, a terminal shows the start screen's guide to setting one up;
            // a script or a pipe gets the commands.
            use std::io::IsTerminal;
            let terminal = std::io::stdout().is_terminal();
            if crate::tui::start::bloc_files(&blocs).is_empty() && !terminal {
                use clap::CommandFactory;
                let _ = Cli::command().print_help();
                0
            } else {
                crate::tui::run(
                    lang,
                    crate::tui::Launch::Start { blocs },
                    false,
                    crate::tui::RoomLaunch::default(),
                )
            }
        }
    };
    ExitCode::from(code)
}

/// The bloc file named by `bloc`: a path to a file, or an id under `blocs/`.
pub fn bloc_path(bloc: &str) -> PathBuf {
    named_file("blocs", bloc)
}

/// A file named on the command line: a path to a file, or an id of a `.ron` file in `folder`.
pub(crate) fn named_file(folder: &str, named: &str) -> PathBuf {
    let p = Path::new(named);
    if p.is_file() || named.ends_with(".ron") {
        p.to_path_buf()
    } else {
        Path::new(folder).join(format!("{named}.ron"))
    }
}

pub use crate::store::paths::data_dir;

/// Loads the session's bloc and scheme, printing any problem; `Err` carries the exit code.
pub fn load(lang: Lang, session: &SessionArgs) -> Result<(Loaded, PathBuf), u8> {
    let path = bloc_path(&session.bloc);
    if !path.is_file() {
        errln!("{}", lang.msg(&Msg::BlocNotFound(session.bloc.clone())));
        return Err(USAGE);
    }
    match load_covenant(&path) {
        Ok(loaded) => Ok((loaded, path)),
        Err(e) => Err(report_load_error(lang, &e)),
    }
}

/// A session's records opened from the command line (their lock held).
pub struct OpenRecords {
    pub year: i32,
    /// The data folder the records lie in.
    pub data: PathBuf,
    pub records: Records,
}

/// What a command does with a session's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads them: without the lock, also while the scoring screen has the session open.
    Read,
    /// Changes them; when the screen holds the session, the key that does it there.
    Change { key: Option<&'static str> },
}

/// Opens the records of `session`, printing their notices; `Err` carries the exit code after
/// the refusal (the session open elsewhere, a damaged journal) is printed.
pub fn open_records(
    lang: Lang,
    session: &SessionArgs,
    bloc_file: &Path,
    covenant: &crate::model::Covenant,
    access: Access,
) -> Result<OpenRecords, u8> {
    let year = session.year.unwrap_or(covenant.bloc.year);
    let data = data_dir(bloc_file, session.data.as_deref());
    let dir = session_dir(&data, &covenant.bloc.id, year, session.period).map_err(|e| {
        errln!("{}", lang.msg(&Msg::UnsafeName(e.0)));
        USAGE
    })?;
    let opened = match access {
        Access::Read => Records::open_to_read(&dir, covenant, session.period),
        Access::Change { .. } => Records::open(&dir, covenant, session.period),
    };
    let records = opened.map_err(|e| match (e, access) {
        // Held by the screen: the change is made there (exit 1, a refusal, not bad usage).
        (StoreError::Locked { holder, .. }, Access::Change { key }) => {
            errln!(
                "{}",
                lang.msg(&Msg::ChangeOpenElsewhere {
                    holder,
                    key: key.map(str::to_string),
                })
            );
            INVALID
        }
        (e, _) => {
            errln!("{}", e.msg(lang));
            USAGE
        }
    })?;
    for notice in &records.notices {
        errln!("{}", lang.msg(notice));
    }
    Ok(OpenRecords {
        year,
        data,
        records,
    })
}

/// The exit code of a store's refusal: 2 when the disk or a file failed (as for a file that
/// cannot be read), 1 when the change itself is refused (frozen results, a reason missing).
pub fn store_code(e: &StoreError) -> u8 {
    match e {
        StoreError::Io { .. } => USAGE,
        _ => INVALID,
    }
}

/// A session on records opened to change them, or the overflow printed and its exit code.
pub fn session_of(
    lang: Lang,
    records: crate::store::Records,
) -> Result<crate::session::Session, u8> {
    let covenant = records.covenant().clone();
    crate::session::Session::new(Box::new(records)).map_err(|o| {
        errln!("{}", lang.msg(&Msg::overflow(&covenant, &o)));
        INVALID
    })
}

/// The session of a bloc's records opened to change them, for a command that never waits
/// on the screen (no key to name); the refusal printed and its exit code.
pub fn session_to_change(
    lang: Lang,
    session: &SessionArgs,
    bloc_file: &std::path::Path,
    covenant: &crate::model::Covenant,
) -> Result<crate::session::Session, u8> {
    let open = open_records(
        lang,
        session,
        bloc_file,
        covenant,
        Access::Change { key: None },
    )?;
    session_of(lang, open.records)
}

/// Prints the session's refusal; its exit code.
pub fn refused(lang: Lang, refusal: &crate::session::Refusal) -> u8 {
    errln!("{}", refusal.msg(lang));
    refusal.exit_code()
}

/// The results, or the overflow printed and the exit code of a refusal.
pub fn computed(
    lang: Lang,
    covenant: &crate::model::Covenant,
    results: Result<crate::score::Results, crate::score::Overflow>,
) -> Result<crate::score::Results, u8> {
    results.map_err(|o| {
        errln!("{}", lang.msg(&Msg::overflow(covenant, &o)));
        INVALID
    })
}
