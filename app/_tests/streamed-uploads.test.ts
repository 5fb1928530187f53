import { describe, expect, it } from 'vitest';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { config } from '@/proxy';

/**
 * Next.js copies the body of every request the proxy runs for, holds it in memory until it has all
 * arrived, and cuts it at 10 MB: a 300,000-row CSV upload lost every row after the cut and read the cut
 * row as short. So the two routes whose bodies stream must not go through the proxy.
 */
describe('which requests the proxy sees', () => {
  const proxied = (url: string) => unstable_doesMiddlewareMatch({ config, url });

  it('skips the two streamed uploads: a simulation run and the simulate/batch API', () => {
    for (const url of ['/schemes/sch_demo_eu_cards/simulations/run_abc', '/api/v1/simulate/batch', '/api/v1/simulate/batch?scheme_id=sch_1&seed=3']) {
      expect(proxied(url), url).toBe(false);
    }
  });

  it('sees every other page and route, the run\'s progress, cancel and export included', () => {
    for (const url of ['/', '/sign-in', '/schemes', '/schemes/sch_demo_eu_cards', '/schemes/sch_demo_eu_cards/simulations',
      '/schemes/sch_demo_eu_cards/simulations/run_abc/progress', '/schemes/sch_demo_eu_cards/simulations/run_abc/cancel',
      '/schemes/sch_demo_eu_cards/simulations/run_abc/export', '/api/health', '/api/auth/sign-in/email', '/api/v1/processors/%ff', '/api/v1/schemes/%00/versions', '/audit']) {
      expect(proxied(url), url).toBe(true);
    }
  });

  it('skips /api/v1 (API keys: no session, no page policy) unless its path has a percent-escape to refuse', () => {
    for (const url of ['/api/v1/decide', '/api/v1/decide?strict=true', '/api/v1/simulate', '/api/v1/simulate/batches', '/api/v1/processors/proc_stripe', '/api/v1/nowhere?x=%ff']) {
      expect(proxied(url), url).toBe(false);
    }
  });
});
