// Escaping for the report: every interpolated value is text unless it is already SafeHtml, so a
// User-Agent carrying <script> or a URL can only ever appear as characters on the page.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Most characters of one case value the report shows. A log line or CSV cell can be megabytes (six 60 MB
 * values made a 1.3 GB report); the full value stays in the case file and the CSV export.
 */
export const MAX_RENDERED_CHARS = 4000;

/**
 * Bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069) and the implicit marks (U+200E/F, U+061C)
 * can make a value display as something else ("gpj.exe" shown as "exe.jpg"); they are shown as U+FFFD,
 * as the CLI shows them as `?`. C0/C1 controls, which HTML forbids or hides, likewise.
 */
const HIDDEN_OR_REORDERING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/g;

/** Escapes text for element content and quoted attributes; caps its length, neutralises controls and bidi overrides. */
export function esc(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (text.length > MAX_RENDERED_CHARS) {
    text = `${text.slice(0, MAX_RENDERED_CHARS)}… [${text.length - MAX_RENDERED_CHARS} more characters not shown; the full value is in the case file]`;
  }
  return text.replace(HIDDEN_OR_REORDERING, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

type Part = SafeHtml | string | number | null | undefined | boolean | Part[];

function render(part: Part): string {
  if (Array.isArray(part)) return part.map(render).join('');
  if (part instanceof SafeHtml) return part.value;
  if (part === false || part === null || part === undefined) return '';
  return esc(part);
}

/** Tagged template: literal parts are markup, every `${value}` is escaped (arrays are joined). */
export function html(strings: TemplateStringsArray, ...values: Part[]): SafeHtml {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new SafeHtml(out);
}

/** Shortens a long case value for display; the full value is in the case file and the CSV export. */
export function clip(text: string | null | undefined, max: number): string {
  if (!text) return '';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
