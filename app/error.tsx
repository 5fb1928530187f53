'use client';

/** Last-resort error page: a plain explanation and a retry, never a stack trace. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="panel panel-error" role="alert">
      <h1>Something went wrong</h1>
      <p>The page could not be loaded. Nothing was saved by the failed request.</p>
      {error.digest && (
        <p className="muted">
          Reference for the server log: <code>{error.digest}</code>
        </p>
      )}
      <button className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
