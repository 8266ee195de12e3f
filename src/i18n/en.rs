//! English: complete, for users who ask for it.

use crate::model::id::IdError;
use crate::model::numbering::{DetailError, MAX_NUMBER_CHARS, MAX_RECIPIENT_CHARS, MAX_RECIPIENTS};
use crate::model::sections::TextError;
use crate::model::validate::IssueKind;
use crate::model::value::ValueError;

use super::{Label, Msg, Ui, clip, list, shown_char};

fn d(x: &rust_decimal::Decimal) -> String {
    super::Lang::En.dec(*x)
}

pub fn msg(m: &Msg) -> String {
    match m {
        Msg::SchemeNotFound { id, looked } => {
            format!("scoring scheme \"{id}\" not found (looked for {looked})")
        }
        Msg::SchemeBookWritten(path) => format!(
            "wrote the scheme workbook {path}: edit its sheets, then import it with `thidua import-scheme {path}`"
        ),
        Msg::FileExists(path) => {
            format!("{path} exists already; nothing is written over it. Choose another name (--out) or move the old file")
        }
        Msg::SchemeImported {
            path,
            criteria,
            groups,
            max,
        } => format!(
            "wrote the scheme {path}: {criteria} criteria in {groups} groups, at most {} points",
            d(max)
        ),
        Msg::SchemeUnchanged(path) => format!("{path} already holds this scheme; nothing to write"),
        Msg::SchemeFileDiffers(path) => format!(
            "{path} exists with a different scheme; nothing is written over it. While no bloc has scores on it, --replace replaces it; otherwise change the \"Mã thang điểm\" (e.g. add the year) on the \"Thông tin\" sheet"
        ),
        Msg::BlocBookWritten(path) => format!(
            "wrote the bloc workbook {path}: fill in the members and targets, then import it with `thidua import-bloc {path}`"
        ),
        Msg::BlocImported {
            path,
            units,
            year,
            scheme,
        } => format!("wrote the bloc {path}: year {year}, {units} units, scheme {scheme}"),
        Msg::FileInUse { path, bloc } => format!(
            "{path} is not replaced: bloc \"{bloc}\" has scores under it. Make a new file, with another id (a scheme) or for another year (a bloc)"
        ),
        Msg::BlocUnchanged(path) => format!("{path} already holds this bloc; nothing to write"),
        Msg::BlocFileDiffers(path) => format!(
            "{path} exists with different content; nothing is written over it. While nothing of that year is scored, --replace replaces it"
        ),
        Msg::BlocSchemeMissing { scheme, looked } => format!(
            "no scheme \"{scheme}\" yet (looked for {looked}); import the scheme first with `thidua import-scheme`"
        ),
        Msg::NewYearNotLater { year, current } => {
            format!("the new year ({year}) must come after the bloc's covenant year ({current})")
        }
        Msg::NewYearScheme(path) => format!("copied the scheme for the new year: {path}"),
        Msg::NewYearBook { path, year } => format!(
            "wrote the bloc workbook for {year}: {path} (members, head and deputy carried over)"
        ),
        Msg::NewYearTargets(path) => format!(
            "fill in the new covenant targets on the \"Chỉ tiêu\" sheet (and the signer, where the head is new), then import it with `thidua import-bloc {path}`; last year's files and records stay as they are"
        ),
        Msg::WorkbookProblems(n) => format!("the workbook has {n} problems; nothing was written"),
        Msg::CheckedScheme {
            criteria,
            groups,
            max,
        } => format!(
            "valid: scoring scheme, {criteria} criteria in {groups} groups, at most {} points",
            d(max)
        ),
        Msg::CheckedBloc {
            units,
            scheme,
            criteria,
        } => format!("valid: bloc, {units} units, scored with \"{scheme}\" ({criteria} criteria)"),
        Msg::ProblemsFound(n) => format!("{n} problems found"),
        Msg::CannotRead { path, error } => format!("cannot read {path}: {error}"),
        Msg::UnknownPeriod(p) => {
            format!("unknown period \"{p}\": use mid-year (so-ket) or year-end (tong-ket)")
        }
        Msg::BlocNotFound(b) => format!("bloc \"{b}\" not found (file blocs/{b}.ron)"),
        Msg::CsvRow { line, problem } => format!("line {line}: {}", msg(problem)),
        Msg::CsvSyntax(e) => format!("unreadable CSV: {e}"),
        Msg::BadValue { unit, item, error } => {
            format!("{unit} / {item}: {}", value_error(error))
        }
        Msg::CsvUnknownUnit(u) => format!("no unit \"{u}\" in the bloc"),
        Msg::CsvUnknownItem(c) => format!("no criterion or item \"{c}\" in the scheme"),
        Msg::CsvNotThisPeriod(c) => format!("\"{c}\" is not scored in this period"),
        Msg::CsvTooManyRows(n) => format!(
            "the file has more than {n} rows, more than the cells of the largest bloc thidua supports: not read further"
        ),
        Msg::CsvDecimalComma { value } => format!(
            "\"{value}\" is a decimal written with a comma but not quoted, so it was split into two columns: write it in quotes (\"{value}\") or with a dot"
        ),
        Msg::CsvBadHeader => "the header must be: unit,criterion,value[,note]".into(),
        Msg::CsvColumns(n) => format!("expected 3 to 5 columns (unit, criterion, value, note, reason), found {n}"),
        Msg::CsvDuplicate { unit, item, first } => {
            format!("\"{unit}\" / \"{item}\" already given on line {first}")
        }
        Msg::ImportRefused(n) => {
            format!("file refused: {n} rows have problems; nothing was stored")
        }
        Msg::Imported { rows, path } => format!("imported {rows} values into {path}"),
        Msg::Locked { path, holder } => {
            format!("the records in {path} are open elsewhere:\n  {holder}\nclose that session first")
        }
        Msg::JournalTorn { line } => format!(
            "the last journal line ({line}) was cut off (a crash or power cut?): skipped; every value saved before it is intact"
        ),
        Msg::JournalCorrupt { line, error } => format!(
            "the journal is damaged at line {line}: {error}; not opened, so that nothing is lost"
        ),
        Msg::BatchUndone {
            line,
            written,
            size,
        } => format!(
            "an import was cut off (from journal line {line}, {written} of {size} values): the whole import was undone; import the file again"
        ),
        Msg::SnapshotRebuilt => {
            "the snapshot (snapshot.json) did not match the journal: ignored and rebuilt from the journal"
                .into()
        }
        Msg::JournalAltered { line } => format!(
            "line {line} of the journal was changed outside thidua (it does not follow from the lines before it in the hash chain); its values are read as written: check that line"
        ),
        Msg::ValuesSetAside {
            count,
            unit,
            item,
            error,
        } => format!(
            "{count} values in the journal no longer fit the scale and are not counted (the first: {} / {}: {}); they stay in the journal",
            clip(unit),
            clip(item),
            value_error(error)
        ),
        Msg::VoteSetAside { award, error } => format!(
            "a vote in the journal (award \"{award}\") cannot be true and is not counted: {}",
            ballot_error(error)
        ),
        Msg::NotPlainFile { path } => format!(
            "{path} is not a plain file (a link, a folder or a pipe): thidua opens no records beside it; move it out of the folder"
        ),
        Msg::FileTooLarge { path, limit } => format!(
            "{path} is larger than {} MiB, the most thidua supports for a file of its kind: not read",
            limit >> 20
        ),
        Msg::PasswordFileOpen(path) => format!(
            "warning: others can read the password file {path}; make it readable by your account only (chmod 600 {path})"
        ),
        Msg::MoreProblems(n) => format!("… and {n} more problems"),
        Msg::UnsafeName(name) => {
            format!("\"{}\" cannot name a file or folder", clip(name))
        }
        Msg::NoSections => "The scheme gives this period's report no written section.".into(),
        Msg::SectionSaved { title } => format!("section “{title}” saved"),
        Msg::WritingChars(n) => format!("{n} characters"),
        Msg::WritingCount { chars, limit } => format!("{chars}/{limit} characters"),
        Msg::Detail(e) => match e {
            DetailError::Number(n) => format!(
                "document number \"{n}\" is not valid: letters, digits, - or . only, at most {MAX_NUMBER_CHARS} characters, e.g. 12 (leave it blank for the clerk)"
            ),
            DetailError::Date(d) => format!(
                "date \"{d}\" is not valid: write DAY/MONTH/YEAR, e.g. 05/7/2026"
            ),
            DetailError::TooManyRecipients(n) => format!(
                "{n} recipients, more than the {MAX_RECIPIENTS} a report can list"
            ),
            DetailError::RecipientTooLong(r) => format!(
                "recipient \"{r}\" is longer than {MAX_RECIPIENT_CHARS} characters"
            ),
        },
        Msg::TextNeedsSection => {
            "Say which section to write: --section ID (list them with: thidua text BLOC --period PERIOD)"
                .into()
        }
        Msg::SectionWritten { title, chars } => {
            format!("Section \"{title}\" written ({chars} characters) to the session's journal.")
        }
        Msg::SectionsHead => "Section|Heading|Required|Written".into(),
        Msg::SectionRequired => "required".into(),
        Msg::TextNotUtf8 { path } => format!(
            "{path}: not UTF-8 text. Save it again as plain text in UTF-8 (Notepad: Save as… → Encoding UTF-8)."
        ),
        Msg::LineTooLong { bytes, limit } => format!(
            "too large to write to the journal ({bytes} bytes, at most {limit}); shorten it (fewer people, shorter posts, for instance). Nothing was written."
        ),
        Msg::UnknownSection(id) => format!(
            "This period's report has no section \"{id}\"; list them with: thidua text BLOC --period PERIOD"
        ),
        Msg::SectionText { id, error } => match error {
            TextError::TooLong { chars, limit } => format!(
                "Section \"{id}\" has {chars} characters, beyond the limit of {limit}"
            ),
            TextError::Control { line } => format!(
                "Section \"{id}\", line {line}: a control character; save the file as plain text (UTF-8)"
            ),
        },
        Msg::TextTooLong {
            unit,
            item,
            chars,
            limit,
        } => format!(
            "{unit} / {item}: a note or reason of {chars} characters, beyond the limit of {limit}"
        ),
        Msg::ChangeOpenElsewhere { holder, key } => format!(
            "this session is open elsewhere:\n  {holder}\n{}",
            match key {
                Some(key) => format!(
                    "do this on that screen (key {key}),\nor close that screen and run the command again"
                ),
                None => "close that screen and run the command again".to_string(),
            }
        ),
        Msg::ReadOnly => "the records were opened to read only: nothing can be written".into(),
        Msg::OpenElsewhere { holder } => format!(
            "the session is open elsewhere ({holder}): this is how it stood at its last save"
        ),
        Msg::SignedFinal { version } => format!(
            "version {version} is signed as final: to change anything, reopen the results with a reason (F8, or thidua reopen), then sign a new version"
        ),
        Msg::JournalFull { limit } => format!(
            "the session's journal holds {limit} lines, the most thidua supports: nothing more can be written; the value was not saved"
        ),
        Msg::Overflow { unit, item } => format!(
            "cannot compute the points of {unit}{}: the figures go beyond exact arithmetic; check the values entered",
            item.as_ref().map(|i| format!(", item {i}")).unwrap_or_default()
        ),
        Msg::WriteFailed { path, error } => {
            format!("cannot write to {path}: {error}; the value was not saved")
        }
        Msg::StoreRefused {
            unit,
            item,
            problem,
        } => format!("not stored, {unit} / {item}: {problem}"),
        Msg::SessionFrozen { at } => format!(
            "the results were frozen at {at}: scores cannot be changed; to change them, reopen the results with a reason"
        ),
        Msg::AlreadyFrozen => "the results are already frozen".into(),
        Msg::NotFrozen => "the results are not frozen, there is nothing to reopen".into(),
        Msg::ReasonRequired { unit, item } => format!(
            "{unit} / {item}: the bloc's score differs from the unit's self-score; give a reason"
        ),
        Msg::ReopenWithoutReason => "reopening frozen results needs a reason".into(),
        Msg::VotesAtYearEndOnly => "votes on awards are taken at the year-end review only".into(),
        Msg::MinutesRefused(e) => format!("the minutes were not recorded: {}", minutes_error(e)),
        Msg::MinutesSetAside(e) => format!(
            "an attendance in the journal cannot be true ({}), so it is not counted",
            minutes_error(e)
        ),
        Msg::MinutesRecorded { units, counts } => format!(
            "Minutes recorded: {units} units present, {counts} count records. The minutes are written and signed with the report."
        ),
        Msg::MinutesReady { units, counts } => format!(
            "Minutes: {units} units present and {counts} count records recorded; the minutes are written and signed with the report."
        ),
        Msg::MinutesNotYet => "No attendance recorded yet, so no minutes are written. Press Enter to record it (or from a file: thidua minutes BLOC --period PERIOD --template).".into(),
        Msg::MinutesUnits(n) => format!("{n} units present"),
        Msg::MinutesPresent { present, members } => format!(
            "{present} of {members} units present (a unit with no one named is absent)"
        ),
        Msg::MinutesCountTitle { award } => format!("Ballot count record: {award}"),
        Msg::CountFiguresIncomplete => "give all four ballot figures in digits: issued, received, valid, invalid".into(),
        Msg::NoMinutes => "No attendance or count record yet. Record them with: thidua minutes BLOC --period PERIOD FILE.ron (an example: --template)".into(),
        Msg::MinutesUnreadable(e) => format!("the minutes file cannot be read: {e}"),
        Msg::ElectionRefused(e) => format!("the election was not recorded: {}", election_error(e)),
        Msg::ElectionSetAside(e) => format!(
            "an election of head and deputy in the journal cannot be true ({}), so it is not counted",
            election_error(e)
        ),
        Msg::ElectFormIncomplete => "where a vote was held, give members present and both votes in digits; otherwise leave all three blank".into(),
        Msg::ElectVoteIncomplete => "where a vote was held, give all of --present, --head-votes and --deputy-votes".into(),
        Msg::ElectNeedsBoth => "give both --head and --deputy (unit ids; list them with thidua elect BLOC --period year-end)".into(),
        Msg::NotElected { year } => format!("No head and deputy recorded for {year} yet. The units:"),
        Msg::ElectionAtYearEndOnly => {
            "next year's head and deputy are elected at the year-end review only".into()
        }
        Msg::Elected { head, deputy, year } => format!(
            "Election recorded: {head} as head and {deputy} as deputy for {year}."
        ),
        Msg::BallotRefused(e) => format!("the vote was not recorded: {}", ballot_error(e)),
        Msg::Progress { entered, needed } => format!("entered {entered}/{needed}"),
        Msg::SavedAt(t) => format!("saved {t}"),
        Msg::TooSmall { width, height } => format!(
            "The window is too small ({width}×{height}). It needs at least 80×24: enlarge the window or make the font smaller. Press q to quit."
        ),
        Msg::Stored { unit, item, value } => format!("saved {unit} / {item}: {value}"),
        Msg::Cleared { unit, item } => format!("cleared {unit} / {item}"),
        Msg::NoteSaved { unit, item } => format!("note saved, {unit} / {item}"),
        Msg::Undone { unit, item } => format!("undone, {unit} / {item}"),
        Msg::Redone { unit, item } => format!("redone, {unit} / {item}"),
        Msg::Crashed { dir } => format!(
            "thidua hit an error and had to stop. Every saved value is still in {dir}; start the program again."
        ),
        Msg::NeedsTerminal => "the scoring screen needs a terminal; see thidua --help".into(),
        Msg::UnitOf { n, total } => format!("unit {n} of {total}"),
        Msg::KeyCreated { secret, public } => format!(
            "Signing key pair made.\n\
             Secret key, encrypted with the passphrase and readable by this account only \
             (keep it private; a forgotten passphrase cannot be recovered): {secret}\n\
             Public key: {public}\n\
             Send the public key below with the reports, so that anyone can check the signature:"
        ),
        Msg::KeyExists(path) => format!(
            "{path} already exists: thidua never overwrites a key; to make a new one, choose another place with --key PATH (or move the old key away yourself first)"
        ),
        Msg::NoConfigDir => {
            "cannot find the user's config folder (neither XDG_CONFIG_HOME nor HOME is set): say where the key goes with --key PATH".into()
        }
        Msg::PassphrasePrompt => "Passphrase to protect the secret key: ".into(),
        Msg::PassphraseAgain => "The same passphrase again: ".into(),
        Msg::PassphraseEmpty => "the passphrase must not be empty".into(),
        Msg::PassphraseMismatch => "the two passphrases differ; no key was made".into(),
        Msg::PassphraseNeedsTerminal => {
            "the passphrase is typed on a terminal, and standard input is not one: give it with --password-file FILE".into()
        }
        Msg::PassphraseUnreadable(e) => format!("cannot read the passphrase: {e}"),
        Msg::KeyWriteFailed { path, error } => {
            format!("cannot write {path}: {error}; no key was made")
        }
        Msg::KeyGenFailed(e) => format!("cannot make the key: {e}"),
        Msg::WrongPassphrase(path) => {
            format!("wrong passphrase for the secret key {path} (or the key file is damaged)")
        }
        Msg::NotSecretKey(path) => format!("{path} is not a minisign secret key"),
        Msg::KeyUnprotected(path) => format!(
            "the secret key {path} has no passphrase; reports are signed only with a protected key: make one with thidua keygen (or minisign -G without -W)"
        ),
        Msg::NotPublicKey(what) => format!(
            "\"{what}\" is not a minisign public key (one base64 line starting with RW, or the .pub file holding it)"
        ),
        Msg::PassphraseFor(path) => format!("Passphrase of the secret key {path}: "),
        Msg::SummaryIncomplete { count } => format!(
            "The final report cannot be signed yet: {count} things are still open (below). \
             Finish them and sign again, or sign a draft with --provisional (every file will say \"DỰ THẢO\")."
        ),
        Msg::GapMissing { unit, item } => format!("- {unit}: {item} not scored"),
        Msg::GapMore(n) => format!("- … and {n} more cells not scored"),
        Msg::GapTieForLead { units } => format!(
            "- {} share first place: the bloc must agree on the leading unit",
            list(units)
        ),
        Msg::GapTieAtQuota { award, units } => format!(
            "- {award}: {} are tied at the edge of the quota; the bloc must settle it",
            list(units)
        ),
        Msg::GapUnexplained { unit, item } => {
            format!("- {unit} / {item}: differs from the self-score with no reason given")
        }
        Msg::GapAwaitingVote { award, units } => format!(
            "- {award}: no vote recorded yet on {}",
            list(units)
        ),
        Msg::GapStaleVote { award } => format!(
            "- {award}: the recorded vote no longer matches the eligible units; vote again"
        ),
        Msg::GapTiedOnVotes { award, units } => format!(
            "- {award}: {} are tied on votes at the edge of the quota; vote again",
            list(units)
        ),
        Msg::FrozenDone { at } => format!(
            "The results were frozen at {at}. Scores cannot be changed until reopened (thidua reopen … --reason \"…\")."
        ),
        Msg::ReopenedDone => "The results are open for changes again; the reason is in the log.".into(),
        Msg::ReopenAfterSigned { version } => format!(
            "Note: version {version} of the summary is signed. After the changes, sign a new version; the signed one stays as it is."
        ),
        Msg::VoteUsage => "give --present COUNT and each unit's votes, e.g. thidua vote khoi-8 --period year-end --award co --present 8 p-an-hoa=6 p-binh-minh=2".into(),
        Msg::BadTally(text) => format!("\"{text}\" is not UNIT=VOTES, e.g. p-an-hoa=6"),
        Msg::TallyCandidates { award, expected } => {
            if expected.is_empty() {
                format!("{award}: no unit is to be voted on now")
            } else {
                format!(
                    "{award}: give the votes of exactly the units put to the vote: {}",
                    expected.join(", ")
                )
            }
        }
        Msg::VotesRecorded { award } => format!("The vote on {award} is recorded."),
        Msg::VoteCounted {
            present,
            base,
            needed,
            stale,
        } => {
            let mut s = format!("{present} members present");
            if let Some(n) = needed {
                s.push_str(&format!("; at least {n} of {base} votes needed"));
            }
            if *stale {
                s.push_str("; the list of units has changed since, this vote no longer counts, vote again");
            }
            s
        }
        Msg::VotesNeeded { needed, base } => format!("at least {needed} of {base} votes needed"),
        Msg::VoteAwardRule { quota, rule } => match rule {
            Some(rule) => format!("Quota: {quota} · Threshold: {rule}"),
            None => format!("Quota: {quota} · no vote threshold; the vote chooses between units tied on points"),
        },
        Msg::PresentMissing => "enter the number of members present".into(),
        Msg::VotesMissing(unit) => format!("enter the votes of {unit}"),
        Msg::LogExported { rows, path } => format!("{rows} lines of the log written to {path}"),
        Msg::NoSelfScores => "No unit's self-scores yet (press i to import the forms).".into(),
        Msg::SelfImportedOnScreen { units, files, refused } => {
            let mut text = format!(
                "Took the self-scores of {units} {} from {files} {}.",
                if *units == 1 { "unit" } else { "units" },
                if *files == 1 { "file" } else { "files" }
            );
            if *refused > 0 {
                text.push_str(&format!(" {refused} refused, see why below."));
            }
            text
        }
        Msg::NoFormsIn(path) => format!("The folder {path} holds no self-score forms (.xlsx, .csv, .ron)."),
        Msg::NothingToAccept => "No cell to take a self-score.".into(),
        Msg::NotApplicable { unit, item } => format!(
            "{item} does not apply to {unit} (the bloc's covenant says so): nothing is entered there."
        ),
        Msg::Accepted { cells } => format!("Self-scores taken for {}.", count_cells(*cells)),
        Msg::FrozenOnScreen { at } => format!(
            "The results were frozen at {at}. To change a score: F8 reopens them, with a reason."
        ),
        Msg::ReasonAsk {
            unit,
            item,
            entered,
            own,
        } => format!(
            "{unit} / {item}: the bloc scores {entered}, the unit scored itself {own}. The reason (required):"
        ),
        Msg::FreezeAsk {
            entered,
            needed,
            unexplained,
        } => {
            let mut s = format!("{entered} of {needed} cells scored.");
            if *unexplained > 0 {
                s.push_str(&format!(
                    " {unexplained} scores differ from the self-score without a reason."
                ));
            }
            s.push_str(" Once frozen, scores cannot be changed until reopened (with a reason). Freeze the results?");
            s
        }
        Msg::ReopenAsk { at } => format!(
            "The results were frozen at {at}. Reopen them for changes; the reason goes into the log (required):"
        ),
        Msg::AcceptCell { item, value } => format!("The selected cell ({item}): {value}"),
        Msg::AcceptUnit { unit, cells } => {
            format!("{unit}'s cells not yet scored ({})", count_cells(*cells))
        }
        Msg::AcceptAll { cells } => {
            format!("Every unit's cells not yet scored ({})", count_cells(*cells))
        }
        Msg::LogPosition { first, last, total } => {
            format!("Lines {first}–{last} of {total}, newest first")
        }
        Msg::LogOnlyUnit(unit) => format!("Only {unit}"),
        Msg::LogOnlyItem(item) => format!("Only criterion {item}"),
        Msg::LogExportFailed { path, error } => format!(
            "Could not export the log to {path}: {error}. The journal and the scores are untouched."
        ),
        Msg::RoomNotStarted(e) => format!("the live page could not be served: {e} (another address: --room-addr ADDRESS:PORT)"),
        Msg::WallFrozenAt(at) => format!("FROZEN at {at}"),
        Msg::WallNow { unit, item } => format!("Scoring: {unit} · {item}"),
        Msg::ClearAsk { unit, item, value } => format!("Clear {unit}'s value {value} for {item}?"),
        Msg::GapNoAttendance => "- the year-end meeting's attendance is not recorded, so its minutes cannot be written (F6 on the scoring screen, or thidua minutes)".into(),
        Msg::GapNoCountRecord { award } => format!("- the ballot for {award} has no count record (F6, or thidua minutes)"),
        Msg::GapNoElection => "- next year's head and deputy are not elected yet (F6 on the scoring screen, or thidua elect)".into(),
        Msg::GapSectionEmpty(title) => format!(
            "- the report's section \"{title}\" is not written (F6 on the scoring screen, or thidua text)"
        ),
        Msg::GapNotFrozen => {
            "- the results are not frozen (F8 on the scoring screen, or thidua freeze)".into()
        }
        Msg::SummaryWritten {
            version,
            provisional,
        } => {
            if *provisional {
                format!("Signed a DRAFT (DỰ THẢO), version {version}:")
            } else {
                format!("Signed the report, version {version}:")
            }
        }
        Msg::SummaryReplaces(file) => format!("This version replaces {file} (named in the record)."),
        Msg::SignNoKey(path) => format!(
            "no signing key at {path}: quit and make one with thidua keygen"
        ),
        Msg::SignWorking { version, seconds } => {
            format!("Unlocking the key and laying out version {version}… {seconds} s")
        }
        Msg::SignWillWrite {
            version,
            provisional,
        } => {
            if *provisional {
                format!("Will write and sign a DRAFT, version {version}: PDF, XLSX, the Word copy and the RON record.")
            } else {
                format!("Will write and sign the report, version {version}: PDF, XLSX, the Word copy and the RON record.")
            }
        }
        Msg::SignProgress {
            units,
            entered,
            needed,
        } => format!("{units} units · {entered}/{needed} entered"),
        Msg::SignKey(path) => format!("Signing key: {path}"),
        Msg::SignOutDir(path) => format!("Saved in: {path}"),
        Msg::SummaryWriteFailed {
            path,
            error,
            set_aside,
        } => format!(
            "could not write {path}: {error}. The report was not issued{}; earlier signed files and \
             every score entered are intact",
            set_aside
                .as_ref()
                .map(|f| format!(" (the files it had written were moved to {f})"))
                .unwrap_or_default()
        ),
        Msg::VersionSetAside { version, folder } => format!(
            "version {version} was never issued (its record was not signed): its files were moved to {folder}"
        ),
        Msg::SummaryFailed(e) => format!("could not make the report: {e}"),
        Msg::VerifyKey { id, from } => format!("Checking with public key {id} ({from})"),
        Msg::VerifyNoKey => {
            "the bloc head's public key is needed: --pubkey KEY (the base64 line starting with RW) or --pubkey-file FILE.pub".into()
        }
        Msg::VerifyReadFailed { path, error } => format!("could not read {path}: {error}"),
        Msg::VerifyFileOk(path) => format!("OK    {path}"),
        Msg::VerifyFileFailed(path) => format!("FAIL  {path}"),
        Msg::VerifyAllOk(n) => format!("Result: all {n} files pass."),
        Msg::VerifySomeFailed { failed, files } => {
            format!("Result: {failed} of {files} files FAIL (see the ✗ lines above).")
        }
    }
}

