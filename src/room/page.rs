//! The page a phone opens: one column in large type, rendered whole on the server with every
//! text escaped (maud), then kept current by a few lines of plain JavaScript that read the
//! server-sent events and set text only (`textContent`), never markup. Nothing is loaded from
//! anywhere but this page's own routes.

use maud::{DOCTYPE, Markup, html};

use super::view::{RoomView, UnitLine};

/// The page for `view`, its scripts and events under `base` ("/t/<token>").
pub fn page(view: &RoomView, base: &str) -> String {
    html! {
        (DOCTYPE)
        html lang=(view.lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="no-referrer";
                title { (view.title) }
                link rel="stylesheet" href={ (base) "/page.css" };
            }
            body data-events={ (base) "/events" } {
                header {
                    h1 #title { (view.title) }
                    p #banner class=(if view.frozen { "frozen" } else { "draft" }) { (view.banner) }
                    p #now { (view.now) }
                    p #link class="waiting" hidden { (view.words.waiting) }
                }
                main #units {
                    @for unit in &view.units {
                        (unit_card(view, unit))
                    }
                }
                script src={ (base) "/page.js" } {}
            }
        }
    }
    .into_string()
}

/// One unit: rank, name and total on top, band below, then the subtotals.
fn unit_card(view: &RoomView, unit: &UnitLine) -> Markup {
    let class = match (unit.current, unit.partial) {
        (true, true) => "unit current partial",
        (true, false) => "unit current",
        (false, true) => "unit partial",
        (false, false) => "unit",
    };
    html! {
        section class=(class) {
            div class="top" {
                span class="rank" { (unit.rank) }
                span class="name" { (unit.name) }
                span class="total" { (unit.total) }
            }
            p class="band" {
                (unit.band)
                @if unit.partial { " · " (view.words.partial) }
            }
            p class="parts" {
                @for (code, points) in view.groups.iter().zip(&unit.groups) {
                    span { (code) " " b { (points) } }
                }
                span { (view.words.bonus) " " b { (unit.bonus) } }
                span { (view.words.penalty) " " b { (unit.penalty) } }
            }
        }
    }
}

/// Large type for a phone held in one hand; the draft banner red, the frozen one blue.
pub const CSS: &str = r#"
:root { color-scheme: light dark; }
body { font-family: system-ui, sans-serif; font-size: 20px; margin: 0; padding: 12px;
       max-width: 40rem; margin-inline: auto; }
h1 { font-size: 1.2rem; margin: 0 0 .4rem; }
#banner { display: inline-block; padding: .15rem .6rem; font-weight: bold; color: #fff;
          border-radius: .3rem; margin: 0; }
#banner.draft { background: #b00020; }
#banner.frozen { background: #1a4fa0; }
#now { font-size: .9rem; opacity: .8; margin: .5rem 0; }
.waiting { color: #b00020; font-weight: bold; }
.unit { border-top: 1px solid #8888; padding: .5rem 0; }
.unit.current { background: #ffd54f33; }
.top { display: flex; align-items: baseline; gap: .6rem; }
.rank { font-size: 1.8rem; font-weight: bold; min-width: 2.2rem; }
.name { flex: 1; font-weight: bold; }
.total { font-size: 1.8rem; font-weight: bold; font-variant-numeric: tabular-nums; }
.partial .total, .partial .rank { opacity: .55; }
.band { margin: .1rem 0 .2rem 2.8rem; }
.parts { margin: 0 0 0 2.8rem; font-size: .85rem; display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
"#;

/// Follows the events: each carries the whole view, which replaces the page's texts.
pub const JS: &str = r#"
"use strict";
(function () {
  const body = document.body;
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  function show(v) {
    document.documentElement.lang = v.lang;
    document.title = v.title;
    document.getElementById("title").textContent = v.title;
    const banner = document.getElementById("banner");
    banner.textContent = v.banner;
    banner.className = v.frozen ? "frozen" : "draft";
    document.getElementById("now").textContent = v.now;
    const units = document.getElementById("units");
    const cards = v.units.map(u => {
      const card = el("section", "unit" + (u.current ? " current" : "") + (u.partial ? " partial" : ""));
      const top = el("div", "top");
      top.append(el("span", "rank", u.rank), el("span", "name", u.name), el("span", "total", u.total));
      const band = el("p", "band", u.band + (u.partial ? " · " + v.words.partial : ""));
      const parts = el("p", "parts");
      const part = (label, value) => {
        const s = el("span", null, label + " ");
        s.append(el("b", null, value));
        parts.append(s);
      };
      v.groups.forEach((g, i) => part(g, u.groups[i]));
      part(v.words.bonus, u.bonus);
      part(v.words.penalty, u.penalty);
      card.append(top, band, parts);
      return card;
    });
    units.replaceChildren(...cards);
  }
  const waiting = document.getElementById("link");
  const source = new EventSource(body.dataset.events);
  source.onmessage = (e) => {
    waiting.hidden = true;
    body.dataset.live = "yes";
    show(JSON.parse(e.data));
  };
  source.onerror = () => { waiting.hidden = false; body.dataset.live = "no"; };
})();
"#;
