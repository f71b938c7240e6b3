/**
 * Drafts are seen only by plan intake (src/lib/server/plans/): every other read of plans, targets
 * or tasks (overview, explorer, target pages, boards, books, tasks, exports, search) keeps to
 * published plans through these two conditions, so there is one place that says what "published" is.
 */
import { eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import * as s from '../db/schema';

/** On a query of `plans`: the plan is published. */
export const publishedPlan: SQL = eq(s.plans.status, 'published');

/** On a query of a table with a plan id (targets, tasks, judgements): its plan is published. */
export const inPublishedPlan = (planId: AnyPgColumn): SQL => sql`${planId} in (select id from plans where status = 'published')`;
