//! The status line and the error lines of dialogs, kept as catalog messages and worded when
//! drawn, so that switching the language (`l`) switches them too.

use std::rc::Rc;

use crate::i18n::compare::CompareMsg;
use crate::i18n::{Lang, Msg, Ui};
use crate::model::value::ValueError;
use crate::session::Refusal;

/// Something the screen says, in no language yet.
#[derive(Debug, Clone)]
pub enum Said {
    Msg(Msg),
    /// Several messages, in one line.
    Msgs(Vec<Msg>),
    Ui(Ui),
    Compare(CompareMsg),
    /// A value that does not fit the item's scale.
    Value(ValueError),
    /// A change the session refused, or a read that failed.
    Refused(Rc<Refusal>),
    /// Words of no language: a file's path.
    Plain(String),
    /// A bloc file that did not load: every problem, or the first line of the first.
    Load {
        file: std::path::PathBuf,
        error: Rc<crate::store::LoadError>,
        first_line_only: bool,
    },
}

impl Said {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Said::Msg(m) => lang.msg(m),
            Said::Msgs(ms) => ms
                .iter()
                .map(|m| lang.msg(m))
                .collect::<Vec<_>>()
                .join(" · "),
            Said::Ui(u) => lang.ui(*u).to_string(),
            Said::Compare(m) => m.text(lang),
            Said::Value(e) => lang.value_error(e),
            Said::Refused(r) => r.msg(lang),
            Said::Plain(text) => text.clone(),
            Said::Load {
                file,
                error,
                first_line_only,
            } => crate::store::load::load_error_text(lang, file, error, *first_line_only),
        }
    }
}

impl PartialEq for Said {
    /// Two things said are the same when they read the same (dialogs compare their state).
    fn eq(&self, other: &Said) -> bool {
        self.text(Lang::En) == other.text(Lang::En)
    }
}

impl From<Msg> for Said {
    fn from(m: Msg) -> Said {
        Said::Msg(m)
    }
}

impl From<Ui> for Said {
    fn from(u: Ui) -> Said {
        Said::Ui(u)
    }
}

impl From<Refusal> for Said {
    fn from(r: Refusal) -> Said {
        Said::Refused(Rc::new(r))
    }
}

impl From<crate::store::StoreError> for Said {
    fn from(e: crate::store::StoreError) -> Said {
        Said::Refused(Rc::new(Refusal::Store(e)))
    }
}

/// The status line: what the last key did, or why it did nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Info(Said),
    Error(Said),
}

impl Status {
    pub fn info(said: impl Into<Said>) -> Status {
        Status::Info(said.into())
    }
    pub fn error(said: impl Into<Said>) -> Status {
        Status::Error(said.into())
    }
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Status::Info(s) | Status::Error(s) => s.text(lang),
        }
    }
    pub fn is_error(&self) -> bool {
        matches!(self, Status::Error(_))
    }
}
