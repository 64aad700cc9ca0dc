//! Writing the decision log as JSONL or CSV (CLI.md), and reading such exports back for
//! auditors who verify a chain outside the store.

use crate::access_log::Access;
use crate::accounts::Credential;
use crate::checkpoint::{Checkpoint, LogCheck};
use crate::decision_log::{ChainBreak, LogEntry};
use crate::merkle::Frontier;
use crate::store::{Store, StoreError, TimeRange, end_scan, ended_scan};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::io::{BufRead, Seek, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

impl Format {
    /// As the access log names it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Jsonl => "JSONL",
            Format::Csv => "CSV",
        }
    }
}

/// The columns: CLI.md's, with TEAM.md's `kind`, `subject` and `change`, and the note's
/// salt and commitment (retention).
pub const CSV_HEADER: [&str; 19] = [
    "seq",
    "kind",
    "submission_id",
    "decided_at",
    "reviewer",
    "outcome",
    "reasons",
    "final",
    "note",
    "hints",
    "handling_ms",
    "applicant_locale",
    "applicant_message",
    "subject",
    "change",
    "note_salt",
    "note_commitment",
    "prev_hash",
    "hash",
];

/// The columns TEAM.md added; exports written before them lack these three.
const AUTHORITY_COLUMNS: [&str; 3] = ["kind", "subject", "change"];

/// The columns retention added; exports written before them lack these two.
const COMMITMENT_COLUMNS: [&str; 2] = ["note_salt", "note_commitment"];

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the export: {0}")]
    Csv(#[from] csv::Error),
    #[error("the decision log is damaged, nothing was exported: {0}")]
    Chain(#[from] ChainBreak),
    #[error("line {line}: {problem}")]
    Parse { line: u64, problem: String },
    #[error("the export could not be recorded in the access log, so none was written: {0}")]
    Unrecorded(StoreError),
}

/// A date bound from the command line: `YYYY-MM-DD` (a whole day, UTC) or an RFC 3339 time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Day(NaiveDate),
    Instant(DateTime<Utc>),
}

impl std::str::FromStr for Bound {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Bound::Day(d));
        }
        DateTime::parse_from_rfc3339(s)
            .map(|t| Bound::Instant(t.with_timezone(&Utc)))
            .map_err(|_| format!("`{s}` is neither a date (YYYY-MM-DD) nor an RFC 3339 time"))
    }
}

/// `--since` includes its whole day; `--until` a date includes that whole day too.
pub fn range(since: Option<Bound>, until: Option<Bound>) -> TimeRange {
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| t.and_utc());
    TimeRange {
        since: since.and_then(|b| match b {
            Bound::Day(d) => start(d),
            Bound::Instant(t) => Some(t),
        }),
        until: until.and_then(|b| match b {
            Bound::Day(d) => d.succ_opt().and_then(start),
            Bound::Instant(t) => Some(t),
        }),
    }
}

/// What an export wrote: how many entries, up to which, and the signed checkpoint it ends
/// with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub entries: u64,
    /// The last entry's number: the checkpoint's size.
    pub last: u64,
    pub checkpoint: String,
}

impl Exported {
    /// This export as the access log records it.
    pub fn access(&self, format: Format) -> Access {
        Access::Exported {
            first: self.last + 1 - self.entries,
            last: self.last,
            format: format.name(),
        }
    }
}

/// The final object of a JSONL export (TEAM.md): the signed checkpoint of its last entry.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckpointLine {
    kind: CheckpointKind,
    checkpoint: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum CheckpointKind {
    Checkpoint,
}

/// The file beside a CSV export that holds its checkpoint.
pub fn checkpoint_path(csv: &std::path::Path) -> std::path::PathBuf {
    let mut name = csv.as_os_str().to_owned();
    name.push(".checkpoint");
    name.into()
}

/// Writes the entries of `range` to `out`, ending a JSONL export with its checkpoint.
/// Stops at the first unreadable or broken entry: a damaged log is not signed.
pub fn export(
    store: &dyn Store,
    range: TimeRange,
    format: Format,
    out: &mut dyn Write,
) -> Result<Exported, ExportError> {
    export_with_progress(store, range, format, out, &mut |_| {})
}

/// Writes the export to `path` atomically: into a temporary file beside it, synced, then
/// renamed, so a failed export leaves nothing half-written; a CSV export's checkpoint goes
/// to `checkpoint_path` the same way, first. `progress` hears the count so far.
pub fn export_to_file(
    store: &dyn Store,
    range: TimeRange,
    format: Format,
    path: &std::path::Path,
    progress: &mut dyn FnMut(u64),
) -> Result<Exported, ExportError> {
    export_held(store, range, format, path, progress)?.put(path)
}

