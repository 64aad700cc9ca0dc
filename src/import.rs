//! Importing bundles and inboxes into the store: every good bundle lands, every bad one is
//! reported with its reason, and one never stops the others.

use crate::bundle::{self, Bundle, BundleError, FileContent};
use crate::checks::{self, HistoryRecord, Related};
use crate::hints::Hint;
use crate::image_file::Inspection;
use crate::policy::{CasePolicy, ClientPolicy, Policy};
use crate::store::{CaseFile, InsertOutcome, NewCase, Store, StoreError};
use crate::submission::SubmissionId;
use chrono::{DateTime, Utc};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Bundles read in parallel before being written, bounding memory on huge inboxes.
const BATCH: usize = 16;

#[derive(Debug, Default)]
pub struct ImportReport {
    pub imported: Vec<String>,
    /// Imported before with the same content: nothing to do.
    pub already_present: Vec<String>,
    /// A folder and why it was refused.
    pub refused: Vec<(PathBuf, String)>,
    /// The store failed (disk full, database locked…): the import stopped here.
    pub aborted: Option<String>,
}

impl ImportReport {
    /// CLI.md: 0 when every bundle imported, 1 when some were refused, 2 when nothing could be read.
    pub fn exit_code(&self) -> u8 {
        if self.imported.is_empty() && self.already_present.is_empty() {
            2
        } else if self.refused.is_empty() && self.aborted.is_none() {
            0
        } else {
            1
        }
    }
}

/// The bundle folders under `paths`: a path holding submission.json is a bundle, any other
/// folder is an inbox whose (non-hidden) sub-folders are bundles.
pub fn discover(paths: &[PathBuf], report: &mut ImportReport) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if bundle::is_bundle(p) {
            out.push(p.clone());
            continue;
        }
        match std::fs::read_dir(p) {
            Ok(entries) => {
                let mut dirs: Vec<PathBuf> = Vec::new();
                for e in entries.filter_map(Result::ok) {
                    if e.file_name().to_string_lossy().starts_with('.') {
                        continue;
                    }
                    // file_type() does not follow links: a linked folder could be anywhere.
                    match e.file_type() {
                        Ok(t) if t.is_dir() => dirs.push(e.path()),
                        Ok(t) if t.is_symlink() && e.path().is_dir() => report.refused.push((
                            e.path(),
                            "is a link to a folder; bundles in an inbox must be real folders"
                                .into(),
                        )),
                        _ => {}
                    }
                }
                dirs.sort();
                if dirs.is_empty() {
                    report.refused.push((
                        p.clone(),
                        "neither a bundle (no submission.json) nor an inbox of bundles".into(),
                    ));
                }
                out.extend(dirs);
            }
            Err(e) => report
                .refused
                .push((p.clone(), format!("cannot be read: {e}"))),
        }
    }
    out
}

/// Imports every bundle found under `paths`. A store failure stops the import but keeps the
/// report of what was done.
pub fn import_paths(
    store: &mut dyn Store,
    policy: &Policy,
    paths: &[PathBuf],
    now: DateTime<Utc>,
) -> ImportReport {
    let mut report = ImportReport::default();
    let dirs = discover(paths, &mut report);
    'batches: for batch in dirs.chunks(BATCH) {
        let read: Vec<_> = batch
            .par_iter()
            .map(|d| bundle::read_bundle(d, |client| policy.for_client(client)))
            .collect();
        for r in read {
            match r {
                Err(e) => report
                    .refused
                    .push((e.bundle.clone(), e.problem.to_string())),
                Ok(b) => match store_bundle(store, policy, &b, now) {
                    Ok(InsertOutcome::Inserted) => {
                        report.imported.push(b.submission.id.to_string())
                    }
                    Ok(InsertOutcome::AlreadyPresent) => {
                        report.already_present.push(b.submission.id.to_string())
                    }
                    // A conflicting id, or a stored case its history cannot read back: this
                    // bundle is refused and the inbox goes on.
                    Err(e @ (StoreError::IdConflict { .. } | StoreError::Corrupt(_))) => {
                        report.refused.push((b.dir.clone(), e.to_string()))
                    }
                    Err(e) => {
                        report.aborted = Some(format!("{}: {e}", b.dir.display()));
                        break 'batches;
                    }
                },
            }
        }
    }
    report
}

