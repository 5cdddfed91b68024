//! Briefing images: the map and its decorations drawn by the same painting code as the window, run in a
//! headless egui context and rasterised offscreen with egui-wgpu (Mesa's lavapipe on machines with no
//! GPU). Used by `newsmap render` and by File > Export in the window.

use std::iter::once;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use egui::{RawInput, Rect, pos2, vec2};
use egui_wgpu::{ScreenDescriptor, wgpu};
use walkers::{MapMemory, Position, lat_lon};

use super::draw::{BriefingPlugin, BriefingText, MarkersPlugin};
use super::scene::{PlaceKey, Scene};
use super::tiles::{RenderTiles, SyncOfflineTiles, attribution_text, style_for};
use crate::basemap::{BasemapChoice, BasemapSource};
use crate::session::View;

/// Why an image could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum OffscreenError {
    #[error("no graphics adapter for offscreen rendering (install mesa-vulkan-drivers): {0}")]
    NoAdapter(String),
    #[error("offscreen rendering failed: {0}")]
    Render(String),
}

/// Everything a briefing image shows.
#[derive(Debug, Clone)]
pub struct BriefingJob {
    pub scene: Scene,
    pub title: String,
    /// None = fit to all events.
    pub view: Option<View>,
    /// Pixels.
    pub width: u32,
    pub height: u32,
    pub dark: bool,
    pub basemap: BasemapChoice,
    /// (place name, excerpt, position) drawn as a callout.
    pub callout: Option<(String, String, Position)>,
    pub selected: Option<PlaceKey>,
}

/// An RGBA8 image, rows top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

fn date_range_text(scene: &Scene) -> Option<String> {
    let (a, b) = scene.date_range?;
    Some(if a == b {
        a.format("%-d %B %Y").to_string()
    } else {
        format!("{} – {}", a.format("%-d %B %Y"), b.format("%-d %B %Y"))
    })
}

/// The view a job shows: its own, or fitted to the scene.
pub fn job_view(job: &BriefingJob) -> View {
    if let Some(v) = job.view {
        return v;
    }
    let mut pts: Vec<(f64, f64)> = job.scene.groups.iter().map(|g| (g.lat, g.lon)).collect();
    if pts.is_empty() {
        pts = job
            .scene
            .dots
            .iter()
            .map(|d| (d.position.y(), d.position.x()))
            .collect();
    }
    // Leave room for the title block and legend.
    let pad = f64::from(job.width.min(job.height)) * 0.12;
    super::fit::fit_view(
        &pts,
        f64::from(job.width),
        f64::from(job.height),
        pad.max(40.0),
    )
    .map(|f| View {
        lat: f.lat,
        lon: f.lon,
        zoom: f.zoom,
    })
    .unwrap_or(View {
        lat: 20.0,
        lon: 0.0,
        zoom: 1.0,
    })
}

/// Draw the briefing into `ui`: the same map plugins as the window plus the briefing decorations.
pub fn briefing_ui(
    ui: &mut egui::Ui,
    job: &BriefingJob,
    memory: &mut MapMemory,
    tiles: Option<&mut dyn walkers::Tiles>,
    attribution: &str,
) {
    let dark = job.dark;
    let text = BriefingText {
        title: job.title.clone(),
        dates: date_range_text(&job.scene),
        attribution: attribution.to_owned(),
        callout: job.callout.clone(),
    };
    let background = tiles.is_none();
    // Kept in the context between frames, so an unchanged view is not laid out again.
    type Shared = std::sync::Arc<std::sync::Mutex<super::labels::LabelCache>>;
    let cache: Shared = ui.ctx().data_mut(|d| {
        d.get_temp_mut_or_default::<Shared>(egui::Id::unique("briefing_labels"))
            .clone()
    });
    let mut place_labels = cache.lock().unwrap_or_else(|p| p.into_inner());
    let reserved = |painter: &egui::Painter, rect| {
        super::draw::briefing_reserved(painter, rect, &text, job.scene.kinds.len())
    };
    egui::CentralPanel::no_frame().show(ui, |ui| {
        walkers::Map::new(tiles, memory, lat_lon(0.0, 0.0))
            .with_plugin(MarkersPlugin {
                scene: &job.scene,
                selected: job.selected.as_ref(),
                dark,
                background,
                labels: true,
                measure: None,
                out: None,
                place_labels: Some(&mut *place_labels),
                reserved: &reserved,
            })
            .with_plugin(BriefingPlugin {
                text: &text,
                kinds: &job.scene.kinds,
                dark,
            })
            .show(ui, |_, _, _, _| {});
    });
}

