//! dlib's face recognition ResNet (`dlib_face_recognition_resnet_model_v1`, CC0): a 150 × 150
//! aligned face chip to a 128-D descriptor; descriptors of one person lie within about 0.6 of
//! each other. The weights are read from dlib's own file and the network is run with rten's
//! operators, so no C++ is built.
//!
//! dlib's definition (dnn_face_recognition_ex.cpp), input side last:
//! `fc_no_bias<128, avg_pool_everything<level0<level1<level2<level3<level4<max_pool<3,3,2,2,
//! relu<affine<con<32,7,7,2,2, input_rgb_image_sized<150>>>>>>>>>>>>`, where the levels are
//! residual blocks of 256, 256 × 3, 128 × 3, 64 × 4 and 32 × 3 filters, the first block of
//! each level but the last halving the size. A block is `relu(x' + affine(con3(relu(affine(
//! con3(x))))))`, x' being x itself or its 2 × 2 average when the block halves the size.

use super::FaceError;
use super::dlib_format::{DlibTensor, Reader};
use super::models::RESNET;
use image::RgbImage;
use rten::BufferPool;
use rten::ops::{self, Padding};
use rten_tensor::prelude::*;
use rten_tensor::{NdTensor, Tensor};

/// The chip size the network was trained on.
pub(super) const CHIP: u32 = 150;
/// dlib's `input_rgb_image` subtracts these channel means and divides by 256.
const MEANS: [f32; 3] = [122.782, 117.001, 104.298];
const DIMS: usize = 128;
/// Residual blocks in the network (3 + 4 + 3 + 3 + 1).
const BLOCKS: usize = 14;

/// A convolution with dlib's batch-norm replacement (`affine`) folded into it.
struct Conv {
    /// `[filters, channels, rows, cols]`.
    kernel: Tensor<f32>,
    bias: NdTensor<f32, 1>,
    stride: usize,
    pad: usize,
}

struct Block {
    first: Conv,
    second: Conv,
}

pub(super) struct Embedder {
    stem: Conv,
    blocks: Vec<Block>,
    /// `[inputs, outputs]` = 256 × 128.
    fc: NdTensor<f32, 2>,
}

fn bad(message: impl Into<String>) -> FaceError {
    FaceError::BadModel {
        name: RESNET,
        message: message.into(),
    }
}

fn failed(e: impl std::fmt::Display) -> FaceError {
    FaceError::Inference {
        name: RESNET,
        message: e.to_string(),
    }
}

const CON: &str = "con_4";
const AFFINE: &str = "affine_";
const FC: &str = "fc_2";

impl Embedder {
    pub fn parse(bytes: &[u8]) -> Result<Embedder, FaceError> {
        let mut r = Reader::new(bytes);
        let mut convs = Vec::with_capacity(1 + 2 * BLOCKS);
        while let Some(layer) = r.next_layer(&[CON, FC]) {
            if layer == FC {
                let fc = read_fc(&mut r)?;
                if convs.len() != 1 + 2 * BLOCKS {
                    return Err(bad(format!("{} convolutions, expected 29", convs.len())));
                }
                let mut convs = convs.into_iter();
                let stem = convs.next().ok_or_else(|| bad("no convolution"))?;
                let mut blocks = Vec::with_capacity(BLOCKS);
                while let (Some(first), Some(second)) = (convs.next(), convs.next()) {
                    blocks.push(Block { first, second });
                }
                return Ok(Embedder { stem, blocks, fc });
            }
            let conv = read_conv(&mut r)?;
            if r.next_layer(&[AFFINE]).is_none() {
                return Err(bad("a convolution without its affine layer"));
            }
            convs.push(fold_affine(conv, r.tensor()?)?);
        }
        Err(bad("no fully connected layer"))
    }

    /// The descriptor of an aligned `CHIP` × `CHIP` face.
    pub fn embed(&self, chip: &RgbImage) -> Result<[f32; DIMS], FaceError> {
        let pool = BufferPool::new();
        let side = CHIP as usize;
        let mut input = Vec::with_capacity(3 * side * side);
        for (c, mean) in MEANS.iter().enumerate() {
            input.extend(chip.pixels().map(|p| (f32::from(p.0[c]) - mean) / 256.0));
        }
        let x = Tensor::from_data(&[1, 3, side, side], input);
        let x = relu(self.stem.run(&pool, &x)?);
        let mut x = ops::max_pool(
            &pool,
            x.view(),
            &[3, 3],
            &[2, 2],
            Padding::zero::<2>(),
            Default::default(),
        )
        .map_err(failed)?;
        for block in &self.blocks {
            let y = relu(block.first.run(&pool, &x)?);
            let y = block.second.run(&pool, &y)?;
            let skip = if block.first.stride == 1 {
                x
            } else {
                ops::average_pool(
                    &pool,
                    x.view(),
                    &[2, 2],
                    &[2, 2],
                    Padding::zero::<2>(),
                    false,
                    Default::default(),
                )
                .map_err(failed)?
            };
            x = relu(add_padded(&y, &skip)?);
        }
        let pooled = ops::global_average_pool(&pool, x.view()).map_err(failed)?;
        let features: Vec<f32> = pooled.iter().copied().collect();
        let [inputs, outputs] = self.fc.shape();
        if features.len() != inputs || outputs != DIMS {
            return Err(failed(format!(
                "{} features for {inputs} inputs",
                features.len()
            )));
        }
        let mut out = [0f32; DIMS];
        for (o, v) in out.iter_mut().enumerate() {
            *v = features
                .iter()
                .enumerate()
                .map(|(i, f)| f * self.fc[[i, o]])
                .sum();
        }
        Ok(out)
    }
}