/// As [`export_to_file`], by the account `by` proves, recorded in the access log before its
/// files are put in place: an export the log does not record (the account may not export,
/// the store cannot be written) leaves no file, and whatever was at `path` stays.
pub fn export_recorded(
    store: &mut dyn Store,
    by: &Credential,
    range: TimeRange,
    format: Format,
    path: &std::path::Path,
    progress: &mut dyn FnMut(u64),
) -> Result<(Exported, LogEntry), ExportError> {
    let held = export_held(&*store, range, format, path, progress)?;
    let entry = record(store, by, &held.exported, format)?;
    Ok((held.put(path)?, entry))
}

/// As [`export`] to a stream (standard output), recorded as [`export_recorded`] is: the
/// export is written to an unnamed temporary file first, and only once the access log has
/// it is it copied to `out`, so nothing unrecorded leaves.
pub fn export_recorded_to(
    store: &mut dyn Store,
    by: &Credential,
    range: TimeRange,
    format: Format,
    out: &mut dyn Write,
) -> Result<(Exported, LogEntry), ExportError> {
    let mut held = tempfile::tempfile()?;
    let exported = {
        let mut w = std::io::BufWriter::new(&mut held);
        let exported = export(&*store, range, format, &mut w)?;
        w.flush()?;
        exported
    };
    let entry = record(store, by, &exported, format)?;
    held.seek(std::io::SeekFrom::Start(0))?;
    std::io::copy(&mut held, out)?;
    Ok((exported, entry))
}

/// Records `exported` in the access log as `by`'s.
fn record(
    store: &mut dyn Store,
    by: &Credential,
    exported: &Exported,
    format: Format,
) -> Result<LogEntry, ExportError> {
    store
        .record_access(&exported.access(format), by, Utc::now())
        .map_err(ExportError::Unrecorded)
}

/// An export's files, written whole beside where they go, not in place yet.
struct HeldExport {
    exported: Exported,
    file: Held,
    /// A CSV export's checkpoint.
    sidecar: Option<Held>,
}

impl HeldExport {
    /// Puts the files in place, the checkpoint first: an export never stands without it.
    fn put(self, path: &std::path::Path) -> Result<Exported, ExportError> {
        if let Some(sidecar) = self.sidecar {
            sidecar.put(&checkpoint_path(path))?;
        }
        self.file.put(path)?;
        Ok(self.exported)
    }
}

fn export_held(
    store: &dyn Store,
    range: TimeRange,
    format: Format,
    path: &std::path::Path,
    progress: &mut dyn FnMut(u64),
) -> Result<HeldExport, ExportError> {
    let (file, exported) = write_held(path, &mut |out| {
        export_with_progress(store, range, format, out, progress)
    })?;
    let sidecar = match format {
        Format::Csv => Some(
            write_held(&checkpoint_path(path), &mut |out| {
                Ok(out.write_all(exported.checkpoint.as_bytes())?)
            })?
            .0,
        ),
        Format::Jsonl => None,
    };
    Ok(HeldExport {
        exported,
        file,
        sidecar,
    })
}

/// A file written whole and synced beside where it goes; dropped, it is removed.
struct Held(tempfile::NamedTempFile);

impl Held {
    fn put(self, path: &std::path::Path) -> Result<(), ExportError> {
        self.0.persist(path).map_err(|e| ExportError::Io(e.error))?;
        Ok(())
    }
}

/// A new temporary file beside `path` (removed when dropped).
fn beside(path: &std::path::Path) -> Result<tempfile::NamedTempFile, ExportError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    Ok(tempfile::NamedTempFile::new_in(dir)?)
}

/// Whether a file can be written where `path` goes: asked before an access is recorded,
/// so that a record is not left for a file that could never be written.
pub fn writable(path: &std::path::Path) -> Result<(), ExportError> {
    beside(path).map(drop)
}

/// Writes a temporary file beside `path`, synced, not yet renamed into place.
fn write_held<T>(
    path: &std::path::Path,
    write: &mut dyn FnMut(&mut dyn Write) -> Result<T, ExportError>,
) -> Result<(Held, T), ExportError> {
    let mut tmp = beside(path)?;
    let out = {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        let out = write(&mut w)?;
        w.flush()?;
        out
    };
    tmp.as_file().sync_all()?;
    Ok((Held(tmp), out))
}

/// Writes `path` whole or not at all: into a temporary file beside it, synced, then renamed.
pub fn write_atomically<T>(
    path: &std::path::Path,
    write: &mut dyn FnMut(&mut dyn Write) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let (held, out) = write_held(path, write)?;
    held.put(path)?;
    Ok(out)
}

