//! Vigil's domain: bundles, checks, taxonomy, store and decision log, free of any UI.

pub mod applicant_message;
pub mod bundle;
pub mod checks;
pub mod decision_log;
pub mod demo;
pub mod export;
pub mod hints;
pub mod image_file;
pub mod import;
pub mod lifecycle;
pub mod mrz;
pub mod policy;
pub mod store;
pub mod submission;
pub mod taxonomy;
#[cfg(feature = "ui")]
pub mod ui;
