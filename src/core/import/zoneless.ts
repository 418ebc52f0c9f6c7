// Pure (no Node, no DOM): used by the import preview and by the wizard when the user maps a timestamp column.

/** A date with no Z, no ±hh:mm offset and no zone name: its zone must be supplied. */
export function isZoneless(v: string): boolean {
  const s = v.trim();
  if (!/\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(s)) return false;
  return !/(Z|[+-]\d{2}:?\d{2}|UTC|GMT)$/i.test(s);
}
