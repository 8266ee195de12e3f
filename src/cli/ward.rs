//! `thidua ward …`: the receiving office's commands. `init DIR` makes its folder; `add BLOC`
//! expects a bloc and keeps the bloc and scheme files published for it; `trust BLOC KEY` trusts
//! a bloc head's key; `check` checks the inbox, logs every file, and shows where each bloc
//! stands.

use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::model::Period;
use crate::ward::workspace::{WardError, Workspace, init};
use std::io::IsTerminal;

use super::ward_table as table;
use crate::ward::collect::PaperDue;
use crate::ward::{collect, paper, words};

use super::{INVALID, USAGE, errln, outln, report_load_error};

#[derive(Debug, clap::Subcommand)]
pub enum WardCommand {
    /// Lập thư mục tiếp nhận của phường / make the ward's folder
    Init {
        dir: PathBuf,
        /// Tên cơ quan tiếp nhận / the receiving office's name
        #[arg(long)]
        name: String,
        /// Năm tiếp nhận báo cáo / the year whose reports are received
        #[arg(long)]
        year: i32,
        /// Địa danh trên dòng ngày tháng / the place on the date line
        #[arg(long, default_value = "")]
        place: String,
        /// Người ký bảng tổng hợp / who signs the city table
        #[arg(long)]
        signer: Option<String>,
        /// Chức vụ người ký ("Chủ tịch") / the signer's post
        #[arg(long, default_value = "")]
        post: String,
    },
    /// Thêm khối phải báo cáo, kèm tệp khối và thang điểm đã ban hành / expect a bloc
    Add {
        /// Tệp khối (blocs/<mã>.ron) / the bloc's file
        bloc: PathBuf,
        /// Đối chiếu mã in trên bản giấy trước khi nhận / compare the paper copy's digest
        #[arg(long)]
        paper: bool,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Bật (tắt) đối chiếu bản giấy cho một khối / ask (stop asking) for a bloc's paper check
    Paper {
        bloc: String,
        #[arg(long)]
        off: bool,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Nhập hai nhóm mã đối chiếu từ bản giấy / type two groups of the paper digest
    Confirm {
        bloc: String,
        /// mid-year | year-end
        #[arg(long, value_parser = super::parse_period)]
        period: Period,
        /// Hai nhóm được hỏi, theo thứ tự / the two groups asked, in order
        #[arg(num_args = 2)]
        groups: Vec<String>,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Tin cậy khóa công khai của khối trưởng / trust a bloc head's public key
    Trust {
        bloc: String,
        /// Khóa (RW…) hoặc tệp .pub / the key (RW…) or its .pub file
        key: String,
        /// Khối trưởng mới: thôi tin cậy khóa cũ từ nay / a new head: retire the earlier keys
        #[arg(long)]
        new_head: bool,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Lập bảng tổng hợp các khối, ký bằng khóa của phường / write the signed city table
    Table {
        /// mid-year | year-end
        #[arg(long, value_parser = super::parse_period)]
        period: Period,
        /// Năm (phải là năm của thư mục tiếp nhận) / the year (the ward folder's)
        #[arg(long)]
        year: Option<i32>,
        /// Ngày ghi trên văn bản (YYYY-MM-DD), mặc định hôm nay / the date on the document
        #[arg(long)]
        date: Option<String>,
        /// Khóa bí mật của phường / the ward's secret key
        #[arg(long)]
        key: Option<PathBuf>,
        /// Đọc mật khẩu từ dòng đầu của tệp / read the passphrase from the file's first line
        #[arg(long)]
        password_file: Option<PathBuf>,
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Màn hình tiếp nhận: các khối, tệp đã nhận, đối chiếu bản giấy / the ward's screen
    Screen {
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
    /// Kiểm tra hộp thư đến và xem tình trạng từng khối / check the inbox, see each bloc
    Check {
        #[arg(long, default_value = ".")]
        dir: PathBuf,
    },
}

pub fn run(lang: Lang, command: &WardCommand) -> u8 {
    let done = match command {
        WardCommand::Init {
            dir,
            name,
            year,
            place,
            signer,
            post,
        } => init(dir, name, *year).and_then(|mut w| {
            let signer = signer.as_ref().map(|name| crate::model::Signer {
                name: name.clone(),
                post: post.clone(),
            });
            w.describe(place, signer)?;
            outln!(
                "{}",
                said(
                    lang,
                    "đã lập thư mục tiếp nhận",
                    "made the ward folder",
                    dir
                )
            );
            Ok(0)
        }),
        WardCommand::Add { bloc, paper, dir } => Workspace::open(dir).and_then(|mut w| {
            let id = w.expect(bloc)?;
            if *paper {
                w.set_paper(&id, true)?;
            }
            outln!(
                "{}",
                said(lang, "đã thêm khối", "expects the bloc", Path::new(&id))
            );
            Ok(0)
        }),
        WardCommand::Trust {
            bloc,
            key,
            new_head,
            dir,
        } => Workspace::open(dir).and_then(|mut w| {
            let text = match std::fs::read_to_string(key) {
                Ok(file) => crate::report::keys::load_public_key(Path::new(key))
                    .map(|k| crate::report::keys::public_key_line(&k))
                    .unwrap_or(file),
                Err(_) => key.clone(),
            };
            let added = w.trust_with(bloc, &text, crate::store::records::now(), *new_head)?;
            let (vi, en) = if added {
                ("đã tin cậy khóa cho khối", "trusts the key for bloc")
            } else {
                (
                    "khóa đã được tin cậy cho khối",
                    "already trusts the key for bloc",
                )
            };
            outln!("{}", said(lang, vi, en, Path::new(bloc)));
            Ok(0)
        }),
        WardCommand::Paper { bloc, off, dir } => Workspace::open(dir).and_then(|mut w| {
            w.set_paper(bloc, !off)?;
            outln!("{}", words::paper_set(lang, bloc, !off));
            Ok(0)
        }),
        WardCommand::Confirm {
            bloc,
            period,
            groups,
            dir,
        } => Workspace::open(dir).and_then(|w| confirm(lang, &w, bloc, *period, groups)),
        WardCommand::Check { dir } => Workspace::open(dir).and_then(|w| check_inbox(lang, &w)),
        WardCommand::Screen { dir } => Workspace::open(dir).map(|w| crate::tui::run_ward(lang, w)),
        WardCommand::Table {
            period,
            year,
            date,
            key,
            password_file,
            dir,
        } => Workspace::open(dir).map(|w| {
            let options = table::Options {
                period: *period,
                year: *year,
                date: date.as_deref(),
                key: key.as_deref(),
                password_file: password_file.as_deref(),
            };
            table::run(lang, &w, &options)
        }),
    };
    done.unwrap_or_else(|e| {
        match e {
            WardError::Load(e) => return report_load_error(lang, &e),
            other => errln!("{}", words::ward_error(lang, &other)),
        }
        USAGE
    })
}

fn said(lang: Lang, vi: &str, en: &str, what: &Path) -> String {
    let words = if lang == Lang::Vi { vi } else { en };
    format!("{words} {}", what.display())
}

/// Checks the inbox, logs each file's outcome once, and prints it with each bloc's standing.
fn check_inbox(lang: Lang, w: &Workspace) -> Result<u8, WardError> {
    let collected = collect::collect(w, crate::store::records::now())?;
    let mut refused = 0;
    for c in &collected.checked {
        let Some((verdict, _)) = collect::verdict(&c.outcome) else {
            continue;
        };
        let mark = if verdict == "refused" {
            refused += 1;
            "✗"
        } else {
            "✓"
        };
        outln!("{mark} {}: {}", c.name, words::outcome(lang, &c.outcome));
    }
    outln!();
    for expected in &w.ward.blocs {
        let standing: Vec<String> = Period::ALL
            .iter()
            .map(|&p| {
                format!(
                    "{}: {}",
                    words::period_heading(lang, p),
                    words::standing(lang, &collected.standing(&expected.id, p))
                )
            })
            .collect();
        outln!("{}  {}", expected.id, standing.join(" · "));
    }
    let due: Vec<PaperDue> = (w.ward.blocs.iter())
        .flat_map(|b| Period::ALL.iter().map(|&p| (b.id.clone(), p)))
        .filter_map(|(b, p)| collected.paper_due(&b, p))
        .collect();
    if !due.is_empty() {
        outln!();
    }
    for d in &due {
        outln!("{}", words::paper_due(lang, d));
        if std::io::stdin().is_terminal() {
            ask_paper(lang, w, &collected, d)?;
        }
    }
    Ok(if refused > 0 { INVALID } else { 0 })
}

/// Asks the clerk at the terminal for the two groups of `due`; Enter alone leaves it for later.
fn ask_paper(
    lang: Lang,
    w: &Workspace,
    collected: &collect::Collected,
    due: &PaperDue,
) -> Result<(), WardError> {
    use std::io::Write;
    print!("{} ", words::paper_prompt(lang, due.asked));
    let _ = std::io::stdout().flush();
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_err() {
        return Ok(());
    }
    let typed: Vec<&str> = line.split_whitespace().collect();
    if typed.is_empty() {
        return Ok(());
    }
    let record = collected.current(&due.record.bloc, due.record.period);
    settle(lang, w, due, record.as_ref().map(|(_, r)| r), &typed)
}

/// Compares what was typed with the record's digest, logs it, and says so.
fn settle(
    lang: Lang,
    w: &Workspace,
    due: &PaperDue,
    record: Option<&crate::report::record::Record>,
    typed: &[&str],
) -> Result<(), WardError> {
    let matched = match (record, typed) {
        (Some(r), [a, b]) => paper::matches(r, due.asked, [a, b]),
        _ => false,
    };
    let now = crate::store::records::now();
    paper::log(
        w,
        &due.record.name,
        &due.record.sha256,
        matched,
        due.asked,
        now,
    )?;
    if matched {
        outln!("✓ {}", words::paper_result(lang, true));
    } else {
        errln!("✗ {}", words::paper_result(lang, false));
    }
    Ok(())
}

/// `ward confirm BLOC --period P G1 G2`: the paper check without a terminal.
fn confirm(
    lang: Lang,
    w: &Workspace,
    bloc: &str,
    period: Period,
    groups: &[String],
) -> Result<u8, WardError> {
    if !w.ward.blocs.iter().any(|b| b.id == bloc) {
        return Err(WardError::UnknownBloc(bloc.to_string()));
    }
    let collected = collect::collect(w, crate::store::records::now())?;
    let Some(due) = collected.paper_due(bloc, period) else {
        errln!(
            "{}",
            words::nothing_due(lang, bloc, &collected.standing(bloc, period))
        );
        return Ok(INVALID);
    };
    let typed: Vec<&str> = groups.iter().map(String::as_str).collect();
    let record = collected.current(bloc, period);
    settle(lang, w, &due, record.as_ref().map(|(_, r)| r), &typed)?;
    let now_confirmed = paper::confirmed(w)?.contains(&due.record.sha256);
    Ok(if now_confirmed { 0 } else { INVALID })
}
