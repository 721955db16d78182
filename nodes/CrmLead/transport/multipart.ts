import { randomBytes } from 'crypto';

/** One file part of a multipart/form-data body. */
export interface FilePart {
	field: string;
	fileName: string;
	mimeType: string;
	data: Buffer;
}

function quoted(value: string): string {
	return `"${value.replace(/[\r\n"\\]/g, (c) => encodeURIComponent(c))}"`;
}

/**
 * Builds a multipart/form-data body in one buffer. Built by hand because published node code has
 * no runtime dependencies (n8n Cloud allows only what n8n itself provides: n8n-workflow, crypto,
 * luxon, …), and n8n's helper sends a Buffer body as-is.
 */
export function multipartBody(part: FilePart): { body: Buffer; contentType: string } {
	const boundary = `----n8nCrmLead${randomBytes(12).toString('hex')}`;
	const head =
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name=${quoted(part.field)}; filename=${quoted(part.fileName)}\r\n` +
		`Content-Type: ${part.mimeType || 'application/octet-stream'}\r\n\r\n`;
	const tail = `\r\n--${boundary}--\r\n`;
	return {
		body: Buffer.concat([Buffer.from(head, 'utf8'), part.data, Buffer.from(tail, 'utf8')]),
		contentType: `multipart/form-data; boundary=${boundary}`,
	};
}
