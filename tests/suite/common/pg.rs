//! A throw-away PostgreSQL server for the tests, started from Debian's `postgresql` binaries
//! in a temporary folder (initdb, then postgres on a Unix socket there, no TCP), one per test
//! process, with a fresh database for each test. As root (CI), the server runs as `nobody`,
//! since PostgreSQL refuses to run as root. A watcher stops the server and removes its folder
//! when the test process ends.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

const HOW_TO_INSTALL: &str = "the PostgreSQL tests need Debian's PostgreSQL server binaries: \
     `apt-get install postgresql` (bash .ci/setup-debian installs them)";

pub struct Server {
    socket_dir: PathBuf,
}

/// The server binaries' folder: the newest `/usr/lib/postgresql/N/bin` with initdb.
fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| {
            let e = e.ok()?;
            let version: u32 = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").is_file().then_some((version, bin))
        })
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A command run as the server's user: `nobody` when the tests run as root.
fn as_server_user(program: &Path) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "nobody", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn start() -> Result<Server, String> {
    let bin = bin_dir().ok_or(HOW_TO_INSTALL)?;
    let dir = tempfile::Builder::new()
        .prefix("vigil-pg-")
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    if is_root() {
        let chown = Command::new("chown")
            .args(["nobody:nogroup"])
            .arg(&dir)
            .status()
            .map_err(|e| e.to_string())?;
        if !chown.success() {
            return Err(format!("chown of {} failed", dir.display()));
        }
    }
    let data = dir.join("data");
    let init = as_server_user(&bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args(["-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"])
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !init.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&init.stderr)
        ));
    }
    // The server, and a watcher that stops it and removes the folder when this process ends.
    let script = format!(
        r#""$1" -D "$2" -k "$3" -c listen_addresses= -c fsync=off -c max_connections=100 >"$3/log" 2>&1 &
pg=$!
while [ -d /proc/{pid} ]; do sleep 0.5; done
kill -INT $pg; wait $pg; rm -rf "$3""#,
        pid = std::process::id()
    );
    let sh = PathBuf::from("/bin/sh");
    as_server_user(&sh)
        .args(["-c", &script, "vigil-pg"])
        .arg(bin.join("postgres"))
        .arg(&data)
        .arg(&dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("starting postgres: {e}"))?;
    // The socket appears before the server accepts connections ("the database system is
    // starting up"): ready is when a connection succeeds.
    let server = Server { socket_dir: dir };
    let started = Instant::now();
    while let Err(e) = postgres::Client::connect(&server.url("postgres"), postgres::NoTls) {
        if started.elapsed() > Duration::from_secs(60) {
            let log = std::fs::read_to_string(server.socket_dir.join("log")).unwrap_or_default();
            return Err(format!(
                "postgres did not accept connections within a minute ({e}): {log}"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(server)
}

/// The test process's server; the PostgreSQL tests fail, saying how to install it, where
/// the binaries are absent (never a silent skip).
pub fn server() -> &'static Server {
    static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
    match SERVER.get_or_init(start) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

impl Server {
    /// A URL for database `db` on this server (the socket folder percent-encoded as host).
    pub fn url(&self, db: &str) -> String {
        let host: String = self
            .socket_dir
            .to_string_lossy()
            .chars()
            .map(|c| match c {
                '/' => "%2F".to_owned(),
                c => c.to_string(),
            })
            .collect();
        format!("postgresql://postgres@{host}/{db}")
    }

    /// A new, empty database for one test.
    pub fn fresh_database(&self) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let db = format!("vigil_test_{}", NEXT.fetch_add(1, Ordering::Relaxed));
        let mut admin = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
            .unwrap_or_else(|e| panic!("connecting to the test server: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE {db}"))
            .unwrap_or_else(|e| panic!("creating {db}: {e}"));
        self.url(&db)
    }
}
