/**
 * Pacer's one schema, read top to bottom: who writes (users, audit log), what plans promise
 * (plans, clauses, targets, clause facts), what is measured (indicators) and what was observed
 * (sources, observations and their versions). Catalogue rows use stable text ids from the
 * catalogue files; rows people create get generated ids.
 */
import { relations, sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	boolean,
	check,
	customType,
	date,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgEnum,
	pgSequence,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import {
	COMPARATORS,
	DEADLINE_BASES,
	LOCALES,
	DIRECTIONS,
	FREQUENCIES,
	MEASURES,
	OBSERVATION_BASES,
	PROVENANCES,
	ROLES,
	TARGET_KINDS
} from '../../domain/plan';
import { SCREEN_PAGES } from '../../domain/board';
import { TASK_KINDS, TASK_STATUSES, UNIT_ROLES } from '../../domain/tasks';
import { REQUEST_KINDS, REQUEST_STATUSES, ROUND_STATUSES } from '../../domain/rounds';
import type { StoredJudgement } from '../../domain/judgement';
import { COMMENTARY_MAX_CHARS } from '../../domain/commentary';

export const role = pgEnum('role', ROLES);
export const comparator = pgEnum('comparator', COMPARATORS);
export const targetKind = pgEnum('target_kind', TARGET_KINDS);
export const deadlineBasis = pgEnum('deadline_basis', DEADLINE_BASES);
export const direction = pgEnum('direction', DIRECTIONS);
export const frequency = pgEnum('frequency', FREQUENCIES);
export const measure = pgEnum('measure', MEASURES);
export const provenance = pgEnum('provenance', PROVENANCES);
export const observationBasis = pgEnum('observation_basis', OBSERVATION_BASES);
export const taskKind = pgEnum('task_kind', TASK_KINDS);
export const taskStatus = pgEnum('task_status', TASK_STATUSES);
export const unitRole = pgEnum('unit_role', UNIT_ROLES);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

// --- Who writes -------------------------------------------------------------------------------

/** People and system accounts. Every write names one of them (the catalogue loader is "catalogue"). */
export const users = pgTable('users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	displayName: text('display_name').notNull(),
	role: role('role').notNull().default('viewer'),
	/** null for system accounts, which cannot log in. */
	passwordHash: text('password_hash'),
	isSystem: boolean('is_system').notNull().default(false),
	/** Set for a password printed by `npm run user`: it must be replaced at the first login. */
	mustChangePassword: boolean('must_change_password').notNull().default(false),
	/** The unit the person works for: its tasks and indicators are theirs on the overdue list. */
	organisationId: text('organisation_id').references((): AnyPgColumn => organisations.id),
	/** Set while an admin has deactivated the account: no login, no session; its name stays on its history. */
	deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
	/** Where alerts and books are mailed; null: the person gets no mail (a delivery to them fails visibly). */
	email: text('email'),
	/** The language of the person's mail. */
	locale: text('locale', { enum: LOCALES as unknown as ['zh', 'en'] }).notNull().default('zh'),
	createdAt: createdAt()
});

/** A login: the cookie holds a random token, the database only its SHA-256, so a leaked table logs no one in. */
export const sessions = pgTable(
	'sessions',
	{
		tokenHash: text('token_hash').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Failed logins per username and address, to slow down guessing; kept in the database so every instance sees them. */
export const loginFailures = pgTable('login_failures', {
	key: text('key').primaryKey(),
	failures: integer('failures').notNull(),
	lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull()
});

/**
 * A personal access token for the read API (/api/v1): made by an admin for one person, it acts with
 * that person's role. The token is shown once; the table keeps only its SHA-256. Revoking sets
 * `revoked_at`; a deactivated owner's tokens stop working with their account.
 */
export const apiTokens = pgTable(
	'api_tokens',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		tokenHash: text('token_hash').notNull().unique(),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		/** Updated at most once a minute per token: the use is recorded here, not as one audit row per request. */
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
		/** null: until revoked. */
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		revokedBy: text('revoked_by').references(() => users.id)
	},
	(t) => [index('api_tokens_user_idx').on(t.userId)]
);

/** One row per change, written in the same transaction as the change itself. */
export const auditLog = pgTable(
	'audit_log',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({})
	},
	(t) => [index('audit_log_entity_idx').on(t.entity, t.entityId), index('audit_log_at_idx').on(t.at)]
);

// --- What plans promise -----------------------------------------------------------------------

export const plans = pgTable('plans', {
	id: text('id').primaryKey(),
	titleZh: text('title_zh').notNull(),
	titleEn: text('title_en').notNull(),
	issuerZh: text('issuer_zh').notNull(),
	issuerEn: text('issuer_en').notNull(),
	documentNumber: text('document_number'),
	areaZh: text('area_zh').notNull(),
	areaEn: text('area_en').notNull(),
	issuedOn: date('issued_on').notNull(),
	effectiveFrom: date('effective_from').notNull(),
	/** End of validity; null when the document sets none. */
	effectiveTo: date('effective_to'),
	sourceUrl: text('source_url'),
	/** How the text was obtained and cleaned. */
	sourceNoteZh: text('source_note_zh').notNull(),
	sourceNoteEn: text('source_note_en').notNull(),
	/** The cleaned full text, clause by clause, for reading and search. */
	sourceText: text('source_text').notNull(),
	/** A draft is seen only by plan intake; every other page reads published plans only (queries/published.ts). */
	status: text('status', { enum: ['draft', 'published'] }).notNull().default('published'),
	/** The number of the latest published revision (plan_revisions); a draft never published has 1. */
	revision: integer('revision').notNull().default(1),
	publishedAt: timestamp('published_at', { withTimezone: true }),
	/** Who uploaded the draft; null for catalogue plans from before intake. */
	createdBy: text('created_by').references(() => users.id),
	createdAt: createdAt()
});

