'use client';

import { useRef, useState } from 'react';
import styles from './api.module.css';

/** The new key's secret, once: after this page is left it cannot be shown again (only its hash is kept). */
export function NewSecret({ name, secret }: { id: string; name: string; prefix: string; secret: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      // No clipboard permission (e.g. plain http): select it so Ctrl/Cmd+C works.
      input.current?.select();
      setCopied('select');
    }
  };
  return (
    <section className={`panel ${styles.secretPanel}`} aria-label="New API key" data-testid="new-secret">
      <h2>Copy your new key “{name}” now</h2>
      <p className="muted">It is shown only this once; Switchyard keeps only a hash of it. If you lose it, revoke it and create another.</p>
      <div className={styles.secretRow}>
        <input ref={input} readOnly value={secret} aria-label="API key secret" className={styles.secret} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="button primary" onClick={copy}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copied === 'select' && <small className="hint">Selected: press Ctrl+C (⌘C) to copy.</small>}
      <p className="muted">
        Use it as <code>Authorization: Bearer {secret.slice(0, 11)}…</code>
      </p>
    </section>
  );
}
