//! Signed checkpoints of the decision log (C2SP tlog-checkpoint): the log's origin, its size
//! and the RFC 6962 root over its entries' hashes, signed with the store's log key; and the
//! tree recomputed as a log or an export is read, to hold it to a checkpoint.
//!
//! A checkpoint at the end of an export that starts after the log's first entry carries one
//! extension line, `prefix SIZE HASH...`: the frontier (`merkle::Frontier`) of the entries
//! before it, so that the export alone recomputes the root over the whole log.

use crate::decision_log::{ChainBreak, ChainSummary, ChainVerifier, LogEntry};
use crate::merkle::{self, Frontier, FrontierMismatch, Hash};
use crate::signed_note::{LogKey, NoteError, VerifierKey};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;

const PREFIX_LINE: &str = "prefix ";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckpointError {
    #[error(transparent)]
    Note(#[from] NoteError),
    #[error("not a checkpoint: {0}")]
    Format(String),
    #[error("the checkpoint is of the log {found}, not of {expected}: it is from another store")]
    Origin { expected: String, found: String },
    #[error(transparent)]
    Frontier(#[from] FrontierMismatch),
}

/// What a checkpoint says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    /// The frontier of the entries before an export that starts later than the first.
    pub prefix: Option<Frontier>,
}

impl Checkpoint {
    /// The checkpoint of `tree`, in the log `key` signs.
    pub fn of(key: &LogKey, tree: &Frontier) -> Checkpoint {
        Checkpoint {
            origin: key.name().to_owned(),
            size: tree.size(),
            root: tree.root(),
            prefix: None,
        }
    }

    /// The note text (C2SP tlog-checkpoint), each line ending in a newline.
    pub fn text(&self) -> String {
        let mut text = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            B64.encode(self.root)
        );
        if let Some(p) = self.prefix.as_ref().filter(|p| p.size() > 0) {
            let peaks: Vec<String> = p.peaks().iter().map(|h| B64.encode(h)).collect();
            text.push_str(&format!("{PREFIX_LINE}{} {}\n", p.size(), peaks.join(" ")));
        }
        text
    }

    pub fn sign(&self, key: &LogKey) -> String {
        key.sign(&self.text())
    }

    /// The checkpoint in `note` if `key` signed it for its own log.
    pub fn open(note: &str, key: &VerifierKey) -> Result<Checkpoint, CheckpointError> {
        let c = Checkpoint::parse(key.open(note)?)?;
        if c.origin != key.name() {
            return Err(CheckpointError::Origin {
                expected: key.name().to_owned(),
                found: c.origin,
            });
        }
        Ok(c)
    }

    /// What a checkpoint says, its signature not checked: where a piece of the log starts,
    /// for a check of the chain alone, without the key.
    pub fn read_unverified(note: &str) -> Result<Checkpoint, CheckpointError> {
        Checkpoint::parse(note.split_once("\n\n").map_or(note, |(text, _)| text))
    }

    fn parse(text: &str) -> Result<Checkpoint, CheckpointError> {
        let bad = |why: &str| CheckpointError::Format(why.to_owned());
        let mut lines = text.lines();
        let origin = lines.next().filter(|o| !o.is_empty());
        let size = lines.next();
        let root = lines.next();
        let (Some(origin), Some(size), Some(root)) = (origin, size, root) else {
            return Err(bad("it takes an origin, a size and a root hash"));
        };
        if size.len() > 1 && size.starts_with('0') {
            return Err(bad("the size has leading zeros"));
        }
        let size: u64 = size.parse().map_err(|_| bad("the size is not a number"))?;
        let root = decode_hash(root)?;
        let mut prefix = None;
        for line in lines {
            if let Some(rest) = line.strip_prefix(PREFIX_LINE) {
                let mut fields = rest.split(' ');
                let n: u64 = fields
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or_else(|| bad("the prefix line has no size"))?;
                let peaks = fields.map(decode_hash).collect::<Result<Vec<_>, _>>()?;
                if n > size {
                    return Err(bad("the prefix is longer than the log"));
                }
                prefix = Some(Frontier::from_peaks(n, peaks)?);
            }
        }
        Ok(Checkpoint {
            origin: origin.to_owned(),
            size,
            root,
            prefix,
        })
    }
}

