//! The catalogs of user-visible text, one per language. Each catalog matches every message
//! exhaustively, so a message added in one language and forgotten in the other does not build.

pub mod compare;
mod scale;
pub use scale::scale_lines;
mod en;
mod vi;

use rust_decimal::Decimal;

use crate::model::validate::IssueKind;
use crate::model::value::ValueError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// Messages with parameters, shared by the command line and the screens.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    SchemeNotFound {
        id: String,
        looked: String,
    },
    CheckedScheme {
        criteria: usize,
        groups: usize,
        max: Decimal,
    },
    CheckedBloc {
        units: usize,
        scheme: String,
        criteria: usize,
    },
    ProblemsFound(usize),
    CannotRead {
        path: String,
        error: String,
    },
    UnknownPeriod(String),
    BlocNotFound(String),
    CsvRow {
        line: usize,
        problem: Box<Msg>,
    },
    CsvSyntax(String),
    BadValue {
        unit: String,
        item: String,
        error: ValueError,
    },
    CsvUnknownUnit(String),
    CsvUnknownItem(String),
    CsvNotThisPeriod(String),
    CsvBadHeader,
    /// More rows than the largest bloc has cells.
    CsvTooManyRows(usize),
    /// `2,5` split by an unquoted decimal comma.
    CsvDecimalComma {
        value: String,
    },
    CsvColumns(usize),
    CsvDuplicate {
        unit: String,
        item: String,
        first: usize,
    },
    ImportRefused(usize),
    Imported {
        rows: usize,
        path: String,
    },
    Locked {
        path: String,
        holder: String,
    },
    JournalTorn {
        line: usize,
    },
    BatchUndone {
        line: usize,
        written: usize,
        size: usize,
    },
    JournalCorrupt {
        line: usize,
        error: String,
    },
    SnapshotRebuilt,
    /// A journal line no longer follows from the lines before it: changed by hand.
    JournalAltered {
        line: usize,
    },
    /// Values read back that no longer fit their scale: how many, and the first.
    ValuesSetAside {
        count: usize,
        unit: String,
        item: String,
        error: ValueError,
    },
    /// A tally in the journal that cannot be true, not counted.
    VoteSetAside {
        award: String,
        error: crate::model::ballot::BallotError,
    },
    NotPlainFile {
        path: String,
    },
    FileTooLarge {
        path: String,
        limit: u64,
    },
    /// How many more problems there are than were listed.
    MoreProblems(usize),
    /// A `--password-file` that others than its owner may read.
    PasswordFileOpen(String),
    UnsafeName(String),
    TextTooLong {
        unit: String,
        item: String,
        chars: usize,
        limit: usize,
    },
    JournalFull {
        limit: usize,
    },
    /// A command's change refused: the session is open in the scoring screen, which does it
    /// with `key`.
    ChangeOpenElsewhere {
        holder: String,
        key: Option<String>,
    },
    /// Records opened to read only were asked to change.
    ReadOnly,
    /// The session is open in another program (the scoring screen): read as it stands.
    OpenElsewhere {
        holder: String,
    },
    /// A final version is signed: the session is locked until reopened.
    SignedFinal {
        version: u32,
    },
    /// The engine's arithmetic overflowed on a unit's figures (`score::Overflow`).
    Overflow {
        unit: String,
        item: Option<String>,
    },
    WriteFailed {
        path: String,
        error: String,
    },
    StoreRefused {
        unit: String,
        item: String,
        problem: String,
    },
    SessionFrozen {
        at: String,
    },
    AlreadyFrozen,
    NotFrozen,
    ReasonRequired {
        unit: String,
        item: String,
    },
    ReopenWithoutReason,
    VotesAtYearEndOnly,
    BallotRefused(crate::model::ballot::BallotError),
    /// Entered of needed cells, in the screen's header.
    Progress {
        entered: usize,
        needed: usize,
    },
    SavedAt(String),
    TooSmall {
        width: u16,
        height: u16,
    },
    Stored {
        unit: String,
        item: String,
        value: String,
    },
    Cleared {
        unit: String,
        item: String,
    },
    NoteSaved {
        unit: String,
        item: String,
    },
    Undone {
        unit: String,
        item: String,
    },
    Redone {
        unit: String,
        item: String,
    },
    /// After a crash, once the terminal is restored: where the records are.
    Crashed {
        dir: String,
    },
    NeedsTerminal,
    /// The unit card's position: unit n of total.
    UnitOf {
        n: usize,
        total: usize,
    },
    /// `keygen`: the pair is written; the public key line follows on its own.
    KeyCreated {
        secret: String,
        public: String,
    },
    KeyExists(String),
    NoConfigDir,
    /// The prompts, typed without echo.
    PassphrasePrompt,
    PassphraseAgain,
    PassphraseEmpty,
    PassphraseMismatch,
    PassphraseNeedsTerminal,
    PassphraseUnreadable(String),
    KeyWriteFailed {
        path: String,
        error: String,
    },
    KeyGenFailed(String),
    WrongPassphrase(String),
    NotSecretKey(String),
    KeyUnprotected(String),
    NotPublicKey(String),
    /// Unlocking the secret key to sign.
    PassphraseFor(String),
    /// `summary`: a final report refused; the gaps follow, one a line.
    SummaryIncomplete {
        count: usize,
    },
    GapMissing {
        unit: String,
        item: String,
    },
    /// More missing cells than listed.
    GapMore(usize),
    GapTieForLead {
        units: Vec<String>,
    },
    GapTieAtQuota {
        award: String,
        units: Vec<String>,
    },
    GapUnexplained {
        unit: String,
        item: String,
    },
    GapAwaitingVote {
        award: String,
        units: Vec<String>,
    },
    GapStaleVote {
        award: String,
    },
    GapTiedOnVotes {
        award: String,
        units: Vec<String>,
    },
    GapNotFrozen,
    FrozenDone {
        at: String,
    },
    ReopenedDone,
    ReopenAfterSigned {
        version: u32,
    },
    VoteUsage,
    BadTally(String),
    TallyCandidates {
        award: String,
        expected: Vec<String>,
    },
    VotesRecorded {
        award: String,
    },
    VoteCounted {
        present: u32,
        base: u32,
        needed: Option<u32>,
        stale: bool,
    },
    /// The vote dialog: the fewest votes that pass, of how many.
    VotesNeeded {
        needed: u32,
        base: u32,
    },
    /// The vote dialog: an award's quota and threshold (`None`: no threshold).
    VoteAwardRule {
        quota: usize,
        rule: Option<String>,
    },
    /// The vote dialog: a field left empty.
    PresentMissing,
    VotesMissing(String),
    LogExported {
        rows: usize,
        path: String,
    },
    NoSelfScores,
    NothingToAccept,
    Accepted {
        cells: usize,
    },
    FrozenOnScreen {
        at: String,
    },
    /// The reason dialog's question: the value entered and the unit's own.
    ReasonAsk {
        unit: String,
        item: String,
        entered: String,
        own: String,
    },
    FreezeAsk {
        entered: usize,
        needed: usize,
        unexplained: usize,
    },
    ReopenAsk {
        at: String,
    },
    AcceptCell {
        item: String,
        value: String,
    },
    AcceptUnit {
        unit: String,
        cells: usize,
    },
    AcceptAll {
        cells: usize,
    },
    /// The change log on the screen: which lines are in view, newest first.
    LogPosition {
        first: usize,
        last: usize,
        total: usize,
    },
    /// The active filters of the change log, in its title.
    LogOnlyUnit(String),
    LogOnlyItem(String),
    /// The export of the change log failed; `error` is already in words.
    LogExportFailed {
        path: String,
        error: String,
    },
    /// The issue is written; the file paths follow, one a line.
    SummaryWritten {
        version: u32,
        provisional: bool,
    },
    SummaryReplaces(String),
    /// The signing dialog: no key file where it was looked for.
    SignNoKey(String),
    /// What the dialog is about to do.
    SignWillWrite {
        version: u32,
        provisional: bool,
    },
    SignProgress {
        units: usize,
        entered: usize,
        needed: usize,
    },
    SignKey(String),
    SignOutDir(String),
    SummaryWriteFailed {
        path: String,
        error: String,
        /// Where the files this version had written were moved.
        set_aside: Option<String>,
    },
    /// A version that was never issued (no signed record) was moved aside.
    VersionSetAside {
        version: u32,
        folder: String,
    },
    SummaryFailed(String),
    BadDate(String),
    /// `verify`
    VerifyKey {
        id: String,
        from: String,
    },
    VerifyNoKey,
    VerifyReadFailed {
        path: String,
        error: String,
    },
    VerifyFileOk(String),
    VerifyFileFailed(String),
    VerifyAllOk(usize),
    VerifySomeFailed {
        failed: usize,
        files: usize,
    },
}

