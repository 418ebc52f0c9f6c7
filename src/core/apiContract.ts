// The contract between the API registry (src/core/api) and the domain modules that implement its methods
// (timeline, graph, notes, analysis, import, report, …). Every domain module exports one `ApiModule`:
//   export const timelineApi = defineApi(schemas, (ctx) => ({ method(args) { … }, … }));
// — a zod schema per method (the boundary check every host runs before any engine code) and the functions,
// created over the `ApiContext` of the host. Lives outside src/core/api so domain modules depend on this
// small leaf and never on the registry (no cycle between core folders).
import type { z } from 'zod';
import type { Db } from './casefile/caseFile';
import type { AnalyzeOptions, BlockImpact, CaseAnalysis } from './analysis/types';
import type { Host } from './errors';

/** What an analysis input change invalidates: the snapshot is keyed by all of them. */
export type AnalysisInput = 'events' | 'register' | 'overrides';

/** Where the open case's analysis came from in this process, and whether the case file holds it. */
export interface SnapshotState {
  /** Fingerprint of the inputs (sources, register, overrides, thresholds, zone, engine). */
  fingerprint: string;
  /** `computed` here, or reused from the case file (sealed by this user's Alibi). */
  origin: 'computed' | 'case-file';
  computedAt: string;
  /** The engine that computed it (analysis version, default thresholds, IP data). */
  engine: string;
  /** Where it is kept: in the case file (the next command or launch reuses it), stored when this command closes
   * the user's case (opened read-only), or in memory only (a received case is never written; an older schema). */
  kept: 'case-file' | 'on-close' | 'memory';
}

/** What every handler sees of its host: the open case and its analysis snapshot. */
export interface ApiContext {
  /** Which host is calling (for hints phrased per host and for consent rules). */
  readonly host: Host;
  /** The open case's database (read-only when the case was opened read-only). Throws `no-case` when none is open. */
  db(): Db;
  /** The open case's database for a write: throws `refused` when the case is open read-only (a received file). */
  writableDb(): Db;
  /** Path of the open case file. Throws `no-case` when none is open. */
  casePath(): string;
  /** The analysis of the open case (roles, findings, assessments, breach): computed once per state of its inputs. */
  analysis(opts?: AnalyzeOptions): CaseAnalysis;
  /** The default-threshold analysis's provenance (computing it if needed). */
  snapshotState(): SnapshotState;
  /** What blocking an IP would cut, over the case links of the same snapshot (built once, not once per IP). */
  blockImpact(ip: string): BlockImpact;
  /** Tell the snapshot an input changed (after an import, an override, a register edit). */
  changed(input: AnalysisInput): void;
  /** The host's PDF printer (Electron's printToPDF); absent: the engine's headless-Chromium printer. */
  readonly printPdf?: (html: string, path: string) => Promise<void>;
}

export type Schemas = Record<string, z.ZodType>;

/** The implementation of each method of a schema map: takes the parsed arguments, returns JSON-serialisable data. */
export type Implementation<S extends Schemas> = { [K in keyof S]: (args: z.output<S[K]>) => unknown };

export interface ApiModule<S extends Schemas = Schemas, H extends Implementation<S> = Implementation<S>, C = ApiContext> {
  schemas: S;
  create(ctx: C): H;
}

/** Declares a domain module's API: its schemas and the function creating its handlers over a context. */
export function defineApi<S extends Schemas, H extends Implementation<S>, C = ApiContext>(
  schemas: S,
  create: (ctx: C) => H,
): ApiModule<S, H, C> {
  return { schemas, create };
}

/** How a caller sees a module: one async function per method, taking the schema's input (defaults optional). */
export type ClientOf<M> =
  M extends ApiModule<infer S, infer H, infer _C>
    ? { [K in keyof S & keyof H]: (args: z.input<S[K]>) => Promise<Awaited<ReturnType<H[K]>>> }
    : never;
