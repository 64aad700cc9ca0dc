//! Importing bundles and inboxes into the store: every good bundle lands, every bad one is
//! reported with its reason, and one never stops the others.

use crate::bundle::{self, Bundle, BundleError, FileContent};
use crate::checks::{self, FaceFindings, HistoryRecord, Related};
use crate::hints::{Hint, Slot};
use crate::image_file::{DecodeLimits, Inspection};
use crate::imaging::{self, FaceCopy};
use crate::policy::{CasePolicy, ClientPolicy, Policy};
use crate::store::{CaseFile, InsertOutcome, NewCase, Store, StoreError};
use crate::submission::{Submission, SubmissionId};
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

/// Imports every bundle found under `paths`, each case queued as soon as it is stored. The
/// face checks of each batch run while the next batch is read, and their hints are added
/// before the import returns. A store failure stops the import but keeps the report of what
/// was done.
pub fn import_paths(
    store: &mut dyn Store,
    policy: &Policy,
    paths: &[PathBuf],
    now: DateTime<Utc>,
) -> ImportReport {
    std::thread::scope(|scope| {
        let mut checks = OverlappedChecks {
            scope,
            running: None,
        };
        let mut report = import_batches(store, policy, paths, now, &mut checks);
        if let Err(e) = checks.settle(store)
            && report.aborted.is_none()
        {
            report.aborted = Some(format!("adding the face checks' hints: {e}"));
        }
        report
    })
}

/// Where the intake's face checks go: run beside the import (`import_paths`), or handed to
/// the window's checks thread.
trait ChecksHandOver {
    /// Called when a batch has been read, before it is stored: the hints of the checks run so
    /// far are in the store by then, so that a selfie is compared with every earlier portrait
    /// whatever the batches. Nothing to do for checks that run on their own.
    fn settle(&mut self, _store: &mut dyn Store) -> Result<(), StoreError> {
        Ok(())
    }

    /// Takes the pending checks of the cases a batch stored.
    fn hand_over(
        &mut self,
        store: &mut dyn Store,
        pending: Vec<PendingChecks>,
    ) -> Result<(), StoreError>;
}

/// What finishes a batch's pending checks when they run elsewhere (the window's checks
/// thread): nothing to settle before the next batch is stored.
pub type FinishChecks<'a> =
    dyn FnMut(&mut dyn Store, Vec<PendingChecks>) -> Result<(), StoreError> + 'a;

impl ChecksHandOver for &mut FinishChecks<'_> {
    fn hand_over(
        &mut self,
        store: &mut dyn Store,
        pending: Vec<PendingChecks>,
    ) -> Result<(), StoreError> {
        self(store, pending)
    }
}

/// Working copies of one batch above which its checks are run before the next batch is read
/// rather than beside it: a batch of 2-megapixel bundles holds about 170 MB, a hostile one
/// (sixteen liveness frames each) five times that, which should not be held twice.
const OVERLAP_BYTES: usize = 256 << 20;

/// One batch's face checks running on a thread of their own while the next batch is read
/// (decoding and measuring, on every core): so the working copies of two batches are held
/// at most, and each case's are dropped once its checks have run.
struct OverlappedChecks<'scope, 'env> {
    scope: &'scope std::thread::Scope<'scope, 'env>,
    running: Option<std::thread::ScopedJoinHandle<'scope, Vec<CheckedCase>>>,
}

impl ChecksHandOver for OverlappedChecks<'_, '_> {
    /// Waits for the running batch, if any, and adds its hints to `store`.
    fn settle(&mut self, store: &mut dyn Store) -> Result<(), StoreError> {
        let Some(running) = self.running.take() else {
            return Ok(());
        };
        // The checks catch nothing a panic could come from but a bug: carry it on.
        let done = running
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        record_all(store, done)
    }

    fn hand_over(
        &mut self,
        store: &mut dyn Store,
        pending: Vec<PendingChecks>,
    ) -> Result<(), StoreError> {
        self.settle(store)?;
        let bytes: usize = pending.iter().map(PendingChecks::copy_bytes).sum();
        if bytes > OVERLAP_BYTES {
            return record_all(store, run_all(pending));
        }
        self.running = Some(self.scope.spawn(move || run_all(pending)));
        Ok(())
    }
}

