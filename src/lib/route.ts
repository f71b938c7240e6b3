/** Every link Pacer builds, in one place. */
import type { Locale } from './domain/plan';

export const route = {
	home: () => '/',
	methods: () => '/methods',
	explore: () => '/explore',
	/** The explorer showing one plan's targets. */
	explorePlan: (planId: string) => `/explore?plan=${encodeURIComponent(planId)}`,
	/** The explorer with a query (`?status=missed`, or empty): a saved view's link, the one a person sends. */
	exploreQuery: (query: string) => `/explore${query}`,
	login: () => '/login',
	/** The login page, then back to `next` (a path of this site). */
	loginThen: (next: string) => `/login?next=${encodeURIComponent(next)}`,
	users: () => '/admin/users',
	boards: () => '/admin/boards',
	/** Personal access tokens for the read API, and its documentation. */
	apiTokens: () => '/admin/tokens',
	apiDocs: () => '/api',
	/** Every mail and chat message sent, with failures and "retry now"; webhooks are managed there too. */
	deliveries: (status?: string) => `/admin/deliveries${status ? `?status=${encodeURIComponent(status)}` : ''}`,
	notifications: () => '/account/notifications',
	unsubscribe: (token: string) => `/unsubscribe/${encodeURIComponent(token)}`,
	board: (boardId: string) => `/admin/boards/${encodeURIComponent(boardId)}`,
	/** A board's display: the token is the only key, so the URL is the secret. */
	screen: (token: string) => `/screen/${encodeURIComponent(token)}`,
	screenEvents: (token: string, since: string | null) => `/screen/${encodeURIComponent(token)}/events${since ? `?since=${encodeURIComponent(since)}` : ''}`,
	screenPayload: (token: string) => `/screen/${encodeURIComponent(token)}/payload.json`,
	importFigures: () => '/import',
	/** Plans in intake and published: the list, a new plan from a document, a plan's review and its bundle. */
	plans: () => '/plans',
	newPlan: () => '/plans/new',
	planReview: (planId: string) => `/plans/${encodeURIComponent(planId)}`,
	planBundle: (planId: string) => `/plans/${encodeURIComponent(planId)}/bundle.json`,
	logout: () => '/logout',
	changePassword: () => '/account/password',
	books: () => '/books',
	tasks: () => '/tasks',
	task: (taskId: string) => `/tasks/${encodeURIComponent(taskId)}`,
	taskEvidence: (taskId: string, fileId: number) => `/tasks/${encodeURIComponent(taskId)}/evidence/${fileId}`,
	organisations: () => '/organisations',
	organisation: (organisationId: string) => `/organisations/${encodeURIComponent(organisationId)}`,
	overdue: () => '/overdue',
	/** Data rounds (填报): the list, opening one, a round, the review queue, a unit's requests, one request. */
	rounds: () => '/rounds',
	newRound: () => '/rounds/new',
	round: (roundId: number) => `/rounds/${roundId}`,
	roundReview: () => '/rounds/review',
	myRequests: () => '/rounds/mine',
	roundRequest: (requestId: number) => `/rounds/requests/${requestId}`,
	roundEvidence: (requestId: number, fileId: number) => `/rounds/requests/${requestId}/evidence/${fileId}`,
	bookPdf: (id: number) => `/books/${id}/book.pdf`,
	printBook: (query: string) => `/print/book?${query}`,
	withLocale: (path: string, locale: Locale) => `${path}?lang=${locale}`,
	planAnchor: (planId: string) => `#plan-${planId}`,
	/** A plan on the overview page that lists it. */
	plan: (planId: string, page: number) => `/${page > 1 ? `?page=${page}` : ''}#plan-${planId}`,
	/** Indicators: the list (search `q`, grouping by plan or area) and one indicator's page and downloads. */
	indicators: (query = '') => `/indicators${query ? `?${query}` : ''}`,
	indicator: (indicatorId: string) => `/indicators/${encodeURIComponent(indicatorId)}`,
	indicatorFigures: (indicatorId: string, format: 'csv' | 'xlsx' | 'json') => `/indicators/${encodeURIComponent(indicatorId)}/figures.${format}`,
	target: (targetId: string) => `/targets/${encodeURIComponent(targetId)}`,
	/** The short link a wall card prints beside its QR code; redirects to the target page. */
	targetShort: (targetId: string) => `/t/${encodeURIComponent(targetId)}`,
	targetAllFigures: (targetId: string) => `/targets/${encodeURIComponent(targetId)}?figures=all#figures`,
	targetAnchor: (targetId: string) => `#target-${targetId}`
};
