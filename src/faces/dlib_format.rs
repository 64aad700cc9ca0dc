//! Reading dlib's serialisation, as far as its face recognition ResNet file needs: compact
//! integers, length-prefixed layer names, and tensors of little-endian floats. The file is a
//! chain of layers from the input up; each layer starts with its name, then its parameters.

use super::FaceError;
use super::models::RESNET;

/// A tensor as dlib stores it: `[num_samples, k, nr, nc]`, row-major.
#[derive(Debug, Clone)]
pub(super) struct DlibTensor {
    pub shape: [usize; 4],
    pub data: Vec<f32>,
}

pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

fn bad(message: String) -> FaceError {
    FaceError::BadModel {
        name: RESNET,
        message,
    }
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], FaceError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| bad(format!("ends early at byte {}", self.pos)))?;
        let out = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(out)
    }

    /// dlib's compact integer: a control byte (low nibble: how many bytes follow, high bit:
    /// negative), then the magnitude little-endian.
    pub fn int(&mut self) -> Result<i64, FaceError> {
        let control = self.take(1)?[0];
        let n = usize::from(control & 0x0F);
        if n > 8 {
            return Err(bad(format!("bad integer at byte {}", self.pos - 1)));
        }
        let magnitude = self
            .take(n)?
            .iter()
            .rev()
            .fold(0u64, |v, &b| (v << 8) | u64::from(b));
        let v = i64::try_from(magnitude).map_err(|_| bad("integer out of range".into()))?;
        Ok(if control & 0x80 != 0 { -v } else { v })
    }

    /// A non-negative integer used as a size or count.
    pub fn size(&mut self) -> Result<usize, FaceError> {
        let v = self.int()?;
        usize::try_from(v).map_err(|_| bad(format!("negative size {v}")))
    }

    /// A tensor (dlib's format version 2: raw little-endian floats).
    pub fn tensor(&mut self) -> Result<DlibTensor, FaceError> {
        let version = self.int()?;
        if version != 2 {
            return Err(bad(format!("tensor format version {version}")));
        }
        let shape = [self.size()?, self.size()?, self.size()?, self.size()?];
        let count = shape
            .iter()
            .try_fold(1usize, |a, &d| a.checked_mul(d))
            .ok_or_else(|| bad("tensor too large".into()))?;
        let raw = self.take(
            count
                .checked_mul(4)
                .ok_or_else(|| bad("tensor too large".into()))?,
        )?;
        let data = raw
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        Ok(DlibTensor { shape, data })
    }

    /// Moves past the next layer named one of `names` and returns that name; None at the end.
    /// A name is stored as its length (a one-byte compact integer) and its bytes. One pass
    /// from here to the nearest name: searching for each name to its own next occurrence read
    /// the whole 22 MB file again for every layer (a second of every start).
    pub fn next_layer(&mut self, names: &[&'static str]) -> Option<&'static str> {
        let rest = &self.bytes[self.pos..];
        let mut from = 0;
        while let Some(i) = rest[from..].iter().position(|&b| b == 1) {
            let at = from + i;
            let after = &rest[at + 1..];
            if let Some(&name) = names.iter().find(|name| {
                after.first() == Some(&(name.len() as u8))
                    && after[1..].starts_with(name.as_bytes())
            }) {
                self.pos += at + 2 + name.len();
                return Some(name);
            }
            from = at + 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_integers_and_tensors() {
        let mut bytes = vec![0x01, 0x80, 0x02, 0x00, 0x01, 0x81, 0x04, 0x00];
        // A 1 × 2 × 1 × 1 tensor.
        bytes.extend([0x01, 0x02, 0x01, 0x01, 0x01, 0x02, 0x01, 0x01, 0x01, 0x01]);
        bytes.extend(1.5f32.to_le_bytes());
        bytes.extend((-2.0f32).to_le_bytes());
        let mut r = Reader::new(&bytes);
        assert_eq!(r.int().unwrap(), 128);
        assert_eq!(r.int().unwrap(), 256);
        assert_eq!(r.int().unwrap(), -4);
        assert_eq!(r.int().unwrap(), 0);
        let t = r.tensor().unwrap();
        assert_eq!(t.shape, [1, 2, 1, 1]);
        assert_eq!(t.data, vec![1.5, -2.0]);
        assert!(r.int().is_err(), "past the end");
    }

    #[test]
    fn layers_are_found_in_file_order() {
        let mut bytes = b"\x01\x07affine_xx\x01\x05con_4".to_vec();
        bytes.push(0x00);
        let mut r = Reader::new(&bytes);
        assert_eq!(r.next_layer(&["con_4", "affine_"]), Some("affine_"));
        assert_eq!(r.next_layer(&["con_4", "affine_"]), Some("con_4"));
        assert_eq!(r.int().unwrap(), 0);
        assert_eq!(r.next_layer(&["con_4", "affine_"]), None);
        // A name cut off by the end of the file, or a lone marker byte at the end.
        for tail in [&b"\x00\x01\x05con_"[..], b"\x01", b"\x01\x05"] {
            assert_eq!(Reader::new(tail).next_layer(&["con_4"]), None, "{tail:?}");
        }
    }
}