/// Imports like `import_paths`, handing each batch's pending face checks to `then`, which
/// runs them elsewhere (as the window does).
pub fn import_paths_then(
    store: &mut dyn Store,
    policy: &Policy,
    paths: &[PathBuf],
    now: DateTime<Utc>,
    mut then: &mut FinishChecks,
) -> ImportReport {
    import_batches(store, policy, paths, now, &mut then)
}

/// The import itself, batch by batch, each batch's face checks handed to `checks`.
fn import_batches(
    store: &mut dyn Store,
    policy: &Policy,
    paths: &[PathBuf],
    now: DateTime<Utc>,
    checks: &mut dyn ChecksHandOver,
) -> ImportReport {
    let mut report = ImportReport::default();
    let dirs = discover(paths, &mut report);
    // Looked up here, not on the pool: loading the models runs on the pool, and a worker
    // waiting for them there could be the one asked to load them.
    let faces_on = crate::faces::availability().is_ok();
    for batch in dirs.chunks(BATCH) {
        let read: Vec<_> = batch
            .par_iter()
            .map(|d| bundle::read_bundle(d, |client| policy.for_client(client), faces_on))
            .collect();
        if let Err(e) = checks.settle(store) {
            report.aborted = Some(format!("adding the face checks' hints: {e}"));
            break;
        }
        let mut pending = Vec::new();
        for r in read {
            let mut b = match r {
                Ok(b) => b,
                Err(e) => {
                    report
                        .refused
                        .push((e.bundle.clone(), e.problem.to_string()));
                    continue;
                }
            };
            match store_bundle(store, policy, &b, now) {
                Ok(InsertOutcome::Inserted) => {
                    report.imported.push(b.submission.id.to_string());
                    pending.extend(PendingChecks::take(&mut b, policy));
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
                    break;
                }
            }
        }
        // Also after a store failure: the cases stored before it still get their checks.
        if !pending.is_empty()
            && let Err(e) = checks.hand_over(store, pending)
            && report.aborted.is_none()
        {
            report.aborted = Some(format!("adding the face checks' hints: {e}"));
        }
        if report.aborted.is_some() {
            break;
        }
    }
    report
}

/// The face checks still to run on a stored case (`NewCase::checks_running`): they read the
/// working copies kept when its bundle was read, so each image is decoded once, and their
/// hints are added with `Store::complete_checks`.
pub struct PendingChecks {
    pub case_id: String,
    submission: Submission,
    policy: ClientPolicy,
    copies: Vec<(Slot, FaceCopy)>,
}

impl PendingChecks {
    /// Takes the face copies out of `b`; None when there are none (no face models).
    fn take(b: &mut Bundle, policy: &Policy) -> Option<PendingChecks> {
        let copies: Vec<_> = b
            .files
            .iter_mut()
            .filter_map(|f| match &mut f.content {
                FileContent::Read { face_copy, .. } => Some((f.slot, face_copy.take()?)),
                _ => None,
            })
            .collect();
        (!copies.is_empty()).then(|| PendingChecks {
            case_id: b.submission.id.to_string(),
            submission: b.submission.clone(),
            policy: policy.for_client(&b.submission.client),
            copies,
        })
    }

    /// The bytes of its working copies.
    fn copy_bytes(&self) -> usize {
        self.copies.iter().map(|(_, c)| c.rgb.as_raw().len()).sum()
    }

    /// Runs the checks: tens of milliseconds an image, never on the UI thread. The working
    /// copies are dropped here.
    pub fn run(self) -> CheckedCase {
        let copies: Vec<_> = self.copies.iter().map(|(s, c)| (*s, c)).collect();
        let found = checks::face_hints(&copies, &self.policy);
        CheckedCase {
            case_id: self.case_id,
            submission: self.submission,
            policy: self.policy,
            found,
        }
    }
}

/// A stored case's face checks, run, to be added to it.
pub struct CheckedCase {
    pub case_id: String,
    submission: Submission,
    policy: ClientPolicy,
    found: FaceFindings,
}

impl CheckedCase {
    /// Adds the findings to the stored case, with `image.reused` when the document's portrait
    /// is near another applicant's; `false` when its checks were finished already (elsewhere).
    pub fn record(self, store: &mut dyn Store) -> Result<bool, StoreError> {
        let FaceFindings {
            mut hints,
            portrait,
        } = self.found;
        hints.extend(portrait_reuse(
            &*store,
            &self.submission,
            &self.policy,
            portrait.as_ref(),
        )?);
        store.complete_checks(&self.case_id, &hints, portrait.as_ref())
    }
}