/// Fixed words of the scoring screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    ScreenGrid,
    ScreenCard,
    ScreenRanking,
    ScreenStart,
    SignTitle,
    SignContinue,
    SignPassphrase,
    SignRetry,
    SignClose,
    SignDraftWhy,
    VotesTitle,
    VotesPresent,
    VotesColumn,
    VotesOutcome,
    VotesNoCandidates,
    VotesNoAwards,
    /// An award's state in the vote dialog's list.
    VotesDecided,
    VotesStale,
    VotesTied,
    VotesNotNeeded,
    VotesRecordedAs,
    VotesStaleNote,
    HelpTitle,
    HelpFilter,
    NoMatchingKeys,
    NotSavedYet,
    SaveFailed,
    Head,
    Deputy,
    MetShort,
    NotMetShort,
    Yes,
    No,
    ScaleLevels,
    ScaleMetOrNot,
    ScaleFree,
    ScalePerOccurrence,
    ScaleTarget,
    RuleProportional,
    RuleHalfAtTarget,
    Max,
    Step,
    Floor,
    Ceiling,
    StartsAt,
    PerTime,
    Once,
    Cap,
    Target,
    NoTarget,
    Achieved,
    Points,
    Note,
    NotScoredThisPeriod,
    Criteria,
    BonusItems,
    PenaltyItems,
    VetoItems,
    VetoMeaning,
    /// A veto condition, short, for a column header.
    VetoShort,
    FailedVetoes,
    Nomination,
    NothingToUndo,
    NothingToRedo,
    EditValue,
    EditNote,
    StartTitle,
    HasRecords,
    NoRecords,
    Folded,
    KeyMove,
    KeyNextColumn,
    KeyPrevColumn,
    KeyPageUp,
    KeyPageDown,
    KeyHome,
    KeyEnd,
    KeyEdit,
    KeyEditWith,
    KeyClear,
    KeyNote,
    KeyUndo,
    KeyRedo,
    KeyShowGrid,
    KeyShowCard,
    KeyShowRanking,
    KeyLang,
    KeySessions,
    KeyHelp,
    KeyQuit,
    KeySign,
    KeyFreeze,
    KeyPickChoice,
    ReasonTitle,
    FreezeTitle,
    FreezeConfirm,
    ReopenTitle,
    AcceptTitle,
    AcceptNoCell,
    AcceptKeepsScores,
    Evidence,
    Frozen,
    SelfScore,
    NoReason,
    Reason,
    KeyVotes,
    KeyVoteField,
    KeyVoteAward,
    KeyVoteDigits,
    KeyVoteRecord,
    KeyVoteClose,
    KeyAccept,
    KeyHistory,
    KeyLog,
    /// The change log and a cell's history.
    LogTitle,
    CellHistoryTitle,
    LogEmpty,
    LogNoMatch,
    CellNoHistory,
    /// `h` on a subtotal.
    HistoryOnSubtotal,
    /// The criterion filter asked for in a log opened on a subtotal.
    LogNoItem,
    /// A change of a cell's note alone.
    LogNoteEdited,
    KeyScroll,
    KeyNewest,
    KeyOldest,
    KeyOnlyUnit,
    KeyOnlyItem,
    KeyExport,
    /// Why a file could not be written, for the usual causes.
    IoReadOnly,
    IoDenied,
    IoDiskFull,
    IoInTheWay,
    KeyContinue,
    KeyFold,
    KeyNextUnit,
    KeyPrevUnit,
    KeyMoveUnit,
    KeyOpenCard,
    KeyPick,
    KeyChoose,
    KeyConfirm,
    KeyCancel,
    KeyMet,
    KeyNotMet,
    KeyType,
    KeyCursor,
    KeyLineStart,
    KeyLineEnd,
    KeyBackspace,
    KeyDelete,
    KeySaveNote,
    KeyNewLine,
    KeyFilter,
    KeyCloseHelp,
    KeyChooseSession,
    KeyOpenSession,
    SpaceKey,
    AnyTextKey,
    /// The comparison of the mid-year with the year-end.
    Compare(compare::CompareText),
}

