/**
 * The browser's side of a batch run or impact preview: prepare it (the server compiles the document and
 * checks the size before anything is uploaded), read its progress lines, send the input (the file
 * itself, streamed by the browser; nothing for generated traffic) and wait for the outcome. Rows of
 * the input never come back, only progress and the report.
 */
import type { RunProgress, RunRequest } from '../simulation/run-request';

export interface ClientProblem {
  message: string;
  issues: { path: (string | number)[]; message: string }[];
}

export type ClientOutcome<T> = { ok: true; value: T } | { ok: false; problem: ClientProblem };

export interface RunHandle<T> {
  /** Resolves with the server's outcome (done, cancelled, stopped) or a problem. */
  done: Promise<ClientOutcome<T>>;
  /** Stops the server's work and the upload. */
  cancel(): Promise<void>;
}

const base = (schemeId: string) => `/schemes/${encodeURIComponent(schemeId)}/simulations`;

/** Starts a run; `onProgress` gets the server's progress about four times a second. */
export function startRun<T>(schemeId: string, request: RunRequest, file: Blob | null, onProgress: (progress: RunProgress) => void): RunHandle<T> {
  const upload = new AbortController();
  let runId: string | null = null;
  let cancelled = false;
  const done = (async (): Promise<ClientOutcome<T>> => {
    const prepared = await post(`${base(schemeId)}`, JSON.stringify(request), 'application/json');
    if (!prepared.ok) return prepared;
    runId = (prepared.value as { id: string }).id;
    if (cancelled) {
      await fetch(`${base(schemeId)}/${runId}/cancel`, { method: 'POST' }).catch(() => undefined);
      return { ok: true, value: { status: 'cancelled', rows: 0 } as T };
    }
    const watching = watchProgress(`${base(schemeId)}/${runId}/progress`, onProgress, upload.signal);
    const result = await post(`${base(schemeId)}/${runId}`, file ?? '', file ? 'application/octet-stream' : 'text/plain', upload.signal).catch(
      (error: unknown): ClientOutcome<unknown> => (cancelled ? { ok: true, value: { status: 'cancelled', rows: 0 } } : { ok: false, problem: { message: networkMessage(error), issues: [] } }),
    );
    upload.abort();
    await watching;
    return result as ClientOutcome<T>;
  })();
  return {
    done,
    async cancel() {
      cancelled = true;
      if (runId !== null) await fetch(`${base(schemeId)}/${runId}/cancel`, { method: 'POST' }).catch(() => undefined);
      // The server answers the upload with `cancelled` once it stopped; abort only if it does not in time.
      setTimeout(() => upload.abort(), 2000);
    },
  };
}

async function post(url: string, body: BodyInit, type: string, signal?: AbortSignal): Promise<ClientOutcome<unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', body, headers: { 'Content-Type': type }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, problem: { message: networkMessage(error), issues: [] } };
  }
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.ok) return { ok: true, value: json };
  const error = (json?.error ?? {}) as { message?: string; issues?: ClientProblem['issues'] };
  return { ok: false, problem: { message: error.message ?? `The server answered ${response.status}.`, issues: error.issues ?? [] } };
}

async function watchProgress(url: string, onProgress: (progress: RunProgress) => void, signal: AbortSignal): Promise<void> {
  try {
    const response = await fetch(url, { signal });
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buffered += value;
      let end: number;
      while ((end = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        if (line.trim()) onProgress(JSON.parse(line) as RunProgress);
      }
    }
  } catch {
    // The run's own request reports how it ended; a lost progress stream only stops the bar.
  }
}

const networkMessage = (error: unknown) => `The server could not be reached (${error instanceof Error ? error.message : String(error)}).`;

/** Rows per second and time left, from the last progress line. */
export function progressFigures(progress: RunProgress): { rate: number; fraction: number | null; secondsLeft: number | null } {
  const seconds = progress.elapsed_ms / 1000;
  const rate = seconds > 0 ? progress.rows / seconds : 0;
  const fraction = progress.expected_bytes ? Math.min(1, progress.bytes / progress.expected_bytes)
    : progress.expected_rows ? Math.min(1, progress.rows / progress.expected_rows) : null;
  const secondsLeft = fraction !== null && fraction > 0 && seconds > 0.5 ? (seconds / fraction) * (1 - fraction) : null;
  return { rate, fraction, secondsLeft };
}
