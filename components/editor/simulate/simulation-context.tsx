'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { TestCaseActions } from '@/components/editor/tests/test-case-actions';

/** What the Simulate and Tests tabs need from the server, handed down by the page. */
export interface SimulationInit {
  /** Published versions, newest first. */
  versions: { version: number; active: boolean }[];
  maxUploadBytes: number;
  testCases: TestCaseActions;
  /** The canary running beside this scheme's live version, if one is: the dry run says which arm a payment takes. */
  canary?: { rolloutId: string; shareBp: number; version: number; controlVersion: number } | null;
}

const SimulationContext = createContext<SimulationInit | null>(null);

export function SimulationProvider({ value, children }: { value: SimulationInit; children: ReactNode }) {
  return <SimulationContext.Provider value={value}>{children}</SimulationContext.Provider>;
}

/** The page's canary, or null (also outside a provider: the dry run works without one). */
export function useRunningCanary(): SimulationInit['canary'] {
  return useContext(SimulationContext)?.canary ?? null;
}

export function useSimulationInit(): SimulationInit {
  const value = useContext(SimulationContext);
  if (!value) throw new Error('useSimulationInit needs a SimulationProvider above it.');
  return value;
}