/// Fixed labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    MidYear,
    YearEnd,
    Rank,
    Unit,
    Total,
    Bonus,
    Penalty,
    Band,
    Vetoes,
    Missing,
    Tied,
    Proposed,
    AwaitingVote,
    TiedAtQuota,
    Elected,
    NotElected,
    OutvotedAtQuota,
    TiedOnVotes,
    Votes,
    Present,
    NoCandidate,
    NoThreshold,
    LogSeq,
    LogTime,
    LogBy,
    LogWhat,
    LogItem,
    LogOld,
    LogNew,
    LogReason,
    LogNote,
    LogSource,
    LogEntry,
    LogImport,
    LogUndo,
    LogRedo,
    LogAccept,
    LogSelfScore,
    LogFreeze,
    LogReopen,
    LogVotes,
    LogIssued,
    LogIssuedDraft,
    Entered,
    Nominations,
    Quota,
}

impl Msg {
    /// The message of an overflow of the engine, naming the unit and item by their ids.
    pub fn overflow(covenant: &crate::model::Covenant, o: &crate::score::Overflow) -> Msg {
        Msg::Overflow {
            unit: covenant
                .bloc
                .members
                .get(o.unit)
                .map_or_else(|| o.unit.to_string(), |m| m.id.clone()),
            item: o
                .item
                .and_then(|i| covenant.layout.items.get(i))
                .map(|i| i.code.clone()),
        }
    }
}

