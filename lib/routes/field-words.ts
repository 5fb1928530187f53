import type { FieldWordsByPath } from '../forms/issue-messages';

export const ROUTE_FIELD_WORDS: FieldWordsByPath = {
  name: { label: 'Name' },
  processors: { label: 'The route' },
  'processors.*': { label: 'Processor' },
};
