import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { encryptPDF } from '@pdfsmaller/pdf-encrypt-lite';
import JSZip from 'jszip';
import { DocumentRefusal, decodeText, readDocument, sniffFormat, unifyRadicals } from './read-document';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function refusal(promise: Promise<unknown>): Promise<DocumentRefusal> {
	try {
		await promise;
	} catch (error) {
		expect(error).toBeInstanceOf(DocumentRefusal);
		return error as DocumentRefusal;
	}
	throw new Error('expected a refusal');
}

async function pdfWithText(lines: string[]): Promise<Uint8Array> {
	const doc = await PDFDocument.create();
	const font = await doc.embedFont(StandardFonts.Helvetica);
	const page = doc.addPage([595, 842]);
	lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 20, size: 12, font }));
	return doc.save();
}

describe('readDocument', () => {
	it('reads a .docx with its paragraphs and task table', async () => {
		const doc = new Document({
			sections: [
				{
					children: [
						new Paragraph({ children: [new TextRun('一、总体目标')] }),
						new Paragraph({ children: [new TextRun('到2025年，生物医药产业规模达到4000亿元。')] }),
						new Table({
							rows: [
								new TableRow({ children: ['序号', '任务', '责任单位'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
								new TableRow({ children: ['1', '建设平台', '区科经委'].map((t) => new TableCell({ children: [new Paragraph(t)] })) })
							]
						})
					]
				}
			]
		});
		const bytes = new Uint8Array(await Packer.toBuffer(doc));
		const { format, text } = await readDocument(bytes, '方案.docx');
		expect(format).toBe('docx');
		expect(text).toContain('到2025年，生物医药产业规模达到4000亿元。');
		expect(text).toContain('区科经委');
	});

	it('reads the text layer of a PDF', async () => {
		const { format, text } = await readDocument(await pdfWithText(['Targets for 2025', 'Scale reaches 4000']), 'plan.pdf');
		expect(format).toBe('pdf');
		expect(text).toContain('Scale reaches 4000');
	});

	it('refuses a PDF without a text layer (a scan)', async () => {
		const doc = await PDFDocument.create();
		doc.addPage([595, 842]).drawRectangle({ x: 10, y: 10, width: 500, height: 700 });
		const error = await refusal(readDocument(await doc.save(), 'scan.pdf'));
		expect(error.code).toBe('no_text_layer');
	});

	it('refuses a PDF protected by a password', async () => {
		const locked = await encryptPDF(await pdfWithText(['secret plan text here, quite long enough']), 'secret');
		const error = await refusal(readDocument(locked, 'locked.pdf'));
		expect(error.code).toBe('encrypted');
		expect(error.message).toMatch(/password/);
	});

	it('refuses an encrypted Word file or an old .doc (an OLE compound file)', async () => {
		const bytes = new Uint8Array(1024);
		bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
		expect((await refusal(readDocument(bytes, 'plan.docx'))).code).toBe('old_word_format');
	});

	it('refuses a zip that is not a Word document', async () => {
		const zip = new JSZip();
		zip.file('hello.txt', 'hi');
		const bytes = await zip.generateAsync({ type: 'uint8array' });
		expect((await refusal(readDocument(bytes, 'plan.docx'))).code).toBe('unreadable');
	});

	it('refuses a file over the size limit before reading it', async () => {
		const error = await refusal(readDocument(new Uint8Array(21 * 1024 * 1024), 'big.pdf'));
		expect(error.code).toBe('too_large');
		expect(error.message).toContain('21 MB');
	});

	it('refuses empty files and binary junk', async () => {
		expect((await refusal(readDocument(new Uint8Array(0), 'a.txt'))).code).toBe('empty');
		expect((await refusal(readDocument(utf8('  \n\n '), 'a.txt'))).code).toBe('empty');
		const junk = new Uint8Array(2000).map((_, i) => (i * 7) % 32);
		expect((await refusal(readDocument(junk, 'a.bin'))).code).toBe('unsupported_format');
		expect((await refusal(readDocument(utf8('a,b'), 'a.xlsx'))).code).toBe('unsupported_format');
	});

	it('reads an HTML page saved from a government site, GBK included, without scripts or link targets', async () => {
		const html =
			'<html><head><meta charset="gb2312"><script>var t=1</script><style>p{}</style></head><body>' +
			'<a href="/">首页</a><h1>行动方案</h1><p>到2025年，规模达到&nbsp;4000亿元。</p>' +
			'<table><tr><td>1</td><td>建设平台</td><td>区科经委</td></tr></table></body></html>';
		const { format, text } = await readDocument(utf8(html), 'page.htm');
		expect(format).toBe('html');
		expect(text).toContain('规模达到 4000亿元。');
		expect(text).not.toContain('var t');
		expect(text).toMatch(/1\t建设平台\t区科经委/);
	});

	it('reads a page in GBK bytes by its declared charset', async () => {
		// TextEncoder only writes UTF-8: 中文 is written here in its GBK bytes.
		const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="gbk"></head><body><p>'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('</p></body></html>')]);
		expect((await readDocument(new Uint8Array(bytes), 'page.html')).text.trim()).toBe('中文');
	});

	it('decodes plain text in UTF-8, UTF-16 and GB18030', async () => {
		expect((await readDocument(utf8('\uFEFF到2025年达到4000亿元'), 'a.txt')).text).toBe('到2025年达到4000亿元');
		expect(decodeText(new Uint8Array([0xff, 0xfe, 0x2d, 0x4e]))).toBe('中');
		expect(decodeText(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))).toBe('中文');
	});

	it('reads look-alike radicals from PDF fonts as the characters they stand for', () => {
		// As Chromium's PDF of Noto Sans CJK reads back through pdf.js.
		expect(unifyRadicals('实施⽅案（2025-2026年）⼀、⼯作⽬标，智慧停⻋泊位，⾃2025年5⽉1⽇起施⾏')).toBe('实施方案（2025-2026年）一、工作目标，智慧停车泊位，自2025年5月1日起施行');
		expect(unifyRadicals('⻔户⽹站')).toBe('门户网站');
	});

	it('sniffs the format by content before the name', () => {
		expect(sniffFormat(utf8('%PDF-1.7'), 'a.txt')).toBe('pdf');
		expect(sniffFormat(utf8('<!DOCTYPE html><html>'), 'download')).toBe('html');
		expect(sniffFormat(utf8('一、总体要求'), 'a.html')).toBe('html');
		expect(sniffFormat(utf8('一、总体要求'), 'a')).toBe('text');
	});
});