impl Lang {
    pub fn msg(self, m: &Msg) -> String {
        match self {
            Lang::Vi => vi::msg(m),
            Lang::En => en::msg(m),
        }
    }

    /// What a nomination says, with the votes once counted; `None` for a unit out of the
    /// running (ineligible, or beyond the quota).
    pub fn nomination(self, n: &crate::score::Nomination) -> Option<String> {
        use crate::score::Nomination as N;
        let label = match n {
            N::Proposed => Label::Proposed,
            N::AwaitingVote => Label::AwaitingVote,
            N::TiedAtQuota => Label::TiedAtQuota,
            N::Elected { .. } => Label::Elected,
            N::NotElected { .. } => Label::NotElected,
            N::OutvotedAtQuota { .. } => Label::OutvotedAtQuota,
            N::TiedOnVotes { .. } => Label::TiedOnVotes,
            N::BeyondQuota | N::Ineligible(_) => return None,
        };
        Some(match n.votes() {
            Some(v) => format!("{} ({v} {})", self.label(label), self.label(Label::Votes)),
            None => self.label(label).to_string(),
        })
    }

    /// Why a unit's place in an award is not what the ranking alone gives (`score::Move`): it
    /// came down from an earlier award's vote, or such a unit pushed it out. `None` when the
    /// award's places followed the ranking for this unit.
    pub fn move_note(
        self,
        covenant: &crate::model::Covenant,
        award: &crate::score::AwardResult,
        unit: usize,
    ) -> Option<String> {
        use crate::score::Move;
        let short = |u: &usize| covenant.bloc.members[*u].short.clone();
        award.moves.iter().find_map(|m| match m {
            Move::CameDown { unit: u, from } if *u == unit => {
                let title = &covenant.scheme.awards[*from].title;
                Some(match self {
                    Lang::Vi => format!("sau biểu quyết {title}"),
                    Lang::En => format!("after the vote on {title}"),
                })
            }
            Move::Displaced { unit: u, by } if *u == unit => {
                let by = list(&by.iter().map(short).collect::<Vec<_>>());
                Some(match self {
                    Lang::Vi => format!("ngoài chỉ tiêu do {by} chuyển xuống"),
                    Lang::En => format!("beyond the quota: {by} came down"),
                })
            }
            _ => None,
        })
    }

