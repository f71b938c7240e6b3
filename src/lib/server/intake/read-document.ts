/**
 * Reads the text out of a policy document as an analyst brings it: a .docx, a PDF with a text
 * layer, an HTML page saved from a government site, or plain text. Limits come before work, and
 * what cannot be read is refused with a one-line reason (`DocumentRefusal`), never half-read.
 */
import mammoth from 'mammoth';
import { convert as htmlToText, type FormatCallback } from 'html-to-text';

export type DocumentFormat = 'docx' | 'pdf' | 'html' | 'text';

export const DOCUMENT_LIMITS = {
	/** Plans run to a few hundred KB; a PDF with images can be some MB. */
	bytes: 20 * 1024 * 1024,
	/** A plan of 500 pages is already a book. */
	pdfPages: 500,
	/** Characters of text after reading: about 2 MB of Chinese, ten times the longest plan we know. */
	characters: 1_000_000,
	/** Below this many characters per page on average a PDF is a scan without its text layer. */
	pdfCharactersPerPage: 20
} as const;

export type RefusalCode = 'too_large' | 'empty' | 'encrypted' | 'no_text_layer' | 'old_word_format' | 'unsupported_format' | 'unreadable' | 'too_long';

/** A document Pacer cannot read, with the reason in one line (pages translate it by its code). */
export class DocumentRefusal extends Error {
	constructor(
		readonly code: RefusalCode,
		message: string
	) {
		super(message);
		this.name = 'DocumentRefusal';
	}
}

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The format by content first (a .txt may hold HTML, a download may have no extension), then by name. */
export function sniffFormat(bytes: Uint8Array, fileName: string): DocumentFormat | 'cfb' {
	const head = Buffer.from(bytes.subarray(0, 512));
	if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
	// Encrypted .docx files and old .doc files are OLE compound files, not zip packages.
	if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) return 'cfb';
	if (head.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') return 'docx';
	const name = fileName.toLowerCase();
	if (/\.(html?|xhtml|shtml)$/.test(name)) return 'html';
	const start = head.toString('latin1').replace(/^\uFEFF|^[\s\u00ef\u00bb\u00bf]+/, '').slice(0, 200).toLowerCase();
	if (start.startsWith('<!doctype html') || start.startsWith('<html') || /^<(head|meta|body|div|p)\b/.test(start)) return 'html';
	return 'text';
}

/**
 * PDF fonts often map common characters to look-alike radicals: 方 comes out as the Kangxi
 * radical ⽅ (U+2F45), 车 as ⻋ (U+2ECB). Kangxi radicals have a compatibility mapping (NFKC);
 * the simplified forms of the supplement block do not, so they are listed here.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
	'⺟': '母', '⺠': '民', '⻁': '虎', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门',
	'⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻢': '马', '⻣': '骨', '⻤': '鬼',
	'⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟'
};

/** Radicals standing for whole characters, replaced by the characters. @example unifyRadicals('⽅案') === '方案' */
export function unifyRadicals(text: string): string {
	return text.replace(/[\u2F00-\u2FD5]/g, (c) => c.normalize('NFKC')).replace(/[\u2E80-\u2EF3]/g, (c) => RADICAL_SUPPLEMENT[c] ?? c);
}

/** Decodes text bytes: UTF-16 with a BOM, valid UTF-8, else the declared charset or GB18030 as older Chinese sites use. */
export function decodeText(bytes: Uint8Array, declared?: string | null): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	// Valid UTF-8 wins over a page's declaration: pages re-saved by a browser keep a stale gb2312 meta.
	try {
		return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		// Not UTF-8: the declared charset, else GB18030.
	}
	const label = declared?.toLowerCase();
	if (label && label !== 'utf-8' && label !== 'utf8') {
		try {
			// gb2312 and gbk are subsets of gb18030: decoding with the larger table loses nothing.
			return new TextDecoder(/^(gb2312|gbk|gb18030|x-gbk)$/.test(label) ? 'gb18030' : label).decode(bytes);
		} catch {
			// An unknown label: fall through to detection.
		}
	}
	return new TextDecoder('gb18030').decode(bytes);
}

/** The charset an HTML page declares in its first bytes (<meta charset> or http-equiv). */
function declaredCharset(bytes: Uint8Array): string | null {
	const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
	return head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i)?.[1] ?? null;
}

/** Table rows become lines with cells apart, so a task table (任务分解表) keeps its columns. */
const tableCell: FormatCallback = (elem, walk, builder) => {
	walk(elem.children, builder);
	builder.addLiteral('\t');
};