pub fn ui(u: Ui) -> &'static str {
    match u {
        Ui::ScreenGrid => "Scores",
        Ui::ScreenCard => "Unit card",
        Ui::ScreenRanking => "Ranking",
        Ui::ScreenStart => "Choose a scoring session",
        Ui::HelpTitle => "Keys",
        Ui::HelpFilter => "Filter",
        Ui::NoMatchingKeys => "No key matches",
        Ui::NotSavedYet => "no changes yet",
        Ui::SaveFailed => "NOT SAVED",
        Ui::Head => "head",
        Ui::Deputy => "deputy",
        Ui::MetShort => "Met",
        Ui::NotMetShort => "Unmet",
        Ui::Yes => "Yes",
        Ui::No => "No",
        Ui::ScaleLevels => "Choose a level",
        Ui::ScaleMetOrNot => "Met / not met",
        Ui::ScaleFree => "Points given directly",
        Ui::ScalePerOccurrence => "Points per occurrence",
        Ui::ScaleTarget => "Against a target (enter the achieved value)",
        Ui::RuleProportional => "points in proportion to the target reached",
        Ui::RuleHalfAtTarget => {
            "reaching the target gives half the points, the unit furthest over it the maximum"
        }
        Ui::Warning => "warning",
        Ui::StatedMax => "the scale prints a maximum of",
        Ui::LowerIsBetter => "fewer is better",
        Ui::UntargetedAgainstBest => {
            "a unit without a target is scored against the best of those without one"
        }
        Ui::UntargetedZero => "a unit without a target scores 0",
        Ui::NotApplicableShort => "N/A",
        Ui::NotApplicable => "does not apply to this unit",
        Ui::Max => "max",
        Ui::Step => "step",
        Ui::Floor => "floor",
        Ui::Ceiling => "ceiling",
        Ui::StartsAt => "starting at",
        Ui::PerTime => "each",
        Ui::Once => "once",
        Ui::Cap => "cap",
        Ui::Target => "Target",
        Ui::Achieved => "Achieved",
        Ui::NoTarget => "no target set: scored against the best unit",
        Ui::Points => "Points",
        Ui::Note => "Note",
        Ui::NotScoredThisPeriod => "Not scored in this period",
        Ui::Criteria => "Criteria",
        Ui::BonusItems => "Bonus",
        Ui::PenaltyItems => "Penalties",
        Ui::VetoItems => "Conditions",
        Ui::VetoMeaning => "A condition not met lowers the band",
        Ui::VetoShort => "Cond",
        Ui::FailedVetoes => "Not met",
        Ui::Nomination => "Proposed for",
        Ui::NothingToUndo => "nothing to undo",
        Ui::NothingToRedo => "nothing to redo",
        Ui::EditValue => "Enter a value",
        Ui::EditNote => "Note",
        Ui::StartTitle => "Choose the bloc, year and period to score",
        Ui::HasRecords => "has records",
        Ui::NoRecords => "not scored yet",
        Ui::Folded => "folded",
        Ui::KeyMove => "move",
        Ui::KeyNextColumn => "next column",
        Ui::KeyPrevColumn => "previous column",
        Ui::KeyPageUp => "page up",
        Ui::KeyPageDown => "page down",
        Ui::KeyHome => "first column",
        Ui::KeyEnd => "last column",
        Ui::KeyEdit => "enter a value",
        Ui::KeyEditWith => "type a digit to enter at once",
        Ui::KeyClear => "clear (asks first)",
        Ui::KeyNote => "note",
        Ui::KeyUndo => "undo",
        Ui::KeyRedo => "redo",
        Ui::KeyShowGrid => "scores",
        Ui::KeyShowCard => "unit card",
        Ui::KeyShowRanking => "ranking",
        Ui::KeyLang => "tiếng Việt",
        Ui::KeySessions => "another session",
        Ui::SignTitle => "Sign the summary",
        Ui::SignContinue => "Enter: type the passphrase to sign · Esc: cancel",
        Ui::SignPassphrase => "Passphrase of the signing key: ",
        Ui::SignRetry => "Enter: sign · Esc: cancel",
        Ui::SignClose => "Press any key to close.",
        Ui::SignDraftWhy => "The session is not finished; every file will say \"DỰ THẢO\" (draft):",
        Ui::VotesTitle => "Vote on award proposals",
        Ui::VotesPresent => "Members present",
        Ui::VotesColumn => "Votes",
        Ui::VotesOutcome => "Outcome",
        Ui::VotesNoCandidates => "No unit is to be voted on for this award.",
        Ui::VotesNoAwards => "the scheme names no award to vote on",
        Ui::VotesDecided => "decided",
        Ui::VotesStale => "vote again",
        Ui::VotesTied => "tied on votes, vote again",
        Ui::VotesNotNeeded => "no vote needed",
        Ui::VotesRecordedAs => "Recorded",
        Ui::VotesStaleNote => {
            "The list of units has changed: the recorded vote no longer counts, vote again."
        }
        Ui::KeySign => "sign the summary",
        Ui::KeyFreeze => "freeze / reopen the results",
        Ui::KeyPickChoice => "choose by number",
        Ui::ReasonTitle => "Why the score differs from the self-score",
        Ui::FreezeTitle => "Freeze the results",
        Ui::FreezeConfirm => "Enter: freeze · Esc: not now",
        Ui::ReopenTitle => "Reopen the frozen results",
        Ui::AcceptTitle => "Take the self-scores as the bloc's scores",
        Ui::AcceptNoCell => "The selected cell: not a scored cell",
        Ui::AcceptKeepsScores => {
            "Cells the bloc has scored stay as they are (but the selected one). Enter or 1–3: take · Esc: not now"
        }
        Ui::Evidence => "Evidence",
        Ui::Frozen => "FROZEN",
        Ui::SelfScore => "Self-score",
        Ui::NoReason => "no reason given",
        Ui::Reason => "Reason",
        Ui::KeyVotes => "vote on the awards",
        Ui::KeyVoteField => "choose a field",
        Ui::KeyVoteAward => "other award",
        Ui::KeyVoteDigits => "type votes, members present",
        Ui::KeyVoteRecord => "record the tally",
        Ui::KeyClose => "close",
        Ui::KeyAccept => "take the self-score",
        Ui::KeyHistory => "the cell's history",
        Ui::KeyImportSelf => "import self-scores",
        Ui::KeyWriting => "write the report's sections",
        Ui::KeyChooseUnit => "choose a unit",
        Ui::KeyBack => "back",
        Ui::ElectionEntry => "Election of the head and deputy for",
        Ui::ElectionNone => "not elected",
        Ui::ElectionHead => "Head:   ",
        Ui::ElectionDeputy => "Deputy: ",
        Ui::ElectionPresent => "Members present: ",
        Ui::ElectionHeadVotes => "Votes for the head: ",
        Ui::ElectionDeputyVotes => "Votes for the deputy: ",
        Ui::ElectionNoVote => {
            "Where the meeting agreed without a vote, leave the three figures blank."
        }
        Ui::KeyNextField => "next field",
        Ui::KeyPrevField => "previous field",
        Ui::KeyNewRecipient => "add a recipient line",
        Ui::KeyAddPerson => "add a person",
        Ui::KeyNextMissing => "next cell to enter",
        Ui::KeyNextUnexplained => "next unexplained",
        Ui::KeyTogglePoints => "cells: points/typed",
        Ui::KeyRankPartial => "rank partial totals",
        Ui::KeyOpenWithLetter => "open the level list",
        Ui::ShowingPoints => "The cells show points (p: the entries as typed).",
        Ui::ShowingEntries => "The cells show the entries as typed (p: points).",
        Ui::RankingPartial => {
            "Units not fully scored are ranked on their partial totals (t: complete units only)."
        }
        Ui::RankingComplete => {
            "Only complete units are ranked; the others show a partial total (t: rank them all)."
        }
        Ui::PartialTotal => "partial",
        Ui::NoMissingCell => "Every cell is entered.",
        Ui::NoUnexplainedCell => "No difference is left unexplained.",
        Ui::ClearTitle => "Clear a value",
        Ui::WallDraft => "DRAFT",
        Ui::RoomStopped => "The live page is stopped; phones no longer see it.",
        Ui::RoomTitle => "The live page for phones",
        Ui::RoomHow => {
            "Scan the code or type the address on a phone on the same Wi-Fi as this laptop. The page only shows: the ranking, the subtotals, the cell being scored; never a note, a reason or evidence."
        }
        Ui::RoomNetwork => {
            "Guest Wi-Fi that keeps devices apart: turn on this laptop's hotspot (Mobile hotspot). When Windows' firewall asks the first time, allow private networks."
        }
        Ui::RoomLoopback => {
            "No local network (Wi-Fi, hotspot) was found, so only this laptop can open the page. Join one or turn on the hotspot, then serve it again (r, x, r), or choose the address: --room-addr."
        }
        Ui::KeyRoom => "live page for phones",
        Ui::KeyStopRoom => "stop the page",
        Ui::RoomWaiting => "Lost the connection to the head's laptop; trying again…",
        Ui::WallPaused => "Paused while the meeting discusses (Space: follow again)",
        Ui::KeyProjector => "projector view",
        Ui::KeyProjectorOff => "leave the projector view",
        Ui::KeyPause => "pause / follow",
        Ui::KeyWallTheme => "light / dark wall",
        Ui::ClearConfirm => {
            "Enter: clear · Esc: keep it. Ctrl-Z brings back a value cleared by mistake."
        }
        Ui::MinutesEntry => "Minutes: attendance and ballot counts",
        Ui::MinutesIntro => "One person a row. The minutes are written and signed with the report.",
        Ui::MinutesAttendance => "Attendance",
        Ui::MinutesChair => "Chair",
        Ui::MinutesSecretary => "Secretary",
        Ui::MinutesName => "Name",
        Ui::MinutesPost => "Post",
        Ui::MinutesCommitteeHead => "Head",
        Ui::MinutesCommitteeMember => "Member",
        Ui::MinutesBallots => "Ballots",
        Ui::MinutesIssued => "Issued",
        Ui::MinutesReceived => "Received",
        Ui::MinutesValid => "Valid",
        Ui::MinutesInvalid => "Invalid",
        Ui::MinutesLeaveUnsaved => "Press Esc again to close without saving.",
        Ui::MinutesNotRecorded => "not recorded",
        Ui::SignNumber => "Document number: ",
        Ui::SignNumberBlank => "blank: the clerk numbers it when registering",
        Ui::SignDate => "Date on the report: ",
        Ui::SignRecipients => "To (one a line; Ctrl-J adds a line):",
        Ui::KeyChooseSection => "choose a section",
        Ui::KeyWriteSection => "write the chosen section",
        Ui::KeyRows => "up, down a row",
        Ui::KeySave => "save",
        Ui::KeySaveClose => "save and close",
        Ui::WritingTitle => "The report's written sections",
        Ui::WritingIntro => {
            "The report's words: the head writes them, the meeting agrees them. A final version needs every required section."
        }
        Ui::WritingEmpty => "not written",
        Ui::WritingRequired => "required",
        Ui::WritingSaved => "saved",
        Ui::WritingUnsaved => "not saved (Ctrl-S saves, Esc saves and closes)",
        Ui::KeyComplete => "complete the path",
        Ui::ImportSelfTitle => "Import units' self-scores",
        Ui::ImportSelfAsk => {
            "A file, or a folder of forms (.xlsx, .csv, .ron). Tab completes the path."
        }
        Ui::ImportSelfFits => "Fits:",
        Ui::KeyLog => "change log",
        Ui::LogTitle => "Change log",
        Ui::CellHistoryTitle => "Cell history",
        Ui::LogEmpty => "No changes yet.",
        Ui::LogNoMatch => "No changes match this filter.",
        Ui::CellNoHistory => "This cell has no changes yet.",
        Ui::HistoryOnSubtotal => {
            "A subtotal has no history of its own: select a criterion's cell, or press j for the change log."
        }
        Ui::LogNoItem => "No criterion selected: the log was opened on a subtotal.",
        Ui::LogNoteEdited => "note edited",
        Ui::KeyScroll => "scroll",
        Ui::KeyNewest => "newest line",
        Ui::KeyOldest => "oldest line",
        Ui::KeyOnlyUnit => "only this unit",
        Ui::KeyOnlyItem => "only this criterion",
        Ui::KeyExport => "export CSV",
        Ui::IoReadOnly => "the disk is read-only",
        Ui::IoDenied => "no permission to write there",
        Ui::IoDiskFull => "the disk is full",
        Ui::IoInTheWay => "a file or folder of the same name is in the way",
        Ui::KeyContinue => "continue",
        Ui::KeyHelp => "help",
        Ui::KeyQuit => "quit",
        Ui::KeyFold => "fold / unfold the group",
        Ui::KeyNextUnit => "next unit",
        Ui::KeyPrevUnit => "previous unit",
        Ui::KeyMoveUnit => "choose a unit",
        Ui::KeyOpenCard => "open the unit card",
        Ui::KeyPick => "pick a level",
        Ui::KeyChoose => "choose",
        Ui::KeyConfirm => "save",
        Ui::KeyCancel => "cancel",
        Ui::KeyMet => "choose met (Enter stores)",
        Ui::KeyNotMet => "choose not met (Enter stores)",
        Ui::KeyType => "type the value (comma or dot)",
        Ui::KeyCursor => "move the cursor",
        Ui::KeyLineStart => "start of line",
        Ui::KeyLineEnd => "end of line",
        Ui::KeyBackspace => "delete before",
        Ui::KeyDelete => "delete after",
        Ui::KeySaveNote => "save the note",
        Ui::KeyNewLine => "new line",
        Ui::KeyFilter => "type to filter",
        Ui::KeyCloseHelp => "close",
        Ui::KeyChooseSession => "choose",
        Ui::KeyOpenSession => "open",
        Ui::KeyNewSchemeBook => "sample scheme workbook",
        Ui::NewcomerHelp => {
            "No emulation bloc in the blocs/ folder yet. Set one up from spreadsheets:\n\
            1. Press n (or run thidua template-scheme): writes thang-diem.xlsx; edit the criteria and scale.\n\
            2. thidua import-scheme thang-diem.xlsx: writes scoring/<scheme id>.ron.\n\
            3. thidua template-bloc --scheme <scheme id>: writes khoi-moi.xlsx; fill in members and targets.\n\
            4. thidua import-bloc khoi-moi.xlsx: writes blocs/<bloc id>.ron; then open this screen again.\n\
            The next year: thidua new-year <bloc id> --year <new year>."
        }
        Ui::SpaceKey => "Space",
        Ui::AnyTextKey => "letters, digits",
        Ui::Compare(t) => t.text(super::Lang::En),
        Ui::Ward(t) => t.text(super::Lang::En),
    }
}

