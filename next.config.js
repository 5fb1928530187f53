import { hostname, networkInterfaces } from 'node:os';

const dev = process.env.NODE_ENV === 'development';

/**
 * Everything the app loads is its own, so the policy allows only this origin. Next.js writes its
 * bootstrap as inline scripts and Monaco sets inline styles, hence 'unsafe-inline' for those two;
 * Monaco's workers are built from the local package ('self', blob: for the ones it spawns). Dev mode
 * adds 'unsafe-eval' for React's debugging and fast refresh. No one may frame the app.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');


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
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
  allowedDevOrigins: thisMachine(),
};

export default nextConfig;
