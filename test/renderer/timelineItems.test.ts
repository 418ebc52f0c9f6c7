// The timeline's own words around case data, in French: an event's leading kind word, the strip's finding titles
// (the engine's English title kept only as a fallback), the tooltips' words.
import { describe, expect, it, vi } from 'vitest';
import { msg } from '../../src/core/i18n';

vi.stubGlobal('localStorage', { getItem: () => 'fr', setItem: () => undefined });
vi.stubGlobal('navigator', { languages: ['fr-FR'], language: 'fr-FR' });
const { bucketItems, eventItems, localEventLabel, markerItems, tipTemplate, tipText } = await import('../../src/renderer/timeline/timelineItems');

describe('timeline words in French', () => {
  it('names the kind of an event, never its data', () => {
    expect(localEventLabel('order', 'order 48218 54 EUR julien.moreau@example.net')).toBe('commande 48218 54 EUR julien.moreau@example.net');
    expect(localEventLabel('payment', 'payment 54 EUR Visa …4417 declined')).toBe('paiement 54 EUR Visa …4417 declined');
    expect(localEventLabel('antifraud_decision', 'decision')).toBe('décision antifraude');
    expect(localEventLabel('antifraud_decision', 'block Multi-CB 48218')).toBe('block Multi-CB 48218'); // the provider's word
    expect(localEventLabel('http_request', 'GET /order 200')).toBe('GET /order 200');
    expect(localEventLabel('order', 'orderly 1')).toBe('orderly 1');
  });

  it('titles a finding in the strip from its rule, with its evidence counted in French', () => {
    const fmt = vi.fn((ms: number) => `t${ms}`);
    const [mark] = markerItems([
      { id: 'finding:x', type: 'finding', start: 1, end: null, label: 'distinct cards per e-mail in 24 h', labelMsg: msg('term.rule.MC-1', { hours: 24 }), severity: 'low', eventIds: [1, 2] },
    ], fmt);
    expect(mark.text).toBe('cartes distinctes par adresse e-mail sur 24 h');
    expect(fmt).not.toHaveBeenCalled(); // its time is written when its tooltip shows
    expect(tipText(mark)).toBe('Constat\u00a0: cartes distinctes par adresse e-mail sur 24 h\nt1\n2 éléments à l’appui');
    const [decision] = markerItems([{ id: 'decision:7', type: 'decision', start: 5, end: null, label: 'BLOCK Multi-CB 48218', severity: 'high', eventIds: [7] }], fmt);
    expect(tipText(decision)).toBe('Décision antifraude\u00a0: BLOCK Multi-CB 48218\nt5\n1 élément à l’appui');
    const [old] = markerItems([{ id: 'finding:y', type: 'finding', start: 1, end: null, label: 'an older engine’s title', severity: null, eventIds: [] }], fmt);
    expect(old.text).toBe('an older engine’s title');
  });

  it('writes a bucket’s and an event’s tooltip when hovered, in French, each time the same', () => {
    const fmt = vi.fn((ms: number) => `t${ms}`);
    const [bucket] = bucketItems({ from: 0, to: 60_000, bucketMs: 60_000, total: 1234, buckets: [{ group: '1', start: 0, end: 60_000, count: 1234 }] }, fmt);
    const [event] = eventItems([{ id: 7, ts: 5, group: '1', kind: 'order', label: 'order 48218 <b>x</b>', ip: '203.0.113.9', userAgent: null, status: null, decision: null }], new Set(), null, fmt);
    expect(fmt).not.toHaveBeenCalled(); // nothing formatted before a tooltip shows
    expect(bucket.text).toBe('1\u202f234');
    expect(tipText(bucket)).toBe('1\u202f234 événements\nt0 → t60000\ncliquez pour zoomer');
    expect(tipText(bucket)).toBe(tipText(bucket));
    expect(tipText(event)).toBe('commande 48218 <b>x</b>\nt5\nadresse IP 203.0.113.9');
    expect(tipText({ tip: '' })).toBe('');
    expect(tipTemplate({ ...event, tip: '' })).toBe('');
  });
});
