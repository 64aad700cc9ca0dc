//! Verifying an export offline (`audit verify --file`): its chain from its first entry, and
//! with the store's public key its signed checkpoint, which the entries must hash to, and
//! an older checkpoint of the auditor's, which they must extend.

use crate::checkpoint::{Checkpoint, LogBreak, LogCheck, TreeBreak};
use crate::decision_log::{ChainBreak, ChainSummary};
use crate::export::{self, ExportError, Line};
use crate::merkle::Frontier;
use crate::signed_note::VerifierKey;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Why an export could not be read at all (as opposed to found broken).
#[derive(Debug, thiserror::Error)]
#[error("cannot read {path}: {error}")]
pub struct ReadError {
    path: String,
    error: std::io::Error,
}

/// What an export's audit found.
#[derive(Debug)]
pub struct FileAudit {
    pub chain: Result<ChainSummary, LogBreak>,
    /// The export's own checkpoint, when a key was given and it holds.
    pub signed: Option<Checkpoint>,
    /// Whether the export carries a checkpoint at all.
    pub has_checkpoint: bool,
    /// The size of the older checkpoint the export extends, when one was given and held.
    pub extends: Option<u64>,
}

/// Verifies the export at `path` (CSV if it ends in `.csv`, else JSONL). With `key`, its
/// checkpoint must be signed by it, and `since` (an older checkpoint's note) must be
/// extended by it.
pub fn audit_file(
    path: &Path,
    key: Option<&VerifierKey>,
    since: Option<&str>,
    expect_head: Option<&str>,
) -> Result<FileAudit, ReadError> {
    let shown = path.display().to_string();
    let io = |error: std::io::Error| ReadError {
        path: shown.clone(),
        error,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let note = if is_csv {
        match std::fs::read_to_string(export::checkpoint_path(path)) {
            Ok(n) => Some(n),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io(e)),
        }
    } else {
        last_line_checkpoint(&mut file).map_err(io)?
    };
    let has_checkpoint = note.is_some();
    let refused = |b: LogBreak| FileAudit {
        chain: Err(b),
        signed: None,
        has_checkpoint,
        extends: None,
    };
    let (signed, older) = match key {
        None => (None, None),
        Some(k) => {
            let Some(note) = &note else {
                return Ok(refused(LogBreak::Unsigned));
            };
            let opened = Checkpoint::open(note, k).and_then(|own| {
                let older = since.map(|n| Checkpoint::open(n, k)).transpose()?;
                Ok((Some(own), older))
            });
            match opened {
                Ok(both) => both,
                Err(e) => return Ok(refused(LogBreak::Checkpoint(e))),
            }
        }
    };
    // Without the key, a range export's chain is checked from its first entry all the same,
    // where its (unverified) checkpoint says the range starts.
    let unverified = || {
        note.as_deref()
            .and_then(|n| Checkpoint::read_unverified(n).ok())
    };
    let prefix = match &signed {
        Some(c) => c.prefix.clone(),
        None => unverified().and_then(|c| c.prefix),
    }
    .unwrap_or_default();
    let extends = older.as_ref().map(|c| c.size);
    let mut check = LogCheck::after(prefix, expect_head, older);
    let entries: Box<dyn Iterator<Item = Result<Line, ExportError>>> = if is_csv {
        Box::new(export::read_csv(file).map(|r| r.map(Line::Entry)))
    } else {
        Box::new(export::read_jsonl_lines(std::io::BufReader::new(file)))
    };
    let mut ended = false;
    for (i, item) in entries.enumerate() {
        let row = match item {
            Err(err) if export::is_io_error(&err) => return Err(io(std::io::Error::other(err))),
            Err(err) => Err(ChainBreak::Unreadable {
                seq: check.tree().size() + 1,
                problem: err.to_string(),
            }),
            Ok(Line::Checkpoint(_)) => {
                ended = true;
                continue;
            }
            Ok(Line::Entry(_)) if ended => Err(ChainBreak::Unreadable {
                seq: check.tree().size() + 1,
                problem: format!(
                    "line {} follows the checkpoint, which ends the export",
                    i + 1
                ),
            }),
            Ok(Line::Entry(e)) => Ok(e),
        };
        if check.push(&row).is_err() {
            break;
        }
    }
    let tree = check.tree().clone();
    let chain = check.finish().and_then(|summary| match &signed {
        Some(c) => holds_to(&tree, c).map(|()| summary),
        None => Ok(summary),
    });
    Ok(FileAudit {
        chain,
        signed,
        has_checkpoint,
        extends,
    })
}

/// Whether the entries read make the tree `c` signs.
fn holds_to(tree: &Frontier, c: &Checkpoint) -> Result<(), LogBreak> {
    let found = tree.size();
    let broken = if found < c.size {
        Some(TreeBreak::Cut {
            size: c.size,
            found,
        })
    } else if found > c.size {
        Some(TreeBreak::Longer {
            size: c.size,
            found,
        })
    } else {
        (tree.root() != c.root).then_some(TreeBreak::Root { size: c.size })
    };
    broken.map_or(Ok(()), |b| Err(b.into()))
}

/// A checkpoint line is a few kilobytes: it is looked for in the file's last part only.
const TAIL: u64 = 64 * 1024;

/// The checkpoint a JSONL export ends with, read from its last line.
fn last_line_checkpoint(file: &mut std::fs::File) -> std::io::Result<Option<String>> {
    let len = file.metadata()?.len();
    file.seek(SeekFrom::Start(len.saturating_sub(TAIL)))?;
    let mut tail = Vec::new();
    file.take(TAIL).read_to_end(&mut tail)?;
    file.seek(SeekFrom::Start(0))?;
    let last = tail
        .split(|b| *b == b'\n')
        .rev()
        .find(|l| !l.trim_ascii().is_empty());
    Ok(last.and_then(|l| match export::read_jsonl_lines(l).next() {
        Some(Ok(Line::Checkpoint(note))) => Some(note),
        _ => None,
    }))
}

/// A checkpoint's note from a file: a checkpoint file, or an export that ends with one.
pub fn read_checkpoint(path: &Path) -> std::io::Result<String> {
    let mut file = std::fs::File::open(path)?;
    if let Some(note) = last_line_checkpoint(&mut file)? {
        return Ok(note);
    }
    let mut text = String::new();
    file.take(TAIL).read_to_string(&mut text)?;
    Ok(text)
}