/** The document a draft was read from: the file's facts and its text before and after cleaning. */
export const planDocuments = pgTable('plan_documents', {
	planId: text('plan_id')
		.primaryKey()
		.references(() => plans.id, { onDelete: 'cascade' }),
	fileName: text('file_name').notNull(),
	/** docx, pdf, html, txt … as the reader named it. */
	format: text('format').notNull(),
	byteSize: integer('byte_size').notNull(),
	sha256: text('sha256').notNull(),
	originalText: text('original_text').notNull(),
	cleanText: text('clean_text').notNull(),
	/** Plan fields the document did not state and createDraft filled with a guess ("issuedOn"): to confirm before publishing. */
	assumedFields: text('assumed_fields').array().notNull().default(sql`'{}'::text[]`),
	uploadedBy: text('uploaded_by')
		.notNull()
		.references(() => users.id),
	uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow()
});

/** A numbered part of a plan; `path` is its numbering in the document's own hierarchy. */
export const clauses = pgTable(
	'clauses',
	{
		id: text('id').primaryKey(),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		/** Document order. */
		position: integer('position').notNull(),
		path: text('path').array().notNull(),
		headingZh: text('heading_zh'),
		headingEn: text('heading_en'),
		textZh: text('text_zh').notNull(),
		textEn: text('text_en').notNull()
	},
	(t) => [uniqueIndex('clauses_plan_position_idx').on(t.planId, t.position)]
);

export const indicators = pgTable('indicators', {
	id: text('id').primaryKey(),
	nameZh: text('name_zh').notNull(),
	nameEn: text('name_en').notNull(),
	unit: text('unit').notNull(),
	frequency: frequency('frequency').notNull(),
	measure: measure('measure').notNull(),
	areaZh: text('area_zh').notNull(),
	areaEn: text('area_en').notNull(),
	definitionZh: text('definition_zh').notNull(),
	definitionEn: text('definition_en').notNull(),
	direction: direction('direction').notNull(),
	/**
	 * A plan indicator this one sits beside without counting toward it: the same thing in another
	 * scope (national approvals incl. foreign applicants) or officials' own statement of its share.
	 */
	contextOf: text('context_of').references((): AnyPgColumn => indicators.id),
	/** For a stated share (占全国17.5%): the whole it is a share of; the share is of `contextOf` in it. */
	shareIn: text('share_in').references((): AnyPgColumn => indicators.id)
});

/** A quantified promise: the quoted words of one clause, measured on one indicator. */
export const targets = pgTable(
	'targets',
	{
		id: text('id').primaryKey(),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		clauseId: text('clause_id')
			.notNull()
			.references(() => clauses.id),
		position: integer('position').notNull(),
		/** The exact words of the clause that set the target. */
		quote: text('quote').notNull(),
		titleZh: text('title_zh').notNull(),
		titleEn: text('title_en').notNull(),
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicators.id),
		comparator: comparator('comparator').notNull(),
		value: doublePrecision('value').notNull(),
		/** Upper bound of a "between" target ("2-3个"). */
		maxValue: doublePrecision('max_value'),
		unit: text('unit').notNull(),
		kind: targetKind('kind').notNull(),
		baselineValue: doublePrecision('baseline_value'),
		baselineDate: date('baseline_date'),
		/** The plan implies the baseline rather than stating it. */
		baselineImplied: boolean('baseline_implied').notNull().default(false),
		deadline: date('deadline').notNull(),
		deadlineBasis: deadlineBasis('deadline_basis').notNull(),
		/** For a share target: the parent series, e.g. the national total. */
		shareOfIndicatorId: text('share_of_indicator_id').references(() => indicators.id),
		noteZh: text('note_zh'),
		noteEn: text('note_en')
	},
	(t) => [
		index('targets_plan_idx').on(t.planId, t.position),
		index('targets_indicator_idx').on(t.indicatorId),
		index('targets_share_of_idx').on(t.shareOfIndicatorId),
		check('targets_between_has_max', sql`(${t.comparator} = 'between') = (${t.maxValue} is not null)`),
		check('targets_share_has_parent', sql`(${t.kind} = 'share') = (${t.shareOfIndicatorId} is not null)`)
	]
);

/** A number a clause states that is not a progress target, e.g. a support cap (最高1000万元). */
export const clauseFacts = pgTable(
	'clause_facts',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		clauseId: text('clause_id')
			.notNull()
			.references(() => clauses.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		quote: text('quote').notNull(),
		value: doublePrecision('value').notNull(),
		unit: text('unit').notNull(),
		descriptionZh: text('description_zh').notNull(),
		descriptionEn: text('description_en').notNull()
	},
	(t) => [index('clause_facts_clause_idx').on(t.clauseId)]
);

