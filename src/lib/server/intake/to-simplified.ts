/**
 * Traditional → simplified Chinese for the plan cleaner (src/lib/domain/intake/clean.ts), which takes
 * the converter as an argument so that the domain imports no library.
 */
import * as OpenCC from 'opencc-js';

// "tw" rather than "hk": it gives the mainland forms 着力 and 着眼 where "hk" keeps 著.
const twToCn = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Converts traditional characters to simplified, mainland forms. @example toSimplified('醫藥產業') === '医药产业' */
export function toSimplified(text: string): string {
	return twToCn(text);
}