impl Conv {
    fn run(&self, pool: &BufferPool, x: &Tensor<f32>) -> Result<Tensor<f32>, FaceError> {
        let p = self.pad;
        ops::conv(
            pool,
            x.view(),
            self.kernel.view(),
            Some(self.bias.view()),
            [p, p, p, p].into(),
            1,
            &[self.stride, self.stride],
            &[1, 1],
        )
        .map_err(failed)
    }
}

fn relu(mut t: Tensor<f32>) -> Tensor<f32> {
    t.apply(|v| v.max(0.0));
    t
}

/// dlib's `add_prev`: the sum over the larger of the two shapes, each input counted as zero
/// where it does not reach (the shortcut has fewer channels, and one level's halving rounds
/// the two paths to different sizes).
fn add_padded(a: &Tensor<f32>, b: &Tensor<f32>) -> Result<Tensor<f32>, FaceError> {
    if a.ndim() != 4 || b.ndim() != 4 {
        return Err(failed("residual of unexpected rank"));
    }
    let (a, b) = (a.nd_view::<4>(), b.nd_view::<4>());
    let (sa, sb) = (a.shape(), b.shape());
    let shape = [0, 1, 2, 3].map(|i| sa[i].max(sb[i]));
    let at = |t: &rten_tensor::NdTensorView<f32, 4>, s: [usize; 4], i: [usize; 4]| {
        if (0..4).all(|d| i[d] < s[d]) {
            t[i]
        } else {
            0.0
        }
    };
    Ok(NdTensor::from_fn(shape, |i| at(&a, sa, i) + at(&b, sb, i)).into_dyn())
}

/// A `con_` layer: its parameters (filters then biases), then its geometry.
fn read_conv(r: &mut Reader) -> Result<Conv, FaceError> {
    let params = r.tensor()?;
    let filters = r.size()?;
    let (rows, cols) = (r.size()?, r.size()?);
    let (stride_y, stride_x) = (r.size()?, r.size()?);
    let (pad_y, pad_x) = (r.size()?, r.size()?);
    if stride_y != stride_x || pad_y != pad_x || filters == 0 {
        return Err(bad("a convolution of unexpected geometry"));
    }
    let per_filter = rows * cols;
    let weights = params.data.len().saturating_sub(filters);
    if per_filter == 0 || weights == 0 || weights % (filters * per_filter) != 0 {
        return Err(bad(format!(
            "convolution parameters of shape {:?}",
            params.shape
        )));
    }
    let channels = weights / (filters * per_filter);
    let mut data = params.data;
    let bias = NdTensor::from_data([filters], data.split_off(weights));
    Ok(Conv {
        kernel: Tensor::from_data(&[filters, channels, rows, cols], data),
        bias,
        stride: stride_y,
        pad: pad_y,
    })
}

/// Folds `affine` (scale then shift per channel, stored as all scales then all shifts) into
/// the convolution before it.
fn fold_affine(mut conv: Conv, affine: DlibTensor) -> Result<Conv, FaceError> {
    let filters = conv.bias.len();
    if affine.data.len() != 2 * filters {
        return Err(bad(format!("affine of shape {:?}", affine.shape)));
    }
    let (gamma, beta) = affine.data.split_at(filters);
    let per_filter = conv.kernel.len() / filters;
    for (f, chunk) in conv
        .kernel
        .data_mut()
        .ok_or_else(|| bad("kernel not contiguous"))?
        .chunks_mut(per_filter)
        .enumerate()
    {
        chunk.iter_mut().for_each(|w| *w *= gamma[f]);
    }
    for f in 0..filters {
        conv.bias[[f]] = conv.bias[[f]] * gamma[f] + beta[f];
    }
    Ok(conv)
}

/// `fc_`: output and input counts, then the `[inputs, outputs]` weights.
fn read_fc(r: &mut Reader) -> Result<NdTensor<f32, 2>, FaceError> {
    let outputs = r.size()?;
    let inputs = r.size()?;
    let params = r.tensor()?;
    if outputs != DIMS || params.data.len() != inputs * outputs {
        return Err(bad(format!(
            "fully connected layer of shape {:?}",
            params.shape
        )));
    }
    Ok(NdTensor::from_data([inputs, outputs], params.data))
}

/// Euclidean distance between two descriptors: dlib's measure, under 0.6 for one person.
pub fn distance(a: &[f32; DIMS], b: &[f32; DIMS]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y) * (x - y))
        .sum::<f32>()
        .sqrt()
}