/** What an analyst fills in to make a new indicator for a proposal (it gets an id when the plan is published). */
export interface NewIndicator {
	nameZh: string;
	nameEn: string;
	unit: string;
	frequency: (typeof FREQUENCIES)[number];
	direction: (typeof DIRECTIONS)[number];
	measure: (typeof MEASURES)[number];
	areaZh: string;
	areaEn: string;
	definitionZh: string;
	definitionEn: string;
}

/**
 * One target the extractor proposed for a plan, and its review. Accepted proposals become targets
 * when the plan is published; a proposal keeps its `target_id` across revisions, so a target's id
 * (and its links, boards, judgements) survive re-publishing.
 */
export const targetProposals = pgTable(
	'target_proposals',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		clauseId: text('clause_id')
			.notNull()
			.references(() => clauses.id, { onDelete: 'cascade' }),
		/** Document order of the proposals; the target's position when published. */
		position: integer('position').notNull(),
		quote: text('quote').notNull(),
		/** The extractor's indicator name, in the document's words. */
		indicatorName: text('indicator_name').notNull(),
		comparator: comparator('comparator').notNull(),
		value: doublePrecision('value').notNull(),
		maxValue: doublePrecision('max_value'),
		unit: text('unit').notNull(),
		deadline: date('deadline'),
		deadlineBasis: deadlineBasis('deadline_basis'),
		kind: targetKind('kind').notNull(),
		baselineValue: doublePrecision('baseline_value'),
		baselineDate: date('baseline_date'),
		/** The extractor's name of a share's parent series ("全国"). */
		shareOfName: text('share_of_name'),
		confidence: doublePrecision('confidence').notNull(),
		decision: text('decision', { enum: ['pending', 'accepted', 'rejected'] }).notNull().default('pending'),
		/** An existing indicator the target is measured on … */
		indicatorId: text('indicator_id').references(() => indicators.id),
		/** … or one to create when the plan is published. */
		newIndicator: jsonb('new_indicator').$type<NewIndicator>(),
		shareOfIndicatorId: text('share_of_indicator_id').references(() => indicators.id),
		titleZh: text('title_zh').notNull().default(''),
		/** '' until translated. */
		titleEn: text('title_en').notNull().default(''),
		reviewedBy: text('reviewed_by').references(() => users.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		/** The target this proposal became at its first publishing; kept through later revisions. */
		targetId: text('target_id').unique()
	},
	(t) => [index('target_proposals_plan_idx').on(t.planId, t.position)]
);

/** Each published state of a plan, whole: earlier revisions stay readable (books as of a past day). */
export const planRevisions = pgTable(
	'plan_revisions',
	{
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		revision: integer('revision').notNull(),
		publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
		publishedBy: text('published_by')
			.notNull()
			.references(() => users.id),
		/** The plan bundle (plans/bundle.ts) as it stood when published. */
		bundle: jsonb('bundle').$type<Record<string, unknown>>().notNull(),
		/** sha256 of the bundle's canonical JSON: importing the same bundle again changes nothing. */
		sha256: text('sha256').notNull(),
		note: text('note')
	},
	(t) => [primaryKey({ columns: [t.planId, t.revision] }), index('plan_revisions_published_idx').on(t.planId, t.publishedAt)]
);

// --- What was observed ------------------------------------------------------------------------

/** Where a published figure was read. */
export const sources = pgTable('sources', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	publisher: text('publisher').notNull(),
	url: text('url').notNull(),
	/** As precise as the source is: "2025", "2025-07" or "2025-07-28". */
	publishedOn: text('published_on').notNull()
});

/** One figure of an indicator for one period. Its values live in observation_versions. */
export const observations = pgTable(
	'observations',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		indicatorId: text('indicator_id')
			.notNull()
			.references(() => indicators.id),
		/** The period as published: "2024", "2024-H1", "2023 (to October)". */
		period: text('period').notNull(),
		periodStart: date('period_start').notNull(),
		periodEnd: date('period_end').notNull(),
		basis: observationBasis('basis').notNull()
	},
	(t) => [
		uniqueIndex('observations_series_idx').on(t.indicatorId, t.periodStart, t.periodEnd, t.basis),
		check('observations_period_order', sql`${t.periodStart} <= ${t.periodEnd}`)
	]
);

/** Raw bytes (an uploaded file); postgres.js and PGlite both hand them over as Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * One upload of a CSV or XLSX file: kept from preview to commit (the file itself, so the commit
 * checks exactly what was previewed), then as the record of what it changed, until reverted.
 */
