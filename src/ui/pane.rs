//! One image pane: fit, zoom around the cursor, pan, 1:1, quarter turns, and hint regions
//! outlined on the pixels they concern.

use super::evidence::{ImageView, PaneImage};
use eframe::egui::{self, Color32, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

/// How one pane looks at its image. `zoom` is screen points per image pixel; None fits.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ViewState {
    pub zoom: Option<f32>,
    /// The point of the (turned) image at the pane's centre.
    pub center: Option<Vec2>,
    /// Clockwise quarter turns.
    pub turns: u8,
}

const MIN_ZOOM: f32 = 0.02;
const MAX_ZOOM: f32 = 32.0;

impl ViewState {
    fn turned_size(&self, size: Vec2) -> Vec2 {
        if self.turns % 2 == 1 {
            vec2(size.y, size.x)
        } else {
            size
        }
    }

    /// An image pixel position in the turned image's coordinates.
    fn turn(&self, p: Vec2, size: Vec2) -> Vec2 {
        match self.turns % 4 {
            1 => vec2(size.y - p.y, p.x),
            2 => vec2(size.x - p.x, size.y - p.y),
            3 => vec2(p.y, size.x - p.x),
            _ => p,
        }
    }

    pub fn fit_scale(&self, rect: Rect, size: Vec2) -> f32 {
        let t = self.turned_size(size);
        (rect.width() / t.x).min(rect.height() / t.y).max(MIN_ZOOM)
    }

    pub fn scale(&self, rect: Rect, size: Vec2) -> f32 {
        self.zoom.unwrap_or_else(|| self.fit_scale(rect, size))
    }

    fn centre(&self, size: Vec2) -> Vec2 {
        self.center.unwrap_or(self.turned_size(size) / 2.0)
    }

    /// Where image pixel `p` lands on screen.
    pub fn screen_pos(&self, rect: Rect, size: Vec2, p: Vec2) -> Pos2 {
        rect.center() + (self.turn(p, size) - self.centre(size)) * self.scale(rect, size)
    }

