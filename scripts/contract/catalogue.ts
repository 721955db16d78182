/**
 * Every behaviour the contract check reports, in report order. A check may only record a
 * behaviour listed here, and every behaviour listed here appears in the report (as SKIPPED
 * when nothing reached it), so the report's shape does not depend on how far a run got.
 */
import { LEAD_FILTERS } from '../../nodes/CrmLead/fields/leadFields';

export interface Behaviour {
	id: string;
	group: string;
	title: string;
	/** Section of docs/api/CONTRACT.md (or of docs/api/IBIZ-FLAVOURS.md) the expectation comes from. */
	contract: string;
}

const AUTH = 'Auth and permissions';
const RECORDS = 'Records';
const VALUES = 'Values on the wire';
const ERRORS = 'Errors';
export const LIST_GROUP = 'Lists (fetch_default)';
const MESSAGES = 'Messages';
const FILES = 'Files';

const b = (group: string, contract: string) => (id: string, title: string): Behaviour => ({ id, group, title, contract });
const auth = b(AUTH, 'Base URL and auth');
const login = b(AUTH, 'IBIZ-FLAVOURS.md: Login and tokens');
const tenant = b(AUTH, 'IBIZ-FLAVOURS.md: Tenant rule');
const flavourRecords = b(RECORDS, 'IBIZ-FLAVOURS.md: check_key and deleted keys');
const flavourErrors = b(ERRORS, 'IBIZ-FLAVOURS.md: Errors');
const arrays = b(RECORDS, 'IBIZ-FLAVOURS.md: Arrays');
const records = b(RECORDS, 'Records');
const values = b(VALUES, 'Records (types on the wire)');
const errors = b(ERRORS, 'Errors');
const lists = b(LIST_GROUP, 'Lists');
const messages = b(MESSAGES, 'Records (message_post_with_source)');
const files = b(FILES, 'Files');

export const FILTER_BEHAVIOUR_PREFIX = 'list.filter.';

export const BEHAVIOURS: readonly Behaviour[] = [
	login('login.token', 'The login answers a token (cloud {token, expirein} or classic {token, user})'),
	login('login.wrong-password', 'A wrong password is refused (cloud: HTTP 500 code 1; classic: HTTP 400)'),
	auth('auth.token-accepted', 'A request with the token succeeds'),
	auth('auth.no-token', 'A request without a token gets 401'),
	auth('auth.bad-token', 'A request with a wrong token gets 401'),
	login('auth.expired-token', 'A token whose exp has passed (its signature no longer matching) gets 401'),
	auth('auth.error-shape', "The 401 answer has a known shape (classic problem JSON, or cloud's empty body)"),
	tenant('auth.tenant-required', 'Without srfsystemid and srforgid an ordinary user gets 403 (cloud; classic has no tenant rule)'),
	auth('readonly.read', 'The read-only token can read'),
	auth('readonly.create-403', 'The read-only token gets 403 on a create'),
	auth('readonly.delete-403', 'The read-only token gets 403 on a delete'),

	records('create.with-id', 'Create with an id stores the record under that id and returns it'),
	records('create.without-id', 'Create without an id: the server generates one'),
	records('create.duplicate-id', 'Create with an id that exists already is refused (409; cloud: HTTP 500 duplicate value)'),
	records('get.all-fields', 'GET returns every field of the create table (91)'),
	records('get.audit-fields', 'GET returns create_date, create_uid, write_date, write_uid, stamped by the server'),
	records('update.partial', 'PUT writes the fields given, keeps the absent ones and returns the record'),
	records('update.missing', 'PUT on a missing key gets 404 (cloud: HTTP 500 code 3)'),
	records('save.creates', 'save creates the record when its id is new'),
	records('save.updates', 'save updates the record when its id exists'),
	arrays('save.array', 'Several leads in one request: save answers their records in order (cloud), or savebatch answers true (classic)'),
	arrays('save.array-failure', 'An array with a failing lead answers an error; cloud keeps the leads before it, classic none'),
	records('draft.values', 'get_draft returns a record with defaults and the values given'),
	records('draft.stores-nothing', 'get_draft stores nothing'),
	records('check-key.exists', 'check_key answers the integer 1 for an existing id'),
	records('check-key.missing', 'check_key answers the integer 0 for an unknown id'),
	records('check-key.no-id', 'check_key answers the integer 0 for a body without id'),
	records('delete.returns-true', 'DELETE answers 200 with the body true'),
	records('delete.then-404', 'GET after DELETE gets 404 (cloud: HTTP 500 code 3)'),
	flavourRecords('check-key.deleted', 'check_key after a DELETE answers 0, or 2 = deleted (cloud)'),
	records('delete.missing', 'DELETE of a missing key gets 404 (cloud: HTTP 500 code 3)'),

	values('values.timestamps', 'Timestamps are strings "yyyy-MM-dd HH:mm:ss" and round-trip unchanged'),
	values('values.integer-flags', 'Integer flags are the numbers 0/1 and round-trip'),
	values('values.numbers', 'Double and BigDecimal fields are JSON numbers and round-trip'),
	values('values.object-fields', 'Object fields round-trip any JSON'),

	errors('errors.not-found', 'GET of a missing key gets 404 (cloud: HTTP 500 code 3)'),
	flavourErrors('errors.shape', 'Error answers have a known shape (classic problem JSON, or cloud {type, code, message}) with a readable message'),
	errors('errors.validation', 'An invalid field value is refused naming the field (400; cloud: HTTP 500)'),
	errors('errors.required-type', "Create without 'type' is refused naming the field (400; cloud: HTTP 500)"),

	lists('list.paging-headers', 'x-page, x-per-page and x-total are present and consistent with the page served'),
	lists('list.page-zero-based', 'page is 0-based'),
	lists('list.size', 'size is honoured'),
	lists('list.default-size', 'size defaults to 20'),
	lists('list.sort-asc', 'sort "name,asc" orders ascending'),
	lists('list.sort-desc', 'sort "name,desc" orders descending'),
	lists('list.sort-multi', 'sort "type,asc;name,desc" applies both keys in order'),
	...LEAD_FILTERS.map((f) =>
		lists(
			`${FILTER_BEHAVIOUR_PREFIX}${f.key}`,
			f.op === 'like' ? `Filter ${f.key} is accepted and matches a substring` : `Filter ${f.key} is accepted and matches exactly`,
		),
	),

	messages('message.post', 'message_post_with_source with a template reference returns the record'),

	files('import.template', 'importtemplate returns an xlsx with a file name whose header names importable columns'),
	files('import.data', 'importdata imports a file built from the template header'),
	files('import.data-counts', 'importdata answers with total / success / failed counts and per-row errors'),
	files('import.data2', 'importdata2 imports and returns an xlsx of the rows that failed'),
	files('import.upload', 'ibizutil/upload stores a file and returns its id'),
	files('import.async', 'asyncimportdata2 starts an import of an uploaded file and returns a job at once'),
	files('import.async-poll', 'The async import job can be polled (asyncimportdata2/{jobid}) and finishes'),
	files('export.list', 'exportdata/fetch_default returns an xlsx with a file name, holding the filtered records'),
	files('export.one', 'exportdata/fetch_default/{key} returns an xlsx of that record'),
	files('print.pdf', 'printdata with srfcontenttype=pdf returns a PDF'),
	files('report.document', 'report returns a document'),
];

export const BEHAVIOURS_BY_ID: ReadonlyMap<string, Behaviour> = new Map(BEHAVIOURS.map((x) => [x.id, x]));