export const imports = pgTable(
	'imports',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		fileName: text('file_name').notNull(),
		sha256: text('sha256').notNull(),
		format: text('format').notNull(),
		file: bytea('file').notNull(),
		status: text('status', { enum: ['previewed', 'committed', 'reverted'] }).notNull(),
		rowCount: integer('row_count').notNull(),
		addedCount: integer('added_count').notNull().default(0),
		correctedCount: integer('corrected_count').notNull().default(0),
		unchangedCount: integer('unchanged_count').notNull().default(0),
		errorCount: integer('error_count').notNull().default(0),
		/** observation id -> version, for each figure the preview would correct: checked again at commit. */
		seen: jsonb('seen').$type<Record<string, number>>().notNull().default({}),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		committedAt: timestamp('committed_at', { withTimezone: true }),
		revertedAt: timestamp('reverted_at', { withTimezone: true }),
		revertedBy: text('reverted_by').references(() => users.id)
	},
	(t) => [index('imports_sha_idx').on(t.sha256)]
);

/**
 * Every value an observation has had. An edit adds a version; none is ever updated or deleted,
 * so the state "as of" any date is the latest version recorded on or before it. A withdrawn
 * figure is a version whose value is null.
 */
export const observationVersions = pgTable(
	'observation_versions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		observationId: integer('observation_id')
			.notNull()
			.references(() => observations.id),
		version: integer('version').notNull(),
		value: doublePrecision('value'),
		provenance: provenance('provenance').notNull(),
		sourceId: text('source_id').references(() => sources.id),
		/** Caveats such as mirror_site, conflicting_sources, different_scope. */
		flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
		note: text('note'),
		/** Why this version was made (required for corrections). */
		reason: text('reason'),
		/** The import that made this version, so the import can be reverted as a whole. */
		importId: integer('import_id').references(() => imports.id),
		recordedBy: text('recorded_by')
			.notNull()
			.references(() => users.id),
		/** When the figure became known to Pacer: the axis of "as of" reconstruction. */
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('observation_versions_version_idx').on(t.observationId, t.version),
		index('observation_versions_recorded_idx').on(t.observationId, t.recordedAt),
		index('observation_versions_import_idx').on(t.importId),
		check(
			'observation_versions_official_has_source',
			sql`${t.provenance} not in ('official', 'provisional') or ${t.sourceId} is not null or ${t.value} is null`
		)
	]
);

// --- Who answers for what ---------------------------------------------------------------------

/** A department or unit a plan makes responsible, shared across plans (区科经委, 市科委, 临港新片区管委会). */
export const organisations = pgTable('organisations', {
	id: text('id').primaryKey(),
	/** The name as the plans write it. */
	nameZh: text('name_zh').notNull(),
	nameEn: text('name_en').notNull(),
	/** A name short enough for one line of the wall screen (区科经委 / Pudong STEC); null: the name is short already. */
	shortNameZh: text('short_name_zh'),
	shortNameEn: text('short_name_en'),
	level: text('level', { enum: ['national', 'municipal', 'district', 'other'] }).notNull(),
	/** Other spellings found in plans, so a new plan's list maps onto the same unit. */
	aliases: text('aliases').array().notNull().default(sql`'{}'::text[]`),
	/** The unit's head, set by an admin: reminders about its late round requests escalate to them. */
	headUserId: text('head_user_id').references((): AnyPgColumn => users.id)
});

/**
 * A task (a row of a task breakdown table) or measure (a numbered article of a policy) of a plan:
 * what it asks, the clause it comes from, and when it is due. Loaded from the catalogue.
 */
export const tasks = pgTable(
	'tasks',
	{
		id: text('id').primaryKey(),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		kind: taskKind('kind').notNull(),
		number: integer('number').notNull(),
		/** The clause that states the task with its responsible units (a task-table row or the measure itself). */
		clauseId: text('clause_id')
			.notNull()
			.references(() => clauses.id),
		/** The article of the plan's body the task-table row carries out, when there is one. */
		bodyClauseId: text('body_clause_id').references(() => clauses.id),
		titleZh: text('title_zh').notNull(),
		titleEn: text('title_en').notNull(),
		textZh: text('text_zh').notNull(),
		textEn: text('text_en').notNull(),
		/** The list of units ends in 等 ("and others"). */
		unitsOpenEnded: boolean('units_open_ended').notNull().default(false),
		/** The plan's end unless the task states its own; null when neither sets one. */
		due: date('due')
	},
	(t) => [uniqueIndex('tasks_plan_number_idx').on(t.planId, t.kind, t.number)]
);

/** The units responsible for a task, in the order written: the first leads (牵头), the rest co-operate. */
export const taskUnits = pgTable(
	'task_units',
	{
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id),
		role: unitRole('role').notNull(),
		position: integer('position').notNull()
	},
	(t) => [primaryKey({ columns: [t.taskId, t.organisationId] }), index('task_units_organisation_idx').on(t.organisationId)]
);

/** Targets a task serves, where the text links them: the same clause, or words of the task naming the target's object. */
export const taskTargets = pgTable(
	'task_targets',
	{
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		targetId: text('target_id')
			.notNull()
			.references(() => targets.id, { onDelete: 'cascade' }),
		basis: text('basis', { enum: ['clause', 'text'] }).notNull(),
		/** The words that make the link. */
		quote: text('quote').notNull()
	},
	(t) => [primaryKey({ columns: [t.taskId, t.targetId] }), index('task_targets_target_idx').on(t.targetId)]
);

