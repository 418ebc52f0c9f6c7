// Paths chosen by the user, not by the page. The renderer never handles real file paths it could forge: main's
// dialogs (and trusted drops) hand it opaque handles, `alibi-picked:<random>/<file name>`, and every API call
// that names a file is rewritten here, before it reaches the engine, from handle to the path the user picked.
// Anything else is refused — except a bare file name for an export, which lands in the open case's own folder,
// and a case from the recent list. Exports never overwrite the open case or its sidecar files; replacing any
// other existing file needs the user's yes (the save dialog's, or main's own question). Pure Node.
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ENGINE_ERRORS } from './engine/protocol';

export type GrantMode = 'read' | 'write';
/** The API methods whose arguments name files or folders. */
export const PATH_METHODS: ReadonlySet<string> = new Set<string>();
const PREFIX = 'alibi-picked:';
const MAX_GRANTS = 2000;

interface Grant {
  path: string;
  mode: GrantMode;
  /** The OS save dialog already asked about replacing an existing file. */
  confirmed: boolean;
}

export interface PathError {
  code: string;
  message: string;
  hint: string;
}

/**
 * Which argument of which method is a path (`key`, default `path`), and how it is used. Every API method with a
 * path-like argument must be listed (test/main/pathGrants.test.ts checks the registry's schemas).
 */
const PATH_ARGS: Record<string, { mode: GrantMode | 'case' | 'export'; files?: true; key?: string }> = {
  caseOpen: { mode: 'case' },
  caseCheck: { mode: 'read' },
  // Writes a folder: only one the user chose as a save target (the page has no folder picker, so: refused).
  sampleBuild: { mode: 'write', key: 'dir' },
  caseCreate: { mode: 'write' },
  importPreview: { mode: 'read' },
  importStart: { mode: 'read', files: true },
  reportExport: { mode: 'export' },
  shareCopy: { mode: 'export' },
  csvExport: { mode: 'export' },
  gridExport: { mode: 'export' },
};

for (const m of Object.keys(PATH_ARGS)) (PATH_METHODS as Set<string>).add(m);

export interface TranslateContext {
  /** The open case, for default export folders and the never-overwrite rule. */
  casePath: string | null;
  /** Cases the user opened before (the recent list main shows): openable by path. */
  recent: readonly string[];
  /** Asked when an export would replace an existing file the user has not confirmed; true = replace. */
  confirmReplace(path: string): Promise<boolean>;
}

/** The path as the file system sees it (symlinks resolved, even when the file itself does not exist yet). */
export function realTarget(p: string): string {
  const abs = resolve(p);
  try {
    return realpathSync.native(abs);
  } catch {
    try {
      return join(realpathSync.native(dirname(abs)), basename(abs));
    } catch {
      return abs;
    }
  }
}

/** The case file and every file SQLite or Alibi keeps beside it. */
export function caseFiles(casePath: string): string[] {
  const c = realTarget(casePath);
  return [c, `${c}-wal`, `${c}-shm`, `${c}-journal`, `${c}.lock`];
}

export class PathGrants {
  private readonly grants = new Map<string, Grant>();

  /** A handle for a path the user chose in a main-owned dialog (or dropped on the window). */
  grant(path: string, mode: GrantMode, confirmed = false): string {
    const handle = `${PREFIX}${randomBytes(16).toString('hex')}/${basename(path)}`;
    this.grants.set(handle, { path: resolve(path), mode, confirmed });
    if (this.grants.size > MAX_GRANTS) this.grants.delete(this.grants.keys().next().value!);
    return handle;
  }

  /** The granted path, if `value` is a handle given for this use ('write' handles may also be read). */
  resolve(value: string, mode: GrantMode): Grant | null {
    const g = this.grants.get(value);
    if (!g || (mode === 'write' && g.mode !== 'write')) return null;
    return g;
  }

