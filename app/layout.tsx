import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Script from 'next/script';
import type { ReactNode } from 'react';
import { Nav } from '@/components/nav';
import { signOutAction } from './sign-in/actions';
import { DatabaseUnavailable } from '@/components/database-unavailable';
import { checkDatabase } from '@/lib/services/health';
import { signedInUser } from '@/lib/auth/session';
import { ZOD_WITHOUT_EVAL } from '@/lib/browser/zod-without-eval';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Switchyard', template: '%s · Switchyard' },
  description: 'Payment-routing rules editor',
};

// Every page reads live account data; nothing is pre-rendered at build time.
export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  const health = await checkDatabase();
  // Signed out (the sign-in and setup pages) there is no menu to show.
  const user = health.ok ? await signedInUser() : null;
  // The policy's nonce for this request (proxy.ts): Next.js puts it on its own scripts, this one is ours.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en">
      <body>
        <Script id="zod-without-eval" strategy="beforeInteractive" nonce={nonce}>
          {ZOD_WITHOUT_EVAL}
        </Script>
        <div className={user ? 'shell' : 'shell shell-signed-out'}>
          {user && <Nav user={user} signOut={signOutAction} />}
          <main className="content">{health.ok ? children : <DatabaseUnavailable reason={health.reason} />}</main>
        </div>
      </body>
    </html>
  );
}
