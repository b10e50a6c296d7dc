/**
 * HTML text from captured strings: every character that means something in HTML is an entity,
 * and invisible or direction-changing characters show as marked escapes (`\u202E`).
 */
import { escapeHtml } from '../../util/escapeHtml';
import { visibleParts } from '../outputs/visible';

/** Captured text as HTML: escaped, invisible characters as `<span class="esc">` escapes. */
export function visibleHtml(text: string): string {
  return visibleParts(text).map((p) => (p.escape ? `<span class="esc" title="invisible or direction-changing character">${escapeHtml(p.text)}</span>` : escapeHtml(p.text))).join('');
}

/** Multi-line captured text for a `<pre>`: line breaks stay line breaks, everything else as visibleHtml. */
export function visibleBlockHtml(text: string): string {
  return text.split(/\r?\n/).map(visibleHtml).join('\n');
}

/** A table of already-HTML cells; `numeric` columns are right-aligned. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number> = new Set()): string {
  const cls = (i: number): string => (numeric.has(i) ? ' class="num"' : '');
  return `<table><thead><tr>${headers.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${
    rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** A definition list of label → HTML value, skipping empty values. */
export function facts(entries: readonly (readonly [string, string | undefined])[]): string {
  const shown = entries.filter(([, v]) => v !== undefined && v !== '');
  return `<dl class="facts">${shown.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}
