// Help > About: the app version, the offline IP data versions and their licences, the libraries' licences.
import { api } from '../api';
import { useAsync } from '../useAsync';
import { useDialog } from '../keyboard';

const LIBRARIES: [string, string][] = [
  ['better-sqlite3', 'MIT'], ['React', 'MIT'], ['vis-timeline / vis-data', 'Apache-2.0 or MIT'], ['vis-network', 'Apache-2.0 or MIT'],
  ['papaparse', 'MIT'], ['iconv-lite', 'MIT'], ['luxon', 'MIT'], ['libphonenumber-js', 'MIT'], ['isbot', 'Unlicense'], ['bowser', 'MIT'], ['zod', 'MIT'], ['Electron', 'MIT'],
];

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const data = useAsync(() => api.ipDataInfo({}), []);
  const ref = useDialog(onClose);
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="about-title" tabIndex={-1} ref={ref} onClick={(e) => e.stopPropagation()}>
        <h2 id="about-title">About Alibi</h2>
        <p>Offline forensic workbench for e-commerce fraud alerts. No telemetry, no online look-ups: every byte of case data stays on this machine.</p>
        <h3>Offline data</h3>
        {data.error && <p className="error-box">{data.error}</p>}
        <ul>
          {(data.data ?? []).map((d) => (
            <li key={d.name}>
              <strong>{d.name}</strong> {d.version} — {d.licence}. {d.attribution}
            </li>
          ))}
        </ul>
        <h3>Libraries</h3>
        <ul className="columns">
          {LIBRARIES.map(([n, l]) => (
            <li key={n}>{n} — {l}</li>
          ))}
        </ul>
        <button onClick={onClose}>Close</button>
      </div>
    </div>
  );
}