pub fn label(l: Label) -> &'static str {
    match l {
        Label::MidYear => "Mid-year review",
        Label::YearEnd => "Year-end review",
        Label::Rank => "Rank",
        Label::Unit => "Unit",
        Label::Total => "Total",
        Label::Bonus => "Bonus",
        Label::Penalty => "Penalty",
        Label::Band => "Band",
        Label::Vetoes => "Conditions",
        Label::Missing => "Missing",
        Label::Tied => "tied",
        Label::Proposed => "proposed",
        Label::AwaitingVote => "awaiting the vote",
        Label::TiedAtQuota => "tied at the quota",
        Label::Elected => "elected, proposed",
        Label::NotElected => "short of the votes needed",
        Label::OutvotedAtQuota => "the quota is filled by units with more votes",
        Label::TiedOnVotes => "tied on votes at the quota, vote again",
        Label::Votes => "votes",
        Label::Present => "present",
        Label::NoCandidate => "no eligible unit",
        Label::NoThreshold => "no vote threshold",
        Label::LogSeq => "No.",
        Label::LogTime => "Time",
        Label::LogBy => "By",
        Label::LogWhat => "What",
        Label::LogItem => "Criterion",
        Label::LogOld => "Old",
        Label::LogNew => "New",
        Label::LogReason => "Reason",
        Label::LogNote => "Note",
        Label::LogSource => "Source file",
        Label::LogEntry => "score entered",
        Label::LogImport => "imported",
        Label::LogUndo => "undone",
        Label::LogRedo => "redone",
        Label::LogAccept => "self-score accepted",
        Label::LogSelfScore => "self-score",
        Label::LogFreeze => "results frozen",
        Label::LogReopen => "results reopened",
        Label::LogVotes => "vote",
        Label::LogSection => "section",
        Label::LogElection => "election",
        Label::LogAttendance => "attendance",
        Label::LogCount => "ballot count",
        Label::LogIssued => "report signed (final)",
        Label::LogIssuedDraft => "draft signed",
        Label::Entered => "Entered",
        Label::Nominations => "Nominations",
        Label::Quota => "quota",
    }
}

