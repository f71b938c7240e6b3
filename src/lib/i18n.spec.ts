import { describe, expect, it } from 'vitest';
import zh from '../../messages/zh.json';
import en from '../../messages/en.json';
import { pickLocale, translator } from './i18n';

describe('message catalogues', () => {
	it('have the same keys in both languages', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	});
	it('English messages hold no Chinese, full-width punctuation or typographic quotes (CJK fonts set those full-width)', () => {
		// The language switch names Chinese in Chinese; the paste box shows what a Chinese plan looks like.
		const inChinese = new Set(['nav.language', 'intake.new.pastePlaceholder']);
		const wrong = Object.entries(en).filter(([key, text]) => !inChinese.has(key) && /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]/u.test(text));
		expect(wrong).toEqual([]);
	});
	it('format plurals and values per locale', () => {
		expect(translator('en')('plans.count', { plans: 1, targets: 36 })).toBe('1 plan, 36 quantified targets');
		expect(translator('zh')('plans.count', { plans: 2, targets: 36 })).toBe('2 份规划，36 项量化目标');
	});
	it('picks ?lang= first, then the cookie, then Chinese', () => {
		expect(pickLocale('en', 'zh')).toBe('en');
		expect(pickLocale(null, 'en')).toBe('en');
		expect(pickLocale('fr', undefined)).toBe('zh');
	});
});
