// Every log format the importer knows, behind one shape: how it is detected from the head of a file, how its
// lines are parsed, and the documented samples the tests import. Line formats (regex with named groups), the W3C
// extended format (IIS) and JSON formats are declared in their own modules; this is the registry.
import { ACCESS_LOG_FORMATS, accessLineParser } from './accessLogFormats';
import { JSON_LOG_FORMATS, jsonLineParser, parseJsonObjectLine } from './jsonLines';
import { W3C_DOCS, W3C_SAMPLES, detectW3c, w3cParser } from './w3cLog';
import type { LineContext } from './lineContext';
import type { ParseOutcome } from './parsedEvent';

export interface LogFormat {
  name: string;
  description: string;
  docs: string;
  samples: string[];
  /** Times written without a zone (HAProxy): the case zone or --tz applies, recorded as assumed. */
  localTime: boolean;
  /** Head lines that are requests of this format, and lines of this format that are not requests. */
  detect(lines: string[]): { requests: number; others: number };
  parser(ctx: LineContext): (line: string) => ParseOutcome;
}

const accessFormats: LogFormat[] = ACCESS_LOG_FORMATS.map((f) => ({
  name: f.name, description: f.description, docs: f.docs, samples: f.samples, localTime: f.time === 'haproxy-local',
  detect(lines) {
    let requests = 0;
    let others = 0;
    for (const l of lines) {
      if (f.regex.test(l)) requests++;
      else if (f.other?.test(l)) others++;
    }
    return { requests, others };
  },
  parser: (ctx) => accessLineParser(f, ctx),
}));

const w3c: LogFormat = {
  name: 'iis-w3c',
  description: 'IIS / HTTP Server API W3C extended log (#Fields: directive, UTC)',
  docs: W3C_DOCS, samples: W3C_SAMPLES, localTime: false, detect: detectW3c, parser: w3cParser,
};

const jsonFormats: LogFormat[] = JSON_LOG_FORMATS.map((f) => ({
  name: f.name, description: f.description, docs: f.docs, samples: f.samples, localTime: false,
  detect(lines) {
    let requests = 0;
    let others = 0;
    for (const l of lines) {
      const o = parseJsonObjectLine(l);
      if (!o || !f.recognise(o)) continue;
      if (f.notRequest?.(o)) others++;
      else requests++;
    }
    return { requests, others };
  },
  parser: (ctx) => jsonLineParser(f, ctx),
}));

/** Most specific first: on a tie, detection takes the earlier entry (nginx-main before combined before common). */
export const LOG_FORMATS: LogFormat[] = [...accessFormats, w3c, ...jsonFormats];
export const LOG_FORMAT_NAMES = LOG_FORMATS.map((f) => f.name);

export function logFormat(name: string): LogFormat | undefined {
  return LOG_FORMATS.find((f) => f.name === name);
}

/**
 * The format that recognises most head lines, if it recognises at least half of them and at least one is a
 * request (a file of nothing but daemon messages is not called a log of requests).
 */
export function detectLogFormat(lines: string[], among: LogFormat[] = LOG_FORMATS): LogFormat | null {
  let best: LogFormat | null = null;
  let bestHits = 0;
  for (const f of among) {
    const { requests, others } = f.detect(lines);
    if (requests === 0) continue;
    if (requests + others > bestHits) [best, bestHits] = [f, requests + others];
  }
  return best && bestHits * 2 >= lines.length ? best : null;
}
