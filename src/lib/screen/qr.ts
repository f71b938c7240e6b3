/**
 * QR codes for the wall's drill-down links, drawn as one SVG path so the server can put them in the
 * payload and the screen draws them crisp at any size (no canvas, no image request).
 */
import QRCode from 'qrcode';

export interface QrCode {
	/** Modules per side, without the quiet zone. */
	size: number;
	/** One path of unit squares in module coordinates; draw it in a viewBox of -4 -4 size+8 size+8 (the quiet zone). */
	path: string;
}

/**
 * The QR code of a text (medium error correction: a screen seen at an angle from across a room).
 * @example qrCode('https://pacer.example.gov.cn/t/pd-industry-scale').size === 29
 */
export function qrCode(text: string): QrCode {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const size = modules.size;
	let path = '';
	for (let y = 0; y < size; y++) {
		// Runs of dark modules per row keep the path about a tenth of one square per module.
		for (let x = 0; x < size; ) {
			if (!modules.get(y, x)) {
				x++;
				continue;
			}
			let run = 1;
			while (x + run < size && modules.get(y, x + run)) run++;
			path += `M${x} ${y}h${run}v1h-${run}z`;
			x += run;
		}
	}
	return { size, path };
}
