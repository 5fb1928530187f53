import type { Metadata } from 'next';
import { getDb } from '@/db';
import { getSettings } from '@/lib/services/settings';
import { listProcessors } from '@/lib/services/processors';
import { listRoutes } from '@/lib/services/routes';
import { SettingsForm } from '@/components/settings-form';
import { timeZoneNames } from '@/lib/settings/time-zone';
import { setFourEyesAction, updateDecisionLogAction, updateSettingsAction } from './actions';
import { DecisionLogForm } from '@/components/settings/decision-log-form';
import { redactionWarnings } from '@/lib/services/redaction-warnings';
import { FourEyesForm } from '@/components/settings/four-eyes-form';
import { fourEyesOn } from '@/lib/services/going-live';
import { uiContext } from '@/lib/auth/ui-context';
import { roleAllows } from '@/lib/access/roles';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const db = await getDb();
  const ctx = await uiContext();
  const admin = ctx.actor.kind === 'user' && roleAllows(ctx.actor.role, 'admin');
  const [settings, processors, routes, fourEyes] = await Promise.all([getSettings(db), listProcessors(db), listRoutes(db), fourEyesOn(db)]);
  return (
    <>
      <h1>Routing settings</h1>
      <SettingsForm action={updateSettingsAction} settings={settings} processors={processors} routes={routes} timeZones={timeZoneNames()} />
      <FourEyesForm action={setFourEyesAction} on={fourEyes} canChange={admin} />
      <DecisionLogForm action={updateDecisionLogAction} redacted={settings.redacted_fields} retentionDays={settings.retention_days} warnings={await redactionWarnings(db, settings.redacted_fields)} canChange={admin} />
    </>
  );
}