/// Where a scan of the log stands against the export's range.
enum Scan {
    /// Before the range: entries go into the tree only.
    Before,
    /// In the range, which began after the entries of this frontier.
    In(Frontier),
}

/// As [`export`], calling `progress` with the number of entries written every 1,000 entries.
///
/// The whole log is read and verified from its first entry, so that the checkpoint signs a
/// sound log; the range is the run of entries from the first decided on or after `since` to
/// the last decided before `until`, in log order, so that it verifies as one piece.
pub fn export_with_progress(
    store: &dyn Store,
    range: TimeRange,
    format: Format,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<Exported, ExportError> {
    let key = store.log_key()?;
    let mut check = LogCheck::new(None, None);
    let mut scan = Scan::Before;
    let mut count = 0u64;
    let mut failure: Option<ExportError> = None;
    let mut sink = Sink::new(format, out)?;
    let scanned = store.for_each_entry(TimeRange::default(), &mut |row| {
        let decided_at = row.as_ref().ok().map(|e| e.decided_at);
        if decided_at.is_some_and(|t| range.until.is_some_and(|u| t >= u)) {
            // The range is over: the checkpoint is of the last entry written.
            return Err(end_scan());
        }
        if matches!(scan, Scan::Before)
            && decided_at.is_some_and(|t| range.since.is_none_or(|s| t >= s))
        {
            scan = Scan::In(check.tree().clone());
        }
        let step = check.push(&row).map_err(ExportError::from).and_then(|()| {
            let (Ok(e), Scan::In(_)) = (&row, &scan) else {
                return Ok(false);
            };
            sink.entry(e)?;
            Ok(true)
        });
        match step {
            Ok(written) => {
                count += u64::from(written);
                if written && count.is_multiple_of(1000) {
                    progress(count);
                }
                Ok(())
            }
            Err(e) => {
                failure = Some(e);
                Err(end_scan())
            }
        }
    });
    if let Some(e) = failure {
        return Err(e);
    }
    scanned.or_else(ended_scan)?;
    let tree = check.tree();
    let checkpoint = Checkpoint {
        prefix: Some(match scan {
            Scan::In(before) => before,
            Scan::Before => tree.clone(),
        }),
        ..Checkpoint::of(&key, tree)
    }
    .sign(&key);
    sink.finish(&checkpoint)?;
    Ok(Exported {
        entries: count,
        last: tree.size(),
        checkpoint,
    })
}

/// Where entries are written, in either format. There is one per export.
#[allow(clippy::large_enum_variant)]
enum Sink<'a> {
    Csv(csv::Writer<&'a mut dyn Write>),
    Jsonl {
        out: &'a mut dyn Write,
        line: Vec<u8>,
    },
}

impl<'a> Sink<'a> {
    fn new(format: Format, out: &'a mut dyn Write) -> Result<Sink<'a>, ExportError> {
        Ok(match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(CSV_HEADER)?;
                Sink::Csv(w)
            }
            Format::Jsonl => Sink::Jsonl {
                out,
                line: Vec::new(),
            },
        })
    }

    fn entry(&mut self, e: &LogEntry) -> Result<(), ExportError> {
        match self {
            Sink::Csv(w) => w.write_record(csv_record(e))?,
            Sink::Jsonl { out, line } => {
                line.clear();
                serde_json::to_writer(&mut *line, e).map_err(|err| ExportError::Parse {
                    line: e.seq,
                    problem: err.to_string(),
                })?;
                line.push(b'\n');
                out.write_all(line)?;
            }
        }
        Ok(())
    }

    /// A JSONL export ends with its checkpoint; a CSV export's goes beside it.
    fn finish(self, checkpoint: &str) -> Result<(), ExportError> {
        match self {
            Sink::Csv(mut w) => w.flush()?,
            Sink::Jsonl { out, .. } => {
                let line = CheckpointLine {
                    kind: CheckpointKind::Checkpoint,
                    checkpoint: checkpoint.to_owned(),
                };
                serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }
}

/// A cell as written: text a spreadsheet would run as a formula (starting with `=`, `+`, `-`,
/// `@`, TAB or CR: OWASP's rule) gets a leading `'`, and so does text that already starts
/// with one, so that reading takes exactly one `'` off and the entry hashes as logged.
fn csv_cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) {
        format!("'{text}")
    } else {
        text
    }
}

