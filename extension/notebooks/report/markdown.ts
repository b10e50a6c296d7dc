/**
 * The notebook's markdown cells in the report, rendered by markdown-it with raw HTML off (markup
 * in a note shows as text). Links and images would be requests or ways out of a self-contained
 * file: they render as inert text with their address beside them.
 */
import MarkdownIt from 'markdown-it';
import { escapeHtml } from '../../util/escapeHtml';

/** Addresses of the links being rendered, innermost last (a type alias: markdown-it's Env is an index type). */
type RenderEnv = { hrefs: string[] };

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
const hrefsOf = (env: unknown): string[] => (env as RenderEnv).hrefs;

markdown.renderer.rules.link_open = (tokens, index, _options, env) => {
  hrefsOf(env).push(String(tokens[index]!.attrGet('href') ?? ''));
  return '<span class="link">';
};
markdown.renderer.rules.link_close = (_tokens, _index, _options, env) => {
  const href = hrefsOf(env).pop() ?? '';
  return `</span>${href ? `<span class="url"> (${escapeHtml(href)})</span>` : ''}`;
};
markdown.renderer.rules.image = (tokens, index) => {
  const token = tokens[index]!;
  const alt = token.children?.map((c) => c.content).join('') ?? token.content;
  return `<span class="image">[image: ${escapeHtml(alt)} (${escapeHtml(String(token.attrGet('src') ?? ''))})]</span>`;
};

export function renderMarkdown(source: string): string {
  const env: RenderEnv = { hrefs: [] };
  return markdown.render(source, env);
}
