//! `vigil audit`: verifying the store or an export, the store's public key, and signed
//! checkpoints (TEAM.md, "Verifiable log").

use crate::{Cli, Failure, existing_store, reading_store, require_role};
use base64::Engine;
use clap::Subcommand;
use std::io::Read;
use std::path::{Path, PathBuf};
use vigil::access_log::Access;
use vigil::accounts::Role;
use vigil::checkpoint::{Checkpoint, LogBreak};
use vigil::decision_log::ChainSummary;
use vigil::export::{self, ExportError};
use vigil::export_audit;
use vigil::receipt;
use vigil::signed_note::VerifierKey;

#[derive(Subcommand)]
pub enum AuditAction {
    /// Check the hash chain, and that the store's cases and accounts are what their log
    /// entries make them; exits 0 when both hold, 1 naming the first bad entry and every case
    /// or account changed behind the log, 2 when it cannot be read.
    Verify {
        /// Verify a JSONL or CSV export instead of the store.
        #[arg(long)]
        file: Option<PathBuf>,
        /// A head hash noted earlier; detects entries cut from the end.
        #[arg(long)]
        expect_head: Option<String>,
        /// The store's public key (`vigil audit key`), or a file holding it: the export's
        /// checkpoint must be signed with it.
        #[arg(long, value_name = "PUBKEY")]
        key: Option<String>,
        /// An older checkpoint (a checkpoint file, or an export ending with one): the log
        /// must extend it, nothing cut and nothing rewritten.
        #[arg(long, value_name = "CHECKPOINT")]
        since: Option<PathBuf>,
        /// Check a receipt (`vigil audit receipt`) instead, offline: needs --key.
        #[arg(long, requires = "key", conflicts_with_all = ["file", "since", "expect_head"])]
        receipt: Option<PathBuf>,
    },
    /// Write a receipt (auditors): a self-contained proof that entry SEQ is in the log under
    /// a signed checkpoint, which `audit verify --receipt` checks offline (C2SP tlog-proof).
    Receipt {
        seq: u64,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the store's public key, for auditors to keep.
    Key,
    /// Write a signed checkpoint of the whole log (C2SP): its size and Merkle root.
    Checkpoint {
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

pub fn run(cli: &Cli, action: &AuditAction) -> Result<u8, Failure> {
    match action {
        AuditAction::Verify {
            file,
            expect_head,
            key,
            since,
            receipt,
        } => {
            let key = key.as_deref().map(read_key).transpose()?;
            if let (Some(r), Some(k)) = (receipt, &key) {
                return verify_receipt(r, k);
            }
            let since = since.as_deref().map(read_checkpoint).transpose()?;
            match file {
                Some(f) => verify_file(f, key.as_ref(), since.as_deref(), expect_head.as_deref()),
                None => verify_store(cli, key, since.as_deref(), expect_head.as_deref()),
            }
        }
        AuditAction::Key => {
            let store = reading_store(cli)?;
            say!("{}", store.log_key()?.verifier());
            Ok(0)
        }
        AuditAction::Checkpoint { out } => {
            let store = reading_store(cli)?;
            let (c, note) = store.checkpoint()?.map_err(|b| {
                Failure::new(
                    1,
                    format!("the decision log is damaged, nothing was signed: {b}"),
                )
            })?;
            write_out(
                out.as_deref(),
                &note,
                &format!("signed checkpoint of {} entries", c.size),
            )
        }
        AuditAction::Receipt { seq, out } => {
            // Not read-only: the receipt is recorded in the access log, before it is given.
            let mut store = existing_store(cli)?;
            let by = require_role(&mut store, cli, Role::Auditor)?;
            let (text, entry) = receipt::make(&*store, *seq).map_err(|e| match e {
                receipt::ReceiptError::NoEntry { .. } => Failure::new(2, e),
                _ => Failure::new(1, e),
            })?;
            let access = Access::Receipt {
                seq: *seq,
                case: entry.submission_id,
            };
            store.record_access(&access, &by, chrono::Utc::now())?;
            write_out(out.as_deref(), &text, &format!("receipt of entry {seq}"))
        }
    }
}

/// Writes `text` to `out` whole or not at all, or to standard output.
fn write_out(out: Option<&Path>, text: &str, what: &str) -> Result<u8, Failure> {
    match out {
        Some(path) => {
            export::write_atomically(path, &mut |w| Ok(w.write_all(text.as_bytes())?))
                .map_err(|e: ExportError| Failure::new(1, e))?;
            tell!("{what} written to {}", path.display());
        }
        None => print!("{text}"),
    }
    Ok(0)
}

fn verify_receipt(path: &Path, key: &VerifierKey) -> Result<u8, Failure> {
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(receipt::MAX_RECEIPT).read_to_string(&mut text))
        .map_err(|e| Failure::new(2, format!("cannot read {}: {e}", path.display())))?;
    let (e, c) = receipt::verify(&text, key).map_err(|e| Failure::new(1, e))?;
    let what = match e.outcome {
        Some(o) => format!("{o} by {}", e.reviewer),
        None => format!("{} of {} by {}", e.kind, e.subject, e.reviewer),
    };
    say!(
        "receipt holds: entry {} ({what}, case {}, {}) is in the log {} under its signed checkpoint of {} entries; entry hash {}",
        e.seq,
        if e.submission_id.is_empty() {
            "none"
        } else {
            &e.submission_id
        },
        vigil::decision_log::timestamp(e.decided_at),
        c.origin,
        c.size,
        e.hash
    );
    Ok(0)
}

/// `--key`: the key's text, or a file holding it.
fn read_key(given: &str) -> Result<VerifierKey, Failure> {
    if let Ok(k) = given.parse() {
        return Ok(k);
    }
    let text = std::fs::read_to_string(given).map_err(|e| {
        Failure::new(
            2,
            format!("--key is neither a public key nor a readable file ({given}: {e})"),
        )
    })?;
    text.parse()
        .map_err(|e| Failure::new(2, format!("--key {given}: {e}")))
}

/// `--since`: a checkpoint's note, from its own file or from the export it ends.
fn read_checkpoint(path: &Path) -> Result<String, Failure> {
    export_audit::read_checkpoint(path)
        .map_err(|e| Failure::new(2, format!("--since {}: {e}", path.display())))
}

fn root_text(root: &[u8; 32]) -> String {
    base64::engine::general_purpose::STANDARD.encode(root)
}

fn broken(b: &LogBreak) -> String {
    match b.seq() {
        Some(seq) => format!("decision log broken at entry {seq}: {b}"),
        None => format!("decision log does not hold: {b}"),
    }
}

fn verify_file(
    path: &Path,
    key: Option<&VerifierKey>,
    since: Option<&str>,
    expect_head: Option<&str>,
) -> Result<u8, Failure> {
    let audit =
        export_audit::audit_file(path, key, since, expect_head).map_err(|e| Failure::new(2, e))?;
    let summary = audit.chain.map_err(|b| Failure::new(1, broken(&b)))?;
    match &audit.signed {
        Some(c) => {
            let first = c.prefix.as_ref().map_or(0, |p| p.size()) + 1;
            let mut said = format!(
                "export intact and signed: entries {first} to {} of the log {}, root {}",
                c.size,
                c.origin,
                root_text(&c.root)
            );
            if let Some(m) = audit.extends {
                said.push_str(&extends(m));
            }
            say!("{said}; head {}", summary.head);
        }
        None => {
            say!("{}", intact(&summary, None));
            if audit.has_checkpoint {
                tell!(
                    "vigil: its signed checkpoint was not checked: give --key with the store's public key (`vigil audit key`)"
                );
            }
        }
    }
    Ok(0)
}

fn extends(size: u64) -> String {
    format!("; it extends your checkpoint of {size} entries")
}

fn intact(s: &ChainSummary, root: Option<&[u8; 32]>) -> String {
    let root = root.map(|r| format!(", root {}", root_text(r)));
    format!(
        "decision log intact: {} entries{}, head {}",
        s.entries,
        root.unwrap_or_default(),
        s.head
    )
}

fn verify_store(
    cli: &Cli,
    key: Option<VerifierKey>,
    since: Option<&str>,
    expect_head: Option<&str>,
) -> Result<u8, Failure> {
    // Exit 1 is kept for a log that fails: a store that cannot be read is 2.
    let unreadable = |e: Failure| Failure { code: 2, ..e };
    let store = reading_store(cli).map_err(unreadable)?;
    let older = match since {
        None => None,
        Some(note) => {
            let key = match key {
                Some(k) => k,
                None => store.log_key().map_err(Failure::from)?.verifier(),
            };
            Some(
                Checkpoint::open(note, &key)
                    .map_err(|e| Failure::new(1, format!("--since: {e}")))?,
            )
        }
    };
    let extended = older.as_ref().map(|c| c.size);
    let audit = store
        .audit(expect_head, older, chrono::Utc::now())
        .map_err(|e| unreadable(e.into()))?;
    let mut said = match &audit.chain {
        Ok(s) => {
            let mut t = intact(s, Some(&audit.tree.root()));
            if let Some(m) = extended {
                t.push_str(&extends(m));
            }
            t
        }
        Err(b) => broken(b),
    };
    let (cases, claims, accounts, qa) = (
        audit.unexplained.len(),
        audit.claims.len(),
        audit.accounts.len(),
        audit.qa.len(),
    );
    if cases + claims + accounts + qa > 0 {
        // One line each, each made safe on its own: an id or a name cannot forge one.
        for line in audit
            .unexplained
            .iter()
            .map(ToString::to_string)
            .chain(audit.claims.iter().map(ToString::to_string))
            .chain(audit.accounts.iter().map(ToString::to_string))
            .chain(audit.qa.iter().map(ToString::to_string))
        {
            tell!("  {line}");
        }
        let count = |n: usize, what: &str| match n {
            0 => None,
            1 => Some(format!("1 {what} was")),
            n => Some(format!("{n} {what}s were")),
        };
        let changed = [
            count(cases, "case"),
            count(claims, "claim"),
            count(accounts, "account"),
            count(qa, "QA queue entry"),
        ];
        said.push_str(&format!(
            "; but the store does not match it: {} changed behind the log (listed above)",
            changed
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" and ")
        ));
    }
    if audit.holds() {
        say!("{said}");
        Ok(0)
    } else {
        Err(Failure::new(1, said))
    }
}
