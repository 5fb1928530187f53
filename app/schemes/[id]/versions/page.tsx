import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { uiContext } from '@/lib/auth/ui-context';
import { roleAllows } from '@/lib/access/roles';
import { ProblemList } from '@/components/schemes/problem-list';
import { ActionButton } from '@/components/schemes/name-form';
import { DiffPicker } from '@/components/publishing/diff-picker';
import { PublishForm } from '@/components/publishing/publish-form';
import { ImpactPreflight } from '@/components/publishing/impact-preflight';
import { TestCases } from '@/components/publishing/test-cases';
import { VersionHistory } from '@/components/publishing/version-history';
import { ApprovalList } from '@/components/publishing/approval-list';
import { fourEyesOn, pendingRequests, versionEvents } from '@/lib/services/going-live';
import { decideRequestAction } from '@/app/approvals/actions';
import { listVersions, previewPublish } from '@/lib/services/publishing';
import { getScheme } from '@/lib/services/schemes';
import { getSettings } from '@/lib/services/settings';
import { listTestCases } from '@/lib/services/test-cases';
import { ScheduleActivation } from '@/components/publishing/schedule-activation';
import { ScheduledList } from '@/components/publishing/scheduled-list';
import { listScheduledChanges } from '@/lib/services/scheduled-changes';
import { timeZoneNames } from '@/lib/settings/time-zone';
import { listRollouts } from '@/lib/services/rollouts';
import { rolloutArms, shadowDifferences } from '@/lib/services/rollout-stats';
import { RolloutPanel } from '@/components/rollouts/rollout-panel';
import { StartRollout } from '@/components/rollouts/start-rollout';
import {
  activateAction, addTestCaseAction, cancelScheduledAction, changeRolloutShareAction, deactivateAction, deleteTestCaseAction, previewActivationAction, promoteRolloutAction,
  publishAction, scheduleActivationAction, startRolloutAction, stopRolloutAction,
} from './actions';

export const metadata: Metadata = { title: 'Versions' };

