import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrCode } from './qr';

describe('QR codes for wall cards', () => {
	it('draws exactly the dark modules of the code, row by row', () => {
		const text = 'http://127.0.0.1:3000/t/pd-industry-scale';
		const { size, path } = qrCode(text);
		const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
		expect(size).toBe(modules.size);
		// Paint the path back onto a grid and compare it with the library's modules.
		const painted = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
		for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
			for (let i = 0; i < Number(w); i++) painted[Number(y)][Number(x) + i] = true;
		}
		for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) expect(painted[y][x], `${x},${y}`).toBe(Boolean(modules.get(y, x)));
		// The three finder patterns: a 7-module dark run opens the first row.
		expect(path.startsWith('M0 0h7v1h-7z')).toBe(true);
	});

	it('grows with the text', () => {
		expect(qrCode('x').size).toBeLessThan(qrCode('https://pacer.example.gov.cn/t/' + 'x'.repeat(80)).size);
	});
});
