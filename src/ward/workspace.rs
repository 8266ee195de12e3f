//! The receiving office's folder: which blocs it expects (each with the bloc and scheme files it
//! published, copied in), the keyring of the bloc heads' keys, the inbox where received files
//! are dropped, and the audit log of every file checked.
//!
//! ```text
//! ward.ron        the ward's name, the year received, the blocs expected
//! keyring.ron     each bloc's trusted keys, with when each was added
//! published/      the bloc and scheme files the ward published, as it published them
//!   blocs/, scoring/
//! inbox/          what arrived: never changed by thidua
//! accepted/       a copy of each file accepted, named by its SHA-256
//! audit.log       one line per file checked, appended, never rewritten
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::model::{Bloc, Scheme};
use crate::store::durable::{self, Access};
use crate::store::load;

pub const WARD_FILE: &str = "ward.ron";
pub const KEYRING_FILE: &str = "keyring.ron";
pub const PUBLISHED_BLOCS: &str = "published/blocs";
pub const PUBLISHED_SCHEMES: &str = "published/scoring";
pub const INBOX: &str = "inbox";
/// Copies of every file accepted, named by their hash, never overwritten.
pub const ACCEPTED: &str = "accepted";
pub const AUDIT_LOG: &str = "audit.log";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ward {
    /// "Ủy ban nhân dân phường Thành Đông", "Hội đồng Thi đua - Khen thưởng thành phố".
    pub name: String,
    /// The covenant year whose reports are received.
    pub year: i32,
    /// The blocs expected to report, by id.
    #[serde(default)]
    pub blocs: Vec<Expected>,
    /// The place on the city table's date line ("Thành Đông, ngày …").
    #[serde(default)]
    pub place: String,
    /// Who signs the city table, and their post ("Chủ tịch").
    #[serde(default)]
    pub signer: Option<crate::model::Signer>,
    /// Random, made when the folder is: chooses which groups of a paper digest the clerk is
    /// asked for, so that no bloc can know them in advance.
    #[serde(default)]
    pub paper_seed: String,
}

/// A bloc expected to report, with the files of it the ward published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub id: String,
    /// The bloc's file in `published/blocs/`.
    pub bloc: String,
    /// Its scheme's file in `published/scoring/`.
    pub scheme: String,
    /// A report of this bloc counts once the clerk has compared its paper digest.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub paper: bool,
}

/// Each bloc's trusted keys: a new head brings a new key, and the earlier ones stay for the
/// reports they signed.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keyring {
    #[serde(default)]
    pub blocs: BTreeMap<String, Vec<TrustedKey>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrustedKey {
    /// The minisign public key, base64 (`RW…`).
    pub key: String,
    pub added: DateTime<FixedOffset>,
    /// When a new head's key took its place: reports signed after it are refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired: Option<DateTime<FixedOffset>>,
}

/// Why the ward's folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum WardError {
    #[error("{0} exists already")]
    Exists(PathBuf),
    #[error("not a ward folder: {0}")]
    NotAWard(PathBuf),
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("{0}")]
    Unreadable(String),
    /// A bloc or scheme file that does not load.
    #[error("{0:?}")]
    Load(crate::store::LoadError),
    #[error("the bloc {0} is not expected")]
    UnknownBloc(String),
    #[error("not a public key: {0}")]
    NotAKey(String),
    #[error("the bloc {0} is expected already")]
    AlreadyExpected(String),
}

fn io(path: &Path) -> impl Fn(std::io::Error) -> WardError + '_ {
    move |error| WardError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// An open ward folder.
pub struct Workspace {
    pub dir: PathBuf,
    pub ward: Ward,
    pub keyring: Keyring,
}

fn to_ron<T: Serialize>(value: &T) -> String {
    ron::ser::to_string_pretty(value, load::ron_pretty("    ")).expect("plain data serialises")
        + "\n"
}

