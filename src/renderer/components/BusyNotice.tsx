// A call that runs long in the engine (Electron: analysis of a big case, a report, building the sample) shows
// here with a Cancel button. Cancel stops the engine process; the case stays open as it was saved.
// Hosts without the notice (the test bridge) render nothing.
import { useEffect, useState } from 'react';
import { api } from '../api';
import './busy.css';

const WHAT: Record<string, string> = {
  caseOpenSample: 'Building the sample case',
  caseOpen: 'Opening the case',
  reportExport: 'Writing the report',
  shareCopy: 'Writing the share copy',
  csvExport: 'Writing the CSV file',
  caseVerify: 'Verifying the case',
};

export function BusyNotice() {
  const [busy, setBusy] = useState<{ method: string; since: number } | null>(null);
  const [cancelling, setCancelling] = useState(false);
  useEffect(() => api.onBusy?.((b) => (setBusy(b), setCancelling(false))), []);
  if (!busy) return null;
  return (
    <div className="busy-notice" role="status" data-testid="busy-notice">
      <span className="busy-spinner" aria-hidden="true" />
      <span>{WHAT[busy.method] ?? 'Working'}…</span>
      <button
        disabled={cancelling}
        onClick={() => {
          setCancelling(true);
          void api.cancelRunning?.();
        }}
      >
        {cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}
