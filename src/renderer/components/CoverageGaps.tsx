// What the imported exports cannot tell (a Shopify orders export has no customer IP), each with the kind of file
// that supplies it and whether one of the case's files already does. Shown on the case home and after an import.
import type { CaseSummary } from '../../core/api/handlers';
import { tr, t } from '../i18n';

export type CoverageGap = CaseSummary['coverageGaps'][number];

export function CoverageGaps({ gaps, titled = true }: { gaps: CoverageGap[]; titled?: boolean }) {
  if (gaps.length === 0) return null;
  const list = (
    <ul className="plain coverage-gaps">
      {gaps.map((g) => (
        <li key={`${g.sourceId}:${g.field}`} data-testid="coverage-gap" data-supplied={g.suppliedBy.length > 0}>
          <strong>{g.file}</strong> — {tr().msg(g.msg, g.message)}{' '}
          {g.suppliedBy.length > 0 ? (
            <span className="ok">{t('ui.coverage.suppliedBy', { files: g.suppliedBy.map((s) => s.file) })}</span>
          ) : (
            <span className="warn-text">{t('ui.coverage.notSupplied')}</span>
          )}
        </li>
      ))}
    </ul>
  );
  if (!titled) return list;
  return (
    <section className="card" aria-labelledby="coverage-title" data-testid="coverage-gaps">
      <h2 id="coverage-title">{t('ui.coverage.title')}</h2>
      <p className="muted small">{t('ui.coverage.intro')}</p>
      {list}
    </section>
  );
}
