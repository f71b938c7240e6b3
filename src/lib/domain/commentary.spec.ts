import { describe, expect, it } from 'vitest';
import { characterCount, COMMENTARY_MAX_CHARS, mayComment, normaliseCommentary, readCommentary, shortenCommentary } from './commentary';

const TODAY = '2026-12-01';
const form = (fields: Record<string, string>) => {
	const data = new FormData();
	for (const [k, v] of Object.entries(fields)) data.append(k, v);
	return data;
};

describe('readCommentary', () => {
	it('keeps the note’s line breaks, drops trailing spaces and reads an empty "as of" as none', () => {
		expect(readCommentary(form({ text: '  审批提速 \r\n第二批名单已报送  ', asOf: '', expectedVersion: '0' }), TODAY)).toEqual({
			ok: true,
			comment: { text: '审批提速\n第二批名单已报送', asOf: null, expectedVersion: 0 }
		});
	});

	it('takes an "as of" day up to today', () => {
		const read = readCommentary(form({ text: 'Behind: two approvals slipped to Q1.', asOf: '2026-06-30', expectedVersion: '3' }), TODAY);
		expect(read).toEqual({ ok: true, comment: { text: 'Behind: two approvals slipped to Q1.', asOf: '2026-06-30', expectedVersion: 3 } });
	});

	it.each([
		[{ text: '   \n ', asOf: '', expectedVersion: '0' }, { text: 'required' }],
		[{ text: '字'.repeat(COMMENTARY_MAX_CHARS + 1), asOf: '', expectedVersion: '0' }, { text: 'too_long' }],
		[{ text: 'a\u0000b', asOf: '', expectedVersion: '0' }, { text: 'control' }],
		[{ text: 'ok', asOf: '2026-02-30', expectedVersion: '0' }, { asOf: 'invalid' }],
		[{ text: 'ok', asOf: '2026-12-02', expectedVersion: '0' }, { asOf: 'future' }],
		[{ text: 'ok', asOf: '', expectedVersion: '-1' }, { expectedVersion: 'invalid' }],
		[{ text: 'ok', asOf: '', expectedVersion: 'x' }, { expectedVersion: 'invalid' }],
		[{ text: 'ok', asOf: '' }, { expectedVersion: 'invalid' }]
	])('refuses %j with %j', (fields, errors) => {
		expect(readCommentary(form(fields), TODAY)).toEqual({ ok: false, errors });
	});

	it('counts characters, not UTF-16 units: 1,000 CJK characters or emoji pass, 1,001 do not', () => {
		expect(readCommentary(form({ text: '😀'.repeat(COMMENTARY_MAX_CHARS), asOf: '', expectedVersion: '0' }), TODAY).ok).toBe(true);
		expect(characterCount('😀字a')).toBe(3);
	});

	it('keeps markup as the text it is (pages render it as text)', () => {
		const read = readCommentary(form({ text: '<script>alert(1)</script>', asOf: '', expectedVersion: '0' }), TODAY);
		expect(read).toEqual({ ok: true, comment: { text: '<script>alert(1)</script>', asOf: null, expectedVersion: 0 } });
	});
});

describe('normaliseCommentary', () => {
	it('turns \\r\\n and \\r into \\n and keeps blank lines between paragraphs', () => {
		expect(normaliseCommentary('一\r\n\r\n二\r三 ')).toBe('一\n\n二\n三');
	});
});

describe('shortenCommentary', () => {
	it.each([
		['Short note', 40, 'Short note'],
		['审批提速。第二批名单已报送。', 16, '审批提速。…'],
		['审批提速。第二批名单已报送。', 28, '审批提速。第二批名单已报送。'],
		['Two approvals slipped to the first quarter of 2027', 30, 'Two approvals slipped to the…'],
		['第一行\n第二行', 40, '第一行 第二行'],
		['一二三四五六七八九十', 10, '一二三四…']
	])('%s at %d columns -> %s', (text, width, expected) => expect(shortenCommentary(text, width)).toBe(expected));
});

describe('mayComment', () => {
	it.each([
		['viewer', false],
		['reporter', false],
		['analyst', true],
		['admin', true]
	] as const)('%s -> %s', (role, may) => expect(mayComment(role)).toBe(may));
});
