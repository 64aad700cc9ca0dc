//! Vigil's integration tests, in one binary: one link instead of one per file keeps the
//! test build small and fast (each binary carries the whole program). Face checks are off
//! in this process (the fixtures' pictures are not faces to judge); `tests/faces.rs` runs
//! with the face models, in a process of its own.
mod common;

mod access_log;
mod accounts;
mod bad_input;
mod checkpoints;
mod cli;
mod decision_log;
mod demo;
mod document_checks;
mod export;
mod fuzz;
mod i18n;
mod image_calibration;
mod lifecycle;
mod mrz_corpus;
mod packet;
mod qa;
mod retention;
mod shared_data;
mod shared_store;
mod sla;
mod spec_contracts;
mod stats;
#[cfg(feature = "ui")]
mod ui;
#[cfg(feature = "ui")]
mod window;
