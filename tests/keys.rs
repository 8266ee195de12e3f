//! `thidua keygen`: the key pair on disk, refusals, and the keys loading and signing in-process.

use std::fs;
use std::io::Cursor;
use std::path::Path;
use std::process::{Command, Output};

use thidua::report::keys::{self, KeyError, Passphrase};

const PASSPHRASE: &str = "Khối trưởng 2026 ✓";

fn thidua(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thidua"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn password_file(dir: &Path, content: &str) -> String {
    let path = dir.join("pass.txt");
    fs::write(&path, content).unwrap();
    path.to_str().unwrap().to_string()
}

fn keygen(key: &Path, pass_file: &str) -> Output {
    thidua(&[
        "keygen",
        "--key",
        key.to_str().unwrap(),
        "--password-file",
        pass_file,
    ])
}

fn sign_and_verify(secret: &keys::SecretKey, public: &keys::PublicKey, data: &[u8]) {
    let signature = minisign::sign(
        Some(public),
        secret,
        Cursor::new(data),
        Some("khối: khoi-8"),
        None,
    )
    .expect("signs");
    let signature = minisign::SignatureBox::from_string(&signature.into_string()).unwrap();
    minisign::verify(public, &signature, Cursor::new(data), true, false, false)
        .expect("the signature verifies with the public key");
    let mut changed = data.to_vec();
    changed[0] ^= 1;
    assert!(
        minisign::verify(
            public,
            &signature,
            Cursor::new(&changed),
            true,
            false,
            false
        )
        .is_err(),
        "one changed byte fails the signature"
    );
}

#[test]
fn keygen_writes_a_private_secret_key_and_prints_the_public_one() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = password_file(tmp.path(), &format!("{PASSPHRASE}\n"));
    let key = tmp.path().join("khoa").join("head.key");
    let out = keygen(&key, &pass);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("Đã tạo cặp khóa ký"), "{stdout}");
    assert!(!stdout.contains(PASSPHRASE) && !text(&out.stderr).contains(PASSPHRASE));

    let public_path = tmp.path().join("khoa").join("head.pub");
    let secret_text = fs::read_to_string(&key).unwrap();
    let public_text = fs::read_to_string(&public_path).unwrap();
    assert!(secret_text.starts_with("untrusted comment: "));
    assert!(!secret_text.contains(PASSPHRASE));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&key).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "secret key mode {mode:o}");
    }
    let lines: Vec<&str> = public_text.lines().collect();
    assert_eq!(lines.len(), 2, "{public_text}");
    assert!(lines[0].starts_with("untrusted comment: minisign public key: "));
    let printed = stdout.lines().last().unwrap();
    assert_eq!(printed, lines[1], "the printed key is the .pub file's key");
    assert!(
        printed.starts_with("RW") && printed.len() == 56,
        "{printed}"
    );

    // Both forms of the public key load and agree.
    let from_file = keys::load_public_key(&public_path).unwrap();
    let from_line = keys::parse_public_key(printed).unwrap();
    assert_eq!(from_file, from_line);
    assert_eq!(keys::public_key_line(&from_file), printed);

    // The right passphrase unlocks the key, and what it signs verifies with the public key.
    let secret = keys::load_secret_key(&key, &Passphrase::new(PASSPHRASE.into()).unwrap())
        .expect("the right passphrase unlocks the key");
    assert_eq!(keys::public_key_of(&secret).unwrap(), from_file);
    sign_and_verify(
        &secret,
        &from_file,
        "BÁO CÁO Sơ kết 6 tháng đầu năm 2026".as_bytes(),
    );

    // A wrong passphrase is refused as such.
    let wrong = keys::load_secret_key(&key, &Passphrase::new("khối trưởng 2026 ✓".into()).unwrap());
    assert!(
        matches!(wrong, Err(KeyError::WrongPassphrase(_))),
        "{wrong:?}"
    );
    // The passphrase file is read without its line ending.
    let from_file = Passphrase::from_file(Path::new(&pass)).unwrap();
    assert!(keys::load_secret_key(&key, &from_file).is_ok());
}

#[test]
fn an_existing_key_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = password_file(tmp.path(), "mật khẩu\r\n");
    let key = tmp.path().join("thidua.key");
    let public = tmp.path().join("thidua.pub");
    assert_eq!(keygen(&key, &pass).status.code(), Some(0));
    let before = (fs::read(&key).unwrap(), fs::read(&public).unwrap());

    let out = keygen(&key, &pass);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.contains("không bao giờ ghi đè khóa"), "{stderr}");
    assert_eq!(
        before,
        (fs::read(&key).unwrap(), fs::read(&public).unwrap())
    );

    // Only the public key there: still refused, and no secret key appears.
    let other = tmp.path().join("other.key");
    fs::write(tmp.path().join("other.pub"), "mine").unwrap();
    let out = thidua(&[
        "--lang",
        "en",
        "keygen",
        "--key",
        other.to_str().unwrap(),
        "--password-file",
        &pass,
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("never overwrites a key"));
    assert!(!other.exists());
    assert_eq!(
        fs::read_to_string(tmp.path().join("other.pub")).unwrap(),
        "mine"
    );
    // Nothing else was left in the folder (no temporary files).
    let mut names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["other.pub", "pass.txt", "thidua.key", "thidua.pub"]);
}

