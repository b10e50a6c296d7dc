/**
 * The report's only stylesheet, inlined (its hash is the one style the report's CSP allows). No
 * url(), no fonts, no imports: the file makes no request. Printable: black on white, tables
 * repeat their headers, sections avoid breaking inside.
 */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; --bad: #b42318; --warn: #9a6700; --ok: #1a7f37; --mark: #fff8c5; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --head: #151b23; --bad: #ff7b72; --warn: #d29922; --ok: #3fb950; --mark: #3b2f00; } }
* { box-sizing: border-box; }
body { font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); margin: 0 auto; max-width: 1200px; padding: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 16px; }
header .sub, .caption, .meta { color: var(--muted); }
code, pre, .mono, td.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
pre { background: var(--head); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; word-break: break-all; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: var(--head); font-weight: 600; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 16px; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.cell { margin: 20px 0; } .cell .label { color: var(--muted); font-size: 12px; }
.output { border-left: 3px solid var(--line); padding-left: 12px; margin: 8px 0 8px 2px; }
.error { border-left-color: var(--bad); } .error .title { color: var(--bad); font-weight: 600; }
.kept { background: var(--mark); padding: 2px 6px; border-radius: 4px; }
.esc { border: 1px solid var(--warn); border-radius: 3px; padding: 0 2px; color: var(--warn); font-family: ui-monospace, monospace; font-size: 0.9em; }
.s-error { color: var(--bad); font-weight: 600; } .s-client-error, .s-no-response { color: var(--warn); } .s-ok { color: var(--ok); }
.link { text-decoration: underline dotted; } .url, .image { color: var(--muted); overflow-wrap: anywhere; }
.pinned { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
.hash { font-family: ui-monospace, monospace; font-size: 12px; overflow-wrap: anywhere; }
nav ol { padding-left: 20px; } footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print {
  :root { color-scheme: light; --fg: #000; --muted: #444; --line: #999; --head: #eee; --mark: #eee; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  h2 { break-after: avoid; } .cell, .pinned, table, pre, dl.facts { break-inside: avoid-page; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  pre { white-space: pre-wrap; }
}
`;
