export function DatabaseUnavailable({ reason }: { reason: string }) {
  return (
    <section className="panel panel-error" data-testid="database-unavailable">
      <h1>The database cannot be reached</h1>
      <p>
        Switchyard could not talk to its database, so nothing can be shown or saved right now. Nothing has been changed.
      </p>
      <p>
        <strong>Reason:</strong> <code>{reason}</code>
      </p>
      <p className="muted">
        With <code>DATABASE_URL</code> set, check that the Postgres server is running and reachable; without it, the embedded
        database under <code>.data/</code> is used and must not be open in another process. Reload the page to try again.
      </p>
    </section>
  );
}