/// The graphics device for offscreen drawing. Vulkan alone is tried first (Mesa's lavapipe where
/// there is no GPU): probing the GL backend as well loads EGL and Mesa's GL drivers, which costs a
/// tenth of a second, and makes libwayland print "XDG_RUNTIME_DIR is invalid" on machines with no
/// desktop session. GL is the fallback for machines with no Vulkan driver; `WGPU_BACKEND`, when
/// set, decides alone.
fn render_state() -> Result<egui_wgpu::RenderState, OffscreenError> {
    if let Some(backends) = wgpu::Backends::from_env() {
        return render_state_on(backends).map_err(OffscreenError::NoAdapter);
    }
    render_state_on(wgpu::Backends::VULKAN).or_else(|vulkan| {
        super::trace_stage("no Vulkan adapter; trying the other backends");
        render_state_on(wgpu::Backends::PRIMARY | wgpu::Backends::GL).map_err(|other| {
            OffscreenError::NoAdapter(format!("Vulkan: {vulkan}; other backends: {other}"))
        })
    })
}

fn render_state_on(backends: wgpu::Backends) -> Result<egui_wgpu::RenderState, String> {
    let mut setup = egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    setup.instance_descriptor.backends = backends - wgpu::Backends::BROWSER_WEBGPU;
    setup.native_adapter_selector = Some(std::sync::Arc::new(|adapters, _surface| {
        let mut a: Vec<_> = adapters.iter().collect();
        // Prefer a CPU rasteriser: the same pixels on every machine.
        a.sort_by_key(|a| match a.get_info().device_type {
            wgpu::DeviceType::Cpu => 0,
            wgpu::DeviceType::DiscreteGpu => 1,
            _ => 2,
        });
        a.first()
            .map(|a| (*a).clone())
            .ok_or_else(|| "no adapter found".to_owned())
    }));
    let setup = egui_wgpu::WgpuSetup::CreateNew(setup);
    let instance = pollster::block_on(setup.new_instance());
    super::trace_stage("graphics instance created");
    pollster::block_on(egui_wgpu::RenderState::create(
        &egui_wgpu::WgpuConfiguration {
            wgpu_setup: setup,
            ..Default::default()
        },
        &instance,
        None,
        egui_wgpu::RendererOptions::PREDICTABLE,
    ))
    .map_err(|e| e.to_string())
}