fn decode_hash(b64: &str) -> Result<Hash, CheckpointError> {
    B64.decode(b64)
        .ok()
        .and_then(|b| Hash::try_from(b.as_slice()).ok())
        .ok_or_else(|| CheckpointError::Format(format!("`{b64:.60}` is not a base64 hash")))
}

/// The leaf of an entry: its hash's 32 bytes (the hex text itself if it is not hex, which
/// the chain refuses first).
pub fn leaf(e: &LogEntry) -> Hash {
    match hex::decode(&e.hash) {
        Ok(bytes) => merkle::leaf_hash(&bytes),
        Err(_) => merkle::leaf_hash(e.hash.as_bytes()),
    }
}

/// Why a log or an export does not match a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TreeBreak {
    #[error(
        "the entries do not hash to the signed root of {size} entries: an entry was edited, inserted or removed and the chain recomputed"
    )]
    Root { size: u64 },
    #[error(
        "the log does not extend the checkpoint of {size} entries: its first {size} entries were edited, removed or re-hashed since"
    )]
    NotExtended { size: u64 },
    #[error(
        "the log ends at {found} entries, before the {size} of the checkpoint: entries were removed from its end"
    )]
    Cut { size: u64, found: u64 },
    #[error(
        "the export has {found} entries, more than the {size} its checkpoint signs: entries were added after it"
    )]
    Longer { size: u64, found: u64 },
    #[error(
        "the export starts after entry {starts_after}, later than the checkpoint of {size} entries: an export from earlier is needed to check it"
    )]
    StartsLater { size: u64, starts_after: u64 },
}

/// The chain and the tree over a log (or a piece of one) as it is read, in log order: the
/// chain names the first bad entry; the tree holds the whole to signed checkpoints.
#[derive(Debug)]
pub struct LogCheck {
    chain: ChainVerifier,
    broken: Option<ChainBreak>,
    tree: Frontier,
    /// An older checkpoint the log must extend, and whether it did, once reached.
    since: Option<(Checkpoint, Option<Result<(), TreeBreak>>)>,
}

impl LogCheck {
    /// For a whole log, from its first entry.
    pub fn new(expected_head: Option<&str>, since: Option<Checkpoint>) -> LogCheck {
        LogCheck::after(Frontier::default(), expected_head, since)
    }

    /// For a piece of a log that starts after the entries `prefix` stands for; its first
    /// entry's link to the one before is taken as read: the tree covers it.
    pub fn after(
        prefix: Frontier,
        expected_head: Option<&str>,
        since: Option<Checkpoint>,
    ) -> LogCheck {
        let mut check = LogCheck {
            chain: ChainVerifier::starting_at(prefix.size() + 1, expected_head),
            broken: None,
            tree: prefix,
            since: since.map(|c| (c, None)),
        };
        check.reached();
        check
    }

    /// Checks the next row; the first break is kept (and returned), the rows after it ignored.
    pub fn push(&mut self, row: &Result<LogEntry, ChainBreak>) -> Result<(), ChainBreak> {
        if let Some(b) = &self.broken {
            return Err(b.clone());
        }
        let pushed = match row {
            Ok(e) => self.chain.push(e).map(|()| leaf(e)),
            Err(b) => Err(b.clone()),
        };
        match pushed {
            Ok(l) => {
                self.tree.push(l);
                self.reached();
                Ok(())
            }
            Err(b) => {
                self.broken = Some(b.clone());
                Err(b)
            }
        }
    }

    /// Compares the tree with the older checkpoint when it has that checkpoint's size.
    fn reached(&mut self) {
        let size = self.tree.size();
        if let Some((c, seen @ None)) = &mut self.since {
            if c.size == size {
                *seen = Some(if self.tree.root() == c.root {
                    Ok(())
                } else {
                    Err(TreeBreak::NotExtended { size })
                });
            } else if c.size < size {
                *seen = Some(Err(TreeBreak::StartsLater {
                    size: c.size,
                    starts_after: size,
                }));
            }
        }
    }

