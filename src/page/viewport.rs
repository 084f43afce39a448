//! The graph viewport's maths: which part of the drawn graph the panel shows, as a scale
//! and an offset, and how Fit, zooming around a point, panning and centring on a stage
//! change it. Pure, so the page only measures and renders (`graph_view`).

/// What the panel shows: a point `(x, y)` of the graph is drawn at
/// `(x * scale + dx, y * scale + dy)` in the viewport's own pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub scale: f64,
    pub dx: f64,
    pub dy: f64,
}

impl Default for View {
    fn default() -> Self {
        View {
            scale: 1.0,
            dx: 0.0,
            dy: 0.0,
        }
    }
}

/// The smallest and largest zoom the buttons, the wheel and Fit reach.
pub const MIN_SCALE: f64 = 0.1;
pub const MAX_SCALE: f64 = 4.0;

/// The gap Fit leaves between the graph and the viewport's edges, in viewport pixels.
const FIT_MARGIN: f64 = 8.0;
/// The gap `reveal` leaves around a node: room for the "target" badge above its box and
/// the focus outline around it.
const REVEAL_MARGIN: f64 = 24.0;

/// The view that shows the whole graph (`size`) centred in the viewport (`viewport`), never
/// enlarged above 1:1. Only a graph too large even at [`MIN_SCALE`] overflows, and then it
/// is centred, so both sides are cut alike.
pub fn fit(size: (f64, f64), viewport: (f64, f64)) -> View {
    let (w, h) = (size.0.max(1.0), size.1.max(1.0));
    let (cw, ch) = (
        (viewport.0 - 2.0 * FIT_MARGIN).max(1.0),
        (viewport.1 - 2.0 * FIT_MARGIN).max(1.0),
    );
    let scale = (cw / w).min(ch / h).clamp(MIN_SCALE, 1.0);
    View {
        scale,
        dx: (viewport.0 - w * scale) / 2.0,
        dy: (viewport.1 - h * scale) / 2.0,
    }
}