/// The other cases in `store` that go by one of `numbers`, each once. Import runs this for
/// each bundle just before storing it, so it sees every case stored before, including those
/// of the same import.
pub fn history(
    store: &dyn Store,
    id: &SubmissionId,
    numbers: &[String],
) -> Result<Vec<HistoryRecord>, StoreError> {
    let mut out: Vec<HistoryRecord> = Vec::new();
    for number in numbers {
        for r in store.document_history(number)? {
            if r.case_id != id.as_str() && !out.iter().any(|o| o.case_id == r.case_id) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

/// What `store` holds of other cases that bears on `b`: the history of its document numbers
/// and the stored images near each of its images.
pub fn related(
    store: &dyn Store,
    b: &Bundle,
    policy: &ClientPolicy,
) -> Result<Related, StoreError> {
    let numbers = checks::document_numbers(&b.submission);
    let mut images = Vec::new();
    for f in &b.files {
        if let FileContent::Read {
            analysis: Some(a), ..
        } = &f.content
            && checks::compared(f.slot)
        {
            for m in store.similar_images(a.phash, policy.images.reuse_max_distance)? {
                if m.case_id != b.submission.id.as_str() {
                    images.push((f.slot, m));
                }
            }
        }
    }
    Ok(Related {
        history: history(store, &b.submission.id, &numbers)?,
        images,
    })
}

/// Copies the bundle's files into the store, then records the case in one transaction.
pub fn store_bundle(
    store: &mut dyn Store,
    policy: &Policy,
    b: &Bundle,
    now: DateTime<Utc>,
) -> Result<InsertOutcome, StoreError> {
    let client_policy = policy.for_client(&b.submission.client);
    let mut files = Vec::with_capacity(b.files.len());
    for f in &b.files {
        let mut cf = CaseFile {
            slot: f.slot,
            name: f.name.clone(),
            sha256: None,
            kind: None,
            size: None,
            width: None,
            height: None,
            phash: None,
        };
        if let FileContent::Read {
            bytes,
            inspection,
            analysis,
            ..
        } = &f.content
        {
            cf.sha256 = Some(store.put_blob(bytes)?);
            cf.phash = analysis.as_ref().map(|a| a.phash);
            cf.size = Some(bytes.len() as u64);
            match inspection {
                Inspection::Image {
                    kind,
                    width,
                    height,
                } => {
                    cf.kind = Some(*kind);
                    cf.width = Some(*width);
                    cf.height = Some(*height);
                }
                Inspection::Pdf => cf.kind = Some(crate::image_file::FileKind::Pdf),
                Inspection::Broken { kind, .. } => cf.kind = Some(*kind),
                Inspection::Unsupported { .. } => {}
            }
        }
        files.push(cf);
    }
    let related = related(store, b, &client_policy)?;
    let case = NewCase {
        submission: b.submission.clone(),
        fingerprint: b.fingerprint.clone(),
        files,
        hints: checks::run(b, &client_policy, &related),
        policy: CasePolicy {
            source: policy.source().to_owned(),
            client: b.submission.client.clone(),
        }
        .label(),
        document_numbers: checks::document_numbers(&b.submission),
    };
    store.insert_case(&case, now)
}

#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error("reading the history of the document from the store: {0}")]
    Store(#[from] StoreError),
}

/// Reads one bundle for `vigil check` and runs every check, without storing anything; the
/// history and reused-image checks use `store` when there is one.
pub fn check_bundle(
    dir: &Path,
    policy: &Policy,
    store: Option<&dyn Store>,
) -> Result<(Bundle, Vec<Hint>), CheckError> {
    let b = bundle::read_bundle(dir, |client| policy.for_client(client))?;
    let client_policy = policy.for_client(&b.submission.client);
    let related = match store {
        Some(store) => related(store, &b, &client_policy)?,
        None => Related::default(),
    };
    let hints = checks::run(&b, &client_policy, &related);
    Ok((b, hints))
}
