//! The `vigil` command line (CLI.md). Errors are one clear sentence on standard error.

use chrono::Utc;
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use vigil::decision_log::{self, ChainBreak};
use vigil::export::{self, Bound, Format};
use vigil::import;
use vigil::lifecycle::{DecisionRequest, Reasons, Reviewer, Verdict};
use vigil::policy::Policy;
use vigil::store::{QueueKind, QueueQuery, SqliteStore, Store, StoreError};
use vigil::taxonomy;

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
    /// Policy file (TOML) to use instead of the built-in policy.
    #[arg(long, global = true, env = "VIGIL_POLICY")]
    policy: Option<PathBuf>,
    /// Folder holding the face models (default: `models` in the platform's data folder;
    /// README.md, "Face models"). Without them face checks are off, and vigil says so.
    #[arg(long, global = true, env = vigil::faces::models::MODELS_ENV)]
    models: Option<PathBuf>,
    /// Load the built-in demo queue.
    #[arg(long)]
    demo: bool,
    /// Close the window as soon as the queue is shown (checks that the window starts).
    #[arg(long, hide = true)]
    close_when_ready: bool,
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
        id: String,
        #[arg(long)]
        reviewer: String,
        /// Lease length in seconds (up to a day).
        #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(i64).range(1..=86_400))]
        lease_secs: i64,
    },
    /// Release a claimed case.
    Release {
        id: String,
        #[arg(long)]
        reviewer: String,
    },
    /// Record a decision.
    Decide {
        id: String,
        #[arg(long, group = "verdict")]
        approve: bool,
        /// Reason codes (TAXONOMY.md), comma-separated.
        #[arg(long, group = "verdict", value_name = "CODE[,CODE...]")]
        reject: Option<String>,
        #[arg(long, group = "verdict")]
        escalate: bool,
        #[arg(long)]
        reviewer: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Manage reviewer profiles.
    Reviewer {
        #[command(subcommand)]
        action: ReviewerAction,
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
    /// Audit the decision log.
    Audit {
        #[command(subcommand)]
        action: AuditAction,
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
enum ReviewerAction {
    /// Create or update a profile.
    Add {
        name: String,
        /// Grant the fraud role (decides escalated cases).
        #[arg(long)]
        fraud: bool,
    },
    /// List profiles.
    List,
}

#[derive(Subcommand)]
enum AuditAction {
    /// Check the hash chain; exits 0 when intact, 1 naming the first bad entry.
    Verify {
        /// Verify a JSONL or CSV export instead of the store.
        #[arg(long)]
        file: Option<PathBuf>,
        /// A head hash noted earlier; detects entries cut from the end.
        #[arg(long)]
        expect_head: Option<String>,
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
        let code = if matches!(e, StoreError::Missing { .. }) {
            2
        } else {
            1
        };
        Failure::new(code, e)
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
            eprintln!("vigil: {}", f.message);
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

fn open_store(cli: &Cli) -> Result<SqliteStore, Failure> {
    let dir = data_dir(cli)?;
    SqliteStore::open(&dir).map_err(|e| cannot_open(&dir, e))
}

/// The store if there is one: `check` reads the history from it but never creates one.
fn store_if_present(cli: &Cli) -> Result<Option<SqliteStore>, Failure> {
    let Ok(dir) = data_dir(cli) else {
        return Ok(None);
    };
    SqliteStore::open_if_present(&dir).map_err(|e| cannot_open(&dir, e))
}

fn cannot_open(dir: &Path, e: StoreError) -> Failure {
    Failure::new(
        1,
        format!("cannot open the store in {}: {e}", dir.display()),
    )
}

/// For commands that read or act on existing cases: never creates an empty store.
fn existing_store(cli: &Cli) -> Result<SqliteStore, Failure> {
    Ok(SqliteStore::open_existing(&data_dir(cli)?)?)
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
        eprintln!(
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
            let report = import::import_paths(&mut store, &policy, paths, Utc::now());
            for (dir, why) in &report.refused {
                println!("refused {}: {why}", dir.display());
            }
            if let Some(why) = &report.aborted {
                eprintln!("vigil: the import stopped, the store failed at {why}");
            }
            println!(
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
                import::check_bundle(bundle, &policy, store.as_ref().map(|s| s as &dyn Store))
                    .map_err(|e| match e {
                        import::CheckError::Bundle(_) => Failure::new(2, e),
                        import::CheckError::Store(_) => Failure::new(1, e),
                    })?;
            if *json {
                let out = CheckOutput {
                    submission_id: b.submission.id.as_str(),
                    hints: &hints,
                };
                println!(
                    "{}",
                    serde_json::to_string_pretty(&out).map_err(|e| Failure::new(1, e))?
                );
            } else if hints.is_empty() {
                println!("{}: no hints", b.submission.id);
            } else {
                for h in &hints {
                    let slot = h.slot.map(|s| format!(" [{s}]")).unwrap_or_default();
                    println!("{:<5} {}{slot}: {}", h.severity.code(), h.code, h.message);
                }
            }
            Ok(0)
        }
        Command::Queue { json, fraud } => {
            let store = existing_store(&cli)?;
            let kind = if *fraud {
                QueueKind::Fraud
            } else {
                QueueKind::Review
            };
            let rows = store.queue(&QueueQuery {
                kind,
                limit: None,
                now: Utc::now(),
            })?;
            if *json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).map_err(|e| Failure::new(1, e))?
                );
            } else {
                for r in &rows {
                    println!(
                        "{:<24} {}  {:<28} {:<9} {:<4} fail {} warn {} info {}{}",
                        r.id,
                        r.submitted_at.format("%Y-%m-%d %H:%M"),
                        r.applicant,
                        r.document_type.as_deref().unwrap_or("-"),
                        r.issuing_country.as_deref().unwrap_or("-"),
                        r.hints.fail,
                        r.hints.warn,
                        r.hints.info,
                        r.claimed_by
                            .as_ref()
                            .map(|b| format!("  (in review: {b})"))
                            .unwrap_or_default()
                    );
                }
                println!("{} cases", rows.len());
            }
            Ok(0)
        }
        Command::Claim {
            id,
            reviewer,
            lease_secs,
        } => {
            let mut store = existing_store(&cli)?;
            ensure_reviewer(&mut store, reviewer)?;
            let c = store.claim(
                id,
                reviewer,
                Utc::now(),
                chrono::Duration::seconds(*lease_secs),
            )?;
            println!(
                "{id} claimed by {} until {}",
                c.by,
                decision_log::timestamp(c.lease_until)
            );
            Ok(0)
        }
        Command::Release { id, reviewer } => {
            let mut store = existing_store(&cli)?;
            store.release(id, reviewer)?;
            Ok(0)
        }
        Command::Decide {
            id,
            approve,
            reject,
            escalate,
            reviewer,
            note,
        } => {
            let verdict = match (approve, reject, escalate) {
                (true, None, false) => Verdict::Approve,
                (false, None, true) => Verdict::Escalate,
                (false, Some(list), false) => {
                    let codes =
                        taxonomy::parse_reason_list(list).map_err(|e| Failure::new(2, e))?;
                    Verdict::Reject(Reasons::new(codes).ok_or_else(|| {
                        Failure::new(2, "--reject needs at least one reason code")
                    })?)
                }
                _ => {
                    return Err(Failure::new(
                        2,
                        "give exactly one of --approve, --reject CODES or --escalate",
                    ));
                }
            };
            let mut store = existing_store(&cli)?;
            ensure_reviewer(&mut store, reviewer)?;
            let entry = store.decide(
                &DecisionRequest {
                    case_id: id.clone(),
                    reviewer: reviewer.clone(),
                    verdict,
                    note: note.clone(),
                    handling_ms: None,
                },
                Utc::now(),
            )?;
            println!(
                "{} {} by {} (log entry {})",
                entry.submission_id, entry.outcome, entry.reviewer, entry.seq
            );
            Ok(0)
        }
        Command::Reviewer { action } => {
            let mut store = open_store(&cli)?;
            match action {
                ReviewerAction::Add { name, fraud } => {
                    store.save_reviewer(&Reviewer {
                        name: name.clone(),
                        fraud: *fraud,
                    })?;
                }
                ReviewerAction::List => {
                    for r in store.reviewers()? {
                        println!("{}{}", r.name, if r.fraud { "  (fraud)" } else { "" });
                    }
                }
            }
            Ok(0)
        }
        Command::Export {
            format,
            since,
            until,
            out,
        } => {
            let store = existing_store(&cli)?;
            let range = export::range(*since, *until);
            match out {
                Some(path) => {
                    let n = export::export_to_file(&store, range, *format, path, &mut |_| {})
                        .map_err(|e| Failure::new(1, e))?;
                    eprintln!("{n} entries written to {}", path.display());
                }
                None => {
                    let stdout = std::io::stdout();
                    let mut lock = std::io::BufWriter::new(stdout.lock());
                    export::export(&store, range, *format, &mut lock)
                        .map_err(|e| Failure::new(1, e))?;
                    lock.flush()?;
                }
            }
            Ok(0)
        }
        Command::Audit {
            action: AuditAction::Verify { file, expect_head },
        } => {
            let result = match file {
                Some(f) => verify_file(f, expect_head.as_deref())?,
                None => existing_store(&cli)?.verify_log(expect_head.as_deref())?,
            };
            match result {
                Ok(s) => {
                    println!(
                        "decision log intact: {} entries, head {}",
                        s.entries, s.head
                    );
                    Ok(0)
                }
                Err(b) => Err(Failure::new(
                    1,
                    format!("decision log broken at entry {}: {b}", b.seq()),
                )),
            }
        }
        Command::Demo { out, count, seed } => {
            let written =
                vigil::demo::write_demo(out, *count, *seed).map_err(|e| Failure::new(1, e))?;
            println!("{written} demo bundles written to {}", out.display());
            Ok(0)
        }
    }
}

/// Scripts name reviewers freely; an unknown name gets a plain reviewer profile, never the fraud role.
fn ensure_reviewer(store: &mut SqliteStore, name: &str) -> Result<(), Failure> {
    if store.reviewer(name)?.is_none() {
        store.save_reviewer(&Reviewer {
            name: name.to_owned(),
            fraud: false,
        })?;
    }
    Ok(())
}

fn verify_file(
    path: &Path,
    expect_head: Option<&str>,
) -> Result<Result<decision_log::ChainSummary, ChainBreak>, Failure> {
    let file = std::fs::File::open(path)
        .map_err(|e| Failure::new(2, format!("cannot read {}: {e}", path.display())))?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let entries: Vec<_> = if is_csv {
        export::read_csv(file).collect()
    } else {
        export::read_jsonl(std::io::BufReader::new(file)).collect()
    };
    let rows = entries.into_iter().enumerate().map(|(i, e)| {
        e.map_err(|err| ChainBreak::Unreadable {
            seq: i as u64 + 1,
            problem: err.to_string(),
        })
    });
    Ok(decision_log::verify(rows, expect_head))
}

/// The workstation window on the data folder; `--demo` loads the demo queue into it.
#[cfg(feature = "ui")]
fn run_workstation(cli: &Cli) -> Result<u8, Failure> {
    let options = vigil::ui::Options {
        data_dir: data_dir(cli)?,
        policy: load_policy(cli)?,
        load_demo: cli.demo,
        close_when_ready: cli.close_when_ready,
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
