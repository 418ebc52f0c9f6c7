// The renderer modules the UI bench borrows (the timeline's bucket size) read the page's language at load:
// under Node they get an empty localStorage and English. Imported first, before any renderer module.
const g = globalThis as Record<string, unknown>;
if (!g.localStorage) {
  const store = new Map<string, string>();
  g.localStorage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
}
if (!g.navigator) g.navigator = { language: 'en', languages: ['en'] };
