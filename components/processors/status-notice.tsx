import type { ProcessorStatus } from '@/lib/processors/schema';

/** After a save or a status change: what happened, and what it changes for payments. */
export function StatusNotice({ verb, name, status, effects }: {
  verb: 'saved' | 'status';
  name: string;
  status: ProcessorStatus;
  effects: readonly string[];
}) {
  const headline = verb === 'status' ? `${name} is now ${status}.` : `Saved ${name}${status === 'active' ? '' : ` (${status})`}.`;
  const warn = status !== 'active' && effects.length > 0;
  return (
    <div className={warn ? 'notice notice-warn' : 'notice notice-ok'} role="status" data-testid="status-notice">
      <strong>{headline}</strong>
      {effects.length > 0 && (
        <>
          {warn && <span> What this changes:</span>}
          <ul className="effects">
            {effects.map((effect) => (
              <li key={effect}>{effect}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
