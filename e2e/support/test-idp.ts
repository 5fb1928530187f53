import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Provider, { type JWK } from 'oidc-provider';

/**
 * A real OpenID Connect provider for the single sign-on test: `oidc-provider` (a certified
 * implementation) on https with a certificate made for this run, so the app checks the provider's TLS
 * the way it would in production — it trusts the certificate through NODE_EXTRA_CA_CERTS, nothing
 * is switched off. Its development login form takes any login as the account id and any password;
 * the account's email is that login, so a test picks who signs in by typing it.
 */
export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The PEM file of the certificate (its own authority) to hand to the app as NODE_EXTRA_CA_CERTS. */
  certificateFile: string;
  close(): Promise<void>;
}

export async function startTestIdp(options: { port: number; redirectUri: string }): Promise<TestIdp> {
  const folder = mkdtempSync(path.join(tmpdir(), 'switchyard-idp-'));
  const keyFile = path.join(folder, 'key.pem');
  const certificateFile = path.join(folder, 'cert.pem');
  // A self-signed certificate for 127.0.0.1, valid one day; trusted as its own authority.
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=Switchyard test IdP', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-keyout', keyFile, '-out', certificateFile,
  ], { stdio: 'ignore' });

  const issuer = `https://127.0.0.1:${options.port}`;
  const clientId = 'switchyard-e2e';
  const clientSecret = randomBytes(24).toString('base64url');
  const signingKey = { ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK), kid: 'e2e', use: 'sig', alg: 'RS256' };
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [options.redirectUri],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, email: id, email_verified: true, name: id.split('@')[0] }),
    }),
    pkce: { required: () => true },
    // Lifetimes of its own (seconds), so it does not print a notice for each default it falls back on.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    features: { devInteractions: { enabled: true } },
  });
  provider.on('server_error', (_ctx, error) => console.error('test IdP:', error));
  const server: Server = createServer({ key: readFileSync(keyFile), cert: readFileSync(certificateFile) }, provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    certificateFile,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
