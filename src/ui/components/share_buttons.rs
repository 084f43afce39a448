//! The header's Share, Embed and Export controls and their popovers.
//!
//! The texts come from the pure modules (`page::share`, `page::embed`, `page::export`,
//! `analysis::export`, `page::graph_svg`); this file only wires them to buttons, and `io` to
//! the browser.

use yew::prelude::*;

use crate::analysis::{export as text_export, sort};
use crate::page::embed::{self, EmbedOptions, Pane};
use crate::page::export::{self, ExportFormat};
use crate::page::export_job;
use crate::page::share::{self, ShareState};
use crate::page::theme::Theme;
use crate::ui::io;
use crate::ui::messages::{Messages, use_messages};

use super::link_notice::link_error_text;
use crate::ui::state::{Action, AnalysisRc, State};
use crate::ui::worker;

use super::modal::use_modal;

/// A modal-free popover under the header buttons; at most one is open.
#[derive(Clone, Debug, PartialEq)]
enum Popover {
    /// The link (or why the state cannot be shared) and whether the clipboard took it.
    Share {
        url: Result<String, String>,
        copied: Option<bool>,
    },
    Embed,
    Export,
}

impl Popover {
    fn kind(&self) -> &'static str {
        match self {
            Popover::Share { .. } => "share",
            Popover::Embed => "embed",
            Popover::Export => "export",
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareButtonsProps {
    pub share: ShareState,
    /// Compared by pointer: a deep comparison walked the whole analysis on every render.
    pub analysis: AnalysisRc,
    /// The analysis is older than `share` (an edit on its way to the worker): an export
    /// made from it waits for the new one.
    #[prop_or_default]
    pub stale: bool,
    pub theme: Theme,
    pub dispatch: UseReducerDispatcher<State>,
}

/// Share (copy a link), Embed (an `<iframe>` snippet) and Export (SVG, PNG, Mermaid, DOT,
/// JSON, Markdown), placed in the header's action slot.
#[function_component(ShareButtons)]
pub fn share_buttons(props: &ShareButtonsProps) -> Html {
    let popover = use_state(|| None::<Popover>);
    // The export the worker is making, shown as loading in the menu.
    let exporting = use_state(|| None::<ExportFormat>);
    let embed_opts = use_state(EmbedOptions::default);

    let m = use_messages();
    // An export the page makes from its analysis, asked for while that analysis was older
    // than the text: made once the analysis of the text arrives, so the file never pairs
    // the new text with the old plan or graph.
    {
        let (exporting, popover) = (exporting.clone(), popover.clone());
        let made = exporting.is_some().then(|| PageExport::new(props, &m));
        use_effect_with(
            (props.analysis.clone(), props.stale, *exporting),
            move |&(_, stale, format)| {
                if let (Some(format), Some(made)) = (format, made)
                    && !stale
                    && !export_job::in_worker(format)
                {
                    made.run(format);
                    exporting.set(None);
                    popover.set(None);
                }
            },
        );
    }
    let open_kind = popover.as_ref().map(Popover::kind);
    let toggle = |kind: &'static str| {
        let popover = popover.clone();
        let share = props.share.clone();
        let m = m.clone();
        Callback::from(move |_: MouseEvent| {
            if open_kind == Some(kind) {
                popover.set(None);
                return;
            }
            let next = match kind {
                "share" => match share::link(&io::page_address(), &share) {
                    Ok(url) => {
                        let p = popover.clone();
                        let u = url.clone();
                        io::copy_text_then(&url, move |ok| {
                            p.set(Some(Popover::Share {
                                url: Ok(u.clone()),
                                copied: Some(ok),
                            }))
                        });
                        Popover::Share {
                            url: Ok(url),
                            copied: None,
                        }
                    }
                    Err(e) => Popover::Share {
                        url: Err(link_error_text(&m, &e)),
                        copied: Some(false),
                    },
                },
                "embed" => Popover::Embed,
                _ => Popover::Export,
            };
            popover.set(Some(next));
        })
    };
    let on_share = toggle("share");
    let on_embed = toggle("embed");
    let on_export = toggle("export");
    let close = {
        let popover = popover.clone();
        Callback::from(move |_: MouseEvent| popover.set(None))
    };
    let on_close = {
        let popover = popover.clone();
        Callback::from(move |()| popover.set(None))
    };

    let is = |kind: &str| open_kind == Some(kind);

    let body = match &*popover {
        None => html! {},
        Some(Popover::Share { url, copied }) => share_panel(&m, url, *copied),
        Some(Popover::Embed) => embed_panel(&m, &props.share, &embed_opts, &props.dispatch),
        Some(Popover::Export) => export_panel(&m, props, &popover, &exporting),
    };

    html! {
        <>
            <button type="button" class="btn" id="share-button" aria-haspopup="dialog"
                aria-expanded={is("share").to_string()} onclick={on_share}>{ m.t("share-button") }</button>
            <button type="button" class="btn" id="embed-button" aria-haspopup="dialog"
                aria-expanded={is("embed").to_string()} onclick={on_embed}>{ m.t("embed-button") }</button>
            <button type="button" class="btn" id="export-button" aria-haspopup="menu"
                aria-expanded={is("export").to_string()} onclick={on_export}>{ m.t("export-button") }</button>
            if popover.is_some() {
                // A transparent layer under the popover: a click anywhere else closes it.
                <div class="share-backdrop" aria-hidden="true" onclick={close.clone()} />
                <PopoverDialog opener={format!("{}-button", open_kind.unwrap_or("share"))}
                    label={m.t(match open_kind { Some("embed") => "embed-button", Some("export") => "export-label", _ => "share-button" })}
                    onclose={on_close}>
                    { body }
                    // After the body, so the focus starts on the link, the first option or
                    // the first format; the button is placed at the corner by CSS.
                    <button type="button" class="share-popover-close" aria-label={m.t("close")} onclick={close}>{ "×" }</button>
                </PopoverDialog>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct PopoverDialogProps {
    opener: AttrValue,
    label: AttrValue,
    onclose: Callback<()>,
    children: Html,
}

/// The popover's box: a dialog that holds the focus while open and gives it back to the
/// button that opened it (`modal.rs`).
#[function_component(PopoverDialog)]
fn popover_dialog(props: &PopoverDialogProps) -> Html {
    let opener: &'static str = match props.opener.as_str() {
        "embed-button" => "embed-button",
        "export-button" => "export-button",
        _ => "share-button",
    };
    let (node, onkeydown) = use_modal(opener, props.onclose.clone());
    html! {
        <div class="share-popover" role="dialog" aria-modal="true" aria-label={props.label.clone()}
            ref={node} {onkeydown}>
            { props.children.clone() }
        </div>
    }
}

fn share_panel(m: &Messages, url: &Result<String, String>, copied: Option<bool>) -> Html {
    let url = match url {
        Ok(url) => url,
        Err(why) => {
            return html! {
                <div class="share-panel" id="share-panel">
                    <p class="share-status share-warning" role="alert">{ m.f("share-impossible", &[("why", why.into())]) }</p>
                </div>
            };
        }
    };
    let status = m.t(match copied {
        Some(true) => "share-copied",
        Some(false) => "share-copy-yourself",
        None => "share-copying",
    });
    let long = share::is_long(url);
    html! {
        <div class="share-panel" id="share-panel">
            <p class="share-status" role="status">{ status }</p>
            <input class="share-url" id="share-url" readonly=true value={url.to_string()}
                aria-label={m.t("share-link")} onfocus={Callback::from(|e: FocusEvent| io::select_all(&e))} />
            <p class="share-meta">{ m.f("share-meta", &[("chars", url.chars().count().into())]) }</p>
            if long {
                <p class="share-warning" role="alert">{ m.f("share-long", &[("chars", share::LONG_LINK_CHARS.into())]) }</p>
            }
        </div>
    }
}

fn embed_panel(
    m: &Messages,
    share: &ShareState,
    opts: &UseStateHandle<EmbedOptions>,
    dispatch: &UseReducerDispatcher<State>,
) -> Html {
    let snippet = embed::iframe_snippet(
        &io::page_address(),
        opts,
        share,
        embed::default_height(&opts.panes),
    )
    .unwrap_or_else(|e| {
        m.f(
            "embed-impossible",
            &[("why", link_error_text(m, &e).as_str().into())],
        )
    });
    let toggle_pane = |pane: Pane| {
        let opts = opts.clone();
        Callback::from(move |_: Event| {
            let mut o = (*opts).clone();
            if o.panes.contains(&pane) {
                if o.panes.len() > 1 {
                    o.panes.retain(|p| *p != pane);
                }
            } else {
                // Keep the canonical order so the snippet does not depend on click order.
                o.panes.push(pane);
                sort::sort_by_key(&mut o.panes, |p| Pane::ALL.iter().position(|q| q == p));
            }
            opts.set(o);
        })
    };
    let set_theme = |theme: Theme| {
        let opts = opts.clone();
        Callback::from(move |_: Event| {
            let mut o = (*opts).clone();
            o.theme = theme;
            opts.set(o);
        })
    };
    let toggle_readonly = {
        let opts = opts.clone();
        Callback::from(move |_: Event| {
            let mut o = (*opts).clone();
            o.readonly = !o.readonly;
            opts.set(o);
        })
    };
    let copy = {
        let snippet = snippet.clone();
        let d = dispatch.clone();
        let (copied, refused) = (m.t("embed-copied"), m.t("embed-copy-yourself"));
        Callback::from(move |_: MouseEvent| {
            let d = d.clone();
            let said = (copied.clone(), refused.clone());
            io::copy_text_then(&snippet, move |ok| {
                d.dispatch(Action::Toast(Some(if ok { said.0 } else { said.1 })))
            });
        })
    };
    html! {
        <div class="embed-panel" id="embed-panel">
            <p>{ m.t("embed-intro") }</p>
            <fieldset class="embed-choose">
                <legend>{ m.t("embed-show") }</legend>
                { for Pane::ALL.iter().map(|&p| html! {
                    <label>
                        <input type="checkbox" checked={opts.shows(p)} onchange={toggle_pane(p)}
                            data-pane={p.as_str()} />
                        { m.t(&format!("pane-{}", p.as_str())) }
                    </label>
                }) }
                <label><input type="checkbox" checked={opts.readonly} onchange={toggle_readonly} id="embed-readonly" />{ m.t("embed-readonly") }</label>
            </fieldset>
            <fieldset class="embed-choose">
                <legend>{ m.t("embed-theme") }</legend>
                { for [Theme::System, Theme::Light, Theme::Dark].into_iter().map(|t| html! {
                    <label>
                        <input type="radio" name="embed-theme" checked={opts.theme == t}
                            onchange={set_theme(t)} data-theme={t.as_str()} />
                        { if t == Theme::System { m.t("embed-theme-readers") } else { m.t(&format!("theme-{}", t.as_str())) } }
                    </label>
                }) }
            </fieldset>
            <textarea class="embed-snippet" id="embed-snippet" readonly=true rows="5" aria-label={m.t("embed-snippet")}
                value={snippet} onfocus={Callback::from(|e: FocusEvent| io::select_all(&e))} />
            <button type="button" class="btn" id="embed-copy" onclick={copy}>{ m.t("embed-copy") }</button>
        </div>
    }
}

fn export_panel(
    m: &Messages,
    props: &ShareButtonsProps,
    popover: &UseStateHandle<Option<Popover>>,
    exporting: &UseStateHandle<Option<ExportFormat>>,
) -> Html {
    let item = |format: ExportFormat| {
        let busy = **exporting == Some(format);
        if export_job::in_worker(format) {
            return worker_item(m, props, popover, exporting, format, busy);
        }
        let made = PageExport::new(props, m);
        let (popover, exporting, stale) = (popover.clone(), exporting.clone(), props.stale);
        let onclick = Callback::from(move |_: MouseEvent| {
            if exporting.is_some() {
                return;
            }
            if stale {
                // Made when the analysis of the text arrives (the effect in `ShareButtons`).
                exporting.set(Some(format));
                return;
            }
            made.run(format);
            popover.set(None);
        });
        html! {
            <li role="none">
                <button type="button" role="menuitem" class="export-item" data-format={format.as_str()}
                    aria-busy={busy.then_some("true")} {onclick}>
                    { m.t(&format!("export-{}", format.as_str())) }
                    if busy { <span class="export-loading">{ " " }{ m.t("export-loading") }</span> }
                </button>
            </li>
        }
    };
    // A menu moves with the arrow keys, Home and End (the WAI-ARIA menu pattern).
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let all = ExportFormat::ALL;
        let at = io::closest_attr(&e, "data-format")
            .and_then(|f| all.iter().position(|x| x.as_str() == f));
        let next = match (e.key().as_str(), at) {
            ("ArrowDown", Some(i)) => Some((i + 1) % all.len()),
            ("ArrowUp", Some(i)) => Some((i + all.len() - 1) % all.len()),
            ("Home", _) => Some(0),
            ("End", _) => Some(all.len() - 1),
            _ => None,
        };
        if let Some(f) = next.and_then(|n| all.get(n)) {
            e.prevent_default();
            io::focus_selector(&format!("#export-menu [data-format=\"{}\"]", f.as_str()));
        }
    });
    html! {
        <ul class="export-menu" id="export-menu" role="menu" aria-label={m.t("export-label")} {onkeydown}>
            { for ExportFormat::ALL.into_iter().map(item) }
        </ul>
    }
}

/// An export the page makes itself from its analysis (SVG, PNG, Mermaid, Markdown): what it
/// needs, taken at a render.
struct PageExport {
    share: ShareState,
    analysis: AnalysisRc,
    dark: bool,
    // Exports for people (SVG, PNG, Markdown) speak the page's language.
    words: Messages,
    dispatch: UseReducerDispatcher<State>,
}

impl PageExport {
    fn new(props: &ShareButtonsProps, m: &Messages) -> Self {
        PageExport {
            share: props.share.clone(),
            analysis: props.analysis.clone(),
            dark: props.theme == Theme::Dark
                || (props.theme == Theme::System && io::prefers_dark()),
            words: m.clone(),
            dispatch: props.dispatch.clone(),
        }
    }

