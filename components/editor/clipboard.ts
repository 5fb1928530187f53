import { FRAGMENT_FORMAT, parseFragment, type ClipboardFragment } from '@/lib/graph';

/**
 * Copied nodes travel through the system clipboard as JSON text when the browser allows it (also
 * between schemes and tabs); this in-memory copy is the fallback when it does not (no permission,
 * no secure context).
 */
let memory: ClipboardFragment | null = null;

export async function writeFragment(fragment: ClipboardFragment): Promise<void> {
  memory = fragment;
  try {
    await navigator.clipboard?.writeText(JSON.stringify(fragment));
  } catch {
    // Denied or unavailable: the in-memory copy serves this tab.
  }
}

/** The fragment on the system clipboard if it holds one, else the last one copied in this tab. */
export async function readFragment(): Promise<ClipboardFragment | null> {
  try {
    const text = await withTimeout(navigator.clipboard?.readText(), 800);
    if (text && text.includes(FRAGMENT_FORMAT)) {
      const parsed = parseFragment(JSON.parse(text));
      if (parsed.ok) return parsed.fragment;
    }
  } catch {
    // No permission, or not a fragment: fall back.
  }
  return memory;
}

function withTimeout<T>(promise: Promise<T> | undefined, ms: number): Promise<T | undefined> {
  if (promise === undefined) return Promise.resolve(undefined);
  return Promise.race([promise, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms))]);
}