/** The text of an HTML page, paragraphs on their own lines, non-breaking spaces as plain ones. */
export function htmlText(html: string): string {
	const text = htmlToText(html, {
		wordwrap: false,
		// Tabs are not collapsed, so the cell separator survives.
		whitespaceCharacters: ' \r\n\f\u200b',
		formatters: { tableCell },
		selectors: [
			{ selector: 'a', options: { ignoreHref: true } },
			{ selector: 'img', format: 'skip' },
			{ selector: 'script', format: 'skip' },
			{ selector: 'style', format: 'skip' },
			{ selector: 'noscript', format: 'skip' },
			{ selector: 'h1', options: { uppercase: false } },
			{ selector: 'h2', options: { uppercase: false } },
			{ selector: 'h3', options: { uppercase: false } },
			{ selector: 'table', format: 'block' },
			{ selector: 'tr', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
			{ selector: 'td', format: 'tableCell' },
			{ selector: 'th', format: 'tableCell' }
		]
	});
	return text.replace(/\u00a0/g, ' ');
}

async function docxText(bytes: Uint8Array): Promise<string> {
	try {
		const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
		return value;
	} catch (error) {
		throw new DocumentRefusal('unreadable', `this .docx file cannot be read (${(error as Error).message.split('\n')[0]})`);
	}
}

/** The text layer of a PDF, line by line in reading order as pdf.js gives it. */
async function pdfText(bytes: Uint8Array): Promise<string> {
	const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
	let doc;
	try {
		doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
	} catch (error) {
		if ((error as Error).name === 'PasswordException') {
			throw new DocumentRefusal('encrypted', 'this PDF is protected by a password: save it without a password and upload it again');
		}
		throw new DocumentRefusal('unreadable', `this PDF cannot be read (${(error as Error).message.split('\n')[0]})`);
	}
	try {
		if (doc.numPages > DOCUMENT_LIMITS.pdfPages) {
			throw new DocumentRefusal('too_long', `this PDF has ${doc.numPages} pages; Pacer reads plans of up to ${DOCUMENT_LIMITS.pdfPages} pages`);
		}
		const pages: string[] = [];
		let characters = 0;
		for (let n = 1; n <= doc.numPages; n++) {
			const page = await doc.getPage(n);
			const content = await page.getTextContent();
			let text = '';
			for (const item of content.items) {
				if (!('str' in item)) continue;
				text += item.str + (item.hasEOL ? '\n' : '');
			}
			page.cleanup();
			characters += text.replace(/\s/g, '').length;
			if (characters > DOCUMENT_LIMITS.characters) {
				throw new DocumentRefusal('too_long', `this PDF holds more than ${DOCUMENT_LIMITS.characters.toLocaleString('en')} characters of text`);
			}
			pages.push(text);
		}
		if (characters < DOCUMENT_LIMITS.pdfCharactersPerPage * doc.numPages) {
			throw new DocumentRefusal(
				'no_text_layer',
				'this PDF has no text layer (a scan or images of pages): run it through OCR or upload the .docx or web page instead'
			);
		}
		return pages.join('\n');
	} finally {
		await doc.destroy();
	}
}

/**
 * Reads one document's text. Throws `DocumentRefusal` for anything it cannot read.
 * @example (await readDocument(bytes, '方案.docx')).format === 'docx'
 */
export async function readDocument(bytes: Uint8Array, fileName: string): Promise<{ format: DocumentFormat; text: string }> {
	if (bytes.length > DOCUMENT_LIMITS.bytes) {
		throw new DocumentRefusal('too_large', `the file is ${mb(bytes.length)}; Pacer reads documents up to ${mb(DOCUMENT_LIMITS.bytes)}`);
	}
	if (bytes.length === 0) throw new DocumentRefusal('empty', 'the file is empty');
	const sniffed = sniffFormat(bytes, fileName);
	if (sniffed === 'cfb') {
		throw new DocumentRefusal(
			'old_word_format',
			'this is an encrypted Word file or an old .doc file: open it in Word and save it as .docx without a password'
		);
	}
	if (/\.(xlsx?|pptx?|zip|rar|7z|png|jpe?g|gif|tiff?)$/i.test(fileName) && sniffed !== 'pdf') {
		throw new DocumentRefusal('unsupported_format', 'Pacer reads .docx, .pdf, .html and .txt documents');
	}
	let text: string;
	if (sniffed === 'pdf') text = await pdfText(bytes);
	else if (sniffed === 'docx') text = await docxText(bytes);
	else if (sniffed === 'html') text = htmlText(decodeText(bytes, declaredCharset(bytes)));
	else {
		text = decodeText(bytes);
		// Binary files are full of control characters that no text document has.
		const controls = text.slice(0, 4096).match(/[\u0000-\u0008\u000e-\u001f]/g)?.length ?? 0;
		if (controls > 8) throw new DocumentRefusal('unsupported_format', 'this file is not a document Pacer can read (.docx, .pdf, .html, .txt)');
	}
	if (text.length > DOCUMENT_LIMITS.characters) {
		throw new DocumentRefusal('too_long', `the document holds more than ${DOCUMENT_LIMITS.characters.toLocaleString('en')} characters of text`);
	}
	if (text.replace(/\s/g, '').length === 0) throw new DocumentRefusal('empty', 'the document holds no text');
	return { format: sniffed, text: unifyRadicals(text) };
}
