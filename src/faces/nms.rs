//! Non-maximum suppression: of boxes that overlap too much, keep the most confident.

/// A candidate face box in working-image pixels, corners inclusive as MTCNN computes them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Candidate {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub score: f32,
    /// The network's box corrections, in units of the box's size.
    pub reg: [f32; 4],
}

impl Candidate {
    fn area(&self) -> f32 {
        (self.x2 - self.x1 + 1.0) * (self.y2 - self.y1 + 1.0)
    }
}

/// How overlap is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Overlap {
    /// Intersection over union.
    Union,
    /// Intersection over the smaller box: drops a box nested inside a stronger one, which
    /// union overlap lets through when the sizes differ a lot.
    Min,
}

/// Indices of the boxes kept, most confident first: each box whose overlap with a kept,
/// more confident box exceeds `threshold` is dropped.
pub(super) fn nms(boxes: &[Candidate], threshold: f32, overlap: Overlap) -> Vec<usize> {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|&a, &b| boxes[b].score.total_cmp(&boxes[a].score));
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let b = &boxes[i];
        let clashes = kept.iter().any(|&k| {
            let a = &boxes[k];
            let w = (a.x2.min(b.x2) - a.x1.max(b.x1) + 1.0).max(0.0);
            let h = (a.y2.min(b.y2) - a.y1.max(b.y1) + 1.0).max(0.0);
            let inter = w * h;
            let o = match overlap {
                Overlap::Union => inter / (a.area() + b.area() - inter),
                Overlap::Min => inter / a.area().min(b.area()),
            };
            o > threshold
        });
        if !clashes {
            kept.push(i);
        }
    }
    kept
}

/// Keeps the boxes at `kept`, in that order.
pub(super) fn select(boxes: &[Candidate], kept: &[usize]) -> Vec<Candidate> {
    kept.iter().map(|&i| boxes[i]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(x1: f32, y1: f32, x2: f32, y2: f32, score: f32) -> Candidate {
        Candidate {
            x1,
            y1,
            x2,
            y2,
            score,
            reg: [0.0; 4],
        }
    }

    #[test]
    fn overlapping_boxes_keep_the_most_confident() {
        let boxes = [
            cand(0.0, 0.0, 9.0, 9.0, 0.8),
            cand(1.0, 1.0, 10.0, 10.0, 0.9),
            cand(50.0, 50.0, 59.0, 59.0, 0.7),
        ];
        assert_eq!(nms(&boxes, 0.5, Overlap::Union), vec![1, 2]);
    }

    #[test]
    fn a_nested_box_goes_only_with_min_overlap() {
        let boxes = [
            cand(0.0, 0.0, 99.0, 99.0, 0.9),
            cand(40.0, 40.0, 49.0, 49.0, 0.8),
        ];
        assert_eq!(nms(&boxes, 0.7, Overlap::Union), vec![0, 1]);
        assert_eq!(nms(&boxes, 0.7, Overlap::Min), vec![0]);
    }
}
