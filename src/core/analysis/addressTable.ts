// Per-address items found by the address's text without hashing the text. The per-address pass looks up the
// address of every one of a million rows, each a new string read from SQLite: a Map by text hashes it and compares
// it with the key's characters, cache misses included (40% of the pass's own work). A dotted-quad IPv4 address in
// its canonical form is read as its 32-bit number instead and found in an open-addressing table of typed arrays;
// any other text (IPv6, a non-canonical or unparsable address) goes through a Map by text. The canonical form keeps
// the answers of a Map by text: two different texts never share a number ("01.2.3.4" is not "1.2.3.4").

const NOT_V4 = -1;

/** The 32-bit number of a canonical dotted-quad IPv4 text (decimal octets 0–255, no leading zero), else -1. */
export function canonicalIpv4(s: string): number {
  const n = s.length;
  if (n < 7 || n > 15) return NOT_V4;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return NOT_V4;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return NOT_V4; // a leading zero
      part = part * 10 + (c - 48);
      if (part > 255) return NOT_V4;
      digits++;
    } else return NOT_V4;
  }
  if (dots !== 3 || digits === 0) return NOT_V4;
  return value * 256 + part;
}

export class AddressTable<T> {
  private keys = new Uint32Array(1 << 12);
  /** 1 + the item's index, 0 for an empty slot. */
  private slots = new Int32Array(1 << 12);
  private shift = 32 - 12;
  private readonly items: T[] = [];
  private readonly other = new Map<string, T>();

  get(text: string): T | undefined {
    const v = canonicalIpv4(text);
    if (v === NOT_V4) return this.other.get(text);
    const mask = this.slots.length - 1;
    for (let i = this.slot(v); ; i = (i + 1) & mask) {
      const s = this.slots[i];
      if (s === 0) return undefined;
      if (this.keys[i] === v) return this.items[s - 1];
    }
  }

  /** Adds the item of an address not in the table yet. */
  add(text: string, item: T): void {
    const v = canonicalIpv4(text);
    if (v === NOT_V4) {
      this.other.set(text, item);
      return;
    }
    this.items.push(item);
    if (this.items.length * 2 > this.slots.length) this.grow();
    this.place(v, this.items.length);
  }

  private slot(v: number): number {
    return Math.imul(v | 0, 0x9e3779b1) >>> this.shift;
  }

  private place(v: number, slot: number): void {
    const mask = this.slots.length - 1;
    let i = this.slot(v);
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.keys[i] = v;
    this.slots[i] = slot;
  }

  private grow(): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Uint32Array(keys.length * 2);
    this.slots = new Int32Array(slots.length * 2);
    this.shift--;
    for (let i = 0; i < slots.length; i++) if (slots[i] !== 0) this.place(keys[i], slots[i]);
  }
}
