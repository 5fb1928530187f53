import type { Metadata } from 'next';
import { getDb } from '@/db';
import { getSettings } from '@/lib/services/settings';
import { listProcessors } from '@/lib/services/processors';
import { listRoutes } from '@/lib/services/routes';
import { SettingsForm } from '@/components/settings-form';
import { timeZoneNames } from '@/lib/settings/time-zone';
import { updateSettingsAction } from './actions';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const db = await getDb();
  const [settings, processors, routes] = await Promise.all([getSettings(db), listProcessors(db), listRoutes(db)]);
  return (
    <>
      <h1>Routing settings</h1>
      <SettingsForm action={updateSettingsAction} settings={settings} processors={processors} routes={routes} timeZones={timeZoneNames()} />
    </>
  );
}
