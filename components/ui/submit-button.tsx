'use client';
import { useFormStatus } from 'react-dom';
import type { ButtonHTMLAttributes } from 'react';

/** A submit button that disables itself while its form's action runs. */
export function SubmitButton({ children, className = 'button primary', ...rest }: ButtonHTMLAttributes<HTMLButtonElement>) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending || rest.disabled} aria-busy={pending} {...rest}>
      {children}
    </button>
  );
}
