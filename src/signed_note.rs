//! Ed25519 signed notes (C2SP signed-note, Go's `sumdb/note`): the store's log key, its
//! public form an auditor keeps, and signing and opening notes (checkpoints) with them.
//!
//! Key texts are Go's: the verifier key `NAME+HASH+BASE64(0x01 || public key)` and the signer
//! key `PRIVATE+KEY+NAME+HASH+BASE64(0x01 || seed)`, where HASH is the key id in hex: the
//! first 4 bytes of `SHA-256(NAME || "\n" || 0x01 || public key)`. A signature line is
//! `— NAME BASE64(key id || signature)`, the signature over the note's text.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// The algorithm byte of Ed25519 in key texts and key ids.
const ED25519: u8 = 0x01;
const SIGNATURE_PREFIX: &str = "\u{2014} ";
const PRIVATE_PREFIX: &str = "PRIVATE+KEY+";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoteError {
    #[error("not a key: {0}")]
    Key(String),
    #[error("not a signed note: {0}")]
    Format(String),
    #[error("the note is not signed by the key {0}")]
    Unsigned(String),
    #[error("the signature by {0} does not verify: the note was changed or the signature forged")]
    BadSignature(String),
}

fn key_id(name: &str, public: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update(b"\n");
    h.update([ED25519]);
    h.update(public.as_bytes());
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// A key name is one line of text without spaces or `+` (both separate fields).
fn check_name(name: &str) -> Result<(), NoteError> {
    if name.is_empty() || name.contains(|c: char| c.is_whitespace() || c == '+') {
        return Err(NoteError::Key(format!(
            "the name `{name}` is empty or has spaces or `+`"
        )));
    }
    Ok(())
}

/// The 33 bytes `0x01 || key` of a key text, checked against the name's key id.
fn key_bytes(name: &str, id_hex: &str, b64: &str) -> Result<[u8; 32], NoteError> {
    check_name(name)?;
    let raw = B64
        .decode(b64.trim())
        .map_err(|e| NoteError::Key(format!("the key is not base64: {e}")))?;
    match raw.split_first() {
        Some((&ED25519, rest)) => rest
            .try_into()
            .map_err(|_| NoteError::Key(format!("{} key bytes, not 32", rest.len()))),
        _ => Err(NoteError::Key("not an Ed25519 key".into())),
    }
    .and_then(|bytes| {
        if id_hex.len() == 8 && id_hex.chars().all(|c| c.is_ascii_hexdigit()) {
            Ok(bytes)
        } else {
            Err(NoteError::Key(format!("`{id_hex}` is not a key id")))
        }
    })
}

/// The store's signing key (private: kept in a 0600 file or the team's database).
pub struct LogKey {
    name: String,
    key: SigningKey,
}

impl std::fmt::Debug for LogKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "LogKey({})", self.name)
    }
}

impl LogKey {
    /// A new key; its name (and so the log's origin) is made from the public key, so that
    /// two stores' logs never share one.
    pub fn generate() -> LogKey {
        use argon2::password_hash::rand_core::{OsRng, RngCore};
        let mut seed = [0u8; 32];
        OsRng.fill_bytes(&mut seed);
        let key = SigningKey::from_bytes(&seed);
        let fingerprint = Sha256::digest(key.verifying_key().as_bytes());
        LogKey {
            name: format!("vigil.log/{}", hex::encode(&fingerprint[..8])),
            key,
        }
    }

    /// Reads the signer key text `PRIVATE+KEY+NAME+HASH+BASE64`.
    pub fn parse(text: &str) -> Result<LogKey, NoteError> {
        let rest = text
            .trim()
            .strip_prefix(PRIVATE_PREFIX)
            .ok_or_else(|| NoteError::Key("a signer key starts with PRIVATE+KEY+".into()))?;
        let mut parts = rest.splitn(3, '+');
        let (Some(name), Some(id), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::Key("expected PRIVATE+KEY+NAME+HASH+KEY".into()));
        };
        let key = SigningKey::from_bytes(&key_bytes(name, id, b64)?);
        let log_key = LogKey {
            name: name.to_owned(),
            key,
        };
        if hex::encode(log_key.verifier().id) != id.to_ascii_lowercase() {
            return Err(NoteError::Key("the key id does not match the key".into()));
        }
        Ok(log_key)
    }

    /// The signer key text, for the key file.
    pub fn to_text(&self) -> String {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.key.as_bytes());
        format!(
            "{PRIVATE_PREFIX}{}+{}+{}",
            self.name,
            hex::encode(self.verifier().id),
            B64.encode(bytes)
        )
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn verifier(&self) -> VerifierKey {
        let public = self.key.verifying_key();
        VerifierKey {
            id: key_id(&self.name, &public),
            name: self.name.clone(),
            key: public,
        }
    }

    /// The signed note of `text` (one or more lines, each ending in a newline).
    pub fn sign(&self, text: &str) -> String {
        let sig = self.key.sign(text.as_bytes());
        let mut bytes = self.verifier().id.to_vec();
        bytes.extend_from_slice(&sig.to_bytes());
        format!(
            "{text}\n{SIGNATURE_PREFIX}{} {}\n",
            self.name,
            B64.encode(bytes)
        )
    }
}