fn new_seed() -> std::io::Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Makes a new ward folder; one that holds a ward already is refused.
pub fn init(dir: &Path, name: &str, year: i32) -> Result<Workspace, WardError> {
    let file = dir.join(WARD_FILE);
    if file.exists() {
        return Err(WardError::Exists(file));
    }
    for sub in [PUBLISHED_BLOCS, PUBLISHED_SCHEMES, INBOX] {
        std::fs::create_dir_all(dir.join(sub)).map_err(io(dir))?;
    }
    let ward = Ward {
        name: name.to_string(),
        year,
        blocs: Vec::new(),
        place: String::new(),
        signer: None,
        paper_seed: new_seed().map_err(io(dir))?,
    };
    durable::create_new(&file, to_ron(&ward).as_bytes(), Access::Shared).map_err(io(&file))?;
    let keyring = Keyring::default();
    let ring = dir.join(KEYRING_FILE);
    durable::create_new(&ring, to_ron(&keyring).as_bytes(), Access::Shared).map_err(io(&ring))?;
    Ok(Workspace {
        dir: dir.to_path_buf(),
        ward,
        keyring,
    })
}

impl Workspace {
    pub fn open(dir: &Path) -> Result<Workspace, WardError> {
        let file = dir.join(WARD_FILE);
        if !file.is_file() {
            return Err(WardError::NotAWard(dir.to_path_buf()));
        }
        let read = |path: &Path| -> Result<String, WardError> {
            std::fs::read_to_string(path).map_err(io(path))
        };
        let ward: Ward = load::ron_options()
            .from_str(&read(&file)?)
            .map_err(|e| WardError::Unreadable(format!("{}: {e}", file.display())))?;
        let ring = dir.join(KEYRING_FILE);
        let keyring: Keyring = load::ron_options()
            .from_str(&read(&ring)?)
            .map_err(|e| WardError::Unreadable(format!("{}: {e}", ring.display())))?;
        Ok(Workspace {
            dir: dir.to_path_buf(),
            ward,
            keyring,
        })
    }

    pub fn inbox(&self) -> PathBuf {
        self.dir.join(INBOX)
    }

    pub fn accepted(&self) -> PathBuf {
        self.dir.join(ACCEPTED)
    }

