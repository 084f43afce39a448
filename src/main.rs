//! The web app's entry point: Trunk builds this binary to wasm and it mounts the Yew app.

fn main() {
    stageplay::ui::start();
}
