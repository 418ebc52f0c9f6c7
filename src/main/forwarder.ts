// Main's one path from a call (the page's IPC, a menu item, a launch) to the engine: path handles become the
// user's paths (or the call is refused before the engine sees it), then the engine answers. It tracks the open
// case (export defaults, the never-overwrite rule) and the recent list (openable by path). Pure Node: tested
// with a real engine process.
import type { RecentCase } from '../core/api/handlers';
import type { EngineClient } from './engine/client';
import type { WireResult } from './engine/protocol';
import type { PathGrants } from './pathGrants';

const CASE_METHODS = new Set(['caseOpen', 'caseCreate', 'caseOpenSample', 'caseClose']);

export interface ForwarderOptions {
  grants: PathGrants;
  engine: Pick<EngineClient, 'call'>;
  confirmReplace(path: string): Promise<boolean>;
  /** After a case was opened, created or closed (the menu's recent list changes). */
  onCaseChanged?(recent: RecentCase[]): void;
}

export class Forwarder {
  private current: string | null = null;
  private recentCases: RecentCase[] = [];

  constructor(private readonly o: ForwarderOptions) {}

  get currentCase(): string | null {
    return this.current;
  }

  get recent(): RecentCase[] {
    return this.recentCases;
  }

  isCaseMethod(method: string): boolean {
    return CASE_METHODS.has(method);
  }

  async refreshRecent(): Promise<RecentCase[]> {
    const r = await this.o.engine.call('caseRecent', {});
    this.recentCases = r.ok ? (r.value as RecentCase[]) : [];
    return this.recentCases;
  }

  async forward(method: string, args: unknown): Promise<WireResult> {
    const t = await this.o.grants.translate(method, args, {
      casePath: this.current,
      recent: this.recentCases.map((r) => r.path),
      confirmReplace: this.o.confirmReplace,
    });
    if (!t.ok) return { ok: false, error: t.error };
    const r = await this.o.engine.call(method, t.args);
    if (r.ok && CASE_METHODS.has(method)) {
      this.current = method === 'caseClose' ? null : ((r.value as { path?: string })?.path ?? null);
      const recent = await this.refreshRecent();
      this.o.onCaseChanged?.(recent);
    }
    return r;
  }
}
