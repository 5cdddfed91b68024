//! A small in-window file dialog (a path field and a folder listing): it needs no desktop portal.

use std::path::PathBuf;

/// What the dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    OpenArticles,
    OpenSession,
    /// Choose a raster `.pmtiles` archive as the basemap.
    OpenPmTiles,
    SaveSession,
}

impl DialogPurpose {
    fn title(self) -> &'static str {
        match self {
            DialogPurpose::OpenArticles => "Open articles",
            DialogPurpose::OpenSession => "Open session",
            DialogPurpose::OpenPmTiles => "Open PMTiles basemap",
            DialogPurpose::SaveSession => "Save session",
        }
    }
    fn saving(self) -> bool {
        self == DialogPurpose::SaveSession
    }
}

/// What happened this frame.
pub enum DialogResult {
    Open,
    Cancelled,
    Chosen(DialogPurpose, Vec<PathBuf>),
}

/// The dialog's state.
pub struct FileDialog {
    purpose: DialogPurpose,
    dir: PathBuf,
    path_text: String,
    entries: Vec<(String, bool)>,
    chosen: Vec<PathBuf>,
    error: Option<String>,
}

impl FileDialog {
    /// A dialog listing `dir`.
    pub fn new(purpose: DialogPurpose, dir: PathBuf) -> FileDialog {
        let mut d = FileDialog {
            purpose,
            path_text: if purpose.saving() {
                dir.join("session.json").display().to_string()
            } else {
                dir.display().to_string()
            },
            dir,
            entries: Vec::new(),
            chosen: Vec::new(),
            error: None,
        };
        d.list();
        d
    }

    fn list(&mut self) {
        self.entries.clear();
        match std::fs::read_dir(&self.dir) {
            Ok(rd) => {
                for e in rd.flatten() {
                    let name = e.file_name().to_string_lossy().into_owned();
                    if name.starts_with('.') {
                        continue;
                    }
                    let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
                    self.entries.push((name, is_dir));
                }
                self.entries.sort_by(|a, b| {
                    b.1.cmp(&a.1)
                        .then(a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                });
                self.error = None;
            }
            Err(e) => self.error = Some(format!("cannot list {}: {e}", self.dir.display())),
        }
    }

    /// Show the dialog window.
    pub fn show(&mut self, ctx: &egui::Context) -> DialogResult {
        let mut result = DialogResult::Open;
        let mut open = true;
        let mut go: Option<PathBuf> = None;
        egui::Window::new(self.purpose.title())
            .open(&mut open)
            .collapsible(false)
            .default_size([520.0, 420.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui.button("Up").on_hover_text("Parent folder").clicked()
                        && let Some(p) = self.dir.parent()
                    {
                        go = Some(p.to_owned());
                    }
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut self.path_text)
                            .desired_width(f32::INFINITY),
                    );
                    if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        let p = PathBuf::from(&self.path_text);
                        if p.is_dir() {
                            go = Some(p);
                        } else if self.purpose.saving() || p.is_file() {
                            result = DialogResult::Chosen(self.purpose, vec![p]);
                        }
                    }
                });
                if let Some(e) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for (name, is_dir) in &self.entries {
                            let path = self.dir.join(name);
                            let selected = self.chosen.contains(&path);
                            let text = if *is_dir {
                                format!("[folder] {name}")
                            } else {
                                name.clone()
                            };
                            if ui.selectable_label(selected, text).clicked() {
                                if *is_dir {
                                    go = Some(path);
                                } else if self.purpose.saving() {
                                    self.path_text = path.display().to_string();
                                } else if selected {
                                    self.chosen.retain(|p| p != &path);
                                } else {
                                    if self.purpose != DialogPurpose::OpenArticles {
                                        self.chosen.clear();
                                    }
                                    self.chosen.push(path);
                                }
                            }
                        }
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    let label = if self.purpose.saving() {
                        "Save"
                    } else {
                        "Open"
                    };
                    if ui.button(label).clicked() {
                        let paths = if self.purpose.saving() || self.chosen.is_empty() {
                            vec![PathBuf::from(&self.path_text)]
                        } else {
                            self.chosen.clone()
                        };
                        if paths.iter().all(|p| self.purpose.saving() || p.is_file()) {
                            result = DialogResult::Chosen(self.purpose, paths);
                        } else {
                            self.error = Some("choose a file".to_owned());
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        result = DialogResult::Cancelled;
                    }
                    ui.label(format!("{} selected", self.chosen.len()));
                });
            });
        if let Some(d) = go {
            self.dir = d;
            if !self.purpose.saving() {
                self.path_text = self.dir.display().to_string();
            }
            self.list();
        }
        if !open {
            return DialogResult::Cancelled;
        }
        result
    }
}
