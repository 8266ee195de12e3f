//! `thidua keygen`, `summary` and `verify` as a bloc head runs them on the sample bloc.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// A copy of the sample bloc in a folder of its own, with its own config folder for the key.
struct Desk {
    dir: tempfile::TempDir,
}

impl Desk {
    fn new() -> Desk {
        let dir = tempfile::tempdir().unwrap();
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        for sub in ["blocs", "scoring"] {
            fs::create_dir(dir.path().join(sub)).unwrap();
            for f in fs::read_dir(root.join(sub)).unwrap() {
                let f = f.unwrap();
                fs::copy(f.path(), dir.path().join(sub).join(f.file_name())).unwrap();
            }
        }
        fs::write(dir.path().join("pw"), "mật khẩu của khối trưởng\n").unwrap();
        Desk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_thidua"))
            .args(args)
            .current_dir(self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .output()
            .expect("the binary runs")
    }

    fn import(&self, period: &str) {
        let csv = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data")
            .join(format!("khoi-8-{period}.csv"));
        let out = self.run(&[
            "import",
            "khoi-8",
            "--period",
            period,
            csv.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }

    /// Writes every section of the period's report from a text file, as `thidua text` does:
    /// the section's heading as a paragraph, and a bullet.
    fn write_sections(&self, period: &str) {
        let listing = self.run(&["text", "khoi-8", "--period", period]);
        let ids: Vec<String> = text(&listing.stdout)
            .lines()
            .skip(2)
            .filter_map(|l| l.split_whitespace().next().map(str::to_string))
            .collect();
        assert!(ids.len() >= 3, "{}", text(&listing.stdout));
        for id in ids {
            let file = self.path().join(format!("{id}.txt"));
            fs::write(&file, format!("Đoạn của mục {id}.\n\n- Ý của mục {id}.\n")).unwrap();
            let out = self.run(&[
                "text",
                "khoi-8",
                "--period",
                period,
                "--section",
                &id,
                file.to_str().unwrap(),
            ]);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        }
    }

    fn freeze(&self, period: &str) {
        let out = self.run(&["freeze", "khoi-8", "--period", period]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert!(text(&out.stdout).contains("Đã chốt kết quả"));
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn keygen_summary_and_verify_from_the_command_line() {
    let desk = Desk::new();
    let made = desk.run(&["keygen", "--password-file", "pw"]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    desk.import("mid-year");

    // Complete but not frozen: a final summary waits for the meeting to agree the results.
    let sign = [
        "summary",
        "khoi-8",
        "--period",
        "mid-year",
        "--password-file",
        "pw",
    ];
    let out = desk.run(&sign);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("kết quả chưa được chốt"), "{said}");
    assert!(!desk.path().join("summaries").exists());
    desk.freeze("mid-year");
    desk.write_sections("mid-year");

    let out = desk.run(&[
        "summary",
        "khoi-8",
        "--period",
        "mid-year",
        "--password-file",
        "pw",
        "--number",
        "12",
        "--date",
        "2026-07-05",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("Đã ký báo cáo, phiên bản 1"), "{stdout}");
    let summaries = desk.path().join("summaries");
    for ext in ["pdf", "xlsx", "ron"] {
        let f = summaries.join(format!("khoi-8-2026-mid-year-v1.{ext}"));
        assert!(f.is_file(), "{}", f.display());
        assert!(stdout.contains(&f.file_name().unwrap().to_string_lossy().into_owned()));
    }

    // The sections written from files are in the signed record, as written.
    let record = thidua::report::record::Record::from_ron(
        &fs::read_to_string(summaries.join("khoi-8-2026-mid-year-v1.ron")).unwrap(),
    )
    .unwrap();
    let ids: Vec<&str> = record.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["ket-qua-noi-bat", "ton-tai-han-che", "phuong-huong"]);
    assert_eq!(
        record.sections[1].text,
        "Đoạn của mục ton-tai-han-che.\n\n- Ý của mục ton-tai-han-che."
    );

    let public = desk.path().join("config/thidua/thidua.pub");
    let check = |lang: &str, files: &[&str]| {
        let mut args = vec!["--lang", lang, "verify", "--pubkey-file"];
        args.push(public.to_str().unwrap());
        args.extend(files);
        desk.run(&args)
    };
    let all = [
        "summaries/khoi-8-2026-mid-year-v1.ron",
        "summaries/khoi-8-2026-mid-year-v1.pdf",
        "summaries/khoi-8-2026-mid-year-v1.xlsx.minisig",
    ];
    let ok = check("vi", &all);
    let said = text(&ok.stdout);
    assert_eq!(ok.status.code(), Some(0), "{said}{}", text(&ok.stderr));
    assert!(said.contains("kết quả trùng khớp"), "{said}");
    assert!(said.contains("Kết luận: cả 3 tệp đều đạt."), "{said}");

    // The public key as a line works the same, and English is complete.
    let key_line = fs::read_to_string(&public).unwrap();
    let key_line = key_line.lines().last().unwrap().trim().to_string();
    let en = desk.run(&[
        "--lang",
        "en",
        "verify",
        "--pubkey",
        &key_line,
        "summaries/khoi-8-2026-mid-year-v1.ron",
    ]);
    assert_eq!(en.status.code(), Some(0), "{}", text(&en.stdout));
    assert!(text(&en.stdout).contains("the results match"));

    // One changed byte in the PDF: its signature fails, and so does the record's check of it.
    let pdf = summaries.join("khoi-8-2026-mid-year-v1.pdf");
    let mut bytes = fs::read(&pdf).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    fs::write(&pdf, bytes).unwrap();
    let bad = check("vi", &all);
    let said = text(&bad.stdout);
    assert_eq!(bad.status.code(), Some(1), "{said}");
    assert!(
        said.contains("LỖI  summaries/khoi-8-2026-mid-year-v1.pdf"),
        "{said}"
    );
    assert!(said.contains("chữ ký KHÔNG khớp"), "{said}");
    assert!(said.contains("KHÔNG phải tệp bản ghi này nêu"), "{said}");
    assert!(said.contains("Kết luận: 2/3 tệp KHÔNG đạt"), "{said}");

    // Signing again never touches version 1.
    let again = desk.run(&[
        "--lang",
        "en",
        "summary",
        "khoi-8",
        "--period",
        "mid-year",
        "--password-file",
        "pw",
    ]);
    let said = text(&again.stdout);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{said}{}",
        text(&again.stderr)
    );
    assert!(said.contains("Signed the report, version 2"), "{said}");
    assert!(
        said.contains("replaces khoi-8-2026-mid-year-v1.ron"),
        "{said}"
    );
}

#[test]
fn refusals_name_what_is_wrong() {
    let desk = Desk::new();
    // No key anywhere: verify says what it needs.
    fs::write(desk.path().join("x.pdf"), b"%PDF-").unwrap();
    let out = desk.run(&["verify", "x.pdf"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--pubkey"),
        "{}",
        text(&out.stderr)
    );

    // An empty year-end session: refused before any passphrase is asked, listing the gaps.
    let out = desk.run(&[
        "summary",
        "khoi-8",
        "--period",
        "year-end",
        "--password-file",
        "pw",
    ]);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("Chưa ký được báo cáo chính thức"), "{said}");
    assert!(said.contains("- Thành Đông: chưa chấm I.1.1"), "{said}");
    assert!(said.contains("nội dung chưa chấm khác"), "{said}");
    assert!(!desk.path().join("summaries").exists());

    // A date that does not exist, a number that cannot be printed, or a recipient longer than
    // a line is a usage error; a missing key is named.
    for (flag, value, said) in [
        ("--date", "31/2/2026", "NGÀY/THÁNG/NĂM"),
        ("--number", "12/BC\n#x", "số văn bản"),
        ("--to", &"Ủy ban ".repeat(40), "dài quá 200 ký tự"),
    ] {
        let out = desk.run(&["summary", "khoi-8", "--period", "mid-year", flag, value]);
        assert_eq!(out.status.code(), Some(2), "{flag}");
        assert!(text(&out.stderr).contains(said), "{}", text(&out.stderr));
    }
    desk.import("mid-year");
    desk.freeze("mid-year");
    desk.write_sections("mid-year");
    let out = desk.run(&[
        "summary",
        "khoi-8",
        "--period",
        "mid-year",
        "--password-file",
        "pw",
        "--key",
        "khong-co.key",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("khong-co.key"));

    // A wrong passphrase is refused and nothing is written.
    let made = desk.run(&["keygen", "--password-file", "pw"]);
    assert_eq!(made.status.code(), Some(0));
    fs::write(desk.path().join("wrong"), "sai\n").unwrap();
    let out = desk.run(&[
        "summary",
        "khoi-8",
        "--period",
        "mid-year",
        "--password-file",
        "wrong",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("sai mật khẩu"));
    assert!(!desk.path().join("summaries").exists());
}

/// The units `thidua vote` lists as awaiting the vote on an award, by id.
fn awaiting(listing: &str, award: &str) -> Vec<String> {
    listing
        .lines()
        .skip_while(|l| !l.contains(&format!("[{award}]")))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| l.contains("chờ biểu quyết"))
        .map(|l| l.trim().split(' ').next().unwrap().to_string())
        .collect()
}

#[test]
fn the_year_end_meeting_from_the_command_line() {
    let desk = Desk::new();
    assert_eq!(
        desk.run(&["keygen", "--password-file", "pw"]).status.code(),
        Some(0)
    );
    desk.import("year-end");
    let session = ["khoi-8", "--period", "year-end"];
    let with = |cmd: &str, extra: &[&str]| {
        let mut args = vec![cmd];
        args.extend(session);
        args.extend(extra);
        desk.run(&args)
    };
    desk.freeze("year-end");
    desk.write_sections("year-end");
    // Next year's head and deputy, with the vote.
    let out = with(
        "elect",
        &[
            "--head",
            "hai-duong",
            "--deputy",
            "tu-minh",
            "--present",
            "8",
            "--head-votes",
            "8",
            "--deputy-votes",
            "7",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("năm 2027"),
        "{}",
        text(&out.stdout)
    );

    // Frozen and complete, but the awards wait for the members' vote.
    let sign = ["--password-file", "pw", "--date", "2026-12-18"];
    let out = with("summary", &sign);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("chưa ghi kết quả biểu quyết"), "{said}");

    // The listing names each award's quota, threshold and candidates.
    let out = with("vote", &[]);
    let listing = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{listing}");
    assert!(
        listing.contains("[co-thi-dua] (chỉ tiêu: 1; trên 50% số thành viên có mặt)"),
        "{listing}"
    );
    let flag = awaiting(&listing, "co-thi-dua");
    assert_eq!(flag.len(), 1, "{listing}");

    // A tally on other units, or more votes than members present, is refused.
    let out = with(
        "vote",
        &["--award", "co-thi-dua", "--present", "8", "tu-minh=8"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let tally = format!("{}=9", flag[0]);
    let out = with("vote", &["--award", "co-thi-dua", "--present", "8", &tally]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("nhiều hơn 8 thành viên có mặt"));

    // Exactly at the threshold's edge: 4 of 8 is not more than half, 5 is.
    let tally = format!("{}=4", flag[0]);
    let out = with("vote", &["--award", "co-thi-dua", "--present", "8", &tally]);
    assert!(
        text(&out.stdout).contains("không đạt tỷ lệ phiếu (4 phiếu)"),
        "{}",
        text(&out.stdout)
    );
    let tally = format!("{}=5", flag[0]);
    let out = with("vote", &["--award", "co-thi-dua", "--present", "8", &tally]);
    assert!(
        text(&out.stdout).contains("đạt tỷ lệ phiếu, đề nghị (5 phiếu)"),
        "{}",
        text(&out.stdout)
    );
    // The other awards, each on its candidates as they now stand.
    for award in ["bang-khen-ttg", "bang-khen-ubnd"] {
        let listing = text(&with("vote", &[]).stdout);
        let units = awaiting(&listing, award);
        if units.is_empty() {
            continue;
        }
        let mut args = vec!["--award", award, "--present", "8"];
        let tallies: Vec<String> = units.iter().map(|u| format!("{u}=6")).collect();
        args.extend(tallies.iter().map(String::as_str));
        let out = with("vote", &args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }

    // The minutes: the template with its names filled in, recorded; a final year-end report
    // needs the attendance and each ballot's count record.
    let template =
        text(&with("minutes", &["--template"]).stdout).replace("Họ và tên", "Nguyễn Văn An");
    let minutes = desk.path().join("bien-ban.ron");
    fs::write(&minutes, template).unwrap();
    let out = with("minutes", &[minutes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // `results` states the recorded votes, as the screen and the signed report do.
    let out = with("results", &[]);
    let table = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{table}");
    assert!(!table.contains("chờ biểu quyết"), "{table}");
    assert!(table.contains("(5 phiếu)"), "{table}");

    let out = with("summary", &sign);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let record =
        fs::read_to_string(desk.path().join("summaries/khoi-8-2026-year-end-v1.ron")).unwrap();
    assert!(record.contains("award: \"co-thi-dua\""), "{record}");
    assert!(record.contains("frozen_at:"), "{record}");
    let public = desk.path().join("config/thidua/thidua.pub");
    let out = desk.run(&[
        "verify",
        "--pubkey-file",
        public.to_str().unwrap(),
        "summaries/khoi-8-2026-year-end-v1.ron",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    // The signed final version locks the votes with everything else: a tally, even the same
    // one again, is refused until the results are reopened with a reason.
    let tally = format!("{}=6", flag[0]);
    let out = with("vote", &["--award", "co-thi-dua", "--present", "8", &tally]);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("phiên bản 1 đã được ký chính thức"), "{said}");
    assert!(said.contains("mở lại kết quả"), "{said}");

    // Reopening names the signed version; the log has every step, and exports to CSV.
    let out = with(
        "reopen",
        &["--reason", "Phường Tân Hưng bổ sung minh chứng"],
    );
    let said = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("phiên bản 1 đã được ký"), "{said}");
    let out = with("log", &["--csv", "nhat-ky.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let csv = fs::read_to_string(desk.path().join("nhat-ky.csv")).unwrap();
    assert!(
        csv.starts_with("\u{feff}STT,Thời gian,Người ghi,Nội dung"),
        "{csv}"
    );
    for what in [
        "chốt kết quả",
        "biểu quyết",
        "ký báo cáo chính thức",
        "mở lại kết quả",
        "nhập từ tệp",
    ] {
        assert!(csv.contains(what), "{what}: {csv}");
    }
    assert!(csv.contains("Phường Tân Hưng bổ sung minh chứng"));
    // Reopened, the votes can be taken again.
    let out = with("vote", &["--award", "co-thi-dua", "--present", "8", &tally]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = with("log", &["--unit", "tu-minh", "--item", "I.1.4"]);
    let table = text(&out.stdout);
    assert_eq!(table.lines().count(), 3, "{table}");
    assert!(!table.contains("chốt kết quả"));
}

#[cfg(unix)]
#[test]
fn a_password_file_others_can_read_is_warned_of() {
    use std::os::unix::fs::PermissionsExt;
    let desk = Desk::new();
    let pw = desk.path().join("pw");
    fs::set_permissions(&pw, fs::Permissions::from_mode(0o644)).unwrap();
    let out = desk.run(&["keygen", "--password-file", "pw"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(
        said.contains("người khác cũng đọc được tệp mật khẩu pw"),
        "{said}"
    );
    assert!(said.contains("chmod 600 pw"), "{said}");
    fs::set_permissions(&pw, fs::Permissions::from_mode(0o600)).unwrap();
    desk.import("mid-year");
    desk.freeze("mid-year");
    desk.write_sections("mid-year");
    let out = desk.run(&[
        "--lang",
        "en",
        "summary",
        "khoi-8",
        "--period",
        "mid-year",
        "--password-file",
        "pw",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn output_cut_short_by_its_reader_ends_quietly() {
    use std::io::Read;
    use thidua::model::Period;
    // A session whose change log is far longer than a pipe holds (64 KiB).
    let dir = tempfile::tempdir().unwrap();
    let bloc = thidua::synthetic::write_files(dir.path(), 30, 50).unwrap();
    let covenant = thidua::store::load_covenant(&bloc).unwrap().covenant;
    let records = thidua::store::records::session_dir(
        &dir.path().join("records"),
        "gen",
        2026,
        Period::MidYear,
    )
    .unwrap();
    let mut r = thidua::store::Records::open(&records, &covenant, Period::MidYear).unwrap();
    let sheet = thidua::synthetic::full_sheet(&covenant);
    r.apply(&thidua::synthetic::entries(
        &covenant,
        &sheet,
        Period::MidYear,
    ))
    .unwrap();
    drop(r);
    // `thidua log … | head -c 100`: the reader goes after the first bytes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(["log", "gen", "--period", "mid-year"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 100];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    let out = child.wait_with_output().unwrap();
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(!said.contains("panicked"), "{said}");
}

#[test]
fn the_reason_column_of_import_and_the_record_carry_self_scores_and_reasons() {
    let desk = Desk::new();
    assert_eq!(
        desk.run(&["keygen", "--password-file", "pw"]).status.code(),
        Some(0)
    );
    fs::write(
        desk.path().join("tu-cham.csv"),
        "unit,criterion,value,evidence\nthanh-dong,I.1.4,HTXS,Báo cáo số 12/BC-UBND\n",
    )
    .unwrap();
    let out = desk.run(&[
        "import-self",
        "khoi-8",
        "--period",
        "mid-year",
        "tu-cham.csv",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    // The bloc scores the item lower without a reason: the whole file is refused.
    fs::write(
        desk.path().join("khoi.csv"),
        "unit,criterion,value,note,reason\nthanh-dong,I.1.4,HT,,\nhai-duong,I.1.4,HTT,,\n",
    )
    .unwrap();
    let out = desk.run(&["import", "khoi-8", "--period", "mid-year", "khoi.csv"]);
    let said = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("thanh-dong / I.1.4: điểm khối chấm khác điểm đơn vị tự chấm, cần ghi lý do"),
        "{said}"
    );
    let log = text(&desk.run(&["log", "khoi-8", "--period", "mid-year"]).stdout);
    assert!(
        !log.contains("hai-duong") && !log.contains("Hải Dương"),
        "nothing stored: {log}"
    );

    // With its reason in the fifth column it is stored, and the log shows why.
    fs::write(
        desk.path().join("khoi.csv"),
        "unit,criterion,value,note,reason\nthanh-dong,I.1.4,HT,,Thiếu minh chứng quý II\n",
    )
    .unwrap();
    let out = desk.run(&["import", "khoi-8", "--period", "mid-year", "khoi.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let log = text(&desk.run(&["log", "khoi-8", "--period", "mid-year"]).stdout);
    assert!(log.contains("Thiếu minh chứng quý II"), "{log}");

    // A draft carries both in its record: the unit's own score with its evidence, and the
    // bloc's with its reason.
    let out = desk.run(&[
        "summary",
        "khoi-8",
        "--period",
        "mid-year",
        "--password-file",
        "pw",
        "--provisional",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let record = thidua::report::record::Record::from_ron(
        &fs::read_to_string(desk.path().join("summaries/khoi-8-2026-mid-year-v1.ron")).unwrap(),
    )
    .unwrap();
    let own = record
        .self_scores
        .iter()
        .find(|e| e.unit == "thanh-dong" && e.item == "I.1.4")
        .expect("the self-score in the record");
    assert_eq!(own.value, thidua::model::Value::Level("HTXS".into()));
    assert_eq!(own.note, "Báo cáo số 12/BC-UBND");
    let bloc = record
        .entries
        .iter()
        .find(|e| e.unit == "thanh-dong" && e.item == "I.1.4")
        .expect("the bloc's score in the record");
    assert_eq!(bloc.value, thidua::model::Value::Level("HT".into()));
    assert_eq!(bloc.reason, "Thiếu minh chứng quý II");
}