#[test]
fn a_passphrase_must_be_given_and_not_empty() {
    let tmp = tempfile::tempdir().unwrap();
    let key = tmp.path().join("k.key");
    // No terminal (stdin is /dev/null) and no --password-file: refused, with the way out named.
    let out = thidua(&["keygen", "--key", key.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--password-file"));
    // An empty first line.
    let out = keygen(&key, &password_file(tmp.path(), "\nsecond line\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("mật khẩu không được để trống"));
    // A password file that is not there.
    let out = keygen(&key, tmp.path().join("none").to_str().unwrap());
    assert_eq!(out.status.code(), Some(2));
    assert!(!key.exists() && !tmp.path().join("k.pub").exists());
}

#[test]
fn files_that_are_not_keys_are_refused_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = Passphrase::new("x".into()).unwrap();
    let not_key = tmp.path().join("notes.txt");
    fs::write(&not_key, "Khối thi đua số 8\nbiên bản họp\n").unwrap();
    assert!(matches!(
        keys::load_secret_key(&not_key, &pass),
        Err(KeyError::NotSecretKey(_))
    ));
    assert!(matches!(
        keys::load_public_key(&not_key),
        Err(KeyError::NotPublicKey(_))
    ));
    assert!(matches!(
        keys::load_secret_key(&tmp.path().join("missing.key"), &pass),
        Err(KeyError::Read { .. })
    ));
    assert!(keys::parse_public_key("RWQ-not-a-key").is_err());

    // A public key given where the secret key is expected.
    let key = tmp.path().join("a.key");
    let made = keys::generate(&key, &pass).unwrap();
    assert!(matches!(
        keys::load_secret_key(&made.public, &pass),
        Err(KeyError::NotSecretKey(_))
    ));
    // A secret key given where a public key is expected.
    assert!(matches!(
        keys::load_public_key(&key),
        Err(KeyError::NotPublicKey(_))
    ));
    // The messages name the file in both languages.
    let msg = KeyError::NotSecretKey(made.public.clone()).msg();
    assert!(
        thidua::i18n::Lang::Vi
            .msg(&msg)
            .contains("không phải khóa bí mật minisign")
    );
    assert!(
        thidua::i18n::Lang::En
            .msg(&msg)
            .contains("is not a minisign secret key")
    );
}

/// A key pair made by Debian's `minisign -G` (minisign 0.11), passphrase "pp": its stronger
/// key derivation (1 GiB) makes unlocking it take a few seconds.
const MINISIGN_TOOL_KEY: &str = "untrusted comment: minisign encrypted secret key
RWRTY0IyqRmqjn7J/KUsFcyGusx7nyjYo5gHH1McXmKAFrfo8RIAAAACAAAAAAAAAEAAAAAAHLIBS0wNHwIdALqH46oH6fbb3UoXS2W66f9zrLlevAyOtGqDRuY2yCxmAD95bGe8s6xXRC7Jsg53slws+unIwAza/NT2PdvgKzIxDhLSu0TdsFxYwHAd2WoURTBK16/uDYOAkZ0B2QE=
";
const MINISIGN_TOOL_PUB: &str = "untrusted comment: minisign public key 9AB7837FC0E42CEB
RWTrLOTAf4O3mkcirZkEse6SDnk/9nQ8hgCxvReRc20fShK1SXmv6BGj
";
/// Made by `minisign -G -W`: no passphrase.
const MINISIGN_TOOL_UNPROTECTED: &str = "untrusted comment: minisign encrypted secret key
RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAwsXghfxUw386HfpfNKj0Rs6pf1+W1ruhLahGO057EiQUJQVM07Pqov/91iLrW8uSVu1DUl3XOnvYjCvZ+mtXePf2mpHHQL3bAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
";

#[test]
fn a_key_made_by_the_minisign_tool_signs_too() {
    let tmp = tempfile::tempdir().unwrap();
    let key = tmp.path().join("minisign.key");
    let public = tmp.path().join("minisign.pub");
    fs::write(&key, MINISIGN_TOOL_KEY).unwrap();
    fs::write(&public, MINISIGN_TOOL_PUB).unwrap();
    let secret = keys::load_secret_key(&key, &Passphrase::new("pp".into()).unwrap())
        .expect("a minisign -G key unlocks");
    let public = keys::load_public_key(&public).unwrap();
    assert_eq!(keys::public_key_of(&secret).unwrap(), public);
    sign_and_verify(&secret, &public, "Khối thi đua số 8".as_bytes());
}

#[test]
fn a_secret_key_without_a_passphrase_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let pass = Passphrase::new("pp".into()).unwrap();
    let tool = tmp.path().join("tool.key");
    fs::write(&tool, MINISIGN_TOOL_UNPROTECTED).unwrap();
    let crate_made = tmp.path().join("crate.key");
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    fs::write(&crate_made, pair.sk.to_box(None).unwrap().to_bytes()).unwrap();
    for path in [tool, crate_made] {
        let loaded = keys::load_secret_key(&path, &pass);
        assert!(
            matches!(loaded, Err(KeyError::Unprotected(_))),
            "{loaded:?}"
        );
    }
}
