import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { apiReference } from '@/lib/api/reference';
import { EndpointCard, SchemaSection } from '@/components/api/endpoint-card';
import styles from '@/components/api/docs.module.css';
import { InlineCode } from '@/components/api/inline-code';

export const metadata: Metadata = { title: 'API reference' };

/** The readable API reference, rendered from /api/v1/openapi.json's own document. */
export default async function ApiDocsPage() {
  const reference = apiReference();
  const host = (await headers()).get('host') ?? 'localhost:3000';
  const origin = `http://${host}`;
  const tags = [...new Set(reference.endpoints.map((e) => e.tag))];
  return (
    <>
      <div className="page-header">
        <h1>{reference.title} reference</h1>
        <div className="actions">
          <a href="/api/v1/openapi.json" className="button">
            OpenAPI 3.1 (JSON)
          </a>
          <Link href="/settings/api-keys" className="button primary">
            API keys
          </Link>
        </div>
      </div>
      <div className={styles.layout}>
        <nav className={styles.toc} aria-label="Endpoints">
          <h3>Basics</h3>
          <ul>
            <li><a href="#auth">Authentication</a></li>
            <li><a href="#errors">Errors</a></li>
          </ul>
          {tags.map((tag) => (
            <div key={tag}>
              <h3>{tag}</h3>
              <ul>
                {reference.endpoints
                  .filter((e) => e.tag === tag)
                  .map((e) => (
                    <li key={e.id}>
                      <a href={`#${e.id}`}>
                        <code>{e.method}</code> {e.path.replace('/api/v1', '')}
                      </a>
                    </li>
                  ))}
              </ul>
            </div>
          ))}
          <h3>Schemas</h3>
          <ul>
            {Object.keys(reference.schemas).map((name) => (
              <li key={name}>
                <a href={`#schema-${name}`}>{name}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div>
          <section id="auth" className="panel">
            <h2>Authentication, limits, idempotency</h2>
            {reference.description.split('\n\n').map((p) => (
              <p key={p}>
                <InlineCode text={p} />
              </p>
            ))}
            <p>
              Scopes: <strong>read</strong> (list, get, simulate), <strong>write</strong> (create, change, delete, publish, activate), <strong>decide</strong>{' '}
              (POST /api/v1/decide). A missing, unknown or revoked key is a 401; a key without the scope is a 403.
            </p>
          </section>
          <section id="errors" className="panel">
            <h2>Errors</h2>
            <pre className={styles.example}>{JSON.stringify({ error: { type: 'invalid_request', message: 'Some fields are not valid.', issues: [{ path: ['currencies', 0], message: 'not a known ISO 4217 currency code' }] } }, null, 2)}</pre>
            <ul className={styles.errors}>
              {reference.errorDescriptions.map((e) => (
                <li key={e.status}>
                  <strong>{e.status}</strong> <InlineCode text={e.description} />
                </li>
              ))}
            </ul>
          </section>
          {tags.map((tag) => (
            <div key={tag}>
              <h2>{tag}</h2>
              {reference.endpoints
                .filter((e) => e.tag === tag)
                .map((e) => (
                  <EndpointCard key={e.id} endpoint={e} origin={origin} />
                ))}
            </div>
          ))}
          <h2>Schemas</h2>
          {Object.entries(reference.schemas).map(([name, schema]) => (
            <SchemaSection key={name} name={name} schema={schema} />
          ))}
        </div>
      </div>
    </>
  );
}
