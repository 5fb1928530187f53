import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDb } from '@/db';
import { getScheme } from '@/lib/services/schemes';
import { getSettings } from '@/lib/services/settings';
import { loadAccountContext } from '@/lib/services/account-context';
import { SchemeEditor } from '@/components/editor/scheme-editor';
import { SimulationProvider } from '@/components/editor/simulate/simulation-context';
import { listVersions } from '@/lib/services/publishing';
import { decisionLog } from '@/lib/services/decisions';
import { recordedDecisionTransaction } from '@/lib/services/rollout-stats';
import { listRollouts } from '@/lib/services/rollouts';
import { maxUploadBytes } from '@/lib/services/simulation-runs';
import { deleteSchemeAction, duplicateSchemeAction, saveAsCopyAction, saveDraftAction } from '../actions';
import {
  deleteTestCaseAction, importTestCasesAction, listTestCasesAction, saveTestCaseAction, setTestCaseEnabledAction,
} from './test-case-actions';

type Params = { params: Promise<{ id: string }>; searchParams?: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const scheme = await getScheme(await getDb(), id);
  return { title: scheme ? scheme.name : 'Scheme not found' };
}

/** The scheme editor: the draft as a graph and as JSON, with the account it compiles against. */
export default async function SchemePage({ params, searchParams }: Params) {
  const { id } = await params;
  // `?dry_run=dec_…`: open a recorded decision's transaction in the dry run (a shadow's example).
  const dryRunId = (await searchParams)?.dry_run;
  const db = await getDb();
  const [scheme, settings, account, versions, opened, rollouts] = await Promise.all([
    getScheme(db, id), getSettings(db), loadAccountContext(db), listVersions(db, id), typeof dryRunId === 'string' ? recordedDecisionTransaction(db, dryRunId, decisionLog()) : null, listRollouts(db, id, 1),
  ]);
  const running = rollouts[0]?.status === 'running' && rollouts[0].kind === 'canary' ? rollouts[0] : null;
  if (!scheme) notFound();
  const simulation = {
    versions: versions.ok ? versions.value.map((v) => ({ version: v.version, active: v.active })) : [],
    maxUploadBytes: maxUploadBytes(),
    canary: running ? { rolloutId: running.id, shareBp: Math.round(running.share_percent * 100), version: running.version, controlVersion: running.control_version } : null,
    testCases: {
      list: listTestCasesAction.bind(null, id),
      save: saveTestCaseAction.bind(null, id),
      setEnabled: setTestCaseEnabledAction.bind(null, id),
      remove: deleteTestCaseAction.bind(null, id),
      importLines: importTestCasesAction.bind(null, id),
    },
  };
  return (
    // Keyed by scheme: opening another scheme starts a fresh editor store; a refresh of this one keeps it.
    <SimulationProvider value={simulation}>
      <SchemeEditor
        key={scheme.id}
        init={{ schemeId: scheme.id, revision: scheme.revision, document: scheme.document, account }}
        activeVersion={settings.active_scheme_id === id ? settings.active_version : null}
        {...(opened ? { openTransaction: opened } : {})}
        actions={{
          save: saveDraftAction,
          saveAsCopy: saveAsCopyAction,
          duplicate: duplicateSchemeAction.bind(null, id),
          remove: deleteSchemeAction.bind(null, id),
        }}
      />
    </SimulationProvider>
  );
}
