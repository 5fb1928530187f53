import type { Metadata } from 'next';
import { getDb } from '@/db';
import { listProcessors } from '@/lib/services/processors';
import { RouteForm } from '@/components/routes/route-form';
import { createRouteAction } from '../actions';

export const metadata: Metadata = { title: 'New processor route' };

export default async function NewRoutePage() {
  const processors = await listProcessors(await getDb());
  return (
    <>
      <h1>New processor route</h1>
      <RouteForm mode="create" action={createRouteAction} initial={{ name: '', processors: [] }} processors={processors} />
    </>
  );
}
