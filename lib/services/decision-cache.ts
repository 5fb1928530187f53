import 'server-only';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Connection } from '@/db/client';
import { rollouts, schemeVersions, settings as settingsTable } from '@/db/schema';
import { compile, indexProcessors, type IndexedProcessorSet, type Plan, type ProcessorRoute, type RoutingSettings } from '@/lib/engine';
import { affectsDecisions, CHANGES_CHANNEL, parseChange } from './changes';
import { loadCompileContext, type CompileContext } from './compile-context';
import { ACCOUNT_ID, getSettings } from './settings';

/**
 * What one app instance decides with, held in memory: the account's compile context, its processors
 * indexed once, the routing settings and the compiled active version. A decision reads only this, so
 * the hot path makes no database query once warm, and keeps answering while the database is away.
 *
 * Freshness: every audited change is NOTIFY'd on one channel; this cache LISTENs and reloads. When the
 * listener (re)connects it reloads too, covering whatever was announced while it was disconnected. A
 * heartbeat notices an unreachable database so health can say how stale the cache may be.
 */
export interface ActiveVersion {
  schemeId: string;
  version: number;
  plan: Plan;
}

/** The running rollout beside the active version: a shadow or a canary of another version of the same scheme. */
export interface LiveRollout {
  id: string;
  kind: 'shadow' | 'canary';
  /** Canary share in basis points. */
  shareBp: number;
  schemeId: string;
  version: number;
  plan: Plan;
}

export interface DecisionSnapshot {
  /** When these contents were read from the database (ms since epoch). */
  loadedAt: number;
  context: CompileContext;
  processors: IndexedProcessorSet;
  routes: ReadonlyMap<string, ProcessorRoute>;
  routing: RoutingSettings;
  active: ActiveVersion | null;
  /** Why the active version could not be compiled against today's registry, if it could not. */
  activeProblem: string | null;
  /** Transaction fields the decision log leaves out (the account's setting). */
  redacted: readonly string[];
  /** The running rollout, when it was started beside the version that is active now and compiles. */
  rollout: LiveRollout | null;
}

export interface CacheStatus {
  loaded: boolean;
  loadedAt: number | null;
  /** Last moment the database was known reachable and the cache known current. */
  confirmedAt: number | null;
  databaseReachable: boolean;
  lastError: string | null;
  listening: boolean;
  active: { schemeId: string; version: number } | null;
}

export type CacheSource = Pick<Connection, 'db'> & Partial<Pick<Connection, 'listen' | 'target' | 'copyIn'>>;

export interface CacheOptions {
  /** How often the heartbeat checks the database (ms); 0 turns it off. Default 2000. */
  heartbeatMs?: number;
  now?: () => number;
}

const VERSION_PLANS_LIMIT = 64;

export class DecisionCache {
  private current: DecisionSnapshot | null = null;
  private loading: Promise<DecisionSnapshot> | null = null;
  private reloadAgain = false;
  private confirmedAt: number | null = null;
  private reachable = true;
  private lastError: string | null = null;
  private listening = false;
  private unlisten: (() => Promise<void>) | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  /** Compiled explicit versions ("scheme@3", or "scheme@latest"), cleared with every reload. */
  private versionPlans = new Map<string, Promise<ActiveVersion | null>>();
  private readonly now: () => number;
  private readonly listeners = new Set<(snapshot: DecisionSnapshot) => void>();

  constructor(readonly source: CacheSource, private readonly options: CacheOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Subscribe to changes and start the heartbeat; resolves once listening (or once listening failed). */
  async start(): Promise<void> {
    if (this.source.listen && !this.unlisten) {
      try {
        this.unlisten = await this.source.listen(
          CHANGES_CHANNEL,
          (payload) => {
            const change = parseChange(payload);
            if (!change || affectsDecisions(change)) void this.reload().catch(() => {});
          },
          () => {
            this.listening = true;
            // (Re)connected: anything announced while disconnected is read now.
            if (this.current) void this.reload().catch(() => {});
          },
        );
      } catch (error) {
        this.noteFailure(error);
      }
    }
    const every = this.options.heartbeatMs ?? 2000;
    if (every > 0 && !this.heartbeat) {
      this.heartbeat = setInterval(() => void this.beat(), every);
      this.heartbeat.unref?.();
    }
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const unlisten = this.unlisten;
    this.unlisten = null;
    this.listening = false;
    await unlisten?.().catch(() => {});
  }

  /** The snapshot in memory, or null before the first load. Synchronous: the hot path. */
  snapshot(): DecisionSnapshot | null {
    return this.current;
  }

  /** The snapshot, loading it first when cold. Rejects only when cold and the database is unreachable. */
  ready(): Promise<DecisionSnapshot> {
    return this.current ? Promise.resolve(this.current) : this.reload();
  }

  /** Reads everything again; concurrent calls share one load, and a call during a load queues one more. */
  reload(): Promise<DecisionSnapshot> {
    if (this.loading) {
      this.reloadAgain = true;
      return this.loading;
    }
    this.loading = (async () => {
      try {
        let snapshot: DecisionSnapshot;
        do {
          this.reloadAgain = false;
          snapshot = await this.load();
        } while (this.reloadAgain);
        return snapshot;
      } finally {
        this.loading = null;
      }
    })();
    return this.loading;
  }

  /** Runs `listener` after every reload (tests and metrics). */
  onReload(listener: (snapshot: DecisionSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): CacheStatus {
    return {
      loaded: this.current !== null,
      loadedAt: this.current?.loadedAt ?? null,
      confirmedAt: this.confirmedAt,
      databaseReachable: this.reachable,
      lastError: this.lastError,
      listening: this.listening,
      active: this.current?.active ? { schemeId: this.current.active.schemeId, version: this.current.active.version } : null,
    };
  }

  /**
   * A published version named explicitly. Without `version`: the active version when this is the
   * active scheme, else the scheme's latest. The active version comes from memory; others are read
   * once and kept until the next reload.
   */
  versionPlan(schemeId: string, version?: number): Promise<ActiveVersion | null> {
    const active = this.current?.active;
    if (active && active.schemeId === schemeId && (version === undefined || version === active.version)) return Promise.resolve(active);
    const key = `${schemeId}@${version ?? 'latest'}`;
    let found = this.versionPlans.get(key);
    if (!found) {
      found = this.readVersion(schemeId, version);
      found.catch(() => this.versionPlans.delete(key));
      if (this.versionPlans.size >= VERSION_PLANS_LIMIT) this.versionPlans.clear();
      this.versionPlans.set(key, found);
    }
    return found;
  }

  private async readVersion(schemeId: string, version: number | undefined): Promise<ActiveVersion | null> {
    const snapshot = await this.ready();
    const where = version === undefined ? eq(schemeVersions.schemeId, schemeId) : and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.version, version));
    const [row] = await this.source.db.select().from(schemeVersions).where(where).orderBy(desc(schemeVersions.version)).limit(1);
    if (!row) return null;
    const compiled = compile(row.document, snapshot.context);
    if (!compiled.ok) throw new VersionNotCompilable(schemeId, row.version, compiled.errors.map((e) => e.message));
    return { schemeId, version: row.version, plan: compiled.plan };
  }

