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

/** Why a plan cannot be published yet; pages word it in the reader's language by its code. */
export type PublishProblem =
	| { code: 'no_title' | 'no_issuer' | 'no_area' }
	| { code: 'assumed_field'; field: string }
	| {
			code: 'pending' | 'no_deadline' | 'no_indicator' | 'share_without_parent' | 'parent_without_share' | 'between_max' | 'no_target_title';
			/** The proposal's number in document order, from 1. */
			proposal: number;
			quote: string;
	  };

/**
 * The reasons a plan cannot be published yet, in the reader's order (plan first, then proposals
 * in document order); empty when it can.
 * @example publishProblems(plan, [{ ...p, decision: 'pending' }]) // [{ code: 'pending', proposal: 1, quote: '…' }]
 */
export function publishProblems(plan: PlanForCheck, proposals: ProposalForCheck[]): PublishProblem[] {
	const problems: PublishProblem[] = [];
	if (!plan.titleZh.trim()) problems.push({ code: 'no_title' });
	if (!plan.issuerZh.trim()) problems.push({ code: 'no_issuer' });
	if (!plan.areaZh.trim()) problems.push({ code: 'no_area' });
	for (const field of plan.assumedFields) problems.push({ code: 'assumed_field', field });
	const sorted = [...proposals].sort((a, b) => a.position - b.position);
	sorted.forEach((p, i) => {
		const about = { proposal: i + 1, quote: p.quote.length > 24 ? `${p.quote.slice(0, 24)}…` : p.quote };
		if (p.decision === 'pending') problems.push({ code: 'pending', ...about });
		if (p.decision !== 'accepted') return;
		if (!p.deadline) problems.push({ code: 'no_deadline', ...about });
		if (!p.indicatorId && !p.hasNewIndicator) problems.push({ code: 'no_indicator', ...about });
		if (p.kind === 'share' && !p.shareOfIndicatorId) problems.push({ code: 'share_without_parent', ...about });
		if (p.kind !== 'share' && p.shareOfIndicatorId) problems.push({ code: 'parent_without_share', ...about });
		if ((p.comparator === 'between') !== (p.maxValue !== null)) problems.push({ code: 'between_max', ...about });
		if (!p.titleZh.trim()) problems.push({ code: 'no_target_title', ...about });
	});
	return problems;
}

const ENGLISH: Record<PublishProblem['code'], string> = {
	no_title: 'the plan has no title',
	no_issuer: 'the plan has no issuer',
	no_area: 'the plan has no area',
	assumed_field: '{field} is not stated in the document: confirm it in the plan details',
	pending: 'proposal {proposal} ("{quote}") is still pending',
	no_deadline: 'proposal {proposal} ("{quote}") has no deadline',
	no_indicator: 'proposal {proposal} ("{quote}") has no indicator',
	share_without_parent: 'proposal {proposal} ("{quote}") is a share without its parent indicator',
	parent_without_share: 'proposal {proposal} ("{quote}") names a parent indicator but is not a share',
	between_max: 'proposal {proposal} ("{quote}"): only a "between" target has a maximum, and it must',
	no_target_title: 'proposal {proposal} ("{quote}") has no title'
};

/** A problem in one line of English, for the command line and logs. */
export function describePublishProblem(problem: PublishProblem): string {
	return ENGLISH[problem.code].replace(/\{(\w+)\}/g, (_, key: string) => String((problem as Record<string, unknown>)[key] ?? ''));
}