/// Render a briefing to pixels, with no window and no display server.
pub fn render_briefing(job: &BriefingJob) -> Result<Image, OffscreenError> {
    let ctx = egui::Context::default();
    super::style::install_fonts(&ctx);
    ctx.set_visuals(if job.dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    });
    ctx.options_mut(|o| {
        o.theme_preference = if job.dark {
            egui::ThemePreference::Dark
        } else {
            egui::ThemePreference::Light
        };
    });
    super::trace_stage("scene built");
    let view = job_view(job);
    let mut memory = MapMemory::default();
    memory.center_at(lat_lon(view.lat, view.lon));
    let _ = memory.set_zoom(view.zoom.clamp(0.0, 19.0));
    super::labels::preload(|| {});
    let data = super::tiles::shared_data().map_err(OffscreenError::Render)?;
    super::trace_stage("basemap data ready");
    let mut offline = SyncOfflineTiles::new(data, style_for(job.dark), &ctx);
    // Draw the visible tiles on both cores before the frame asks for them one by one.
    offline.prerender(
        &super::tiles::visible_tiles(
            view.lat,
            view.lon,
            view.zoom,
            job.width as f32,
            job.height as f32,
        ),
        2,
    );
    super::trace_stage("tiles drawn");
    let overlay = match super::tiles::open_overlay(&job.basemap, &ctx) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("newsmap: {e}; the offline basemap is shown instead");
            None
        }
    };
    let attribution = attribution_text(overlay.as_ref().map(|o| {
        use walkers::Tiles;
        o.attribution().text
    }));
    let is_osm = matches!(overlay, Some(BasemapSource::Osm(_)));
    let mut tiles = RenderTiles {
        offline,
        overlay,
        misses: 0,
    };
    let input = || RawInput {
        screen_rect: Some(Rect::from_min_size(
            pos2(0.0, 0.0),
            vec2(job.width as f32, job.height as f32),
        )),
        max_texture_side: Some(8192),
        time: Some(0.0),
        ..Default::default()
    };
    let rs = render_state()?;
    super::trace_stage("graphics device ready");
    let mut renderer = rs.renderer.write();
    // Every label must be in the image, every time.
    super::labels::wait();
    super::trace_stage("labels ready");
    // Two passes at least: the first lays out fonts and sizes; the last is the one drawn.
    // OpenStreetMap tiles download in the background: wait for them, a bounded time.
    let deadline = std::time::Instant::now() + Duration::from_secs(8);
    let mut output = None;
    for pass in 0.. {
        tiles.misses = 0;
        let mut out = ctx.run_ui(input(), |ui| {
            briefing_ui(ui, job, &mut memory, Some(&mut tiles), &attribution)
        });
        let mut textures = std::mem::take(&mut out.textures_delta);
        for (id, deltas) in &textures.set {
            for delta in deltas {
                renderer.update_texture(&rs.device, &rs.queue, *id, delta);
            }
        }
        for id in &textures.free {
            renderer.free_texture(id);
        }
        textures.clear();
        output = Some(out);
        super::trace_stage("frame laid out");
        let waiting = is_osm
            && walkers::Tiles::stats(&tiles).in_progress > 0
            && std::time::Instant::now() < deadline;
        if pass >= 1 && !waiting {
            break;
        }
        if waiting {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    if is_osm && tiles.misses > 0 {
        eprintln!(
            "newsmap: OpenStreetMap tiles unavailable ({} missing): the offline basemap is shown there",
            tiles.misses
        );
    }
    let output = output.ok_or_else(|| OffscreenError::Render("no frame".to_owned()))?;
    let ppp = ctx.pixels_per_point();
    let screen = ScreenDescriptor {
        size_in_pixels: [job.width, job.height],
        pixels_per_point: ppp,
    };
    let jobs = ctx.tessellate(output.shapes, ppp);
    super::trace_stage("tessellated");
    let mut encoder = rs
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("briefing"),
        });
    let user = renderer.update_buffers(&rs.device, &rs.queue, &mut encoder, &jobs, &screen);
    let texture = rs.device.create_texture(&wgpu::TextureDescriptor {
        label: Some("briefing"),
        size: wgpu::Extent3d {
            width: job.width,
            height: job.height,
            depth_or_array_layers: 1,
        },
        mip_level_count: 1,
        sample_count: 1,
        dimension: wgpu::TextureDimension::D2,
        format: rs.target_format,
        usage: wgpu::TextureUsages::RENDER_ATTACHMENT | wgpu::TextureUsages::COPY_SRC,
        view_formats: &[],
    });
    let view = texture.create_view(&wgpu::TextureViewDescriptor::default());
    let bg = super::draw::background_color(job.dark);
    {
        let mut pass = encoder
            .begin_render_pass(&wgpu::RenderPassDescriptor {
                label: Some("briefing"),
                color_attachments: &[Some(wgpu::RenderPassColorAttachment {
                    view: &view,
                    resolve_target: None,
                    ops: wgpu::Operations {
                        load: wgpu::LoadOp::Clear(wgpu::Color {
                            r: f64::from(bg.r()) / 255.0,
                            g: f64::from(bg.g()) / 255.0,
                            b: f64::from(bg.b()) / 255.0,
                            a: 1.0,
                        }),
                        store: wgpu::StoreOp::Store,
                    },
                    depth_slice: None,
                })],
                ..Default::default()
            })
            .forget_lifetime();
        renderer.render(&mut pass, &jobs, &screen);
    }
    rs.queue
        .submit(user.into_iter().chain(once(encoder.finish())));
    let image = read_back(&rs, &texture);
    super::trace_stage("drawn and read back");
    image
}

