import type { Metadata } from 'next';
import { recordTitle } from '@/lib/text/title';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getRoute } from '@/lib/services/routes';
import { listProcessors } from '@/lib/services/processors';
import { RouteForm } from '@/components/routes/route-form';
import { DeleteForm } from '@/components/ui/delete-form';
import { deleteRouteAction, updateRouteAction } from '../actions';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const route = await getRoute(await getDb(), (await params).id);
  return { title: recordTitle(route?.name, 'Processor routes') };
}

export default async function EditRoutePage({ params }: Props) {
  const { id } = await params;
  const db = await getDb();
  const [route, processors] = await Promise.all([getRoute(db, id), listProcessors(db)]);
  if (!route) notFound();
  return (
    <>
      <h1>{route.name}</h1>
      <RouteForm
        mode="edit"
        action={updateRouteAction.bind(null, id)}
        initial={{ name: route.name, processors: route.processors.map((p) => p.processor_id) }}
        processors={processors}
      />
      <DeleteForm action={deleteRouteAction.bind(null, id)} label="Delete route" confirmText={`Delete route ${route.name}?`} />
    </>
  );
}