  /**
   * `args` with every path argument replaced by the real path, or the reason it is refused. Methods without a
   * path argument pass unchanged; malformed arguments are left for the engine's schema check to refuse.
   */
  async translate(method: string, args: unknown, ctx: TranslateContext): Promise<{ ok: true; args: unknown } | { ok: false; error: PathError }> {
    const spec = PATH_ARGS[method];
    if (!spec || !args || typeof args !== 'object') return { ok: true, args };
    const a = args as Record<string, unknown>;
    if (spec.files) {
      if (!Array.isArray(a.files)) return { ok: true, args };
      const files: unknown[] = [];
      for (const f of a.files) {
        if (!f || typeof f !== 'object' || typeof (f as { path?: unknown }).path !== 'string') {
          files.push(f);
          continue;
        }
        const r = this.readPath((f as { path: string }).path);
        if (!r.ok) return r;
        files.push({ ...(f as object), path: r.path });
      }
      return { ok: true, args: { ...a, files } };
    }
    const key = spec.key ?? 'path';
    if (typeof a[key] !== 'string') return { ok: true, args };
    const value = a[key] as string;
    if (spec.mode === 'export') {
      const e = await this.exportPath(value, ctx);
      // Whether an existing file may be replaced is the user's answer, never the page's: the engine refuses
      // to overwrite unless told, and only main tells it.
      return e.ok ? { ok: true, args: { ...a, [key]: e.path, overwrite: e.replace } } : e;
    }
    let r: { ok: true; path: string } | { ok: false; error: PathError };
    if (spec.mode === 'read') r = this.readPath(value);
    else if (spec.mode === 'case') r = ctx.recent.includes(value) ? { ok: true, path: value } : this.readPath(value);
    else {
      const g = this.resolve(value, 'write');
      r = g ? { ok: true, path: g.path } : refused(value);
    }
    return r.ok ? { ok: true, args: { ...a, [key]: r.path } } : r;
  }

  private readPath(value: string): { ok: true; path: string } | { ok: false; error: PathError } {
    const g = this.resolve(value, 'read');
    return g ? { ok: true, path: g.path } : refused(value);
  }

  /** The export target, and whether the user agreed to replace the existing file there (`replace`). */
  private async exportPath(value: string, ctx: TranslateContext): Promise<{ ok: true; path: string; replace: boolean } | { ok: false; error: PathError }> {
    const g = this.resolve(value, 'write');
    let target: string;
    if (g) target = g.path;
    else if (ctx.casePath && isBareFileName(value)) target = join(dirname(resolve(ctx.casePath)), value);
    else return refused(value);
    if (ctx.casePath && caseFiles(ctx.casePath).includes(realTarget(target))) {
      return {
        ok: false,
        error: { code: 'export-over-case', message: `${basename(target)} is the open case (or one of its files): an export never replaces it`, hint: 'choose another file name' },
      };
    }
    if (!existsSync(target)) return { ok: true, path: target, replace: false };
    if (statSync(target).isDirectory()) return { ok: false, error: { code: 'export-is-folder', message: `${basename(target)} is a folder`, hint: 'choose a file name' } };
    if (!g?.confirmed && !(await ctx.confirmReplace(target))) {
      return { ok: false, error: { code: ENGINE_ERRORS.cancelled, message: `${basename(target)} was kept: nothing exported`, hint: 'choose another file name' } };
    }
    return { ok: true, path: target, replace: true };
  }
}

/** A file name with no folder part: `report.pdf`, not `../x`, `/etc/x` or `C:x`. */
export function isBareFileName(value: string): boolean {
  return value.length > 0 && value.length <= 255 && !/[/\\:\0]/.test(value) && value !== '.' && value !== '..' && !/^\.+$/.test(value);
}

function refused(value: string): { ok: false; error: PathError } {
  return {
    ok: false,
    error: {
      code: ENGINE_ERRORS.pathNotGranted,
      message: `the app only uses files you chose: ${JSON.stringify(value.slice(0, 120))} was not chosen in a file dialog`,
      hint: 'use the Choose… button (or drop the file on the window)',
    },
  };
}