    /// The tree as read so far: its size and root.
    pub fn tree(&self) -> &Frontier {
        &self.tree
    }

    /// The chain's verdict, then the older checkpoint's.
    pub fn finish(self) -> Result<ChainSummary, LogBreak> {
        if let Some(b) = self.broken {
            return Err(LogBreak::Chain(b));
        }
        let summary = self.chain.finish()?;
        match self.since {
            Some((_, Some(Err(b)))) => Err(b.into()),
            Some((c, None)) => Err(LogBreak::Tree(TreeBreak::Cut {
                size: c.size,
                found: self.tree.size(),
            })),
            _ => Ok(summary),
        }
    }
}

/// A log that fails its audit: its chain, or against a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LogBreak {
    #[error(transparent)]
    Chain(#[from] ChainBreak),
    #[error(transparent)]
    Tree(#[from] TreeBreak),
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    #[error(
        "the export ends without its checkpoint: it was cut short, or written by a Vigil without checkpoints"
    )]
    Unsigned,
}

impl LogBreak {
    /// The first bad entry, where one is named.
    pub fn seq(&self) -> Option<u64> {
        match self {
            LogBreak::Chain(b) => Some(b.seq()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed(text: &str) -> (LogKey, String) {
        let key = LogKey::generate();
        let note = key.sign(&text.replace("ORIGIN", key.name()));
        (key, note)
    }

    #[test]
    fn a_checkpoint_round_trips_with_its_prefix() {
        let key = LogKey::generate();
        let mut prefix = Frontier::default();
        (0..5u8).for_each(|i| prefix.push(merkle::leaf_hash(&[i])));
        let c = Checkpoint {
            origin: key.name().to_owned(),
            size: 9,
            root: merkle::leaf_hash(b"root"),
            prefix: Some(prefix),
        };
        let note = c.sign(&key);
        assert!(note.contains("\nprefix 5 "), "{note}");
        assert_eq!(Checkpoint::open(&note, &key.verifier()), Ok(c));
    }

    #[test]
    fn broken_and_hostile_checkpoints_are_refused() {
        let root = B64.encode([7u8; 32]);
        for text in [
            "ORIGIN\n".to_owned(),
            format!("ORIGIN\n012\n{root}\n"),
            format!("ORIGIN\n-1\n{root}\n"),
            format!("ORIGIN\n99999999999999999999999\n{root}\n"),
            "ORIGIN\n3\nnot base64!\n".to_owned(),
            format!("ORIGIN\n3\n{}\n", B64.encode([7u8; 31])),
            format!("ORIGIN\n3\n{root}\nprefix 4 {root}\n"),
            format!("ORIGIN\n3\n{root}\nprefix 2 {root} {root}\n"),
            format!("ORIGIN\n3\n{root}\nprefix x\n"),
            format!("ORIGIN\n3\n{root}\nprefix 2 {}\n", "A".repeat(100_000)),
        ] {
            let (key, note) = signed(&text);
            assert!(
                matches!(
                    Checkpoint::open(&note, &key.verifier()),
                    Err(CheckpointError::Format(_) | CheckpointError::Frontier(_))
                ),
                "{text:.80}"
            );
        }
        // Another log's checkpoint, signed with this key's name swapped: refused by origin.
        let (key, note) = signed(&format!("elsewhere/log\n3\n{root}\n"));
        assert!(matches!(
            Checkpoint::open(&note, &key.verifier()),
            Err(CheckpointError::Origin { .. })
        ));
        // Unknown extension lines are passed over, as C2SP asks.
        let (key, note) = signed(&format!("ORIGIN\n3\n{root}\nsomething else\n"));
        assert_eq!(Checkpoint::open(&note, &key.verifier()).unwrap().size, 3);
    }
}
