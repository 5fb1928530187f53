/** Applies lib/browser/zod-without-eval.ts's setting where it is imported: import it first, in browser code only. */
const holder = globalThis as { __zod_globalConfig?: Record<string, unknown> };
holder.__zod_globalConfig = { ...holder.__zod_globalConfig, jitless: true };
export {};
