import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getScheme } from '@/lib/services/schemes';
import { baselineFlow } from '@/components/bench/baseline-flow';
import { FlowBaseline } from '@/components/bench/flow-baseline';

export const metadata: Metadata = { title: 'React Flow baseline' };

/**
 * `npm run bench:editor`'s baseline: a scheme drawn by a bare React Flow (default nodes). Not a product
 * page: it exists only on a server started with SWITCHYARD_BENCH=1.
 */
export default async function FlowBaselinePage({ searchParams }: { searchParams: Promise<{ scheme?: string }> }) {
  if (process.env.SWITCHYARD_BENCH !== '1') notFound();
  const { scheme: id } = await searchParams;
  const scheme = id ? await getScheme(await getDb(), id) : undefined;
  if (!scheme) notFound();
  const { nodes, edges } = baselineFlow(scheme.document);
  return <FlowBaseline nodes={nodes} edges={edges} />;
}
