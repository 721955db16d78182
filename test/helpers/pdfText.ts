/**
 * The text shown by an uncompressed PDF made with a standard font: pdfkit writes each line as a
 * TJ array of hex strings (with kerning numbers between them), which this decodes line by line.
 */
export function pdfText(pdf: Buffer): string[] {
	const source = pdf.toString('latin1');
	const lines: string[] = [];
	for (const [, array] of source.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)) {
		const hex = [...array.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
		lines.push(Buffer.from(hex, 'hex').toString('latin1'));
	}
	return lines;
}

/** Letters, digits and spaces only: compares text across PDF's WinAnsi and JavaScript strings. */
export function asciiWords(text: string): string {
	return text.replace(/[^A-Za-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
}
