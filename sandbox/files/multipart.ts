/* eslint-disable @n8n/community-nodes/no-restricted-imports -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Reads the `file` part of a multipart/form-data upload into memory (busboy). */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { ApiError, malformedRequest } from '../apiErrors';

export interface UploadedFile {
	filename: string;
	mimeType: string;
	data: Buffer;
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function readMultipartFile(req: IncomingMessage, partName = 'file'): Promise<UploadedFile> {
	const contentType = req.headers['content-type'] ?? '';
	if (!/^multipart\/form-data/i.test(contentType)) {
		return Promise.reject(malformedRequest(`Expected a multipart/form-data body with a '${partName}' part (got Content-Type '${contentType}')`, 'missing_file'));
	}
	return new Promise((resolve, reject) => {
		let parser: busboy.Busboy;
		try {
			parser = busboy({ headers: req.headers, limits: { fileSize: MAX_FILE_BYTES } });
		} catch (error) {
			reject(malformedRequest(`Malformed multipart body: ${(error as Error).message}`, 'missing_file'));
			return;
		}
		let found: UploadedFile | undefined;
		let failure: ApiError | undefined;

		parser.on('file', (name, stream, info) => {
			if (name !== partName || found) {
				stream.resume();
				return;
			}
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('limit', () => {
				failure = new ApiError(413, 'payload_too_large', `The uploaded file exceeds ${MAX_FILE_BYTES} bytes`, '文件过大', { framework: true });
			});
			stream.on('end', () => {
				found = { filename: info.filename ?? 'upload', mimeType: info.mimeType, data: Buffer.concat(chunks) };
			});
		});
		// Some clients send the file content as a plain (filename-less) field.
		parser.on('field', (name, value) => {
			if (name === partName && !found) found = { filename: 'upload', mimeType: 'text/plain', data: Buffer.from(value, 'utf8') };
		});
		parser.on('error', (error: Error) => reject(malformedRequest(`Malformed multipart body: ${error.message}`, 'missing_file')));
		parser.on('close', () => {
			if (failure) reject(failure);
			else if (!found) reject(malformedRequest(`The multipart body has no '${partName}' part`, 'missing_file'));
			else resolve(found);
		});
		req.pipe(parser);
	});
}
