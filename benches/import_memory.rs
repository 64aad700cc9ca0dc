//! Peak memory of importing an inbox of bundles whose document photo is a small PNG that
//! declares 49 million pixels (8- and 16-bit): the decode budget (`decode_budget.rs`) keeps
//! the resident peak under 1 GB whatever the number of threads. Each thread count runs in a
//! process of its own, so that each peak is its own. Run with `cargo bench --bench
//! import_memory`; figures are quoted in the issue notes.

use image::ImageEncoder;
use std::path::{Path, PathBuf};
use std::process::Command;
use vigil::import::import_paths;
use vigil::policy::Policy;
use vigil::store::SqliteStore;

const BUNDLES: u32 = 24;
const SIDE: u32 = 7000;
const TARGET_KB: u64 = 1 << 20;

fn main() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--child") {
        let threads: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(2);
        let inbox = PathBuf::from(args.next().expect("the inbox"));
        child(threads, &inbox);
        return;
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let inbox = dir.path().join("inbox");
    build_inbox(&inbox);
    println!("import of {BUNDLES} bundles, each with a {SIDE} × {SIDE} PNG document photo");
    for threads in [1, 2, 8, 32] {
        let out = Command::new(std::env::current_exe().expect("this benchmark"))
            .args(["--child", &threads.to_string()])
            .arg(&inbox)
            .output()
            .expect("the child ran");
        let line = String::from_utf8_lossy(&out.stdout);
        let peak: u64 = line.trim().parse().unwrap_or(u64::MAX);
        println!(
            "  {threads:>2} threads: peak resident {:>4} MB ({}), {}",
            peak / 1024,
            if peak < TARGET_KB {
                "under 1 GB"
            } else {
                "OVER 1 GB"
            },
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
}

/// Imports `inbox` with `threads` threads and prints the process's resident peak (kB).
fn child(threads: usize, inbox: &Path) {
    let data = tempfile::tempdir().expect("a temporary folder");
    let _ = vigil::faces::init(Path::new("/nonexistent/no-face-models"));
    let mut store = SqliteStore::open(data.path()).expect("a store");
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a pool");
    let started = std::time::Instant::now();
    let report = pool.install(|| {
        import_paths(
            &mut store,
            &Policy::builtin(),
            &[inbox.to_path_buf()],
            chrono::Utc::now(),
        )
    });
    assert_eq!(report.imported.len(), BUNDLES as usize, "{report:?}");
    let status = std::fs::read_to_string("/proc/self/status").expect("Linux");
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmHWM");
    println!("{peak}");
    eprintln!("{:.1} s", started.elapsed().as_secs_f64());
}

/// Demo bundles whose document front is a flat 49-megapixel PNG, every other one 16-bit RGBA
/// (8 bytes a pixel decoded): a few hundred kilobytes each on disk.
fn build_inbox(inbox: &Path) {
    vigil::demo::write_demo(inbox, BUNDLES, 7).expect("demo bundles");
    let eight = png(false);
    let sixteen = png(true);
    let mut dirs: Vec<_> = std::fs::read_dir(inbox)
        .expect("the inbox")
        .map(|e| e.expect("an entry").path())
        .collect();
    dirs.sort();
    for (i, d) in dirs.iter().enumerate() {
        std::fs::write(
            d.join("front.png"),
            if i % 2 == 1 { &sixteen } else { &eight },
        )
        .expect("written");
        let path = d.join("submission.json");
        let mut json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&path).expect("read")).expect("JSON");
        json["images"]["document_front"] = "front.png".into();
        std::fs::write(&path, json.to_string()).expect("written");
    }
}

fn png(sixteen_bit: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let encoder = image::codecs::png::PngEncoder::new(&mut out);
    if sixteen_bit {
        let row = vec![0x80u8; SIDE as usize * 8];
        let raw: Vec<u8> = row.repeat(SIDE as usize);
        encoder
            .write_image(&raw, SIDE, SIDE, image::ExtendedColorType::Rgba16)
            .expect("encoded");
    } else {
        let raw = vec![0x80u8; (SIDE * SIDE * 3) as usize];
        encoder
            .write_image(&raw, SIDE, SIDE, image::ExtendedColorType::Rgb8)
            .expect("encoded");
    }
    out
}