/// The public half of a log key, as an auditor keeps it (`vigil audit key`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifierKey {
    name: String,
    id: [u8; 4],
    key: VerifyingKey,
}

impl std::str::FromStr for VerifierKey {
    type Err = NoteError;
    fn from_str(text: &str) -> Result<VerifierKey, NoteError> {
        let mut parts = text.trim().splitn(3, '+');
        let (Some(name), Some(id), Some(b64)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(NoteError::Key("expected NAME+HASH+KEY".into()));
        };
        let key = VerifyingKey::from_bytes(&key_bytes(name, id, b64)?)
            .map_err(|e| NoteError::Key(format!("not an Ed25519 public key: {e}")))?;
        if key.is_weak() {
            return Err(NoteError::Key("a weak Ed25519 key".into()));
        }
        let computed = key_id(name, &key);
        if hex::encode(computed) != id.to_ascii_lowercase() {
            return Err(NoteError::Key("the key id does not match the key".into()));
        }
        Ok(VerifierKey {
            name: name.to_owned(),
            id: computed,
            key,
        })
    }
}

impl std::fmt::Display for VerifierKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut bytes = vec![ED25519];
        bytes.extend_from_slice(self.key.as_bytes());
        write!(
            f,
            "{}+{}+{}",
            self.name,
            hex::encode(self.id),
            B64.encode(bytes)
        )
    }
}

impl VerifierKey {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text of a signed note if this key signed it (strict Ed25519 verification);
    /// other keys' signatures on it are ignored.
    pub fn open<'a>(&self, note: &'a str) -> Result<&'a str, NoteError> {
        let split = note
            .find("\n\n")
            .ok_or_else(|| NoteError::Format("no blank line before the signatures".into()))?;
        let (text, signatures) = (&note[..=split], &note[split + 2..]);
        if !signatures.ends_with('\n') {
            return Err(NoteError::Format("the last line does not end".into()));
        }
        for line in signatures.lines() {
            let Some(sig) = line.strip_prefix(SIGNATURE_PREFIX) else {
                return Err(NoteError::Format(format!(
                    "`{line}` is not a signature line"
                )));
            };
            let Some((name, b64)) = sig.split_once(' ') else {
                return Err(NoteError::Format(format!(
                    "`{line}` is not a signature line"
                )));
            };
            let Ok(bytes) = B64.decode(b64) else {
                return Err(NoteError::Format(format!("`{line}` is not base64")));
            };
            if name != self.name || bytes.len() != 68 || bytes[..4] != self.id {
                continue;
            }
            let sig = Signature::from_slice(&bytes[4..])
                .map_err(|_| NoteError::BadSignature(self.name.clone()))?;
            return self
                .key
                .verify_strict(text.as_bytes(), &sig)
                .map(|()| text)
                .map_err(|_| NoteError::BadSignature(self.name.clone()));
        }
        Err(NoteError::Unsigned(self.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_round_trips_through_its_texts_and_signs_notes_it_alone_opens() {
        let key = LogKey::generate();
        let again = LogKey::parse(&key.to_text()).unwrap();
        assert_eq!(again.verifier(), key.verifier());
        let public: VerifierKey = key.verifier().to_string().parse().unwrap();
        assert_eq!(public, key.verifier());

        let note = key.sign("vigil.log/x\n3\nAAAA\n");
        assert_eq!(public.open(&note), Ok("vigil.log/x\n3\nAAAA\n"));
        // Changed text, another key's signature, a signature moved to another note.
        let changed = note.replacen("\n3\n", "\n4\n", 1);
        assert!(matches!(
            public.open(&changed),
            Err(NoteError::BadSignature(_))
        ));
        let other = LogKey::generate();
        assert!(matches!(
            other.verifier().open(&note),
            Err(NoteError::Unsigned(_))
        ));
        let signature = note.split("\n\n").nth(1).unwrap();
        let moved = format!("vigil.log/x\n4\nAAAA\n\n{signature}");
        assert!(matches!(
            public.open(&moved),
            Err(NoteError::BadSignature(_))
        ));
        assert!(public.open("no blank line\n").is_err());
    }

    #[test]
    fn broken_and_hostile_key_texts_are_refused() {
        let key = LogKey::generate();
        let public = key.verifier().to_string();
        let (name, rest) = public.split_once('+').unwrap();
        for bad in [
            String::new(),
            "+".into(),
            format!("{name}+00000000+{}", rest.split_once('+').unwrap().1),
            format!("bad name+{rest}"),
            format!("{name}+{}", rest.replace('+', "")),
            format!("{public}AAAA"),
            "x".repeat(100_000),
        ] {
            assert!(bad.parse::<VerifierKey>().is_err(), "{bad:.80}");
        }
        assert!(LogKey::parse(&public).is_err());
        assert!(LogKey::parse(&key.to_text().replace("PRIVATE", "private")).is_err());
    }
}