/// The text of a cell `csv_cell` wrote.
fn csv_text(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

fn csv_record(e: &LogEntry) -> [String; 19] {
    csv_fields(e).map(csv_cell)
}

fn csv_fields(e: &LogEntry) -> [String; 19] {
    let join = |items: Vec<&str>| items.join(";");
    [
        e.seq.to_string(),
        e.kind.to_string(),
        e.submission_id.clone(),
        crate::decision_log::timestamp(e.decided_at),
        e.reviewer.clone(),
        e.outcome.map(|o| o.to_string()).unwrap_or_default(),
        join(e.reasons.iter().map(|r| r.code()).collect()),
        e.is_final.to_string(),
        e.note.clone(),
        join(e.hints.iter().map(|h| h.code()).collect()),
        e.handling_ms.to_string(),
        e.applicant_locale.clone(),
        e.applicant_message.clone(),
        e.subject.clone(),
        e.change.clone(),
        e.note_salt.clone(),
        e.note_commitment.clone(),
        e.prev_hash.clone(),
        e.hash.clone(),
    ]
}

/// The longest line a JSONL export is read with: an entry with every hint of a case is a
/// few kilobytes, so a longer line is no entry, and is not taken into memory whole.
pub const MAX_JSONL_LINE: u64 = 1 << 20;

/// A line of a JSONL export read back: an entry, or the checkpoint it ends with.
/// Lines are read one at a time, nearly all entries: boxing them would gain nothing.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Line {
    Entry(LogEntry),
    Checkpoint(String),
}

/// Reads the entries of a JSONL export back, passing over its checkpoint.
pub fn read_jsonl(input: impl BufRead) -> impl Iterator<Item = Result<LogEntry, ExportError>> {
    read_jsonl_lines(input).filter_map(|line| match line {
        Ok(Line::Entry(e)) => Some(Ok(e)),
        Ok(Line::Checkpoint(_)) => None,
        Err(e) => Some(Err(e)),
    })
}

/// Reads a JSONL export back, line by line. Ends after an I/O error (a failing disk, a
/// folder given for a file), which would otherwise repeat for ever.
pub fn read_jsonl_lines(
    mut input: impl BufRead,
) -> impl Iterator<Item = Result<Line, ExportError>> {
    let mut line = 0u64;
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            line += 1;
            let mut buf = Vec::new();
            match std::io::Read::take(input.by_ref(), MAX_JSONL_LINE + 1)
                .read_until(b'\n', &mut buf)
            {
                Err(e) => {
                    done = true;
                    return Some(Err(ExportError::Io(e)));
                }
                Ok(0) => done = true,
                Ok(_) if buf.len() as u64 > MAX_JSONL_LINE => {
                    done = true;
                    return Some(Err(ExportError::Parse {
                        line,
                        problem: format!("longer than {MAX_JSONL_LINE} bytes: not a log entry"),
                    }));
                }
                Ok(_) if buf.trim_ascii().is_empty() => {}
                Ok(_) => return Some(parse_line(&buf, line)),
            }
        }
        None
    })
}

fn parse_line(buf: &[u8], line: u64) -> Result<Line, ExportError> {
    serde_json::from_slice(buf)
        .map(Line::Entry)
        .or_else(|entry_error| {
            serde_json::from_slice::<CheckpointLine>(buf)
                .map(|c| Line::Checkpoint(c.checkpoint))
                .map_err(|_| ExportError::Parse {
                    line,
                    problem: entry_error.to_string(),
                })
        })
}

/// Whether reading failed in the file system rather than in the file's content.
pub fn is_io_error(e: &ExportError) -> bool {
    match e {
        ExportError::Io(_) => true,
        ExportError::Csv(c) => c.is_io_error(),
        _ => false,
    }
}

/// Reads a CSV export back: this version's columns, or those of an export written before
/// notes had commitments, or before the log had other kinds than decisions.
pub fn read_csv(input: impl std::io::Read) -> impl Iterator<Item = Result<LogEntry, ExportError>> {
    let mut r = csv::Reader::from_reader(input);
    let without = |left_out: &[&str]| -> Vec<&'static str> {
        CSV_HEADER
            .into_iter()
            .filter(|c| !left_out.contains(c))
            .collect()
    };
    let before_commitments = without(&COMMITMENT_COLUMNS);
    let before_authority = without(&[&AUTHORITY_COLUMNS[..], &COMMITMENT_COLUMNS].concat());
    let (columns, header_problem) = match r.headers() {
        Ok(h) => {
            let columns: Option<Vec<&'static str>> =
                [CSV_HEADER.to_vec(), before_commitments, before_authority]
                    .into_iter()
                    .find(|cols| h.iter().eq(cols.iter().copied()));
            let problem = columns.is_none().then(|| ExportError::Parse {
                line: 1,
                problem: format!("expected the header {}", CSV_HEADER.join(",")),
            });
            (columns, problem)
        }
        Err(e) => (None, Some(ExportError::Csv(e))),
    };
    let columns = columns.unwrap_or_default();
    let records = r
        .into_records()
        .enumerate()
        .map(move |(i, rec)| {
            let line = i as u64 + 2;
            let rec = rec?;
            csv_entry(&columns, &rec).map_err(|problem| ExportError::Parse { line, problem })
        })
        // As for JSONL: an I/O error is the last thing read.
        .scan(false, |failed, r| {
            if *failed {
                return None;
            }
            *failed = r.as_ref().is_err_and(is_io_error);
            Some(r)
        });
    header_problem.map(Err).into_iter().chain(records)
}

