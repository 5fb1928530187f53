import type { Metadata } from 'next';
import { ProcessorForm } from '@/components/processors/processor-form';
import { processorFormOptions } from '@/lib/processors/form-options';
import { createProcessorAction } from '../actions';

export const metadata: Metadata = { title: 'Register processor' };

export default function NewProcessorPage() {
  return (
    <>
      <h1>Register processor</h1>
      <ProcessorForm
        mode="create"
        action={createProcessorAction}
        options={processorFormOptions}
        initial={{ id: '', name: '', provider: '', status: 'active', currencies: [], payment_methods: [], countries: [], approval_rate: 0.9, fees: { percent: 0, fixed: 0 } }}
      />
    </>
  );
}
