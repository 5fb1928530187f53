import type { Metadata } from 'next';
import { recordTitle } from '@/lib/text/title';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { accountCatalog, getFilter, listFilters } from '@/lib/services/filters';
import { filterFormCatalog } from '@/lib/filters/rule-rows';
import { FilterForm } from '@/components/filters/filter-form';
import { DeleteForm } from '@/components/ui/delete-form';
import { deleteFilterAction, updateFilterAction } from '../actions';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const filter = await getFilter(await getDb(), (await params).id);
  return { title: recordTitle(filter?.name, 'Filters') };
}

export default async function EditFilterPage({ params }: Props) {
  const { id } = await params;
  const db = await getDb();
  const [filter, catalog, filters] = await Promise.all([getFilter(db, id), accountCatalog(db), listFilters(db)]);
  if (!filter) notFound();
  return (
    <>
      <h1>{filter.name}</h1>
      <p className="muted">
        <code>{filter.id}</code> — schemes use it as <code>{`{"filter": "${filter.id}"}`}</code>
      </p>
      <FilterForm
        mode="edit"
        action={updateFilterAction.bind(null, id)}
        initial={filter}
        catalog={filterFormCatalog(catalog)}
        otherFilters={filters.filter((f) => f.id !== id).map(({ id: fid, name }) => ({ id: fid, name }))}
      />
      <DeleteForm action={deleteFilterAction.bind(null, id)} label="Delete filter" confirmText={`Delete filter ${filter.name}?`} />
    </>
  );
}
