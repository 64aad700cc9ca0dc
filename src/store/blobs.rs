//! Content-addressed file storage: each file lives under its SHA-256, written atomically.

use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Blobs {
    root: PathBuf,
}

impl Blobs {
    pub fn open(root: PathBuf) -> std::io::Result<Blobs> {
        if root.exists() {
            super::private::tree(&root)?;
        }
        super::private::dir(&root)?;
        super::private::dir(&root.join("tmp"))?;
        Ok(Blobs { root })
    }

    /// Only 64 lowercase hex digits name a blob; anything else never reaches the file system.
    pub fn path(&self, sha256: &str) -> Option<PathBuf> {
        let valid = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        valid.then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        let sha = hex::encode(Sha256::digest(bytes));
        let Some(dest) = self.path(&sha) else {
            return Err(std::io::Error::other(
                "hex encoding produced an invalid name",
            ));
        };
        if dest.exists() {
            return Ok(sha);
        }
        if let Some(dir) = dest.parent() {
            super::private::dir(dir)?;
        }
        // Write beside (the temporary file is created 0600, so the blob is private), flush to disk, then rename: a crash never leaves a partial blob.
        let mut tmp = tempfile::NamedTempFile::new_in(self.root.join("tmp"))?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&dest).map_err(|e| e.error)?;
        // The rename itself must reach the disk before the case that names it is committed.
        if let Some(dir) = dest.parent() {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(sha)
    }

    pub fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self.path(sha256).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a SHA-256")
        })?;
        std::fs::read(path)
    }
}
