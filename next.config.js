import { hostname, networkInterfaces } from 'node:os';

/**
 * `next dev` serves its scripts and HMR socket only to pages opened at an origin it trusts (localhost
 * by default), so at 127.0.0.1 or the "Network" address it prints a page never became interactive.
 * Trust every address of this machine: those are the ones a teammate on a shared VM opens.
 */
const thisMachine = () => [
  '127.0.0.1',
  hostname(),
  ...Object.values(networkInterfaces())
    .flat()
    .map((a) => (a?.family === 'IPv6' ? `[${a.address}]` : a?.address)),
].filter((a) => a !== undefined);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships its own WASM and data files; bundling it breaks their relative loading.
  serverExternalPackages: ['@electric-sql/pglite'],
  // The Content-Security-Policy is set per request in proxy.ts: a page's carries a nonce of its own.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
  allowedDevOrigins: thisMachine(),
  // `forbidden()` (app/forbidden/page.tsx): a page the proxy refuses for a role answers 403, not 200.
  experimental: { authInterrupts: true },
};

export default nextConfig;
