'use client';

import { useMemo } from 'react';
import type { AttributeSpec, Catalog } from '@/lib/catalog';
import { metadataCandidate, pickerOptions, searchAttributes } from '@/lib/editor/inspector-attributes';
import { PickerDropdown, usePickerDropdown } from './picker-dropdown';

/**
 * The attribute of a rule: a button naming it, which opens a searchable list grouped by category,
 * each entry with its label, path and description. Custom attributes have their own group; typing a
 * key (or metadata.<key>) offers `metadata.<key>` for anything the backend sends in metadata.
 */
export function AttributePicker({ catalog, value, onPick, startOpen = false }: {
  catalog: Catalog;
  value: string;
  onPick: (name: string) => void;
  startOpen?: boolean;
}) {
  const picker = usePickerDropdown(startOpen);
  const { query, active } = picker;
  const current = catalog.get(value);

  const groups = useMemo(() => searchAttributes(catalog, query), [catalog, query]);
  const metadata = useMemo(() => metadataCandidate(catalog, query), [catalog, query]);
  const options = useMemo(() => pickerOptions(catalog, query), [catalog, query]);

  function pick(spec: AttributeSpec) {
    onPick(spec.name);
    picker.close();
  }

  let index = -1;
  const option = (spec: AttributeSpec) => {
    index += 1;
    return (
      <li
        key={spec.name}
        {...picker.optionProps(index, () => pick(spec))}
        className={`${index === active ? 'active' : ''}${spec.name === value ? ' current' : ''}`.trim() || undefined}
      >
        <span className="insp-attr-label">{spec.label}</span> <code>{spec.name}</code>
        <span className="insp-attr-desc">{spec.description}</span>
      </li>
    );
  };

  return (
    <PickerDropdown
      picker={picker}
      count={options.length}
      className="insp-attr"
      trigger={{
        className: `insp-attr-button${current ? '' : ' bad'}`,
        label: `Attribute: ${current?.label ?? value}`,
        title: current?.description ?? 'Not an attribute of the catalog',
        content: (
          <>
            <span className="insp-attr-label">{current?.label ?? 'Unknown attribute'}</span>
            <code>{value}</code>
            <span aria-hidden className="insp-caret">▾</span>
          </>
        ),
      }}
      searchLabel="Search attributes"
      placeholder="Search, or type metadata.<key>"
      onEnter={() => {
        const chosen = options[active];
        if (chosen) pick(chosen);
      }}
    >
      <div className="insp-attr-list" id={picker.listId} role="listbox" aria-label="Attributes">
        {groups.map((g) => (
          <div key={g.group} role="group" aria-label={g.group}>
            <div className="insp-group">{g.group}</div>
            <ul>{g.attributes.map(option)}</ul>
          </div>
        ))}
        <div role="group" aria-label="Metadata">
          <div className="insp-group">Metadata</div>
          <ul>
            {metadata ? option(metadata) : <li className="insp-muted insp-attr-tip">Type a key to route on <code>metadata.&lt;key&gt;</code>, any text field your backend sends.</li>}
          </ul>
        </div>
      </div>
    </PickerDropdown>
  );
}
