import type { ReactNode } from 'react';

/** A labelled form field with its validation errors right under it. */
export function Field({ label, htmlFor, errors, hint, children }: {
  label: string;
  htmlFor?: string;
  errors?: readonly string[];
  hint?: string;
  children: ReactNode;
}) {
  const errorId = htmlFor ? `${htmlFor}-error` : undefined;
  return (
    <div className={errors?.length ? 'field field-invalid' : 'field'}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {hint && !errors?.length && <small className="hint">{hint}</small>}
      {errors?.length ? (
        <small className="field-error" id={errorId} role="alert">
          {errors.join('; ')}
        </small>
      ) : null}
    </div>
  );
}
