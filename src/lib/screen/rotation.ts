/** The wall screen's page rotation: which page shows, and for how long. Pure: the clock comes in. */
import { ROTATION_SECONDS, type ScreenPage } from '../domain/board';

/**
 * The stop to start on: the one asked for in ?page= ("at_risk", or "at_risk:1" for its second part)
 * when the board has it, else the first.
 * @example startIndex(['headline:0', 'at_risk:0', 'at_risk:1'], 'at_risk:1') === 2
 */
export function startIndex(stops: readonly string[], asked: string | null): number {
	if (!asked) return 0;
	const i = stops.indexOf(asked);
	const j = i >= 0 ? i : stops.findIndex((s) => s.startsWith(`${asked}:`));
	return j >= 0 ? j : 0;
}

/**
 * The page after `current`, wrapping round. When the board's pages change under a running screen,
 * the screen stays on the page it shows if the board still has it.
 * @example nextIndex(2, 3) === 0
 */
export function nextIndex(current: number, count: number): number {
	return count <= 0 ? 0 : (current + 1) % count;
}

/** One stop of the rotation: a page, or one part of a page that holds more than fits (targets at risk). */
export interface ScreenSlot {
	page: ScreenPage;
	part: number;
	parts: number;
}

/**
 * The rotation's stops: each page once, a page in `parts` once per part, one after the other.
 * @example screenSlots(['headline', 'at_risk'], { at_risk: 2 }).map(slotKey) // ['headline:0', 'at_risk:0', 'at_risk:1']
 */
export function screenSlots(pages: readonly ScreenPage[], parts: Partial<Record<ScreenPage, number>>): ScreenSlot[] {
	return pages.flatMap((page) => {
		const count = Math.max(1, parts[page] ?? 1);
		return Array.from({ length: count }, (_, part) => ({ page, part, parts: count }));
	});
}

export const slotKey = (slot: ScreenSlot) => `${slot.page}:${slot.part}`;

/** Where the page (or slot key) shown now sits in a new list: the same one if still there, else the start. */
export function carryIndex(previous: readonly string[], next: readonly string[], current: number): number {
	const i = next.indexOf(previous[current]);
	return i >= 0 ? i : 0;
}

/** The interval in milliseconds, kept within the limits boards are saved with. */
export function rotationMs(seconds: number): number {
	return Math.min(ROTATION_SECONDS.max, Math.max(ROTATION_SECONDS.min, Math.round(seconds))) * 1000;
}
