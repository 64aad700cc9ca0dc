//! Personal data is readable by the account that runs Vigil only: folders 0700, files 0600,
//! also for stores made before this rule (TEAM.md). Elsewhere than Unix these are no-ops.

use std::io;
use std::path::Path;

#[cfg(unix)]
mod imp {
    use std::fs::{DirBuilder, OpenOptions, Permissions};
    use std::io;
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    use std::path::Path;

    pub const DIR: u32 = 0o700;
    pub const FILE: u32 = 0o600;

    /// Takes every permission of the group and others away, and adds the owner's of `mode`
    /// only where the owner had none: a folder its owner made read-only stays read-only
    /// (and writing then fails plainly) rather than being quietly made writable again.
    pub fn ensure_mode(path: &Path, mode: u32) -> io::Result<()> {
        let meta = std::fs::symlink_metadata(path)?;
        let now = meta.permissions().mode() & 0o777;
        let owner = match now & 0o700 {
            0 => mode & 0o700,
            kept => kept,
        };
        if now != owner {
            std::fs::set_permissions(path, Permissions::from_mode(owner))?;
        }
        Ok(())
    }

    pub fn create_dir(path: &Path) -> io::Result<()> {
        DirBuilder::new().recursive(true).mode(DIR).create(path)
    }

    pub fn create_file(path: &Path) -> io::Result<()> {
        OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(FILE)
            .open(path)
            .map(drop)
    }

    pub fn mode(path: &Path) -> io::Result<u32> {
        Ok(std::fs::symlink_metadata(path)?.permissions().mode() & 0o777)
    }
}

/// Creates `path` (and its parents) if needed, and makes it private.
pub fn dir(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        imp::create_dir(path)?;
        imp::ensure_mode(path, imp::DIR)
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(path)
}

/// Creates the file if it is absent, private from its first byte, and makes it private.
pub fn create_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        imp::create_file(path)?;
        imp::ensure_mode(path, imp::FILE)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// Makes the file private if it exists.
pub fn existing_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    if path.exists() {
        return imp::ensure_mode(path, imp::FILE);
    }
    let _ = path;
    Ok(())
}

/// Makes a folder private, and, when it was not (a store from before this rule), every
/// folder and file under it: done once, since the folder is private afterwards.
pub fn tree(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        if imp::mode(path)? & 0o077 == 0 {
            return Ok(());
        }
        for entry in std::fs::read_dir(path)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_dir() {
                tree(&entry.path())?;
            } else if kind.is_file() {
                imp::ensure_mode(&entry.path(), imp::FILE)?;
            }
        }
        imp::ensure_mode(path, imp::DIR)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}
