//! The `vigil` command line (CLI.md). Errors are one clear sentence on standard error.

use chrono::Utc;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use vigil::accounts::{
    AccountChange, AccountError, AccountName, Credential, Password, Role, Roles,
};
use vigil::decision_log;
use vigil::export::{self, Bound, Format};
use vigil::import;
use vigil::lifecycle::{DecisionRefused, DecisionRequest, Reasons, Verdict};
use vigil::policy::Policy;
use vigil::sla;
use vigil::store::{AnyStore, Location, QueueKind, QueueQuery, Store, StoreError};
use vigil::taxonomy;

/// `println!` for people: text from bundles and the store cannot drive the terminal
/// (`vigil::terminal`). JSON is printed with `println!`, exact.
macro_rules! say {
    ($($t:tt)*) => { println!("{}", vigil::terminal::safe(&format!($($t)*))) };
}

/// `eprintln!` for people, as `say!`.
macro_rules! tell {
    ($($t:tt)*) => { eprintln!("{}", vigil::terminal::safe(&format!($($t)*))) };
}

mod audit_cli;
mod qa_cli;
mod stats_cli;

#[derive(Parser)]
#[command(
    name = "vigil",
    version,
    about = "Identity-verification review workstation"
)]
struct Cli {
    /// Where the database and stored images live (default: the platform's data folder).
    #[arg(long, global = true, env = "VIGIL_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// A team's shared store: a `postgres://` or `postgresql://` URL. Without it the store is
    /// SQLite in the data folder.
    #[arg(long, global = true, env = "VIGIL_STORE", value_name = "URL")]
    store: Option<String>,
    /// Policy file (TOML) to use instead of the built-in policy.
    #[arg(long, global = true, env = "VIGIL_POLICY")]
    policy: Option<PathBuf>,
    /// Folder holding the face models (default: `models` in the platform's data folder;
    /// README.md, "Face models"). Without them face checks are off, and vigil says so.
    #[arg(long, global = true, env = vigil::faces::models::MODELS_ENV)]
    models: Option<PathBuf>,
    /// The acting account (`--reviewer` is its alias). Its password comes from
    /// VIGIL_PASSWORD, else a prompt on the terminal without echo.
    #[arg(
        long = "as",
        global = true,
        visible_alias = "reviewer",
        value_name = "NAME"
    )]
    acting: Option<String>,
    /// Load the built-in demo queue (and, on a new store, its demo accounts).
    #[arg(long)]
    demo: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Import bundles, or inboxes of bundles.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Run every automated check on one bundle without importing it.
    Check {
        bundle: PathBuf,
        /// Print the JSON of HINTS.md.
        #[arg(long)]
        json: bool,
    },
    /// List the cases waiting for review, oldest first.
    Queue {
        #[arg(long)]
        json: bool,
        /// The fraud queue: escalated cases.
        #[arg(long)]
        fraud: bool,
    },
    /// Claim a case for review (a lease; others cannot take it until released or expired).
    Claim {
        /// The case; or `--next` for the oldest one free.
        #[arg(required_unless_present = "next", conflicts_with = "next")]
        id: Option<String>,
        /// The oldest case nobody holds that this account may take.
        #[arg(long)]
        next: bool,
        /// With --next: from the fraud queue.
        #[arg(long, requires = "next")]
        fraud: bool,
        /// Lease length in seconds (up to a day).
        #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(i64).range(1..=86_400))]
        lease_secs: i64,
    },
    /// Release a claimed case (another reviewer's claim: supervisors only, logged).
    Release { id: String },
    /// Reopen an approved or rejected case (supervisors; not one's own decision): a log
    /// entry of its own, and the case back in the queue it was decided from.
    Reopen {
        id: String,
        /// Why, for the log (required).
        #[arg(long)]
        reason: String,
    },
    /// Record a decision.
    Decide {
        #[command(flatten)]
        args: DecideArgs,
        /// Decide although the case's face checks are still running (its hints are not all
        /// there yet); refused without it. The log records that it was.
        #[arg(long)]
        despite_running_checks: bool,
    },
    /// Accounts and roles (TEAM.md).
    Account {
        #[command(subcommand)]
        action: AccountAction,
    },
    /// Write the decision log.
    Export {
        #[arg(long, value_enum)]
        format: Format,
        /// First day (YYYY-MM-DD, UTC) or time (RFC 3339) to include.
        #[arg(long)]
        since: Option<Bound>,
        /// Last day to include, or the time before which entries are included.
        #[arg(long)]
        until: Option<Bound>,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Remove the personal data of cases decided before a date (administrators): their
    /// fields, images, hint texts and log notes; the log still verifies, and records it.
    Purge {
        /// Cases whose last decision was before this day (YYYY-MM-DD, UTC) or time (RFC
        /// 3339). Without it, each client's `retention_days` of the policy applies.
        #[arg(long)]
        before: Option<Bound>,
    },
    /// Team statistics from the log: per reviewer and in total (a supervisor's or an
    /// auditor's view; anyone else sees their own).
    Stats {
        /// First day (YYYY-MM-DD, UTC) or time (RFC 3339) to include.
        #[arg(long)]
        since: Option<Bound>,
        /// Last day to include, or the time before which decisions are included.
        #[arg(long)]
        until: Option<Bound>,
        #[arg(long)]
        json: bool,
    },
    /// An evidence packet (PDF) of one case, for a regulator or the police (auditors): its
    /// data and MRZ, hints, images with the hint regions outlined, every log entry of the
    /// case with its hashes, and the signed checkpoint covering them. Recorded in the log.
    Packet {
        id: String,
        #[arg(long)]
        out: PathBuf,
        /// The packet's language: en, lv or ja (default: the environment's LANG, else
        /// English).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Blind QA: a sample of decided cases reviewed again by someone who does not see the
    /// first decision, and the agreement between the two.
    Qa {
        #[command(subcommand)]
        action: qa_cli::QaAction,
    },
    /// Audit the decision log.
    Audit {
        #[command(subcommand)]
        action: audit_cli::AuditAction,
    },
    /// Move a workstation's store to a team's server.
    Store {
        #[command(subcommand)]
        action: StoreAction,
    },
    /// Write synthetic demo bundles.
    Demo {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = vigil::demo::FULL_COVERAGE_COUNT)]
        count: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum AccountAction {
    /// Create the first administrator of a store that has none. Password: VIGIL_NEW_PASSWORD, else a prompt.
    Init { name: String },
    /// Create an account (administrators). Password: VIGIL_NEW_PASSWORD, else a prompt.
    Add {
        name: String,
        /// Roles: reviewer, fraud, supervisor, auditor, admin.
        #[arg(long, value_name = "ROLE[,ROLE...]")]
        role: String,
    },
    /// Give an account a role (administrators).
    Grant { name: String, role: String },
    /// Take a role from an account (administrators).
    Revoke { name: String, role: String },
    /// Disable an account; it is never deleted, the log names it (administrators).
    Disable { name: String },
    /// Change your own password, or (administrators) reset another's.
    Password { name: Option<String> },
    /// List accounts: names, roles, disabled.
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum StoreAction {
    /// Copy the data folder's SQLite store (cases, images, accounts, the log) into an empty
    /// PostgreSQL database, and verify the chain there.
    Copy {
        /// The PostgreSQL server: a postgres:// or postgresql:// URL.
        #[arg(long, value_name = "URL")]
        to: String,
    },
}

/// `check --json` (HINTS.md), typed so that keys come in the order the spec shows them.
#[derive(serde::Serialize)]
struct CheckOutput<'a> {
    submission_id: &'a str,
    hints: &'a [vigil::hints::Hint],
}

/// A failure with its exit code: 1 for refusals and failed checks, 2 for unreadable input.
struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    fn new(code: u8, message: impl std::fmt::Display) -> Failure {
        Failure {
            code,
            message: message.to_string(),
        }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Failure {
        let code = match &e {
            StoreError::Missing { .. } => 2,
            StoreError::Account(a) if is_bad_input(a) => 2,
            StoreError::Refused(DecisionRefused::ReopenWithoutReason) => 2,
            _ => 1,
        };
        Failure::new(code, e)
    }
}

/// Account input that is wrong in itself (exit 2), as against a refusal (exit 1).
fn is_bad_input(e: &AccountError) -> bool {
    matches!(
        e,
        AccountError::BadName { .. }
            | AccountError::ShortPassword
            | AccountError::LongPassword
            | AccountError::UnknownRole(_)
            | AccountError::RoleTwice(_)
    )
}

impl From<AccountError> for Failure {
    fn from(e: AccountError) -> Failure {
        StoreError::from(e).into()
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::new(1, e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            tell!("vigil: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn data_dir(cli: &Cli) -> Result<PathBuf, Failure> {
    if let Some(d) = &cli.data_dir {
        return Ok(d.clone());
    }
    directories::ProjectDirs::from("", "", "vigil")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| Failure::new(2, "no home folder to put the data in; pass --data-dir"))
}

/// Where the store is: `--store URL` (PostgreSQL), else the data folder (SQLite).
fn location(cli: &Cli) -> Result<Location, Failure> {
    match &cli.store {
        Some(url) if vigil::store::is_postgres_url(url) => Ok(Location::Server(url.clone())),
        Some(other) => Err(Failure::new(
            2,
            format!(
                "--store takes a postgres:// or postgresql:// URL, not `{other}`; a local store is chosen with --data-dir"
            ),
        )),
        None => Ok(Location::Folder(data_dir(cli)?)),
    }
}

fn open_store(cli: &Cli) -> Result<AnyStore, Failure> {
    let place = location(cli)?;
    place.open().map_err(|e| cannot_open(&place, e))
}

/// The store if there is one: `check` reads the history from it but never creates one.
fn store_if_present(cli: &Cli) -> Result<Option<AnyStore>, Failure> {
    let Ok(place) = location(cli) else {
        return Ok(None);
    };
    place.open_if_present().map_err(|e| cannot_open(&place, e))
}

fn cannot_open(place: &Location, e: StoreError) -> Failure {
    Failure::new(1, format!("cannot open the store {place}: {e}"))
}

/// For commands that read or act on existing cases: never creates an empty store.
fn existing_store(cli: &Cli) -> Result<AnyStore, Failure> {
    Ok(location(cli)?.open_existing()?)
}

/// For commands that only read (`queue`, `export`, `audit verify`): they work on a
/// read-only folder or a full disk.
fn reading_store(cli: &Cli) -> Result<AnyStore, Failure> {
    Ok(location(cli)?.open_read_only()?)
}

fn load_policy(cli: &Cli) -> Result<Policy, Failure> {
    match &cli.policy {
        Some(p) => Policy::load(p).map_err(|e| Failure::new(2, e)),
        None => Ok(Policy::builtin()),
    }
}

/// Loads the face models for the commands that run checks, and says once, on standard
/// error, when face checks are off and how to turn them on.
fn load_face_models(cli: &Cli) {
    let loaded = match cli
        .models
        .clone()
        .or_else(vigil::faces::models::default_dir)
    {
        Some(dir) => vigil::faces::init(&dir),
        None => vigil::faces::availability(),
    };
    if let Err(e) = loaded {
        tell!(
            "vigil: face checks are off ({e}); to turn them on, {}",
            vigil::faces::HOW_TO_ENABLE
        );
    }
}

fn run(cli: Cli) -> Result<u8, Failure> {
    let Some(command) = &cli.command else {
        load_face_models(&cli);
        return run_workstation(&cli);
    };
    if matches!(command, Command::Import { .. } | Command::Check { .. }) {
        load_face_models(&cli);
    }
    match command {
        Command::Import { paths } => {
            let policy = load_policy(&cli)?;
            let mut store = open_store(&cli)?;
            match import::rerun_stale_checks(&mut *store, &policy, Utc::now()) {
                Ok(0) => {}
                Ok(n) => {
                    say!("finished the face checks of {n} cases an earlier import left running")
                }
                Err(e) => tell!("vigil: finishing the face checks an earlier import left: {e}"),
            }
            let report = import::import_paths(&mut *store, &policy, paths, Utc::now());
            for (dir, why) in &report.refused {
                say!("refused {}: {why}", dir.display());
            }
            if let Some(why) = &report.aborted {
                tell!("vigil: the import stopped, the store failed at {why}");
            }
            say!(
                "{} imported, {} already present, {} refused",
                report.imported.len(),
                report.already_present.len(),
                report.refused.len()
            );
            Ok(report.exit_code())
        }
        Command::Check { bundle, json } => {
            let policy = load_policy(&cli)?;
            let store = store_if_present(&cli)?;
            let (b, hints) =
                import::check_bundle(bundle, &policy, store.as_deref().map(|s| s as &dyn Store))
                    .map_err(|e| match e {
                        import::CheckError::Bundle(_) => Failure::new(2, e),
                        import::CheckError::Store(_) => Failure::new(1, e),
                    })?;
            if *json {
                let out = CheckOutput {
                    submission_id: b.submission.id.as_str(),
                    hints: &hints,
                };
                print_json(&out)?;
            } else if hints.is_empty() {
                say!("{}: no hints", b.submission.id);
            } else {
                for h in &hints {
                    let slot = h.slot.map(|s| format!(" [{s}]")).unwrap_or_default();
                    say!("{:<5} {}{slot}: {}", h.severity.code(), h.code, h.message);
                }
            }
            Ok(0)
        }
        Command::Queue { json, fraud } => {
            let store = reading_store(&cli)?;
            let kind = if *fraud {
                QueueKind::Fraud
            } else {
                QueueKind::Review
            };
            let now = Utc::now();
            let rows = store.queue(&QueueQuery {
                kind,
                limit: None,
                now,
            })?;
            if *json {
                print_json(&rows)?;
            } else {
                for r in &rows {
                    say!(
                        "{:<24} {}  {:<28} {:<9} {:<4} fail {} warn {} info {}{}{}{}",
                        r.id,
                        r.submitted_at.map_or_else(
                            || "????-??-?? ??:??".to_owned(),
                            |t| t.format("%Y-%m-%d %H:%M").to_string()
                        ),
                        r.applicant,
                        r.document_type.as_deref().unwrap_or("-"),
                        r.issuing_country.as_deref().unwrap_or("-"),
                        r.hints.fail,
                        r.hints.warn,
                        r.hints.info,
                        if r.checks_running {
                            "  (face checks running)"
                        } else {
                            ""
                        },
                        r.claimed_by
                            .as_ref()
                            .map(|b| format!("  (in review: {b})"))
                            .unwrap_or_default(),
                        r.due_at
                            .map(|d| match sla::standing(d, now) {
                                sla::Standing::Due(left) | sla::Standing::Soon(left) => {
                                    format!("  (due in {})", sla::span(left))
                                }
                                sla::Standing::Overdue(by) => {
                                    format!("  (OVERDUE by {})", sla::span(by))
                                }
                            })
                            .unwrap_or_default()
                    );
                }
                say!("{} cases", rows.len());
                for r in rows.iter().filter(|r| r.problem.is_some()) {
                    tell!(
                        "case {} cannot be read back: {}",
                        r.id,
                        r.problem.as_deref().unwrap_or_default()
                    );
                }
            }
            Ok(0)
        }
        Command::Claim {
            id,
            next,
            fraud,
            lease_secs,
        } => {
            let mut store = existing_store(&cli)?;
            let by = acting(&cli)?;
            let lease = chrono::Duration::seconds(*lease_secs);
            let (id, c) = match (id, next) {
                (Some(id), false) => (id.clone(), store.claim(id, &by, Utc::now(), lease)?),
                _ => {
                    let kind = if *fraud {
                        QueueKind::Fraud
                    } else {
                        QueueKind::Review
                    };
                    match store.claim_next(kind, &by, Utc::now(), lease)? {
                        Some(taken) => taken,
                        None => {
                            say!("no case is free to claim");
                            return Ok(0);
                        }
                    }
                }
            };
            say!(
                "{id} claimed by {} until {}",
                c.by,
                decision_log::timestamp(c.lease_until)
            );
            Ok(0)
        }
        Command::Release { id } => {
            let mut store = existing_store(&cli)?;
            let by = acting(&cli)?;
            let entry = store.release(id, &by, Utc::now())?;
            say!(
                "{id}: the claim of {} released (log entry {})",
                entry.subject,
                entry.seq
            );
            Ok(0)
        }
        Command::Reopen { id, reason } => {
            let mut store = existing_store(&cli)?;
            let by = acting(&cli)?;
            let entry = store.reopen(id, reason, &by, Utc::now())?;
            say!("{id} reopened: {} (log entry {})", entry.change, entry.seq);
            Ok(0)
        }
        Command::Decide {
            args: DecideArgs { id, verdict, note },
            despite_running_checks,
        } => {
            let verdict = verdict.verdict()?;
            let mut store = existing_store(&cli)?;
            let by = acting(&cli)?;
            let entry = store.decide(
                &DecisionRequest {
                    case_id: id.clone(),
                    by,
                    verdict,
                    note: note.clone(),
                    handling_ms: None,
                    despite_running_checks: *despite_running_checks,
                },
                Utc::now(),
            )?;
            let outcome = entry.outcome.map(|o| o.code()).unwrap_or_default();
            let proposed = if entry.outcome == Some(vigil::taxonomy::Outcome::Escalated)
                && !entry.reasons.is_empty()
            {
                " to the fraud team, which confirms the proposed fraud reasons (they need the fraud role)"
            } else {
                ""
            };
            say!(
                "{} {outcome}{proposed} by {} (log entry {})",
                entry.submission_id,
                entry.reviewer,
                entry.seq
            );
            Ok(0)
        }
        Command::Account { action } => account_command(&cli, action),
        Command::Export {
            format,
            since,
            until,
            out,
        } => {
            // Not read-only: the export is recorded in the access log.
            let mut store = existing_store(&cli)?;
            let by = require_role(&mut store, &cli, Role::Auditor)?;
            let range = export::range(*since, *until);
            match out {
                Some(path) => {
                    let n = export::export_recorded(
                        &mut *store,
                        &by,
                        range,
                        *format,
                        path,
                        &mut |_| {},
                    )
                    .map_err(|e| Failure::new(1, e))?
                    .0
                    .entries;
                    match format {
                        Format::Csv => tell!(
                            "{n} entries written to {}, their signed checkpoint to {}",
                            path.display(),
                            export::checkpoint_path(path).display()
                        ),
                        Format::Jsonl => tell!(
                            "{n} entries and their signed checkpoint written to {}",
                            path.display()
                        ),
                    }
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut lock = std::io::BufWriter::new(stdout.lock());
                    let (exported, _) =
                        export::export_recorded_to(&mut *store, &by, range, *format, &mut lock)
                            .map_err(|e| Failure::new(1, e))?;
                    lock.flush()?;
                    if *format == Format::Csv {
                        tell!(
                            "vigil: a CSV export's signed checkpoint goes in a file beside it; written to standard output it is only this:\n{}",
                            exported.checkpoint
                        );
                    }
                }
            }
            Ok(0)
        }
        Command::Audit { action } => audit_cli::run(&cli, action),
        Command::Stats { since, until, json } => stats_cli::run(&cli, *since, *until, *json),
        Command::Qa { action } => qa_cli::run(&cli, action),
        Command::Packet { id, out, lang } => packet(&cli, id, out, lang.as_deref()),
        Command::Purge { before } => {
            let now = Utc::now();
            let rules = match before {
                Some(b) => vec![vigil::retention::PurgeRule {
                    clients: vigil::retention::Clients::All,
                    before: export::range(Some(*b), None).since.unwrap_or(now),
                }],
                None => load_policy(&cli)?.retention_rules(now),
            };
            if rules.is_empty() {
                return Err(Failure::new(
                    2,
                    "the policy sets no retention_days: give --before DATE, or set retention_days",
                ));
            }
            let mut store = existing_store(&cli)?;
            let report = store.purge(&rules, &acting(&cli)?, now)?;
            for e in &report.entries {
                say!("{}: {} (log entry {})", e.subject, e.change, e.seq);
            }
            say!(
                "purged {} cases; {} stored images no case refers to any more were removed",
                report.cases.len(),
                report.images.len()
            );
            Ok(0)
        }
        Command::Store {
            action: StoreAction::Copy { to },
        } => {
            if !vigil::store::is_postgres_url(to) {
                return Err(Failure::new(
                    2,
                    format!("--to takes a postgres:// or postgresql:// URL, not `{to}`"),
                ));
            }
            let from = vigil::store::SqliteStore::open_existing(&data_dir(&cli)?)?;
            let mut target = vigil::store::PostgresStore::open(to)?;
            let r = vigil::store::copy::sqlite_to_postgres(&from, &mut target)?;
            say!(
                "copied {} cases, {} images, {} accounts and {} log entries to {}; the chain verifies there, head {}",
                r.cases,
                r.images,
                r.accounts,
                r.entries,
                target.url(),
                r.head
            );
            Ok(0)
        }
        Command::Demo { out, count, seed } => {
            let written =
                vigil::demo::write_demo(out, *count, *seed).map_err(|e| Failure::new(1, e))?;
            say!("{written} demo bundles written to {}", out.display());
            Ok(0)
        }
    }
}

/// The acting account's credential: `--as NAME`, the password from VIGIL_PASSWORD or a
/// prompt on the terminal without echo.
/// `vigil packet`: the case's evidence packet, recorded, then written whole or not at all.
fn packet(cli: &Cli, id: &str, out: &std::path::Path, lang: Option<&str>) -> Result<u8, Failure> {
    use vigil::i18n::Lang;
    use vigil::packet::PacketError;
    let lang = match lang {
        Some(tag) => Lang::from_tag(tag)
            .ok_or_else(|| Failure::new(2, format!("--lang takes en, lv or ja, not `{tag}`")))?,
        None => std::env::var("LANG")
            .ok()
            .and_then(|l| Lang::from_tag(&l))
            .unwrap_or(Lang::En),
    };
    let fonts = vigil::packet::Fonts::load().map_err(|e| Failure::new(1, e))?;
    // Asked before the packet is recorded: no record for a file that cannot be written.
    export::writable(out).map_err(|e| Failure::new(1, e))?;
    let mut store = existing_store(cli)?;
    let by = acting(cli)?;
    let pdf =
        vigil::packet::make(&mut *store, id, &by, lang, &fonts, Utc::now()).map_err(
            |e| match e {
                PacketError::Store(e) => Failure::from(e),
                e => Failure::new(1, e),
            },
        )?;
    export::write_atomically(out, &mut |w| Ok(w.write_all(&pdf)?))
        .map_err(|e| Failure::new(1, e))?;
    say!(
        "evidence packet of {id} written to {} ({} KB)",
        out.display(),
        pdf.len() / 1024
    );
    Ok(0)
}

/// Prints `v` as pretty JSON on standard output.
fn print_json(v: &impl serde::Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(v).map_err(|e| Failure::new(1, e))?;
    println!("{text}");
    Ok(())
}

/// What `decide` and `qa decide` are given: the case, the outcome, the note.
#[derive(clap::Args, Debug)]
struct DecideArgs {
    id: String,
    #[command(flatten)]
    verdict: VerdictArgs,
    #[arg(long, default_value = "")]
    note: String,
}

/// The outcome flags of `decide` and `qa decide`.
#[derive(clap::Args, Debug)]
#[group(id = "verdict", multiple = false)]
struct VerdictArgs {
    #[arg(long)]
    approve: bool,
    /// Reason codes (TAXONOMY.md), comma-separated.
    #[arg(long, value_name = "CODE[,CODE...]")]
    reject: Option<String>,
    #[arg(long)]
    escalate: bool,
}

impl VerdictArgs {
    fn verdict(&self) -> Result<Verdict, Failure> {
        match (self.approve, &self.reject, self.escalate) {
            (true, None, false) => Ok(Verdict::Approve),
            (false, None, true) => Ok(Verdict::Escalate),
            (false, Some(list), false) => {
                let codes = taxonomy::parse_reason_list(list).map_err(|e| Failure::new(2, e))?;
                Ok(Verdict::Reject(Reasons::new(codes).ok_or_else(|| {
                    Failure::new(2, "--reject needs at least one reason code")
                })?))
            }
            _ => Err(Failure::new(
                2,
                "give exactly one of --approve, --reject CODES or --escalate",
            )),
        }
    }
}

fn acting(cli: &Cli) -> Result<Credential, Failure> {
    let name = cli.acting.clone().ok_or_else(|| {
        Failure::new(
            2,
            "name the acting account with --as NAME (its password: VIGIL_PASSWORD, else a prompt)",
        )
    })?;
    let password = match std::env::var("VIGIL_PASSWORD") {
        Ok(p) => p,
        Err(_) => prompt(
            &format!("password for {name}: "),
            "no password: set VIGIL_PASSWORD or run in a terminal",
        )?,
    };
    Ok(Credential::Password {
        name,
        password: Password::given(password),
    })
}

/// Asks on the terminal without echo; a script with no terminal is told what to set instead
/// of waiting for an answer nobody types.
fn prompt(question: &str, missing: &str) -> Result<String, Failure> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(Failure::new(2, missing));
    }
    rpassword::prompt_password(question).map_err(|e| Failure::new(2, format!("{missing} ({e})")))
}

/// A new password: VIGIL_NEW_PASSWORD, else typed twice at a prompt without echo.
fn new_password(for_name: &str) -> Result<Password, Failure> {
    if let Ok(p) = std::env::var("VIGIL_NEW_PASSWORD") {
        return Ok(Password::new_password(p)?);
    }
    let missing = "no new password: set VIGIL_NEW_PASSWORD or run in a terminal";
    let first = prompt(
        &format!("new password for {for_name} (at least 10 characters): "),
        missing,
    )?;
    let password = Password::new_password(first.clone())?;
    if prompt("the same again: ", missing)? != first {
        return Err(Failure::new(
            2,
            "the two passwords differ; nothing was changed",
        ));
    }
    Ok(password)
}

/// Proves the acting account and that it holds `role`; the refusal does not say which failed.
/// The acting account's credential, once it has proved to hold `role` (asked for once).
fn require_role(store: &mut AnyStore, cli: &Cli, role: Role) -> Result<Credential, Failure> {
    let by = acting(cli)?;
    let account = store.authenticate(&by, Utc::now())?;
    if account.has(role) {
        Ok(by)
    } else {
        Err(StoreError::from(DecisionRefused::NotAllowed(
            vigil::accounts::AuthError::Refused,
        ))
        .into())
    }
}

fn account_command(cli: &Cli, action: &AccountAction) -> Result<u8, Failure> {
    let now = Utc::now();
    let change = match action {
        AccountAction::Init { name } => {
            let parsed = AccountName::parse(name)?;
            let password = new_password(parsed.as_str())?;
            let mut store = open_store(cli)?;
            let entry = store.init_admin(name, &password, now)?;
            say!(
                "{} is the first administrator (log entry {})",
                entry.subject,
                entry.seq
            );
            return Ok(0);
        }
        AccountAction::List { json } => {
            let mut store = existing_store(cli)?;
            store.authenticate(&acting(cli)?, now)?;
            let accounts = store.accounts()?;
            if *json {
                print_json(&accounts)?;
            } else {
                for a in &accounts {
                    let mut notes = Vec::new();
                    if a.disabled {
                        notes.push("disabled");
                    }
                    if !a.has_password {
                        notes.push("no password set");
                    }
                    let notes = if notes.is_empty() {
                        String::new()
                    } else {
                        format!("  ({})", notes.join(", "))
                    };
                    say!("{:<24} {}{notes}", a.name, a.roles);
                }
            }
            return Ok(0);
        }
        AccountAction::Add { name, role } => {
            let name = AccountName::parse(name)?;
            let roles = Roles::parse_list(role)?;
            let password = new_password(name.as_str())?;
            AccountChange::Create {
                name,
                roles,
                password,
            }
        }
        AccountAction::Grant { name, role } => AccountChange::Grant {
            name: name.clone(),
            role: role.parse()?,
        },
        AccountAction::Revoke { name, role } => AccountChange::Revoke {
            name: name.clone(),
            role: role.parse()?,
        },
        AccountAction::Disable { name } => AccountChange::Disable { name: name.clone() },
        AccountAction::Password { name } => {
            let name = name
                .clone()
                .or_else(|| cli.acting.clone())
                .ok_or_else(|| Failure::new(2, "name the account, or yourself with --as NAME"))?;
            let password = new_password(&name)?;
            AccountChange::SetPassword { name, password }
        }
    };
    let mut store = existing_store(cli)?;
    let by = acting(cli)?;
    let entry = store.change_account(&by, &change, now)?;
    say!(
        "{}: {} (by {}, log entry {})",
        entry.subject,
        entry.change,
        entry.reviewer,
        entry.seq
    );
    Ok(0)
}

/// The workstation window on the data folder; `--demo` loads the demo queue into it.
#[cfg(feature = "ui")]
fn run_workstation(cli: &Cli) -> Result<u8, Failure> {
    let sign_in = cli.acting.clone().map(|name| {
        let password = std::env::var("VIGIL_PASSWORD").ok().map(Password::given);
        (name, password)
    });
    let options = vigil::ui::Options {
        location: location(cli)?,
        sign_in,
        policy: load_policy(cli)?,
        load_demo: cli.demo,
        undo_window: vigil::ui::UNDO_WINDOW,
    };
    vigil::ui::run(options)
        .map_err(|e| Failure::new(1, format!("the window could not open: {e}")))?;
    Ok(0)
}

/// Built without the window: say so, and point at the command line.
#[cfg(not(feature = "ui"))]
fn run_workstation(_cli: &Cli) -> Result<u8, Failure> {
    Err(Failure::new(
        2,
        "this vigil was built without the window (feature `ui`); use the subcommands, see --help",
    ))
}
