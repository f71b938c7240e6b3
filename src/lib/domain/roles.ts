/**
 * Who may do what. Viewers read; reporters also submit their own unit's figures in data rounds
 * (which requests they see is domain/rounds.ts requestAccess); analysts also enter, import, correct
 * and review data and coordinate rounds; admins also manage users, plans, targets, boards and
 * schedules. Each role includes the ones below it.
 */
import type { Provenance, Role } from './plan';

const RANK: Record<Role, number> = { viewer: 0, reporter: 1, analyst: 2, admin: 3 };

/** @example hasRole('admin', 'analyst') === true; hasRole('viewer', 'analyst') === false */
export function hasRole(role: Role, needed: Role): boolean {
	return RANK[role] >= RANK[needed];
}

/**
 * Illustrative figures are made up to show the method: only an admin may record one, so an analyst's
 * slip cannot put an invented number beside published ones (it is labelled everywhere, but still).
 * @example mayRecordProvenance('analyst', 'illustrative') === false; mayRecordProvenance('analyst', 'estimate') === true
 */
export function mayRecordProvenance(role: Role, provenance: Provenance): boolean {
	return provenance !== 'illustrative' || hasRole(role, 'admin');
}

/** Failed logins allowed before each further attempt must wait. */
export const FREE_LOGIN_ATTEMPTS = 3;
/** Longest wait between attempts, in seconds. */
export const MAX_LOGIN_DELAY_SECONDS = 15 * 60;
/** Failures older than this are forgotten. */
export const LOGIN_FAILURE_MEMORY_SECONDS = 60 * 60;

/**
 * Seconds to wait before the next login attempt after `failures` failed ones: none for the first
 * few, then doubling from 2 s, capped.
 * @example loginDelaySeconds(3) === 0; loginDelaySeconds(4) === 2; loginDelaySeconds(6) === 8
 */
export function loginDelaySeconds(failures: number): number {
	if (failures <= FREE_LOGIN_ATTEMPTS) return 0;
	return Math.min(MAX_LOGIN_DELAY_SECONDS, 2 ** (failures - FREE_LOGIN_ATTEMPTS));
}

/** Passwords people choose: long enough to resist guessing, no composition rules (NIST SP 800-63B). */
export const MIN_PASSWORD_LENGTH = 10;
