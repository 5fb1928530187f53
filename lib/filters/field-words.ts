import type { FieldWordsByPath } from '../forms/issue-messages';

export const FILTER_FIELD_WORDS: FieldWordsByPath = {
  id: { label: 'Id' },
  name: { label: 'Name' },
  match: { label: 'Match' },
  rules: { label: 'The filter' },
  'rules.*': { label: 'Rule' },
  'rules.*.attribute': { label: 'Attribute' },
  'rules.*.operator': { label: 'Operator' },
  'rules.*.value': { label: 'Value' },
  'rules.*.filter': { label: 'Filter' },
};
