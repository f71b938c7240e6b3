/**
 * Interface text: one message catalogue per language (messages/zh.json, messages/en.json) in ICU
 * message format, formatted by intl-messageformat. The locale is always passed in, never read
 * from a global, so the same code serves concurrent requests in different languages.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import zh from '../../messages/zh.json';
import en from '../../messages/en.json';
import { LANGUAGE_TAG, type Locale } from './domain/plan';

export type MessageKey = keyof typeof zh;
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export const LOCALE_COOKIE = 'pacer_lang';
export const DEFAULT_LOCALE: Locale = 'zh';

const catalogues: Record<Locale, Record<MessageKey, string>> = { zh, en };

const compiled = new Map<string, IntlMessageFormat>();

export function translator(locale: Locale): Translate {
	return (key, values) => {
		const cacheKey = `${locale}:${key}`;
		let format = compiled.get(cacheKey);
		if (!format) {
			format = new IntlMessageFormat(catalogues[locale][key] ?? key, LANGUAGE_TAG[locale]);
			compiled.set(cacheKey, format);
		}
		return String(format.format(values));
	};
}

/** The locale asked for in ?lang=, else the remembered one, else Chinese. */
export function pickLocale(asked: string | null, remembered: string | undefined): Locale {
	for (const candidate of [asked, remembered]) {
		if (candidate === 'zh' || candidate === 'en') return candidate;
	}
	return DEFAULT_LOCALE;
}
