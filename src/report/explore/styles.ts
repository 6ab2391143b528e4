/** explore.html's inline CSS: a full-window graph beside a details panel. */
export const EXPLORE_STYLES = `
* { box-sizing: border-box; }
/* Shown whole once drawn: each partial frame painted while the graph loads
   delays the WebGL set-up behind it, about a third of the load without a GPU. */
body:not([data-ready]):not([data-failed]) { visibility: hidden; }
html, body { height: 100%; margin: 0; }
body { font: 13px/1.35 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif; color: #111;
  display: grid; grid-template-rows: auto auto auto 1fr auto; }
header { display: flex; gap: 16px; align-items: baseline; padding: 6px 10px; border-bottom: 1px solid #cbd5e1; }
h1 { font-size: 15px; margin: 0; }
h2 { font-size: 15px; margin: 0 0 6px; overflow-wrap: anywhere; }
h3 { font-size: 13px; margin: 10px 0 4px; }
#toolbar { display: flex; flex-wrap: wrap; gap: 6px; padding: 6px 10px; background: #f8fafc; border-bottom: 1px solid #cbd5e1; }
#toolbar input, #toolbar select, button { font: inherit; padding: 3px 6px; }
#search { width: 22em; } #min-amount { width: 11em; }
#toolbar select { max-width: 16em; }
input.invalid { outline: 2px solid #b91c1c; }
#search-results { list-style: none; margin: 0; padding: 0 10px; max-height: 9em; overflow: auto; }
main { display: grid; grid-template-columns: 1fr 420px; min-height: 0; }
#graph { position: relative; min-height: 300px; background: #fff; overflow: hidden; }
#graph canvas.picture { position: absolute; inset: 0; pointer-events: none; transform-origin: 0 0; }
#panel { overflow: auto; padding: 10px; border-left: 1px solid #cbd5e1; background: #fcfcfd; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0 0 6px; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { border: 1px solid #cbd5e1; padding: 2px 4px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
ul.txs, ul.evidence, ul.labels { padding-left: 16px; margin: 4px 0; }
ul.labels li { margin-bottom: 4px; overflow-wrap: anywhere; }
.mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
.muted { color: #555; }
.hit { border-left: 4px solid #b91c1c; background: #fef3c7; padding: 4px 8px; margin: 6px 0; }
button.linkish { border: none; background: none; color: #1d4ed8; padding: 0; cursor: pointer; text-align: left; }
a { color: #1d4ed8; }
footer { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 4px 10px; border-top: 1px solid #cbd5e1; background: #f8fafc; }
#legend { display: flex; flex-wrap: wrap; gap: 2px 14px; list-style: none; margin: 0; padding: 0; }
.sw { display: inline-block; width: 12px; height: 12px; border: 2px solid; border-radius: 50%; vertical-align: middle; margin-right: 4px; }
.sw.edge { border-radius: 0; height: 3px; border: none; background: #94a3b8; }
.sw.edge.swap { height: 0; background: none; border-top: 3px dashed; }
.sw.band { border-radius: 0; border-width: 1px; width: 18px; }
.memo { white-space: pre-wrap; }
#tooltip { position: fixed; z-index: 10; max-width: 360px; pointer-events: none; background: #111827; color: #fff; padding: 5px 8px; border-radius: 4px; font-size: 12px; }
#tooltip .mono { font-size: 11px; }
`
