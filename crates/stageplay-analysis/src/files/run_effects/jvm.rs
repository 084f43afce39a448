//! Recognisers for the JVM build tools: Maven (`mvn`) and Gradle.

use crate::files::context::join;

use super::{Cmd, MB, Out};

pub(super) fn rec_mvn(c: &Cmd, o: &mut Out) -> bool {
    if !matches!(c.name(), "mvn" | "mvnw") {
        return false;
    }
    let goals: Vec<&str> = c.positional(1).collect();
    if goals
        .iter()
        .any(|g| matches!(*g, "package" | "install" | "verify" | "deploy"))
    {
        let t = join(&o.cwd, "target");
        o.add(t.clone(), true, Some(50 * MB), "mvn");
        o.area(t, Some(30 * MB), "mvn");
    }
    if !goals.is_empty() {
        o.add("/root/.m2".into(), true, Some(200 * MB), "mvn");
    }
    true
}

pub(super) fn rec_gradle(c: &Cmd, o: &mut Out) -> bool {
    if !matches!(c.name(), "gradle" | "gradlew") {
        return false;
    }
    let tasks: Vec<&str> = c.positional(1).collect();
    if tasks.iter().any(|t| {
        matches!(
            *t,
            "build"
                | "assemble"
                | "bootJar"
                | "jar"
                | "installDist"
                | "shadowJar"
                | "war"
                | "distTar"
        ) || t.ends_with(":build")
    }) {
        let b = join(&o.cwd, "build");
        o.add(b.clone(), true, Some(50 * MB), "gradle");
        o.area(b, Some(30 * MB), "gradle");
    }
    o.add("/root/.gradle".into(), true, Some(300 * MB), "gradle");
    true
}

/// One fixture per recogniser of this file: (recogniser, RUN text, expected effects),
/// checked by `every_recogniser_has_a_fixture_and_each_fixture_holds` in `tests.rs`.
#[cfg(test)]
pub(super) const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "mvn",
        "mvn -B package -DskipTests",
        "+ /app/target/ 50000000 [mvn]\n~ /app/target/… [mvn]\n+ /root/.m2/ 200000000 [mvn]\n",
    ),
    (
        "gradle",
        "./gradlew bootJar --no-daemon",
        "+ /app/build/ 50000000 [gradle]\n~ /app/build/… [gradle]\n+ /root/.gradle/ 300000000 [gradle]\n",
    ),
];
