//! Fuzzing that stays (issue 13), on the stable toolchain: every parser that takes outside
//! bytes is fed mutations of seeds from the demo and the public data for a bounded time.
//! `cargo fuzz` needs nightly, which cannot be had here, and the targets all take plain
//! bytes, so the driver is a mutator in the manner of AFL's havoc stage, seeded and
//! reproducible: `VIGIL_FUZZ_SECONDS` (default 8) is each target's time, `VIGIL_FUZZ_SEED`
//! its seed. Inputs that once failed live in `tests/fuzz/<target>/` and are replayed first.
//! A new failure is written to `target/fuzz-found/` and named in the failure message: add it
//! to `tests/fuzz/<target>/` with the fix.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vigil::image_file::{DecodeLimits, FileKind};

/// The largest input a mutation makes: parsers get bounded input from their callers.
const MAX_INPUT: usize = 1 << 20;
/// An input that takes longer than this is a finding too (a hang in the making).
const SLOW: Duration = Duration::from_secs(5);
/// Pixels the image targets decode at most: enough for every seed, quick to refuse more.
const LIMITS: DecodeLimits = DecodeLimits {
    max_pixels: 4_000_000,
};

struct Target {
    name: &'static str,
    seeds: Vec<Vec<u8>>,
    /// Tokens of the format, spliced in whole: mutations that keep to its grammar.
    tokens: &'static [&'static [u8]],
    run: fn(&[u8]),
}

/// Runs `target`: its regressions, its seeds, then mutations until its time is up. Panics
/// naming the saved input when one fails.
fn fuzz(target: Target) {
    let seconds: u64 = std::env::var("VIGIL_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    let seed: u64 = std::env::var("VIGIL_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2026);
    let regressions = files_in(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fuzz")
            .join(target.name),
    );
    assert!(!target.seeds.is_empty(), "{}: no seeds", target.name);
    for input in regressions.iter().chain(&target.seeds) {
        exercise(&target, input);
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut executions = regressions.len() + target.seeds.len();
    while Instant::now() < deadline {
        let input = mutate(&target, &mut rng);
        exercise(&target, &input);
        executions += 1;
    }
    eprintln!(
        "fuzz {}: {executions} executions in {seconds} s ({} seeds, {} regressions, seed {seed})",
        target.name,
        target.seeds.len(),
        regressions.len()
    );
}

/// Runs one input; a panic or a slow run saves it and fails the test.
fn exercise(target: &Target, input: &[u8]) {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| (target.run)(input)));
    let problem = match outcome {
        Err(_) => "panicked",
        Ok(()) if started.elapsed() > SLOW => "took longer than 5 s",
        Ok(()) => return,
    };
    let found = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-found");
    std::fs::create_dir_all(&found).unwrap();
    let path = found.join(format!("{}-{:08x}", target.name, crc32fast::hash(input)));
    std::fs::write(&path, input).unwrap();
    panic!(
        "fuzz {}: an input {problem}; saved as {}",
        target.name,
        path.display()
    );
}

/// A seed changed by one to eight stacked mutations.
fn mutate(target: &Target, rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut out = target.seeds[rng.random_range(0..target.seeds.len())].clone();
    for _ in 0..rng.random_range(1..=8) {
        let len = out.len();
        let at = if len == 0 {
            0
        } else {
            rng.random_range(0..len)
        };
        match rng.random_range(0..9) {
            0 if len > 0 => out[at] ^= 1 << rng.random_range(0..8),
            1 if len > 0 => out[at] = *pick(rng, &[0x00, 0x01, 0x7F, 0x80, 0xFF, b'\n', b'"']),
            2 if len >= 4 => {
                // A length or offset field set to an edge value, either byte order.
                let v: u32 = *pick(rng, &[0, 1, 0x7FFF, 0xFFFF, 0x7FFF_FFFF, u32::MAX]);
                let at = at.min(len - 4);
                let bytes = if rng.random() {
                    v.to_be_bytes()
                } else {
                    v.to_le_bytes()
                };
                out[at..at + 4].copy_from_slice(&bytes);
            }
            3 if len > 0 => {
                let end = rng.random_range(at..=len.min(at + 64));
                out.drain(at..end);
            }
            4 if len > 0 => {
                let end = rng.random_range(at..=len.min(at + 256));
                let copy = out[at..end].to_vec();
                let to = rng.random_range(0..=len);
                out.splice(to..to, copy);
            }
            5 => {
                let n = rng.random_range(1..=16);
                let bytes: Vec<u8> = (0..n).map(|_| rng.random()).collect();
                out.splice(at..at, bytes);
            }
            6 if !target.tokens.is_empty() => {
                let token = *pick(rng, target.tokens);
                out.splice(at..at, token.iter().copied());
            }
            7 => {
                // Splice: this seed up to here, another from there.
                let other = pick(rng, &target.seeds);
                let from = if other.is_empty() {
                    0
                } else {
                    rng.random_range(0..other.len())
                };
                out.truncate(at);
                out.extend_from_slice(&other[from..]);
            }
            _ => out.truncate(at),
        }
    }
    out.truncate(MAX_INPUT);
    out
}

