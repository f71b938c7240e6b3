/**
 * The accessibility check every browser test can call: axe-core's WCAG 2.1 A/AA rules on the page
 * as it stands. Serious and critical findings fail; each is named with its rule, the elements it
 * found and axe's advice, so a failure says what to fix without opening a report.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeFinding {
	rule: string;
	impact: string;
	help: string;
	targets: string[];
}

/** Serious and critical axe findings on the page, as short records ([] when there are none). */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({ rule: v.id, impact: v.impact!, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** One line per finding, for a failure message that lists them all. */
export function describeFindings(where: string, findings: AxeFinding[]): string[] {
	return findings.map((f) => `${where}: ${f.rule} (${f.impact}) ${f.help} — ${f.targets.join(' | ')}`);
}
