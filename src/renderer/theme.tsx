// Light or dark theme: follows the system until the user picks one; the choice is kept in this profile only.
import { useEffect, useState } from 'react';
import { t } from './i18n';

type Theme = 'light' | 'dark';
const KEY = 'alibi.theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(t: Theme): void {
  document.documentElement.dataset.theme = t;
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => applyTheme(theme), [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      className="link theme-toggle"
      aria-pressed={theme === 'dark'}
      onClick={() => {
        localStorage.setItem(KEY, next);
        setTheme(next);
      }}
    >
      <span aria-hidden="true" className="topbar-icon">{theme === 'dark' ? '☀' : '☾'}</span>
      <span className="topbar-label">{t('ui.app.darkTheme')}</span>
    </button>
  );
}