fn pick<'a, T>(rng: &mut ChaCha8Rng, from: &'a [T]) -> &'a T {
    &from[rng.random_range(0..from.len())]
}

/// The files of `dir` (none when it is absent), in name order.
fn files_in(dir: &Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// The files of the first `bundles` demo bundles whose names end with one of `endings`.
fn demo_files(bundles: u32, endings: &[&str]) -> Vec<Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    crate::common::write_demo(tmp.path(), bundles, 2026).unwrap();
    let mut out = Vec::new();
    for bundle in std::fs::read_dir(tmp.path()).unwrap() {
        for file in std::fs::read_dir(bundle.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if endings.iter().any(|e| path.to_string_lossy().ends_with(e)) {
                out.push(std::fs::read(path).unwrap());
            }
        }
    }
    out.sort();
    out
}

/// The public data's files under `sub` with `ending`, when the data is there.
fn shared_files(sub: &str, ending: &str) -> Vec<Vec<u8>> {
    let Some(data) = crate::common::shared_data() else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data.join(sub))
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| p.to_string_lossy().to_lowercase().ends_with(ending));
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// A JPEG's header and first scan bytes: what the metadata readers and the segment walker
/// read, small enough to mutate quickly.
fn head(bytes: &[u8]) -> Vec<u8> {
    bytes[..bytes.len().min(96 << 10)].to_vec()
}

#[test]
fn fuzz_submission_json() {
    fuzz(Target {
        name: "submission_json",
        seeds: demo_files(6, &["submission.json"]),
        tokens: &[
            b"\"",
            b"{",
            b"}",
            b"[",
            b"]",
            b",",
            b":",
            b"null",
            b"1e999",
            b"-0",
            b"\\u0000",
            b"\\ud800",
            b"\"submitted_at\":\"0000-01-01T00:00:00Z\"",
        ],
        run: |bytes| {
            if let Ok(s) = vigil::submission::Submission::parse(bytes) {
                // What is accepted is usable: every named image has a slot.
                assert!(s.named_images().len() <= 3 + 16);
            }
        },
    });
}

#[test]
fn fuzz_mrz() {
    let mut seeds: Vec<Vec<u8>> = demo_files(6, &["submission.json"])
        .iter()
        .filter_map(|j| serde_json::from_slice::<serde_json::Value>(j).ok())
        .filter_map(|j| j["document"]["mrz"].as_str().map(|m| m.as_bytes().to_vec()))
        .collect();
    if let Some(data) = crate::common::shared_data() {
        let corpus = std::fs::read_to_string(data.join("mrz/mrz_corpus.jsonl")).unwrap_or_default();
        seeds.extend(corpus.lines().filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some(v["mrz"].as_str()?.as_bytes().to_vec())
        }));
    }
    fuzz(Target {
        name: "mrz",
        seeds,
        tokens: &[
            b"<",
            b"<<",
            b"\n",
            b"\r\n",
            b"P<",
            b"I<",
            b"0",
            b"9",
            b"\xc3\xa9",
        ],
        run: |bytes| {
            let text = String::from_utf8_lossy(bytes);
            if let Ok(zone) = vigil::mrz::parse(&text) {
                let _ = format!("{zone:?}");
            }
        },
    });
}

#[test]
fn fuzz_image_metadata() {
    // Files that say something about how they were made: cameras' EXIF, editors' XMP and
    // Photoshop blocks, PNG text (the demo's edited and screenshot cases carry them).
    let mut seeds: Vec<Vec<u8>> = shared_files("exif", ".jpg")
        .iter()
        .map(|b| head(b))
        .collect();
    seeds.extend(demo_files(41, &[".jpg", ".png"]).iter().map(|b| head(b)));
    seeds.retain(|b| {
        [FileKind::Jpeg, FileKind::Png].into_iter().any(|kind| {
            let m = vigil::imaging::metadata::read(b, kind);
            m.camera.is_some() || !m.software.is_empty() || !m.comments.is_empty()
        })
    });
    fuzz(Target {
        name: "image_metadata",
        seeds,
        tokens: &[
            b"\xff\xe1",
            b"Exif\0\0",
            b"MM\0*",
            b"II*\0",
            b"http://ns.adobe.com/xap/1.0/\0",
            b"Photoshop 3.0\08BIM",
            b"tEXt",
            b"iTXt",
            b"zTXt",
            b"<x:xmpmeta",
            b"</rdf:RDF>",
        ],
        run: |bytes| {
            for kind in [FileKind::Jpeg, FileKind::Png] {
                let _ = vigil::imaging::metadata::read(bytes, kind);
            }
        },
    });
}

