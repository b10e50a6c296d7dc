/**
 * The HPACK Huffman code (RFC 7541 Appendix B). The code is canonical — codes of one length are
 * consecutive and ordered by symbol — so the code lengths alone define it; the table below holds
 * the length of each of the 257 symbols (EOS last) as one character each (`'0' + length`).
 */
const LENGTHS =
  '=GLLLLLLLHNLLNLLLLLLLLNLLLLLLLLL6::<=68;::8;8666555666666678?6<:=67777777777777777777777878=C=>6?56565666577666567655677777?;>=L' +
  'DFDDFFFGFGGGGGHGHHFGHGGGGEFGFGGHFEDFFGGEGFFHEFGGEEFEGFGGDFFFGFFGJJDCFGFIJJJKKJHICEJKKJKHEEJJLKKKDHDEFEEGFFIIHHJGJKJJKKKKKLKKKKKJN';

const EOS = 256;

/**
 * Decoding tree as a flat array: node n has children at [2n] (bit 0) and [2n + 1] (bit 1);
 * a child value ≥ 0 is the next node, a negative value is -(symbol + 1).
 */
const TREE = buildTree();

function buildTree(): Int32Array {
  const symbols = Array.from({ length: 257 }, (_, s) => s).sort((a, b) => len(a) - len(b) || a - b);
  const tree = new Int32Array(2 * 600);
  let nodes = 1;
  let code = 0;
  let prevLen = len(symbols[0]!);
  for (const s of symbols) {
    const l = len(s);
    code <<= l - prevLen;
    prevLen = l;
    let node = 0;
    for (let bit = l - 1; bit > 0; bit--) {
      const slot = 2 * node + ((code >>> bit) & 1);
      if (tree[slot] === 0) tree[slot] = nodes++;
      node = tree[slot]!;
    }
    tree[2 * node + (code & 1)] = -(s + 1);
    code++;
  }
  return tree;
}

function len(symbol: number): number {
  return LENGTHS.charCodeAt(symbol) - 48;
}

/**
 * Decodes a Huffman-coded string; null when it is invalid (EOS inside, padding longer than
 * 7 bits or not all ones — RFC 7541 §5.2).
 */
export function huffmanDecode(b: Uint8Array, start: number, end: number): Uint8Array | null {
  const out = new Uint8Array(Math.ceil(((end - start) * 8) / 5));
  let n = 0;
  let node = 0;
  let depth = 0;
  let onesOnly = true;
  for (let i = start; i < end; i++) {
    const byte = b[i]!;
    for (let bit = 7; bit >= 0; bit--) {
      const one = (byte >> bit) & 1;
      const next = TREE[2 * node + one]!;
      if (next < 0) {
        const symbol = -next - 1;
        if (symbol === EOS) return null;
        out[n++] = symbol;
        node = 0;
        depth = 0;
        onesOnly = true;
      } else {
        node = next;
        depth++;
        if (one === 0) onesOnly = false;
      }
    }
  }
  if (depth > 7 || !onesOnly) return null;
  return out.subarray(0, n);
}
