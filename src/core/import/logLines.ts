// What happens to each line of a log, wherever it is parsed (the importing thread for small files, the parse
// thread for large ones): PAN masking, the format's parser, an event or a rejected row with its reason.
import { accessLogFormat } from './accessLogFormats';
import { parseAccessLogLine } from './accessLogFormats';
import { parseJsonLine } from './jsonLines';
import { maskPans } from './panMask';
import type { ParsedEvent, ParseOutcome } from './parsedEvent';
import type { TrustedProxies } from './trustedProxies';

/** The line parser of a log format (access-log declaration or JSON lines). */
export function logParser(format: string, proxies: TrustedProxies): (line: string) => ParseOutcome {
  if (format === 'jsonl') return (line) => parseJsonLine(line, proxies);
  const f = accessLogFormat(format);
  if (!f) throw new Error(`no log format named ${format}`);
  return (line) => parseAccessLogLine(f, line, proxies);
}

export interface LineSink {
  event(rowNo: number, raw: string, e: ParsedEvent): void;
  reject(rowNo: number, reason: string, raw: string): void;
}

/** The two callbacks forEachLine takes, feeding `sink`. */
export function lineHandlers(parse: (line: string) => ParseOutcome, sink: LineSink) {
  return {
    onLine(line: string, lineNo: number): void {
      const masked = maskPans(line);
      const out = parse(masked);
      if ('reject' in out) sink.reject(lineNo, `line ${lineNo}: ${out.reject}`, masked);
      else sink.event(lineNo, masked, out);
    },
    onOverlong(start: string, lineNo: number): void {
      sink.reject(lineNo, `line ${lineNo}: longer than 16 Mi characters, skipped`, maskPans(start));
    },
  };
}
