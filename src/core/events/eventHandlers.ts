// API methods of the events grid (count, page, groups, position of an event, export what you see) and the zod
// schemas of their arguments. The grid of the open case is kept per database so its id lists are reused.
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { z } from 'zod';
import type { Db } from '../casefile/caseFile';
import { readMeta } from '../casefile/caseFile';
import { appendAudit } from '../casefile/audit';
import { AlibiError } from '../errors';
import { checkOutputPath } from '../export/outputPath';
import { defineApi, type ApiContext } from '../apiContract';
import { viewFilterSchema } from '../eventFilter';
import { EventGrid, GRID_COLUMNS, GROUPABLE_COLUMNS, type GridColumn, type GridCount, type GridGroup, type GridQuery, type GridRow } from './eventGrid';

const text = z.string().max(256);
const column = z.enum(GRID_COLUMNS);
const msInstant = z.number().finite().min(-8.64e15).max(8.64e15);
export const gridQuerySchema = z
  .object({
    filters: viewFilterSchema.optional(),
    columns: z.partialRecord(column, text).optional(),
    text: text.optional(),
    from: msInstant.optional(),
    to: msInstant.optional(),
    tag: z.string().min(1).max(64).optional(),
    sort: z.object({ column, desc: z.boolean().optional() }).strict().optional(),
  })
  .strict();
const columns = z.array(column).min(1).max(GRID_COLUMNS.length);

export const eventGridSchemas = {
  gridCount: z.object({ query: gridQuerySchema }).strict(),
  gridPage: z.object({ query: gridQuerySchema, offset: z.number().int().min(0), limit: z.number().int().min(1).max(500), columns: columns.optional() }).strict(),
  gridGroups: z.object({ query: gridQuerySchema, column: z.enum(GROUPABLE_COLUMNS as [GridColumn, ...GridColumn[]]), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  gridIndexOf: z.object({ query: gridQuerySchema, id: z.number().int().positive() }).strict(),
  gridExport: z
    .object({ query: gridQuerySchema, columns, path: z.string().min(1).max(4096), separator: z.enum([',', ';']).optional(), overwrite: z.boolean().default(false) })
    .strict(),
} as const;

export interface EventGridHandlers {
  gridCount(a: { query: GridQuery }): Promise<GridCount>;
  gridPage(a: { query: GridQuery; offset: number; limit: number; columns?: GridColumn[] }): Promise<GridRow[]>;
  gridGroups(a: { query: GridQuery; column: GridColumn; limit?: number }): Promise<{ groups: GridGroup[]; distinct: number }>;
  gridIndexOf(a: { query: GridQuery; id: number }): Promise<number>;
  gridExport(a: { query: GridQuery; columns: GridColumn[]; path: string; separator?: ',' | ';'; overwrite?: boolean }): Promise<{ path: string; rows: number; bytes: number }>;
}

export function createEventGridHandlers(ctx: { db(): Db; casePath(): string | null }): EventGridHandlers {
  const grids = new WeakMap<Db, EventGrid>();
  const grid = () => {
    const db = ctx.db();
    let g = grids.get(db);
    if (!g) grids.set(db, (g = new EventGrid(db)));
    return g;
  };
  return {
    async gridCount({ query }) {
      return grid().count(query);
    },
    async gridPage({ query, offset, limit, columns }) {
      return grid().page(query, offset, limit, columns);
    },
    async gridGroups({ query, column, limit }) {
      return grid().groups(query, column, limit);
    },
    async gridIndexOf({ query, id }) {
      return grid().indexOf(query, id);
    },
    async gridExport({ query, columns, path, separator = ',', overwrite = false }) {
      const db = ctx.db();
      if (extname(path).toLowerCase() === '.alibi') {
        throw new AlibiError(`${path} is a case-file name, not a CSV export`, 'choose a name ending in .csv');
      }
      // Never the open case or its -wal/-shm/-journal (real paths, hard links), never an existing file unasked.
      checkOutputPath(path, { casePath: ctx.casePath() ?? undefined, force: overwrite });
      const r = await grid().exportCsv(query, columns, path, readMeta(db).tz, { separator });
      // A received case open read-only is never written, not even its audit log.
      if (!db.readonly) appendAudit(db, { action: 'export.csv', target: path, details: { table: 'grid', query, columns, separator, rows: r.rows } });
      return { path, rows: r.rows, bytes: statSync(path).size };
    },
  };
}

export const eventGridApi = defineApi(eventGridSchemas, (ctx: ApiContext) => createEventGridHandlers(ctx));
