// A full card number (PAN) must never reach the case file: every Luhn-valid 13–19 digit run, possibly split by
// single spaces or dashes into groups as cards print them (4-4-4-4, Amex 4-6-5), is masked to BIN (first 6) +
// last 4 before anything is stored.

// Card numbers start with 2–6 (Mastercard 2-series, Amex/Diners/JCB, Visa, Mastercard, Discover/UnionPay):
// restricting the first digit keeps order numbers and epoch-ms timestamps from being masked by chance. Groups of
// at least 3 digits keep space-separated log fields (`200 0 0 979 313 265` in an IIS log) from reading as a card.
const PAN_CANDIDATE = /(?<!\d)[2-6]\d{3}(?:[ -]?\d{3,6}){2,4}(?!\d)/g;
const PAN_PRESENT = new RegExp(PAN_CANDIDATE.source); // same pattern, no /g state

export function luhnValid(d: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = d.length - 1; i >= 0; i--) {
    let n = d.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

/** `4111111111111111` → `411111******1111`. */
export function maskPanDigits(d: string): string {
  return d.slice(0, 6) + '*'.repeat(d.length - 10) + d.slice(-4);
}

/** Returns the text with every full PAN masked (unchanged, same string, when there is none). */
export function maskPans(text: string): string {
  if (!PAN_PRESENT.test(text)) return text;
  return text.replace(PAN_CANDIDATE, (run) => {
    const d = run.replace(/[ -]/g, '');
    if (d.length < 13 || d.length > 19 || !luhnValid(d)) return run;
    return maskPanDigits(d);
  });
}

/** BIN and last 4 from a card number as an export writes it: full, masked (`411111******1111`, `4111 11** **** 1111`). */
export function binAndLast4(pan: string): { bin: string | null; last4: string | null } {
  const compact = pan.replace(/[\s-]/g, '');
  const m = /^(\d{6})?[\dX*•.#]*?(\d{4})$/i.exec(compact);
  if (!m) return { bin: null, last4: /^\d{4}$/.test(compact) ? compact : null };
  return { bin: m[1] ?? null, last4: m[2] };
}
