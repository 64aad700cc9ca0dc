//! Vigil's domain: bundles, checks, taxonomy, store and decision log, free of any UI.

pub mod access_log;
pub mod account_log;
pub mod accounts;
pub mod agreement;
pub mod applicant_message;
pub mod bundle;
pub mod case_data;
pub mod checkpoint;
pub mod checks;
pub mod decision_log;
pub mod decode_budget;
pub mod demo;
pub mod export;
pub mod export_audit;
pub mod faces;
pub mod hint_explain;
pub mod hints;
pub mod i18n;
pub mod image_file;
pub mod imaging;
pub mod import;
pub mod lifecycle;
pub mod merkle;
pub mod mrz;
pub mod packet;
pub mod policy;
pub mod qa;
pub mod receipt;
pub mod retention;
pub mod search;
pub mod signed_note;
pub mod sla;
pub mod stats;
pub mod store;
pub mod submission;
pub mod taxonomy;
pub mod terminal;
#[cfg(feature = "ui")]
pub mod ui;

/// Helpers for the unit tests.
#[cfg(test)]
pub(crate) mod testing {
    /// A date from its parts, which the test knows to be valid.
    pub fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
    }
}
