import type { Metadata } from 'next';
import { recordTitle } from '@/lib/text/title';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getProcessor, statusEffects } from '@/lib/services/processors';
import { ProcessorForm } from '@/components/processors/processor-form';
import { DeleteForm } from '@/components/ui/delete-form';
import { processorFormOptions } from '@/lib/processors/form-options';
import { deleteProcessorAction, updateProcessorAction } from '../actions';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const processor = await getProcessor(await getDb(), (await params).id);
  return { title: recordTitle(processor?.name, 'Processors') };
}

export default async function EditProcessorPage({ params }: Props) {
  const { id } = await params;
  const db = await getDb();
  const processor = await getProcessor(db, id);
  if (!processor) notFound();
  return (
    <>
      <h1>{processor.name}</h1>
      <ProcessorForm
        mode="edit"
        action={updateProcessorAction.bind(null, id)}
        options={processorFormOptions}
        initial={processor}
        statusEffects={await statusEffects(db, processor)}
      />
      <DeleteForm action={deleteProcessorAction.bind(null, id)} label="Delete processor" confirmText={`Delete ${processor.name}? This cannot be undone.`} />
    </>
  );
}
