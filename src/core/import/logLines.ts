// What happens to each line of a log, wherever it is parsed (the importing thread for small files, the parse
// thread for large ones): PAN masking, the format's parser, an event, a rejected row with its reason, or a
// skipped line (a line of the format that is not a request).
import { logFormat } from './logFormats';
import type { AccessLineScanner } from './accessLineScan';
import { lineContext } from './lineContext';
import { maskPans } from './panMask';
import type { ParsedEvent, ParseOutcome } from './parsedEvent';
import type { TrustedProxies } from './trustedProxies';

/** The line parser of a log format; `zone` is the zone of formats that write local times (HAProxy). */
export function logParser(format: string, proxies: TrustedProxies, zone: string | null = null): (line: string) => ParseOutcome {
  const f = logFormat(format);
  if (!f) throw new Error(`no log format named ${format}`);
  return f.parser(lineContext(proxies, zone ?? 'UTC'));
}

export interface LineSink {
  event(rowNo: number, raw: string, e: ParsedEvent): void;
  /** An event whose line shape, protocol and CLF offset are known (PackedRowsBuilder.shaped). */
  shaped(rowNo: number, raw: string, e: ParsedEvent, shape: number, proto: string | null, offset: number | null): void;
  reject(rowNo: number, reason: string, raw: string): void;
  skip(): void;
}

/**
 * The two callbacks forEachLine takes, feeding `sink`. A line the format's scanner reads (the common access-log
 * shapes, accessLineScan.ts) skips the regex; any other goes through `parse`.
 */
export function lineHandlers(parse: (line: string) => ParseOutcome, sink: LineSink, scanner: AccessLineScanner | null = null) {
  return {
    onLine(line: string, lineNo: number): void {
      const masked = maskPans(line);
      const scanned = scanner?.scan(masked);
      if (scanned) return sink.shaped(lineNo, masked, scanned, scanner!.shape, scanner!.proto, scanner!.offset);
      const out = parse(masked);
      if ('reject' in out) sink.reject(lineNo, `line ${lineNo}: ${out.reject}`, masked);
      else if ('skip' in out) sink.skip();
      else sink.event(lineNo, masked, out);
    },
    onOverlong(start: string, lineNo: number): void {
      sink.reject(lineNo, `line ${lineNo}: longer than 16 Mi characters, skipped`, maskPans(start));
    },
  };
}
