// Throwaway e-mail domains (disposable-email-domains, MIT): one signal among several that an identity was
// made for one use. Cheap for an attacker to avoid (any free mailbox works), so it only ever adds weight.
let domains: Set<string> | null = null;

export function isDisposableDomain(email: string | null): boolean {
  if (!email) return false;
  const at = email.lastIndexOf('@');
  if (at < 0) return false;
  if (!domains) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    domains = new Set(require('disposable-email-domains') as string[]);
  }
  return domains.has(email.slice(at + 1).toLowerCase());
}