/** A file uploaded as evidence of progress (a notice, a report), kept in the database with its hash. */
export const evidenceFiles = pgTable('evidence_files', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	fileName: text('file_name').notNull(),
	contentType: text('content_type').notNull(),
	size: integer('size').notNull(),
	sha256: text('sha256').notNull(),
	content: bytea('content').notNull(),
	uploadedBy: text('uploaded_by')
		.notNull()
		.references(() => users.id),
	uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * Every progress note of a task, like observation versions: a change of status is a new version,
 * never an update, so the status "as of" any date is the newest note recorded by then.
 */
export const taskUpdates = pgTable(
	'task_updates',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		taskId: text('task_id')
			.notNull()
			.references(() => tasks.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		status: taskStatus('status').notNull(),
		/** The date the note describes (progress as of that day). */
		progressOn: date('progress_on').notNull(),
		note: text('note').notNull(),
		evidenceUrl: text('evidence_url'),
		evidenceFileId: integer('evidence_file_id').references(() => evidenceFiles.id),
		recordedBy: text('recorded_by')
			.notNull()
			.references(() => users.id),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('task_updates_version_idx').on(t.taskId, t.version),
		index('task_updates_recorded_idx').on(t.taskId, t.recordedAt),
		check('task_updates_has_evidence', sql`${t.evidenceUrl} is not null or ${t.evidenceFileId} is not null`)
	]
);

/**
 * Who answers for an indicator's figures: a unit, and optionally the analyst who enters them.
 * Seeded from the catalogue once; after that, people change it (audited).
 */
export const indicatorOwners = pgTable('indicator_owners', {
	indicatorId: text('indicator_id')
		.primaryKey()
		.references(() => indicators.id, { onDelete: 'cascade' }),
	organisationId: text('organisation_id').references(() => organisations.id),
	userId: text('user_id').references(() => users.id),
	updatedBy: text('updated_by')
		.notNull()
		.references(() => users.id),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

// --- Commentary -------------------------------------------------------------------------------

/**
 * Analysts' notes on a target beside its verdict ("why it is behind, what is being done"), like
 * task notes: every edit is the next version, never an update, so the note as of any moment is the
 * newest version recorded by then (books show the one current at their cutoff).
 */
export const targetComments = pgTable(
	'target_comments',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		targetId: text('target_id')
			.notNull()
			.references(() => targets.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		text: text('text').notNull(),
		/** The day the author says the note describes, if they gave one. */
		asOf: date('as_of'),
		recordedBy: text('recorded_by')
			.notNull()
			.references(() => users.id),
		recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('target_comments_version_idx').on(t.targetId, t.version),
		index('target_comments_recorded_idx').on(t.targetId, t.recordedAt),
		// The form's limit (domain/commentary.ts), held by the database too: characters, as the form counts them.
		check('target_comments_length', sql`char_length(${t.text}) between 1 and ${sql.raw(String(COMMENTARY_MAX_CHARS))}`)
	]
);

// --- Data rounds (填报) -----------------------------------------------------------------------

/**
 * A data round: the coordinating office asks the responsible units for their figures of one period
 * (and optionally progress notes of tasks) by a due date. Figures count only once approved.
 */
export const rounds = pgTable('rounds', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	title: text('title').notNull(),
	/** The period asked for, as written by domain/entry.ts ("2026-Q3", "2026-H1", "2025"). */
	period: text('period').notNull(),
	periodStart: date('period_start').notNull(),
	periodEnd: date('period_end').notNull(),
	/** The last day (in PACER_TIME_ZONE) to have a figure approved; after it, an unapproved request is late. */
	dueOn: date('due_on').notNull(),
	status: text('status', { enum: ROUND_STATUSES }).notNull().default('open'),
	/** Indicators the round could not ask anyone for (no owner unit), kept so the round page can say so. */
	unaskedIndicatorIds: text('unasked_indicator_ids').array().notNull().default(sql`'{}'::text[]`),
	/** Tasks asked for that have no lead unit. */
	unaskedTaskIds: text('unasked_task_ids').array().notNull().default(sql`'{}'::text[]`),
	openedBy: text('opened_by')
		.notNull()
		.references(() => users.id),
	openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
	closedBy: text('closed_by').references(() => users.id),
	closedAt: timestamp('closed_at', { withTimezone: true })
});

/** What one unit is asked in a round: one indicator's figure for a period, or one task's progress note. */
export const roundRequests = pgTable(
	'round_requests',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		roundId: integer('round_id')
			.notNull()
			.references(() => rounds.id, { onDelete: 'cascade' }),
		/** The owner unit of the indicator, or the lead unit of the task, when the round was opened. */
		organisationId: text('organisation_id')
			.notNull()
			.references(() => organisations.id),
		kind: text('kind', { enum: REQUEST_KINDS }).notNull(),
		indicatorId: text('indicator_id').references(() => indicators.id),
		taskId: text('task_id').references(() => tasks.id),
		/** The figure's period and basis (domain/rounds.ts requestedPeriod); null for a task note. */
		period: text('period'),
		periodStart: date('period_start'),
		periodEnd: date('period_end'),
		basis: observationBasis('basis'),
		status: text('status', { enum: REQUEST_STATUSES }).notNull().default('open'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('round_requests_round_idx').on(t.roundId, t.organisationId),
		index('round_requests_organisation_idx').on(t.organisationId, t.status),
		uniqueIndex('round_requests_indicator_idx').on(t.roundId, t.indicatorId),
		uniqueIndex('round_requests_task_idx').on(t.roundId, t.taskId),
		check('round_requests_kind', sql`(${t.kind} = 'figure') = (${t.indicatorId} is not null and ${t.periodStart} is not null) and (${t.kind} = 'task') = (${t.taskId} is not null)`)
	]
);

/**
 * Every submission of a request, numbered: a resubmission after a return is a new row, none is
 * overwritten. Its review (approve or return with a comment) is written on the row once.
 */
export const roundSubmissions = pgTable(
	'round_submissions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		requestId: integer('request_id')
			.notNull()
			.references(() => roundRequests.id, { onDelete: 'cascade' }),
		version: integer('version').notNull(),
		/** A figure request: the value, how official, and its source (an existing one or one named here). */
		value: doublePrecision('value'),
		provenance: provenance('provenance'),
		sourceId: text('source_id').references(() => sources.id),
		/** A source the reporter named: created as a source only when the figure is approved. */
		newSource: jsonb('new_source').$type<{ title: string; publisher: string; url: string; publishedOn: string }>(),
		/** A task request: the progress note's status and day. */
		taskStatus: taskStatus('task_status'),
		progressOn: date('progress_on'),
		evidenceFileId: integer('evidence_file_id').references(() => evidenceFiles.id),
		/** A task note's evidence as a link, instead of or beside a file. */
		evidenceUrl: text('evidence_url'),
		note: text('note'),
		/** Why a figure for a period that already has one should change: its approval is a correction. */
		reason: text('reason'),
		submittedBy: text('submitted_by')
			.notNull()
			.references(() => users.id),
		submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
		decision: text('decision', { enum: ['approved', 'returned'] }),
		reviewComment: text('review_comment'),
		reviewedBy: text('reviewed_by').references(() => users.id),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		/** What the approval recorded: the figure's version, or the task's progress note. */
		observationVersionId: integer('observation_version_id').references(() => observationVersions.id),
		taskUpdateId: integer('task_update_id').references(() => taskUpdates.id)
	},
	(t) => [
		uniqueIndex('round_submissions_version_idx').on(t.requestId, t.version),
		index('round_submissions_observation_version_idx').on(t.observationVersionId),
		check('round_submissions_returned_has_comment', sql`${t.decision} is distinct from 'returned' or ${t.reviewComment} is not null`)
	]
);

// --- Judgements ---------------------------------------------------------------------------------

/** Numbers every write of a stored judgement, so a process can read only the judgements changed since it last looked. */
export const judgementRevision = pgSequence('target_judgement_revision');

/**
 * Each target's judgement (status, gap, pace, forecast, probability) as of `judged_on`, computed
 * from its figures by the domain code and stored, so pages read it instead of judging every target
 * per process. `input_version` is the newest observation_versions id of the target's indicators
 * when it was judged: a write that adds a version makes it stale, and the write (or the refresher)
 * judges again exactly the targets on that indicator. Every instance on one server shares it.
 */
export const targetJudgements = pgTable(
	'target_judgements',
	{
		targetId: text('target_id')
			.primaryKey()
			.references(() => targets.id, { onDelete: 'cascade' }),
		planId: text('plan_id')
			.notNull()
			.references(() => plans.id, { onDelete: 'cascade' }),
		/** The day (in PACER_TIME_ZONE) the target was judged on: status and pace depend on it. */
		judgedOn: date('judged_on').notNull(),
		inputVersion: integer('input_version').notNull(),
		/** The verdict (domain/verdict.ts), and its probability as shown beside it. */
		status: text('status').notNull(),
		/** What the verdict rests on: published, estimated or illustrative figures. */
		basis: text('basis').notNull().default('published'),
		probability: doublePrecision('probability'),
		gapShare: doublePrecision('gap_share'),
		/** When the newest figure behind the judgement was recorded (a plan's "last update"). */
		lastRecordedAt: timestamp('last_recorded_at', { withTimezone: true }),
		/** The latest point and the evaluation, with the series cut to its most recent points. */
		judgement: jsonb('judgement').$type<StoredJudgement>().notNull(),
		revision: integer('revision')
			.notNull()
			.default(sql`nextval('target_judgement_revision')`),
		judgedAt: timestamp('judged_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('target_judgements_plan_idx').on(t.planId, t.status), index('target_judgements_revision_idx').on(t.revision), index('target_judgements_judged_on_idx').on(t.judgedOn)]
);

/** One row: the newest observation_versions id whose targets have been judged again (the refresher's watermark). */
export const judgementSync = pgTable('judgement_sync', {
	id: integer('id').primaryKey(),
	observedVersion: integer('observed_version').notNull()
});

// --- Briefing books ---------------------------------------------------------------------------

/** A standing order for books: a cron expression in a time zone, which plans, which language. */
export const bookSchedules = pgTable('book_schedules', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	name: text('name').notNull(),
	cron: text('cron').notNull(),
	timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
	/** Empty means every plan. */
	planIds: text('plan_ids').array().notNull().default(sql`'{}'::text[]`),
	locale: text('locale', { enum: ['zh', 'en'] }).notNull().default('zh'),
	enabled: boolean('enabled').notNull().default(true),
	/** Who gets each book by mail: addresses outside Pacer, and users (mailed at their own address). */
	recipientEmails: text('recipient_emails').array().notNull().default(sql`'{}'::text[]`),
	recipientUserIds: text('recipient_user_ids').array().notNull().default(sql`'{}'::text[]`),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: createdAt(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/**
 * One briefing book: a job while it is queued, running or failed, then the archived PDF. A
 * scheduled book is unique per schedule and time, so instances sharing a server that all see it
 * due insert it once; whoever claims the row (FOR UPDATE SKIP LOCKED) renders it.
 */
export const books = pgTable(
	'books',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		scheduleId: integer('schedule_id').references(() => bookSchedules.id, { onDelete: 'set null' }),
		/** The schedule's tick this book answers; null for books asked for by hand. */
		scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
		/** The date the book describes. */
		asOf: date('as_of').notNull(),
		/** Figures recorded up to this instant count: the end of the as-of day in PACER_TIME_ZONE, or the request time for a book of today. */
		dataCutoff: timestamp('data_cutoff', { withTimezone: true }).notNull(),
		planIds: text('plan_ids').array().notNull().default(sql`'{}'::text[]`),
		locale: text('locale', { enum: ['zh', 'en'] }).notNull(),
		status: text('status', { enum: ['queued', 'running', 'done', 'failed'] }).notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		/** Every failed attempt: when and why. */
		failures: jsonb('failures').$type<{ at: string; reason: string }[]>().notNull().default([]),
		/** Not claimed before this: a queued book waits for its data cutoff, a failed one for its retry. Null: given up. */
		runAfter: timestamp('run_after', { withTimezone: true }),
		/** A running book whose lease has passed was abandoned (its instance died) and may be claimed again. */
		leaseUntil: timestamp('lease_until', { withTimezone: true }),
		/** The PDF's address in the book PDF store (books/pdf-store.ts); the bytes live there, not in this row. */
		sha256: text('sha256'),
		/** The PDF's length in bytes. */
		size: integer('size'),
		pageCount: integer('page_count'),
		generatedAt: timestamp('generated_at', { withTimezone: true }),
		requestedBy: text('requested_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('books_schedule_tick_idx').on(t.scheduleId, t.scheduledFor),
		index('books_status_idx').on(t.status),
		index('books_as_of_idx').on(t.asOf)
	]
);

/**
 * Book PDFs kept in the database, by content (sha256): on PostgreSQL, where instances share the
 * database but maybe not a disk. On a PGlite folder they are files beside the database instead, and
 * this table only carries PDFs over from before that (migration 0011) until start-up moves them out.
 * Read in slices (substring), never whole, so a download holds one slice at a time.
 */
export const bookPdfs = pgTable('book_pdfs', {
	sha256: text('sha256').primaryKey(),
	content: bytea('content').notNull()
});

// --- Alerts and deliveries ---------------------------------------------------------------------

/** A person's choice per alert kind (domain/alerts.ts); a kind without a row is on. */
export const alertPreferences = pgTable(
	'alert_preferences',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		enabled: boolean('enabled').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })]
);

/** A person following a plan or one target: told when a verdict in it worsens. */
export const subscriptions = pgTable(
	'subscriptions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		planId: text('plan_id').references(() => plans.id, { onDelete: 'cascade' }),
		targetId: text('target_id').references(() => targets.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [
		check('subscriptions_one_subject', sql`(${t.planId} is null) <> (${t.targetId} is null)`),
		uniqueIndex('subscriptions_plan_idx').on(t.userId, t.planId).where(sql`${t.planId} is not null`),
		uniqueIndex('subscriptions_target_idx').on(t.userId, t.targetId).where(sql`${t.targetId} is not null`)
	]
);

/** A group chat's robot (WeCom, DingTalk) or any JSON receiver, told of the chosen kinds for the chosen plans. */
export const webhooks = pgTable('webhooks', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	name: text('name').notNull(),
	url: text('url').notNull(),
	format: text('format', { enum: ['wecom', 'dingtalk', 'json'] }).notNull(),
	/** Empty means every plan. */
	planIds: text('plan_ids').array().notNull().default(sql`'{}'::text[]`),
	kinds: text('kinds').array().notNull(),
	locale: text('locale', { enum: LOCALES as unknown as ['zh', 'en'] }).notNull().default('zh'),
	enabled: boolean('enabled').notNull().default(true),
	createdBy: text('created_by')
		.notNull()
		.references(() => users.id),
	createdAt: createdAt()
});

/**
 * The outbox: one row per message to one recipient (a mail address or a webhook), written in the
 * transaction of the event that causes it. The dedupe key is unique, so instances that all see the
 * event enqueue it once; a worker claims a due row (FOR UPDATE SKIP LOCKED) under a lease, sends
 * it, and records the outcome; a failure waits for its retry (domain/alerts.ts) and stays visible.
 */
export const deliveries = pgTable(
	'deliveries',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		channel: text('channel', { enum: ['email', 'webhook'] }).notNull(),
		/** A mail address or the webhook's URL; empty when the person has no address (fails with that reason). */
		recipient: text('recipient').notNull(),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		webhookId: integer('webhook_id').references(() => webhooks.id, { onDelete: 'set null' }),
		kind: text('kind').notNull(),
		locale: text('locale', { enum: LOCALES as unknown as ['zh', 'en'] }).notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		/** A webhook's JSON body; for mail, the links (target, unsubscribe). */
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
		/** A book whose PDF goes with the mail (when under the size limit). */
		bookId: integer('book_id').references(() => books.id, { onDelete: 'set null' }),
		status: text('status', { enum: ['queued', 'sent', 'failed'] }).notNull().default('queued'),
		attempts: integer('attempts').notNull().default(0),
		/** Not sent before this; null for a sent one and for one whose attempts are used up. */
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).defaultNow(),
		/** Claimed by an instance until then; a lapsed lease (a dead instance) lets another take it. */
		leaseUntil: timestamp('lease_until', { withTimezone: true }),
		lastError: text('last_error'),
		/** An admin has seen this failure: it stays listed but no longer counts in the header. */
		acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
		acknowledgedBy: text('acknowledged_by').references(() => users.id),
		dedupeKey: text('dedupe_key').notNull().unique(),
		createdAt: createdAt(),
		sentAt: timestamp('sent_at', { withTimezone: true })
	},
	(t) => [index('deliveries_due_idx').on(t.status, t.nextAttemptAt), index('deliveries_created_idx').on(t.createdAt)]
);

