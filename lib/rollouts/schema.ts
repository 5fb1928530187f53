import { z } from 'zod';

/**
 * What starting a rollout and changing its share take (the versions page's form and the service share
 * them). Shares are typed in percent and stored in basis points.
 */
export const ROLLOUT_KINDS = ['shadow', 'canary'] as const;
export type RolloutKind = (typeof ROLLOUT_KINDS)[number];
export const ROLLOUT_STATUSES = ['running', 'stopped', 'tripped', 'promoted'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

/** The guardrail's shortest window: short enough for a test, long enough not to judge on every tick. */
export const MIN_WINDOW_SECONDS = 5;

const sharePercent = z.number({ error: 'Share must be a number of percent' }).min(0.01, 'Share must be at least 0.01%').max(99, 'Share must be at most 99% (promote to send it all traffic)');

export const StartRolloutSchema = z.strictObject({
  kind: z.enum(ROLLOUT_KINDS),
  /** Canary only: percent of traffic. */
  share_percent: sharePercent.optional(),
  max_drop_points: z.number().gt(0, 'Allowed drop must be more than 0 points').max(100, 'Allowed drop must be at most 100 points').default(2),
  min_attempts: z.number().int().min(10, 'Minimum attempts must be at least 10 per arm').max(10_000_000).default(200),
  window_seconds: z.number().int().min(MIN_WINDOW_SECONDS, `Window must be at least ${MIN_WINDOW_SECONDS} seconds`).max(7 * 86_400, 'Window must be at most 7 days').default(300),
  auto_promote: z.boolean().default(false),
}).superRefine((value, ctx) => {
  if (value.kind === 'canary' && value.share_percent === undefined) ctx.addIssue({ code: 'custom', path: ['share_percent'], message: 'A canary needs a share of traffic' });
  if (value.kind === 'shadow' && value.share_percent !== undefined) ctx.addIssue({ code: 'custom', path: ['share_percent'], message: 'A shadow takes no traffic: leave the share out' });
  if (value.kind === 'shadow' && value.auto_promote) ctx.addIssue({ code: 'custom', path: ['auto_promote'], message: 'Only a canary can promote itself (a shadow has no outcomes to judge)' });
});
export type StartRolloutInput = z.output<typeof StartRolloutSchema>;

export const ChangeShareSchema = z.strictObject({ share_percent: sharePercent });

export const percentToBp = (percent: number): number => Math.round(percent * 100);
