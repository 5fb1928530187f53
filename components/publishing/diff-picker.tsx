import type { VersionSummary } from '@/lib/services/publishing';
import styles from './publishing.module.css';

/** Pick any two versions to compare (a plain GET form: the diff has its own address). */
export function DiffPicker({ schemeId, versions, from, to }: { schemeId: string; versions: readonly VersionSummary[]; from?: number; to?: number }) {
  if (versions.length < 2) return null;
  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      v{v.version}
      {v.note ? ` — ${v.note.slice(0, 40)}` : ''}
    </option>
  ));
  return (
    <form method="get" action={`/schemes/${schemeId}/versions/diff`} className={styles.picker} data-testid="diff-picker">
      <div className="field">
        <label htmlFor="diff-from">From</label>
        <select id="diff-from" name="from" defaultValue={from ?? versions[1]!.version}>
          {options}
        </select>
      </div>
      <div className="field">
        <label htmlFor="diff-to">To</label>
        <select id="diff-to" name="to" defaultValue={to ?? versions[0]!.version}>
          {options}
        </select>
      </div>
      <button type="submit" className="button">
        Compare
      </button>
    </form>
  );
}