    /// An award's vote threshold in words: "more than 50 % of the members present".
    pub fn vote_rule(self, rule: &crate::model::scheme::VoteRule) -> String {
        let percent = (rule.share * Decimal::ONE_HUNDRED).normalize();
        let present = rule.of == crate::model::scheme::VoteBase::Present;
        match self {
            Lang::Vi => format!(
                "{} {}% {}",
                if rule.inclusive {
                    "ít nhất"
                } else {
                    "trên"
                },
                percent.to_string().replace('.', ","),
                if present {
                    "số thành viên có mặt"
                } else {
                    "tổng số thành viên của Khối"
                }
            ),
            Lang::En => format!(
                "{} {percent}% of {}",
                if rule.inclusive {
                    "at least"
                } else {
                    "more than"
                },
                if present {
                    "the members present"
                } else {
                    "all the bloc's members"
                }
            ),
        }
    }

    pub fn label(self, l: Label) -> &'static str {
        match self {
            Lang::Vi => vi::label(l),
            Lang::En => en::label(l),
        }
    }

    pub fn ui(self, u: Ui) -> &'static str {
        match self {
            Lang::Vi => vi::ui(u),
            Lang::En => en::ui(u),
        }
    }

    /// The other language (the screen's language switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    pub fn issue(self, k: &IssueKind) -> String {
        match self {
            Lang::Vi => vi::issue(k),
            Lang::En => en::issue(k),
        }
    }

    /// "Sơ kết 6 tháng" / "Mid-year review".
    pub fn period(self, p: crate::model::Period) -> &'static str {
        self.label(period_label(p))
    }

    /// Why a vote cannot be recorded.
    pub fn ballot_error(self, e: &crate::model::ballot::BallotError) -> String {
        match self {
            Lang::Vi => vi::ballot_error(e),
            Lang::En => en::ballot_error(e),
        }
    }

    pub fn value_error(self, e: &ValueError) -> String {
        match self {
            Lang::Vi => vi::value_error(e),
            Lang::En => en::value_error(e),
        }
    }

    pub fn syntax(self, e: &ron::Error) -> String {
        match self {
            Lang::Vi => vi::syntax(e),
            Lang::En => en::syntax(e),
        }
    }

    /// A decimal as the user reads it: a comma in Vietnamese (89,75), a dot in English.
    pub fn dec(self, d: Decimal) -> String {
        let s = d.normalize().to_string();
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// Like `dec`, always with two decimal places (for totals in tables).
    pub fn dec2(self, d: Decimal) -> String {
        let rounded =
            d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
        let s = format!("{rounded:.2}");
        match self {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

fn period_label(p: crate::model::Period) -> Label {
    match p {
        crate::model::Period::MidYear => Label::MidYear,
        crate::model::Period::YearEnd => Label::YearEnd,
    }
}

pub use crate::model::text::clip;

/// A character as a message shows it: itself, or escaped when it would not show.
fn shown_char(c: char) -> String {
    if c.is_control() || (c.is_whitespace() && c != ' ') {
        c.escape_default().to_string()
    } else {
        c.to_string()
    }
}

/// Joins a list of names for a message.
fn list(items: &[String]) -> String {
    items.join(", ")
}