/// Zooms by `factor` (clamped to the scale's bounds) keeping the graph point under `at` (a
/// viewport point: the pointer, or the viewport's centre for the buttons) where it is.
pub fn zoom_at(v: View, factor: f64, at: (f64, f64)) -> View {
    let factor = if factor.is_finite() && factor > 0.0 {
        factor
    } else {
        1.0
    };
    let scale = (v.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
    let k = scale / v.scale;
    View {
        scale,
        dx: at.0 - (at.0 - v.dx) * k,
        dy: at.1 - (at.1 - v.dy) * k,
    }
}

/// Moves the graph by `(dx, dy)` viewport pixels.
pub fn pan(v: View, by: (f64, f64)) -> View {
    View {
        dx: v.dx + by.0,
        dy: v.dy + by.1,
        ..v
    }
}

/// A box of the graph: top-left corner and size, in graph units.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The view that puts the centre of `r` at the viewport's centre, at the current scale.
pub fn center_on(v: View, r: Rect, viewport: (f64, f64)) -> View {
    View {
        dx: viewport.0 / 2.0 - (r.x + r.w / 2.0) * v.scale,
        dy: viewport.1 / 2.0 - (r.y + r.h / 2.0) * v.scale,
        ..v
    }
}

/// The view that shows the whole of `r` (the boxes of a stage and its dependencies) as
/// large as fits, at most 1:1, centred.
pub fn show(r: Rect, viewport: (f64, f64)) -> View {
    let f = fit((r.w, r.h), viewport);
    View {
        dx: f.dx - r.x * f.scale,
        dy: f.dy - r.y * f.scale,
        ..f
    }
}

/// The smallest pan that brings `r` inside the viewport (with a margin), or `v` unchanged
/// when `r` is already in view: following the editor's cursor must not jump the graph
/// around while the stage stays visible.
pub fn reveal(v: View, r: Rect, viewport: (f64, f64)) -> View {
    let axis = |lo: f64, len: f64, d: f64, size: f64| -> f64 {
        let (a, b) = (lo * v.scale + d, (lo + len) * v.scale + d);
        let m = REVEAL_MARGIN.min(size / 4.0);
        if b - a > size - 2.0 * m {
            // Larger than the viewport: centre it.
            size / 2.0 - (lo + len / 2.0) * v.scale
        } else if a < m {
            d + m - a
        } else if b > size - m {
            d - (b - (size - m))
        } else {
            d
        }
    };
    View {
        dx: axis(r.x, r.w, v.dx, viewport.0),
        dy: axis(r.y, r.h, v.dy, viewport.1),
        ..v
    }
}

/// The smallest box holding every one of `boxes`, or `None` for none.
pub fn bounds(boxes: impl IntoIterator<Item = Rect>) -> Option<Rect> {
    let mut it = boxes.into_iter();
    let first = it.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x + first.w, first.y + first.h);
    for r in it {
        x0 = x0.min(r.x);
        y0 = y0.min(r.y);
        x1 = x1.max(r.x + r.w);
        y1 = y1.max(r.y + r.h);
    }
    Some(Rect {
        x: x0,
        y: y0,
        w: x1 - x0,
        h: y1 - y0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on_screen(v: View, p: (f64, f64)) -> (f64, f64) {
        (p.0 * v.scale + v.dx, p.1 * v.scale + v.dy)
    }

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-6 && (a.1 - b.1).abs() < 1e-6
    }

    #[test]
    fn fit_shows_every_corner_of_a_wide_graph_inside_the_viewport() {
        // About moby's graph: 59 stages, far wider than tall; Fit used to stop at 45 %.
        let (size, vp) = ((5200.0, 2300.0), (700.0, 560.0));
        let v = fit(size, vp);
        assert!(v.scale < 0.45 && v.scale >= MIN_SCALE, "{v:?}");
        for corner in [(0.0, 0.0), (size.0, 0.0), (0.0, size.1), size] {
            let (x, y) = on_screen(v, corner);
            assert!(
                (0.0..=vp.0).contains(&x) && (0.0..=vp.1).contains(&y),
                "{corner:?} at {x},{y}"
            );
        }
    }

    #[test]
    fn fit_never_enlarges_a_small_graph_and_centres_it() {
        let v = fit((200.0, 100.0), (800.0, 600.0));
        assert_eq!(v.scale, 1.0);
        assert!(close((v.dx, v.dy), (300.0, 250.0)));
    }

    #[test]
    fn fit_centres_a_graph_too_large_even_at_the_smallest_scale() {
        let v = fit((100_000.0, 100.0), (500.0, 400.0));
        assert_eq!(v.scale, MIN_SCALE);
        assert!((v.dx - (500.0 - 10_000.0) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn zooming_keeps_the_point_under_the_pointer_fixed() {
        let v = View {
            scale: 0.5,
            dx: 30.0,
            dy: -20.0,
        };
        let at = (210.0, 140.0);
        let graph_point = ((at.0 - v.dx) / v.scale, (at.1 - v.dy) / v.scale);
        for factor in [1.25, 0.8, 3.0, 0.01, f64::NAN] {
            let z = zoom_at(v, factor, at);
            assert!(close(on_screen(z, graph_point), at), "{factor}: {z:?}");
        }
        assert_eq!(zoom_at(v, 100.0, at).scale, MAX_SCALE);
        assert_eq!(zoom_at(v, 0.0001, at).scale, MIN_SCALE);
    }

    #[test]
    fn centring_puts_the_box_in_the_middle_and_reveal_moves_only_when_needed() {
        let v = View {
            scale: 0.5,
            dx: 0.0,
            dy: 0.0,
        };
        let vp = (400.0, 300.0);
        let r = Rect {
            x: 1000.0,
            y: 200.0,
            w: 100.0,
            h: 40.0,
        };
        let c = center_on(v, r, vp);
        assert!(close(on_screen(c, (1050.0, 220.0)), (200.0, 150.0)));
        // Already visible: unchanged.
        assert_eq!(reveal(c, r, vp), c);
        // Off to the right: the smallest pan brings its right edge just inside.
        let moved = reveal(v, r, vp);
        let right = on_screen(moved, (1100.0, 240.0));
        assert!(
            right.0 <= vp.0 - REVEAL_MARGIN + 1e-9 && right.0 > vp.0 - 40.0,
            "{moved:?}"
        );
        assert_eq!(moved.dy, v.dy);
    }

    #[test]
    fn show_fits_a_group_of_boxes() {
        let b = bounds([
            Rect {
                x: 100.0,
                y: 50.0,
                w: 10.0,
                h: 10.0,
            },
            Rect {
                x: 300.0,
                y: 10.0,
                w: 20.0,
                h: 5.0,
            },
        ])
        .unwrap();
        assert_eq!((b.x, b.y, b.w, b.h), (100.0, 10.0, 220.0, 50.0));
        let v = show(b, (200.0, 200.0));
        let (a, z) = (
            on_screen(v, (b.x, b.y)),
            on_screen(v, (b.x + b.w, b.y + b.h)),
        );
        assert!(
            a.0 >= 0.0 && a.1 >= 0.0 && z.0 <= 200.0 && z.1 <= 200.0,
            "{v:?}"
        );
        assert_eq!(bounds([]), None);
    }

    #[test]
    fn panning_adds_the_offset() {
        assert_eq!(
            pan(View::default(), (5.0, -3.0)),
            View {
                scale: 1.0,
                dx: 5.0,
                dy: -3.0
            }
        );
    }
}