/// `image.reused` when `portrait`, the document's, is near another applicant's stored one.
fn portrait_reuse(
    store: &dyn Store,
    submission: &Submission,
    policy: &ClientPolicy,
    portrait: Option<&checks::Portrait>,
) -> Result<Vec<Hint>, StoreError> {
    let Some(p) = portrait else {
        return Ok(Vec::new());
    };
    let max = policy.images.reuse_max_distance;
    let matches = store.similar_images(p.hash, max)?;
    Ok(checks::portrait_reuse_hints(submission, matches, max, p))
}

/// Runs `pending` side by side, on the networks' pool.
fn run_all(pending: Vec<PendingChecks>) -> Vec<CheckedCase> {
    crate::faces::on_pool(|| pending.into_par_iter().map(PendingChecks::run).collect())
}

/// Adds each case's findings to `store`, in order.
fn record_all(store: &mut dyn Store, done: Vec<CheckedCase>) -> Result<(), StoreError> {
    for d in done {
        d.record(store)?;
    }
    Ok(())
}

/// How long a case's checks may run before an import runs them again from its stored images:
/// the import that stored it stopped (killed, crashed) before finishing them.
pub const STALE_CHECKS: chrono::Duration = chrono::Duration::minutes(5);

/// Runs again the checks of the cases whose import stopped before finishing them (running
/// since before `now - STALE_CHECKS`), decoding their stored images; how many were finished.
/// Without the face models they are left running, as nothing can finish them.
pub fn rerun_stale_checks(
    store: &mut dyn Store,
    policy: &Policy,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    if crate::faces::availability().is_err() {
        return Ok(0);
    }
    let ids = store.stale_checks(now - STALE_CHECKS)?;
    for batch in ids.chunks(BATCH) {
        let mut pending = Vec::new();
        for id in batch {
            let Some(record) = store.case(id)? else {
                continue;
            };
            let policy = policy.for_client(&record.submission.client);
            let limits = DecodeLimits {
                max_pixels: policy.max_image_pixels,
            };
            let mut copies = Vec::new();
            for f in record.files.iter().filter(|f| checks::face_checked(f.slot)) {
                if let Some(sha) = &f.sha256
                    && let Some(copy) = imaging::examine(&store.read_blob(sha)?, limits).face_copy
                {
                    copies.push((f.slot, copy));
                }
            }
            pending.push(PendingChecks {
                case_id: id.clone(),
                submission: record.submission,
                policy,
                copies,
            });
        }
        record_all(store, run_all(pending))?;
    }
    Ok(ids.len())
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
        let mut cf = CaseFile::named(f.slot, &f.name);
        if let FileContent::Read {
            bytes,
            inspection,
            analysis,
            ..
        } = &f.content
        {
            cf.sha256 = Some(store.put_blob(bytes)?);
            // A document front's hash is its portrait's, set when the face checks find it.
            cf.phash = analysis
                .as_ref()
                .filter(|_| checks::compared(f.slot))
                .map(|a| a.phash);
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
        checks_running: !checks::face_copies(b).is_empty(),
        due_at: client_policy.due_at(b.submission.submitted_at),
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

/// Reads one bundle for `vigil check` and runs every check, the face checks included,
/// without storing anything; the history and reused-image checks use `store` when there is
/// one.
pub fn check_bundle(
    dir: &Path,
    policy: &Policy,
    store: Option<&dyn Store>,
) -> Result<(Bundle, Vec<Hint>), CheckError> {
    let faces_on = crate::faces::availability().is_ok();
    let b = bundle::read_bundle(dir, |client| policy.for_client(client), faces_on)?;
    let client_policy = policy.for_client(&b.submission.client);
    let related = match store {
        Some(store) => related(store, &b, &client_policy)?,
        None => Related::default(),
    };
    let mut hints = checks::run(&b, &client_policy, &related);
    let found = checks::face_hints(&checks::face_copies(&b), &client_policy);
    hints.extend(found.hints);
    if let Some(store) = store {
        hints.extend(portrait_reuse(
            store,
            &b.submission,
            &client_policy,
            found.portrait.as_ref(),
        )?);
    }
    Ok((b, hints))
}
