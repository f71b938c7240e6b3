import { describe, expect, it } from 'vitest';
import { tableCsv } from './spreadsheet';

describe('table CSV', () => {
	it('quotes text that would run as a formula, keeps numbers, and starts with a byte-order mark', () => {
		const csv = tableCsv([
			['source', 'value'],
			['=HYPERLINK("http://x")', -3]
		]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toContain(`"'=HYPERLINK(""http://x"")",-3`);
	});
});
