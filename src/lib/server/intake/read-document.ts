/**
 * TEMPORARY stand-in until the lead developer's reader lands on main: reads UTF-8 text only.
 * Same signature as the real one; replaced on merge.
 */
export class DocumentRefusal extends Error {
	constructor(
		public code: string,
		message: string
	) {
		super(message);
		this.name = 'DocumentRefusal';
	}
}

export async function readDocument(bytes: Uint8Array, fileName: string): Promise<{ format: 'docx' | 'pdf' | 'html' | 'text'; text: string }> {
	if (bytes.length === 0) throw new DocumentRefusal('empty', `${fileName} is empty`);
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		throw new DocumentRefusal('encoding', `${fileName} is not UTF-8 text`);
	}
	return { format: /\.html?$/i.test(fileName) ? 'html' : 'text', text };
}
