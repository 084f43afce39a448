//! Recognisers for .NET: `dotnet publish`, `dotnet build`, `dotnet restore`.

use crate::files::context::join;

use super::{Cmd, MB, Out};

pub(super) fn rec_dotnet(c: &Cmd, o: &mut Out) -> bool {
    if c.name() != "dotnet" {
        return false;
    }
    match c.sub() {
        Some("publish") => {
            let dir = c
                .opt(&["-o"], &["--output"])
                .map_or_else(|| join(&o.cwd, "bin"), |d| o.resolve(d));
            o.add(dir.clone(), true, Some(80 * MB), "dotnet");
            o.area(dir, Some(MB), "dotnet");
        }
        Some("build") => {
            let dir = c
                .opt(&["-o"], &["--output"])
                .map_or_else(|| join(&o.cwd, "bin"), |d| o.resolve(d));
            o.add(dir.clone(), true, Some(50 * MB), "dotnet");
            o.area(dir, Some(MB), "dotnet");
        }
        Some("restore") => {}
        _ => return false,
    }
    // publish and build restore first unless told not to.
    if !c.has("--no-restore") {
        o.add(
            "/root/.nuget/packages".into(),
            true,
            Some(150 * MB),
            "dotnet",
        );
    }
    true
}

/// One fixture per recogniser of this file: (recogniser, RUN text, expected effects),
/// checked by `every_recogniser_has_a_fixture_and_each_fixture_holds` in `tests.rs`.
#[cfg(test)]
pub(super) const FIXTURES: &[(&str, &str, &str)] = &[(
    "dotnet",
    "dotnet publish -c Release -o /app/publish",
    "+ /app/publish/ 80000000 [dotnet]\n~ /app/publish/… [dotnet]\n+ /root/.nuget/packages/ 150000000 [dotnet]\n",
)];
