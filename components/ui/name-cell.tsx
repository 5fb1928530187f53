import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * The first cell of a list page's row: the item's name, linked to its page, then its id (and
 * `detail`, after a dot) in muted text; `badge` stands next to the name.
 */
export function NameCell({ href, name, id, badge, detail }: { href: string; name: string; id: string; badge?: ReactNode; detail?: ReactNode }) {
  return (
    <td>
      <Link href={href}>
        <strong>{name}</strong>
      </Link>
      {badge ? <> {badge}</> : null}
      <div className="muted">
        <code>{id}</code>
        {detail ? <> · {detail}</> : null}
      </div>
    </td>
  );
}
