/**
 * User Name & Password is the default Authentication for new credentials, and credentials saved
 * while Access Token was the default keep their token. Run through n8n's own NodeHelpers the way
 * n8n 2.41 handles credential data (read in its dist):
 * - the editor saves only non-default values: getNodeParameters(properties, data, false, false)
 *   (CredentialEdit's save);
 * - a node gets the stored values with defaults filled in and fields hidden by display options
 *   dropped: getNodeParameters(properties, stored, true, false) (CredentialsHelper.applyDefaultsAndOverwrites).
 */
import type { ICredentialDataDecryptedObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { CrmLeadApi } from '../../credentials/CrmLeadApi.credentials';
import { authenticationMode, currentToken } from '../../credentials/common/authHeaders';

const credential = new CrmLeadApi();
const { properties } = credential;

const saved = (form: INodeParameters) => NodeHelpers.getNodeParameters(properties, form, false, false, null, null) as INodeParameters;
const atRunTime = (stored: INodeParameters) =>
	NodeHelpers.getNodeParameters(properties, stored, true, false, null, null) as ICredentialDataDecryptedObject;
/** The form of a new credential: every default. */
const newForm = () => NodeHelpers.getNodeParameters(properties, {}, true, false, null, null) as INodeParameters;
/** Which fields the editor shows for these values. */
const shown = (values: INodeParameters) =>
	properties.filter((p) => p.type !== 'hidden' && NodeHelpers.displayParameter(values, p, null, null)).map((p) => p.name);

async function sentHeaders(stored: INodeParameters) {
	const options = await credential.authenticate(atRunTime(stored), { url: 'https://crm.example.com/api/crm_leads/L1' });
	return options.headers;
}

test('a new credential starts on User Name & Password, listed first and called recommended', () => {
	const form = newForm();
	expect(form.authentication).toBe('password');
	expect(shown(form)).toEqual(expect.arrayContaining(['authentication', 'loginPath', 'username', 'password']));
	expect(shown(form)).not.toContain('accessToken');
	expect(shown(form)).not.toContain('savedModeNotice');
	const options = properties.find((p) => p.name === 'authentication')?.options as Array<{ name: string; description: string }>;
	expect(options[0]).toMatchObject({ name: 'User Name & Password', description: expect.stringMatching(/^Recommended/) });
});

test('a new User Name & Password credential is stored without an Authentication value and runs as User Name & Password', async () => {
	const stored = saved({ ...newForm(), baseUrl: 'https://crm.example.com/api', username: 'alice', password: 'S3cret-pass!' });
	expect(stored).toEqual({ baseUrl: 'https://crm.example.com/api', username: 'alice', password: 'S3cret-pass!' });
	expect(authenticationMode(atRunTime(stored))).toBe('password');
	expect(await sentHeaders({ ...stored, sessionToken: 'jwt.of.login' })).toEqual({ Authorization: 'Bearer jwt.of.login' });
});

test('a new Access Token credential stores its choice and its token', async () => {
	const stored = saved({ ...newForm(), baseUrl: 'https://crm.example.com/api', authentication: 'accessToken', accessToken: 'tok-new' });
	expect(stored).toMatchObject({ authentication: 'accessToken', accessToken: 'tok-new' });
	expect(authenticationMode(atRunTime(stored))).toBe('accessToken');
	expect(await sentHeaders(stored)).toEqual({ Authorization: 'Bearer tok-new' });
});

describe('credentials saved while Access Token was the default (0.1.0–0.3.x)', () => {
	// What the editor of those versions stored for a token credential (the installer suite saves the same).
	const tokenCredential = { baseUrl: 'https://crm.example.com/api', accessToken: 'tok-old', timeZone: 'Asia/Shanghai' };

	test('keep sending their token: n8n fills in the new default, the hidden field keeps the token', async () => {
		const runtime = atRunTime(tokenCredential);
		expect(runtime.authentication).toBe('password'); // what n8n now fills in …
		expect(runtime.accessToken).toBe('tok-old'); // … and the token is not dropped with the hidden field
		expect(authenticationMode(runtime)).toBe('accessToken');
		expect(currentToken(runtime)).toBe('tok-old');
		expect(await sentHeaders(tokenCredential)).toEqual({ Authorization: 'Bearer tok-old' });
	});

	test('the editor says so when it opens one, and saving it unchanged keeps the token', async () => {
		const opened = { ...newForm(), ...tokenCredential };
		expect(shown(opened)).toContain('savedModeNotice');
		const resaved = saved(opened);
		expect(resaved.accessToken).toBe('tok-old');
		expect(await sentHeaders(resaved)).toEqual({ Authorization: 'Bearer tok-old' });
	});

	test('filling in a user name switches to User Name & Password', () => {
		const switched = saved({ ...newForm(), ...tokenCredential, username: 'alice', password: 'S3cret-pass!' });
		expect(authenticationMode(atRunTime(switched))).toBe('password');
	});

	test('User Name & Password credentials (authentication stored then) stay as they are', () => {
		const stored = { baseUrl: 'https://crm.example.com/api', authentication: 'password', username: 'alice', password: 'S3cret-pass!' };
		expect(authenticationMode(atRunTime(stored))).toBe('password');
	});
});

test('without the hidden field, n8n would drop an old credential’s token (why it exists)', () => {
	const visibleOnly = properties.filter((p) => !(p.name === 'accessToken' && p.type === 'hidden'));
	const runtime = NodeHelpers.getNodeParameters(visibleOnly, { baseUrl: 'x', accessToken: 'tok-old' }, true, false, null, null);
	expect(runtime?.accessToken).toBeUndefined();
});
