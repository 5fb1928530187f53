import Link from 'next/link';

const LINKS = [
  { href: '/', label: 'Dashboard' },
  { href: '/schemes', label: 'Schemes' },
  { href: '/processors', label: 'Processors' },
  { href: '/routes', label: 'Processor routes' },
  { href: '/settings', label: 'Settings' },
];

export function Nav() {
  return (
    <nav className="nav" aria-label="Main">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden>⇄</span> Switchyard
      </Link>
      <ul>
        {LINKS.map((link) => (
          <li key={link.href}>
            <Link href={link.href}>{link.label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
