/**
 * What stops a plan under review from being published: pending proposals, accepted targets
 * without a deadline, an indicator or a share's parent, plan fields still to confirm. Pure, so
 * the review page lists exactly what publishPlan refuses on.
 */
import type { Comparator, TargetKind } from '../plan';

export interface ProposalForCheck {
	id: number;
	position: number;
	decision: 'pending' | 'accepted' | 'rejected';
	quote: string;
	comparator: Comparator;
	maxValue: number | null;
	kind: TargetKind;
	deadline: string | null;
	indicatorId: string | null;
	hasNewIndicator: boolean;
	shareOfIndicatorId: string | null;
	titleZh: string;
}

export interface PlanForCheck {
	titleZh: string;
	issuerZh: string;
	areaZh: string;
	/** Fields createDraft guessed ("issuedOn", "effectiveFrom"): saving the plan details confirms them. */
	assumedFields: string[];
}

/**
 * The reasons a plan cannot be published yet, in the reader's order (plan first, then proposals
 * in document order); empty when it can.
 * @example publishProblems(plan, [{ ...p, decision: 'pending' }]) // ['proposal 1 is still pending']
 */
export function publishProblems(plan: PlanForCheck, proposals: ProposalForCheck[]): string[] {
	const problems: string[] = [];
	if (!plan.titleZh.trim()) problems.push('the plan has no title');
	if (!plan.issuerZh.trim()) problems.push('the plan has no issuer');
	if (!plan.areaZh.trim()) problems.push('the plan has no area');
	for (const field of plan.assumedFields) problems.push(`${field} is not stated in the document: confirm it in the plan details`);
	const sorted = [...proposals].sort((a, b) => a.position - b.position);
	sorted.forEach((p, i) => {
		const name = `proposal ${i + 1} ("${p.quote.length > 24 ? `${p.quote.slice(0, 24)}…` : p.quote}")`;
		if (p.decision === 'pending') problems.push(`${name} is still pending`);
		if (p.decision !== 'accepted') return;
		if (!p.deadline) problems.push(`${name} has no deadline`);
		if (!p.indicatorId && !p.hasNewIndicator) problems.push(`${name} has no indicator`);
		if (p.kind === 'share' && !p.shareOfIndicatorId) problems.push(`${name} is a share without its parent indicator`);
		if (p.kind !== 'share' && p.shareOfIndicatorId) problems.push(`${name} names a parent indicator but is not a share`);
		if ((p.comparator === 'between') !== (p.maxValue !== null)) problems.push(`${name}: only a "between" target has a maximum, and it must`);
		if (!p.titleZh.trim()) problems.push(`${name} has no title`);
	});
	return problems;
}
