/**
 * PDF rendering with pdfkit's standard Helvetica. Streams are left uncompressed, the title goes
 * into the document info, and the document's data is attached as a JSON file: pdfkit writes the
 * visible text as hex glyph codes (`[<41636d65>] TJ`), so the info and the attachment are where
 * the plain text can be found in the bytes.
 */
import PDFDocument from 'pdfkit';
import type { KeyValueBlock, PrintDocument, TableBlock } from './document';

/** Characters outside WinAnsi (the standard fonts' encoding) print as '?' instead of garbage. */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

export function toWinAnsi(text: string): string {
	let out = '';
	for (const ch of text) {
		const code = ch.codePointAt(0) ?? 0;
		const printable = (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch) || ch === '\n';
		out += printable ? ch : '?';
	}
	return out;
}

export function renderPdf(document: PrintDocument): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const pdf = new PDFDocument({ compress: false, size: 'A4', margin: 50, info: { Title: document.title, Subject: document.subtitle, Creator: 'crm-lead-sandbox' } });
		const chunks: Buffer[] = [];
		pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
		pdf.on('end', () => resolve(Buffer.concat(chunks)));
		pdf.on('error', reject);

		if (document.data) {
			pdf.file(Buffer.from(JSON.stringify(document.data.json, null, 1), 'utf8'), {
				name: document.data.filename,
				type: 'application/json',
				description: 'The printed data, machine-readable',
			});
		}
		pdf.font('Helvetica-Bold').fontSize(18).text(toWinAnsi(document.title));
		if (document.subtitle) pdf.font('Helvetica').fontSize(10).fillColor('#555555').text(toWinAnsi(document.subtitle)).fillColor('black');
		pdf.moveDown();
		for (const block of document.blocks) {
			if (block.kind === 'keyValue') writeKeyValues(pdf, block);
			else writeTable(pdf, block);
			pdf.moveDown();
		}
		pdf.end();
	});
}

function writeKeyValues(pdf: PDFKit.PDFDocument, block: KeyValueBlock): void {
	for (const row of block.rows) {
		pdf.font('Helvetica-Bold').fontSize(10).text(`${toWinAnsi(row.label)}: `, { continued: true });
		pdf.font('Helvetica').text(toWinAnsi(row.value));
	}
}

function writeTable(pdf: PDFKit.PDFDocument, block: TableBlock): void {
	const left = pdf.page.margins.left;
	const width = pdf.page.width - left - pdf.page.margins.right;
	const columnWidth = width / block.columns.length;
	const line = (cells: string[], bold: boolean) => {
		const y = pdf.y;
		pdf.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
		cells.forEach((cell, i) => pdf.text(toWinAnsi(cell), left + i * columnWidth, y, { width: columnWidth - 6, lineBreak: false }));
		pdf.x = left;
		pdf.y = y + 16;
	};
	line(block.columns, true);
	for (const row of block.rows) line(row, false);
	if (block.footer) line(block.footer, true);
}
