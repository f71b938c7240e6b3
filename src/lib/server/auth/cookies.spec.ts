import { describe, expect, it } from 'vitest';
import { safeNext } from './cookies';

describe('safeNext: where a login may send people afterwards', () => {
	const origin = 'https://pacer.example.gov.cn';
	it.each([
		['/explore?plan=pd', '/explore?plan=pd'],
		['/targets/pd-scale#figures', '/targets/pd-scale#figures'],
		['/books', '/books']
	])('keeps a path of this origin: %s', (next, expected) => expect(safeNext(next, origin)).toBe(expected));

	// The query has already been decoded once: /login?next=/%5Cevil.example/phish gives "/\evil.example/phish".
	it.each([
		[null],
		[''],
		['https://evil.example/phish'],
		['//evil.example/phish'],
		['/\\evil.example/phish'],
		['\\/evil.example'],
		['/\t/evil.example/'],
		['/\n/evil.example/'],
		['/\\\\evil.example'],
		['javascript:alert(1)'],
		['evil.example']
	])('sends %j home instead', (next) => expect(safeNext(next, origin)).toBe('/'));

	it('what a browser would do with each refused path leaves the origin, so refusing it matters', () => {
		expect(new URL('/\\evil.example/phish', origin).host).toBe('evil.example');
		expect(new URL('/\t/evil.example/', origin).host).toBe('evil.example');
	});
});
