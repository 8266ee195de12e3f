//! The self-score commands on the sample bloc: `template` writes one form per unit and never
//! overwrites one.

#[path = "support/forms.rs"]
mod forms;

use std::path::Path;
use std::process::{Command, Output};

use thidua::model::Period;
use thidua::selfscore::{Format, Session, read};

fn thidua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn template(out: &Path, more: &[&str]) -> Output {
    let mut args = vec!["template", "khoi-8", "--out", out.to_str().unwrap()];
    args.extend_from_slice(more);
    thidua(&args)
}

#[test]
fn template_writes_a_form_per_unit_and_never_overwrites_one() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("phieu");
    let run = template(&out, &["--period", "so-ket", "--all"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let c = forms::sample();
    for member in &c.bloc.members {
        let name = format!("khoi-8-2026-mid-year-tu-cham-{}.xlsx", member.id);
        let path = out.join(&name);
        assert!(
            text(&run.stdout).contains(&format!("đã ghi phiếu tự chấm {}", path.display())),
            "{}",
            text(&run.stdout)
        );
        // Each form is the unit's own, for this session.
        let bytes = std::fs::read(&path).unwrap();
        let session = Session {
            covenant: &c,
            year: 2026,
            period: Period::MidYear,
        };
        let units = read(Format::Xlsx, &session, &bytes).unwrap();
        assert_eq!(units[0].unit, c.unit_index(&member.id).unwrap());
    }
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 8);

    // A unit's form already there refuses the whole run, leaving the file as it was.
    let kept = out.join("khoi-8-2026-mid-year-tu-cham-tu-minh.xlsx");
    std::fs::write(&kept, b"filled in by Tu Minh").unwrap();
    let again = template(&out, &["--period", "mid-year", "--all"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains(&format!(
            "tệp {} đã có, không ghi đè; hãy xóa tệp đó hoặc chọn thư mục khác (--out)",
            kept.display()
        )),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read(&kept).unwrap(), b"filled in by Tu Minh");

    // One unit, another year and review, in English.
    let one = template(
        &out,
        &[
            "--period", "tong-ket", "--year", "2027", "--unit", "viet-hoa", "--lang", "en",
        ],
    );
    assert_eq!(one.status.code(), Some(0), "{}", text(&one.stderr));
    let path = out.join("khoi-8-2027-year-end-tu-cham-viet-hoa.xlsx");
    assert_eq!(
        text(&one.stdout).trim(),
        format!("wrote the self-score form {}", path.display())
    );
    let (name, _) = forms::open(&std::fs::read(&path).unwrap());
    assert_eq!(name, "Self-score");
}

#[test]
fn template_refuses_an_unknown_unit_or_no_unit() {
    let tmp = tempfile::tempdir().unwrap();
    let unknown = template(tmp.path(), &["--period", "so-ket", "--unit", "phuong-x"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr)
            .contains("không có đơn vị \"phuong-x\" trong khối; các đơn vị: thanh-dong, hai-duong"),
        "{}",
        text(&unknown.stderr)
    );
    let neither = template(tmp.path(), &["--period", "so-ket"]);
    assert_eq!(neither.status.code(), Some(2));
    let both = template(
        tmp.path(),
        &["--period", "so-ket", "--all", "--unit", "viet-hoa"],
    );
    assert_eq!(both.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
}
