/** HTML rendering of a PrintDocument; every piece of data is escaped. */
import type { KeyValueBlock, PrintDocument, TableBlock } from './document';

export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] as string);
}

export function renderHtml(document: PrintDocument): Buffer {
	const parts = [
		'<!DOCTYPE html>',
		'<html lang="en"><head><meta charset="utf-8">',
		`<title>${escapeHtml(document.title)}</title>`,
		'<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}tfoot td{font-weight:bold}</style>',
		'</head><body>',
		`<h1>${escapeHtml(document.title)}</h1>`,
	];
	if (document.subtitle) parts.push(`<p class="subtitle">${escapeHtml(document.subtitle)}</p>`);
	for (const block of document.blocks) parts.push(block.kind === 'keyValue' ? keyValueHtml(block) : tableHtml(block));
	parts.push('</body></html>');
	return Buffer.from(parts.join('\n'), 'utf8');
}

function keyValueHtml(block: KeyValueBlock): string {
	const rows = block.rows.map((r) => `<tr><th>${escapeHtml(r.label)}</th><td>${escapeHtml(r.value)}</td></tr>`);
	return `<table class="fields">\n${rows.join('\n')}\n</table>`;
}

function tableHtml(block: TableBlock): string {
	const head = `<thead><tr>${block.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>`;
	const body = block.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
	const foot = block.footer ? `<tfoot><tr>${block.footer.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr></tfoot>` : '';
	return `<table class="report">\n${head}\n<tbody>\n${body}\n</tbody>\n${foot}\n</table>`;
}