fn read_back(
    rs: &egui_wgpu::RenderState,
    texture: &wgpu::Texture,
) -> Result<Image, OffscreenError> {
    let (w, h) = (texture.width(), texture.height());
    let unpadded = w as usize * 4;
    let align = wgpu::COPY_BYTES_PER_ROW_ALIGNMENT as usize;
    let padded = unpadded.div_ceil(align) * align;
    let buffer = rs.device.create_buffer(&wgpu::BufferDescriptor {
        label: Some("briefing readback"),
        size: (padded * h as usize) as u64,
        usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::COPY_DST,
        mapped_at_creation: false,
    });
    let mut encoder = rs
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some("readback"),
        });
    encoder.copy_texture_to_buffer(
        texture.as_image_copy(),
        wgpu::TexelCopyBufferInfo {
            buffer: &buffer,
            layout: wgpu::TexelCopyBufferLayout {
                offset: 0,
                bytes_per_row: Some(padded as u32),
                rows_per_image: None,
            },
        },
        wgpu::Extent3d {
            width: w,
            height: h,
            depth_or_array_layers: 1,
        },
    );
    let index = rs.queue.submit(once(encoder.finish()));
    let slice = buffer.slice(..);
    let (tx, rx) = channel();
    slice.map_async(wgpu::MapMode::Read, move |r| drop(tx.send(r)));
    rs.device
        .poll(wgpu::PollType::Wait {
            submission_index: Some(index),
            timeout: Some(Duration::from_secs(30)),
        })
        .map_err(|e| OffscreenError::Render(e.to_string()))?;
    rx.recv()
        .map_err(|e| OffscreenError::Render(e.to_string()))?
        .map_err(|e| OffscreenError::Render(e.to_string()))?;
    let data = slice
        .get_mapped_range()
        .map_err(|e| OffscreenError::Render(e.to_string()))?;
    let bgra = matches!(
        rs.target_format,
        wgpu::TextureFormat::Bgra8Unorm | wgpu::TextureFormat::Bgra8UnormSrgb
    );
    let mut rgba = Vec::with_capacity(unpadded * h as usize);
    for row in data.chunks_exact(padded) {
        for px in row[..unpadded].chunks_exact(4) {
            if bgra {
                rgba.extend_from_slice(&[px[2], px[1], px[0], 255]);
            } else {
                rgba.extend_from_slice(&[px[0], px[1], px[2], 255]);
            }
        }
    }
    Ok(Image {
        width: w,
        height: h,
        rgba,
    })
}

/// What a briefing shows and at which size, as chosen in the export dialog.
#[derive(Debug, Clone, PartialEq)]
pub struct BriefingOptions {
    pub title: String,
    /// Pixels.
    pub width: u32,
    pub height: u32,
    pub dark: bool,
    /// Show the selected place's excerpt as a callout.
    pub callout: bool,
}

/// What the export dialog asks for: a briefing written to a PNG file.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    pub path: PathBuf,
    pub options: BriefingOptions,
}

/// The export dialog: options, overwrite confirmation, the running export and how the last
/// export or copy went.
pub struct ExportState {
    title: String,
    size: usize,
    dark: bool,
    callout: bool,
    path_text: String,
    confirm: bool,
    status: Option<String>,
    rx: Option<Receiver<Result<PathBuf, String>>>,
}

impl ExportState {
    /// A dialog with the article title and the last folder.
    pub fn new(title: String, folder: PathBuf) -> ExportState {
        ExportState {
            title,
            size: 1,
            dark: false,
            callout: true,
            path_text: folder.join("briefing.png").display().to_string(),
            confirm: false,
            status: None,
            rx: None,
        }
    }

