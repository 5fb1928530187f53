import { describe, expect, it } from 'vitest';
import { ProcessorSchema } from '../processors/schema';
import { outcomeFromDraw } from './outcomes';

const processor = (extra: object) => ProcessorSchema.parse({ id: 'proc_x', status: 'active', ...extra });

describe('outcomeFromDraw', () => {
  it('approves below the approval rate and splits the rest by the failure mix', () => {
    const p = processor({ approval_rate: 0.5, failure_mix: { soft_decline: 1, hard_decline: 1, processor_error: 1, timeout: 1 } });
    expect(outcomeFromDraw(p, 0)).toBe('approved');
    expect(outcomeFromDraw(p, 0.49)).toBe('approved');
    expect(outcomeFromDraw(p, 0.5)).toBe('soft_decline');
    expect(outcomeFromDraw(p, 0.63)).toBe('hard_decline');
    expect(outcomeFromDraw(p, 0.76)).toBe('processor_error');
    expect(outcomeFromDraw(p, 0.99)).toBe('timeout');
  });

  it('uses DEFAULT_FAILURE_MIX without a mix and when the mix is all zero', () => {
    for (const p of [processor({ approval_rate: 0 }), processor({ approval_rate: 0, failure_mix: { soft_decline: 0, hard_decline: 0, processor_error: 0, timeout: 0 } })]) {
      expect(outcomeFromDraw(p, 0.59)).toBe('soft_decline'); // default soft share 0.6
      expect(outcomeFromDraw(p, 0.61)).toBe('hard_decline'); // then 0.25
      expect(outcomeFromDraw(p, 0.9)).toBe('processor_error'); // then 0.1
      expect(outcomeFromDraw(p, 0.97)).toBe('timeout');
    }
  });

  it('always approves at rate 1 and fails an unknown processor', () => {
    expect(outcomeFromDraw(processor({ approval_rate: 1 }), 0.999999)).toBe('approved');
    expect(outcomeFromDraw(undefined, 0)).toBe('processor_error');
  });
});
