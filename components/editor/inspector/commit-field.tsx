'use client';

import { useEffect, useId, useRef, useState, type InputHTMLAttributes, type KeyboardEvent } from 'react';

/**
 * A text field that edits a draft and commits it once: on blur, on Enter (Ctrl/Cmd+Enter in a
 * multi-line field), or when it goes away with an uncommitted draft. Escape puts the committed value
 * back. So one edit of a field is one undo step, not one per keystroke. `check` runs on the draft as
 * you type (a regex error, a BIN shape); `onCommit` may answer with a refusal, which stays under the
 * field with the draft kept, so it can be fixed.
 */
export interface CommitFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'defaultValue'> {
  value: string;
  onCommit: (draft: string) => string | null | void;
  check?: (draft: string) => string | null;
  multiline?: boolean;
  /** Shown under the field when there is no error. */
  hint?: string;
}

export function CommitField({ value, onCommit, check, multiline = false, hint, className, ...inputProps }: CommitFieldProps) {
  const [draft, setDraft] = useState(value);
  const [refusal, setRefusal] = useState<string | null>(null);
  const errorId = useId();
  // The committed value changed (a commit, undo, another view): the draft follows it.
  useEffect(() => {
    setDraft(value);
    setRefusal(null);
  }, [value]);

  const latest = useRef({ draft, value, onCommit });
  latest.current = { draft, value, onCommit };
  useEffect(
    () => () => {
      const { draft: pending, value: committed, onCommit: commit } = latest.current;
      if (pending !== committed) commit(pending);
    },
    [],
  );

  function commit() {
    if (draft === value) return;
    const refused = onCommit(draft);
    setRefusal(refused ?? null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) {
    // Ctrl/Cmd+S saves the document: the draft goes in first (the editor's save listener runs after this one).
    if (isSaveKey(event)) commit();
    else if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      setDraft(value);
      setRefusal(null);
    }
  }

  const problem = refusal ?? check?.(draft) ?? null;
  const common = {
    value: draft,
    onBlur: commit,
    onKeyDown,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem || hint ? errorId : undefined,
    className: `${className ?? ''}${problem ? ' invalid' : ''}${draft !== value ? ' dirty' : ''}`.trim() || undefined,
  };
  return (
    <>
      {multiline ? (
        <textarea
          {...(inputProps as Record<string, unknown>)}
          {...common}
          rows={2}
          onChange={(e) => {
            setDraft(e.target.value);
            setRefusal(null);
          }}
        />
      ) : (
        <input
          {...inputProps}
          {...common}
          onChange={(e) => {
            setDraft(e.target.value);
            setRefusal(null);
          }}
        />
      )}
      {problem ? (
        <span className="insp-error" id={errorId} role="alert">
          {problem}
        </span>
      ) : hint ? (
        <span className="insp-hint" id={errorId}>
          {hint}
        </span>
      ) : null}
    </>
  );
}

/** Ctrl/Cmd+S: the editor saves, so a field commits its draft before the save reads the document. */
export const isSaveKey = (event: { key: string; ctrlKey: boolean; metaKey: boolean }) => (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's';
