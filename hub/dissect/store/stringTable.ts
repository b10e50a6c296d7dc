/**
 * Interned strings of a call store: every text column and every string inside the compact KFL
 * fields is a number into this table, so a method, a header name or a path seen a million times
 * is held once. Id 0 is the empty string.
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [''];

  constructor(values?: readonly string[]) {
    this.ids.set('', 0);
    if (values) {
      for (let i = 1; i < values.length; i++) {
        this.values.push(values[i]!);
        this.ids.set(values[i]!, i);
      }
    }
  }

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(s);
      this.ids.set(s, id);
    }
    return id;
  }

  /** The id of `s` if it was interned, else -1 (a query for an unseen value matches nothing). */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  get(id: number): string {
    return this.values[id] ?? '';
  }

  get size(): number {
    return this.values.length;
  }
}