    /// Downloads (or copies, for Markdown) the export in `format`.
    fn run(&self, format: ExportFormat) {
        let (a, words) = (&self.analysis, &self.words);
        let name = format.file_name();
        match format {
            ExportFormat::Svg => {
                io::download_text(name, format.mime(), &export::graph_svg(a, self.dark, words))
            }
            ExportFormat::Png => {
                io::download_svg_as_png(name, &export::graph_svg(a, self.dark, words))
            }
            ExportFormat::Mermaid => {
                io::download_text(name, format.mime(), &text_export::to_mermaid(a))
            }
            // Made by the worker (`worker_item`).
            ExportFormat::Dot | ExportFormat::Json => {}
            ExportFormat::Markdown => {
                let link = share::link(&io::page_address(), &self.share).ok();
                let mermaid = text_export::to_mermaid(a);
                let md = export::markdown(words, &self.share, a, &mermaid, link.as_deref());
                let d = self.dispatch.clone();
                let said = (
                    words.t("export-markdown-copied"),
                    words.t("export-no-clipboard"),
                );
                io::copy_text_then(&md, move |ok| {
                    d.dispatch(Action::Toast(Some(if ok { said.0 } else { said.1 })))
                });
            }
        }
    }
}

/// A menu item whose export the worker makes (`page::export_job`): the first click loads the
/// worker, so the item says it is loading until the file is downloaded; a failure is told in
/// a toast and the item works again (the next click starts a new worker).
fn worker_item(
    m: &Messages,
    props: &ShareButtonsProps,
    popover: &UseStateHandle<Option<Popover>>,
    exporting: &UseStateHandle<Option<ExportFormat>>,
    format: ExportFormat,
    busy: bool,
) -> Html {
    let label = m.t(&format!("export-{}", format.as_str()));
    let onclick = {
        let share = props.share.clone();
        let d = props.dispatch.clone();
        let (label, m) = (label.clone(), m.clone());
        let popover = popover.clone();
        let exporting = exporting.clone();
        Callback::from(move |_: MouseEvent| {
            if exporting.is_some() {
                return;
            }
            exporting.set(Some(format));
            let d = d.clone();
            let popover = popover.clone();
            let exporting = exporting.clone();
            let (label, m) = (label.clone(), m.clone());
            worker::export(export_job::request(format, &share), move |made| {
                exporting.set(None);
                match made {
                    Ok(text) => {
                        io::download_text(format.file_name(), format.mime(), &text);
                        popover.set(None);
                    }
                    // The worker's reason is the browser's own English.
                    Err(why) => d.dispatch(Action::Toast(Some(m.f(
                        "export-failed",
                        &[
                            ("format", label.as_str().into()),
                            ("why", why.as_str().into()),
                        ],
                    )))),
                }
            });
        })
    };
    html! {
        <li role="none">
            <button type="button" role="menuitem" class="export-item" data-format={format.as_str()}
                aria-busy={busy.then_some("true")} {onclick}>
                { label }
                if busy { <span class="export-loading">{ " " }{ m.t("export-loading") }</span> }
            </button>
        </li>
    }
}