pub fn issue(k: &IssueKind) -> String {
    match k {
        IssueKind::Empty(f) => format!("{f} must not be empty"),
        IssueKind::DuplicateCode(c) => format!(
            "duplicate code \"{c}\": every group, criterion, bonus, penalty and condition needs its own code"
        ),
        IssueKind::DuplicateMember(m) => format!("duplicate member id \"{m}\""),
        IssueKind::DuplicateShortName(s) => format!("duplicate short name \"{s}\""),
        IssueKind::NoCriteria => "the scheme has no criteria".into(),
        IssueKind::EmptyGroup(g) => format!("group \"{g}\" holds no criteria"),
        IssueKind::NoPeriods(c) => format!("\"{c}\" is scored in no period (empty periods)"),
        IssueKind::NotPositive(x) => format!("must be above zero (found {})", d(x)),
        IssueKind::Negative(x) => format!("must not be negative (found {})", d(x)),
        IssueKind::NoLevels => "the level scale has no levels".into(),
        IssueKind::DuplicateLevel(l) => format!("duplicate level \"{l}\""),
        IssueKind::LevelAboveMax { points, max } => format!(
            "the level's points ({}) exceed the criterion's maximum ({})",
            d(points),
            d(max)
        ),
        IssueKind::ZeroPerOccurrence => "points per occurrence must not be zero".into(),
        IssueKind::CeilingAboveMax { ceiling, max } => {
            format!("the ceiling {} exceeds the maximum {}", d(ceiling), d(max))
        }
        IssueKind::FloorAboveCeiling { floor, ceiling } => {
            format!("the floor {} is above the ceiling {}", d(floor), d(ceiling))
        }
        IssueKind::StartOutside {
            start,
            floor,
            ceiling,
        } => format!(
            "the starting points {} lie outside {}..{}",
            d(start),
            d(floor),
            d(ceiling)
        ),
        IssueKind::FreeAdjustmentWithoutCap => "a free-score item needs a cap".into(),
        IssueKind::UnknownGroup(g) => format!("no group \"{g}\""),
        IssueKind::UnknownCriterion(c) => format!("no criterion \"{c}\""),
        IssueKind::UnknownBand(b) => format!("no band \"{b}\""),
        IssueKind::UnknownMember(m) => format!("no unit \"{m}\" in the bloc"),
        IssueKind::NoBands => "no classification bands".into(),
        IssueKind::BandWithoutBound(b) => {
            format!("band \"{b}\" has no lower bound (min): only the last band may leave it out")
        }
        IssueKind::BandShareAbove100(b) => format!(
            "band \"{b}\" has a bound above 100, but a period classifies by the share (%) of its maximum"
        ),
        IssueKind::LastBandBound(b) => {
            format!("the last band \"{b}\" must have no bound: it takes every remaining unit")
        }
        IssueKind::BandsOutOfOrder { band, previous } => format!(
            "bands overlap or are out of order: the bound of \"{band}\" must be below that of \"{previous}\""
        ),
        IssueKind::ShareOutOfRange(x) => format!("a share must lie within 0..1 (found {})", d(x)),
        IssueKind::DuplicateBand(b) => format!("duplicate band \"{b}\""),
        IssueKind::DuplicateSection(a) => format!("duplicate section \"{a}\""),
        IssueKind::MinBandUnclassified(a) => format!(
            "award \"{a}\" asks for a band, but the year-end is not classified (classification: year_end: Off)"
        ),
        IssueKind::DuplicateAward(a) => format!("duplicate award \"{a}\""),
        IssueKind::QuotaZero => "the quota is zero: no unit could be proposed".into(),
        IssueKind::QuotaAboveMembers {
            award,
            quota,
            members,
        } => format!(
            "the quota of award \"{award}\" ({quota}) is larger than the bloc ({members} units)"
        ),
        IssueKind::QuotaRoundsToZero {
            award,
            percent,
            members,
        } => format!(
            "the quota of award \"{award}\", {}% of {members} units, rounds to 0: no unit could be proposed",
            d(percent)
        ),
        IssueKind::VoteShareOutOfRange(x) => format!(
            "a vote share must be above 0 and at most 1 (found {})",
            d(x)
        ),
        IssueKind::BadId { id, problem } => format!(
            "\"{}\" cannot be an id: {}; ids use only lower-case a-z, digits, \".\", \"_\" and \"-\", start with a letter or digit and have at most 64 characters (they name files and folders)",
            clip(id),
            id_problem(*problem)
        ),
        IssueKind::FigureTooLarge { value, limit } => format!(
            "{} is beyond the limit of ±{} that thidua supports (see docs/formats.md, \"Sizes and limits\")",
            clip(&d(value)),
            d(limit)
        ),
        IssueKind::FigureTooPrecise(value) => {
            format!("{} has more than 4 decimal places", clip(&d(value)))
        }
        IssueKind::TooManyMembers { count, limit } => {
            format!("the bloc has {count} units, beyond the {limit} that thidua supports")
        }
        IssueKind::TooManyItems { count, limit } => {
            format!("the scheme has {count} items, beyond the {limit} that thidua supports")
        }
        IssueKind::PercentOutOfRange(p) => {
            format!("a percentage must lie within (0, 100] (found {})", d(p))
        }
        IssueKind::HeadNotMember(m) => format!("the head \"{m}\" is not a member"),
        IssueKind::DeputyNotMember(m) => format!("the deputy \"{m}\" is not a member"),
        IssueKind::DeputyIsHead(m) => format!("\"{m}\" cannot be both head and deputy"),
        IssueKind::SchemeMismatch { bloc, scheme } => {
            format!("the bloc names scheme \"{bloc}\" but the scheme file's id is \"{scheme}\"")
        }
        IssueKind::TargetNotTargetCriterion(c) => {
            format!("criterion \"{c}\" is not scored against a target; it takes no target")
        }
        IssueKind::TargetNotPositive(x) => {
            format!("a covenant target must be above zero (found {})", d(x))
        }
        IssueKind::MissingTarget { member, criterion } => format!(
            "unit \"{member}\" has no covenant target for criterion \"{criterion}\" (scored in proportion to its target)"
        ),
        IssueKind::TieBreakerNotCriterion(c) => {
            format!("\"{c}\" is not a scored criterion and cannot break ties")
        }
        IssueKind::AmbiguousCode { code, other } => format!(
            "code \"{code}\" differs from \"{other}\" only in upper and lower case: give each its own key, and put the printed number in `label`"
        ),
        IssueKind::NotApplicableNotCriterion(c) => format!(
            "\"{c}\" is a bonus, penalty or condition: only criteria and groups can be written as not applying"
        ),
        IssueKind::TargetOnNotApplicable { member, criterion } => format!(
            "unit \"{member}\" has a target for \"{criterion}\", which is written as not applying to it"
        ),
        IssueKind::NothingApplies { member, period } => format!(
            "no criterion of the {} applies to unit \"{member}\"",
            match period {
                crate::model::Period::MidYear => "mid-year review",
                crate::model::Period::YearEnd => "year-end review",
            }
        ),
        IssueKind::StatedMaxDiffers {
            group,
            stated,
            allowed,
        } => format!(
            "group \"{group}\" is printed as {} points, but its criteria allow {}",
            d(stated),
            d(allowed)
        ),
    }
}

