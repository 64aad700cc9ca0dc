//! Writing the decision log as JSONL or CSV (CLI.md), and reading such exports back for
//! auditors who verify a chain outside the store.

use crate::decision_log::{ChainBreak, LogEntry};
use crate::store::{Store, StoreError, TimeRange};
use chrono::{DateTime, NaiveDate, Utc};
use std::io::{BufRead, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Jsonl,
    Csv,
}

/// The columns: CLI.md's, with TEAM.md's `kind`, `subject` and `change`.
pub const CSV_HEADER: [&str; 17] = [
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
    "prev_hash",
    "hash",
];

/// The columns TEAM.md added; exports written before them lack these three.
const AUTHORITY_COLUMNS: [&str; 3] = ["kind", "subject", "change"];

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

/// Writes the entries of `range` to `out`; returns how many. Stops at the first unreadable row.
pub fn export(
    store: &dyn Store,
    range: TimeRange,
    format: Format,
    out: &mut dyn Write,
) -> Result<u64, ExportError> {
    export_with_progress(store, range, format, out, &mut |_| {})
}

/// Writes the export to `path` atomically: into a temporary file beside it, synced, then
/// renamed, so a failed export leaves nothing half-written. `progress` hears the count so far.
pub fn export_to_file(
    store: &dyn Store,
    range: TimeRange,
    format: Format,
    path: &std::path::Path,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, ExportError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    let count = {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        let n = export_with_progress(store, range, format, &mut w, progress)?;
        w.flush()?;
        n
    };
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| ExportError::Io(e.error))?;
    Ok(count)
}

/// As [`export`], calling `progress` with the number of entries written every 1,000 entries.
pub fn export_with_progress(
    store: &dyn Store,
    range: TimeRange,
    format: Format,
    out: &mut dyn Write,
    progress: &mut dyn FnMut(u64),
) -> Result<u64, ExportError> {
    let mut count = 0u64;
    let mut failure: Option<ExportError> = None;
    // The scan stops with a stand-in error when writing fails; the real cause is in `failure`.
    let scan = match format {
        Format::Jsonl => store.for_each_entry(range, &mut |row| {
            let line = row.map_err(ExportError::from).and_then(|e| {
                let mut bytes = serde_json::to_vec(&e).map_err(|err| ExportError::Parse {
                    line: e.seq,
                    problem: err.to_string(),
                })?;
                bytes.push(b'\n');
                out.write_all(&bytes)?;
                Ok(())
            });
            stop_on(line, &mut failure, &mut count, progress)
        }),
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut *out);
            w.write_record(CSV_HEADER)?;
            let scan = store.for_each_entry(range, &mut |row| {
                let written = row
                    .map_err(ExportError::from)
                    .and_then(|e| Ok(w.write_record(csv_record(&e))?));
                stop_on(written, &mut failure, &mut count, progress)
            });
            if failure.is_none() && scan.is_ok() {
                w.flush()?;
            }
            scan
        }
    };
    match failure {
        Some(e) => Err(e),
        None => scan.map(|()| count).map_err(ExportError::from),
    }
}

/// Keeps the first failure and stops the scan by returning an error the store passes back.
fn stop_on(
    r: Result<(), ExportError>,
    failure: &mut Option<ExportError>,
    count: &mut u64,
    progress: &mut dyn FnMut(u64),
) -> Result<(), StoreError> {
    match r {
        Ok(()) => {
            *count += 1;
            if count.is_multiple_of(1000) {
                progress(*count);
            }
            Ok(())
        }
        Err(e) => {
            *failure = Some(e);
            Err(StoreError::Corrupt("export stopped".into()))
        }
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

fn csv_record(e: &LogEntry) -> [String; 17] {
    csv_fields(e).map(csv_cell)
}

fn csv_fields(e: &LogEntry) -> [String; 17] {
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
        e.prev_hash.clone(),
        e.hash.clone(),
    ]
}

/// The longest line a JSONL export is read with: an entry with every hint of a case is a
/// few kilobytes, so a longer line is no entry, and is not taken into memory whole.
pub const MAX_JSONL_LINE: u64 = 1 << 20;

/// Reads a JSONL export back. Ends after an I/O error (a failing disk, a folder given for a
/// file), which would otherwise repeat for ever.
pub fn read_jsonl(mut input: impl BufRead) -> impl Iterator<Item = Result<LogEntry, ExportError>> {
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
                Ok(_) => {
                    return Some(
                        serde_json::from_slice(&buf).map_err(|e| ExportError::Parse {
                            line,
                            problem: e.to_string(),
                        }),
                    );
                }
            }
        }
        None
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
/// the log had other kinds than decisions.
pub fn read_csv(input: impl std::io::Read) -> impl Iterator<Item = Result<LogEntry, ExportError>> {
    let mut r = csv::Reader::from_reader(input);
    let older: Vec<&'static str> = CSV_HEADER
        .into_iter()
        .filter(|c| !AUTHORITY_COLUMNS.contains(c))
        .collect();
    let (columns, header_problem) = match r.headers() {
        Ok(h) => {
            let columns: Option<Vec<&'static str>> = [CSV_HEADER.to_vec(), older]
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