/** Secrets the instances share, made once on first use (the key that signs unsubscribe links). */
export const appSecrets = pgTable('app_secrets', {
	name: text('name').primaryKey(),
	value: text('value').notNull()
});

// --- Wall screens ------------------------------------------------------------------------------

/**
 * A wall-screen board: which plans (and headline targets) a briefing-room display shows, which
 * pages it rotates through, how fast, in which language. The display reads it at /screen/<token>
 * without a login; rotating the token replaces it, revoking sets it to null.
 */
export const boards = pgTable(
	'boards',
	{
		id: text('id').primaryKey(),
		name: text('name').notNull(),
		locale: text('locale', { enum: LOCALES as unknown as ['zh', 'en'] }).notNull().default('zh'),
		planIds: text('plan_ids').array().notNull(),
		/** Targets shown as big numbers; empty means the board picks them from its plans. */
		headlineTargetIds: text('headline_target_ids').array().notNull().default(sql`'{}'::text[]`),
		pages: text('pages', { enum: SCREEN_PAGES }).array().notNull(),
		rotationSeconds: integer('rotation_seconds').notNull().default(20),
		/** The secret of the display's URL; null once revoked. */
		token: text('token').unique(),
		createdBy: text('created_by')
			.notNull()
			.references(() => users.id),
		createdAt: createdAt(),
		updatedBy: text('updated_by')
			.notNull()
			.references(() => users.id),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [check('boards_rotation_range', sql`${t.rotationSeconds} between 5 and 600`)]
);

// --- Saved views -------------------------------------------------------------------------------

/**
 * A person's named explorer view (domain/saved-views.ts): the query holds its filters, columns and
 * sort, so its link is the explorer's URL with that query. Names are unique per person.
 */
export const savedViews = pgTable(
	'saved_views',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		/** `?status=missed&sort=deadline` or empty for all targets; normalised by viewQuery. */
		query: text('query').notNull(),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('saved_views_user_name_idx').on(t.userId, t.name), check('saved_views_name_length', sql`char_length(${t.name}) between 1 and 60`)]
);