pub fn value_error(e: &ValueError) -> String {
    match e {
        ValueError::NotANumber(t) => format!("\"{t}\" is not a number"),
        ValueError::NotACount(t) => format!("\"{t}\" is not a count (a whole number from 0)"),
        ValueError::OutOfRange { value, min, max } => {
            format!("{} is outside {}..{}", d(value), d(min), d(max))
        }
        ValueError::OffStep { value, step } => {
            format!("{} is not on the step of {}", d(value), d(step))
        }
        ValueError::UnknownLevel { given, known } => {
            format!("no level \"{given}\"; the levels are {}", list(known))
        }
        ValueError::NotYesNo(t) => format!("\"{t}\": expected met/not met (yes/no)"),
        ValueError::Negative(x) => format!("an achieved value cannot be negative ({})", d(x)),
        ValueError::WrongKind => "a value of the wrong kind for this criterion".into(),
        ValueError::Empty => "no value given".into(),
        ValueError::TooLarge { value, limit } => format!(
            "{} is beyond the limit of {} that thidua supports",
            clip(value),
            d(limit)
        ),
        ValueError::TooPrecise(value) => {
            format!("{} has more than 4 decimal places", clip(value))
        }
    }
}

pub fn syntax(e: &ron::Error) -> String {
    use ron::Error as E;
    match e {
        E::NoSuchStructField {
            expected, found, ..
        } => format!(
            "unknown field \"{found}\"; the fields here are: {}",
            expected.join(", ")
        ),
        E::MissingStructField { field, .. } => format!("missing required field \"{field}\""),
        E::DuplicateStructField { field, .. } => format!("field \"{field}\" given twice"),
        E::NoSuchEnumVariant {
            expected, found, ..
        } => format!(
            "\"{found}\" is not valid here; expected one of: {}",
            expected.join(", ")
        ),
        E::SuggestRawIdentifier(id) | E::InvalidIdentifier(id)
            if id.chars().all(|c| c.is_ascii_digit()) =>
        {
            "decimals in files are written with a dot (3.5), not a comma".into()
        }
        E::Message(m) if m.starts_with(crate::model::bloc::DUPLICATE_KEY) => format!(
            "\"{}\" is written twice; each unit and each target is written once",
            crate::model::text::clip(&m[crate::model::bloc::DUPLICATE_KEY.len()..])
        ),
        E::Message(m) => {
            format!("invalid value ({m}); dates are written \"YYYY-MM-DD\", decimals with a dot")
        }
        other => other.to_string(),
    }
}

