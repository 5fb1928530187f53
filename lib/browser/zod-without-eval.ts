/**
 * Zod probes whether `new Function` works, to compile fast parsers. Under the app's Content-Security-Policy
 * (no 'unsafe-eval') the probe fails harmlessly but is reported as a policy violation; `jitless` skips it.
 * Browser code only (the server keeps zod's compiled parsers): the root layout runs ZOD_WITHOUT_EVAL before
 * any bundle, and the checker worker imports zod-without-eval-now.ts before anything that loads zod.
 */
export const ZOD_WITHOUT_EVAL = 'globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true});';
