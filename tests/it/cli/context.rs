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
}
