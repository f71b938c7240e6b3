import { describe, expect, it } from 'vitest';
import { ALERT_KINDS, type AlertKind, composeAlert, deliveryRetryMinutes, emailField, mailText, splitRecipients, verdictWorsened, webhookBody, webhookFailure } from './alerts';
import { translator } from '../i18n';

const t = (locale: 'zh' | 'en') => translator(locale) as unknown as (key: string, values?: Record<string, string | number>) => string;

describe('verdictWorsened', () => {
	it.each([
		['on_track', 'acceleration_needed', true],
		['on_track', 'missed', true],
		['acceleration_needed', 'on_track', false],
		['behind_forecast_meets', 'on_pace_forecast_short', false], // the same rank: no news
		['on_track', 'insufficient_data', false],
		['insufficient_data', 'missed', false],
		[null, 'missed', false]
	] as const)('%s -> %s: %s', (before, after, worse) => expect(verdictWorsened(before, after)).toBe(worse));
});

describe('delivery retries', () => {
	it('waits 1, 5, 30, 120 minutes and gives up after the fifth failure', () => {
		expect([1, 2, 3, 4, 5].map(deliveryRetryMinutes)).toEqual([1, 5, 30, 120, null]);
	});
});

describe('messages', () => {
	const params = { target: { zh: '临床试验启动用时', en: 'Trial start-up time' }, before: { zh: '正常推进', en: 'on track' }, after: { zh: '出现倒退', en: 'deterioration' }, basis: { zh: '估算数据', en: 'estimates' } };
	it('composes each language from its own values', () => {
		expect(composeAlert('verdict_worsened', params, 'zh', t('zh')).subject).toBe('目标研判变差：临床试验启动用时');
		expect(composeAlert('verdict_worsened', params, 'en', t('en'))).toEqual({
			subject: 'Verdict worsened: Trial start-up time',
			body: 'The verdict of "Trial start-up time" went from "on track" to "deterioration".\nBasis: estimates.'
		});
	});
	it('has a subject and text for every kind in both languages, with the values documented at ALERT_KINDS', () => {
		const values: Record<AlertKind, Record<string, string | number>> = {
			verdict_worsened: { target: 'T', before: 'B', after: 'A', basis: 'P' },
			book_delivered: { schedule: 'S', asOf: '2026-11-30', pages: 3 },
			book_failed: { schedule: 'S', asOf: '2026-11-30', reason: 'R', next: 'N' },
			request_due_soon: { unit: 'U', round: 'R', indicator: 'I', period: 'P', due: 'D' },
			request_late: { unit: 'U', round: 'R', indicator: 'I', period: 'P', due: 'D', days: 3 },
			request_escalated: { unit: 'U', round: 'R', indicator: 'I', period: 'P', due: 'D', days: 10 },
			approval_waiting: { submitter: 'W', unit: 'U', round: 'R', indicator: 'I', period: 'P', value: 'V', source: 'S' }
		};
		for (const kind of ALERT_KINDS) {
			for (const locale of ['zh', 'en'] as const) {
				const message = composeAlert(kind, values[kind], locale, t(locale));
				expect(message.subject).not.toMatch(/alerts\.mail|[{}]/);
				expect(message.body).not.toMatch(/alerts\.mail|[{}]/);
				// Every value the kind takes shows in its text.
				for (const value of Object.values(values[kind])) expect(`${message.subject}\n${message.body}`).toContain(String(value));
			}
		}
	});
	it('ends every mail with its unsubscribe link', () => {
		const text = mailText({ subject: 's', body: 'b' }, { link: 'https://p/targets/x', unsubscribe: 'https://p/unsubscribe/tok' }, t('en'));
		expect(text.split('\n')).toEqual(['b', 'Open: https://p/targets/x', '', '--', 'Stop receiving this kind of mail: https://p/unsubscribe/tok']);
	});
});

describe('webhooks', () => {
	const event = { kind: 'verdict_worsened' as const, message: { subject: 'S', body: 'B' }, fields: { target: 'x' }, link: 'https://p/targets/x' };
	it('speaks each robot’s format', () => {
		expect(webhookBody('wecom', event)).toEqual({ msgtype: 'markdown', markdown: { content: '**S**\n\nB\n\n[https://p/targets/x](https://p/targets/x)' } });
		expect(webhookBody('dingtalk', event)).toEqual({ msgtype: 'markdown', markdown: { title: 'S', text: '**S**\n\nB\n\n[https://p/targets/x](https://p/targets/x)' } });
		expect(webhookBody('json', event)).toEqual({ event: 'verdict_worsened', subject: 'S', text: 'B', target: 'x', links: { target: 'https://p/targets/x' } });
	});
	it('counts a non-2xx answer or a robot error code as a failure', () => {
		expect(webhookFailure(200, '{"errcode":0,"errmsg":"ok"}')).toBeNull();
		expect(webhookFailure(204, '')).toBeNull();
		expect(webhookFailure(200, 'accepted')).toBeNull();
		expect(webhookFailure(200, '{"errcode":310000,"errmsg":"sign not match"}')).toBe('errcode 310000: sign not match');
		expect(webhookFailure(404, 'no')).toBe('HTTP 404: no');
	});
});

describe('addresses', () => {
	it('reads an address or nothing, and refuses anything else', () => {
		expect(emailField.parse(' Lily@Example.GOV.cn ')).toBe('lily@example.gov.cn');
		expect(emailField.parse('')).toBe('');
		expect(emailField.safeParse('lily@').success).toBe(false);
	});
	it('splits schedule recipients into addresses and usernames', () => {
		expect(splitRecipients('a@b.cn, lily\n李雷；bad@')).toEqual({ emails: ['a@b.cn'], usernames: ['lily', '李雷'], bad: ['bad@'] });
	});
});
