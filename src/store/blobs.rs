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
        let blobs = Blobs { root };
        blobs.clean_abandoned()?;
        Ok(blobs)
    }

    /// Removes the partial files an import killed while writing left behind: one nobody
    /// holds locked (a writer locks its file from creation to rename) and older than a
    /// minute (not one whose writer has created but not yet locked it).
    fn clean_abandoned(&self) -> std::io::Result<()> {
        let cutoff = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        for entry in std::fs::read_dir(self.root.join("tmp"))? {
            let path = entry?.path();
            let Ok(file) = std::fs::File::open(&path) else {
                continue;
            };
            let stale = file
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t < cutoff);
            if stale && file.try_lock().is_ok() {
                std::fs::remove_file(&path)?;
            }
        }
        Ok(())
    }

    /// The blobs under `root`, for reading only: nothing is created or changed.
    pub fn at(root: PathBuf) -> Blobs {
        Blobs { root }
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
        // Held until the file is renamed or this process ends: the next open cleans only
        // files nobody holds.
        tmp.as_file().lock()?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        tmp.persist(&dest).map_err(|e| e.error)?;
        // The rename itself must reach the disk before the case that names it is committed.
        if let Some(dir) = dest.parent() {
            std::fs::File::open(dir)?.sync_all()?;
        }
        Ok(sha)
    }

    /// Removes a stored file (a purge's): overwritten with zeros first, so that its bytes
    /// do not linger in the file system's free blocks where it writes in place.
    pub fn remove(&self, sha256: &str) -> std::io::Result<()> {
        let Some(path) = self.path(sha256) else {
            return Ok(());
        };
        match std::fs::metadata(&path) {
            Ok(meta) => {
                let mut f = std::fs::OpenOptions::new().write(true).open(&path)?;
                std::io::copy(
                    &mut std::io::Read::take(std::io::repeat(0), meta.len()),
                    &mut f,
                )?;
                f.sync_all()?;
                std::fs::remove_file(&path)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }

    pub fn read(&self, sha256: &str) -> std::io::Result<Vec<u8>> {
        let path = self.path(sha256).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a SHA-256")
        })?;
        std::fs::read(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, SystemTime};

    #[test]
    fn partial_files_of_a_killed_import_are_cleaned_at_the_next_open() {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let root = tmp.path().join("blobs");
        let blobs = Blobs::open(root.clone()).expect("opened");
        let sha = blobs.put(b"a whole image").expect("stored");
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        // Left by a killed import: nobody holds it.
        let abandoned = root.join("tmp/.tmpKILLED");
        std::fs::write(&abandoned, b"half an ima").expect("written");
        // Being written by a live import this moment: locked.
        let live = tempfile::NamedTempFile::new_in(root.join("tmp")).expect("created");
        live.as_file().lock().expect("locked");
        // Just created by a writer that has not locked it yet.
        let fresh = root.join("tmp/.tmpFRESH");
        std::fs::write(&fresh, b"").expect("written");
        for old in [&abandoned, &live.path().to_path_buf()] {
            std::fs::File::options()
                .write(true)
                .open(old)
                .and_then(|f| f.set_modified(an_hour_ago))
                .expect("aged");
        }
        let reopened = Blobs::open(root.clone()).expect("reopened");
        assert!(!abandoned.exists());
        assert!(live.path().exists());
        assert!(fresh.exists());
        assert_eq!(reopened.read(&sha).expect("read"), b"a whole image");
    }
}
