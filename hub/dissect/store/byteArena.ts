/**
 * An append-only byte area for the compact per-call fields: varint-encoded, addressed by offset,
 * grown in fixed blocks so that a million small records are not a million allocations. A record
 * never spans blocks (and is at most one block long), so an offset finds its block by division.
 */
export const ARENA_BLOCK = 1 << 20;
const BLOCK = ARENA_BLOCK;

export class ByteArena {
  private blocks: Uint8Array[] = [new Uint8Array(BLOCK)];
  private used = 0;
  /** Total bytes written. */
  length = 0;

  /** Appends one record (at most ARENA_BLOCK bytes); returns its offset. */
  append(bytes: Uint8Array): number {
    if (bytes.length > BLOCK) throw new RangeError(`record of ${bytes.length} bytes exceeds the arena block`);
    if (this.used + bytes.length > BLOCK) {
      this.blocks.push(new Uint8Array(BLOCK));
      this.length += BLOCK - this.used;
      this.used = 0;
    }
    const at = this.length;
    this.blocks[this.blocks.length - 1]!.set(bytes, this.used);
    this.used += bytes.length;
    this.length += bytes.length;
    return at;
  }

  /** The block holding `offset` and the position in it. */
  locate(offset: number): [Uint8Array, number] {
    if (this.blocks.length === 1) return [this.blocks[0]!, offset];
    const index = Math.floor(offset / BLOCK);
    return [this.blocks[index]!, offset - index * BLOCK];
  }

  /** Blocks trimmed to what is used, for writing to disk. */
  chunks(): Uint8Array[] {
    return this.blocks.map((b, i) => (i === this.blocks.length - 1 ? b.subarray(0, this.used) : b));
  }

  /** An arena over bytes read back from disk (one block, however large). */
  static from(bytes: Uint8Array): ByteArena {
    const arena = new ByteArena();
    arena.blocks = [bytes];
    arena.used = bytes.length;
    arena.length = bytes.length;
    return arena;
  }
}
