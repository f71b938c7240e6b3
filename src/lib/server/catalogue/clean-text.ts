/**
 * Cleans a scraped web copy of a Chinese policy document into simplified Chinese.
 *
 * The seed copies carry three kinds of noise: traditional characters (converted with opencc-js),
 * pinyin glosses a reader plugin inserted after rare characters, e.g. `繳費(fèi)`, and `??` where a
 * character or a full-width space was lost in an encoding round trip. The converter does not remove
 * noise, so the pinyin and `??` are handled here, and the few spots where the lost bytes took real
 * characters with them are restored from a reviewed table (SEED_REPAIRS).
 */
import * as OpenCC from 'opencc-js';
import { stripPinyinGlosses, toPrintPunctuation } from '../../domain/intake/clean';

// "tw" rather than "hk": it gives the mainland forms 着力 and 着眼 where "hk" keeps 著.
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
// The check for leftovers uses OpenCC's standard set: "tw" would also turn a correct 显著 into 显着.
const standardToSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/**
 * Spots where mojibake swallowed characters (some became private-use code points), matched after
 * pinyin removal and conversion. Each repair was read against the sentence's meaning: the lost
 * text is unambiguous in context ("参照执行", "沪惠保", "担保基金").
 */
export const SEED_REPAIRS: ReadonlyArray<readonly [garbled: RegExp, repaired: string]> = [
	[/为高\?\?[^，,。]*?床前研究服务/g, '为高校科研院所提供新药临床前研究服务'],
	[/参照\?\?行/g, '参照执行'],
	[/“沪惠\?.*?\?。/g, '“沪惠保”等目录保障范围。'],
	[/并购\?顿Y。/g, '并购投资。'],
	[/担\?;.*?\?,/g, '担保基金作用,'],
	[/当\?.\?现销售/gu, '当地实现销售']
];

/** Removes pinyin glosses, e.g. "繳費(fèi)" -> "繳費"; where the "(" was lost, "?" stays for the repair table. */
export { stripPinyinGlosses, toPrintPunctuation } from '../../domain/intake/clean';

/**
 * Converts one line of a seed copy to clean simplified Chinese.
 * @example cleanLine('??1.創新能級顯著提升') === '1.创新能级显著提升'
 */
export function cleanLine(raw: string): string {
	let text = stripPinyinGlosses(raw);
	text = toSimplified(text);
	for (const [garbled, repaired] of SEED_REPAIRS) text = text.replace(garbled, repaired);
	// Leading "??" stood for the two full-width spaces of a paragraph indent.
	text = text.replace(/^(\?\?)+/, '').replace(/\u3000/g, '').trim();
	return text;
}

/** Cleans a whole seed document into clean lines, dropping empty ones. */
export function cleanDocument(raw: string): string[] {
	return raw
		.split(/\r?\n/)
		.map((line) => toPrintPunctuation(cleanLine(line)))
		.filter((line) => line.length > 0);
}

/** True when the text still has scraping noise: "?", pinyin tone marks or traditional characters. */
export function findNoise(text: string): string[] {
	const found: string[] = [];
	if (/[?？]/.test(text)) found.push('question marks');
	if (/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(text)) found.push('pinyin');
	if (standardToSimplified(text) !== text) found.push('traditional characters');
	return found;
}
