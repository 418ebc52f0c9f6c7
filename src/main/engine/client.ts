// Main's side of the engine channel: sends API calls to the engine process and matches the answers, relays
// its events, says when a call has been running long (so the window can show it) and cancels one by stopping
// the engine — a synchronous analysis cannot be interrupted any other way; SQLite rolls back whatever it was
// writing. The next call starts a fresh engine, which reopens the case that was open. Pure Node (the child
// is whatever `spawn` returns), so it is tested with a real Node child process.
import { ENGINE_ERRORS, type FromEngine, type ToEngine, type WireResult } from './protocol';

export interface EngineChild {
  post(msg: ToEngine): void;
  onMessage(cb: (msg: FromEngine) => void): void;
  onExit(cb: (code: number | null) => void): void;
  kill(): void;
}

export interface Busy {
  method: string;
  since: number;
}

export interface EngineHooks {
  onEvent(channel: string, payload: unknown): void;
  /** A request only main can serve (PDF printing); resolves when done, rejects with a message to return. */
  onHostRequest(req: Extract<FromEngine, { type: 'host-request' }>): Promise<void>;
  /** The oldest call still running once it passes `busyAfterMs`, then null when none runs. */
  onBusy?(busy: Busy | null): void;
  busyAfterMs?: number;
}

const CASE_OPENERS = new Set(['caseOpen', 'caseCreate', 'caseOpenSample']);

interface Running {
  engine: EngineChild;
  ready: Promise<string[]>;
  pending: Map<number, { method: string; since: number; resolve(r: WireResult): void }>;
}

export class EngineClient {
  private running: Running | null = null;
  private nextId = 1;
  /** The case the engine has open: reopened after a restart, so cancelling does not close the user's case. */
  private openCase: string | null = null;
  private busyTimer: NodeJS.Timeout | null = null;
  private busy: Busy | null = null;

  constructor(
    private readonly spawn: () => EngineChild,
    private readonly hooks: EngineHooks,
  ) {}

  /** The engine's API methods (starts it if needed). */
  methods(): Promise<string[]> {
    return this.start().ready;
  }

  async call(method: string, args: unknown): Promise<WireResult> {
    const fresh = !this.running;
    const r = this.start();
    try {
      await r.ready;
    } catch (e) {
      return { ok: false, error: { code: ENGINE_ERRORS.stopped, message: `the engine could not start: ${(e as Error).message}`, hint: 'restart Alibi; if it happens again, reinstall it' } };
    }
    if (fresh && this.openCase && method !== 'caseOpen' && method !== 'caseCreate' && method !== 'caseOpenSample') {
      const reopen = await this.send(r, 'caseOpen', { path: this.openCase });
      if (!reopen.ok) this.openCase = null;
    }
    const result = await this.send(r, method, args);
    if (result.ok && CASE_OPENERS.has(method)) this.openCase = (result.value as { path?: string })?.path ?? null;
    if (result.ok && method === 'caseClose') this.openCase = null;
    return result;
  }

  /** Stops the running calls (answered "cancelled"); false when nothing was running. */
  cancel(): boolean {
    const r = this.running;
    if (!r || r.pending.size === 0) return false;
    this.stop(r, { code: ENGINE_ERRORS.cancelled, message: 'cancelled', hint: 'the case is as it was before this operation' });
    return true;
  }

  dispose(): void {
    if (this.running) this.stop(this.running, { code: ENGINE_ERRORS.stopped, message: 'the app is closing' });
  }

  private start(): Running {
    if (this.running) return this.running;
    const engine = this.spawn();
    const pending: Running['pending'] = new Map();
    let readyResolve!: (m: string[]) => void;
    let readyReject!: (e: Error) => void;
    const ready = new Promise<string[]>((res, rej) => {
      readyResolve = res;
      readyReject = rej;
    });
    ready.catch(() => {}); // a failed start is reported through the calls waiting on it
    const r: Running = { engine, ready, pending };
    engine.onMessage((msg) => {
      if (msg.type === 'ready') readyResolve(msg.methods);
      else if (msg.type === 'result') this.settle(r, msg.id, msg.result);
      else if (msg.type === 'event') this.hooks.onEvent(msg.channel, msg.payload);
      else if (msg.type === 'host-request') {
        this.hooks.onHostRequest(msg).then(
          () => engine.post({ type: 'host-reply', id: msg.id, ok: true }),
          (e: unknown) => engine.post({ type: 'host-reply', id: msg.id, ok: false, error: String((e as Error)?.message ?? e) }),
        );
      }
    });
    engine.onExit((code) => {
      if (this.running !== r) return;
      readyReject(new Error(`the engine process exited (code ${code})`));
      this.stop(r, {
        code: ENGINE_ERRORS.stopped,
        message: `the engine process stopped unexpectedly (exit code ${code})`,
        hint: 'try again: the case is reopened as it was saved (every change is written in its own transaction)',
      });
    });
    this.running = r;
    return r;
  }

  private send(r: Running, method: string, args: unknown): Promise<WireResult> {
    const id = this.nextId++;
    return new Promise<WireResult>((resolve) => {
      r.pending.set(id, { method, since: Date.now(), resolve });
      r.engine.post({ type: 'call', id, method, args });
      this.updateBusy();
    });
  }

  private settle(r: Running, id: number, result: WireResult): void {
    const p = r.pending.get(id);
    r.pending.delete(id);
    p?.resolve(result);
    this.updateBusy();
  }

  private stop(r: Running, error: { code: string; message: string; hint?: string }): void {
    this.running = null;
    r.engine.kill();
    for (const [id] of r.pending) this.settle(r, id, { ok: false, error });
  }

  private updateBusy(): void {
    const calls = [...(this.running?.pending.values() ?? [])];
    const oldest = calls.reduce<Busy | null>((o, c) => (!o || c.since < o.since ? { method: c.method, since: c.since } : o), null);
    if (this.busyTimer) clearTimeout(this.busyTimer);
    this.busyTimer = null;
    if (!oldest) {
      if (this.busy) this.hooks.onBusy?.(null);
      this.busy = null;
      return;
    }
    if (this.busy?.since === oldest.since) return;
    const wait = Math.max(0, oldest.since + (this.hooks.busyAfterMs ?? 400) - Date.now());
    this.busyTimer = setTimeout(() => {
      this.busy = oldest;
      this.hooks.onBusy?.(oldest);
    }, wait);
    this.busyTimer.unref?.();
  }
}
