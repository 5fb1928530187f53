'use client';

import { armOf, transactionIdOf } from '@/lib/rollouts/arm';
import { useRunningCanary } from '../simulate/simulation-context';

/** While a canary runs, which arm live traffic would send this payment to (the same function decide uses). */
export function CanaryArm({ transaction }: { transaction: Record<string, unknown> }) {
  const canary = useRunningCanary();
  if (!canary) return null;
  const id = transactionIdOf(transaction);
  const arm = armOf(id, canary.rolloutId, canary.shareBp);
  return (
    <p className="notice" data-testid="dry-run-arm" data-arm={arm}>
      A canary of v{canary.version} takes {canary.shareBp / 100}% of live traffic:{' '}
      {id === null
        ? <>this payment has no <code>id</code>, so live traffic answers it with the control arm (v{canary.controlVersion}).</>
        : <>live traffic would answer this payment with the <strong>{arm}</strong> arm (v{arm === 'canary' ? canary.version : canary.controlVersion}).</>}
    </p>
  );
}
