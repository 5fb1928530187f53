import type { Metadata } from 'next';
import { getDb } from '@/db';
import { accountCatalog, listFilters } from '@/lib/services/filters';
import { filterFormCatalog } from '@/lib/filters/rule-rows';
import { FilterForm } from '@/components/filters/filter-form';
import { createFilterAction } from '../actions';

export const metadata: Metadata = { title: 'New filter' };

export default async function NewFilterPage() {
  const db = await getDb();
  const [catalog, filters] = await Promise.all([accountCatalog(db), listFilters(db)]);
  return (
    <>
      <h1>New filter</h1>
      <FilterForm
        mode="create"
        action={createFilterAction}
        initial={{ name: '', match: 'all', rules: [] }}
        catalog={filterFormCatalog(catalog)}
        otherFilters={filters.map(({ id, name }) => ({ id, name }))}
      />
    </>
  );
}
