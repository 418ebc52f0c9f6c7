// Errors on a French screen: the engine's errors carry their message ids (ErrorData.msg/hintMsg, passed on by
// the preload and the bridge) and are said in French; system errors too; an error without ids keeps its words.
import { describe, expect, it, vi } from 'vitest';

vi.stubGlobal('localStorage', { getItem: () => 'fr', setItem: () => undefined });
vi.stubGlobal('navigator', { languages: ['fr-FR'], language: 'fr-FR' });
const { errorText } = await import('../../src/renderer/useAsync');

describe('error texts on a French screen', () => {
  it('says the engine’s error and its hint in French', () => {
    const e = {
      code: 'exists', message: '/home/ana/a.alibi already exists', hint: 'choose another file name or open the existing case',
      msg: { id: 'error.caseExists', path: '/home/ana/a.alibi' }, hintMsg: { id: 'error.caseExists.hint' },
    };
    expect(errorText(e)).toBe('/home/ana/a.alibi existe déjà — choisissez un autre nom de fichier ou ouvrez le dossier existant');
  });

  it('says a system error in French, and keeps the words of an error without ids', () => {
    expect(errorText(new Error("ENOENT: no such file or directory, open '/home/ana/exports/orders.csv'"))).toBe(
      'orders.csv est introuvable\u00a0: il a peut-être été déplacé, renommé ou supprimé. Choisissez à nouveau le fichier.',
    );
    expect(errorText({ message: 'bad header', hint: 'map the date column' })).toBe('bad header — map the date column');
  });
});
