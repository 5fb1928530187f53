import type { ReactNode } from 'react';

/** A labelled form field with its validation errors right under it; a required one is marked with *. */
export function Field({ label, htmlFor, errors, hint, required, children }: {
  label: string;
  htmlFor?: string;
  errors?: readonly string[];
  hint?: string;
  required?: boolean;
  children: ReactNode;
}) {
  const errorId = htmlFor ? `${htmlFor}-error` : undefined;
  return (
    <div className={errors?.length ? 'field field-invalid' : 'field'}>
      {required ? (
        // The mark sits beside the label, not in it, so the field's name stays its label; the input says aria-required.
        <span className="field-label">
          <label htmlFor={htmlFor}>{label}</label>
          <span className="field-required" aria-hidden="true" title="required">
            *
          </span>
        </span>
      ) : (
        <label htmlFor={htmlFor}>{label}</label>
      )}
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

/** The line that says what the * next to a label means. */
export function RequiredLegend() {
  return (
    <p className="required-legend">
      Fields marked <span>*</span> are required.
    </p>
  );
}
