/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships its own WASM and data files; bundling it breaks their relative loading.
  serverExternalPackages: ['@electric-sql/pglite'],
};

export default nextConfig;
