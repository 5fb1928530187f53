/**
 * Runs once when the server starts. The embedded database is opened (created, migrated and seeded on
 * a first start) right away instead of on the first request, so the work starts seconds earlier and
 * partly overlaps the first compile (measured in docs/architecture.md, "First start").
 * SWITCHYARD_DB_ON_START=0 leaves it to the first request. A real Postgres is only connected lazily:
 * a database that is down must not stop the server from starting and saying so.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NODE_ENV === 'development' && process.env.SWITCHYARD_WARM_ROUTES !== '0') {
    // Not awaited either; next dev sets PORT (and its own origin) before this runs. See server/warm-routes.ts.
    const origin = process.env.__NEXT_PRIVATE_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
    const credentials = () => import('./lib/auth/auth').then(({ startCredentials }) => startCredentials());
    void import('./server/warm-routes').then(({ warmRoutes }) => warmRoutes(origin, credentials));
  }
  // Every instance runs the ticker of scheduled changes (docs/scheduled-changes.md). A database that is
  // away only makes its ticks fail and retry; it never stops the server. Its timer does not hold the
  // process open, and a tick cut short by the process ending rolls back and runs again elsewhere or later.
  void import('./lib/services/app-ticker').then(({ startAppTicker }) => startAppTicker());
  if (process.env.DATABASE_URL || process.env.SWITCHYARD_DB_ON_START === '0') return;
  const { getConnection } = await import('./db');
  const { getAuth } = await import('./lib/auth/auth');
  // Not awaited: the server starts listening meanwhile; requests wait on the same connection promise.
  // Sign-in is set up right after, so the demo admin's password is in the terminal at start; then the
  // decide cache (compiling the active version), so the first decide answers from memory.
  getConnection()
    .then(() => getAuth())
    .then(() => import('./lib/services/decisions'))
    .then(({ decisionCache }) => decisionCache())
    .catch((error: unknown) => console.error('Switchyard: the embedded database could not be opened:', error));
}
