//! `--context DIR`: a real build context read as BuildKit reads it (symbolic links in COPY
//! sources, the Dockerfile's own `<name>.dockerignore`, local archives in ADD).

use std::path::{Path, PathBuf};

use super::run;

/// A fresh directory for one test, removed first if an earlier run left it.
fn fresh_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stageplay-ctx-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, rel: &str, content: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// The final image section of `stageplay analyze`'s text report.
fn final_image(dockerfile: &Path, context: &Path) -> String {
    let (code, out, err) = run(
        &[
            "analyze",
            dockerfile.to_str().unwrap(),
            "--context",
            context.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "{err}");
    let start = out.find("final image").expect("a final image");
    let end = out.find("left behind").unwrap_or(out.len());
    out[start..end].to_string()
}

#[cfg(unix)]
#[test]
fn copy_follows_a_symlinked_context_directory() {
    let dir = fresh_dir("symlink");
    write(&dir, "real/app.py", b"print()\n");
    std::os::unix::fs::symlink("real", dir.join("linked")).unwrap();
    write(
        &dir,
        "Dockerfile",
        b"FROM scratch\nCOPY linked/app.py /app/\nCOPY linked /lib/\nCOPY . /all/\n",
    );
    let image = final_image(&dir.join("Dockerfile"), &dir);
    // Through the link, as BuildKit's FollowSymlinks reads a source.
    assert!(image.contains("app/\n    app.py"), "{image}");
    assert!(
        image.contains("lib/  [context] 0 B  COPY, line 3 (context)\n    app.py"),
        "{image}"
    );
    // `COPY .` copies the link itself.
    assert!(image.contains("    linked  [context]"), "{image}");
    let (code, _, err) = run(
        &[
            "check",
            dir.join("Dockerfile").to_str().unwrap(),
            "--context",
            dir.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(code, 0, "no COPY source is missing: {err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_dockerfiles_own_dockerignore_wins_over_the_contexts() {
    let dir = fresh_dir("own-ignore");
    write(&dir, "a.txt", b"a");
    write(&dir, "b.txt", b"b");
    write(&dir, ".dockerignore", b"a.txt\n");
    write(&dir, "web.Dockerfile", b"FROM scratch\nCOPY . /x/\n");
    write(&dir, "web.Dockerfile.dockerignore", b"b.txt\n");
    let image = final_image(&dir.join("web.Dockerfile"), &dir);
    assert!(image.contains("a.txt"), "{image}");
    assert!(!image.contains("b.txt"), "{image}");
    // Without its own file, the context's `.dockerignore` applies.
    write(&dir, "Dockerfile", b"FROM scratch\nCOPY . /x/\n");
    let image = final_image(&dir.join("Dockerfile"), &dir);
    assert!(!image.contains("a.txt"), "{image}");
    assert!(image.contains("b.txt"), "{image}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A tar stream with `entries` (path, content) and a symbolic link `lib/link`.
fn tar_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    for (path, content) in entries {
        let mut h = tar::Header::new_gnu();
        h.set_size(content.len() as u64);
        h.set_mode(0o644);
        h.set_cksum();
        b.append_data(&mut h, path, *content).unwrap();
    }
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Symlink);
    h.set_size(0);
    b.append_link(&mut h, "lib/link", "../bin/tool").unwrap();
    b.into_inner().unwrap()
}

#[test]
fn add_unpacks_local_archives_by_content_as_buildkit_does() {
    use std::io::Write;
    let dir = fresh_dir("archives");
    let plain = tar_bytes(&[("bin/tool", b"12345")]);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).unwrap();
    write(&dir, "app.tar.gz", &gz.finish().unwrap());
    let mut bz = bzip2::write::BzEncoder::new(Vec::new(), bzip2::Compression::fast());
    bz.write_all(&tar_bytes(&[("b.txt", b"b")])).unwrap();
    write(&dir, "data.tar.bz2", &bz.finish().unwrap());
    let mut xz = Vec::new();
    lzma_rs::xz_compress(&mut &tar_bytes(&[("x.txt", b"x")])[..], &mut xz).unwrap();
    write(&dir, "data.tar.xz", &xz);
    let zst = ruzstd::encoding::compress_to_vec(
        &tar_bytes(&[("z.txt", b"z")])[..],
        ruzstd::encoding::CompressionLevel::Fastest,
    );
    write(&dir, "data.tar.zst", &zst);
    // Named like an archive, but not one: copied as it is.
    write(&dir, "notarchive.tar.gz", b"just text\n");
    // An archive by content, whatever its name.
    write(&dir, "renamed.bin", &tar_bytes(&[("r.txt", b"r")]));
    write(
        &dir,
        "Dockerfile",
        b"FROM scratch\nADD app.tar.gz /opt/app/\nADD notarchive.tar.gz /x/\n\
          ADD renamed.bin /r/\nADD --unpack=false app.tar.gz /packed/\nADD *.tar.* /all/\n\
          COPY app.tar.gz /copied/\n",
    );
    let image = final_image(&dir.join("Dockerfile"), &dir);
    for path in [
        "opt/\n    app/  [context] 0 B  ADD, line 2 (context)\n      bin/\n        tool  [context] 5 B",
        "link  [context] 0 B  ADD, line 2 (context)",
        "x/\n    notarchive.tar.gz",
        "r/  [context] 0 B  ADD, line 4 (context)",
        "    r.txt  [context] 1 B  ADD, line 4 (context)",
        "packed/\n    app.tar.gz",
        "copied/\n    app.tar.gz",
    ] {
        assert!(image.contains(path), "{path}:\n{image}");
    }
    // The wildcard unpacks each archive it matches and copies the rest.
    let all = &image[image.find("all/").unwrap()..image.find("copied/").unwrap()];
    for name in ["b.txt", "x.txt", "z.txt", "tool", "notarchive.tar.gz"] {
        assert!(all.contains(name), "{name}:\n{all}");
    }
    assert!(!all.contains("data.tar"), "{all}");
    let _ = std::fs::remove_dir_all(&dir);
}
