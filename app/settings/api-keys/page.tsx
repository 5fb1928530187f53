import Link from 'next/link';
import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listApiKeys } from '@/lib/services/api-keys';
import { CreateKeyForm } from '@/components/api/create-key-form';
import { RevokeKeyForm } from '@/components/api/revoke-key-form';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export const metadata: Metadata = { title: 'API keys' };

const when = (iso: string | null) => (iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : null);

export default async function ApiKeysPage() {
  const keys = await listApiKeys(await getDb());
  return (
    <>
      <div className="page-header">
        <h1>API keys</h1>
        <Link href="/api-docs" className="button">
          API reference
        </Link>
      </div>
      <p className="muted">
        Payment backends call <code>/api/v1</code> with <code>Authorization: Bearer sk_…</code>. A key can <strong>read</strong>, <strong>write</strong> and/or{' '}
        <strong>decide</strong>; give each backend only what it needs.
      </p>
      <CreateKeyForm action={createApiKeyAction} />
      <div className="table-scroll panel">
        <table className="table" data-testid="api-keys-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Scopes</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id} data-testid={`api-key-${key.id}`}>
                <td>
                  <strong>{key.name}</strong>
                </td>
                <td>
                  <code>{key.prefix}…</code>
                </td>
                <td>
                  <div className="tags">
                    {key.scopes.map((s) => (
                      <span key={s} className="badge badge-accent">
                        {s}
                      </span>
                    ))}
                  </div>
                </td>
                <td className="nowrap">{when(key.created_at)}</td>
                <td className="nowrap">{when(key.last_used_at) ?? <span className="muted">never</span>}</td>
                <td>{key.revoked_at ? <span className="badge badge-down">revoked {when(key.revoked_at)}</span> : <span className="badge badge-active">active</span>}</td>
                <td>
                  <div className="actions">{!key.revoked_at && <RevokeKeyForm action={revokeApiKeyAction.bind(null, key.id)} name={key.name} />}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {keys.length === 0 && <p className="muted">No API keys yet.</p>}
      <p className="muted">
        Last used is recorded at most once a minute per key. A revoked key is refused at once on this instance and within seconds on every other.
      </p>
    </>
  );
}
