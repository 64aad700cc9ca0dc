//! The Merkle tree of RFC 6962 (§2.1, as restated in RFC 9162) over the log entries' hashes:
//! its root, built leaf by leaf in logarithmic memory, and inclusion proofs.
//!
//! A leaf is `SHA-256(0x00 || entry hash)`, an inner node `SHA-256(0x01 || left || right)`;
//! the tree of n leaves splits at the largest power of two below n.

use sha2::{Digest, Sha256};

pub type Hash = [u8; 32];

/// The root of the empty tree: the hash of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0u8]);
    h.update(data);
    h.finalize().into()
}

pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([1u8]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

/// Why a frontier given from outside (an export's prefix) is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{peaks} subtree hashes cannot stand for the first {size} entries: it takes {expected}")]
pub struct FrontierMismatch {
    pub size: u64,
    pub peaks: usize,
    pub expected: u32,
}

/// The right edge of a tree built leaf by leaf: the roots of its perfect subtrees, largest
/// (leftmost) first, one per bit set in its size. These are nodes of every larger tree, so
/// a frontier stands for the leaves before it: a piece of the log carries its frontier and
/// the root over the whole log is computed from the piece alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    peaks: Vec<Hash>,
}

impl Frontier {
    /// The frontier of the first `size` leaves, from its peaks.
    pub fn from_peaks(size: u64, peaks: Vec<Hash>) -> Result<Frontier, FrontierMismatch> {
        if peaks.len() != size.count_ones() as usize {
            return Err(FrontierMismatch {
                size,
                peaks: peaks.len(),
                expected: size.count_ones(),
            });
        }
        Ok(Frontier { size, peaks })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn peaks(&self) -> &[Hash] {
        &self.peaks
    }

    /// Adds a leaf, given as its `leaf_hash`.
    pub fn push(&mut self, leaf: Hash) {
        let mut node = leaf;
        let mut size = self.size;
        // Each trailing one bit of the size is a perfect subtree as large as the one just
        // completed: merge them.
        while size & 1 == 1 {
            if let Some(left) = self.peaks.pop() {
                node = node_hash(&left, &node);
            }
            size >>= 1;
        }
        self.peaks.push(node);
        self.size += 1;
    }

    /// The tree's root: the peaks folded from the right, as RFC 6962 splits.
    pub fn root(&self) -> Hash {
        let mut peaks = self.peaks.iter().rev();
        match peaks.next() {
            None => empty_root(),
            Some(last) => peaks.fold(*last, |right, left| node_hash(left, &right)),
        }
    }
}

/// The largest power of two smaller than `n` (n ≥ 2): where RFC 6962 splits a tree.
fn split(n: usize) -> usize {
    1 << (usize::BITS - 1 - (n - 1).leading_zeros())
}

/// The root over `leaves` (leaf hashes).
pub fn root(leaves: &[Hash]) -> Hash {
    let mut f = Frontier::default();
    leaves.iter().for_each(|l| f.push(*l));
    f.root()
}

/// The inclusion proof (audit path) of leaf `index` in the tree over `leaves`, from the
/// leaf up; `None` when there is no such leaf.
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Option<Vec<Hash>> {
    if index >= leaves.len() {
        return None;
    }
    let mut proof = Vec::new();
    let (mut lo, mut hi, mut at) = (0, leaves.len(), index);
    // Walk down from the root, noting the sibling subtree at each split; the proof lists
    // them from the leaf up.
    while hi - lo > 1 {
        let k = split(hi - lo);
        if at < k {
            proof.push(root(&leaves[lo + k..hi]));
            hi = lo + k;
        } else {
            proof.push(root(&leaves[lo..lo + k]));
            lo += k;
            at -= k;
        }
    }
    proof.reverse();
    Some(proof)
}

/// Whether `proof` shows leaf `leaf` at `index` in the tree of `size` leaves with root
/// `root` (RFC 9162, §2.1.3.2).
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut f, mut s, mut r) = (index, size - 1, *leaf);
    for p in proof {
        if s == 0 {
            return false;
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            while f & 1 == 0 && f != 0 {
                f >>= 1;
                s >>= 1;
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    s == 0 && r == *root
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The leaves and roots of the Certificate Transparency reference tests.
    const LEAVES: [&[u8]; 8] = [
        b"",
        b"\x00",
        b"\x10",
        b"\x20\x21",
        b"\x30\x31",
        b"\x40\x41\x42\x43",
        b"\x50\x51\x52\x53\x54\x55\x56\x57",
        b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
    ];
    const ROOTS: [&str; 8] = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    fn leaves(n: usize) -> Vec<Hash> {
        (0..n)
            .map(|i| leaf_hash(&(i as u64).to_be_bytes()))
            .collect()
    }

    /// RFC 6962's definition, recursively, to check the leaf-by-leaf frontier against.
    fn reference_root(l: &[Hash]) -> Hash {
        match l.len() {
            0 => empty_root(),
            1 => l[0],
            n => {
                let k = split(n);
                node_hash(&reference_root(&l[..k]), &reference_root(&l[k..]))
            }
        }
    }

    #[test]
    fn roots_match_the_certificate_transparency_vectors() {
        let l: Vec<Hash> = LEAVES.iter().map(|d| leaf_hash(d)).collect();
        for (n, expected) in ROOTS.iter().enumerate() {
            assert_eq!(hex::encode(root(&l[..=n])), *expected, "tree of {}", n + 1);
        }
        assert_eq!(
            hex::encode(empty_root()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn the_frontier_builds_the_reference_root_and_resumes_from_its_peaks() {
        let all = leaves(70);
        for n in 0..=all.len() {
            assert_eq!(root(&all[..n]), reference_root(&all[..n]), "size {n}");
        }
        // A piece of the log after 37 leaves, with the frontier of those 37, gives the root.
        let mut f = Frontier::default();
        all[..37].iter().for_each(|l| f.push(*l));
        let mut resumed = Frontier::from_peaks(37, f.peaks().to_vec()).unwrap();
        all[37..].iter().for_each(|l| resumed.push(*l));
        assert_eq!(resumed.root(), reference_root(&all));
        assert!(Frontier::from_peaks(37, vec![all[0]; 2]).is_err());
    }

    #[test]
    fn inclusion_proofs_verify_and_fail_when_anything_is_changed() {
        for n in 1..=40usize {
            let l = leaves(n);
            let r = root(&l);
            for i in 0..n {
                let p = inclusion_proof(&l, i).unwrap();
                assert!(
                    verify_inclusion(i as u64, n as u64, &l[i], &p, &r),
                    "{i} of {n}"
                );
                let other = (i + 1) % n;
                if other != i {
                    assert!(!verify_inclusion(other as u64, n as u64, &l[i], &p, &r));
                    assert!(!verify_inclusion(i as u64, n as u64, &l[other], &p, &r));
                }
                assert!(!verify_inclusion(n as u64, n as u64, &l[i], &p, &r));
                if let Some(first) = p.first() {
                    let mut bent = p.clone();
                    bent[0] = node_hash(first, first);
                    assert!(!verify_inclusion(i as u64, n as u64, &l[i], &bent, &r));
                    assert!(!verify_inclusion(i as u64, n as u64, &l[i], &p[1..], &r));
                }
            }
            assert!(inclusion_proof(&l, n).is_none());
        }
    }
}
