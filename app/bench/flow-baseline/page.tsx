import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getScheme } from '@/lib/services/schemes';
import { baselineFlow } from '@/components/bench/baseline-flow';
import { FlowBaseline } from '@/components/bench/flow-baseline';
import { isLargeScheme } from '@/components/editor/canvas/viewport';

export const metadata: Metadata = { title: 'React Flow baseline' };

/** Pixels, when the bench does not say (it passes the editor canvas's size). */
const size = (raw: string | undefined, otherwise: number) => (raw && /^\d{2,5}$/.test(raw) ? Number(raw) : otherwise);

/**
 * `npm run bench:editor`'s baseline: a scheme drawn by a bare React Flow (default nodes). Not a product
 * page: it exists only on a server started with SWITCHYARD_BENCH=1.
 */
export default async function FlowBaselinePage({ searchParams }: { searchParams: Promise<{ scheme?: string; width?: string; height?: string }> }) {
  if (process.env.SWITCHYARD_BENCH !== '1') notFound();
  const { scheme: id, width, height } = await searchParams;
  const scheme = id ? await getScheme(await getDb(), id) : undefined;
  if (!scheme) notFound();
  const { nodes, edges } = baselineFlow(scheme.document);
  const view = { large: isLargeScheme(scheme.document), start: scheme.document.start, width: size(width, 1000), height: size(height, 640) };
  return <FlowBaseline nodes={nodes} edges={edges} view={view} />;
}
