/**
 * Captured strings inside markdown: every ASCII punctuation character is backslash-escaped
 * (CommonMark lets any of them be), so no `<tag>`, link, entity, emphasis or table pipe in the
 * data means anything; invisible characters become visible escapes; long values are cut.
 */
import { visibleString } from './visible';

const PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Captured text as inert markdown inline text, cut at `max` characters. */
export function md(text: string, max = 200): string {
  const visible = visibleString(text);
  const cut = visible.length > max ? `${visible.slice(0, max)}…` : visible;
  return cut.replace(PUNCTUATION, '\\$&');
}

/** A `command:` link with JSON arguments, as VS Code's markdown expects them. */
export function commandLink(label: string, command: string, args?: readonly unknown[]): string {
  const query = args && args.length > 0 ? `?${encodeURIComponent(JSON.stringify(args))}` : '';
  return `[${md(label)}](command:${command}${query})`;
}

/** A GFM table; every cell is already markdown. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}