#[test]
fn fuzz_jpeg_segments_and_image_files() {
    let mut seeds: Vec<Vec<u8>> = demo_files(6, &[".jpg"]).into_iter().take(6).collect();
    seeds.extend(shared_files("exif", ".jpg").iter().map(|b| head(b)));
    fuzz(Target {
        name: "image_files",
        seeds,
        tokens: &[
            b"\xff\xd8",
            b"\xff\xd9",
            b"\xff\xda\x00\x08",
            b"\xff\xc0\x00\x11\x08",
            b"\xff\xc2",
            b"\xff\xdd\x00\x04",
            b"\xff\x00",
            b"\x89PNG\r\n\x1a\n",
            b"IHDR",
            b"IDAT",
        ],
        run: |bytes| {
            let mut end = 0;
            for s in vigil::image_file::jpeg_segments(bytes) {
                assert!(
                    s.end > end && s.end <= bytes.len(),
                    "segments move forward, inside"
                );
                end = s.end;
            }
            let _ = vigil::imaging::examine(bytes, LIMITS);
        },
    });
}

#[test]
fn fuzz_pdf_images() {
    let jpegs = demo_files(6, &[".jpg"]);
    let mut seeds: Vec<Vec<u8>> = jpegs
        .iter()
        .take(3)
        .map(|j| {
            vigil::imaging::pdf::write_scan(
                &[(640, 480, j)],
                "/Producer (Vigil fuzz) /Creator (scanner)",
            )
        })
        .collect();
    seeds.push(vigil::imaging::pdf::write_scan(&[], ""));
    fuzz(Target {
        name: "pdf_images",
        seeds,
        tokens: &[
            b" obj",
            b"endobj",
            b"stream\n",
            b"endstream",
            b"/DCTDecode",
            b"/Filter [/FlateDecode /DCTDecode]",
            b"xref\n",
            b"trailer",
            b"startxref\n",
            b"%%EOF",
            b"/Length 99999999",
            b"<<",
            b">>",
            b" 0 R",
        ],
        run: |bytes| {
            let _ = vigil::imaging::pdf::display_image(bytes, LIMITS);
        },
    });
}

#[test]
fn fuzz_export_readers() {
    let (_tmp, store) = crate::export::store_with_decisions();
    let mut seeds = Vec::new();
    for format in [vigil::export::Format::Jsonl, vigil::export::Format::Csv] {
        let mut out = Vec::new();
        vigil::export::export(&store, vigil::store::TimeRange::default(), format, &mut out)
            .unwrap();
        seeds.push(out);
    }
    fuzz(Target {
        name: "export_readers",
        seeds,
        tokens: &[
            b"\n",
            b"\r\n",
            b",",
            b"\"",
            b"'",
            b"=",
            b"{",
            b"}",
            b"null",
            b"\"seq\":",
            b"\"hash\":\"",
            b";",
        ],
        run: |bytes| {
            // Each entry read back is re-checked by the chain verifier, as `audit verify` does.
            let jsonl = vigil::export::read_jsonl(bytes).map(|e| e.map_err(|e| e.to_string()));
            let csv = vigil::export::read_csv(bytes).map(|e| e.map_err(|e| e.to_string()));
            for rows in [jsonl.collect::<Vec<_>>(), csv.collect()] {
                let rows = rows.into_iter().enumerate().map(|(i, r)| {
                    r.map_err(|problem| vigil::decision_log::ChainBreak::Unreadable {
                        seq: i as u64 + 1,
                        problem,
                    })
                });
                let _ = vigil::decision_log::verify(rows, None);
            }
        },
    });
}

#[test]
fn fuzz_policy_toml() {
    let policy =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/policy.toml")).unwrap();
    fuzz(Target {
        name: "policy_toml",
        seeds: vec![policy],
        tokens: &[
            b"[",
            b"]",
            b"=",
            b"\"",
            b"\n",
            b"[clients.x]",
            b"1e999",
            b"-1",
            b"inf",
            b"nan",
            b"0x10",
        ],
        run: |bytes| {
            let _ = vigil::policy::Policy::parse(&String::from_utf8_lossy(bytes), "fuzz");
        },
    });
}