    /// Keeps a copy of each file in `accepted/` under its hash (and the extension of its name),
    /// once: a copy there already is never written again.
    pub fn keep(&self, files: &[&super::check::Dropped]) -> Result<(), WardError> {
        let dir = self.accepted();
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        for f in files {
            let ext = (f.name.rsplit_once('.').map(|(_, e)| e))
                .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric()) && e.len() <= 8)
                .unwrap_or("bin");
            let path = dir.join(format!("{}.{ext}", f.sha256));
            match durable::create_new(&path, &f.bytes, Access::Shared) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(io(&path)(e)),
            }
        }
        Ok(())
    }

    fn save(&self) -> Result<(), WardError> {
        for (name, text) in [
            (WARD_FILE, to_ron(&self.ward)),
            (KEYRING_FILE, to_ron(&self.keyring)),
        ] {
            let path = self.dir.join(name);
            durable::replace(&path, text.as_bytes()).map_err(io(&path))?;
        }
        Ok(())
    }

    /// Expects the bloc of `bloc_file`, with the scheme it names: both copied into
    /// `published/` as they are, after the checks `thidua check` makes.
    pub fn expect(&mut self, bloc_file: &Path) -> Result<String, WardError> {
        let loaded = load::load_covenant(bloc_file).map_err(WardError::Load)?;
        let id = loaded.covenant.bloc.id.clone();
        if self.ward.blocs.iter().any(|b| b.id == id) {
            return Err(WardError::AlreadyExpected(id));
        }
        let bloc_name = format!("{id}.ron");
        let scheme_name = format!("{}.ron", loaded.covenant.scheme.id);
        for (folder, name, source) in [
            (PUBLISHED_BLOCS, &bloc_name, &loaded.bloc_source),
            (PUBLISHED_SCHEMES, &scheme_name, &loaded.scheme_source),
        ] {
            let path = crate::store::paths::child(&self.dir.join(folder), name)
                .map_err(|e| WardError::Unreadable(e.0))?;
            // A scheme several blocs share is published once.
            if !path.exists() {
                durable::create_new(&path, source.text.as_bytes(), Access::Shared)
                    .map_err(io(&path))?;
            }
        }
        self.ward.blocs.push(Expected {
            id: id.clone(),
            bloc: bloc_name,
            scheme: scheme_name,
            paper: false,
        });
        self.save()?;
        Ok(id)
    }

    /// Sets the place on the table's date line and who signs it.
    pub fn describe(
        &mut self,
        place: &str,
        signer: Option<crate::model::Signer>,
    ) -> Result<(), WardError> {
        self.ward.place = place.trim().to_string();
        self.ward.signer = signer;
        self.save()
    }

    /// Asks (or stops asking) for the paper check of `bloc`'s reports.
    pub fn set_paper(&mut self, bloc: &str, on: bool) -> Result<(), WardError> {
        let expected = (self.ward.blocs.iter_mut())
            .find(|b| b.id == bloc)
            .ok_or_else(|| WardError::UnknownBloc(bloc.to_string()))?;
        expected.paper = on;
        if self.ward.paper_seed.is_empty() {
            self.ward.paper_seed = new_seed().map_err(io(&self.dir))?;
        }
        self.save()
    }

    /// Trusts `key` (base64) for the reports of `bloc`; `false` when it is trusted already.
    pub fn trust(
        &mut self,
        bloc: &str,
        key: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, WardError> {
        self.trust_with(bloc, key, now, false)
    }

    /// [`Workspace::trust`]; with `replacing`, the bloc's earlier keys are retired from `now`
    /// (a new head): what they signed before stays good, nothing they sign after is.
    pub fn trust_with(
        &mut self,
        bloc: &str,
        key: &str,
        now: DateTime<FixedOffset>,
        replacing: bool,
    ) -> Result<bool, WardError> {
        if !self.ward.blocs.iter().any(|b| b.id == bloc) {
            return Err(WardError::UnknownBloc(bloc.to_string()));
        }
        let parsed = crate::report::keys::parse_public_key(key)
            .map_err(|_| WardError::NotAKey(crate::model::text::clip(key)))?;
        let key = crate::report::keys::public_key_line(&parsed);
        let keys = self.keyring.blocs.entry(bloc.to_string()).or_default();
        if keys.iter().any(|k| k.key == key && k.retired.is_none()) {
            return Ok(false);
        }
        if replacing {
            for k in keys.iter_mut().filter(|k| k.retired.is_none()) {
                k.retired = Some(now);
            }
        }
        match keys.iter_mut().find(|k| k.key == key) {
            // A key retired and trusted again (a head back in office) is good from now on.
            Some(k) => k.retired = None,
            None => keys.push(TrustedKey {
                key,
                added: now,
                retired: None,
            }),
        }
        self.save()?;
        Ok(true)
    }

    /// The published bloc and scheme of an expected bloc, read afresh.
    pub fn published(&self, bloc: &str) -> Result<(Bloc, Scheme), WardError> {
        let expected = (self.ward.blocs.iter())
            .find(|b| b.id == bloc)
            .ok_or_else(|| WardError::UnknownBloc(bloc.to_string()))?;
        let read = |folder: &str, name: &str| -> Result<load::Source, WardError> {
            let path = crate::store::paths::child(&self.dir.join(folder), name)
                .map_err(|e| WardError::Unreadable(e.0))?;
            load::read_source(&path).map_err(WardError::Load)
        };
        let problems = |p| WardError::Load(crate::store::LoadError::Problems(p));
        let bloc = load::parse_bloc(&read(PUBLISHED_BLOCS, &expected.bloc)?).map_err(problems)?;
        let scheme =
            load::parse_scheme(&read(PUBLISHED_SCHEMES, &expected.scheme)?).map_err(problems)?;
        Ok((bloc, scheme))
    }
}
