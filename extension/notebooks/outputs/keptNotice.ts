/**
 * The line that marks an output read back from the file: what it shows is what the Hub answered
 * when the output was captured, not now.
 */

const PREFIX = 'Kept in the file';

export function keptNotice(capturedAtText: string | undefined): string {
  return `${PREFIX}; captured ${capturedAtText ?? 'at an unknown time'}. Run the cell again for current data.`;
}

/** Markdown with the notice in front (once: an output kept twice is marked once). */
export function withKeptNotice(markdown: string, notice: string): string {
  return `> ${notice}\n\n${withoutKeptNotice(markdown)}`;
}

export function withoutKeptNotice(markdown: string): string {
  if (!markdown.startsWith(`> ${PREFIX}`)) return markdown;
  const end = markdown.indexOf('\n\n');
  return end < 0 ? '' : markdown.slice(end + 2);
}
