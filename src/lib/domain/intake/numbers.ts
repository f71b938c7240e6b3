/**
 * Numbers as Chinese plans write them: Arabic digits ("4,000", "2551.7"), Chinese numerals
 * ("十五", "两", "一百二十", "〇"), fractions ("三分之一") and number words ("半数", "一半",
 * "翻一番"). Pure: no framework imports.
 */

const DIGIT: Record<string, number> = {
	〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** The characters a Chinese numeral is written with (without 万/亿, which plans use as units). */
export const CHINESE_NUMERAL_CHARS = '〇零一二两三四五六七八九十百千';

/**
 * Reads a Chinese numeral, with or without 万/亿 groups.
 * @example chineseNumeral('三十七') === 37; chineseNumeral('一百二十') === 120; chineseNumeral('二〇二五') === 2025
 */
export function chineseNumeral(numeral: string): number {
	if (numeral.length === 0) throw new Error('not a Chinese numeral: empty');
	// Year-style digit strings ("二〇二五") carry no 十/百/千.
	if ([...numeral].every((ch) => ch in DIGIT) && numeral.length > 1) {
		return Number([...numeral].map((ch) => DIGIT[ch]).join(''));
	}
	let total = 0;
	let group = 0;
	let digit: number | null = null;
	for (const ch of numeral) {
		if (ch in DIGIT) digit = DIGIT[ch];
		else if (ch in SMALL_UNIT) {
			group += (digit ?? 1) * SMALL_UNIT[ch];
			digit = null;
		} else if (ch in LARGE_UNIT) {
			total += (group + (digit ?? 0)) * LARGE_UNIT[ch];
			group = 0;
			digit = null;
		} else throw new Error(`not a Chinese numeral: ${numeral}`);
	}
	return total + group + (digit ?? 0);
}

/**
 * Reads a number written in digits or Chinese numerals; null when it is neither.
 * @example parseNumber('4,000') === 4000; parseNumber('２．５') === 2.5; parseNumber('十五') === 15
 */
export function parseNumber(text: string): number | null {
	const ascii = toHalfWidthDigits(text).replace(/,/g, '');
	if (/^\d+(\.\d+)?$/.test(ascii)) return Number(ascii);
	try {
		return chineseNumeral(text);
	} catch {
		return null;
	}
}

/** Full-width digits and the decimal point to ASCII: "２０２５" -> "2025". @example toHalfWidthDigits('２０２５') === '2025' */
export function toHalfWidthDigits(text: string): string {
	return text.replace(/[０-９．]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

/**
 * Number words that stand for a percentage: "半数" and "一半" are 50 %, "三分之一" is 33.33 %.
 * @example percentWord('三分之一') === 33.33; percentWord('半数') === 50
 */
export function percentWord(text: string): number | null {
	if (text === '半数' || text === '一半' || text === '过半') return 50;
	const fraction = text.match(/^([一二两三四五六七八九十\d]+)分之([一二两三四五六七八九十\d]+)$/);
	if (fraction) {
		const whole = parseNumber(fraction[1]);
		const part = parseNumber(fraction[2]);
		if (whole && part !== null) return Math.round((part / whole) * 10000) / 100;
	}
	return null;
}

/**
 * A scale word of a tier name: "百亿级" is 100 亿元, "千亿级" 1000 亿元, "万亿级" 1 万亿元.
 * @example tierValue('千亿级') === { value: 1000, unit: '亿元' }
 */
export function tierValue(tier: string): { value: number; unit: string } | null {
	const m = tier.match(/^([\d.]+|[一二两三四五六七八九十百千]+)?(万亿|亿|万)(?:元)?级$/);
	if (!m) return null;
	const value = m[1] ? parseNumber(m[1]) : 1;
	return value === null ? null : { value, unit: `${m[2]}元` };
}

/** YYYY-MM-DD from parts. @example isoDate(2024, 7, 1) === '2024-07-01' */
export function isoDate(year: number, month: number, day: number): string {
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