fn csv_entry(columns: &[&'static str], r: &csv::StringRecord) -> Result<LogEntry, String> {
    if r.len() != columns.len() {
        return Err(format!(
            "{} fields where the header has {}",
            r.len(),
            columns.len()
        ));
    }
    // A column the header lacks (an older export's kind, subject, change) is empty.
    let field = |name: &str| {
        columns
            .iter()
            .position(|c| *c == name)
            .and_then(|i| r.get(i))
            .map_or("", csv_text)
    };
    let list = |name: &str| -> Vec<&str> {
        let f = field(name);
        if f.is_empty() {
            Vec::new()
        } else {
            f.split(';').collect()
        }
    };
    let num = |name: &str| -> Result<u64, String> {
        field(name).parse().map_err(|e| format!("{name}: {e}"))
    };
    let kind = field("kind");
    let outcome = field("outcome");
    Ok(LogEntry {
        seq: num("seq")?,
        kind: if kind.is_empty() {
            Default::default()
        } else {
            kind.parse()?
        },
        submission_id: field("submission_id").to_owned(),
        decided_at: DateTime::parse_from_rfc3339(field("decided_at"))
            .map_err(|e| format!("decided_at: {e}"))?
            .with_timezone(&Utc),
        reviewer: field("reviewer").to_owned(),
        outcome: if outcome.is_empty() {
            None
        } else {
            Some(outcome.parse().map_err(|e| format!("{e}"))?)
        },
        reasons: list("reasons")
            .iter()
            .map(|s| s.parse())
            .collect::<Result<_, _>>()
            .map_err(|e| format!("{e}"))?,
        is_final: field("final").parse().map_err(|e| format!("final: {e}"))?,
        note: field("note").to_owned(),
        hints: list("hints")
            .iter()
            .map(|s| s.parse())
            .collect::<Result<_, _>>()?,
        handling_ms: num("handling_ms")?,
        applicant_locale: field("applicant_locale").to_owned(),
        applicant_message: field("applicant_message").to_owned(),
        subject: field("subject").to_owned(),
        change: field("change").to_owned(),
        note_salt: field("note_salt").to_owned(),
        note_commitment: field("note_commitment").to_owned(),
        prev_hash: field("prev_hash").to_owned(),
        hash: field("hash").to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader whose every read fails, as a dying disk or a folder opened as a file.
    struct Failing;
    impl std::io::Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("I/O error"))
        }
    }

    #[test]
    fn a_failing_reader_ends_the_readers_with_one_io_error() {
        let jsonl: Vec<_> = read_jsonl(std::io::BufReader::new(Failing)).collect();
        assert_eq!(jsonl.len(), 1);
        assert!(is_io_error(jsonl[0].as_ref().unwrap_err()));
        let csv: Vec<_> = read_csv(Failing).take(10).collect();
        assert!(csv.len() <= 2, "{csv:?}");
        assert!(csv.last().unwrap().as_ref().is_err_and(is_io_error));
    }

    #[test]
    fn a_huge_jsonl_line_is_refused_without_reading_it_whole() {
        // 64 MiB of one line, produced as it is read: never held.
        let endless = std::io::Read::take(std::io::repeat(b'{'), 64 << 20);
        let out: Vec<_> = read_jsonl(std::io::BufReader::new(endless)).collect();
        assert_eq!(out.len(), 1);
        match &out[0] {
            Err(ExportError::Parse { line: 1, problem }) => {
                assert!(problem.contains("longer than"), "{problem}")
            }
            other => panic!("{other:?}"),
        }
        // Blank lines are skipped and counted; bytes that are not UTF-8 are a parse error.
        let mixed: Vec<_> = read_jsonl(&b"\n  \n\xff\xfe\n"[..]).collect();
        assert!(
            matches!(&mixed[..], [Err(ExportError::Parse { line: 3, .. })]),
            "{mixed:?}"
        );
    }
}