pub fn ballot_error(e: &crate::model::ballot::BallotError) -> String {
    use crate::model::ballot::BallotError as E;
    match e {
        E::UnknownAward(a) => format!("the scheme has no award {a}"),
        E::PresentOutOfRange { present, members } => format!(
            "{present} members present; it must be from 1 to {members} (the bloc's members)"
        ),
        E::UnknownUnit(u) => format!("the bloc has no unit {u}"),
        E::DuplicateUnit(u) => format!("unit {u} is listed twice"),
        E::MoreVotesThanPresent {
            unit,
            votes,
            present,
        } => format!("{unit} has {votes} votes, more than the {present} members present"),
        E::NoCandidate => "no unit was put to the vote".into(),
    }
}

fn count_cells(n: usize) -> String {
    if n == 1 {
        "1 cell".into()
    } else {
        format!("{n} cells")
    }
}

fn id_problem(problem: IdError) -> String {
    match problem {
        IdError::Empty => "it is empty".into(),
        IdError::TooLong => "it is longer than 64 characters".into(),
        IdError::Character(c) => format!("it holds \"{}\"", shown_char(c)),
        IdError::BadStart => "it starts with \".\", \"_\" or \"-\"".into(),
        IdError::EndsWithDot => "it ends with a dot".into(),
        IdError::Reserved => "Windows reserves it for a device".into(),
    }
}

