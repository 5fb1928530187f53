import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getProcessor } from '@/lib/services/processors';
import { ProcessorForm } from '@/components/processors/processor-form';
import { DeleteForm } from '@/components/ui/delete-form';
import { processorFormOptions } from '@/lib/processors/form-options';
import { deleteProcessorAction, updateProcessorAction } from '../actions';

export const metadata: Metadata = { title: 'Edit processor' };

export default async function EditProcessorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const processor = await getProcessor(await getDb(), id);
  if (!processor) notFound();
  return (
    <>
      <h1>{processor.name}</h1>
      <ProcessorForm mode="edit" action={updateProcessorAction.bind(null, id)} options={processorFormOptions} initial={processor} />
      <DeleteForm action={deleteProcessorAction.bind(null, id)} label="Delete processor" confirmText={`Delete ${processor.name}? This cannot be undone.`} />
    </>
  );
}
