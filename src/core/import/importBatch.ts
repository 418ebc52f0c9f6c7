// Many files in one import job (a month of daily rotated logs): one progress over all of them — bytes of every
// file, rows so far, and an ETA for the whole batch.
import { statSync } from 'node:fs';
import type { ImportProgress } from '../types';

/** Adds `overall` (all files together) to each file's progress. */
export class BatchProgress {
  private readonly sizes: number[];
  private readonly total: number;
  private readonly started = performance.now();
  private doneBytes = 0;
  private doneRows = 0;
  private index = 0;

  constructor(readonly files: string[]) {
    this.sizes = files.map((f) => {
      try {
        return statSync(f).size;
      } catch {
        return 0;
      }
    });
    this.total = this.sizes.reduce((a, b) => a + b, 0);
  }

  /** Called before file `i` (0-based) starts. */
  startFile(i: number): void {
    this.doneBytes = this.sizes.slice(0, i).reduce((a, b) => a + b, 0);
    this.index = i;
  }

  /** Called when a file ends (imported or refused): its rows count towards the batch. */
  endFile(rows: number): void {
    this.doneRows += rows;
  }

  with(p: ImportProgress): ImportProgress {
    const bytesRead = this.doneBytes + p.bytesRead;
    const seconds = (performance.now() - this.started) / 1000;
    const rate = seconds > 0 ? bytesRead / seconds : 0;
    return {
      ...p,
      overall: {
        fileIndex: this.index + 1, fileCount: this.files.length, bytesRead, bytesTotal: this.total, rows: this.doneRows + p.rows,
        etaSeconds: rate > 0 ? Math.max(0, (this.total - bytesRead) / rate) : null,
      },
    };
  }
}
