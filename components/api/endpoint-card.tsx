import type { ReferenceEndpoint } from '@/lib/api/reference';
import { PropertyList, TypeLabel, schemaAnchor, type JsonSchema } from './schema-view';
import styles from './docs.module.css';
import { InlineCode } from './inline-code';

/** One endpoint of the reference: what it does, who may call it, what it takes and answers, a curl example. */
export function EndpointCard({ endpoint, origin }: { endpoint: ReferenceEndpoint; origin: string }) {
  const { method, path, request, response } = endpoint;
  return (
    <section id={endpoint.id} className={`panel ${styles.endpoint}`} data-testid={`endpoint-${endpoint.id}`}>
      <div className={styles.endpointHead}>
        <span className={`${styles.method} ${styles[method]}`}>{method}</span>
        <span className={styles.path}>{path}</span>
        {endpoint.scope ? <span className="badge badge-accent">scope: {endpoint.scope}</span> : <span className="badge">public</span>}
      </div>
      <h3>{endpoint.summary}</h3>
      {endpoint.description
        .split('\n\n')
        .filter((p) => !p.startsWith('Needs an API key'))
        .map((p) => (
          <p key={p}>
            <InlineCode text={p} />
          </p>
        ))}
      {endpoint.parameters.length > 0 && (
        <div className={styles.section}>
          <h4>Parameters</h4>
          <ul className={styles.properties}>
            {endpoint.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <code className={styles.propName}>{p.name}</code> <span className="muted">in {p.in}</span> <TypeLabel schema={p.schema as JsonSchema} />
                {p.required && <span className={styles.required}> required</span>}
                {p.description && (
                  <div className="muted">
                    <InlineCode text={p.description} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {request && (
        <div className={styles.section}>
          <h4>
            Request body <span className="muted">({request.contentType}{request.required ? '' : ', optional'})</span>: <TypeLabel schema={request.schema as JsonSchema} />
          </h4>
          {request.example !== undefined && <pre className={styles.example}>{JSON.stringify(request.example, null, 2)}</pre>}
        </div>
      )}
      <div className={styles.section}>
        <h4>
          {response.status} {response.contentType && <span className="muted">({response.contentType})</span>}
          {response.schema && (
            <>
              : <TypeLabel schema={response.schema as JsonSchema} />
            </>
          )}
        </h4>
      </div>
      <div className={styles.section}>
        <h4>Errors</h4>
        <ul className={styles.errors}>
          {endpoint.errors.map((e) => (
            <li key={e.status}>
              <strong>{e.status}</strong> <span className="muted"><InlineCode text={e.description} /></span> — <a href={`#${schemaAnchor('Error')}`}>Error</a>
            </li>
          ))}
        </ul>
      </div>
      <div className={styles.section}>
        <h4>Example</h4>
        <pre className={styles.example}>{curl(endpoint, origin)}</pre>
      </div>
    </section>
  );
}

function curl(endpoint: ReferenceEndpoint, origin: string): string {
  const path = endpoint.path.replace('{id}', endpoint.tag === 'Processors' ? 'proc_stripe' : endpoint.tag === 'Processor routes' ? 'proute_eu_cards' : endpoint.tag === 'Filters' ? 'flt_high_risk_ip' : endpoint.tag === 'Outcomes' ? 'dec_…' : 'sch_demo_eu_cards').replace('{version}', '1');
  const query = endpoint.path.endsWith('/diff') ? '?from=1&to=2' : '';
  const lines = [`curl -X ${endpoint.method} '${origin}${path}${query}'`];
  if (endpoint.scope) lines.push(`  -H 'Authorization: Bearer sk_…'`);
  if (endpoint.request?.contentType === 'application/x-ndjson') {
    lines.push(`  -H 'Content-Type: application/x-ndjson'`, `  --data-binary @${endpoint.tag === 'Outcomes' ? 'attempts' : 'transactions'}.jsonl`);
  } else if (endpoint.request) {
    lines.push(`  -H 'Content-Type: application/json'`);
    if (endpoint.parameters.some((p) => p.name === 'Idempotency-Key')) lines.push(`  -H 'Idempotency-Key: 6f1c…'`);
    lines.push(`  -d '${JSON.stringify(endpoint.request.example ?? {})}'`);
  }
  return lines.join(' \\\n');
}

export function SchemaSection({ name, schema }: { name: string; schema: Record<string, unknown> }) {
  const s = schema as JsonSchema;
  return (
    <section id={schemaAnchor(name)} className={`panel ${styles.endpoint}`}>
      <h3>
        {name} <span className="muted">
          <TypeLabel schema={s.properties ? { type: 'object' } : s} />
        </span>
      </h3>
      {s.description && <p className="muted">{s.description}</p>}
      <PropertyList schema={s} />
    </section>
  );
}