/** Publishing: the draft's pre-flight (compile, test cases), the publish form, history, diff and rollback. */
export default async function VersionsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await uiContext();
  const { db } = ctx;
  const role = ctx.actor.kind === 'user' ? ctx.actor.role : 'viewer';
  const me = ctx.actor.kind === 'user' ? ctx.actor.id : '';
  const publisher = roleAllows(role, 'publisher');
  const scheme = await getScheme(db, id);
  if (!scheme) notFound();
  const [preview, versions, cases, settings, fourEyes, pending, events, scheduled, rollouts] = await Promise.all([
    previewPublish(db, id), listVersions(db, id), listTestCases(db, id), getSettings(db), fourEyesOn(db), pendingRequests(db, id), versionEvents(db, id),
    listScheduledChanges(db, `scheme:${id}`), listRollouts(db, id, 1),
  ]);
  const rollout = rollouts[0] ?? null;
  const since = rollout ? new Date(rollout.started_at) : new Date();
  const [arms, differences] = rollout
    ? await Promise.all([rolloutArms(db, rollout.id, since), rollout.kind === 'shadow' ? shadowDifferences(db, rollout.id, since) : null])
    : [null, null];
  if (!preview.ok || !versions.ok) notFound();
  const { errors, warnings, tests, revision } = preview.value;
  const outcomes = tests ? Object.fromEntries(tests.outcomes.map((o) => [o.id, o])) : null;
  const active = settings.active_scheme_id === id;
  // Any running rollout of the account blocks a new one; the server says so too.
  const mayStartRollout = publisher && active && rollout?.status !== 'running';
  return (
    <>
      <div className="page-header">
        <h1>
          Versions of {scheme.name} {active && <span className="badge badge-active">active v{settings.active_version}</span>}
        </h1>
        <div style={{ display: 'flex', gap: 8 }}>
          {active && publisher && <ActionButton action={deactivateAction.bind(null, id)} label="Deactivate" />}
          <Link href={`/schemes/${id}`} className="button">
            Back to the draft
          </Link>
        </div>
      </div>
      {(fourEyes || pending.length > 0) && (
        <section className="panel" data-testid="approvals">
          <h2>Waiting for approval</h2>
          <p className="muted">Four-eyes approval is {fourEyes ? 'on' : 'off'}: a publish or activation goes ahead when a publisher or admin other than the requester approves it.</p>
          <ApprovalList requests={pending} decide={publisher ? Object.fromEntries(pending.map((r) => [r.id, decideRequestAction.bind(null, r.id)])) : undefined} me={me} />
        </section>
      )}
      {publisher && (
      <section className="panel" data-testid="publish">
        <h2>Publish the draft</h2>
        <p data-testid="preflight">
          Revision {revision}:{' '}
          {errors.length === 0 ? <span className="badge badge-active">compiles</span> : <span className="badge badge-down">{errors.length} errors</span>}{' '}
          {warnings.length > 0 && <span className="badge badge-warn">{warnings.length} warnings</span>}{' '}
          {tests && tests.run > 0 && (
            <span className={tests.failed.length ? 'badge badge-down' : 'badge badge-active'}>
              {tests.passed} / {tests.run} test cases pass
            </span>
          )}
          {tests && tests.run === 0 && <span className="muted">no saved test cases</span>}
        </p>
        <ProblemList problems={errors} kind="error" />
        <ImpactPreflight schemeId={id} hasActive={settings.active_scheme_id === id && settings.active_version !== null} />
        <PublishForm action={publishAction.bind(null, id)} revision={revision} blocked={errors.length > 0} failingTests={tests?.failed.length ?? 0} fourEyes={fourEyes} />
      </section>
      )}
      {rollout && (
        <section className="panel" data-testid="rollout">
          <h2>Rollout</h2>
          <RolloutPanel
            rollout={rollout}
            arms={arms?.ok ? arms.value : []}
            differences={differences?.ok ? differences.value : null}
            controls={publisher ? {
              stop: stopRolloutAction.bind(null, id, rollout.id),
              promote: promoteRolloutAction.bind(null, id, rollout.id),
              share: changeRolloutShareAction.bind(null, id, rollout.id),
            } : undefined}
          />
        </section>
      )}
      {(publisher || scheduled.length > 0) && versions.value.length > 0 && (
        <section className="panel" data-testid="schedule-panel">
          <h2>Scheduled activations</h2>
          <p className="muted">
            A scheduled version goes live at its time on whichever instance ticks first (every few seconds, by the database&apos;s clock). If no instance is
            running then, it goes live as soon as one starts. Until then it can be cancelled.
          </p>
          <ScheduledList
            changes={scheduled}
            now={Date.now()}
            cancel={publisher ? Object.fromEntries(scheduled.filter((c) => c.status === 'pending').map((c) => [c.id, cancelScheduledAction.bind(null, id, c.id)])) : undefined}
          />
          {publisher && (
            <ScheduleActivation
              versions={versions.value.map((v) => v.version)}
              zones={timeZoneNames()}
              accountZone={settings.time_zone}
              preview={previewActivationAction.bind(null, id)}
              schedule={scheduleActivationAction.bind(null, id)}
              fourEyes={fourEyes}
            />
          )}
        </section>
      )}
      <section className="panel">
        <h2>History</h2>
        <VersionHistory
          schemeId={id}
          versions={versions.value}
          fourEyes={fourEyes}
          goLive={publisher ? { preview: (version) => previewActivationAction.bind(null, id, version), confirm: (version) => activateAction.bind(null, id, version) } : undefined}
          rollout={mayStartRollout ? (version) => <StartRollout version={version} action={startRolloutAction.bind(null, id, version)} fourEyes={fourEyes} /> : undefined}
        />
        <h3>What happened</h3>
        {events.length === 0 ? (
          <p className="muted">Nothing recorded yet.</p>
        ) : (
          <ul className="event-list" data-testid="version-events">
            {events.map((event, index) => (
              <li key={index}>
                <time dateTime={event.at}>{event.at.replace('T', ' ').slice(0, 19)} UTC</time> · <strong>{event.actor}</strong> {event.text}
              </li>
            ))}
          </ul>
        )}
      </section>
      {versions.value.length >= 2 && (
        <section className="panel">
          <h2>Compare two versions</h2>
          <DiffPicker schemeId={id} versions={versions.value} />
        </section>
      )}
      <section className="panel" data-testid="test-cases-panel">
        <h2>Saved test cases</h2>
        <p className="muted">Each publish runs them; a failing one blocks the publish unless an override reason is given.</p>
        <TestCases cases={cases} outcomes={outcomes} addAction={addTestCaseAction.bind(null, id)} deleteAction={deleteTestCaseAction.bind(null, id)} />
      </section>
    </>
  );
}
