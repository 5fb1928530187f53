import type { Metadata } from 'next';
import Script from 'next/script';
import type { ReactNode } from 'react';
import { Nav } from '@/components/nav';
import { DatabaseUnavailable } from '@/components/database-unavailable';
import { checkDatabase } from '@/lib/services/health';
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
  return (
    <html lang="en">
      <body>
        <Script id="zod-without-eval" strategy="beforeInteractive">
          {ZOD_WITHOUT_EVAL}
        </Script>
        <div className="shell">
          <Nav />
          <main className="content">{health.ok ? children : <DatabaseUnavailable reason={health.reason} />}</main>
        </div>
      </body>
    </html>
  );
}
