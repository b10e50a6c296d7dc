/** Captured text for one-line places (tree labels, KFL comment lines): control and line-separator runs become one space. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const BREAKING = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

export function oneLine(text: string): string {
  return text.replace(BREAKING, ' ');
}
