import { getAuth } from '@/lib/auth/auth';

/** better-auth's endpoints: sign-in, sign-out, session, single sign-on. */
async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