fn election_error(e: &crate::model::election::ElectionError) -> String {
    use crate::model::election::ElectionError as E;
    match e {
        E::UnknownUnit(u) => format!("no unit \"{u}\" in the bloc"),
        E::SameUnit => "the head and the deputy must be two different units".into(),
        E::PresentOutOfRange { present, members } => {
            format!("{present} members present, but the bloc has {members}")
        }
        E::MoreVotesThanPresent { votes, present } => {
            format!("{votes} votes, more than the {present} members present")
        }
    }
}

fn minutes_error(e: &crate::model::minutes::MinutesError) -> String {
    use crate::model::minutes::MinutesError as E;
    match e {
        E::NoName => "a person has no name (or still \"Họ và tên\" as the template wrote it)".into(),
        E::TooLong(t) => format!("\"{t}\" is too long or holds a control character"),
        E::TooMany => format!("a list of more than {} people", crate::model::minutes::MAX_PEOPLE),
        E::UnknownUnit(u) => format!("no unit \"{u}\" in the bloc"),
        E::DuplicateUnit(u) => format!("unit \"{u}\" is listed twice"),
        E::UnknownAward(a) => format!("the scheme has no award \"{a}\""),
        E::NotVoted(a) => format!("award \"{a}\" is not voted on, so it has no count record"),
        E::NoCommittee => "no counting committee".into(),
        E::BallotsDoNotAddUp => "the ballots do not add up: no more received than issued, and valid plus invalid equal to received".into(),
        E::IssuedNotPresent { issued, present } => format!(
            "{issued} ballots issued but {present} units present (one ballot each)"
        ),
        E::VotesAboveValid { unit, votes, valid } => format!(
            "{unit} has {votes} votes, more than the {valid} valid ballots"
        ),
    }
}