  private async load(): Promise<DecisionSnapshot> {
    const db = this.source.db;
    try {
      const [context, account, [raw]] = await Promise.all([
        loadCompileContext(db),
        getSettings(db),
        db.select({ weights: settingsTable.weights }).from(settingsTable).where(eq(settingsTable.id, ACCOUNT_ID)),
      ]);
      const routes = new Map(context.registry.routes.map((r) => [r.id, r]));
      let active: ActiveVersion | null = null;
      let activeProblem: string | null = null;
      if (account.active_scheme_id && account.active_version != null) {
        const [row] = await db
          .select({ document: schemeVersions.document })
          .from(schemeVersions)
          .where(and(eq(schemeVersions.schemeId, account.active_scheme_id), eq(schemeVersions.version, account.active_version)));
        const compiled = row ? compile(row.document, context) : null;
        if (compiled?.ok) active = { schemeId: account.active_scheme_id, version: account.active_version, plan: compiled.plan };
        else activeProblem = compiled ? compiled.errors.map((e) => e.message).join('; ') : 'the active version does not exist';
      }
      const rollout = active ? await loadRollout(db, active, context) : null;
      const snapshot: DecisionSnapshot = {
        loadedAt: this.now(),
        context,
        processors: indexProcessors(context.registry.processors),
        routes,
        routing: {
          mode: account.routing_mode,
          default_processor: account.default_processor_id,
          default_route: account.default_route_id ? (routes.get(account.default_route_id) ?? null) : null,
          ...(raw?.weights ? { weights: raw.weights } : {}),
        },
        active,
        activeProblem,
        redacted: account.redacted_fields,
        rollout,
      };
      this.current = snapshot;
      this.versionPlans.clear();
      this.noteSuccess(snapshot.loadedAt);
      for (const listener of this.listeners) listener(snapshot);
      return snapshot;
    } catch (error) {
      this.noteFailure(error);
      throw error;
    }
  }

  private async beat(): Promise<void> {
    try {
      await this.source.db.execute(sql`select 1`);
      const wasDown = !this.reachable;
      this.noteSuccess(this.now());
      // Back from an outage: notifications may have been lost with the connection.
      if (wasDown && this.current) await this.reload();
    } catch (error) {
      this.noteFailure(error);
    }
  }

  private noteSuccess(at: number): void {
    this.reachable = true;
    this.lastError = null;
    this.confirmedAt = at;
  }

  private noteFailure(error: unknown): void {
    this.reachable = false;
    this.lastError = error instanceof Error ? error.message : String(error);
    if (!this.source.listen) this.listening = false;
  }
}

/**
 * The running rollout, if it belongs beside `active` (same scheme, started beside this version) and its
 * version compiles; otherwise none applies (the live version answers everything).
 */
async function loadRollout(db: CacheSource['db'], active: ActiveVersion, context: CompileContext): Promise<LiveRollout | null> {
  const [row] = await db.select().from(rollouts).where(eq(rollouts.status, 'running'));
  if (!row || row.schemeId !== active.schemeId || row.controlVersion !== active.version) return null;
  if (row.kind === 'canary' && row.shareBp <= 0) return null;
  const [version] = await db.select({ document: schemeVersions.document }).from(schemeVersions).where(and(eq(schemeVersions.schemeId, row.schemeId), eq(schemeVersions.version, row.version)));
  const compiled = version ? compile(version.document, context) : null;
  if (!compiled?.ok) return null;
  return { id: row.id, kind: row.kind, shareBp: row.shareBp, schemeId: row.schemeId, version: row.version, plan: compiled.plan };
}

export class VersionNotCompilable extends Error {
  constructor(readonly schemeId: string, readonly version: number, readonly problems: string[]) {
    super(`Version ${version} of scheme ${schemeId} does not compile against the registry: ${problems.join('; ')}`);
  }
}
