/**
 * Get Import Status and Wait for Completion against a server without the job status call
 * (the sandbox's `no-endpoint` fault: Spring Boot's 404 for a path it has no route for), and
 * against one with it, where an unknown job is a plain "not found".
 */
import { MISSING_STATUS_ENDPOINT } from '../../nodes/CrmLead/actions/common/importStatus';
import { runNode } from '../../scripts/runNode';
import { useSandbox } from '../helpers/sandbox';
import { buildSheet, fileInput } from '../helpers/workbook';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const env = useSandbox({ faults: true });
const run = (parameters: Record<string, unknown>, items?: Parameters<typeof runNode>[0]['items']) =>
	runNode({ credentials: env.credentials, parameters: { resource: 'importExport', ...parameters }, items });
const withoutStatusCall = () => env.sandbox.injectFault({ mode: 'no-endpoint', pathIncludes: 'asyncimportdata2/' });
afterEach(() => env.sandbox.clearFaults());

async function uploadedFileId(): Promise<string> {
	const file = await buildSheet([['标识', '类型', '名称'], ['status-1', 'lead', 'Status one']]);
	const upload = await run({ operation: 'uploadFile' }, [fileInput(file, 'labels.xlsx', XLSX)]);
	return upload.items[0].json.id as string;
}

test('Get Import Status on a server without the call: an error that names the missing call, kind invalidRequest, HTTP 404', async () => {
	withoutStatusCall();
	const { error } = await run({ operation: 'getImportStatus', jobId: 'job-1' });
	expect(error?.message).toBe(MISSING_STATUS_ENDPOINT);
	expect(error?.message).toBe('This server has no import status endpoint (GET crm_leads/asyncimportdata2/{jobid} answered 404)');
	expect(error?.description).toMatch(/Wait for Completion need a server that reports import jobs/);
	expect(error?.context?.errorKind).toBe('invalidRequest');
	expect((error as { httpCode?: string } | undefined)?.httpCode).toBe('404');
});

test('Start Async Import with Wait for Completion on such a server: the job starts, then the same error', async () => {
	const fileId = await uploadedFileId();
	withoutStatusCall();
	const { error } = await run({ operation: 'startAsyncImport', fileId, schemaId: 'labels', options: { waitForCompletion: true, pollIntervalMs: 100 } });
	expect(error?.message).toBe(MISSING_STATUS_ENDPOINT);
	// Without waiting, the same server starts the job and answers with it.
	const started = await run({ operation: 'startAsyncImport', fileId, schemaId: 'labels' });
	expect(started.error).toBeUndefined();
	expect(started.items[0].json).toMatchObject({ jobid: expect.any(String), status: 'running' });
});

test('on a server with the call, an unknown job is "not found", not a missing endpoint', async () => {
	const { error } = await run({ operation: 'getImportStatus', jobId: 'no-such-job' });
	expect(error?.message).not.toBe(MISSING_STATUS_ENDPOINT);
	expect(error?.context?.errorKind).toBe('notFound');
	expect(error?.message).toMatch(/no-such-job/);
});
