/**
 * What changed between two payloads of a board, as keys the screen marks for a moment
 * (`headline:<target>`, `plan:<plan>`, `risk:<target>`, `change:<version id>`).
 */
import type { ScreenPayload } from '../domain/screen-payload';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Keys of the values that differ; nothing on the first payload (there is nothing to compare with).
 * @example changedKeys(before, afterANewFigure) // ['headline:sh-trial-startup', 'change:812']
 */
export function changedKeys(before: ScreenPayload | null, after: ScreenPayload): string[] {
	if (!before) return [];
	const keys: string[] = [];
	for (const t of after.headline) {
		const old = before.headline.find((o) => o.id === t.id);
		if (old && !same([old.latest, old.status, old.probability], [t.latest, t.status, t.probability])) keys.push(`headline:${t.id}`);
	}
	for (const p of after.plans) {
		const old = before.plans.find((o) => o.id === p.id);
		if (old && !same(old.summary, p.summary)) keys.push(`plan:${p.id}`);
	}
	for (const t of after.atRisk) {
		const old = before.atRisk.find((o) => o.id === t.id);
		if (!old || !same([old.latest, old.status, old.probability, old.expectedAtDeadline, old.comment], [t.latest, t.status, t.probability, t.expectedAtDeadline, t.comment])) {
			keys.push(`risk:${t.id}`);
		}
	}
	const known = new Set(before.changes.map((c) => c.id));
	for (const c of after.changes) if (!known.has(c.id)) keys.push(`change:${c.id}`);
	return keys;
}
