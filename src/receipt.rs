//! Receipts (C2SP tlog-proof): a self-contained proof that one log entry is in the log under
//! a signed checkpoint, which anyone with the store's public key checks offline.
//!
//! ```text
//! c2sp.org/tlog-proof@v1
//! extra BASE64(the entry as one JSONL line)
//! index SEQ-1
//! BASE64(hash)            the inclusion proof, from the leaf up, one hash a line
//!
//! the signed checkpoint
//! ```

use crate::checkpoint::{self, Checkpoint, CheckpointError, LogBreak, LogCheck};
use crate::decision_log::LogEntry;
use crate::merkle::{self, Hash};
use crate::signed_note::VerifierKey;
use crate::store::{Store, StoreError, TimeRange};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

const HEADER: &str = "c2sp.org/tlog-proof@v1";

/// The longest receipt read: an entry of a few kilobytes and a proof of at most 64 hashes.
pub const MAX_RECEIPT: u64 = 1 << 20;

#[derive(Debug, thiserror::Error)]
pub enum ReceiptError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the decision log is damaged, no receipt was signed: {0}")]
    Log(#[from] LogBreak),
    #[error("the log has no entry {seq}: it has {size}")]
    NoEntry { seq: u64, size: u64 },
    #[error("not a receipt: {0}")]
    Format(String),
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    #[error("the entry in the receipt does not match its hash: it was edited")]
    Edited,
    #[error(
        "the proof does not place entry {seq} under the checkpoint's root: the receipt was altered or is of another log"
    )]
    NotIncluded { seq: u64 },
}

/// The receipt of entry `seq` under a checkpoint of the whole log, signed now. The whole
/// log is read and verified: a damaged log is not vouched for.
pub fn make(store: &dyn Store, seq: u64) -> Result<(String, LogEntry), ReceiptError> {
    let mut check = LogCheck::new(None, None);
    let mut leaves: Vec<Hash> = Vec::new();
    let mut wanted: Option<LogEntry> = None;
    store.for_each_entry(TimeRange::default(), &mut |row| {
        // A break is kept by `check` and reported below.
        if check.push(&row).is_ok()
            && let Ok(e) = row
        {
            leaves.push(checkpoint::leaf(&e));
            if e.seq == seq {
                wanted = Some(e);
            }
        }
        Ok(())
    })?;
    let tree = check.tree().clone();
    check.finish()?;
    let (Some(entry), Some(proof)) = (wanted, merkle::inclusion_proof(&leaves, index(seq)?)) else {
        return Err(ReceiptError::NoEntry {
            seq,
            size: tree.size(),
        });
    };
    let key = store.log_key()?;
    let note = Checkpoint::of(&key, &tree).sign(&key);
    let line = serde_json::to_vec(&entry).map_err(|e| ReceiptError::Format(e.to_string()))?;
    let mut text = format!("{HEADER}\nextra {}\nindex {}\n", B64.encode(line), seq - 1);
    for h in &proof {
        text.push_str(&B64.encode(h));
        text.push('\n');
    }
    Ok((format!("{text}\n{note}"), entry))
}

fn index(seq: u64) -> Result<usize, ReceiptError> {
    seq.checked_sub(1)
        .and_then(|i| usize::try_from(i).ok())
        .ok_or(ReceiptError::NoEntry { seq, size: 0 })
}

/// The entry a receipt proves and the checkpoint it is under, if `key` signed that
/// checkpoint and the proof places the entry in it.
pub fn verify(text: &str, key: &VerifierKey) -> Result<(LogEntry, Checkpoint), ReceiptError> {
    let bad = |why: &str| ReceiptError::Format(why.to_owned());
    let (proof_part, note) = text
        .split_once("\n\n")
        .ok_or_else(|| bad("no blank line before the checkpoint"))?;
    let c = Checkpoint::open(note, key)?;
    let mut lines = proof_part.lines();
    if lines.next() != Some(HEADER) {
        return Err(bad("it does not start with c2sp.org/tlog-proof@v1"));
    }
    let extra = lines
        .next()
        .and_then(|l| l.strip_prefix("extra "))
        .and_then(|b| B64.decode(b).ok())
        .ok_or_else(|| bad("the entry (extra) is missing or not base64"))?;
    let at: u64 = lines
        .next()
        .and_then(|l| l.strip_prefix("index "))
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| bad("the index is missing"))?;
    let proof = lines
        .map(|l| {
            B64.decode(l)
                .ok()
                .and_then(|b| Hash::try_from(b.as_slice()).ok())
                .ok_or_else(|| bad("a proof line is not a base64 hash"))
        })
        .collect::<Result<Vec<Hash>, _>>()?;
    let entry: LogEntry = serde_json::from_slice(&extra)
        .map_err(|e| ReceiptError::Format(format!("the entry does not read: {e}")))?;
    if !entry.content_matches() {
        return Err(ReceiptError::Edited);
    }
    if entry.seq != at + 1
        || !merkle::verify_inclusion(at, c.size, &checkpoint::leaf(&entry), &proof, &c.root)
    {
        return Err(ReceiptError::NotIncluded { seq: entry.seq });
    }
    Ok((entry, c))
}
