/* eslint-disable @n8n/community-nodes/no-restricted-globals -- development code: runs on Node, never published (CONTRIBUTING, "Lint") */
/** Uploaded files (ibizutil/upload) and the background imports that read them (asyncimportdata2). */
import { randomUUID } from 'node:crypto';
import { ApiError } from './apiErrors';
import type { LeadService } from './leads';
import type { LeadStore } from './store';
import { ImportRun, type ImportError, type ImportSchemaId } from './importer';
import { detectFormat, readUploadedTable } from './files/table';

export interface StoredUpload {
	id: string;
	name: string;
	size: number;
	data: Buffer;
}

export class UploadStore {
	private readonly files = new Map<string, StoredUpload>();

	save(name: string, data: Buffer): StoredUpload {
		const upload = { id: randomUUID().replace(/-/g, ''), name, size: data.length, data };
		this.files.set(upload.id, upload);
		return upload;
	}

	get(id: string): StoredUpload | undefined {
		return this.files.get(id);
	}
}

export interface ImportJobStatus {
	jobid: string;
	status: 'running' | 'finished' | 'failed';
	/** Unknown (null) until the file is parsed. */
	total: number | null;
	success: number;
	failed: number;
	errors: ImportError[];
	/** Why a failed job failed. */
	error?: string;
}

/** Rows imported per event-loop turn: small enough to keep the server responsive. */
const ROWS_PER_TURN = 250;

export class ImportJobs {
	private readonly jobs = new Map<string, ImportJobStatus>();
	private stopped = false;

	constructor(
		private readonly leads: LeadService,
		private readonly store: LeadStore,
	) {}

	/** Checks the format synchronously (a bad file is a 400 now), then imports in the background. */
	start(data: Buffer, schema: ImportSchemaId): ImportJobStatus {
		detectFormat(data);
		const job: ImportJobStatus = { jobid: randomUUID(), status: 'running', total: null, success: 0, failed: 0, errors: [] };
		this.jobs.set(job.jobid, job);
		setImmediate(() => void this.run(job, data, schema));
		return { ...job };
	}

	get(jobid: string): ImportJobStatus | undefined {
		const job = this.jobs.get(jobid);
		return job ? { ...job, errors: [...job.errors] } : undefined;
	}

	/** Stops background work (the store is about to close). */
	stop(): void {
		this.stopped = true;
	}

	private async run(job: ImportJobStatus, data: Buffer, schema: ImportSchemaId): Promise<void> {
		try {
			const table = await readUploadedTable(data);
			if (this.stopped) return;
			const run = new ImportRun(table, schema, this.leads, this.store);
			job.total = table.rows.length;
			while (!run.done) {
				run.step(ROWS_PER_TURN);
				Object.assign(job, { success: run.summary.success, failed: run.summary.failed, errors: run.summary.errors });
				await new Promise<void>((resolve) => setImmediate(resolve));
				if (this.stopped) return;
			}
			job.status = 'finished';
		} catch (error) {
			if (this.stopped) return;
			job.status = 'failed';
			job.error = error instanceof ApiError ? error.detail : (error as Error).message;
		}
	}
}