    /// Zooms by `factor`, keeping the image point under `anchor` where it is.
    pub fn zoom_by(&mut self, rect: Rect, size: Vec2, factor: f32, anchor: Pos2) {
        let scale = self.scale(rect, size);
        let new = (scale * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let under = self.centre(size) + (anchor - rect.center()) / scale;
        self.center = Some(under - (anchor - rect.center()) / new);
        self.zoom = Some(new);
    }

    pub fn pan(&mut self, rect: Rect, size: Vec2, delta: Vec2) {
        let scale = self.scale(rect, size);
        self.center = Some(self.centre(size) - delta / scale);
    }

    pub fn fit(&mut self) {
        self.zoom = None;
        self.center = None;
    }

    pub fn actual_size(&mut self, pixels_per_point: f32) {
        self.zoom = Some(1.0 / pixels_per_point);
    }

    pub fn rotate(&mut self) {
        self.turns = (self.turns + 1) % 4;
        self.center = None;
    }
}

/// What a pane should outline: an image region `[x, y, w, h]` in image pixels.
pub type Region = [f32; 4];

pub struct PaneOutput {
    pub response: egui::Response,
}

/// How a pane is drawn beyond its image and view.
pub struct Look {
    /// The selected hint's region on this image, outlined.
    pub region: Option<Region>,
    pub active: bool,
    /// A JPEG shown as its Error Level Analysis.
    pub error_levels: bool,
    /// The pane's title, in the reviewer's language.
    pub title: String,
}

/// Draws `image` in `rect` with `view`, handling wheel zoom and drag pan; outlines the
/// look's region.
pub fn show(
    ui: &mut egui::Ui,
    rect: Rect,
    image: &PaneImage,
    view: &mut ViewState,
    look: Look,
) -> PaneOutput {
    let Look {
        region,
        active,
        error_levels,
        title,
    } = look;
    let id = ui
        .scope_id()
        .with(("pane", image.slot.to_string(), image.from_case.as_deref()));
    let response = ui.interact(rect, id, Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_gray(24));
    match &image.view {
        ImageView::Unavailable(why) => {
            // Wrapped to the pane: a liveness pane at the smallest window is narrow.
            let text = painter.layout(
                format!("{}\n{why}", image.name),
                egui::FontId::proportional(14.0),
                Color32::from_gray(200),
                (rect.width() - 12.0).max(40.0),
            );
            let at = rect.center() - text.size() / 2.0;
            painter.galley(at, text, Color32::from_gray(200));
        }
        ImageView::Shown(shown) => {
            let size = shown.size;
            if response.hovered() {
                let (scroll, zoom, pointer) = ui.input(|i| {
                    (
                        i.smooth_scroll_delta.y,
                        i.zoom_delta(),
                        i.pointer.hover_pos(),
                    )
                });
                let factor = zoom * (scroll / 200.0).exp();
                if (factor - 1.0).abs() > 1e-4
                    && let Some(p) = pointer
                {
                    view.zoom_by(rect, size, factor, p);
                }
            }
            if response.dragged() {
                view.pan(rect, size, response.drag_delta());
            }
            if response.double_clicked() {
                view.fit();
            }
            let ppp = ui.ctx().pixels_per_point();
            let full = || shown.texture_for(ui.ctx(), view.scale(rect, size) * ppp);
            let levels = error_levels.then(|| shown.error_levels(ui.ctx())).flatten();
            let texture = levels.unwrap_or_else(full);
            let corners = [
                vec2(0.0, 0.0),
                vec2(size.x, 0.0),
                vec2(size.x, size.y),
                vec2(0.0, size.y),
            ];
            let uvs = [
                pos2(0.0, 0.0),
                pos2(1.0, 0.0),
                pos2(1.0, 1.0),
                pos2(0.0, 1.0),
            ];
            let mut mesh = egui::Mesh::with_texture(texture);
            for (c, uv) in corners.iter().zip(uvs) {
                mesh.vertices.push(egui::epaint::Vertex {
                    pos: view.screen_pos(rect, size, *c),
                    uv,
                    color: Color32::WHITE,
                });
            }
            mesh.add_triangle(0, 1, 2);
            mesh.add_triangle(0, 2, 3);
            painter.add(egui::Shape::mesh(mesh));
            if let Some([x, y, w, h]) = region {
                let a = view.screen_pos(rect, size, vec2(x, y));
                let b = view.screen_pos(rect, size, vec2(x + w, y + h));
                let r = Rect::from_two_pos(a, b).expand(2.0);
                painter.rect_stroke(
                    r,
                    2.0,
                    Stroke::new(3.0, Color32::from_rgb(255, 200, 0)),
                    egui::StrokeKind::Outside,
                );
            }
            let pct = view.scale(rect, size) * ppp * 100.0;
            painter.text(
                rect.right_bottom() - vec2(6.0, 4.0),
                egui::Align2::RIGHT_BOTTOM,
                format!(
                    "{}{pct:.0}%  {}×{}",
                    // Error Level Analysis: bright where the JPEG recompresses unevenly.
                    if levels.is_some() { "ELA  " } else { "" },
                    size.x as u32,
                    size.y as u32
                ),
                egui::FontId::monospace(11.0),
                Color32::from_gray(180),
            );
        }
    }
    let frame = if active {
        Stroke::new(2.0, Color32::from_rgb(90, 160, 255))
    } else {
        Stroke::new(1.0, Color32::from_gray(60))
    };
    painter.rect_stroke(rect, 0.0, frame, egui::StrokeKind::Inside);
    painter.text(
        rect.left_top() + vec2(6.0, 4.0),
        egui::Align2::LEFT_TOP,
        title,
        egui::FontId::proportional(13.0),
        if image.from_case.is_some() {
            Color32::from_rgb(255, 150, 120)
        } else {
            Color32::from_gray(230)
        },
    );
    PaneOutput { response }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_the_point_under_the_cursor() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(400.0, 300.0));
        let size = vec2(800.0, 600.0);
        let mut v = ViewState::default();
        assert_eq!(v.scale(rect, size), 0.5);
        let cursor = pos2(100.0, 50.0);
        let before = v.centre(size) + (cursor - rect.center()) / v.scale(rect, size);
        v.zoom_by(rect, size, 3.0, cursor);
        let after = v.centre(size) + (cursor - rect.center()) / v.scale(rect, size);
        assert!((before - after).length() < 1e-3);
        assert_eq!(v.scale(rect, size), 1.5);
    }

    #[test]
    fn quarter_turns_map_corners() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(600.0, 800.0));
        let size = vec2(800.0, 600.0);
        let mut v = ViewState::default();
        v.rotate();
        // Turned clockwise, the image's top-left corner is at the top right.
        let p = v.screen_pos(rect, size, vec2(0.0, 0.0));
        assert!((p - pos2(600.0, 0.0)).length() < 1e-3, "{p:?}");
        v.rotate();
        v.rotate();
        v.rotate();
        assert_eq!(v.turns, 0);
    }
}
