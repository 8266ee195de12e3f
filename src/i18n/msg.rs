//! The catalogs' messages with parameters, shared by the command line and the screens;
//! `vi.rs` and `en.rs` word each of them.

use rust_decimal::Decimal;

use crate::model::value::ValueError;

/// Messages with parameters, shared by the command line and the screens.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    SchemeNotFound {
        id: String,
        looked: String,
    },
    /// `template-scheme` wrote the workbook.
    SchemeBookWritten(String),
    /// A file of that name is there already: nothing is written over it.
    FileExists(String),
    /// `import-scheme` wrote the scheme file.
    SchemeImported {
        path: String,
        criteria: usize,
        groups: usize,
        max: Decimal,
    },
    /// The scheme file holds this very scheme already.
    SchemeUnchanged(String),
    /// A different scheme of the same id is there already.
    SchemeFileDiffers(String),
    /// `template-bloc` wrote the workbook.
    BlocBookWritten(String),
    /// `import-bloc` wrote the bloc file.
    BlocImported {
        path: String,
        units: usize,
        year: i32,
        scheme: String,
    },
    BlocUnchanged(String),
    /// A file asked to be replaced that a bloc's scores depend on.
    FileInUse {
        path: String,
        bloc: String,
    },
    /// A different bloc, or another year's, is in the file already.
    BlocFileDiffers(String),
    /// The scheme the bloc's workbook names is not in `scoring/`.
    BlocSchemeMissing {
        scheme: String,
        looked: String,
    },
    /// A new year that is not after the bloc's covenant year.
    NewYearNotLater {
        year: i32,
        current: i32,
    },
    /// `new-year` wrote next year's scheme and bloc workbook.
    NewYearScheme(String),
    NewYearBook {
        path: String,
        year: i32,
    },
    /// The bloc's workbook is written but its targets are still to fill in.
    NewYearTargets(String),
    /// How many problems a workbook has.
    WorkbookProblems(usize),
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
    /// The scheme gives this period's report no written section.
    NoSections,
    /// A section saved from the screen (its heading).
    SectionSaved {
        title: String,
    },
    /// How much a section holds.
    WritingChars(usize),
    WritingCount {
        chars: usize,
        limit: usize,
    },
    /// A document's number, date or recipients that cannot be printed.
    Detail(crate::model::numbering::DetailError),
    /// `thidua text` with a file but no `--section`.
    TextNeedsSection,
    /// A section written from a file (its heading, its length).
    SectionWritten {
        title: String,
        chars: usize,
    },
    /// The heads of `thidua text`'s list, separated by `|`.
    SectionsHead,
    /// A section the report needs.
    SectionRequired,
    /// A text file that is not UTF-8.
    TextNotUtf8 {
        path: String,
    },
    /// What would be written is longer than a journal line may be.
    LineTooLong {
        bytes: usize,
        limit: usize,
    },
    /// A section the period's report does not have.
    UnknownSection(String),
    /// A section's text that cannot be kept.
    SectionText {
        id: String,
        error: crate::model::sections::TextError,
    },
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
    /// An attendance or count record that cannot be true, refused.
    MinutesRefused(crate::model::minutes::MinutesError),
    /// An attendance in the journal that cannot be true, not counted.
    MinutesSetAside(crate::model::minutes::MinutesError),
    /// What `thidua minutes` recorded.
    MinutesRecorded {
        units: usize,
        counts: usize,
    },
    /// The sections' dialog: the minutes will be issued with the report.
    MinutesReady {
        units: usize,
        counts: usize,
    },
    /// The sections' dialog: no attendance yet, so no minutes.
    MinutesNotYet,
    /// The sections' list: how many units the attendance names.
    MinutesUnits(usize),
    /// The minutes' form: the units with someone named, of the members.
    MinutesPresent {
        present: usize,
        members: usize,
    },
    /// The minutes' form: the heading of an award's count record.
    MinutesCountTitle {
        award: String,
    },
    /// The minutes' form: a count record with a figure missing or not a number.
    CountFiguresIncomplete,
    /// `thidua minutes` without a file: nothing recorded yet.
    NoMinutes,
    /// A minutes file that does not parse (the parser's words).
    MinutesUnreadable(String),
    /// An election that cannot be true, refused.
    ElectionRefused(crate::model::election::ElectionError),
    /// An election in the journal that cannot be true, not counted.
    ElectionSetAside(crate::model::election::ElectionError),
    ElectionAtYearEndOnly,
    /// The election form with some of the vote's figures, or one that is not a number.
    ElectFormIncomplete,
    /// `thidua elect` with some of the vote's figures.
    ElectVoteIncomplete,
    /// `thidua elect` with a head and no deputy, or the other way round.
    ElectNeedsBoth,
    NotElected {
        year: i32,
    },
    /// The election recorded (head's and deputy's names, the year they serve).
    Elected {
        head: String,
        deputy: String,
        year: i32,
    },
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
    /// At year-end, next year's head and deputy not elected.
    GapNoElection,
    GapNoAttendance,
    /// The live page could not be served (the system's words).
    RoomNotStarted(String),
    /// The projector view's banner once the results are frozen.
    WallFrozenAt(String),
    /// The projector view: the unit and criterion being scored.
    WallNow {
        unit: String,
        item: String,
    },
    /// Delete on a scored cell: clear it?
    ClearAsk {
        unit: String,
        item: String,
        value: String,
    },
    GapNoCountRecord {
        award: String,
    },
    /// A required section of the report not written (its heading).
    GapSectionEmpty(String),
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
    /// Self-scores imported on the screen: units taken, files read, files refused.
    SelfImportedOnScreen {
        units: usize,
        files: usize,
        refused: usize,
    },
    /// A folder without any self-score file.
    NoFormsIn(String),
    NothingToAccept,
    /// A value for an item that does not apply to the unit.
    NotApplicable {
        unit: String,
        item: String,
    },
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
    /// The key being unlocked and the documents laid out, for so many seconds.
    SignWorking {
        version: u32,
        seconds: String,
    },
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
