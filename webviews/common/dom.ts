/**
 * Building DOM without HTML strings: every text goes in through textContent (or a visible-text
 * rendering) and every attribute through setAttribute, so nothing captured is ever parsed as markup.
 */
import { appendVisible } from './visibleText';

export type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  title?: string;
  /** Attributes set verbatim (aria-*, data-*, role, type, tabindex…). */
  attrs?: Record<string, string>;
  /** Captured text: bidi, zero-width and control characters are shown as visible escapes. */
  text?: string;
  /** Text we wrote ourselves (labels, numbers). */
  plain?: string;
  onClick?: (event: MouseEvent) => void;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.title !== undefined) element.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  if (props.plain !== undefined) element.textContent = props.plain;
  if (props.text !== undefined) appendVisible(element, props.text);
  if (props.onClick) element.addEventListener('click', props.onClick as EventListener);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** Removes every child (faster than a loop of removeChild for big subtrees). */
export function clear(element: Element): void {
  element.replaceChildren();
}

/** A labelled value pair list (`<dl>`), skipping empty values. */
export function definitionList(entries: readonly (readonly [string, string | number | null | undefined])[], className = 'facts'): HTMLDListElement {
  const list = h('dl', { class: className });
  for (const [label, value] of entries) {
    if (value === undefined || value === null || value === '') continue;
    list.append(h('dt', { plain: label }), h('dd', { text: String(value) }));
  }
  return list;
}
