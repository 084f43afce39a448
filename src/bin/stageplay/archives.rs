//! Local archives of a real build context (`--context DIR`): the entries of each file an
//! ADD would unpack, read here (the core does no IO) and handed to the analysis as data.
//!
//! BuildKit decides by content, not by name (solver/llbsolver/file/unpack.go,
//! isArchivePath): a regular file is an archive when moby/go-archive's DecompressStream
//! recognises its compression (gzip, bzip2, xz, zstd or none, by magic bytes) and a tar
//! reader then finds a first header. Only a source itself is tried (docopy tries each
//! wildcard match, never the files inside a directory source), so only the files that an
//! ADD names are read.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use stageplay::analysis::files::context::{Archive, ArchiveEntry, MAX_CONTEXT_FILES, clean};
use stageplay::analysis::files::dockerignore::Glob;
use stageplay::analysis::{Analysis, Keyword};

/// The most bytes of one xz stream decompressed in memory (lzma-rs writes the whole
/// stream out); past it the entries read so far are kept and a note says so.
const MAX_XZ_BYTES: usize = 256 * 1024 * 1024;

/// The context paths that an ADD of `analysis` may unpack: its local sources (literal
/// paths, or the listed files a wildcard matches), unless `--unpack=false`.
pub fn add_sources(analysis: &Analysis, listed: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (inst, exp) in analysis.instructions.iter().zip(&analysis.expanded) {
        if inst.keyword != Keyword::Add || inst.flag("from").is_some() {
            continue;
        }
        let packed = inst.flag("unpack").is_some_and(|f| {
            f.value
                .as_deref()
                .is_some_and(|v| v.eq_ignore_ascii_case("false"))
        });
        if packed {
            continue;
        }
        let n = exp.args.len().saturating_sub(1);
        for src in exp.args.iter().take(n) {
            if src.contains("://") || src.starts_with("git@") {
                continue;
            }
            let rel = clean(src.trim_start_matches('/'));
            match Glob::new(&rel) {
                Ok(glob) if rel.contains(['*', '?', '[']) => {
                    let depth = rel.split('/').count();
                    out.extend(
                        listed
                            .iter()
                            .filter(|p| p.split('/').count() == depth && glob.matches(p))
                            .cloned(),
                    );
                }
                _ => out.push(rel),
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Reads the archives among `paths` (relative to `root`); a file that is not an archive,
/// or cannot be read, is left out (BuildKit copies it as it is).
pub fn read(root: &Path, paths: &[String]) -> Vec<Archive> {
    paths
        .iter()
        .filter_map(|rel| {
            let path = root.join(rel);
            // Only a regular file (not a link, not a directory), as isArchivePath checks.
            let meta = path.symlink_metadata().ok()?;
            if !meta.is_file() {
                return None;
            }
            read_one(&path).map(|(entries, note)| Archive {
                path: rel.clone(),
                entries,
                note,
            })
        })
        .collect()
}

type Entries = (Vec<ArchiveEntry>, Option<String>);

fn read_one(path: &Path) -> Option<Entries> {
    let mut magic = [0u8; 6];
    let got = File::open(path).ok()?.read(&mut magic).ok()?;
    let magic = magic.get(..got).unwrap_or(&[]);
    let file = BufReader::new(File::open(path).ok()?);
    if magic.starts_with(&[0x1f, 0x8b, 0x08]) {
        entries(flate2::read::MultiGzDecoder::new(file))
    } else if magic.starts_with(b"BZh") {
        entries(bzip2::read::MultiBzDecoder::new(file))
    } else if magic.starts_with(&[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]) {
        let mut file = file;
        let mut out = Capped(Vec::new());
        let cut = lzma_rs::xz_decompress(&mut file, &mut out).is_err();
        let (list, note) = entries(out.0.as_slice())?;
        let note = note.or_else(|| {
            cut.then(|| "the xz stream was cut or too large: only its first entries".to_string())
        });
        Some((list, note))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        match ruzstd::decoding::StreamingDecoder::new(file) {
            Ok(decoder) => entries(decoder),
            Err(_) => Some((
                Vec::new(),
                Some("a zstd frame that does not decode: its contents are unknown".into()),
            )),
        }
    } else {
        entries(file)
    }
}

/// The entries of a tar stream; `None` when it has no first header (not an archive).
fn entries<R: Read>(reader: R) -> Option<Entries> {
    let mut archive = tar::Archive::new(reader);
    let mut iter = archive.entries().ok()?;
    let mut out = Vec::new();
    let mut note = None;
    let first = iter.next()?.ok()?;
    let mut next = Some(Ok(first));
    while let Some(item) = next {
        let Ok(entry) = item else {
            note = Some("the archive is damaged past this point".to_string());
            break;
        };
        if out.len() >= MAX_CONTEXT_FILES {
            note = Some(format!(
                "only its first {MAX_CONTEXT_FILES} entries are shown"
            ));
            break;
        }
        let kind = entry.header().entry_type();
        let path = entry
            .path()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = clean(path.trim_start_matches('/'));
        let link = if kind.is_symlink() || kind.is_hard_link() {
            entry
                .link_name()
                .ok()
                .flatten()
                .map(|l| l.to_string_lossy().into_owned())
        } else {
            None
        };
        if path != "." && !path.is_empty() {
            out.push(ArchiveEntry {
                path,
                size: entry.header().size().unwrap_or(0),
                is_dir: kind.is_dir(),
                link,
            });
        }
        next = iter.next();
    }
    Some((out, note))
}

/// A `Vec` that refuses to grow past [`MAX_XZ_BYTES`].
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_XZ_BYTES {
            return Err(std::io::Error::other("too large"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