// --- Relations --------------------------------------------------------------------------------

export const plansRelations = relations(plans, ({ many }) => ({
	clauses: many(clauses),
	targets: many(targets)
}));

export const clausesRelations = relations(clauses, ({ one, many }) => ({
	plan: one(plans, { fields: [clauses.planId], references: [plans.id] }),
	targets: many(targets),
	facts: many(clauseFacts)
}));

export const targetsRelations = relations(targets, ({ one }) => ({
	plan: one(plans, { fields: [targets.planId], references: [plans.id] }),
	clause: one(clauses, { fields: [targets.clauseId], references: [clauses.id] }),
	indicator: one(indicators, { fields: [targets.indicatorId], references: [indicators.id] }),
	shareOf: one(indicators, { fields: [targets.shareOfIndicatorId], references: [indicators.id] })
}));

export const clauseFactsRelations = relations(clauseFacts, ({ one }) => ({
	clause: one(clauses, { fields: [clauseFacts.clauseId], references: [clauses.id] })
}));

export const observationsRelations = relations(observations, ({ one, many }) => ({
	indicator: one(indicators, { fields: [observations.indicatorId], references: [indicators.id] }),
	versions: many(observationVersions)
}));

export const observationVersionsRelations = relations(observationVersions, ({ one }) => ({
	observation: one(observations, { fields: [observationVersions.observationId], references: [observations.id] }),
	source: one(sources, { fields: [observationVersions.sourceId], references: [sources.id] }),
	recordedByUser: one(users, { fields: [observationVersions.recordedBy], references: [users.id] })
}));
