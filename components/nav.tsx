'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { roleAllows, ROLE_LABELS, type Role } from '@/lib/access/roles';
import { SignOutButton } from '@/components/access/sign-out-button';

const LINKS: { href: string; label: string; role?: Role }[] = [
  { href: '/', label: 'Dashboard' },
  { href: '/traffic', label: 'Traffic' },
  { href: '/schemes', label: 'Schemes' },
  { href: '/processors', label: 'Processors' },
  { href: '/routes', label: 'Processor routes' },
  { href: '/filters', label: 'Filters' },
  { href: '/settings', label: 'Settings' },
  { href: '/settings/api-keys', label: 'API keys', role: 'admin' },
  { href: '/settings/users', label: 'Users', role: 'admin' },
  { href: '/audit', label: 'Audit trail', role: 'publisher' },
  { href: '/api-docs', label: 'API reference' },
];

const matches = (pathname: string, href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));

/** The most specific link that matches is the current one (`/settings/api-keys` is not also Settings). */
function currentHref(pathname: string): string | undefined {
  return LINKS.filter((link) => matches(pathname, link.href)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

/**
 * The sidebar; on narrow screens a top bar whose menu opens on demand and closes on navigation.
 * Links the user's role cannot open are left out (the server refuses them anyway).
 */
export function Nav({ user, signOut }: { user: { email: string; role: Role }; signOut: () => Promise<void> }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const current = currentHref(pathname);
  const links = LINKS.filter((link) => !link.role || roleAllows(user.role, link.role));
  useEffect(() => setOpen(false), [pathname]);
  return (
    <nav className="nav" aria-label="Main" data-open={open}>
      <div className="nav-bar">
        <Link href="/" className="brand">
          <span className="brand-mark" aria-hidden>⇄</span> Switchyard
        </Link>
        <button type="button" className="nav-toggle" aria-expanded={open} aria-controls="nav-links" onClick={() => setOpen(!open)}>
          {open ? 'Close' : 'Menu'}
        </button>
      </div>
      <ul id="nav-links">
        {links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={link.href === current ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
      <div className="nav-user" data-testid="signed-in-user">
        <span className="email" title={user.email}>{user.email}</span>
        <span className="badge">{ROLE_LABELS[user.role]}</span>
        <SignOutButton signOut={signOut} />
      </div>
    </nav>
  );
}