    /// The sizes offered: the map's size in the window (`map_size`, points), 1920×1080, 3840×2160.
    fn sizes(map_size: egui::Vec2) -> [(&'static str, u32, u32); 3] {
        [
            (
                "Window size",
                map_size.x.round().max(16.0) as u32,
                map_size.y.round().max(16.0) as u32,
            ),
            ("1920 × 1080", 1920, 1080),
            ("3840 × 2160", 3840, 2160),
        ]
    }

    /// The options chosen so far, for a map of `map_size` points.
    pub fn options(&self, map_size: egui::Vec2) -> BriefingOptions {
        let (_, width, height) = Self::sizes(map_size)[self.size.min(2)];
        BriefingOptions {
            title: self.title.clone(),
            width,
            height,
            dark: self.dark,
            callout: self.callout,
        }
    }

    /// Show `text` as the dialog's status line (how an export or a copy went).
    pub fn set_status(&mut self, text: String) {
        self.status = Some(text);
    }

    /// Render and write on a worker thread.
    pub fn start(&mut self, job: BriefingJob, req: ExportRequest, ctx: &egui::Context) {
        let (tx, rx) = channel();
        let done = ctx.clone();
        std::thread::spawn(move || {
            let r = super::catch_panic("the export", || {
                render_briefing(&job)
                    .map_err(|e| e.to_string())
                    .and_then(|img| {
                        crate::export::briefing::write_png(
                            &req.path, &img.rgba, img.width, img.height,
                        )
                        .map_err(|e| e.to_string())
                    })
                    .map(|()| req.path.clone())
            });
            let _ = tx.send(r);
            done.request_repaint();
        });
        self.rx = Some(rx);
        self.status = Some("Rendering…".to_owned());
        // The dialog was drawn before the export started: show "Rendering…" now.
        ctx.request_repaint();
    }

    /// Show the dialog; returns whether to keep it open and the commands it produced. `copying`:
    /// a copy to the clipboard is under way.
    pub fn window_ui(
        &mut self,
        ctx: &egui::Context,
        map_size: egui::Vec2,
        copying: bool,
    ) -> (bool, Vec<super::Command>) {
        let mut out = Vec::new();
        let mut open = true;
        if let Some(rx) = &self.rx
            && let Ok(r) = rx.try_recv()
        {
            self.status = Some(match r {
                Ok(p) => format!("Saved {}", p.display()),
                Err(e) => e,
            });
            self.rx = None;
        }
        let sizes = Self::sizes(map_size);
        egui::Window::new("Export briefing image")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Title");
                    ui.text_edit_singleline(&mut self.title);
                });
                ui.horizontal(|ui| {
                    for (i, (name, w, h)) in sizes.iter().enumerate() {
                        ui.radio_value(&mut self.size, i, format!("{name} ({w}×{h})"));
                    }
                });
                ui.checkbox(&mut self.dark, "Dark theme");
                ui.checkbox(
                    &mut self.callout,
                    "Callout with the selected place's excerpt",
                );
                ui.horizontal(|ui| {
                    ui.label("File");
                    if ui.text_edit_singleline(&mut self.path_text).changed() {
                        self.confirm = false;
                    }
                });
                let path = PathBuf::from(&self.path_text);
                let busy = self.rx.is_some();
                let options = self.options(map_size);
                let req = ExportRequest {
                    path: path.clone(),
                    options: options.clone(),
                };
                if self.confirm {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{} exists. Replace it?", path.display()),
                    );
                    ui.horizontal(|ui| {
                        if ui.button("Replace").clicked() {
                            self.confirm = false;
                            out.push(super::Command::Export(req.clone()));
                        }
                        if ui.button("Keep it").clicked() {
                            self.confirm = false;
                        }
                    });
                } else {
                    ui.horizontal(|ui| {
                        if ui
                            .add_enabled(!busy, egui::Button::new("Export PNG"))
                            .clicked()
                        {
                            if path.exists() {
                                self.confirm = true;
                            } else {
                                out.push(super::Command::Export(req));
                            }
                        }
                        if ui
                            .add_enabled(!copying, egui::Button::new("Copy image"))
                            .on_hover_text("Put the same picture on the clipboard, for a slide")
                            .clicked()
                        {
                            out.push(super::Command::CopyImage(Some(options)));
                        }
                    });
                }
                if busy || copying {
                    ui.spinner();
                }
                if let Some(s) = &self.status {
                    ui.label(s);
                }
            });
        (open, out)
    }
}
